"""Baselines for the accuracy benchmark: majority class, and TF-IDF + logistic regression.

Both train on the same examples as a model run and see the same input: the marked
sentence paired with the target name (``encoding.model_input``), so the comparison
measures the encoder, not a different view of the data. scikit-learn does the work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from .data import Example
from .encoding import EncodingSettings, model_input
from .labels import LabelSet


def _labelled(examples: Sequence[Example]) -> list[Example]:
    """The examples with a label: unlabelled ones (distillation input) carry nothing to fit."""
    labelled = [e for e in examples if e.label_name is not None]
    if not labelled:
        raise ValueError(f"no labelled example to fit a baseline on (of {len(examples)})")
    return labelled


def _texts(examples: Sequence[Example], settings: EncodingSettings) -> list[str]:
    out = []
    for e in examples:
        text, pair = model_input(e.sentence, e.spans, e.target, settings)
        out.append(f"{text} || target: {pair}")
    return out


class MajorityBaseline:
    name = "majority class"

    def __init__(self, labels: LabelSet) -> None:
        self.labels = labels
        self.probs = np.full(len(labels), 1.0 / len(labels))

    def fit(self, examples: Sequence[Example]) -> MajorityBaseline:
        counts = Counter(e.label_name for e in _labelled(examples))
        top = self.labels.id(counts.most_common(1)[0][0])
        self.probs = np.zeros(len(self.labels))
        self.probs[top] = 1.0
        return self

    def predict_proba(self, examples: Sequence[Example]) -> np.ndarray:
        return np.tile(self.probs, (len(examples), 1))


class TfidfBaseline:
    name = "TF-IDF + logistic regression"

    def __init__(self, labels: LabelSet, settings: EncodingSettings | None = None, c: float = 4.0,
                 seed: int = 0) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline

        self.labels = labels
        self.settings = settings or EncodingSettings()
        self.pipeline = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True),
            LogisticRegression(C=c, max_iter=2000, random_state=seed),
        )

    def fit(self, examples: Sequence[Example]) -> TfidfBaseline:
        examples = _labelled(examples)
        y = [self.labels.id(e.label_name) for e in examples]
        self.pipeline.fit(_texts(examples, self.settings), y)
        return self

    def predict_proba(self, examples: Sequence[Example]) -> np.ndarray:
        probs = self.pipeline.predict_proba(_texts(examples, self.settings))
        out = np.zeros((len(examples), len(self.labels)))
        out[:, self.pipeline.classes_] = probs  # classes absent from training stay at 0
        return out
