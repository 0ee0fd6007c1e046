"""Blind reviews of the mention finder on real sentences: draw a sample, keep the verdicts.

A review shows careful readers real sentences with the finder's finds. The readers judge each
find (``ok``, ``wrong`` or ``borderline``) and list the mentions it missed. ``draw_review``
draws the sample:

- random sentences from UN speeches and headlines;
- sentences with a capital find, capitals being the finder's weakest kind;
- optionally, sentences with a demonym find, to measure demonym precision on more finds than
  random text holds (one sentence drawn at random among a document's sentences with one);
- optionally, sentences where a capital's name appears and the finder does not keep it (part
  ``capital_dropped``: the finder with ``capital_locations`` on finds it, the default finder
  does not), to measure how many capitals the finder misses: the capital part shows only what
  it keeps, and random text holds too few capitals to count the misses;
- optionally, sentences with a capital find from any document, earlier reviews' documents too,
  but never a sentence a review has shown (part ``capital_kept``): the capital part ran out of
  unreviewed documents, and capital precision needs more finds than random text holds;
- documents of earlier reviews are left out (but for ``capital_kept``), or, once every
  document has been drawn from (``reuse_documents``), only the sentences a review has shown.

It writes the sentences and finds in batches for the readers; that sample holds corpus text,
so it belongs outside the repository. ``review_references`` turns the sample and the
readers' answers into references in the format of ``data/mentions/real_dev.jsonl`` (no
corpus text), which ``scripts/benchmark_mentions.py`` can score. The gold is the finds judged
``ok`` or ``borderline`` plus the misses.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .data import iter_jsonl, normalise_document, sentence_hash
from .segment import flatten_breaks, split_sentences
from .targets import MentionFinder, canonical_name

VERDICTS = ("ok", "wrong", "borderline")


def _sentences(text: str, min_words: int = 3, max_words: int = 120) -> list[tuple[int, str]]:
    return [(s.start, s.text) for s in split_sentences(text) if min_words <= len(s.text.split()) <= max_words]


def _item(corpus: str, part: str, doc_id: str, start: int, sentence: str, date: str | None,
          finder: MentionFinder) -> dict[str, Any]:
    finds = [{"n": i + 1, "text": m.text, "start": m.start, "target": m.target, "kind": m.kind}
             for i, m in enumerate(finder.find(sentence, date))]
    return {"id": f"{doc_id}@{start}", "corpus": corpus, "part": part, "date": date, "sentence": sentence,
            "finds": finds}


def draw_review(speeches: str | Path, headlines: str | Path, *, seed: int, exclude_docs: Iterable[str] = (),
                n_speech: int = 480, n_headline: int = 320, n_capital: int = 130, n_demonym: int = 0,
                n_capital_dropped: int = 0, n_capital_kept: int = 0, exclude_sentences: Iterable[str] = (),
                reuse_documents: bool = False, finder: MentionFinder | None = None) -> list[dict[str, Any]]:
    """The review sample, shuffled: random UN sentences (two per speech), random headlines
    (one each), ``n_capital`` UN and ``n_capital`` headline sentences with a capital find, and
    ``n_demonym`` of each with a demonym find (part ``demonym``), and ``n_capital_dropped`` of each
    with a capital's name the finder drops (part ``capital_dropped``); each part draws from
    documents the parts before it did not use. ``n_capital_kept`` of each with a capital find
    (part ``capital_kept``) come from any document this review has not used, earlier reviews'
    too, leaving out the sentences whose hash (``sentence_hash``) is in ``exclude_sentences``.

    ``reuse_documents``: every part draws from every document, earlier reviews' too, and leaves
    out the shown sentences (``exclude_sentences``) instead of the documents (``exclude_docs``):
    by review 48 every UN speech had been drawn from."""
    finder = finder or MentionFinder()
    rng = random.Random(seed)
    skip = set() if reuse_documents else set(exclude_docs)
    shown = set(exclude_sentences)

    def fresh(doc: Mapping[str, Any]) -> list[tuple[int, str]]:
        """The document's sentences a review may show: with ``reuse_documents``, none shown before."""
        sents = _sentences(doc["text"])
        return [(a, t) for a, t in sents if sentence_hash(t) not in shown] if reuse_documents else sents

    every = {name: [o for _, o in iter_jsonl(path)] for name, path in (("ungdc", speeches), ("headlines", headlines))}
    docs = {name: [o for o in pool if str(o.get("id")) not in skip] for name, pool in every.items()}
    for pool in docs.values():
        rng.shuffle(pool)
    items: list[dict[str, Any]] = []
    seen: set[str] = set()

    def add(item: dict[str, Any]) -> bool:
        if item["id"] in seen:
            return False
        seen.add(item["id"])
        items.append(item)
        return True

    def date_of(name: str, doc: Mapping[str, Any]) -> str | None:
        return str(doc["year"]) if name == "ungdc" else doc.get("date")

    used: set[tuple[str, str]] = set()  # (corpus, document id) a part took a sentence from
    for name, want, per_doc in (("ungdc", n_speech, 2), ("headlines", n_headline, 1)):
        got = 0
        for doc in docs[name]:
            if got >= want:
                break
            used.add((name, str(doc["id"])))
            sents = fresh(doc)
            for start, text in rng.sample(sents, min(per_doc, len(sents))):
                if got < want and add(_item(name, "random", str(doc["id"]), start, text, date_of(name, doc), finder)):
                    got += 1

    def unused(name: str) -> Iterable[Mapping[str, Any]]:
        return (doc for doc in docs[name] if (name, str(doc["id"])) not in used)

    for name in ("ungdc", "headlines"):
        got = 0
        for doc in unused(name):
            if got >= n_capital:
                break
            for start, text in fresh(doc):
                item = _item(name, "capital", str(doc["id"]), start, text, date_of(name, doc), finder)
                if any(f["kind"] == "capital" for f in item["finds"]) and add(item):
                    used.add((name, str(doc["id"])))
                    got += 1
                    break
    def one_per_document(name: str, pool: Iterable[Mapping[str, Any]], want: int, part: str,
                         fits: Callable[[str, str | None], bool]) -> None:
        """Up to ``want`` sentences of ``part``, one drawn at random among each document's
        sentences that ``fits``, from the documents of ``pool`` no part has used."""
        got = 0
        for doc in pool:
            if got >= want:
                break
            if (name, str(doc["id"])) in used:
                continue
            date = date_of(name, doc)
            found = [(start, text) for start, text in fresh(doc) if fits(text, date)]
            if found:
                start, text = rng.choice(found)
                if add(_item(name, part, str(doc["id"]), start, text, date, finder)):
                    used.add((name, str(doc["id"])))
                    got += 1

    def has_kind(kind: str, text: str, date: str | None) -> bool:
        return any(m.kind == kind for m in finder.find(text, date))

    for name in ("ungdc", "headlines"):
        one_per_document(name, docs[name], n_demonym, "demonym", lambda text, date: has_kind("demonym", text, date))
    places = MentionFinder({"capital_locations": True}) if n_capital_dropped else None

    def drops_a_capital(text: str, date: str | None) -> bool:
        named = {(m.start, m.target) for m in places.find(text, date) if m.kind == "capital"}
        return bool(named - {(m.start, m.target) for m in finder.find(text, date) if m.kind == "capital"})

    for name in ("ungdc", "headlines"):
        one_per_document(name, docs[name], n_capital_dropped, "capital_dropped", drops_a_capital)
    for name in ("ungdc", "headlines") if n_capital_kept else ():
        pool = every[name][:]
        rng.shuffle(pool)  # earlier reviews' documents too; only their shown sentences are left out
        one_per_document(name, pool, n_capital_kept, "capital_kept",
                         lambda text, date: sentence_hash(text) not in shown and has_kind("capital", text, date))
    rng.shuffle(items)
    return items


def write_batches(items: list[dict[str, Any]], out: str | Path, n_batches: int = 4) -> list[Path]:
    """``sample.jsonl`` and ``batch_<a..>.jsonl`` (what a reader sees: id, date, sentence, finds)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "sample.jsonl").open("w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps(it, ensure_ascii=False) + "\n")
    paths = []
    for k in range(n_batches):
        path = out / f"batch_{chr(ord('a') + k)}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for it in items[k::n_batches]:
                fh.write(json.dumps({x: it[x] for x in ("id", "date", "sentence", "finds")}, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def _canonical(target: Any) -> Any:
    """A reader's target as the finder names it ("West" -> "the West"); as written if unknown."""
    try:
        return canonical_name(target)
    except KeyError:
        return target


def review_references(items: list[dict[str, Any]], answers: Mapping[str, Mapping[str, Any]],
                      documents: Mapping[str, Mapping[str, str]], prefix: str) -> tuple[list[dict[str, Any]], Counter]:
    """References for a read review. ``answers``: the readers' lines by sample id; ``documents``:
    corpus name -> document id -> text. Offsets point into the normalised document text."""
    counts: Counter = Counter()
    refs = []
    for k, it in enumerate(items):
        if it["id"] not in answers:
            raise ValueError(f"review item {it['id']} has no answer")
        ans = answers[it["id"]]
        if len(ans["finds"]) != len(it["finds"]):
            raise ValueError(f"review item {it['id']}: {len(ans['finds'])} verdicts for {len(it['finds'])} finds")
        sentence = it["sentence"]
        mentions, taken = [], []
        for find, verdict in zip(it["finds"], ans["finds"], strict=True):
            v = verdict["verdict"]
            if v not in VERDICTS:
                raise ValueError(f"review item {it['id']}: unknown verdict {v!r}")
            counts[v] += 1
            if v != "wrong":
                span = (find["start"], find["start"] + len(find["text"]))
                taken.append(span)
                mentions.append({"start": span[0], "end": span[1], "target": find["target"], "kind": find["kind"],
                                 "judged": v, "found": True})
        for miss in ans.get("missed") or []:
            text = (miss.get("text") or "").strip()
            pos = sentence.find(text) if text else -1
            while pos >= 0 and any(a <= pos < b for a, b in taken):
                pos = sentence.find(text, pos + 1)
            if pos < 0 or any(pos < b and a < pos + len(text) for a, b in taken):
                counts["missed_not_placed"] += 1  # not in the sentence, or a longer form of a find
                continue
            taken.append((pos, pos + len(text)))
            counts["missed"] += 1
            mentions.append({"start": pos, "end": pos + len(text), "target": _canonical(miss.get("target")),
                             "kind": miss.get("kind"), "judged": "missed", "found": False})
        doc_id, raw_start = it["id"].rsplit("@", 1)
        text = normalise_document(documents[it["corpus"]][doc_id])
        flat = flatten_breaks(text)
        pos = flat.find(sentence, max(0, int(raw_start) - 50))
        if pos < 0:
            pos = flat.find(sentence)
        if pos < 0:
            raise ValueError(f"review item {it['id']}: the sentence is not in document {doc_id}")
        refs.append({"id": f"{prefix}-{k:04d}", "corpus": it["corpus"], "doc_id": doc_id, "date": it["date"],
                     "part": it["part"], "sent_start": pos, "sent_end": pos + len(sentence),
                     "sent_sha1": sentence_hash(sentence),
                     "mentions": sorted(mentions, key=lambda m: m["start"])})
    return refs, counts
