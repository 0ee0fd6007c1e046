"""The accuracy benchmark's baselines: majority class and TF-IDF + logistic regression."""

from __future__ import annotations

import numpy as np
import pytest

from countrystance.baselines import MajorityBaseline, TfidfBaseline
from countrystance.data import Example
from countrystance.labels import STANCE_LABELS, LabelSet

LABELS = LabelSet.of(STANCE_LABELS)
VERBS = {"hostile": ["condemned", "threatened"], "neutral": ["visited", "met"],
         "supportive": ["praised", "thanked"]}
STATES = [("France", "Spain"), ("Ghana", "Togo"), ("Chile", "Peru"), ("Japan", "China")]


def _examples(label: str | None = None) -> list[Example]:
    out = []
    for name, verbs in VERBS.items():
        for verb in verbs:
            for actor, target in STATES:
                sentence = f"{actor} {verb} {target} on Monday."
                start = sentence.index(target)
                out.append(Example(example_id=f"{len(out)}", sentence=sentence, target=target,
                                   spans=[[start, start + len(target)]], source="test",
                                   label_name=name if label is None else label or None))
    return out


def test_majority_predicts_the_most_frequent_label_of_the_labelled_examples() -> None:
    train = _examples()[:12] + _examples("")  # 8 hostile, 4 neutral + 24 unlabelled
    probs = MajorityBaseline(LABELS).fit(train).predict_proba(train[:3])
    assert probs.tolist() == [[1.0, 0.0, 0.0]] * 3


def test_tfidf_learns_the_words_and_ignores_unlabelled_examples() -> None:
    labelled = _examples()
    train = [e for i, e in enumerate(labelled) if i % 4] + _examples("")
    held_out = [e for i, e in enumerate(labelled) if not i % 4]
    probs = TfidfBaseline(LABELS).fit(train).predict_proba(held_out)
    assert probs.shape == (len(held_out), 3) and np.allclose(probs.sum(1), 1.0)
    assert [LABELS.names[i] for i in probs.argmax(1)] == [e.label_name for e in held_out]


def test_a_baseline_with_nothing_labelled_says_so() -> None:
    with pytest.raises(ValueError, match="no labelled example"):
        TfidfBaseline(LABELS).fit(_examples(""))
    with pytest.raises(ValueError, match="no labelled example"):
        MajorityBaseline(LABELS).fit(_examples(""))
