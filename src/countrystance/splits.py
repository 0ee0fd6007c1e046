"""Train/dev/test splits with no sentence, near-duplicate or template in two splits.

Examples are joined into groups (union-find) when they share an explicit group key
(a story or template id, a document id), the same sentence, or a near-duplicate
sentence: word 3-gram Jaccard similarity >= ``threshold`` after every mention is
masked, so "X condemned Y's strike" and "Z condemned W's strike" fall together.
Whole groups are then assigned to splits by a seeded hash, so the assignment is
stable when examples are added.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

_WORD = re.compile(r"\w+")


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def masked_shingles(sentence: str, spans: Sequence[Sequence[int]], n: int = 3) -> frozenset[str]:
    """Word n-grams of the sentence with every mention replaced by one placeholder."""
    text = sentence
    for s, e in sorted(spans, reverse=True):
        text = text[:s] + " TGT " + text[e:]
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < n:
        return frozenset([" ".join(words)])
    return frozenset(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))


class ShingleIndex:
    """Mention-masked shingle sets, searchable for near-duplicates (Jaccard >= ``threshold``)."""

    def __init__(self, threshold: float = 0.5) -> None:
        self.threshold = threshold
        self.shingles: list[frozenset[str]] = []
        self._by_gram: dict[str, list[int]] = defaultdict(list)

    def add(self, shingles: frozenset[str]) -> int:
        i = len(self.shingles)
        self.shingles.append(shingles)
        for g in shingles:
            self._by_gram[g].append(i)
        return i

    def near(self, shingles: frozenset[str], skip: Callable[[int], bool] = lambda j: False) -> list[int]:
        """Indices of the added sets this one near-duplicates; ``skip`` spares the comparison."""
        candidates = {j for g in shingles for j in self._by_gram.get(g, ())}
        out = []
        for j in sorted(candidates):
            if skip(j):
                continue
            other = self.shingles[j]
            inter = len(shingles & other)
            if inter and inter / len(shingles | other) >= self.threshold:
                out.append(j)
        return out


def group_ids(records: Sequence[Any], *, sentence: Callable[[Any], str],
              spans: Callable[[Any], Sequence[Sequence[int]]],
              keys: Callable[[Any], Sequence[str]] = lambda r: (),
              threshold: float = 0.5) -> list[int]:
    """A group number per record; records that must share a split share a number."""
    n = len(records)
    uf = _UnionFind(n)
    first_by_key: dict[str, int] = {}
    index = ShingleIndex(threshold)
    for i, r in enumerate(records):
        for key in (*keys(r), "sentence:" + sentence(r).strip().lower()):
            if key in first_by_key:
                uf.union(first_by_key[key], i)
            else:
                first_by_key[key] = i
        sh = masked_shingles(sentence(r), spans(r))
        for j in index.near(sh, skip=lambda j, i=i: uf.find(i) == uf.find(j)):
            uf.union(i, j)
        index.add(sh)
    return [uf.find(i) for i in range(n)]


def assign_splits(groups: Sequence[int], group_names: Sequence[str], seed: int,
                  fractions: dict[str, float]) -> list[str]:
    """Split name per record: groups ordered by a seeded hash, filled up to each fraction."""
    total = sum(fractions.values())
    if abs(total - 1.0) > 1e-6:
        raise ValueError(f"split fractions must sum to 1, got {fractions}")
    size: dict[int, int] = defaultdict(int)
    name_of: dict[int, str] = {}
    for g, name in zip(groups, group_names, strict=True):
        size[g] += 1
        name_of.setdefault(g, name)
    order = sorted(size, key=lambda g: hashlib.sha1(f"{seed}:{name_of[g]}".encode()).hexdigest())
    n = len(groups)
    bounds: list[tuple[str, float]] = []
    acc = 0.0
    for split, frac in fractions.items():
        acc += frac
        bounds.append((split, acc * n))
    split_of: dict[int, str] = {}
    filled = 0
    for g in order:
        split = next((s for s, b in bounds if filled < b), bounds[-1][0])
        split_of[g] = split
        filled += size[g]
    return [split_of[g] for g in groups]
