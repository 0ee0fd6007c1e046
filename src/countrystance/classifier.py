"""``StanceClassifier``: a trained run as a Python object that labels (sentence, target) pairs.

It reads everything it needs (labels, encoding settings, temperature) from the
run folder. Pairs are sorted by token length and batched, so each batch pads to
its own longest pair; results come back in the input order. Probabilities are
calibrated with the run's fitted temperature.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .calibration import softmax
from .encoding import encode
from .labels import LabelSet
from .modeling import RunInfo

BACKENDS = ("auto", "torch", "torch-bf16", "torch-int8", "onnx", "onnx-int8")


@dataclass
class StancePrediction:
    label: str
    probabilities: dict[str, float]


class StanceClassifier:
    # Batches are padded to a multiple of this many tokens and rows. Every distinct (rows,
    # length) shape makes the CPU kernels allocate and cache buffers for it; with exact
    # sizes a long run meets hundreds of shapes and resident memory creeps up (bf16, 60
    # batches of odd sizes: 0.67 -> 1.13 GB; fp32 over 14,000 UN pairs: 0.73 -> 0.92 GB);
    # with multiples of 8 it stays flat (0.76-0.80 GB; 0.63 GB).
    PAD_MULTIPLE = 8

    def __init__(self, model: Any, tokenizer: Any, info: RunInfo, *, batch_size: int = 64,
                 backend: str = "torch", finder: Any = None) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.model = model
        self.tokenizer = tokenizer
        self.info = info
        self.batch_size = batch_size
        self.pad_multiple = self.PAD_MULTIPLE
        self.backend = backend
        self._finder = finder

    @classmethod
    def from_pretrained(cls, run_dir: str | Path, *, backend: str = "torch", num_threads: int = 0,
                        batch_size: int = 64, targets_config: Any = None) -> StanceClassifier:
        """Load a run folder written by ``countrystance train``."""
        import torch

        from .backends import load_backend, resolve_backend

        if backend not in BACKENDS:
            raise ValueError(f"unknown backend {backend!r}; expected one of {list(BACKENDS)}")
        backend = resolve_backend(backend)
        if num_threads > 0:
            torch.set_num_threads(num_threads)
        model, tokenizer, info = load_backend(run_dir, backend, num_threads=num_threads)
        finder = None
        if targets_config is not None:
            from .targets import MentionFinder

            finder = MentionFinder(targets_config)
        return cls(model, tokenizer, info, batch_size=batch_size, backend=backend, finder=finder)

    @property
    def labels(self) -> LabelSet:
        return self.info.labels

    @property
    def finder(self) -> Any:
        if self._finder is None:
            from .targets import MentionFinder

            self._finder = MentionFinder()
        return self._finder

    # ------------------------------------------------------------------ pairs

    def logits(self, sentences: Sequence[str], spans: Sequence[Sequence[Sequence[int]]],
               targets: Sequence[str]) -> tuple[np.ndarray, list[bool]]:
        """Raw logits (n, n_labels) in input order, and which inputs were cut to fit."""
        n = len(sentences)
        if not n == len(spans) == len(targets):
            raise ValueError(f"{n} sentences, {len(spans)} span lists and {len(targets)} targets: "
                             "one of each per pair")
        if n == 0:
            return np.zeros((0, len(self.labels)), dtype=np.float32), []
        _check_pairs(sentences, spans, targets)
        enc = encode(self.tokenizer, sentences, spans, targets, self.info.encoding)
        feats = enc.features
        order = np.argsort([len(ids) for ids in feats["input_ids"]], kind="stable")
        out = np.zeros((n, len(self.labels)), dtype=np.float32)
        for b in range(0, n, self.batch_size):
            idx = order[b: b + self.batch_size]
            rows = idx
            if self.pad_multiple and len(idx) % self.pad_multiple:
                # the last, partial batch: repeat its last row so its size is a multiple too
                rows = np.concatenate([idx, np.repeat(idx[-1:], -len(idx) % self.pad_multiple)])
            batch = self.tokenizer.pad({k: [feats[k][i] for i in rows] for k in feats},
                                       pad_to_multiple_of=self.pad_multiple or None,
                                       return_tensors="np")
            out[idx] = self.model.run(dict(batch))[: len(idx)]
        return out, enc.truncated

    def predict_proba(self, sentences: Sequence[str], spans: Sequence[Sequence[Sequence[int]]],
                      targets: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities (n, n_labels), columns in ``self.labels`` order."""
        logits, _ = self.logits(sentences, spans, targets)
        return softmax(logits, self.info.temperature)

    def predict(self, sentence: str, target: str, spans: Sequence[Sequence[int]] | None = None,
                date: str | None = None) -> StancePrediction:
        """The stance of one sentence toward one target.

        Without ``spans`` the mention finder marks the target's mentions; the target may be
        any name, alias or code it knows ("USA", "Britain", "germany"). Where it finds none,
        whole-word occurrences of the name are marked, except inside another country's
        mention ("Sudan" in "South Sudan"). A target named nowhere in the sentence is still
        labelled, from its name alone, with a warning: the contract labels stance toward
        countries a sentence names, so such a label means little.
        """
        if not isinstance(target, str) or not target.strip():
            raise ValueError(f"target must be a country name, got {target!r}")
        if spans is None:
            found = self.finder.find(sentence, date)
            target = self._canonical(target, sentence, found)
            spans = [[m.start, m.end] for m in found if m.target == target]
            if not spans:
                spans = _whole_words(sentence, target, [(m.start, m.end) for m in found])
            if not spans:
                warnings.warn(f"{target!r} is not mentioned in the sentence; its label comes from "
                              "the target name alone (pass spans= to mark a mention)", stacklevel=2)
        probs = self.predict_proba([sentence], [spans], [target])[0]
        return self._prediction(probs)

    def _canonical(self, target: str, sentence: str, found: Sequence[Any]) -> str:
        """The target's canonical name: from the gazetteer, else from a mention in the sentence
        that reads as the name ("Korea", which the finder resolves by its settings), else as
        given (a target the gazetteer does not know: a person, a custom list)."""
        from .targets import canonical_name

        try:
            return canonical_name(target, self.finder)
        except KeyError:
            for m in found:
                if sentence[m.start:m.end].casefold() == target.strip().casefold():
                    return m.target
            return target

    def _prediction(self, probs: np.ndarray) -> StancePrediction:
        names = self.labels.names
        return StancePrediction(label=names[int(np.argmax(probs))],
                                probabilities={n: float(p) for n, p in zip(names, probs, strict=True)})

    # ------------------------------------------------------------------ articles

    def predict_article(self, text: str, date: str | None = None,
                        article_id: str = "article") -> list[dict[str, Any]]:
        """One row per (sentence, target) of an article, as the batch command writes them."""
        from .pipeline import article_pairs, rows_for_pairs

        pairs = article_pairs(article_id, text, date, self.finder)
        if not pairs:
            return []
        logits, truncated = self.logits([p.sentence for p in pairs], [p.spans for p in pairs],
                                        [p.target for p in pairs])
        # the same columns as a batch run's rows, date included
        return rows_for_pairs(pairs, softmax(logits, self.info.temperature), truncated, self.labels,
                              {"date": date})


def _whole_words(sentence: str, name: str, taken: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Spans of ``name`` as a whole word that lie inside no other mention."""
    spans = []
    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", sentence):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            spans.append([m.start(), m.end()])
    return spans


def _check_pairs(sentences: Sequence[str], spans: Sequence[Sequence[Sequence[int]]],
                 targets: Sequence[str]) -> None:
    """Refuse what the encoder would turn into a silently wrong input: spans outside their
    sentence or reversed (markers around nothing, text repeated), an empty target, and lone
    surrogates (from a JSON "\\ud800" escape), which no tokenizer takes."""
    for i, (sentence, pair_spans, target) in enumerate(zip(sentences, spans, targets, strict=True)):
        for what, text in (("sentence", sentence), ("target", target)):
            if not isinstance(text, str):
                raise ValueError(f"{what} {i} must be a string, got {type(text).__name__}")
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as err:
                raise ValueError(f"{what} {i} holds invalid Unicode (an unpaired surrogate) at "
                                 f"position {err.start}") from None
        if not target.strip():
            raise ValueError(f"target {i} is empty")
        for span in pair_spans:
            if (not isinstance(span, Sequence) or isinstance(span, str) or len(span) != 2
                    or not all(isinstance(x, (int, np.integer)) for x in span)):
                raise ValueError(f"spans {i} must be a list of [start, end] pairs, got {pair_spans!r}")
            if not 0 <= span[0] < span[1] <= len(sentence):
                raise ValueError(f"span {list(span)} of pair {i} is not inside its sentence "
                                 f"(length {len(sentence)})")
