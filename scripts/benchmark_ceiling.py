"""The most any batched path can gain over the naive loop on this machine, measured.

The naive loop (one pair at a time through transformers.pipeline, fp32) and the batched
pipeline do the same arithmetic for a pair: the encoder's matrix products over its tokens.
Batching, bf16 and int8 only make that arithmetic run nearer the CPU's peak; they cannot
remove it. On the real pairs of a corpus slice this script measures

  - the model's FLOPs per pair, from its shapes and each pair's own token count;
  - this CPU's sustained matrix-product throughput at the model's shapes, fp32, bf16, int8;
  - the naive loop's pairs/s on those pairs;
  - the model alone, batched and length-sorted as `countrystance predict` runs it, in bf16;

and prints the ceiling: pairs/s if every FLOP ran at the best measured product throughput,
with no padding and no other work (reading, segmenting, finding, writing all free), over
the naive loop's pairs/s. No batched backend of this model beats that ratio here. The
model's own FLOP rate is given as a share of the bf16 products' speed: the gap between the
two is what a faster runtime could still win. This machine's product speed drifts up to 2x
from minute to minute, so the products and the model alone are timed in turn, --rounds
times, and the medians kept.

    python scripts/benchmark_ceiling.py --model models/distilled_mpnet6 --speeches 200
    python scripts/benchmark_ceiling.py --model models/distilled_mpnet6 --headlines 3000
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def corpus_pairs(path: str, n_docs: int) -> list:
    """The (sentence, target) pairs of the first ``n_docs`` records, as predict finds them."""
    from countrystance.pipeline import article_pairs
    from countrystance.targets import MentionFinder

    finder = MentionFinder()
    pairs = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, n_docs):
            rec = json.loads(line)
            date = rec.get("date", rec.get("year"))  # the UN speeches carry a year
            pairs += article_pairs(str(rec["id"]), rec.get("text") or "", date, finder)
    return pairs


def flops_per_token(config, length: int) -> float:
    """Multiply-adds x 2 of one token through the encoder at sequence length ``length``."""
    d, ff, layers = config.hidden_size, config.intermediate_size, config.num_hidden_layers
    linear = 4 * d * d + 2 * d * ff  # Q, K, V, output projection; the two feed-forward layers
    attention = 2 * length * d  # scores and the weighted sum over ``length`` keys
    return 2.0 * layers * (linear + attention)


def matmul_seconds(m: int, k: int, n: int, dtype: str, repeats: int = 15) -> float:
    """Median seconds of an (m x k) by (k x n) product: sustained, not the rare fast run (on
    this 2-core machine single runs vary 2-3x)."""
    import torch

    if dtype == "int8":
        a = torch.randint(-100, 100, (m, k), dtype=torch.int8)
        b = torch.randint(-100, 100, (k, n), dtype=torch.int8)

        def op():
            return torch._int_mm(a, b)
    else:
        dt = {"fp32": torch.float32, "bf16": torch.bfloat16}[dtype]
        a, w = torch.randn(m, k, dtype=dt), torch.randn(n, k, dtype=dt)

        def op():
            return torch.nn.functional.linear(a, w)
    for _ in range(3):
        op()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        op()
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


def encoder_throughput(config, tokens: int, dtype: str) -> float:
    """GFLOP/s over one encoder layer's matrix products (Q, K, V, output, the two feed-forward
    layers) for a batch of ``tokens`` tokens, each shape weighted by its share of the FLOPs."""
    d, ff = config.hidden_size, config.intermediate_size
    shapes = [(tokens, d, d)] * 4 + [(tokens, d, ff), (tokens, ff, d)]
    flops = sum(2.0 * m * k * n for m, k, n in shapes)
    return flops / sum(matmul_seconds(m, k, n, dtype) for m, k, n in shapes) / 1e9


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="models/default")
    ap.add_argument("--ungdc", default="../shared/data/ungdc/speeches.jsonl.gz")
    ap.add_argument("--headlines-file", default="../shared/data/worldnews_headlines/headlines.jsonl.gz")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--speeches", type=int, help="the pairs of the first N UN speeches (default 200)")
    group.add_argument("--headlines", type=int, help="the pairs of the first N headlines")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--naive-pairs", type=int, default=300, help="pairs for the naive loop")
    ap.add_argument("--model-pairs", type=int, default=3000, help="pairs for the batched model alone")
    ap.add_argument("--rounds", type=int, default=3, help="alternations of the products and the model")
    ap.add_argument("--json", help="also write the numbers here")
    args = ap.parse_args()

    import torch
    from benchmark_speed import naive_pairs_per_second
    from transformers import AutoConfig

    from countrystance.classifier import StanceClassifier
    from countrystance.encoding import encode

    torch.set_num_threads(args.threads)
    if args.headlines:
        corpus, pairs = f"headlines {args.headlines}", corpus_pairs(args.headlines_file, args.headlines)
    else:
        n = args.speeches or 200
        corpus, pairs = f"UN speeches {n}", corpus_pairs(args.ungdc, n)
    if not pairs:
        raise SystemExit("the slice holds no (sentence, target) pairs")

    clf = StanceClassifier.from_pretrained(args.model, backend="torch-bf16", num_threads=args.threads)
    config = AutoConfig.from_pretrained(args.model)
    enc = encode(clf.tokenizer, [p.sentence for p in pairs], [p.spans for p in pairs],
                 [p.target for p in pairs], clf.info.encoding)
    lengths = np.array([len(ids) for ids in enc.features["input_ids"]])
    flops = np.array([L * flops_per_token(config, L) for L in lengths])
    gflop_per_pair = float(flops.mean() / 1e9)

    # The model's own shapes: a batch of 64 pairs of the mean length (padded to 8, as predict pads).
    tokens = 64 * int(np.ceil(lengths.mean() / 8) * 8)

    # The naive loop needs rows with sentence offsets, as benchmark_speed builds them from predict's output.
    import pandas as pd

    rows = pd.DataFrame({"sentence": [p.sentence for p in pairs], "target": [p.target for p in pairs],
                         "sentence_start": 0, "mention_start": [p.spans[0][0] for p in pairs],
                         "mention": [p.sentence[p.spans[0][0]:p.spans[0][1]] for p in pairs]})
    naive = naive_pairs_per_second(args.model, rows, args.naive_pairs)

    # This machine's matrix-product speed drifts by up to 2x from minute to minute, so the
    # products and the model alone are timed in alternation, and the medians reported.
    sample = pairs[: args.model_pairs]
    texts, spans, targets = ([p.sentence for p in sample], [p.spans for p in sample],
                             [p.target for p in sample])
    clf.logits(texts[:64], spans[:64], targets[:64])
    rounds: list[dict[str, float]] = []
    for _ in range(args.rounds):
        r = {dt: encoder_throughput(config, tokens, dt) for dt in ("fp32", "bf16", "int8")}
        t0 = time.perf_counter()
        clf.logits(texts, spans, targets)
        r["model"] = len(sample) / (time.perf_counter() - t0)
        rounds.append(r)
    throughput = {dt: float(np.median([r[dt] for r in rounds])) for dt in ("fp32", "bf16", "int8")}
    model_alone = float(np.median([r["model"] for r in rounds]))
    # the model's own GFLOP/s as a share of the bf16 products timed beside it
    sample_gflop = float(flops[: len(sample)].mean() / 1e9)
    efficiency = float(np.median([r["model"] * sample_gflop / r["bf16"] for r in rounds]))
    peak = max(throughput.values())

    ceiling = peak / gflop_per_pair
    result = {
        "corpus": corpus, "model": args.model, "pairs": len(pairs), "mean_tokens": round(float(lengths.mean()), 1),
        "gflop_per_pair": round(gflop_per_pair, 3),
        "matmul_gflops": {k: round(v) for k, v in throughput.items()},
        "naive_pairs_per_s": round(naive, 1),
        "model_alone_bf16_pairs_per_s": round(model_alone, 1),
        "model_alone_x_naive": round(model_alone / naive, 2),
        "model_alone_share_of_bf16_products": round(efficiency, 2),
        "ceiling_pairs_per_s": round(ceiling, 1),
        "ceiling_x_naive": round(ceiling / naive, 2),
    }
    print(json.dumps(result, indent=1))
    print(f"\n{corpus}: {len(pairs)} pairs, {lengths.mean():.1f} tokens and {gflop_per_pair:.2f} GFLOP each. "
          f"Matrix products: fp32 {throughput['fp32']:.0f}, bf16 {throughput['bf16']:.0f}, "
          f"int8 {throughput['int8']:.0f} GFLOP/s. Naive loop {naive:.1f} pairs/s; the model alone, "
          f"batched in bf16, {model_alone:.1f} ({model_alone / naive:.1f}x, its FLOPs at {efficiency:.0%} of the "
          f"bf16 products' speed); the ceiling at "
          f"{peak:.0f} GFLOP/s with nothing else to do {ceiling:.1f} ({ceiling / naive:.1f}x).")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
