"""The accuracy benchmark scores a run in the run's own label order, whatever that order is."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from countrystance.classifier import StanceClassifier
from countrystance.labels import STANCE_LABELS, LabelSet

from .conftest import load_script

SENTENCES = ["Kenya thanked Ghana for its help.", "Peru condemned Chile's raid.",
             "Norway and Japan met in Oslo.", "India warned Pakistan again."]
TARGETS = ["Ghana", "Chile", "Japan", "Pakistan"]


def _permuted_copy(run: Path, dest: Path, order: list[int]) -> Path:
    """The same model with its output rows and label names reordered consistently."""
    import torch
    from transformers import AutoModelForSequenceClassification

    shutil.copytree(run, dest)
    model = AutoModelForSequenceClassification.from_pretrained(run)
    head = model.classifier
    with torch.no_grad():
        head.weight.copy_(head.weight[order])
        head.bias.copy_(head.bias[order])
    names = [model.config.id2label[i] for i in order]
    model.config.id2label = dict(enumerate(names))
    model.config.label2id = {n: i for i, n in enumerate(names)}
    model.save_pretrained(dest)
    return dest


def test_a_run_with_its_labels_in_another_order_scores_the_same(tiny_run: Path, tmp_path: Path) -> None:
    bench = load_script("benchmark_accuracy")
    labels = LabelSet.of(STANCE_LABELS)
    perm_dir = _permuted_copy(tiny_run, tmp_path / "perm", [1, 0, 2])
    spans = [[] for _ in SENTENCES]
    probs = {}
    for name, path in (("plain", tiny_run), ("perm", perm_dir)):
        clf = StanceClassifier.from_pretrained(path)
        order = bench.column_order(name, clf, labels)
        probs[name] = clf.predict_proba(SENTENCES, spans, TARGETS)[:, order]
    assert StanceClassifier.from_pretrained(perm_dir).labels.names == ("neutral", "hostile", "supportive")
    np.testing.assert_allclose(probs["perm"], probs["plain"], atol=1e-5)


def test_a_run_with_other_labels_is_refused(tiny_run: Path, tmp_path: Path) -> None:
    bench = load_script("benchmark_accuracy")
    clf = StanceClassifier.from_pretrained(tiny_run)
    with pytest.raises(SystemExit, match="are not the stance labels"):
        bench.column_order("sentiment", clf, LabelSet.of(["negative", "neutral", "positive"]))
