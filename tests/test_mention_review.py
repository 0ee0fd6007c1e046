"""Drawing a blind mention review and keeping its verdicts as references."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from countrystance.data import sentence_hash
from countrystance.mention_review import draw_review, review_references, write_batches
from countrystance.segment import flatten_breaks


def _corpora(tmp_path: Path) -> tuple[Path, Path]:
    speeches = tmp_path / "speeches.jsonl"
    speeches.write_text("\n".join(json.dumps(o) for o in [
        {"id": "FRA_1", "year": 1990, "text": "France supports the plan.\nMoscow warned Washington again. "
                                              "The weather was fine today."},
        {"id": "KEN_1", "year": 1991, "text": "Kenya thanks all delegations. We met in Nairobi last year."},
        {"id": "OLD_1", "year": 1980, "text": "This speech was reviewed before. Beijing said so."},
    ]) + "\n", encoding="utf-8")
    headlines = tmp_path / "headlines.jsonl"
    headlines.write_text("\n".join(json.dumps(o) for o in [
        {"id": "h1", "date": "2014-03-01", "text": "Kremlin denies troops in Crimea"},
        {"id": "h2", "date": "2014-03-02", "text": "Beijing warns Tokyo over islands"},
        {"id": "h3", "date": "2014-03-03", "text": "Rain expected this weekend"},
    ]) + "\n", encoding="utf-8")
    return speeches, headlines


def test_a_review_draws_random_and_capital_sentences_outside_earlier_documents(tmp_path: Path) -> None:
    speeches, headlines = _corpora(tmp_path)
    items = draw_review(speeches, headlines, seed=1, exclude_docs={"OLD_1"}, n_speech=2, n_headline=1,
                        n_capital=1)
    docs = {i["id"].rsplit("@", 1)[0] for i in items}
    assert "OLD_1" not in docs
    assert {i["part"] for i in items} == {"random", "capital"}
    assert all(any(f["kind"] == "capital" for f in i["finds"]) for i in items if i["part"] == "capital")
    assert len({i["id"] for i in items}) == len(items)
    paths = write_batches(items, tmp_path / "review", n_batches=2)
    shown = [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines()]
    assert sorted(s["id"] for s in shown) == sorted(i["id"] for i in items)
    assert all(set(s) == {"id", "date", "sentence", "finds"} for s in shown)


def test_verdicts_become_references_with_the_gold_of_the_readers(tmp_path: Path) -> None:
    text = "France supports the plan.\nMoscow warned Washington again, the French said."
    start = text.index("Moscow")
    sentence = flatten_breaks(text[start:])
    item = {"id": f"FRA_1@{start}", "corpus": "ungdc", "part": "random", "date": "1990", "sentence": sentence,
            "finds": [{"n": 1, "text": "Moscow", "start": 0, "target": "Russia", "kind": "capital"},
                      {"n": 2, "text": "Washington", "start": 14, "target": "United States", "kind": "capital"}]}
    answers = {item["id"]: {"id": item["id"], "finds": [{"n": 1, "verdict": "ok"}, {"n": 2, "verdict": "wrong"}],
                            "missed": [{"text": "French", "target": "french republic", "kind": "demonym"},
                                       {"text": "Paris", "target": "France", "kind": "capital"}]}}
    refs, counts = review_references([item], answers, {"ungdc": {"FRA_1": text}}, "v1")
    (ref,) = refs
    assert "sentence" not in ref
    assert (ref["sent_start"], ref["sent_end"]) == (start, len(text))
    assert ref["sent_sha1"] == sentence_hash(sentence)
    gold = [(sentence[m["start"]:m["end"]], m["judged"]) for m in ref["mentions"]]
    assert gold == [("Moscow", "ok"), ("French", "missed")]  # "wrong" is not gold; "Paris" is not in it
    assert counts["wrong"] == 1 and counts["missed_not_placed"] == 1
    assert ref["mentions"][1]["target"] == "France"  # a reader's name for the target, made canonical


def test_a_missing_answer_is_an_error(tmp_path: Path) -> None:
    item = {"id": "FRA_1@0", "corpus": "ungdc", "part": "random", "date": "1990", "sentence": "x", "finds": []}
    with pytest.raises(ValueError, match="no answer"):
        review_references([item], {}, {"ungdc": {"FRA_1": "x"}}, "v1")


def test_a_review_can_add_sentences_with_a_demonym_find(tmp_path: Path) -> None:
    speeches, headlines = _corpora(tmp_path)
    speeches.write_text(speeches.read_text(encoding="utf-8") + json.dumps(
        {"id": "GER_1", "year": 1992, "text": "The weather was fine. Russian troops left Germany. We thank you."})
        + "\n", encoding="utf-8")
    # more capital sentences asked for than exist: the capital part walks every document, and the
    # demonym part still draws from those it did not take
    items = draw_review(speeches, headlines, seed=3, n_speech=0, n_headline=0, n_capital=9, n_demonym=1)
    demonym = [i for i in items if i["part"] == "demonym"]
    assert [i["sentence"] for i in demonym] == ["Russian troops left Germany."]
    assert any(f["kind"] == "demonym" and f["text"] == "Russian" for f in demonym[0]["finds"])
    assert {i["id"].rsplit("@", 1)[0] for i in items if i["part"] == "capital"}.isdisjoint({"GER_1"})


def test_a_review_can_add_sentences_with_a_capital_the_finder_drops(tmp_path: Path) -> None:
    speeches, headlines = _corpora(tmp_path)
    items = draw_review(speeches, headlines, seed=5, n_speech=0, n_headline=0, n_capital=0, n_capital_dropped=5)
    dropped = {i["sentence"]: i for i in items if i["part"] == "capital_dropped"}
    # "in Nairobi" is a place: the finder drops it, so the sentence is drawn, with no capital find;
    # "Moscow warned Washington" and "Beijing warns Tokyo" keep their capitals and are not drawn
    assert set(dropped) == {"We met in Nairobi last year."}
    assert not any(f["kind"] == "capital" for f in dropped["We met in Nairobi last year."]["finds"])


def test_a_review_can_add_capital_finds_from_reviewed_documents_but_not_shown_sentences(tmp_path: Path) -> None:
    speeches, headlines = _corpora(tmp_path)
    speeches.write_text(speeches.read_text(encoding="utf-8") + json.dumps(
        {"id": "OLD_2", "year": 1981, "text": "Moscow warned Peking. Pretoria refused again."}) + "\n", encoding="utf-8")
    shown = {sentence_hash("Moscow warned Peking.")}  # an earlier review showed this one
    items = draw_review(speeches, headlines, seed=2, exclude_docs={"OLD_1", "OLD_2"}, n_speech=0, n_headline=0,
                        n_capital=0, n_capital_kept=9, exclude_sentences=shown)
    kept = {i["sentence"] for i in items if i["part"] == "capital_kept"}
    # reviewed documents (OLD_1, OLD_2) count, one sentence per document, never a shown sentence
    assert {"Beijing said so.", "Pretoria refused again."} <= kept
    assert "Moscow warned Peking." not in kept
    assert all(any(f["kind"] == "capital" for f in i["finds"]) for i in items)
    assert len({i["id"].rsplit("@", 1)[0] for i in items}) == len(items)


def test_a_review_can_draw_random_sentences_from_reviewed_documents_but_not_shown_ones(tmp_path: Path) -> None:
    speeches, headlines = _corpora(tmp_path)
    every_doc = {"FRA_1", "KEN_1", "OLD_1", "h1", "h2", "h3"}
    shown = {sentence_hash("This speech was reviewed before."), sentence_hash("Kremlin denies troops in Crimea")}
    items = draw_review(speeches, headlines, seed=4, exclude_docs=every_doc, n_speech=20, n_headline=10,
                        n_capital=0, exclude_sentences=shown, reuse_documents=True)
    drawn = {i["sentence"] for i in items}
    # every document was reviewed before: the random part still draws, two sentences per speech
    # and one per headline, but never a sentence a review has shown
    france = {"France supports the plan.", "Moscow warned Washington again.", "The weather was fine today."}
    assert len(drawn & france) == 2
    assert drawn - france == {"Kenya thanks all delegations.", "We met in Nairobi last year.", "Beijing said so.",
                              "Beijing warns Tokyo over islands", "Rain expected this weekend"}
    assert {i["part"] for i in items} == {"random"}
    # without reuse_documents the same call has nothing left to draw
    assert draw_review(speeches, headlines, seed=4, exclude_docs=every_doc, n_speech=20, n_headline=10,
                       n_capital=0, exclude_sentences=shown) == []
