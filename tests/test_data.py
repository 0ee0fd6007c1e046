"""Reading labelled data: our format, NewsMTSC, UN references; bad files name file, line, field."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from countrystance.data import (
    DataError,
    normalise_document,
    read_contract,
    read_examples,
    read_newsmtsc,
    read_refs,
    sentence_hash,
    to_dataset,
)
from countrystance.labels import STANCE_LABELS, LabelError, LabelSet

from .conftest import FIXTURES

LABELS = LabelSet.of(STANCE_LABELS)


def write_lines(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


def test_contract_fixture_reads_into_a_dataset() -> None:
    ex = read_contract(FIXTURES / "stance_train.jsonl", LABELS)
    assert len(ex) == 24
    first = ex[0]
    assert first.sentence[first.spans[0][0]: first.spans[0][1]] == "Ukraine"
    ds = to_dataset(ex, LABELS)
    assert ds.num_rows == 24
    assert set(ds["label"]) == {0, 1, 2}
    assert ds[0]["label_name"] == "hostile" and ds[0]["label"] == LABELS.id("hostile")


def test_contract_spans_from_mention_or_all_spans(tmp_path: Path) -> None:
    f = write_lines(tmp_path / "x.jsonl", [
        {"sentence": "Iran said Iran would talk.", "target": "Iran", "label": "neutral",
         "mention": "Iran"},
        {"sentence": "Iran said Iran would talk.", "target": "Iran", "label": "neutral",
         "spans": [[0, 4], [10, 14]]},
        {"sentence": "Iran said so.", "target": "Iran"},
    ])
    a, b, c = read_contract(f, None)
    assert a.spans == [[0, 4]]
    assert b.spans == [[0, 4], [10, 14]]
    assert c.label_name is None and c.spans == []


@pytest.mark.parametrize(("row", "expected"), [
    ({"target": "Iran", "label": "neutral"}, ":1: missing field 'sentence'"),
    ({"sentence": "Iran talks.", "label": "neutral"}, ":1: missing field 'target'"),
    ({"sentence": "Iran talks.", "target": "Iran", "label": "hostil"}, ":1: field 'label'.*'hostil'"),
    ({"sentence": "Iran talks.", "target": "Iran"}, ":1: missing field 'label'"),
    ({"sentence": "Iran talks.", "target": "Iran", "label": "neutral", "start": 0, "end": 99},
     ":1: field 'start/end'"),
    ({"sentence": "Iran talks.", "target": "Iran", "label": "neutral", "mention": "Iraq",
      "start": 0, "end": 4}, ":1: field 'mention'"),
    ({"sentence": "Iran talks.", "target": "Iran", "label": "neutral", "mention": "Iraq"},
     ":1: field 'mention'.*does not occur"),
    ({"sentence": 5, "target": "Iran", "label": "neutral"}, ":1: field 'sentence' must be str"),
    ({"sentence": "  ", "target": "Iran", "label": "neutral"}, ":1: field 'sentence' is empty"),
])
def test_bad_contract_rows_name_file_line_and_field(tmp_path: Path, row: dict, expected: str) -> None:
    f = write_lines(tmp_path / "bad.jsonl", [row])
    with pytest.raises(DataError, match=expected) as err:
        read_contract(f, LABELS)
    assert str(f) in str(err.value)


def test_bad_json_names_the_line(tmp_path: Path) -> None:
    good = {"sentence": "Iran talks.", "target": "Iran", "label": "neutral"}
    f = write_lines(tmp_path / "bad.jsonl", [good, "", '{"sentence": "oops"', good])
    with pytest.raises(DataError, match=r"bad.jsonl:3: not valid JSON"):
        read_contract(f, LABELS)


def _write_bytes(path: Path, data: bytes) -> Path:
    if path.suffix.lower() == ".gz":
        with gzip.open(path, "wb") as fh:
            fh.write(data)
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".JSONL.GZ"])
def test_bad_utf8_names_its_own_line_not_the_first(tmp_path: Path, suffix: str) -> None:
    # A text-mode reader decodes ahead in chunks, so this used to be reported as line 1.
    good = {"sentence": "Iran talks in Genève.", "target": "Iran", "label": "neutral"}
    lines = [json.dumps(good, ensure_ascii=False).encode("utf-8") + b"\r\n" for _ in range(12)]
    bad = b'{"sentence": "Caf\xe9 in Iran", "target": "Iran", "label": "neutral"}\r\n'
    path = _write_bytes(tmp_path / f"test_badutf{suffix}", b"".join([*lines[:9], bad, *lines[10:]]))
    offset = sum(len(line) for line in lines[:9]) + len(b'{"sentence": "Caf')
    with pytest.raises(DataError) as err:
        read_contract(path, LABELS)
    assert str(err.value) == (
        f"{path}:10: not valid UTF-8 at column 18 (byte 0xe9 at byte offset {offset} of the file: "
        "invalid continuation byte)"
    )
    # without the bad byte, CRLF lines with non-ASCII text read as before
    path = _write_bytes(tmp_path / f"good{suffix}", b"".join(lines))
    assert [e.sentence for e in read_contract(path, LABELS)] == ["Iran talks in Genève."] * 12


def test_truncated_gzip_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    row = json.dumps({"sentence": "Iran talks.", "target": "Iran", "label": "neutral"})
    path.write_bytes(gzip.compress((row + "\n").encode() * 3)[:-12])
    with pytest.raises(DataError, match=r"cut.jsonl.gz:\d+: the file is corrupt or truncated after line \d+"):
        read_contract(path, LABELS)


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="file not found"):
        read_contract(tmp_path / "nope.jsonl", LABELS)
    with pytest.raises(DataError, match="unknown data format 'xml'"):
        read_examples(FIXTURES / "stance_train.jsonl", "xml", LABELS)


def test_newsmtsc_polarity_is_mapped_by_config() -> None:
    stance = read_newsmtsc(FIXTURES / "newsmtsc_sample.jsonl", LABELS,
                           {"negative": "hostile", "neutral": "neutral", "positive": "supportive"})
    assert [(e.target, e.label_name) for e in stance] == [
        ("governor", "supportive"), ("Senator Smith", "neutral"), ("mayor", "hostile")]
    assert stance[0].sentence[slice(*stance[0].spans[0])] == "governor"
    sentiment = LabelSet.of(["negative", "neutral", "positive"])
    kept = read_newsmtsc(FIXTURES / "newsmtsc_sample.jsonl", sentiment,
                         {"negative": "negative", "neutral": "neutral", "positive": "positive"})
    assert [e.label_name for e in kept] == ["positive", "neutral", "negative"]


def test_newsmtsc_bad_records(tmp_path: Path) -> None:
    rec = {"primary_gid": "x", "sentence_normalized": "The mayor spoke.",
           "targets": [{"from": 4, "to": 9, "mention": "mayor", "polarity": 5.0}]}
    f = write_lines(tmp_path / "n.jsonl", [rec])
    with pytest.raises(DataError, match=r"n.jsonl:1: targets\[0\]: field 'polarity'"):
        read_newsmtsc(f, LABELS, {"negative": "hostile", "neutral": "neutral", "positive": "supportive"})
    rec["targets"][0]["polarity"] = 6.0
    f = write_lines(tmp_path / "n.jsonl", [rec])
    with pytest.raises(DataError, match="newsmtsc_label_map"):
        read_newsmtsc(f, LABELS, {"negative": "hostile"})


def _corpus(tmp_path: Path) -> tuple[Path, str]:
    text = "\ufeffWe thank Norway for its help.\nWe condemn the\nblockade of Cuba."
    path = tmp_path / "speeches.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "ABC_1_2000", "speaker_country": "ABC", "year": 2000,
                             "text": text}) + "\n")
    return path, normalise_document(text)


def test_references_join_with_the_corpus(tmp_path: Path) -> None:
    corpus, norm = _corpus(tmp_path)
    s0 = norm.index("We condemn")
    s1 = len(norm)
    sentence = norm[s0:s1].replace("\n", " ")
    assert sentence == "We condemn the blockade of Cuba."
    ref = {"id": "r1", "doc_id": "ABC_1_2000", "sent_start": s0, "sent_end": s1,
           "sent_sha1": sentence_hash(sentence), "target": "Cuba",
           "spans": [[sentence.index("Cuba"), sentence.index("Cuba") + 4]], "label": "supportive"}
    refs = write_lines(tmp_path / "refs.jsonl", [ref])
    (ex,) = read_refs(refs, LABELS, corpus)
    assert ex.sentence == sentence and ex.target == "Cuba" and ex.label_name == "supportive"
    assert ex.date == "2000" and ex.extra["speaker_country"] == "ABC"

    ref["sent_sha1"] = "0" * 16  # the corpus changed under the reference
    refs = write_lines(tmp_path / "refs.jsonl", [ref])
    with pytest.raises(DataError, match=r"refs.jsonl:1: .*hash mismatch"):
        read_refs(refs, LABELS, corpus)
    ref["doc_id"] = "XYZ_1_2000"
    refs = write_lines(tmp_path / "refs.jsonl", [ref])
    with pytest.raises(DataError, match="document 'XYZ_1_2000' is not in the corpus"):
        read_refs(refs, LABELS, corpus)
    with pytest.raises(DataError, match="needs the corpus path"):
        read_refs(refs, LABELS, None)


def test_label_set_maps_and_rejects() -> None:
    labels = LabelSet.of(["hostile", "neutral", "supportive"])
    assert labels.id2label == {0: "hostile", 1: "neutral", 2: "supportive"}
    assert LabelSet.from_id2label({"1": "neutral", "0": "hostile", "2": "supportive"}) == labels
    assert labels.prob_columns() == ["p_hostile", "p_neutral", "p_supportive"]
    with pytest.raises(LabelError):
        labels.id("angry")
    with pytest.raises(LabelError):
        LabelSet.of(["a", "a"])
    with pytest.raises(LabelError):
        LabelSet.of(["not a word", "b"])


def test_an_unlabelled_copy_of_a_labelled_pair_is_left_out(tmp_path: Path) -> None:
    from countrystance.config import DataSource
    from countrystance.data import load_sources

    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text(json.dumps({"sentence": "Chile thanked Peru.", "target": "Peru", "label": "supportive"}) + "\n")
    unlabelled = tmp_path / "unlabelled.jsonl"
    unlabelled.write_text("".join(json.dumps({"sentence": s, "target": t}) + "\n" for s, t in [
        ("Chile thanked Peru.", "Peru"),  # labelled above: learnt from its label only
        ("Chile thanked Peru.", "Chile"),  # another target of the same sentence stays
        ("Oslo condemned the raid.", "Norway"),
    ]))
    out = load_sources([DataSource(path=str(unlabelled), unlabelled=True), DataSource(path=str(labelled))],
                       LabelSet.of(list(STANCE_LABELS)), label_map={})
    assert [(e.target, e.label_name) for e in out] == [("Chile", None), ("Norway", None), ("Peru", "supportive")]


def test_spans_must_agree_with_mention_and_start_end(tmp_path: Path) -> None:
    base = {"sentence": "Washington imposed sanctions on Iranian banks.", "target": "Iran",
            "label": "hostile"}
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps({**base, "mention": "Iranian", "spans": [[0, 10]]}) + "\n")
    with pytest.raises(DataError, match=r"s.jsonl:1: field 'mention' 'Iranian' is none of the 'spans'"):
        read_contract(path, LabelSet.of(STANCE_LABELS))
    path.write_text(json.dumps({**base, "start": 32, "end": 39, "spans": [[0, 10]]}) + "\n")
    with pytest.raises(DataError, match=r"'start'/'end' \[32, 39\] is none of the 'spans'"):
        read_contract(path, LabelSet.of(STANCE_LABELS))
    path.write_text(json.dumps({**base, "mention": "Iranian", "start": 32, "end": 39,
                                "spans": [[32, 39]]}) + "\n")
    assert read_contract(path, LabelSet.of(STANCE_LABELS))[0].spans == [[32, 39]]


def test_a_byte_order_mark_is_not_part_of_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    line = json.dumps({"sentence": "Kenya thanked Ghana.", "target": "Ghana", "label": "supportive",
                       "mention": "Ghana"})
    path.write_bytes(b"\xef\xbb\xbf" + line.encode() + b"\n" + line.encode() + b"\n")
    assert [e.spans for e in read_contract(path, LabelSet.of(STANCE_LABELS))] == [[[14, 19]]] * 2


def test_a_negative_limit_is_a_data_error() -> None:
    from types import SimpleNamespace

    from countrystance.data import load_sources

    src = SimpleNamespace(path=str(FIXTURES / "stance_train.jsonl"), format="contract", corpus=None,
                          unlabelled=False, limit=-5, repeat=1)
    with pytest.raises(DataError, match="stance_train.jsonl: limit must be >= 0"):
        load_sources([src], LabelSet.of(STANCE_LABELS), label_map={})
