"""Stream articles from JSONL, CSV, Parquet or a folder of .txt files (each optionally gzipped).

A reader never loads a corpus whole, and never drops a record silently: every
record it cannot use comes out as a :class:`Rejected` with the file, the line (or
row) and the reason; the caller decides to stop (``on_error: raise``) or to write
it to the rejects file (``on_error: skip``).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def _open_binary(path: Path):
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


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
    raw_id = rec.get(fm.id_field)
    art_id = fallback_id if raw_id is None or raw_id == "" else str(raw_id)
    date = rec.get(fm.date_field) if fm.date_field else None
    meta = {k: rec.get(k) for k in fm.metadata_fields}
    return Article(art_id, text, None if date is None else str(date), meta, source, line)


def _short(rec: Any, limit: int = 2000) -> Any:
    """A record as kept in the rejects file: long texts cut, so a 10 MB article costs 2 kB."""
    if isinstance(rec, dict):
        return {k: (v[:limit] + "...[cut]" if isinstance(v, str) and len(v) > limit else v)
                for k, v in rec.items()}
    if isinstance(rec, str) and len(rec) > limit:
        return rec[:limit] + "...[cut]"
    return rec


def _read_jsonl(path: Path, fm: FieldMap) -> Iterator[Article | Rejected]:
    with _open_binary(path) as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield Rejected(str(path), lineno, f"invalid UTF-8 at byte {err.start}",
                               raw[:2000].decode("utf-8", "replace"))
                continue
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
            yield _record_to_article(rec, fm, str(path), lineno, f"{path.name}:{lineno}")


def _read_csv(path: Path, fm: FieldMap) -> Iterator[Article | Rejected]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with _open_binary(path) as fb:
        # surrogateescape keeps bad bytes visible so that the record is rejected, not mangled.
        text = io.TextIOWrapper(fb, encoding="utf-8", errors="surrogateescape", newline="")
        reader = csv.DictReader(text)
        if reader.fieldnames is None:
            return
        for recno, rec in enumerate(reader, start=1):
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
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    names = set(pf.schema_arrow.names)
    if fm.text_field not in names:
        raise InputError(f"{path}: no column '{fm.text_field}' (columns: {sorted(names)}); "
                         "set predict.text_field")
    wanted = [c for c in {fm.id_field, fm.text_field, fm.date_field, *fm.metadata_fields}
              if c and c in names]
    row = 0
    for batch in pf.iter_batches(batch_size=256, columns=wanted):
        for rec in batch.to_pylist():
            row += 1
            yield _record_to_article(rec, fm, str(path), row, f"{path.name}:{row}")


def _read_txt_file(path: Path, root: Path, fm: FieldMap) -> Article | Rejected:
    with _open_binary(path) as fh:
        raw = fh.read()
    rel = path.relative_to(root) if path != root else Path(path.name)
    art_id = str(rel).removesuffix(".gz").removesuffix(".txt")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return Rejected(str(path), 1, f"invalid UTF-8 at byte {err.start}", None)
    return _record_to_article({"id": art_id, "text": text}, FieldMap(
        "id", "text", None, (), fm.max_chars), str(path), 1, art_id)


def _txt_files(path: Path) -> list[Path]:
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
        files = _txt_files(path)
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
