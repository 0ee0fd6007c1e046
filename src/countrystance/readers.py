"""Stream articles from JSONL, CSV, Parquet or a folder of .txt files (each optionally gzipped).

A reader never loads a corpus whole, and never drops a record silently: every
record it cannot use comes out as a :class:`Rejected` with the file, the line (or
row) and the reason; the caller decides to stop (``on_error: raise``) or to write
it to the rejects file (``on_error: skip``).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import logging
import sys
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .data import UNREADABLE, open_bytes

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "parquet", "txt")


class InputError(ValueError):
    """An input that cannot be read at all (missing file, unknown format)."""


@dataclass
class Article:
    id: str
    text: str
    date: str | None
    metadata: dict[str, Any]
    source: str
    line: int  # 1-based line (JSONL), record (CSV), row (Parquet) or 1 (txt)


@dataclass
class Rejected:
    source: str
    line: int
    reason: str
    record: dict[str, Any] | str | None = field(default=None)


@dataclass(frozen=True)
class FieldMap:
    id_field: str = "id"
    text_field: str = "text"
    date_field: str | None = "date"
    metadata_fields: tuple[str, ...] = ()
    max_chars: int = 2_000_000

    @classmethod
    def from_config(cls, pc: Any) -> FieldMap:
        return cls(id_field=pc.id_field, text_field=pc.text_field, date_field=pc.date_field,
                   metadata_fields=tuple(pc.metadata_fields), max_chars=int(pc.max_article_chars))


def detect_format(path: Path) -> str:
    if path.is_dir():
        return "txt"
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for suffix, fmt in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "jsonl"),
                        (".csv", "csv"), (".parquet", "parquet"), (".txt", "txt")):
        if name.endswith(suffix):
            return fmt
    raise InputError(f"{path}: cannot tell the format from the name; set predict.input_format "
                     f"to one of {list(FORMATS)}")


def normalise_date(value: Any) -> str | None:
    """An article's date as the ISO string rows carry; ValueError when it is not a date.

    Dates decide which leader a title names and which period a row counts in, so a
    date that cannot be read is a bad record, not a missing date."""
    from .targets import parse_date_range

    if value is None or value != value or (isinstance(value, str) and not value.strip()):
        return None  # value != value: NaN or NaT, pandas' missing date
    if isinstance(value, _dt.datetime):  # Parquet timestamps
        no_time = value.time() == _dt.time() and value.tzinfo is None
        return value.date().isoformat() if no_time else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"date {value!r} is a {type(value).__name__}, not an ISO 8601 string")
    text = str(value).strip()
    parse_date_range(text)
    return text


def _record_to_article(rec: dict[str, Any], fm: FieldMap, source: str, line: int,
                       fallback_id: str) -> Article | Rejected:
    text = rec.get(fm.text_field)
    if fm.text_field not in rec or text is None:
        return Rejected(source, line, f"missing text field '{fm.text_field}'", _short(rec))
    if not isinstance(text, str):
        return Rejected(source, line, f"text field '{fm.text_field}' is {type(text).__name__}, "
                        "not a string", _short(rec))
    if not text.strip():
        return Rejected(source, line, "empty article text", _short(rec))
    if len(text) > fm.max_chars:
        return Rejected(source, line, f"article has {len(text)} characters, more than "
                        f"predict.max_article_chars={fm.max_chars}", _short(rec))
    bad = [k for k, v in rec.items() if isinstance(v, str) and _has_surrogates(v)]
    if bad:  # JSON can escape lone surrogates ("\ud800"), which no tokenizer accepts
        return Rejected(source, line, f"invalid Unicode (an unpaired surrogate) in field '{bad[0]}'",
                        {k: v.encode("utf-8", "replace").decode("utf-8") if isinstance(v, str) else v
                         for k, v in _short(rec).items()})
    raw_id = rec.get(fm.id_field)
    art_id = fallback_id if raw_id is None or raw_id == "" else str(raw_id)
    try:
        date = normalise_date(rec.get(fm.date_field)) if fm.date_field else None
    except ValueError as err:
        return Rejected(source, line, f"field '{fm.date_field}': {err}; fix it, or set "
                        "predict.date_field=null to label without dates", _short(rec))
    meta = {k: rec.get(k) for k in fm.metadata_fields}
    return Article(art_id, text, date, meta, source, line)


_WARNED: set[tuple[str, str]] = set()


def _warn_missing_fields(names: Collection[str], fm: FieldMap, source: str, where: str) -> None:
    """Say at once when a named field is not in a file: ids would silently fall back to
    file:line and dates or metadata to nulls (a typo in the config, an Excel header)."""
    checks = [("predict.id_field", fm.id_field, "article ids become file:line"),
              ("predict.date_field", fm.date_field, "rows carry no date"),
              *(("predict.metadata_fields", m, "its column stays empty") for m in fm.metadata_fields)]
    for key, name, effect in checks:
        if name and name not in names and (source, name) not in _WARNED:
            _WARNED.add((source, name))  # once per file and field, however often it is opened
            log.warning("%s: no field '%s' (%s) in %s; %s. Fields there: %s", source, name, key,
                        where, effect, sorted(names)[:20])


def _short(rec: Any, limit: int = 2000) -> Any:
    """A record as kept in the rejects file: long texts cut, so a 10 MB article costs 2 kB."""
    if isinstance(rec, dict):
        return {k: (v[:limit] + "...[cut]" if isinstance(v, str) and len(v) > limit else v)
                for k, v in rec.items()}
    if isinstance(rec, str) and len(rec) > limit:
        return rec[:limit] + "...[cut]"
    return rec


def _lines(fh: Any, path: Path) -> Iterator[tuple[int, bytes | Rejected]]:
    """(line number, line) of a binary file; a file damaged part-way (a cut download, a
    truncated gzip) ends with a Rejected that names the last line read. One damaged from
    its first byte is an InputError: nothing of it can be read."""
    lineno = 0
    it = iter(fh)
    while True:
        try:
            raw = next(it)
        except StopIteration:
            return
        except UNREADABLE as err:
            if lineno == 0:
                raise InputError(f"{path}: cannot read the file: {err}") from None
            yield lineno + 1, Rejected(str(path), lineno + 1, f"the file is corrupt or truncated "
                                       f"after line {lineno} ({err}); nothing after it was read")
            return
        lineno += 1
        yield lineno, raw


def _read_jsonl(path: Path, fm: FieldMap) -> Iterator[Article | Rejected]:
    checked = False
    is_json = path.name.lower().removesuffix(".gz").endswith(".json")  # JSON Lines say .jsonl
    with open_bytes(path) as fh:
        for lineno, raw in _lines(fh, path):
            if isinstance(raw, Rejected):
                yield raw
                return
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield Rejected(str(path), lineno, f"invalid UTF-8 at byte {err.start}",
                               raw[:2000].decode("utf-8", "replace"))
                continue
            if lineno == 1 and line.lstrip().startswith("[") and is_json:
                raise InputError(f"{path}: holds a JSON array; this reader wants JSON Lines, one "
                                 "object per line (e.g. jq -c '.[]' in.json > in.jsonl)")
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as err:
                yield Rejected(str(path), lineno, f"malformed JSON: {err.msg} at column {err.colno}",
                               _short(line))
                continue
            if not isinstance(rec, dict):
                yield Rejected(str(path), lineno, f"expected a JSON object, got {type(rec).__name__}",
                               _short(line))
                continue
            if not checked:
                _warn_missing_fields(rec.keys(), fm, str(path), "its first record")
                checked = True
            yield _record_to_article(rec, fm, str(path), lineno, f"{path.name}:{lineno}")


def _read_csv(path: Path, fm: FieldMap) -> Iterator[Article | Rejected]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open_bytes(path) as fb:
        # surrogateescape keeps bad bytes visible so that the record is rejected, not mangled;
        # utf-8-sig drops the byte-order mark Excel writes, which would rename the first column.
        text = io.TextIOWrapper(fb, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.DictReader(text)
        try:
            fieldnames = reader.fieldnames
        except UNREADABLE as err:
            raise InputError(f"{path}: cannot read the file: {err}") from None
        if fieldnames is None:
            return
        _warn_missing_fields(fieldnames, fm, str(path), "its header")
        records = iter(reader)
        recno = 0
        while True:
            try:
                rec = next(records)
            except StopIteration:
                return
            except UNREADABLE as err:
                yield Rejected(str(path), reader.line_num + 1, "the file is corrupt or truncated after "
                               f"line {reader.line_num} ({err}); nothing after it was read")
                return
            recno += 1
            line = reader.line_num
            if None in rec:
                yield Rejected(str(path), line, f"malformed CSV record: {len(rec[None]) + len(reader.fieldnames)} "
                               f"fields, header has {len(reader.fieldnames)}", _short(str(rec)))
                continue
            bad = [k for k, v in rec.items() if isinstance(v, str) and _has_surrogates(v)]
            if bad:
                yield Rejected(str(path), line, f"invalid UTF-8 in field '{bad[0]}'",
                               {k: v.encode("utf-8", "replace").decode("utf-8") if isinstance(v, str) else v
                                for k, v in _short(rec).items()})
                continue
            if any(v is None for v in rec.values()):
                yield Rejected(str(path), line, "malformed CSV record: fewer fields than the header",
                               _short(rec))
                continue
            yield _record_to_article(rec, fm, str(path), line, f"{path.name}:{recno}")


def _has_surrogates(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _read_parquet(path: Path, fm: FieldMap) -> Iterator[Article | Rejected]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as err:
        raise InputError(f"{path}: not a readable Parquet file: {err}") from None
    names = set(pf.schema_arrow.names)
    if fm.text_field not in names:
        raise InputError(f"{path}: no column '{fm.text_field}' (columns: {sorted(names)}); "
                         "set predict.text_field")
    _warn_missing_fields(names, fm, str(path), "its columns")
    wanted = [c for c in {fm.id_field, fm.text_field, fm.date_field, *fm.metadata_fields}
              if c and c in names]
    row = 0
    batches = pf.iter_batches(batch_size=256, columns=wanted)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except (pa.ArrowException, OSError) as err:
            yield Rejected(str(path), row + 1, f"the file is corrupt after row {row} ({err}); "
                           "nothing after it was read")
            return
        for rec in batch.to_pylist():
            row += 1
            yield _record_to_article(rec, fm, str(path), row, f"{path.name}:{row}")


def _read_txt_file(path: Path, root: Path, fm: FieldMap) -> Article | Rejected:
    try:
        with open_bytes(path) as fh:
            raw = fh.read()
    except UNREADABLE as err:
        return Rejected(str(path), 1, f"the file is corrupt or truncated ({err})", None)
    rel = str(path.relative_to(root) if path != root else Path(path.name))
    for suffix in (".gz", ".txt"):  # either case: UPPER.TXT is "UPPER", as upper.txt is "upper"
        if rel.lower().endswith(suffix):
            rel = rel[: -len(suffix)]
    art_id = rel
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return Rejected(str(path), 1, f"invalid UTF-8 at byte {err.start}", None)
    return _record_to_article({"id": art_id, "text": text}, FieldMap(
        "id", "text", None, (), fm.max_chars), str(path), 1, art_id)


def txt_files(path: Path) -> list[Path]:
    """The files a .txt input holds, in reading order: itself, or a folder's .txt(.gz) files."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file()
                  and p.name.lower().endswith((".txt", ".txt.gz")))


def iter_articles(path: str | Path, fmt: str = "auto", fields: FieldMap | None = None
                  ) -> Iterator[Article | Rejected]:
    """Articles (or rejects) from ``path`` in a stable order: a file's own order, files sorted."""
    path = Path(path)
    fm = fields or FieldMap()
    if not path.exists():
        raise InputError(f"input {path} does not exist")
    fmt = detect_format(path) if fmt == "auto" else fmt
    if fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}; expected one of {list(FORMATS)}")
    if fmt == "txt":
        files = txt_files(path)
        if not files:
            raise InputError(f"{path}: no .txt or .txt.gz files found")
        root = path if path.is_dir() else path.parent
        for f in files:
            yield _read_txt_file(f, root, fm)
        return
    if path.is_dir():
        raise InputError(f"{path} is a folder; format {fmt} needs a file")
    reader = {"jsonl": _read_jsonl, "csv": _read_csv, "parquet": _read_parquet}[fmt]
    yield from reader(path, fm)
