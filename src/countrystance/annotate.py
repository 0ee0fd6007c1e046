"""Sampling corpus sentences for annotation, and turning labels into references.

The project annotates real sentences from public corpora (the UN General Debate
speeches, world-news headlines) but stores only references: document id, the
sentence's offsets in the normalised document text (``data.normalise_document``),
a hash of the sentence, the target, its spans and the label. This module draws
the sample (stratified by period, spread over targets, with self-mentions and
very long or short sentences kept in check) and writes the reference records.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .data import iter_jsonl, normalise_document, sentence_hash
from .segment import split_sentences
from .targets import MentionFinder, canonical_name, group_by_target


@dataclass
class Candidate:
    pair_id: str
    doc_id: str
    period: str  # year (speeches) or year of the date (headlines)
    speaker: str | None  # canonical name of the speaking state, where known
    sent_start: int
    sent_end: int
    sentence: str
    target: str
    spans: list[list[int]]
    kinds: list[str]

    def reference(self, label: str, **extra: Any) -> dict[str, Any]:
        return {"id": self.pair_id, "doc_id": self.doc_id, "sent_start": self.sent_start,
                "sent_end": self.sent_end, "sent_sha1": sentence_hash(self.sentence),
                "target": self.target, "spans": self.spans, "label": label, **extra}


def _speaker_name(code: Any) -> str | None:
    if not code:
        return None
    try:
        return canonical_name(str(code))
    except KeyError:
        return None


def pick_documents(corpus: str | Path, per_period: int, seed: int,
                   period_of: Any) -> set[str]:
    """Up to ``per_period`` random document ids from each period (stream, ids only kept)."""
    by_period: dict[str, list[str]] = defaultdict(list)
    for _, rec in iter_jsonl(corpus):
        by_period[period_of(rec)].append(str(rec["id"]))
    rng = random.Random(seed)
    chosen: set[str] = set()
    for period in sorted(by_period):
        ids = by_period[period]
        chosen.update(rng.sample(ids, min(per_period, len(ids))))
    return chosen


def candidates(corpus: str | Path, doc_ids: set[str], finder: MentionFinder, period_of: Any,
               min_words: int = 5, max_words: int = 90) -> Iterator[Candidate]:
    """Every (sentence, target) pair of the chosen documents that the finder sees."""
    for _, rec in iter_jsonl(corpus):
        doc_id = str(rec["id"])
        if doc_id not in doc_ids:
            continue
        text = normalise_document(rec["text"])
        period = period_of(rec)
        date = str(rec.get("date") or rec.get("year") or "") or None
        speaker = _speaker_name(rec.get("speaker_country"))
        for sent in split_sentences(text):
            n_words = len(sent.text.split())
            if not (min_words <= n_words <= max_words):
                continue
            found = finder.find(sent.text, date)
            for target, mentions in group_by_target(found).items():
                yield Candidate(
                    pair_id=f"{doc_id}:{sent.start}:{target}", doc_id=doc_id, period=period,
                    speaker=speaker, sent_start=sent.start, sent_end=sent.end, sentence=sent.text,
                    target=target, spans=[[m.start, m.end] for m in mentions],
                    kinds=[m.kind for m in mentions],
                )


def sample_pairs(pool: list[Candidate], n_pairs: int, seed: int, self_weight: float = 0.3,
                 max_sentences_per_doc: int = 3) -> list[Candidate]:
    """Draw whole sentences (all their targets) until ``n_pairs`` pairs are reached.

    A sentence's weight is that of its rarest target, 1/sqrt(target frequency), so
    frequent targets (the United States) do not swamp the sample; a sentence whose
    only target is the speaker itself counts ``self_weight`` as much; periods are
    balanced by drawing round-robin over them.
    """
    rng = random.Random(seed)
    freq = Counter(c.target for c in pool)
    sentences: dict[tuple[str, int], list[Candidate]] = defaultdict(list)
    for c in pool:
        sentences[(c.doc_id, c.sent_start)].append(c)
    by_period: dict[str, list[tuple[float, tuple[str, int]]]] = defaultdict(list)
    for key, pairs in sentences.items():
        weight = max(1.0 / math.sqrt(freq[p.target]) for p in pairs)
        if all(p.target == p.speaker for p in pairs):
            weight *= self_weight
        # Efraimidis-Spirakis: sorting by u^(1/w) draws without replacement by weight.
        by_period[pairs[0].period].append((rng.random() ** (1.0 / weight), key))
    queues = {p: [k for _, k in sorted(v, reverse=True)] for p, v in by_period.items()}
    per_doc: Counter[str] = Counter()
    chosen: list[Candidate] = []
    periods = sorted(queues)
    while len(chosen) < n_pairs and any(queues.values()):
        for period in periods:
            queue = queues[period]
            while queue:
                key = queue.pop(0)
                if per_doc[key[0]] >= max_sentences_per_doc:
                    continue
                per_doc[key[0]] += 1
                chosen.extend(sentences[key])
                break
            if len(chosen) >= n_pairs:
                break
    return chosen


def cohen_kappa(a: Iterable[str], b: Iterable[str]) -> float:
    """Cohen's kappa of two annotators over the same items (scikit-learn's)."""
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score(list(a), list(b)))


def candidate_dict(c: Candidate) -> dict[str, Any]:
    return asdict(c)


def select_uncertain_sentences(records: list[dict[str, Any]], entropy: Sequence[float], n_pairs: int,
                               seed: int, *, uncertain_share: float = 0.5,
                               max_sentences_per_doc: int = 3) -> list[int]:
    """Indices of whole sentences (all their targets) to label next, about ``n_pairs`` pairs.

    ``uncertain_share`` of the pairs come from the sentences the current model is least
    sure of (the highest entropy among a sentence's targets): they hold the errors a new
    label fixes. The rest are drawn at random, weighted like :func:`sample_pairs` by the
    rarest target, so the labelled set keeps the corpus's own mix and an uncertainty
    sample's blind spots (what the model is confidently wrong about) are still covered.
    """
    if len(entropy) != len(records):
        raise ValueError(f"{len(records)} records but {len(entropy)} entropies")
    sentences: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        sentences[(r["doc_id"], r["sent_start"])].append(i)
    keys = list(sentences)
    freq = Counter(r["target"] for r in records)
    per_doc: Counter[str] = Counter()
    chosen: list[tuple[str, int]] = []
    taken: set[tuple[str, int]] = set()
    n = 0

    def take(key: tuple[str, int]) -> None:
        nonlocal n
        if key in taken or per_doc[key[0]] >= max_sentences_per_doc:
            return
        chosen.append(key)
        taken.add(key)
        per_doc[key[0]] += 1
        n += len(sentences[key])

    for key in sorted(keys, key=lambda k: -max(entropy[i] for i in sentences[k])):
        if n >= int(n_pairs * uncertain_share):
            break
        take(key)
    rng = random.Random(seed)
    weight = {k: 1.0 / math.sqrt(min(freq[records[i]["target"]] for i in sentences[k])) for k in keys}
    rest = [k for k in keys if k not in taken]
    for key in sorted(rest, key=lambda k: -rng.random() ** (1.0 / weight[k])):
        if n >= n_pairs:
            break
        take(key)
    return [i for key in chosen for i in sentences[key]]
