"""Scoring helpers: end-to-end labels from the mention finder's spans instead of the gold ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from countrystance.classifier import StanceClassifier
from countrystance.data import Example
from countrystance.evaluate import end_to_end, scores


def _example(i: int, sentence: str, target: str, spans: list[list[int]], label: str) -> Example:
    return Example(example_id=f"e{i}", sentence=sentence, target=target, spans=spans,
                   label_name=label, source="test")


def test_end_to_end_labels_from_the_finders_spans_and_scores_a_missed_target_as_wrong(tiny_run: Path) -> None:
    clf = StanceClassifier.from_pretrained(tiny_run)
    examples = [
        _example(0, "Washington warned Beijing.", "China", [[18, 25]], "hostile"),
        _example(1, "The Hermit Kingdom fired a missile.", "North Korea", [[4, 18]], "neutral"),
        # the gold marks only "France"; the finder also finds "French"
        _example(2, "France said the French government would act.", "France", [[0, 6]], "neutral"),
        _example(3, "Ghana and Togo signed a treaty.", "Togo", [[10, 14]], "supportive"),
    ]
    e2e = end_to_end(clf, examples)
    assert e2e.found.tolist() == [0, 2, 3] and e2e.missed == 1 and e2e.pred[1] == -1
    assert e2e.other_spans == 1

    # the labels are the model's on the finder's spans
    logits, _ = clf.logits([examples[i].sentence for i in (0, 2, 3)], [[[18, 25]], [[0, 6], [16, 22]], [[10, 14]]],
                           ["China", "France", "Togo"])
    assert e2e.pred[[0, 2, 3]].tolist() == logits.argmax(1).tolist()
    assert np.allclose(e2e.probs.sum(1), 1.0) and e2e.probs.shape == (3, 3)

    # a missed target is a miss of its gold class, never a hit
    gold = np.array([clf.labels.id(e.label_name) for e in examples])
    s = scores(gold, e2e.pred, clf.labels)
    assert s["per_class"]["neutral"]["support"] == 2
    assert s["accuracy"] == (e2e.pred == gold).mean() <= 0.75
