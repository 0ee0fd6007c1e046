"""scripts/benchmark_mentions.py: comparing two runs' finds with the gold's verdict."""

from __future__ import annotations

import json
from pathlib import Path

from countrystance.targets import MentionFinder

from .conftest import load_script

RECORDS = [
    {"id": "r1", "sentence": "Washington warned Paris.", "date": "2015",
     "mentions": [{"start": 0, "end": 10, "target": "United States", "kind": "capital", "judged": "ok"},
                  {"start": 18, "end": 23, "target": "France", "kind": "capital", "judged": "missed"}]},
    {"id": "r2", "sentence": "The Paris Agreement.", "date": "2015", "mentions": []},
]


def test_compare_says_which_changes_the_gold_supports() -> None:
    bm = load_script("benchmark_mentions")
    before = {"r1": [[0, 10, "United States", "capital"]], "r2": [[4, 9, "France", "capital"]]}
    after = {"r1": [[0, 10, "United States", "capital"], [18, 23, "France", "capital"]], "r2": []}
    counts, lines = bm.compare_finds(RECORDS, before, after)
    assert counts == {"added gold": 1, "dropped not gold": 1}
    assert lines[0].startswith("+ [r1] 'Paris' -> France (gold: missed)")
    assert lines[1].startswith("- [r2] 'Paris' -> France (gold: no)")
    assert bm.compare_finds(RECORDS, after, after) == ({}, [])


def test_save_and_compare_round_trip(tmp_path: Path, capsys) -> None:
    bm = load_script("benchmark_mentions")
    data = tmp_path / "set.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    saved = tmp_path / "finds.jsonl"
    assert bm.main(["--data", str(data), "--sentences", "0", "--errors", "0", "--save-finds", str(saved)]) == 0
    rows = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["r1", "r2"]
    assert [0, 10, "United States", "capital"] in rows[0]["finds"]
    capsys.readouterr()
    assert bm.main(["--data", str(data), "--sentences", "0", "--errors", "0", "--compare", str(saved)]) == 0
    assert "no change" in capsys.readouterr().out


def test_case_check_counts_what_changes_in_another_case() -> None:
    bm = load_script("benchmark_mentions")
    records = [{"id": "a", "sentence": "New Zealand and Sri Lanka sign a deal.", "date": "2015"},
               {"id": "b", "sentence": "Nothing to see here.", "date": "2015"}]  # no find: not counted
    result = bm.case_check(records, MentionFinder())
    assert set(result) == {"upper", "lower", "title"}
    assert result["upper"] == {"sentences": 1, "finds": 2, "changed": 0, "lost": 0, "gained": 0}

    class CaseBlind(MentionFinder):  # a finder that reads only capitalised names
        def find(self, text, date=None):
            return [] if text.isupper() else super().find(text, date)

    assert bm.case_check(records, CaseBlind())["upper"] == {
        "sentences": 1, "finds": 2, "changed": 1, "lost": 2, "gained": 0}
