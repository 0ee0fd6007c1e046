"""Which Linear layers can be int8 without changing labels? Label agreement with fp32 and
speed for per-channel dynamic int8 on chosen layer sets, and for bf16.

    python scripts/benchmark_int8_layers.py --model models/distilled \
        --predictions outputs/my_run --pairs 3000

The pairs are rows of a finished ``countrystance predict`` output (sentence, mention,
target), labelled through ``StanceClassifier.logits`` exactly as batch inference labels
them (encoded, sorted by length, padded batches of 64); speed is that call's time.
"""

from __future__ import annotations

import argparse
import copy
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np


def timed_logits(model: Any, tokenizer: Any, info: Any, pairs: tuple[list, list, list]) -> tuple[np.ndarray, float]:
    from countrystance.backends import TorchRunner
    from countrystance.classifier import StanceClassifier

    t0 = time.perf_counter()
    logits, _ = StanceClassifier(TorchRunner(model), tokenizer, info).logits(*pairs)
    return logits, time.perf_counter() - t0


def main() -> None:
    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    from countrystance.modeling import load_run
    from countrystance.predict import read_predictions

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="models/distilled")
    ap.add_argument("--predictions", required=True, help="a countrystance predict output folder")
    ap.add_argument("--pairs", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    warnings.simplefilter("ignore")

    model, tokenizer, info = load_run(args.model)
    model.eval()
    rows = read_predictions(args.predictions)
    rows = rows.sample(min(args.pairs, len(rows)), random_state=args.seed)
    sentences, spans, targets = [], [], []
    for r in rows.itertuples():
        s0 = r.mention_start - r.sentence_start
        sentences.append(r.sentence)
        spans.append([[s0, s0 + len(r.mention)]])
        targets.append(r.target)
    pairs = (sentences, spans, targets)
    reference, t_ref = timed_logits(model, tokenizer, info, pairs)
    print(f"{len(sentences)} pairs; fp32 {len(sentences) / t_ref:.0f} pairs/s")

    def report(name: str, candidate: Any, layers: int | str) -> None:
        logits, seconds = timed_logits(candidate, tokenizer, info, pairs)
        agree = float((logits.argmax(1) == reference.argmax(1)).mean())
        print(f"{name:34s} layers={layers!s:>4} labels kept={agree:.4f} speed={t_ref / seconds:.2f}x fp32")

    def int8(name: str, chosen: Callable[[str], bool]) -> None:
        copy_ = copy.deepcopy(model)
        names = {n for n, m in copy_.named_modules() if isinstance(m, torch.nn.Linear) and chosen(n)}
        report(name, quantize_dynamic(copy_, {n: per_channel_dynamic_qconfig for n in names}, dtype=torch.qint8),
               len(names))

    def ffn_out(n: str) -> bool:
        return n.endswith("output.dense") and "attention" not in n

    int8("int8: every Linear", lambda n: True)
    int8("int8: encoder only", lambda n: "encoder" in n)
    int8("int8: all but feed-forward output", lambda n: "encoder" in n and not ffn_out(n))
    int8("int8: feed-forward input only", lambda n: n.endswith("intermediate.dense"))
    int8("int8: attention q/k/v only", lambda n: n.endswith(("query", "key", "value")))
    for k in range(model.config.num_hidden_layers):
        int8(f"int8: all but layer {k}", lambda n, k=k: "encoder" in n and f"layer.{k}." not in n)
    report("bf16", copy.deepcopy(model).to(torch.bfloat16), "all")


if __name__ == "__main__":
    main()
