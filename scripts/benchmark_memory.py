"""Resident memory over a long batch run: is it flat as the corpus grows?

Runs the real `countrystance predict` on the first N UN speeches (corpus order) in a
fresh process and samples the summed RSS of its process tree every few seconds, with how
many speeches have been written (finished shards times the shard size). Writes the trace
as TSV and prints RSS at 500, 1,000, 2,000, ... speeches.

    python scripts/benchmark_memory.py --model models/distilled --speeches 8000 \
        --trace docs/bench/rss_trace_ungdc_bf16.tsv
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark_speed import predict_command, slice_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="models/default")
    ap.add_argument("--ungdc", default="../shared/data/ungdc/speeches.jsonl.gz")
    ap.add_argument("--speeches", type=int, default=8000)
    ap.add_argument("--backend", default="torch-bf16")
    ap.add_argument("--shard-size", type=int, default=50, help="speeches per shard (the trace's resolution)")
    ap.add_argument("--every", type=float, default=10.0, help="seconds between samples")
    ap.add_argument("--trace", default="rss_trace.tsv", help="where to write the TSV trace")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cs_memory_"))
    inp = slice_corpus(args.ungdc, args.speeches, tmp / "speeches.jsonl")
    out = tmp / "out"
    cmd = predict_command(args.model, inp, out, args.backend, 0, 2, "[speaker_country]", args.shard_size,
                          "year")
    proc = subprocess.Popen(cmd, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    watched = psutil.Process(proc.pid)
    t0, peak, rows = time.time(), 0, []
    # Each sample is written as it is taken, so a run stopped early keeps its trace so far.
    with open(args.trace, "w", encoding="utf-8") as trace:
        trace.write("seconds\tspeeches_done\trss_mb\tpeak_rss_mb\n")
        while proc.poll() is None:
            try:
                rss = sum(p.memory_info().rss for p in [watched, *watched.children(recursive=True)])
            except psutil.Error:
                break
            peak = max(peak, rss)
            done = min(args.speeches, args.shard_size * len(list((out / "shards").glob("*.parquet"))))
            rows.append((round(time.time() - t0), done, rss / 2**20, peak / 2**20))
            trace.write("{}\t{}\t{:.0f}\t{:.0f}\n".format(*rows[-1]))
            trace.flush()
            time.sleep(args.every)
    if proc.wait() != 0:
        raise SystemExit(f"predict failed ({proc.returncode}): {' '.join(cmd)}")
    print(f"{args.speeches} speeches in {time.time() - t0:.0f} s, peak {peak / 2**20:.0f} MB; trace: {args.trace}")
    print("speeches done | resident MB now | peak MB so far")
    marks = [500, *range(1000, args.speeches + 1, 1000)]
    for mark in marks:
        first = next((r for r in rows if r[1] >= mark), None)
        if first:
            print(f"{mark} | {first[2]:.0f} | {first[3]:.0f}")


if __name__ == "__main__":
    main()
