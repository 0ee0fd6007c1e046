"""``evaluate(cfg) -> metrics``: score a trained run on a labelled file.

Metrics come from scikit-learn (the ``evaluate`` package fetches metric scripts
from the Hub at run time, which fails offline); users may still name extra
``evaluate`` modules (Hub names or local paths) in ``evaluate.extra_metrics``.
Labels, encoding settings and the NewsMTSC label map are read from the run
folder, never from the YAML. Writes ``metrics.json``, ``confusion_matrix.json``,
``confusion_matrix.png``, ``predictions.jsonl`` and ``report.md``.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .calibration import expected_calibration_error, softmax
from .classifier import StanceClassifier
from .config import ConfigError, require, save_config
from .data import DataError, Example, read_examples
from .labels import LabelSet


def scores(gold: np.ndarray, pred: np.ndarray, labels: LabelSet) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class precision/recall/F1/support and the confusion matrix."""
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

    ids = list(range(len(labels)))
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=ids, zero_division=0)
    # macro-F1 over the labels the file or the model uses: a label that neither the gold nor
    # the predictions hold has no F1 to average (a file of hostile examples only would score
    # 0.33 with every answer right); -1 is an end-to-end miss, not a label
    present = sorted({int(x) for x in (*gold, *pred) if x >= 0})
    return {
        "n": len(gold),
        "accuracy": float(accuracy_score(gold, pred)) if len(gold) else 0.0,
        "macro_f1": float(np.mean(f[present])) if present else 0.0,
        "macro_f1_labels": [labels.names[i] for i in present],
        "per_class": {name: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]),
                             "support": int(s[i])} for i, name in enumerate(labels.names)},
        "confusion_matrix": {"labels": list(labels.names),
                             "rows_are": "gold", "columns_are": "predicted",
                             "matrix": confusion_matrix(gold, pred, labels=ids).tolist()},
    }


@dataclass
class EndToEnd:
    """Labels as ``countrystance predict`` gives them to the gold (sentence, target) pairs."""

    pred: np.ndarray  # label id per example; -1 where the finder missed the target
    probs: np.ndarray  # calibrated probabilities of the found examples, in ``found`` order
    found: np.ndarray  # indices of the examples whose target the finder found
    other_spans: int  # found, but with other mention spans than the gold ones

    @property
    def missed(self) -> int:
        return int((self.pred < 0).sum())


def end_to_end(classifier: StanceClassifier, examples: list[Example], finder: Any = None) -> EndToEnd:
    """Label each example from the mention finder's spans of its target instead of the gold
    spans. A target the finder does not find in its sentence gets no label (-1): ``scores``
    counts it as a miss of its gold class, as a user's table would lack the row."""
    from .targets import group_by_target

    finder = finder if finder is not None else classifier.finder
    found: list[int] = []
    spans: list[list[list[int]]] = []
    other = 0
    for i, e in enumerate(examples):
        mentions = group_by_target(finder.find(e.sentence, e.date)).get(e.target)
        if not mentions:
            continue
        found.append(i)
        spans.append([[m.start, m.end] for m in mentions])
        other += sorted(map(tuple, spans[-1])) != sorted(map(tuple, e.spans))
    logits, _ = classifier.logits([examples[i].sentence for i in found], spans,
                                  [examples[i].target for i in found])
    probs = softmax(logits, classifier.info.temperature)
    pred = np.full(len(examples), -1, dtype=np.int64)
    pred[found] = probs.argmax(1)
    return EndToEnd(pred=pred, probs=probs, found=np.array(found, dtype=np.int64), other_spans=other)


def per_target(examples: list[Example], gold: np.ndarray, pred: np.ndarray,
               labels: LabelSet) -> dict[str, dict[str, Any]]:
    from sklearn.metrics import f1_score

    by: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(examples):
        by[e.target].append(i)
    out = {}
    for target, idx in sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        g, p = gold[idx], pred[idx]
        out[target] = {"n": len(idx), "accuracy": float((g == p).mean()),
                       "macro_f1": float(f1_score(g, p, labels=sorted(set(g) | set(p)),
                                                  average="macro", zero_division=0))}
    return out


def _load_extra_metrics(names: list[str]) -> dict[str, Any]:
    """The `evaluate` library's metric modules, loaded before any inference so that a name that
    cannot be loaded (offline, a typo) fails at once, not after the whole file is labelled."""
    if not names:
        return {}
    try:
        import evaluate as hf_evaluate
    except ImportError:
        raise ConfigError("evaluate.extra_metrics needs the `evaluate` package: "
                          "pip install 'countrystance[metrics]'") from None
    modules: dict[str, Any] = {}
    for name in names:
        try:
            modules[Path(name).stem if Path(name).exists() else name] = hf_evaluate.load(name)
        except Exception as err:  # the Hub offline, an unknown name, a broken module file
            raise ConfigError(f"evaluate.extra_metrics: cannot load {name!r} ({type(err).__name__}: "
                              f"{err}); offline, give the path of a local metric module") from None
    return modules


def plot_confusion(matrix: list[list[int]], names: list[str], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    m = np.asarray(matrix)
    fig, ax = plt.subplots(figsize=(4.8, 4.2), dpi=120)
    ax.imshow(m, cmap="Blues")
    ax.set_xticks(range(len(names)), names, rotation=30, ha="right")
    ax.set_yticks(range(len(names)), names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title, fontsize=10)
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            ax.text(j, i, str(m[i, j]), ha="center", va="center",
                    color="white" if m[i, j] > m.max() / 2 else "black")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _newsmtsc_label_map(cfg: Any, clf: StanceClassifier) -> dict[str, str]:
    """How NewsMTSC's polarities map to labels here: the map given on this command when it
    differs from the default, else the run's own (what it was trained with)."""
    from .config import DataConfig

    asked = dict(cfg.data.newsmtsc_label_map)
    return asked if asked != DataConfig().newsmtsc_label_map else dict(clf.info.config.data.newsmtsc_label_map)


def evaluate(cfg: Any) -> dict[str, Any]:
    """Score ``evaluate.model_dir`` on ``evaluate.data``; write the report to ``evaluate.output_dir``."""
    require(cfg, "evaluate.model_dir", "evaluate.data", "evaluate.output_dir")
    ec = cfg.evaluate
    if ec.batch_size < 1:
        raise ConfigError(f"evaluate.batch_size must be >= 1, got {ec.batch_size}")
    clf = StanceClassifier.from_pretrained(ec.model_dir, batch_size=ec.batch_size,
                                           targets_config=cfg.targets)
    labels = clf.labels
    label_map = _newsmtsc_label_map(cfg, clf)
    examples = read_examples(ec.data, ec.format, labels, label_map=label_map, corpus=ec.corpus,
                             finder=clf.finder)
    if not examples:
        raise DataError(f"{ec.data}: no labelled examples to evaluate on")
    extra = _load_extra_metrics(list(ec.extra_metrics))
    t0 = time.time()
    logits, truncated = clf.logits([e.sentence for e in examples], [e.spans for e in examples],
                                   [e.target for e in examples])
    seconds = time.time() - t0
    gold = np.array([labels.id(e.label_name) for e in examples], dtype=np.int64)
    probs = softmax(logits, clf.info.temperature)
    pred = probs.argmax(axis=1)

    metrics = scores(gold, pred, labels)
    metrics.update({
        "data": str(ec.data),
        "format": ec.format,
        "model_dir": str(ec.model_dir),
        "ece": expected_calibration_error(probs, gold),
        "ece_uncalibrated": expected_calibration_error(softmax(logits), gold),
        "temperature": clf.info.temperature,
        "truncated": int(sum(truncated)),
        "examples_per_second": round(len(examples) / max(seconds, 1e-9), 1),
        "per_target": per_target(examples, gold, pred, labels),
    })
    metrics["extra"] = {name: module.compute(predictions=pred.tolist(), references=gold.tolist())
                        for name, module in extra.items()}

    out = Path(ec.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    save_config(cfg, out / "config.yaml")
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    (out / "confusion_matrix.json").write_text(
        json.dumps(metrics["confusion_matrix"], indent=2) + "\n", encoding="utf-8")
    plot_confusion(metrics["confusion_matrix"]["matrix"], list(labels.names),
                   out / "confusion_matrix.png",
                   f"{Path(ec.model_dir).name} on {Path(ec.data).name} (n={len(examples)})")
    with (out / "predictions.jsonl").open("w", encoding="utf-8") as fh:
        for e, g, p, pr in zip(examples, gold, pred, probs, strict=True):
            fh.write(json.dumps({
                "example_id": e.example_id, "sentence": e.sentence, "target": e.target,
                "spans": e.spans, "gold": labels.names[g], "predicted": labels.names[p],
                **{c: float(x) for c, x in zip(labels.prob_columns(), pr, strict=True)},
            }, ensure_ascii=False) + "\n")
    (out / "report.md").write_text(report(metrics, examples, gold, probs, labels, ec.n_errors),
                                   encoding="utf-8")
    return metrics


def report(metrics: dict[str, Any], examples: list[Example], gold: np.ndarray, probs: np.ndarray,
           labels: LabelSet, n_errors: int) -> str:
    lines = [
        f"# Evaluation of `{metrics['model_dir']}` on `{metrics['data']}`",
        "",
        f"{metrics['n']} examples: macro-F1 **{metrics['macro_f1']:.3f}**, accuracy "
        f"{metrics['accuracy']:.3f}, ECE {metrics['ece']:.3f} (uncalibrated "
        f"{metrics['ece_uncalibrated']:.3f}), {metrics['examples_per_second']:.0f} examples/s.",
        "",
        "| label | precision | recall | F1 | support |",
        "|---|---|---|---|---|",
    ]
    for name, s in metrics["per_class"].items():
        lines.append(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['support']} |")
    cm = metrics["confusion_matrix"]
    lines += ["", "Confusion matrix (rows gold, columns predicted):", "",
              "| gold \\ predicted | " + " | ".join(cm["labels"]) + " |",
              "|---" * (len(cm["labels"]) + 1) + "|"]
    for name, row in zip(cm["labels"], cm["matrix"], strict=True):
        lines.append(f"| {name} | " + " | ".join(str(x) for x in row) + " |")
    top = list(metrics["per_target"].items())[:15]
    if top:
        lines += ["", "Most frequent targets:", "", "| target | n | accuracy | macro-F1 |",
                  "|---|---|---|---|"]
        lines += [f"| {t} | {s['n']} | {s['accuracy']:.3f} | {s['macro_f1']:.3f} |" for t, s in top]
    pred = probs.argmax(axis=1)
    wrong = np.where(pred != gold)[0]
    wrong = wrong[np.argsort(-probs[wrong, pred[wrong]])][:n_errors]
    if len(wrong):
        lines += ["", f"The {len(wrong)} most confident errors:", "",
                  "| gold | predicted | p | target | sentence |", "|---|---|---|---|---|"]
        for i in wrong:
            s = examples[i].sentence.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {labels.names[gold[i]]} | {labels.names[pred[i]]} | "
                         f"{probs[i, pred[i]]:.2f} | {examples[i].target} | {s} |")
    return "\n".join(lines) + "\n"
