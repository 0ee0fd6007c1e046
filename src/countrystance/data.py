"""Read labelled examples into ``datasets.Dataset``.

Three formats, one output schema (one row per (sentence, target) example):

- ``contract``: the JSON Lines format of spec/labels.md (our own data);
- ``newsmtsc``: NewsMTSC's JSON Lines (a sentence with several target records);
- ``refs``: our references into a public corpus (the UN General Debate speeches,
  the world-news headlines): document id, sentence offsets in the normalised
  document text, a hash of the sentence, spans, target and label. The corpus text
  is joined in at load time, never stored in the project.

Every row has: ``example_id``, ``sentence``, ``target``, ``spans`` (list of
[start, end] character offsets of the target's mentions in the sentence),
``label`` (an int id, or -1 where the file has no labels), ``label_name``,
``source``, ``date``. A bad file raises :class:`DataError` naming the file, the
line and the field at fault; nothing is skipped silently.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import unicodedata
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .labels import NEWSMTSC_POLARITY, LabelError, LabelSet
from .segment import flatten_breaks

log = logging.getLogger(__name__)

FORMATS = ("contract", "newsmtsc", "refs")


class DataError(ValueError):
    """A data file that does not follow its format."""


@dataclass
class Example:
    example_id: str
    sentence: str
    target: str
    spans: list[list[int]]
    label_name: str | None
    source: str
    date: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# What a damaged compressed file raises part-way through (BadGzipFile is an OSError).
UNREADABLE = (EOFError, OSError, zlib.error)


def open_bytes(path: str | Path) -> IO[bytes]:
    """Open a file for reading bytes, transparently gunzipping ``*.gz`` (any case)."""
    path = Path(path)
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line; bad JSON is a DataError."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found")
    # Lines are read as bytes and decoded one by one: a text-mode reader decodes ahead in
    # chunks, so a bad byte on line 10 would be reported at the first readline, as line 1.
    with open_bytes(path) as fh:
        lineno = 0
        offset = 0  # of the line's first byte in the (uncompressed) file
        lines = iter(fh)
        while True:
            try:
                raw = next(lines)
            except StopIteration:
                break
            except UNREADABLE as err:  # a truncated or corrupt gzip
                raise DataError(f"{path}:{lineno + 1}: the file is corrupt or truncated after "
                                f"line {lineno} ({err})") from None
            lineno += 1
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw, offset = raw[3:], 3  # a byte-order mark (Windows editors write one): not JSON
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                column = len(raw[:err.start].decode("utf-8")) + 1  # the bytes before it decode
                raise DataError(
                    f"{path}:{lineno}: not valid UTF-8 at column {column} (byte 0x{raw[err.start]:02x}"
                    f" at byte offset {offset + err.start} of the file: {err.reason})"
                ) from None
            offset += len(raw)
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise DataError(f"{path}:{lineno}: not valid JSON ({err.msg})") from None
            if not isinstance(obj, dict):
                raise DataError(f"{path}:{lineno}: expected a JSON object, got {type(obj).__name__}")
            yield lineno, obj


def _field(obj: Mapping[str, Any], name: str, kind: type | tuple[type, ...], where: str,
           required: bool = True) -> Any:
    if name not in obj or obj[name] is None:
        if required:
            raise DataError(f"{where}: missing field '{name}'")
        return None
    value = obj[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        want = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise DataError(f"{where}: field '{name}' must be {want}, got {type(value).__name__} {value!r}")
    return value


def _check_span(sentence: str, start: int, end: int, where: str, name: str) -> None:
    if not (0 <= start < end <= len(sentence)):
        raise DataError(
            f"{where}: field '{name}' [{start}, {end}] is outside the sentence (length {len(sentence)})"
        )


def _label(obj: Mapping[str, Any], labels: LabelSet | None, where: str) -> str | None:
    if labels is None:
        return None
    name = _field(obj, "label", str, where)
    try:
        labels.id(name)
    except LabelError as err:
        raise DataError(f"{where}: field 'label': {err}") from None
    return name


def read_contract(path: str | Path, labels: LabelSet | None = None, *,
                  finder: Any = None) -> list[Example]:
    """Our format (spec/labels.md). With ``labels`` None, labels are not read.

    Spans come from ``spans`` (all of them), else ``start``/``end``, else the first
    occurrence of ``mention``, else the mention finder (if given) for the target.
    """
    path = Path(path)
    out: list[Example] = []
    for lineno, obj in iter_jsonl(path):
        where = f"{path}:{lineno}"
        sentence = _field(obj, "sentence", str, where)
        if not sentence.strip():
            raise DataError(f"{where}: field 'sentence' is empty")
        target = _field(obj, "target", str, where)
        if not target.strip():
            raise DataError(f"{where}: field 'target' is empty")
        label_name = _label(obj, labels, where)
        mention = _field(obj, "mention", str, where, required=False)
        spans: list[list[int]] = []
        raw_spans = _field(obj, "spans", list, where, required=False)
        if raw_spans is not None:
            for i, span in enumerate(raw_spans):
                if (not isinstance(span, list) or len(span) != 2
                        or not all(isinstance(x, int) and not isinstance(x, bool) for x in span)):
                    raise DataError(f"{where}: field 'spans[{i}]' must be [start, end] integers")
                _check_span(sentence, span[0], span[1], where, f"spans[{i}]")
                spans.append([span[0], span[1]])
            if mention is not None and not any(sentence[a:b] == mention for a, b in spans):
                raise DataError(f"{where}: field 'mention' {mention!r} is none of the 'spans' "
                                f"({[sentence[a:b] for a, b in spans]})")
            if "start" in obj or "end" in obj:
                start, end = _field(obj, "start", int, where), _field(obj, "end", int, where)
                if [start, end] not in spans:
                    raise DataError(f"{where}: 'start'/'end' [{start}, {end}] is none of the "
                                    f"'spans' {spans}")
        elif "start" in obj or "end" in obj:
            start = _field(obj, "start", int, where)
            end = _field(obj, "end", int, where)
            _check_span(sentence, start, end, where, "start/end")
            if mention is not None and sentence[start:end] != mention:
                raise DataError(
                    f"{where}: field 'mention' {mention!r} does not match sentence[{start}:{end}]"
                    f" = {sentence[start:end]!r}"
                )
            spans = [[start, end]]
        elif mention is not None:
            start = sentence.find(mention)
            if start < 0:
                raise DataError(f"{where}: field 'mention' {mention!r} does not occur in the sentence")
            spans = [[start, start + len(mention)]]
        elif finder is not None:
            spans = [[m.start, m.end] for m in finder.find(sentence, obj.get("date"))
                     if m.target == target]
        known = {"sentence", "target", "label", "mention", "start", "end", "spans", "date",
                 "article_id", "id"}
        out.append(Example(
            example_id=str(obj.get("id") or f"{path.name}:{lineno}"),
            sentence=sentence,
            target=target,
            spans=spans,
            label_name=label_name,
            source=path.name,
            date=_field(obj, "date", str, where, required=False),
            extra={k: v for k, v in obj.items() if k not in known},
        ))
    return out


def read_newsmtsc(path: str | Path, labels: LabelSet | None, label_map: Mapping[str, str]) -> list[Example]:
    """NewsMTSC: one example per target record (the paper scores every record)."""
    path = Path(path)
    out: list[Example] = []
    for lineno, obj in iter_jsonl(path):
        where = f"{path}:{lineno}"
        sentence = _field(obj, "sentence_normalized", str, where)
        gid = str(obj.get("primary_gid") or f"{path.name}:{lineno}")
        targets = _field(obj, "targets", list, where)
        if not targets:
            raise DataError(f"{where}: field 'targets' is empty")
        for i, t in enumerate(targets):
            twhere = f"{where}: targets[{i}]"
            if not isinstance(t, dict):
                raise DataError(f"{twhere}: expected an object")
            start = _field(t, "from", int, twhere)
            end = _field(t, "to", int, twhere)
            _check_span(sentence, start, end, twhere, "from/to")
            mention = _field(t, "mention", str, twhere)
            label_name = None
            if labels is not None:
                polarity = _field(t, "polarity", (int, float), twhere)
                if float(polarity) not in NEWSMTSC_POLARITY:
                    raise DataError(f"{twhere}: field 'polarity' {polarity!r} is not 2, 4 or 6")
                sentiment = NEWSMTSC_POLARITY[float(polarity)]
                if sentiment not in label_map:
                    raise DataError(
                        f"{twhere}: polarity {sentiment!r} has no entry in data.newsmtsc_label_map"
                    )
                label_name = label_map[sentiment]
                try:
                    labels.id(label_name)
                except LabelError as err:
                    raise DataError(f"{twhere}: data.newsmtsc_label_map gives {err}; map NewsMTSC's "
                                    "negative/neutral/positive to these labels with data.newsmtsc_label_map="
                                    "{negative: ..., neutral: ..., positive: ...}") from None
            out.append(Example(
                example_id=f"{gid}#{i}",
                sentence=sentence,
                target=mention,
                spans=[[start, end]],
                label_name=label_name,
                source=path.name,
            ))
    return out


# ------------------------------------------------------------------ references into a corpus


def normalise_document(text: str) -> str:
    """The documented normalisation that reference offsets point into.

    Unicode NFC, CRLF/CR -> LF, a leading byte-order mark removed. Nothing else:
    line breaks stay, so offsets are stable and easy to check by hand.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return unicodedata.normalize("NFC", text)


def sentence_hash(sentence: str) -> str:
    """A short content hash that detects drift between a reference and the corpus."""
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:16]


def load_documents(corpus: str | Path, ids: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Corpus records (``id``, ``text`` normalised, metadata) by id, streamed; only ``ids`` if given."""
    out: dict[str, dict[str, Any]] = {}
    for lineno, obj in iter_jsonl(corpus):
        sid = obj.get("id")
        if ids is not None and sid not in ids:
            continue
        if not isinstance(obj.get("text"), str):
            raise DataError(f"{corpus}:{lineno}: missing field 'text'")
        obj["text"] = normalise_document(obj["text"])
        out[str(sid)] = obj
        if ids is not None and len(out) == len(ids):
            break
    return out


def read_refs(path: str | Path, labels: LabelSet | None, corpus: str | Path | None) -> list[Example]:
    """Join our references with the corpus text; a changed sentence is an error, not a guess."""
    path = Path(path)
    if corpus is None:
        raise DataError(f"{path}: format 'refs' needs the corpus path (set `corpus`)")
    refs = list(iter_jsonl(path))
    docs = load_documents(corpus, {str(o.get("doc_id")) for _, o in refs})
    out: list[Example] = []
    for lineno, obj in refs:
        where = f"{path}:{lineno}"
        doc_id = _field(obj, "doc_id", str, where)
        if doc_id not in docs:
            raise DataError(f"{where}: document '{doc_id}' is not in the corpus {corpus}")
        doc = docs[doc_id]
        s0 = _field(obj, "sent_start", int, where)
        s1 = _field(obj, "sent_end", int, where)
        _check_span(doc["text"], s0, s1, where, "sent_start/sent_end")
        # Line breaks inside a hard-wrapped sentence read as spaces (same length), as in segment.
        sentence = flatten_breaks(doc["text"][s0:s1])
        want = _field(obj, "sent_sha1", str, where)
        if sentence_hash(sentence) != want:
            raise DataError(
                f"{where}: the corpus sentence at {doc_id}[{s0}:{s1}] has changed (hash mismatch); "
                "the corpus version differs from the one the references were made on"
            )
        spans = _field(obj, "spans", list, where)
        for i, span in enumerate(spans):
            if not (isinstance(span, list) and len(span) == 2):
                raise DataError(f"{where}: field 'spans[{i}]' must be [start, end]")
            _check_span(sentence, span[0], span[1], where, f"spans[{i}]")
        date = doc.get("date") or doc.get("year")
        out.append(Example(
            example_id=str(obj.get("id") or f"{path.name}:{lineno}"),
            sentence=sentence,
            target=_field(obj, "target", str, where),
            spans=[list(s) for s in spans],
            label_name=_label(obj, labels, where),
            source=path.name,
            date=None if date is None else str(date),
            extra={"doc_id": doc_id, **{k: v for k, v in doc.items() if k not in ("id", "text")}},
        ))
    return out


def read_sentence_refs(refs: list[dict[str, Any]], corpora: Mapping[str, str | Path]) -> list[dict[str, Any]]:
    """Records that point at a sentence (``corpus``, ``doc_id``, ``sent_start``, ``sent_end``,
    ``sent_sha1``) with the sentence text joined in; a changed sentence is an error."""
    out = []
    for name in sorted({r["corpus"] for r in refs}):
        docs = load_documents(corpora[name], {r["doc_id"] for r in refs if r["corpus"] == name})
        for r in refs:
            if r["corpus"] != name:
                continue
            if r["doc_id"] not in docs:
                raise DataError(f"reference {r.get('id')}: document '{r['doc_id']}' is not in {corpora[name]}")
            sentence = flatten_breaks(docs[r["doc_id"]]["text"][r["sent_start"]: r["sent_end"]])
            if sentence_hash(sentence) != r["sent_sha1"]:
                raise DataError(f"reference {r.get('id')}: the sentence in {r['doc_id']} has changed")
            out.append({**r, "sentence": sentence})
    order = {id(r): i for i, r in enumerate(refs)}
    return sorted(out, key=lambda r: order.get(id(r), 0))


# ------------------------------------------------------------------ into datasets


def read_examples(path: str | Path, fmt: str, labels: LabelSet | None, *,
                  label_map: Mapping[str, str] | None = None, corpus: str | Path | None = None,
                  finder: Any = None) -> list[Example]:
    """Read one labelled file in any supported format."""
    if fmt == "contract":
        return read_contract(path, labels, finder=finder)
    if fmt == "newsmtsc":
        return read_newsmtsc(path, labels, label_map or {})
    if fmt == "refs":
        return read_refs(path, labels, corpus)
    raise DataError(f"{path}: unknown data format {fmt!r}; expected one of {list(FORMATS)}")


def to_dataset(examples: Sequence[Example], labels: LabelSet | None):
    """Examples -> ``datasets.Dataset`` with the schema described in the module docstring."""
    from datasets import Dataset  # imported late: it is slow to import

    rows = {
        "example_id": [e.example_id for e in examples],
        "sentence": [e.sentence for e in examples],
        "target": [e.target for e in examples],
        "spans": [e.spans for e in examples],
        "label": [labels.id(e.label_name) if (labels and e.label_name) else -1 for e in examples],
        "label_name": [e.label_name or "" for e in examples],
        "source": [e.source for e in examples],
        "date": [e.date or "" for e in examples],
    }
    return Dataset.from_dict(rows)


def load_sources(sources: Sequence[Any], labels: LabelSet, *, label_map: Mapping[str, str],
                 seed: int = 0, finder: Any = None) -> list[Example]:
    """Read a list of ``DataSource`` configs, applying each one's ``limit`` and ``repeat``."""
    import random

    loaded: list[tuple[Any, list[Example]]] = []
    for src in sources:
        # Unlabelled sources feed distillation only: their labels (if any) are not read.
        examples = read_examples(src.path, src.format, None if src.unlabelled else labels,
                                 label_map=label_map, corpus=src.corpus, finder=finder)
        if src.limit is not None and src.limit < 0:
            raise DataError(f"{src.path}: limit must be >= 0 (or null for all), got {src.limit}")
        if src.limit is not None and src.limit < len(examples):
            examples = random.Random(seed).sample(examples, src.limit)
        if src.repeat < 1:
            raise DataError(f"{src.path}: repeat must be >= 1, got {src.repeat}")
        loaded.append((src, examples))
    # A pair that a labelled source holds is learnt from its label: its unlabelled copy (an
    # annotation round drawn from the unlabelled pool) would only count it twice.
    labelled = {(e.sentence.strip(), e.target) for src, exs in loaded if not src.unlabelled for e in exs}
    out: list[Example] = []
    for src, examples in loaded:
        if src.unlabelled:
            kept = [e for e in examples if (e.sentence.strip(), e.target) not in labelled]
            if len(kept) < len(examples):
                log.info("%s: %d unlabelled pairs left out, a labelled source has them",
                         src.path, len(examples) - len(kept))
            examples = kept
        out.extend(examples * src.repeat)
    return out
