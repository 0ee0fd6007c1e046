"""Accuracy benchmark: trained runs and baselines on labelled sets, one table (trains no model).

    python scripts/benchmark_accuracy.py --runs models/default \
        --datasets real_test un_test headlines_test newsmtsc_dev_rw written_test \
        --baselines-config configs/experiments/mixed.yaml

Rows: dataset x model, with macro-F1, accuracy, per-class F1, expected calibration
error and examples per second. With --end-to-end each run gets a second row per
real or written dataset, "RUN (end to end)": the mention finder's spans of each gold
target instead of the gold spans, as `countrystance predict` would label the sentence;
a target the finder misses scores as a miss of its gold class (ECE over the found
pairs). NewsMTSC's targets are people, not countries, so it has no end-to-end row. The baselines (majority class, TF-IDF + logistic
regression) are fitted on the training files of --baselines-config, the same data
as the model trained with that recipe. A dataset whose files are missing (e.g. no
../shared) is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from countrystance.baselines import MajorityBaseline, TfidfBaseline
from countrystance.calibration import expected_calibration_error, softmax
from countrystance.classifier import StanceClassifier
from countrystance.config import load_config, sample_seed
from countrystance.data import load_sources, read_examples
from countrystance.evaluate import end_to_end, scores
from countrystance.labels import STANCE_LABELS, LabelSet

UN = "../shared/data/ungdc/speeches.jsonl.gz"
HEAD = "../shared/data/worldnews_headlines/headlines.jsonl.gz"
NEWSMTSC = "../shared/data/newsmtsc"
DATASETS: dict[str, list[tuple[str, str, str | None]]] = {
    "real_test": [("data/real/ungdc_test.jsonl", "refs", UN), ("data/real/headlines_test.jsonl", "refs", HEAD)],
    "real_dev": [("data/real/ungdc_dev.jsonl", "refs", UN), ("data/real/headlines_dev.jsonl", "refs", HEAD)],
    "un_test": [("data/real/ungdc_test.jsonl", "refs", UN)],
    "headlines_test": [("data/real/headlines_test.jsonl", "refs", HEAD)],
    "newsmtsc_dev_rw": [(f"{NEWSMTSC}/dev_rw.jsonl", "newsmtsc", None)],
    "newsmtsc_dev_mt": [(f"{NEWSMTSC}/dev_mt.jsonl", "newsmtsc", None)],
    "written_test": [("data/written/test.jsonl", "contract", None)],
}
STANCE_MAP = {"negative": "hostile", "neutral": "neutral", "positive": "supportive"}


def load_dataset(name: str, labels: LabelSet):
    parts = DATASETS[name]
    missing = [p for p, _, c in parts if not Path(p).is_file() or (c and not Path(c).is_file())]
    if missing:
        return None
    out = []
    for path, fmt, corpus in parts:
        out += read_examples(path, fmt, labels, label_map=STANCE_MAP, corpus=corpus)
    return out


def row(dataset: str, model: str, gold: np.ndarray, pred: np.ndarray, ece: float, labels: LabelSet,
        seconds: float) -> dict:
    s = scores(gold, pred, labels)
    return {"dataset": dataset, "model": model, "n": s["n"], "macro_f1": s["macro_f1"],
            "accuracy": s["accuracy"],
            **{f"f1_{k}": v["f1"] for k, v in s["per_class"].items()},
            "ece": ece, "examples_per_s": len(gold) / max(seconds, 1e-9)}


def probs_row(dataset: str, model: str, probs: np.ndarray, gold: np.ndarray, labels: LabelSet,
              seconds: float) -> dict:
    return row(dataset, model, gold, probs.argmax(1), expected_calibration_error(probs, gold), labels,
               seconds)


def column_order(run: str, clf: StanceClassifier, labels: LabelSet) -> np.ndarray:
    """Indices that put a run's probability columns in the benchmark's label order: a run
    stores its own labels (``data.labels``), in any order, and the gold ids here are in
    ``labels`` order."""
    if sorted(clf.labels.names) != sorted(labels.names):
        raise SystemExit(f"{run}: its labels {list(clf.labels.names)} are not the stance labels "
                         f"{list(labels.names)}; this benchmark scores stance runs (use "
                         "`countrystance evaluate` for other label sets)")
    return np.array([clf.labels.id(n) for n in labels.names])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", nargs="*", default=["models/default"])
    ap.add_argument("--datasets", nargs="+", default=["real_test", "un_test", "headlines_test",
                                                        "newsmtsc_dev_rw", "written_test"],
                    choices=sorted(DATASETS))
    ap.add_argument("--baselines-config", default=None,
                    help="recipe whose training files the baselines are fitted on")
    ap.add_argument("--backend", default="torch")
    ap.add_argument("--end-to-end", action="store_true",
                    help="also score each run on the mention finder's spans (real and written sets)")
    ap.add_argument("--json", help="also write the rows here")
    args = ap.parse_args()

    labels = LabelSet.of(STANCE_LABELS)
    baselines = []
    if args.baselines_config:
        cfg = load_config([args.baselines_config])
        # the same samples of capped sources as the recipe's own run
        train = load_sources(cfg.data.train, labels, label_map=dict(cfg.data.newsmtsc_label_map),
                             seed=sample_seed(cfg))
        baselines = [MajorityBaseline(labels).fit(train), TfidfBaseline(labels).fit(train)]
    classifiers = [(run, StanceClassifier.from_pretrained(run, backend=args.backend)) for run in args.runs]

    rows = []
    for name in args.datasets:
        examples = load_dataset(name, labels)
        if examples is None:
            print(f"skipping {name}: its files are not here")
            continue
        gold = np.array([labels.id(e.label_name) for e in examples])
        for run, clf in classifiers:
            t0 = time.time()
            order = column_order(run, clf, labels)
            logits, _ = clf.logits([e.sentence for e in examples], [e.spans for e in examples],
                                   [e.target for e in examples])
            rows.append(probs_row(name, run, softmax(logits, clf.info.temperature)[:, order], gold,
                                  labels, time.time() - t0))
            if args.end_to_end and not name.startswith("newsmtsc"):
                t0 = time.time()
                e2e = end_to_end(clf, examples)
                probs = e2e.probs[:, order]
                pred = e2e.pred.copy()
                pred[e2e.found] = probs.argmax(1)  # in the benchmark's label order; -1 stays a miss
                # missed targets count in the scores; ECE only over the pairs that got probabilities
                ece = expected_calibration_error(probs, gold[e2e.found])
                rows.append({**row(name, f"{run} (end to end)", gold, pred, ece, labels, time.time() - t0),
                             "missed_targets": e2e.missed, "other_spans": e2e.other_spans})
        for b in baselines:
            t0 = time.time()
            probs = b.predict_proba(examples)
            rows.append(probs_row(name, b.name, probs, gold, labels, time.time() - t0))

    print("\n| dataset | model | n | macro-F1 | accuracy | F1 hostile | F1 neutral | F1 supportive "
          "| ECE | examples/s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['dataset']} | {r['model']} | {r['n']} | {r['macro_f1']:.3f} | {r['accuracy']:.3f} | "
              f"{r['f1_hostile']:.3f} | {r['f1_neutral']:.3f} | {r['f1_supportive']:.3f} | "
              f"{r['ece']:.3f} | {r['examples_per_s']:.0f} |")
    for r in rows:
        if "missed_targets" in r:
            print(f"{r['dataset']}, {r['model']}: the finder missed {r['missed_targets']} of {r['n']} gold "
                  f"targets and found {r['other_spans']} with other spans than the gold ones")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
