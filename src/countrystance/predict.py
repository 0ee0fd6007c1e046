"""Batch inference: ``predict(cfg)`` labels a corpus into Parquet shards, resumably.

The input is cut into shards of ``predict.shard_size`` consecutive records (every
record counts, rejected ones too, so shard boundaries never move). Each shard is
written to a temporary name and renamed when complete, then marked done by a small
JSON file written last; a rerun of the same command skips done shards and redoes
at most the one that was cut off, so the result equals an uninterrupted run.
Finished output is never written over without ``predict.overwrite=true``.

Within a shard, pairs from many articles are classified together, sorted by
length, so batches pad little.

``predict.engine: ray`` runs the same job on Ray Data (see ray_engine.py); both
engines share the pieces below that decide what a row and a shard hold.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .calibration import softmax
from .classifier import StanceClassifier, StancePrediction
from .config import ConfigError, require, to_yaml
from .pipeline import ROW_COLUMNS, Pair, article_pairs, rows_for_pairs
from .readers import Article, FieldMap, Rejected, iter_articles

__all__ = ["PredictError", "StanceClassifier", "StancePrediction", "predict"]

log = logging.getLogger(__name__)

SHARDS = "shards"
MANIFEST = "manifest.json"
RUN_STATE = "run_state.json"


class PredictError(RuntimeError):
    """A batch run that cannot go on: bad input under on_error=raise, or a clash with old output."""


def _input_stamp(path: Path) -> list[Any]:
    """Size and modification time of the input (of every .txt file in a folder input), so that a
    resume notices when the same path now holds other data (a re-exported file, a new day's
    dump) instead of mixing old shards with new records."""
    from .readers import InputError, txt_files

    if not path.exists():
        raise InputError(f"input {path} does not exist")
    files = txt_files(path)  # a file input is itself; a folder, the .txt files the reader reads
    stats = [f.stat() for f in files]
    return [len(files), sum(st.st_size for st in stats), max((st.st_mtime_ns for st in stats), default=0)]


def _settings(cfg: Any) -> dict[str, Any]:
    """What must match for a resume to be allowed: input (path, size, time), fields, model,
    shard size, backend, targets. Not on_error: shards finished under either value hold the same
    rows (under raise, a shard with a bad record stops the run before it is labelled)."""
    pc = cfg.predict
    model_dir = Path(pc.model_dir)
    weights = model_dir / "model.safetensors"
    ident = {
        "input": str(Path(pc.input).resolve()),
        "input_files_bytes_mtime": _input_stamp(Path(pc.input)),
        "input_format": pc.input_format,
        "fields": [pc.id_field, pc.text_field, pc.date_field, list(pc.metadata_fields)],
        "max_article_chars": pc.max_article_chars,
        "model_dir": str(model_dir.resolve()),
        "model_mtime": weights.stat().st_mtime if weights.is_file() else None,
        "backend": pc.backend,
        "shard_size": pc.shard_size,
        "targets": to_yaml(cfg.targets),
    }
    if pc.engine != "local":
        ident["engine"] = pc.engine
    return ident


def _fingerprint(settings: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]


def _atomic_write(path: Path, data: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(data, encoding="utf-8")
    os.replace(tmp, path)


def _prepare_output(cfg: Any, out: Path, settings: dict[str, Any]) -> None:
    pc = cfg.predict
    fingerprint = _fingerprint(settings)
    if out.exists() and pc.overwrite:
        for name in (SHARDS, MANIFEST, RUN_STATE, "rejects.jsonl", "config.yaml"):
            p = out / name
            if p.is_dir():
                shutil.rmtree(p)
            elif p.exists():
                p.unlink()
    state_path = out / RUN_STATE
    if (out / MANIFEST).exists():
        raise PredictError(
            f"{out} already holds a finished run ({MANIFEST}); set predict.overwrite=true to "
            "write over it, or choose another predict.output_dir"
        )
    if state_path.exists():
        old = json.loads(state_path.read_text(encoding="utf-8"))
        if old.get("fingerprint") != fingerprint:
            before = old.get("settings") or {}
            changed = sorted(k for k in settings.keys() | before.keys()
                             if before.get(k) != settings.get(k)) if before else []
            what = (f"changed: {', '.join(changed)}" if changed else
                    "input, its size or time, model, fields, shard size, backend, engine or targets")
            raise PredictError(
                f"{out} holds an unfinished run with other settings ({what}); rerun it with its own "
                "settings to finish it, or set predict.overwrite=true to start over"
            )
        log.info("resuming the unfinished run in %s", out)
    (out / SHARDS).mkdir(parents=True, exist_ok=True)
    _atomic_write(state_path, json.dumps({"fingerprint": fingerprint, "settings": settings}) + "\n")
    _atomic_write(out / "config.yaml", to_yaml(cfg))


def check_output_columns(metadata_fields: list[str], date_field: str | None,
                         prob_columns: list[str]) -> None:
    """A metadata field named like an output column would write two columns of one name (an
    unreadable Parquet file) or lose the user's values; refuse it before any work."""
    taken = {*ROW_COLUMNS, *prob_columns, "truncated"}
    clash = [m for m in metadata_fields if m in taken or (m == "date" and date_field != "date")]
    if clash:
        raise ConfigError(
            f"predict.metadata_fields {clash}: these names are output columns ({sorted(taken)} and "
            "'date', which holds predict.date_field); rename the field in the input")


def _shard_name(k: int) -> str:
    return f"part-{k:05d}"


def _sharded(records: Iterator[Article | Rejected], size: int) -> Iterator[tuple[int, list]]:
    shard: list[Article | Rejected] = []
    k = 0
    for rec in records:
        shard.append(rec)
        if len(shard) == size:
            yield k, shard
            shard, k = [], k + 1
    if shard:
        yield k, shard


def _schema(prob_columns: list[str], metadata_fields: list[str]):
    import pyarrow as pa

    fields = [
        ("article_id", pa.string()), ("sentence_index", pa.int32()), ("sentence_start", pa.int64()),
        ("sentence_end", pa.int64()), ("sentence", pa.string()), ("target", pa.string()),
        ("mention", pa.string()), ("mention_start", pa.int64()), ("mention_end", pa.int64()),
        ("mention_kind", pa.string()), ("n_mentions", pa.int32()), ("label", pa.string()),
    ]
    fields += [(c, pa.float32()) for c in prob_columns]
    fields += [("truncated", pa.bool_()), ("date", pa.string())]
    fields += [(m, pa.string()) for m in metadata_fields if m != "date"]
    return pa.schema(fields)


def _as_str(v: Any) -> str | None:
    if v is None:
        return None
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)


def _article_meta(art: Article, metadata_fields: list[str]) -> dict[str, Any]:
    """The per-article values every row of the article carries (date first, then metadata)."""
    return {"date": art.date, **{m: _as_str(art.metadata.get(m)) for m in metadata_fields
                                 if m != "date"}}


def _label_pairs(clf: StanceClassifier, pending: list[tuple[Pair, dict[str, Any]]]
                 ) -> tuple[list[dict[str, Any]], int]:
    """Output rows for (pair, article metadata) items classified together, in their order, and
    how many inputs were cut to fit; shared by both engines so that their rows agree."""
    if not pending:
        return [], 0
    pairs = [p for p, _ in pending]
    logits, cut = clf.logits([p.sentence for p in pairs], [p.spans for p in pairs],
                             [p.target for p in pairs])
    probs = softmax(logits, clf.info.temperature)
    rows: list[dict[str, Any]] = []
    for (pair, meta), pr, c in zip(pending, probs, cut, strict=True):
        rows.extend(rows_for_pairs([pair], pr[None, :], [c], clf.labels, meta))
    return rows, int(sum(cut))


def _process_shard(clf: StanceClassifier, articles: list[Article], metadata_fields: list[str],
                   chunk_pairs: int = 4096) -> tuple[list[dict[str, Any]], dict[str, int]]:
    stats = {"articles": len(articles), "sentences": 0, "sentences_with_targets": 0, "pairs": 0,
             "truncated": 0}
    rows: list[dict[str, Any]] = []
    pending: list[tuple[Any, dict[str, Any]]] = []

    def flush() -> None:
        labelled, n_cut = _label_pairs(clf, pending)
        rows.extend(labelled)
        stats["truncated"] += n_cut
        pending.clear()

    for art in articles:
        meta = _article_meta(art, metadata_fields)
        pairs = article_pairs(art.id, art.text, art.date, clf.finder, stats)
        stats["pairs"] += len(pairs)
        stats["sentences_with_targets"] += len({p.sentence_index for p in pairs})
        pending.extend((p, meta) for p in pairs)
        if len(pending) >= chunk_pairs:
            flush()
    flush()
    return rows, stats


def _write_shard(shard_dir: Path, k: int, shard: list[Article | Rejected], clf: StanceClassifier,
                 metadata_fields: list[str]) -> dict[str, int]:
    """Label one shard and write it (see :func:`_save_shard`)."""
    import pyarrow as pa

    rejects = [r for r in shard if isinstance(r, Rejected)]
    rows, stats = _process_shard(clf, [a for a in shard if isinstance(a, Article)], metadata_fields)
    stats["rejected"] = len(rejects)
    schema = _schema(clf.labels.prob_columns(), metadata_fields)
    table = pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
    _save_shard(shard_dir, k, table, rejects, stats)
    return stats


def _save_shard(shard_dir: Path, k: int, table: Any, rejects: list[Rejected],
                stats: dict[str, int]) -> None:
    """Write one labelled shard: Parquet and rejects under temporary names, renamed when
    complete, then the done marker last (its presence is what a resume trusts)."""
    import pyarrow.parquet as pq

    name = _shard_name(k)
    tmp = shard_dir / f"{name}.parquet.tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, shard_dir / f"{name}.parquet")
    _atomic_write(shard_dir / f"{name}.rejects.jsonl", "".join(
        json.dumps({"source": r.source, "line": r.line, "reason": r.reason, "record": r.record},
                   ensure_ascii=False) + "\n" for r in rejects))
    _atomic_write(shard_dir / f"{name}.done.json", json.dumps(stats) + "\n")


# A worker process holds its own classifier (one torch/ONNX thread each): on few cores,
# separate processes on whole shards beat intra-op threads on small batches.
_WORKER: dict[str, Any] = {}


def watch_parent() -> threading.Thread | None:
    """Exit this worker process when its parent dies. A pool worker whose parent was
    killed (``kill -9``, a closed terminal) would otherwise go on labelling its shard alone."""
    import multiprocessing as mp
    from multiprocessing.connection import wait

    parent = mp.parent_process()  # its sentinel becomes ready when the parent is gone
    if parent is None:
        return None

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)  # the shard it was writing stays unfinished; a resume redoes it

    thread = threading.Thread(target=watch, name="watch-parent", daemon=True)
    thread.start()
    return thread


def _worker_init(model_dir: str, backend: str, batch_size: int, targets: dict[str, Any],
                 shard_dir: str, metadata_fields: list[str]) -> None:
    watch_parent()
    # no progress bars in workers: the parent shows progress, and a bar's multiprocessing lock
    # in a worker stopped by terminate() is reported as a leaked semaphore at exit
    from tqdm import tqdm as _tqdm
    from transformers.utils import logging as hf_logging

    _tqdm.set_lock(threading.RLock())
    hf_logging.disable_progress_bar()
    try:
        _WORKER["clf"] = StanceClassifier.from_pretrained(
            model_dir, backend=backend, num_threads=1, batch_size=batch_size, targets_config=targets)
    except Exception as err:  # a raising initializer makes Pool respawn workers forever
        _WORKER["error"] = err
    _WORKER["shard_dir"] = Path(shard_dir)
    _WORKER["metadata_fields"] = metadata_fields


def _worker_shard(job: tuple[int, list[Article | Rejected]]) -> dict[str, int]:
    if "error" in _WORKER:
        raise _WORKER["error"]
    k, shard = job
    stats = _write_shard(_WORKER["shard_dir"], k, shard, _WORKER["clf"], _WORKER["metadata_fields"])
    stats["_shard_len"] = len(shard)
    return stats


def _jobs(cfg: Any, shard_dir: Path, totals: dict[str, int], bar: Any,
          ahead: threading.Semaphore | None) -> Iterator[tuple[int, list]]:
    """Shards still to do, in input order; done shards are counted and skipped. With
    ``ahead``, at most that many shards are read before their results come back."""
    pc = cfg.predict
    fields = FieldMap.from_config(pc)
    for k, shard in _sharded(iter_articles(pc.input, pc.input_format, fields), pc.shard_size):
        totals["shards"] += 1
        done = shard_dir / f"{_shard_name(k)}.done.json"
        if done.exists():
            stats = json.loads(done.read_text(encoding="utf-8"))
            _add(totals, stats)
            totals["shards_resumed"] += 1
            totals["rows_resumed"] += stats.get("pairs", 0)
            bar.update(len(shard))
            continue
        rejects = [r for r in shard if isinstance(r, Rejected)]
        if rejects and pc.on_error == "raise":
            raise _bad_record_error(rejects[0])
        if ahead is not None:
            ahead.acquire()
        yield k, shard


def _bad_record_error(r: Rejected) -> PredictError:
    return PredictError(f"{r.source}:{r.line}: {r.reason} (set predict.on_error=skip to "
                        "write bad records to rejects.jsonl and go on)")


def _add(totals: dict[str, int], stats: dict[str, int]) -> None:
    for key in ("articles", "rejected", "sentences", "sentences_with_targets", "pairs", "truncated"):
        totals[key] += stats.get(key, 0)


def predict(cfg: Any) -> Path:
    """Run batch inference with ``cfg.predict``; returns the output folder."""
    from omegaconf import OmegaConf
    from tqdm.auto import tqdm

    from .modeling import read_run_info

    require(cfg, "predict.model_dir", "predict.input", "predict.output_dir")
    pc = cfg.predict
    if pc.on_error not in ("raise", "skip"):
        raise ConfigError(f"predict.on_error must be 'raise' or 'skip', got {pc.on_error!r}")
    if pc.shard_size < 1:
        raise ConfigError(f"predict.shard_size must be >= 1, got {pc.shard_size}")
    if pc.workers < 0:
        raise ConfigError(f"predict.workers must be >= 0, got {pc.workers}")
    if pc.batch_size < 1:
        raise ConfigError(f"predict.batch_size must be >= 1, got {pc.batch_size}")
    if pc.engine not in ("local", "ray"):
        raise ConfigError(f"predict.engine must be 'local' or 'ray', got {pc.engine!r}")
    from .classifier import BACKENDS

    if pc.backend not in BACKENDS:
        raise ConfigError(f"predict.backend must be one of {list(BACKENDS)}, got {pc.backend!r}")
    if pc.backend == "auto":
        from .backends import resolve_backend

        # decided once, here, so that the resume check, the manifest and the saved config name
        # the backend that ran; Ray's actors may sit on other machines (or GPUs): fp32 there
        pc.backend = "torch" if pc.engine == "ray" else resolve_backend("auto")
    info = read_run_info(pc.model_dir)  # fails early and clearly on a missing model
    check_output_columns(list(pc.metadata_fields), pc.date_field, info.labels.prob_columns())
    # input errors (a missing file, an unknown format, a JSON array) before any run state
    next(iter(iter_articles(pc.input, pc.input_format, FieldMap.from_config(pc))), None)
    if pc.engine == "ray":
        from .ray_engine import predict_ray

        return predict_ray(cfg)
    out = Path(pc.output_dir)
    _prepare_output(cfg, out, _settings(cfg))
    shard_dir = out / SHARDS
    metadata_fields = list(pc.metadata_fields)

    t0 = time.time()
    totals = {"articles": 0, "rejected": 0, "sentences": 0, "sentences_with_targets": 0,
              "pairs": 0, "truncated": 0, "shards": 0, "shards_resumed": 0, "rows_resumed": 0}
    bar = tqdm(desc="articles", unit=" art", disable=not pc.progress, dynamic_ncols=True)

    def progress(n_records: int) -> None:
        bar.update(n_records)
        rate = totals["pairs"] / max(time.time() - t0, 1e-9)
        bar.set_postfix(rows_per_s=f"{rate:.0f}", refresh=False)

    if pc.workers == 0:
        clf = StanceClassifier.from_pretrained(pc.model_dir, backend=pc.backend,
                                               num_threads=pc.num_threads, batch_size=pc.batch_size,
                                               targets_config=cfg.targets)
        for k, shard in _jobs(cfg, shard_dir, totals, bar, None):
            _add(totals, _write_shard(shard_dir, k, shard, clf, metadata_fields))
            progress(len(shard))
    else:
        import multiprocessing as mp

        ahead = threading.Semaphore(2 * pc.workers)
        init = (str(pc.model_dir), pc.backend, pc.batch_size,
                OmegaConf.to_container(cfg.targets, resolve=True), str(shard_dir), metadata_fields)
        # spawn, not fork: a forked child of a process with OpenMP threads can deadlock.
        with mp.get_context("spawn").Pool(pc.workers, _worker_init, init) as pool:
            for stats in pool.imap_unordered(_worker_shard, _jobs(cfg, shard_dir, totals, bar, ahead)):
                ahead.release()
                _add(totals, stats)
                progress(stats["_shard_len"])
    bar.close()

    _finish(out, cfg, info, totals, time.time() - t0)
    return out


def _finish(out: Path, cfg: Any, info: Any, totals: dict[str, int], seconds: float) -> None:
    shard_dir = out / SHARDS
    with (out / "rejects.jsonl.tmp").open("w", encoding="utf-8") as fh:
        for k in range(totals["shards"]):
            f = shard_dir / f"{_shard_name(k)}.rejects.jsonl"
            if f.is_file():
                fh.write(f.read_text(encoding="utf-8"))
    os.replace(out / "rejects.jsonl.tmp", out / "rejects.jsonl")
    # this run's shards only, by number: a file left by anything else is not part of the result
    shards = [f"{_shard_name(k)}.parquet" for k in range(totals["shards"])]
    missing = [s for s in shards if not (shard_dir / s).is_file()]
    if missing:
        raise PredictError(f"{shard_dir}: shards {missing[:5]} are missing; rerun the same command")
    pc = cfg.predict
    manifest = {
        "engine": pc.engine,
        "inputs": [str(cfg.predict.input)],
        "output": {"shards": [f"{SHARDS}/{s}" for s in shards], "rejects": "rejects.jsonl"},
        "counts": {**totals, "rows": totals["pairs"]},
        "model": {"dir": str(cfg.predict.model_dir), "labels": list(info.labels.names),
                  "temperature": info.temperature, "backend": cfg.predict.backend,
                  "workers": pc.workers if pc.engine == "local" else pc.ray_concurrency},
        "timing": {"seconds_this_run": round(seconds, 2),
                   # rows of shards finished by an earlier, cut-off run are not this run's work
                   "rows_per_second_this_run": round(
                       (totals["pairs"] - totals.get("rows_resumed", 0)) / max(seconds, 1e-9), 1)},
        "config": "config.yaml",
    }
    _atomic_write(out / MANIFEST, json.dumps(manifest, indent=2) + "\n")
    (out / RUN_STATE).unlink(missing_ok=True)


def read_predictions(output_dir: str | Path):
    """All rows of a finished batch run as one pandas DataFrame, in input order."""
    import pandas as pd
    import pyarrow.parquet as pq

    out = Path(output_dir)
    if not (out / MANIFEST).is_file():
        raise PredictError(f"{out} holds no finished prediction run (no {MANIFEST})")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    tables = [pq.read_table(out / s) for s in manifest["output"]["shards"]]
    if not tables:
        return pd.DataFrame()
    import pyarrow as pa

    return pa.concat_tables(tables).to_pandas()

