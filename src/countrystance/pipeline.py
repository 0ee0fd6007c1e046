"""Article -> (sentence, target) pairs -> output rows.

segment -> find targets -> one pair per (sentence, target) carrying every span of
that target in the sentence. Sentences with no target make no pair, so they cost
no model time. The classifier fills in labels; :func:`rows_for_pairs` shapes the
output rows that the batch command writes and ``predict_article`` returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .labels import LabelSet
from .segment import split_sentences
from .targets import group_by_target

ROW_COLUMNS = (
    "article_id", "sentence_index", "sentence_start", "sentence_end", "sentence", "target",
    "mention", "mention_start", "mention_end", "mention_kind", "n_mentions", "label",
)


@dataclass
class Pair:
    article_id: str
    sentence_index: int
    sentence_start: int  # offsets of the sentence in the article
    sentence_end: int
    sentence: str
    target: str
    spans: list[list[int]]  # the target's mentions, offsets in the sentence
    mentions: list[Any]  # targets.Mention objects, offsets in the sentence


def article_pairs(article_id: str, text: str, date: str | None, finder: Any,
                  counts: dict[str, int] | None = None) -> list[Pair]:
    """The article's (sentence, target) pairs; ``counts['sentences']`` grows by its sentences."""
    pairs: list[Pair] = []
    sentences = split_sentences(text)
    if counts is not None:
        counts["sentences"] = counts.get("sentences", 0) + len(sentences)
    for sent in sentences:
        found = finder.find(sent.text, date)
        if not found:
            continue
        for target, mentions in group_by_target(found).items():
            pairs.append(Pair(article_id, sent.index, sent.start, sent.end, sent.text, target,
                              [[m.start, m.end] for m in mentions], mentions))
    return pairs


def rows_for_pairs(pairs: Sequence[Pair], probs: np.ndarray, truncated: Sequence[bool],
                   labels: LabelSet, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Output rows: ids, offsets (in the article), mention, label, probabilities, metadata."""
    names = labels.names
    cols = labels.prob_columns()
    rows: list[dict[str, Any]] = []
    for pair, p, cut in zip(pairs, probs, truncated, strict=True):
        first = pair.mentions[0]
        row: dict[str, Any] = {
            "article_id": pair.article_id,
            "sentence_index": pair.sentence_index,
            "sentence_start": pair.sentence_start,
            "sentence_end": pair.sentence_end,
            "sentence": pair.sentence,
            "target": pair.target,
            "mention": first.text,
            "mention_start": pair.sentence_start + first.start,
            "mention_end": pair.sentence_start + first.end,
            "mention_kind": first.kind,
            "n_mentions": len(pair.mentions),
            "label": names[int(np.argmax(p))],
        }
        for col, value in zip(cols, p, strict=True):
            row[col] = float(value)
        row["truncated"] = bool(cut)
        if metadata:
            for k, v in metadata.items():
                row.setdefault(k, v)
        rows.append(row)
    return rows
