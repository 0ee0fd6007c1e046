"""Readers stream every format (gzipped too) and turn bad records into rejects with a reason."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from countrystance.readers import Article, FieldMap, InputError, Rejected, iter_articles

RECORDS = [
    {"id": "a1", "text": "Kenya thanked Ghana.", "date": "2020-01-02", "outlet": "Wire"},
    {"id": "a2", "text": "Peru and Chile met.", "date": "2021-05-06", "outlet": "Daily"},
]
FIELDS = FieldMap(metadata_fields=("outlet",))


def _jsonl(path: Path, rows: list, gz: bool = False) -> Path:
    data = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows).encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def _csv(path: Path, rows: list[dict], gz: bool = False) -> Path:
    opener = gzip.open if gz else open
    with opener(path, "wt", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def _articles(path: Path, fmt: str = "auto", fields: FieldMap = FIELDS) -> list:
    return list(iter_articles(path, fmt, fields))


@pytest.mark.parametrize("gz", [False, True])
def test_jsonl_and_csv_stream_with_metadata(tmp_path: Path, gz: bool) -> None:
    suffix = ".gz" if gz else ""
    for path in (_jsonl(tmp_path / f"a.jsonl{suffix}", RECORDS, gz),
                 _csv(tmp_path / f"a.csv{suffix}", RECORDS, gz)):
        got = _articles(path)
        assert [a.id for a in got] == ["a1", "a2"]
        assert got[1].text == "Peru and Chile met." and got[1].date == "2021-05-06"
        assert got[0].metadata == {"outlet": "Wire"}


def test_parquet_and_txt_folder(tmp_path: Path) -> None:
    pq.write_table(pa.Table.from_pylist(RECORDS), tmp_path / "a.parquet")
    assert [a.id for a in _articles(tmp_path / "a.parquet")] == ["a1", "a2"]
    folder = tmp_path / "txt"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("Kenya thanked Ghana.")
    (folder / "sub" / "c.txt.gz").write_bytes(gzip.compress(b"Peru and Chile met."))
    (folder / "notes.md").write_text("not an article")
    got = _articles(folder)
    assert [a.id for a in got] == ["b", "sub/c"]
    assert got[1].text == "Peru and Chile met."


def test_field_mapping(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "x.jsonl", [{"doc": 7, "body": "Kenya thanked Ghana.", "when": 1999}])
    (a,) = _articles(path, fields=FieldMap(id_field="doc", text_field="body", date_field="when"))
    assert (a.id, a.text, a.date) == ("7", "Kenya thanked Ghana.", "1999")


def test_bad_jsonl_records_become_rejects_with_line_and_reason(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"".join([
        json.dumps(RECORDS[0]).encode() + b"\n",
        b'{"id": "broken", "text": \n',                      # 2 malformed JSON
        json.dumps({"id": "x"}).encode() + b"\n",           # 3 missing text
        json.dumps({"id": "e", "text": "  "}).encode() + b"\n",  # 4 empty
        b'{"id": "u", "text": "caf\xe9"}\n',                 # 5 invalid UTF-8
        json.dumps({"id": "big", "text": "x" * 5000}).encode() + b"\n",  # 6 too long
        b"[1, 2]\n",                                          # 7 not an object
        json.dumps({"id": "n", "text": 5}).encode() + b"\n",  # 8 text not a string
        json.dumps(RECORDS[1]).encode() + b"\n",
    ]))
    got = _articles(path, fields=FieldMap(max_chars=1000))
    assert [a.id for a in got if isinstance(a, Article)] == ["a1", "a2"]
    rejects = {r.line: r.reason for r in got if isinstance(r, Rejected)}
    assert set(rejects) == {2, 3, 4, 5, 6, 7, 8}
    assert "malformed JSON" in rejects[2]
    assert "missing text field 'text'" in rejects[3]
    assert "empty" in rejects[4]
    assert "invalid UTF-8" in rejects[5]
    assert "5000 characters" in rejects[6]
    assert "JSON object" in rejects[7]
    assert "not a string" in rejects[8]
    big = next(r for r in got if isinstance(r, Rejected) and r.line == 6)
    assert len(json.dumps(big.record)) < 2500  # a huge article is not copied whole into rejects


def test_bad_csv_records(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"id,text\n" b"a1,Kenya thanked Ghana.\n" b"a2,caf\xe9 talks\n"
                     b"a3,too,many,fields\n" b"a4\n" b"a5,Peru and Chile met.\n")
    got = _articles(path, fields=FieldMap())
    assert [a.id for a in got if isinstance(a, Article)] == ["a1", "a5"]
    reasons = [r.reason for r in got if isinstance(r, Rejected)]
    assert any("invalid UTF-8" in r for r in reasons)
    assert any("fields" in r for r in reasons)
    assert len(reasons) == 3


def test_unreadable_inputs_raise(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        _articles(tmp_path / "nope.jsonl")
    (tmp_path / "x.xml").write_text("<a/>")
    with pytest.raises(InputError, match="cannot tell the format"):
        _articles(tmp_path / "x.xml")
    pq.write_table(pa.Table.from_pylist([{"id": "1", "body": "x"}]), tmp_path / "p.parquet")
    with pytest.raises(InputError, match="no column 'text'"):
        _articles(tmp_path / "p.parquet")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no .txt"):
        _articles(tmp_path / "empty")


def test_dates_are_iso_strings_or_the_record_is_rejected(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "d.jsonl", [
        {"id": "iso", "text": "Kenya thanked Ghana.", "date": "2016-07-01"},
        {"id": "words", "text": "Kenya thanked Ghana.", "date": "July 1, 2016"},
        {"id": "us", "text": "Kenya thanked Ghana.", "date": "07/01/2016"},
        {"id": "nomonth", "text": "Kenya thanked Ghana.", "date": "2016-13-01"},
        {"id": "year", "text": "Kenya thanked Ghana.", "date": 1999},
        {"id": "time", "text": "Kenya thanked Ghana.", "date": "2016-07-01T09:30:00"},
        {"id": "none", "text": "Kenya thanked Ghana.", "date": None},
        {"id": "slash", "text": "Kenya thanked Ghana.", "date": "2017/01/10"},
        {"id": "packed", "text": "Kenya thanked Ghana.", "date": "20170110"},
        {"id": "tail", "text": "Kenya thanked Ghana.", "date": "2017-03-01garbage"},
    ])
    got = _articles(path, fields=FieldMap())
    assert {a.id: a.date for a in got if isinstance(a, Article)} == {
        "iso": "2016-07-01", "year": "1999", "time": "2016-07-01T09:30:00", "none": None}
    rejects = {r.line: r.reason for r in got if isinstance(r, Rejected)}
    assert set(rejects) == {2, 3, 4, 8, 9, 10}  # not read as "some day of 2017"
    assert "'July 1, 2016' is not ISO 8601" in rejects[2] and "predict.date_field=null" in rejects[2]
    assert "not a valid calendar date" in rejects[4]


def test_parquet_timestamps_become_iso_dates(tmp_path: Path) -> None:
    import datetime as dt

    rows = [{"id": "a", "text": "Kenya thanked Ghana.", "date": dt.datetime(2016, 6, 8)},
            {"id": "b", "text": "Peru and Chile met.", "date": dt.datetime(2016, 6, 8, 14, 5)},
            {"id": "c", "text": "Peru and Chile met.", "date": None}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "t.parquet")
    assert [a.date for a in _articles(tmp_path / "t.parquet", fields=FieldMap())] == [
        "2016-06-08", "2016-06-08T14:05:00", None]
    import pandas as pd

    from countrystance.readers import normalise_date

    assert normalise_date(pd.NaT) is None and normalise_date(float("nan")) is None


def test_an_unpaired_surrogate_escape_is_rejected(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "s.jsonl", ['{"id": "s", "text": "Japan \\ud800 welcomed India."}',
                                         RECORDS[0]])
    got = _articles(path)
    assert [a.id for a in got if isinstance(a, Article)] == ["a1"]
    (rej,) = [r for r in got if isinstance(r, Rejected)]
    assert rej.line == 1 and "unpaired surrogate" in rej.reason and "'text'" in rej.reason
    json.dumps(rej.record, ensure_ascii=False).encode("utf-8")  # the rejects file can hold it


def test_a_truncated_gzip_keeps_what_was_read_and_says_where_it_broke(tmp_path: Path) -> None:
    rows = [{"id": f"d{i}", "text": f"Kenya thanked Ghana, story {i} of many. " * 20} for i in range(400)]
    whole = _jsonl(tmp_path / "whole.jsonl.gz", rows, gz=True).read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    got = _articles(cut, fields=FieldMap())
    articles = [a for a in got if isinstance(a, Article)]
    assert 0 < len(articles) < 400 and [a.id for a in articles] == [f"d{i}" for i in range(len(articles))]
    assert isinstance(got[-1], Rejected) and got[-1].line == len(articles) + 1
    assert f"truncated after line {len(articles)}" in got[-1].reason
    fake = tmp_path / "plain.jsonl.gz"
    fake.write_text(json.dumps(RECORDS[0]) + "\n")
    with pytest.raises(InputError, match="plain.jsonl.gz: cannot read the file"):
        _articles(fake)


def test_a_damaged_parquet_file_is_an_input_error(tmp_path: Path) -> None:
    pq.write_table(pa.Table.from_pylist(RECORDS), tmp_path / "a.parquet")
    data = (tmp_path / "a.parquet").read_bytes()
    (tmp_path / "cut.parquet").write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="cut.parquet: not a readable Parquet file"):
        _articles(tmp_path / "cut.parquet")


def test_csv_with_a_byte_order_mark_keeps_its_first_column(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffid,text\na1,Kenya thanked Ghana.\n".encode())
    assert [a.id for a in _articles(path, fields=FieldMap())] == ["a1"]


def test_a_json_array_file_is_explained(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(RECORDS, indent=1))
    with pytest.raises(InputError, match="JSON array; this reader wants JSON Lines"):
        _articles(tmp_path / "a.json")


def test_a_named_field_missing_from_a_file_is_warned_once(tmp_path: Path,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    path = _jsonl(tmp_path / "w.jsonl", RECORDS)
    fields = FieldMap(id_field="doc_id", metadata_fields=("outlet", "speaker"))
    with caplog.at_level("WARNING", logger="countrystance.readers"):
        got = _articles(path, fields=fields)
        _articles(path, fields=fields)
    assert [a.id for a in got] == ["w.jsonl:1", "w.jsonl:2"]
    warned = [r.getMessage() for r in caplog.records]
    assert len(warned) == 2
    assert any("'doc_id' (predict.id_field)" in m and "file:line" in m for m in warned)
    assert any("'speaker' (predict.metadata_fields)" in m for m in warned)


def test_txt_ids_drop_the_suffix_in_any_case(tmp_path: Path) -> None:
    (tmp_path / "UPPER.TXT").write_text("Kenya thanked Ghana.")
    (tmp_path / "mixed.Txt.GZ").write_bytes(gzip.compress(b"Peru and Chile met."))
    assert sorted(a.id for a in _articles(tmp_path)) == ["UPPER", "mixed"]
