"""The mention sets kept as references (data/mentions/): well-formed without the corpus."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from countrystance.targets import MentionFinder

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_FILES = sorted((ROOT / "data" / "mentions").glob("real_*.jsonl")) + sorted(
    (ROOT / "data" / "mentions" / "reviews").glob("review*.jsonl"))
KINDS = {"name", "abbreviation", "capital", "demonym", "leader"}


def test_the_review_references_are_there() -> None:
    assert [p.name for p in REFERENCE_FILES if p.parent.name == "reviews"] == [
        f"review{r}.jsonl" for r in range(21, 52)]


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda p: p.name)
def test_reference_records_are_well_formed(path: Path) -> None:
    targets = set(MentionFinder().targets())
    ids = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        rec = json.loads(line)
        where = f"{path.name}:{lineno}"
        assert rec["id"] not in ids, where
        ids.add(rec["id"])
        assert rec["corpus"] in ("ungdc", "headlines"), where
        assert "sentence" not in rec, f"{where}: references must not carry the corpus text"
        assert isinstance(rec["sent_start"], int) and rec["sent_end"] > rec["sent_start"] >= 0, where
        assert re.fullmatch(r"[0-9a-f]{16}", rec["sent_sha1"]), where
        length = rec["sent_end"] - rec["sent_start"]
        spans = sorted((m["start"], m["end"]) for m in rec["mentions"])
        for m in rec["mentions"]:
            assert 0 <= m["start"] < m["end"] <= length, where
            assert m["kind"] in KINDS, where
            assert m["target"] in targets, f"{where}: unknown target {m['target']!r}"
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), f"{where}: overlapping spans"
