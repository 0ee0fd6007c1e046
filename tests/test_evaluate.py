"""Scoring helpers: end-to-end labels from the mention finder's spans instead of the gold ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

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


def test_macro_f1_averages_the_labels_in_use_only() -> None:
    from countrystance.labels import STANCE_LABELS, LabelSet

    labels = LabelSet.of(STANCE_LABELS)
    hostile = labels.id("hostile")
    all_right = scores(np.full(5, hostile), np.full(5, hostile), labels)
    assert all_right["macro_f1"] == 1.0 and all_right["macro_f1_labels"] == ["hostile"]
    # a label only the model uses counts (its F1 is 0), an end-to-end miss (-1) is no label
    gold = np.array([hostile] * 4)
    pred = np.array([hostile, hostile, labels.id("neutral"), -1])
    s = scores(gold, pred, labels)
    assert s["macro_f1_labels"] == ["hostile", "neutral"]
    assert s["per_class"]["hostile"]["f1"] == pytest.approx(2 / 3)  # precision 1, recall 1/2
    assert s["macro_f1"] == pytest.approx(1 / 3)


def test_evaluate_refuses_an_empty_file_and_an_unloadable_metric_before_labelling(
        tiny_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from countrystance import evaluate as ev
    from countrystance.config import ConfigError, load_config
    from countrystance.data import DataError

    from .conftest import FIXTURES, ROOT

    def cfg(data: Path, *extra: str):
        return load_config([ROOT / "configs/evaluate.yaml"], [
            f"evaluate.model_dir={tiny_run}", f"evaluate.data={data}",
            f"evaluate.output_dir={tmp_path / 'ev'}", *extra])

    (tmp_path / "empty.jsonl").write_text("\n")
    with pytest.raises(DataError, match="empty.jsonl: no labelled examples"):
        ev.evaluate(cfg(tmp_path / "empty.jsonl"))
    labelled = []
    monkeypatch.setattr(StanceClassifier, "logits", lambda *a, **k: labelled.append(1))
    with pytest.raises(ConfigError, match="evaluate.extra_metrics: cannot load 'no_such_metric_xyz'"):
        ev.evaluate(cfg(FIXTURES / "stance_dev.jsonl", "evaluate.extra_metrics=[no_such_metric_xyz]"))
    assert not labelled and not (tmp_path / "ev").exists()


def test_a_newsmtsc_label_map_given_to_evaluate_wins_over_the_runs(tiny_run: Path, tmp_path: Path) -> None:
    from countrystance import evaluate as ev
    from countrystance.config import load_config

    from .conftest import FIXTURES, ROOT

    def run(*extra: str) -> dict:
        out = tmp_path / f"ev{len(extra)}"
        return ev.evaluate(load_config([ROOT / "configs/evaluate.yaml"], [
            f"evaluate.model_dir={tiny_run}", f"evaluate.data={FIXTURES / 'newsmtsc_sample.jsonl'}",
            "evaluate.format=newsmtsc", f"evaluate.output_dir={out}", *extra]))

    supports = {k: v["support"] for k, v in run()["per_class"].items()}
    assert sum(1 for n in supports.values() if n) > 1  # the run's map: several labels
    everything_neutral = "data.newsmtsc_label_map={negative: neutral, neutral: neutral, positive: neutral}"
    supports = {k: v["support"] for k, v in run(everything_neutral)["per_class"].items()}
    assert supports["neutral"] == sum(supports.values()) > 0
