"""End-to-end batch inference speed and memory, against a naive transformers.pipeline loop.

For each corpus slice and each backend (and worker count) it runs the real
`countrystance predict` (read -> segment -> find targets -> classify -> Parquet) in a
fresh process, and reports pairs/s, sentences/s, articles/s and the peak resident
memory of the whole process tree. Then it sends the same pairs, one at a time, through
`transformers.pipeline` on the same model (what a user would write) and prints the
ratio. With --check-agreement each backend's labels are compared with fp32 PyTorch's.

    python scripts/benchmark_speed.py --model models/default --speeches 200 --headlines 5000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]


def slice_corpus(src: str, n: int, out: Path) -> Path:
    """The first ``n`` records of a gzipped JSONL corpus, as plain JSONL."""
    with gzip.open(src, "rt", encoding="utf-8") as fin, out.open("w", encoding="utf-8") as fout:
        for i, line in enumerate(fin):
            if i >= n:
                break
            fout.write(line)
    return out


def peak_tree_rss(proc: psutil.Process, stop: threading.Event, result: list[int]) -> None:
    """Sample the summed RSS of a process and its children until stopped."""
    peak = 0
    while not stop.is_set():
        try:
            procs = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    result.append(peak)


def predict_command(model: str, inp: Path, out: Path, backend: str, workers: int, threads: int,
                    metadata: str, shard_size: int, date_field: str = "date") -> list[str]:
    """The `countrystance predict` command line the benchmarks run in a fresh process. The UN
    speeches carry their date as `year`: without it, leader titles match every era's holders."""
    return [sys.executable, "-m", "countrystance.cli", "predict", "--config",
            str(ROOT / "configs/predict.yaml"), f"predict.model_dir={model}", f"predict.input={inp}",
            f"predict.date_field={date_field}",
            f"predict.output_dir={out}", f"predict.backend={backend}", f"predict.workers={workers}",
            f"predict.num_threads={threads}", "predict.progress=false", "predict.overwrite=true",
            f"predict.metadata_fields={metadata}", f"predict.shard_size={shard_size}",
            # real corpora hold a few empty records (headline 73,009): counted as rejects, not fatal
            "predict.on_error=skip", "-q"]


def run_predict(model: str, inp: Path, out: Path, backend: str, workers: int, threads: int,
                metadata: str, shard_size: int, date_field: str = "date") -> dict:
    cmd = predict_command(model, inp, out, backend, workers, threads, metadata, shard_size, date_field)
    t0 = time.time()
    proc = subprocess.Popen(cmd, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    stop, peak = threading.Event(), []
    sampler = threading.Thread(target=peak_tree_rss, args=(psutil.Process(proc.pid), stop, peak))
    sampler.start()
    rc = proc.wait()
    seconds = time.time() - t0
    stop.set()
    sampler.join()
    if rc != 0:
        raise SystemExit(f"predict failed ({rc}): {' '.join(cmd)}")
    counts = json.loads((out / "manifest.json").read_text())["counts"]
    return {"seconds": seconds, "peak_rss_mb": peak[0] / 2**20, **counts}


def naive_pairs_per_second(model: str, rows, n: int) -> float:
    """One pair at a time through transformers.pipeline, the same inputs our encoder builds."""
    from transformers import pipeline

    from countrystance.encoding import model_input
    from countrystance.modeling import read_run_info

    settings = read_run_info(model).encoding
    pipe = pipeline("text-classification", model=model, tokenizer=model, device=-1, top_k=None)
    inputs = []
    for r in rows.head(n).itertuples():
        s0 = r.mention_start - r.sentence_start
        text, pair = model_input(r.sentence, [[s0, s0 + len(r.mention)]], r.target, settings)
        inputs.append({"text": text, "text_pair": pair})
    pipe(inputs[0])
    t0 = time.time()
    for x in inputs:
        pipe(x, truncation=True)
    return len(inputs) / (time.time() - t0)


def main() -> None:
    from countrystance.predict import read_predictions

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="models/default")
    ap.add_argument("--ungdc", default="../shared/data/ungdc/speeches.jsonl.gz")
    ap.add_argument("--headlines-file", default="../shared/data/worldnews_headlines/headlines.jsonl.gz")
    ap.add_argument("--speeches", type=int, nargs="*", default=[200], help="UN speeches per slice")
    ap.add_argument("--headlines", type=int, nargs="*", default=[5000], help="headlines per slice")
    ap.add_argument("--backends", nargs="+", default=["torch", "torch-bf16", "torch-int8", "onnx", "onnx-int8"])
    ap.add_argument("--workers", type=int, nargs="+", default=[0], help="worker processes to try")
    ap.add_argument("--threads", type=int, default=2, help="torch/ONNX threads when workers=0")
    ap.add_argument("--naive-pairs", type=int, default=300, help="pairs for the naive loop (0 = skip)")
    ap.add_argument("--check-agreement", action="store_true",
                    help="label agreement of each backend with torch fp32 on the same rows")
    ap.add_argument("--shard-size", type=int, default=500,
                    help="articles per shard, as predict.shard_size (workers share out whole shards; a "
                         "shard's pairs are sorted by length and batched together, so tiny shards of "
                         "short articles pad more)")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cs_speed_"))
    slices = [("ungdc", n, slice_corpus(args.ungdc, n, tmp / f"ungdc_{n}.jsonl"), "[speaker_country]", "year")
              for n in args.speeches]
    slices += [("headlines", n, slice_corpus(args.headlines_file, n, tmp / f"headlines_{n}.jsonl"), "[]", "date")
               for n in args.headlines]
    results = []
    for corpus, n, path, meta, date_field in slices:
        reference = pairs = None
        for backend in args.backends:
            for workers in args.workers:
                out = tmp / f"out_{corpus}_{n}_{backend}_{workers}"
                r = run_predict(args.model, path, out, backend, workers, args.threads, meta,
                                args.shard_size, date_field)
                rec = {"corpus": corpus, "docs": n, "backend": backend, "workers": workers, **r,
                       "pairs_per_s": r["pairs"] / r["seconds"],
                       "sentences_per_s": r["sentences"] / r["seconds"],
                       "articles_per_s": r["articles"] / r["seconds"]}
                rows = read_predictions(out)
                if reference is None and backend == "torch":
                    reference = rows
                if pairs is None:
                    pairs = rows  # every backend labels the same pairs: the naive loop takes any run's
                if args.check_agreement and reference is None:
                    print("--check-agreement compares with fp32: list torch first in --backends",
                          flush=True)
                if args.check_agreement and reference is not None:
                    rec["agreement_with_fp32"] = float((rows["label"].to_numpy()
                                                        == reference["label"].to_numpy()).mean())
                results.append(rec)
                print(json.dumps({k: (round(v, 3) if isinstance(v, float) else v)
                                  for k, v in rec.items()}), flush=True)
        if args.naive_pairs and pairs is not None:
            naive = naive_pairs_per_second(args.model, pairs, args.naive_pairs)
            for rec in results:
                if rec["corpus"] == corpus and rec["docs"] == n:
                    rec["naive_pairs_per_s"] = naive
                    rec["speedup_vs_naive"] = rec["pairs_per_s"] / naive
            print(json.dumps({"corpus": corpus, "docs": n, "naive_pairs_per_s": round(naive, 1)}),
                  flush=True)

    print("\n| corpus | docs | backend | workers | pairs/s | sentences/s | articles/s | peak RSS MB "
          "| x naive | agree fp32 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['corpus']} | {r['docs']} | {r['backend']} | {r['workers']} | "
              f"{r['pairs_per_s']:.0f} | {r['sentences_per_s']:.0f} | {r['articles_per_s']:.1f} | "
              f"{r['peak_rss_mb']:.0f} | {r.get('speedup_vs_naive', float('nan')):.1f} | "
              f"{r.get('agreement_with_fp32', float('nan')):.3f} |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
