"""``predict.engine: ray``: the batch command on Ray Data, for corpora one machine is too slow for.

The stages, each a Ray Data operator:

1. **read**: a task per input file (or per group of ``.txt`` files) runs the project's
   own readers, so formats, field mapping and bad-record rules are the local engine's;
   every record, good or bad, becomes a row.
2. **segment**: CPU tasks split articles into sentences and find the targets: one row
   per record (its counts, or the reject) followed by one row per (sentence, target) pair.
   (On CPU-only runs with 1 CPU per actor, Ray fuses this stage into the actors.)
3. **classify**: ``map_batches`` over a pool of model actors (``ray_concurrency``), each
   loading the model once, on a GPU when the cluster has them; rows of
   ``ray_batch_size`` per call.
4. **write**: the driver reads the stream in input order (``preserve_order``) and cuts
   it into shards of ``predict.shard_size`` records, written by the local engine's own
   code: the same Parquet schema and rows, rejects, done markers and manifest (with
   ``"engine": "ray"``), so ``read_predictions`` and ``trends`` read either.

Resuming is simpler than local mode: a Ray run is not resumed. The same command after a
cut-off Ray run starts over (its partial shards are removed); a finished run is
protected as in local mode (``predict.overwrite=true`` replaces it); an unfinished run of
the local engine in the same folder is refused, and vice versa.

Paths: ``predict.input`` and ``predict.model_dir`` are opened on the workers, so on a
cluster they must be on storage every node sees (or inside the job's ``working_dir``);
``predict.output_dir`` is written by the driver only.
"""

from __future__ import annotations

import json
import logging
import time
import warnings
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .config import ConfigError
from .predict import (
    SHARDS,
    PredictError,
    _add,
    _article_meta,
    _bad_record_error,
    _finish,
    _label_pairs,
    _prepare_output,
    _save_shard,
    _schema,
    _settings,
)
from .readers import Article, FieldMap, Rejected, detect_format, iter_articles

log = logging.getLogger(__name__)

EXTRA = "pip install 'countrystance[distributed]'"

# Bookkeeping columns that travel with the rows between stages (never written).
KIND = "_cs_kind"  # article | rejected | pair
REJECT = "_cs_reject"  # a rejected record as JSON
META = "_cs_meta"  # the article's date and metadata as JSON
SENTENCES = "_cs_sentences"
WITH_TARGETS = "_cs_sentences_with_targets"
SPANS = "_cs_spans"
MENTIONS = "_cs_mentions"
TEXT, ID, DATE = "_cs_text", "_cs_id", "_cs_date"

# A read block closes at this many records or characters, whichever comes first: small
# enough that segmenting spreads over tasks, large enough that per-task overhead is small.
READ_BLOCK_RECORDS = 32
READ_BLOCK_CHARS = 200_000
TXT_FILES_PER_TASK = 256
# Reading is light next to segmenting and classifying; read tasks reserve no CPU (so they
# cannot starve the stages they feed on a small cluster) and a few run at once.
READ_CONCURRENCY = 2


class RayNotInstalledError(PredictError, ImportError):
    """``predict.engine=ray`` without Ray installed."""


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as err:
        raise RayNotInstalledError(
            f"predict.engine=ray needs Ray Data, which is not installed here: {EXTRA}"
        ) from err
    return ray


# --------------------------------------------------------------------------- schemas


def _records_schema() -> Any:
    import pyarrow as pa

    return pa.schema([(KIND, pa.string()), (REJECT, pa.string()), (ID, pa.string()),
                      (TEXT, pa.string()), (DATE, pa.string()), (META, pa.string())])


def _head_fields() -> list[Any]:
    import pyarrow as pa

    return [pa.field(KIND, pa.string()), pa.field(SENTENCES, pa.int64()),
            pa.field(WITH_TARGETS, pa.int64()), pa.field(REJECT, pa.string())]


def _pairs_schema() -> Any:
    import pyarrow as pa

    return pa.schema([*_head_fields(), ("article_id", pa.string()), ("sentence_index", pa.int64()),
                      ("sentence_start", pa.int64()), ("sentence_end", pa.int64()),
                      ("sentence", pa.string()), ("target", pa.string()), (SPANS, pa.string()),
                      (MENTIONS, pa.string()), (META, pa.string())])


def _labelled_schema(prob_columns: list[str], metadata_fields: list[str]) -> Any:
    """The local engine's row schema plus the head columns the driver counts from."""
    import pyarrow as pa

    return pa.schema([*_head_fields(), *_schema(prob_columns, metadata_fields)])


# --------------------------------------------------------------------------- stage 1: read


def _local_path(given: str, resolved: str) -> Path:
    """The path as given when it exists here (the job's working_dir), else as the driver saw it."""
    p = Path(given)
    return p if p.exists() else Path(resolved)


def _read_units(pc: Any) -> list[dict[str, Any]]:
    """What the read tasks split: the input file, or groups of a .txt folder's files."""
    path = Path(pc.input)
    fmt = detect_format(path) if pc.input_format == "auto" else pc.input_format
    unit = {"path": str(pc.input), "resolved": str(path.resolve()), "files": []}
    if fmt == "txt" and path.is_dir():
        from .readers import txt_files  # the local engine's own file order

        files = [str(f.relative_to(path)) for f in txt_files(path)]
        return [{**unit, "files": files[i: i + TXT_FILES_PER_TASK]}
                for i in range(0, len(files), TXT_FILES_PER_TASK)]
    return [unit]


def _record_row(rec: Article | Rejected, metadata_fields: list[str]) -> dict[str, Any]:
    if isinstance(rec, Rejected):
        return {KIND: "rejected", REJECT: json.dumps(
            {"source": rec.source, "line": rec.line, "reason": rec.reason, "record": rec.record},
            ensure_ascii=False, default=str)}
    return {KIND: "article", ID: rec.id, TEXT: rec.text, DATE: rec.date,
            META: json.dumps(_article_meta(rec, metadata_fields), ensure_ascii=False)}


def _read(batch: Any, fmt: str, fields: FieldMap, metadata_fields: list[str]) -> Iterator[Any]:
    """Stage 1 (a task per unit): the unit's records, good and bad, in blocks."""
    import pyarrow as pa

    from .readers import _read_txt_file

    schema = _records_schema()
    for unit in batch.to_pylist():
        path = _local_path(unit["path"], unit["resolved"])
        if unit["files"]:
            records: Iterator[Article | Rejected] = (
                _read_txt_file(path / f, path, fields) for f in unit["files"])
        else:
            records = iter_articles(path, fmt, fields)
        block: list[dict[str, Any]] = []
        chars = 0
        for rec in records:
            block.append(_record_row(rec, metadata_fields))
            chars += len(rec.text) if isinstance(rec, Article) else 0
            if len(block) >= READ_BLOCK_RECORDS or chars >= READ_BLOCK_CHARS:
                yield pa.Table.from_pylist(block, schema=schema)
                block, chars = [], 0
        if block:
            yield pa.Table.from_pylist(block, schema=schema)


# --------------------------------------------------------------------------- stage 2: segment

_FINDERS: dict[str, Any] = {}


def _finder(targets: dict[str, Any]) -> Any:
    """One MentionFinder per worker process and targets config (building one takes ~0.3 s)."""
    key = json.dumps(targets, sort_keys=True)
    if key not in _FINDERS:
        from .targets import MentionFinder

        _FINDERS[key] = MentionFinder(targets)
    return _FINDERS[key]


def _segment(batch: Any, targets: dict[str, Any]) -> Any:
    """Stage 2: a head row per record (counts or the reject), then one row per pair."""
    import pyarrow as pa

    from .pipeline import article_pairs

    finder = _finder(targets)
    rows: list[dict[str, Any]] = []
    for rec in batch.to_pylist():
        if rec[KIND] == "rejected":
            rows.append({KIND: "rejected", REJECT: rec[REJECT]})
            continue
        counts = {"sentences": 0}
        pairs = article_pairs(rec[ID], rec[TEXT], rec[DATE], finder, counts)
        rows.append({KIND: "article", SENTENCES: counts["sentences"],
                     WITH_TARGETS: len({p.sentence_index for p in pairs})})
        rows.extend({KIND: "pair", "article_id": p.article_id, "sentence_index": p.sentence_index,
                     "sentence_start": p.sentence_start, "sentence_end": p.sentence_end,
                     "sentence": p.sentence, "target": p.target, SPANS: json.dumps(p.spans),
                     MENTIONS: json.dumps([asdict(m) for m in p.mentions], ensure_ascii=False),
                     META: rec[META]} for p in pairs)
    return pa.Table.from_pylist(rows, schema=_pairs_schema())


# --------------------------------------------------------------------------- stage 3: classify


class _GpuRunner:
    """The torch runner on the actor's CUDA device (the local engine runs on CPU only)."""

    def __init__(self, runner: Any) -> None:
        self.model = runner.model.to("cuda")
        self.input_names = runner.input_names

    def run(self, batch: dict[str, Any]) -> Any:
        import numpy as np
        import torch

        with torch.inference_mode():
            inputs = {k: torch.from_numpy(np.asarray(v, dtype=np.int64)).to("cuda")
                      for k, v in batch.items() if k in self.input_names}
            return self.model(**inputs).logits.float().cpu().numpy()


class _Labeller:
    """Stage 3, a Ray actor: loads the model once, then labels the pair rows of each batch
    with the local engine's own code; head rows pass through in place."""

    def __init__(self, model_dir: str, model_resolved: str, backend: str, batch_size: int,
                 num_threads: int, use_gpu: bool, metadata_fields: list[str]) -> None:
        import os

        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from .classifier import StanceClassifier

        self.clf = StanceClassifier.from_pretrained(
            _local_path(model_dir, model_resolved), backend=backend, num_threads=num_threads,
            batch_size=batch_size)
        if use_gpu:
            import torch

            if not torch.cuda.is_available():
                raise RuntimeError("this model actor was given a GPU but torch sees no CUDA device")
            self.clf.model = _GpuRunner(self.clf.model)
        self.schema = _labelled_schema(self.clf.labels.prob_columns(), metadata_fields)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        from .pipeline import Pair
        from .targets import Mention

        recs = batch.to_pylist()
        pending = [(Pair(r["article_id"], r["sentence_index"], r["sentence_start"],
                         r["sentence_end"], r["sentence"], r["target"], json.loads(r[SPANS]),
                         [Mention(**m) for m in json.loads(r[MENTIONS])]), json.loads(r[META]))
                   for r in recs if r[KIND] == "pair"]
        labelled = iter(_label_pairs(self.clf, pending)[0])
        rows = [{**next(labelled), KIND: "pair"} if r[KIND] == "pair"
                else {k: r[k] for k in (KIND, SENTENCES, WITH_TARGETS, REJECT)} for r in recs]
        return pa.Table.from_pylist(rows, schema=self.schema)


# --------------------------------------------------------------------------- stage 4: write


class _ShardWriter:
    """Cuts the ordered stream into shards of ``shard_size`` records (rejects count, as in
    local mode, so shard boundaries are the same) and writes each with the local code."""

    def __init__(self, shard_dir: Path, shard_size: int, schema: Any, on_error: str,
                 totals: dict[str, int]) -> None:
        self.shard_dir, self.shard_size, self.schema = shard_dir, shard_size, schema
        self.on_error, self.totals = on_error, totals
        self.k = 0
        self._reset()

    def _reset(self) -> None:
        self.n_records = 0
        self.parts: list[Any] = []
        self.rejects: list[Rejected] = []
        self.stats = {"articles": 0, "sentences": 0, "sentences_with_targets": 0, "pairs": 0,
                      "truncated": 0, "rejected": 0}

    def add(self, block: Any) -> int:
        """Take one block of labelled rows; returns how many records it began."""
        kinds = block.column(KIND).to_pylist()
        start = 0
        began = 0
        for i, kind in enumerate(kinds):
            if kind == "pair":
                continue
            if self.n_records == self.shard_size:
                self._take(block, start, i)
                self._flush()
                start = i
            self.n_records += 1
            began += 1
            if kind == "rejected":
                rej = Rejected(**json.loads(block.column(REJECT)[i].as_py()))
                if self.on_error == "raise":
                    raise _bad_record_error(rej)
                self.rejects.append(rej)
                self.stats["rejected"] += 1
            else:
                self.stats["articles"] += 1
                self.stats["sentences"] += block.column(SENTENCES)[i].as_py()
                self.stats["sentences_with_targets"] += block.column(WITH_TARGETS)[i].as_py()
        self._take(block, start, len(kinds))
        return began

    def _take(self, block: Any, start: int, stop: int) -> None:
        import pyarrow.compute as pc

        part = block.slice(start, stop - start)
        part = part.filter(pc.equal(part.column(KIND), "pair")).select(self.schema.names)
        if part.num_rows:
            self.parts.append(part)
            self.stats["pairs"] += part.num_rows
            self.stats["truncated"] += int(pc.sum(part.column("truncated").cast("int64")).as_py())

    def _flush(self) -> None:
        import pyarrow as pa

        table = (pa.concat_tables(self.parts).cast(self.schema) if self.parts
                 else self.schema.empty_table())
        _save_shard(self.shard_dir, self.k, table, self.rejects, self.stats)
        _add(self.totals, self.stats)
        self.totals["shards"] += 1
        self.k += 1
        self._reset()

    def close(self) -> None:
        if self.n_records:
            self._flush()


# --------------------------------------------------------------------------- driver


def _check(pc: Any) -> None:
    if pc.ray_batch_size < 1:
        raise ConfigError(f"predict.ray_batch_size must be >= 1, got {pc.ray_batch_size}")
    if pc.ray_concurrency < 1:
        raise ConfigError(f"predict.ray_concurrency must be >= 1, got {pc.ray_concurrency}")
    if pc.ray_num_cpus_per_actor < 0:
        raise ConfigError("predict.ray_num_cpus_per_actor must be >= 0, got "
                          f"{pc.ray_num_cpus_per_actor}")
    gpus = pc.ray_num_gpus_per_actor
    if gpus is not None and gpus < 0:
        raise ConfigError(f"predict.ray_num_gpus_per_actor must be >= 0, got {gpus}")
    if gpus and pc.backend != "torch":
        raise ConfigError(f"predict.ray_num_gpus_per_actor={gpus} needs predict.backend=torch "
                          f"(backend {pc.backend!r} runs on CPU only)")
    clash = [m for m in pc.metadata_fields if str(m).startswith("_cs_")]
    if clash:
        raise ConfigError(f"predict.metadata_fields {clash}: names starting with '_cs_' are "
                          "reserved by the Ray engine")


def _connect(ray: Any, pc: Any) -> bool:
    """Join or start Ray; True when this call started it (and so must shut it down)."""
    if ray.is_initialized():
        return False
    ray.init(address=pc.ray_address or None, logging_level=logging.WARNING)
    return True


def _gpus_per_actor(ray: Any, pc: Any) -> float:
    if pc.ray_num_gpus_per_actor is not None:
        return float(pc.ray_num_gpus_per_actor)
    has_gpus = ray.cluster_resources().get("GPU", 0) >= 1
    if has_gpus and pc.backend != "torch":
        log.info("the cluster has GPUs but backend %s runs on CPU: model actors get none",
                 pc.backend)
    return 1.0 if has_gpus and pc.backend == "torch" else 0.0


def _fused(pc: Any, gpus: float) -> bool:
    """Whether Ray fuses the segment stage into the model actors: it does when both reserve
    the same resources (1 CPU, no GPU). Each actor then segments and labels its own blocks, as
    local workers do; otherwise segmenting runs in CPU tasks of its own, feeding the actors."""
    return not gpus and pc.ray_num_cpus_per_actor == 1


def _warn_if_starved(ray: Any, pc: Any, gpus: float) -> None:
    res = ray.cluster_resources()
    cpus = res.get("CPU", 0)
    # Unless Ray fuses segmenting into the actors (see _dataset), it needs a CPU of its own.
    need = pc.ray_concurrency * pc.ray_num_cpus_per_actor + (0 if _fused(pc, gpus) else 1)
    if need > cpus:
        log.warning("%d model actors x %g CPU leave no CPU for segmenting on this %g-CPU cluster; "
                    "the run waits until one frees (or an autoscaler adds nodes). Lower "
                    "predict.ray_concurrency or predict.ray_num_cpus_per_actor (e.g. 0.5).",
                    pc.ray_concurrency, pc.ray_num_cpus_per_actor, cpus)
    if gpus and pc.ray_concurrency * gpus > res.get("GPU", 0):
        log.warning("%d model actors x %g GPU is more than the cluster's %g GPUs",
                    pc.ray_concurrency, gpus, res.get("GPU", 0))


def _dataset(ray: Any, cfg: Any, gpus: float) -> Any:
    from omegaconf import OmegaConf

    pc = cfg.predict
    metadata_fields = [str(m) for m in pc.metadata_fields]
    path = Path(pc.input)
    fmt = detect_format(path) if pc.input_format == "auto" else pc.input_format
    units = _read_units(pc)
    threads = pc.num_threads if pc.num_threads > 0 else max(1, int(pc.ray_num_cpus_per_actor))
    ds = ray.data.from_items(units, override_num_blocks=len(units))
    # A capped task pool: `compute=TaskPoolStrategy(size)` from Ray 2.51, `concurrency` before.
    pool = getattr(ray.data, "TaskPoolStrategy", None)
    size = min(READ_CONCURRENCY, len(units))
    cap = {"compute": pool(size=size)} if pool else {"concurrency": size}
    ds = ds.map_batches(_read, batch_size=1, batch_format="pyarrow", num_cpus=0, **cap,
                        fn_kwargs={"fmt": fmt, "fields": FieldMap.from_config(pc),
                                   "metadata_fields": metadata_fields})
    ds = ds.map_batches(_segment, batch_size=None, batch_format="pyarrow",
                        fn_kwargs={"targets": OmegaConf.to_container(cfg.targets, resolve=True)})
    return ds.map_batches(
        _Labeller, batch_size=pc.ray_batch_size, batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=pc.ray_concurrency),
        num_cpus=pc.ray_num_cpus_per_actor, num_gpus=gpus,
        fn_constructor_kwargs={
            "model_dir": str(pc.model_dir), "model_resolved": str(Path(pc.model_dir).resolve()),
            "backend": pc.backend, "batch_size": pc.batch_size, "num_threads": threads,
            "use_gpu": gpus > 0, "metadata_fields": metadata_fields})


def predict_ray(cfg: Any) -> Path:
    """Run ``predict`` on Ray Data (``predict.engine: ray``); returns the output folder.

    Called by :func:`countrystance.predict.predict`, which has checked the common settings.
    """
    from tqdm.auto import tqdm

    from .modeling import read_run_info

    ray = _import_ray()
    pc = cfg.predict
    _check(pc)
    info = read_run_info(pc.model_dir)  # fails early and clearly on a missing model
    out = Path(pc.output_dir)
    _prepare_output(cfg, out, _settings(cfg))
    shard_dir = out / SHARDS
    stale = list(shard_dir.iterdir())
    if stale:
        log.info("a Ray run does not resume: removing %d files of the cut-off run", len(stale))
        for p in stale:
            p.unlink()

    totals = {"articles": 0, "rejected": 0, "sentences": 0, "sentences_with_targets": 0,
              "pairs": 0, "truncated": 0, "shards": 0, "shards_resumed": 0, "rows_resumed": 0}
    schema = _schema(info.labels.prob_columns(), [str(m) for m in pc.metadata_fields])
    writer = _ShardWriter(shard_dir, pc.shard_size, schema, pc.on_error, totals)
    started = _connect(ray, pc)
    ctx = ray.data.DataContext.get_current()
    saved = (ctx.execution_options.preserve_order, ctx.enable_progress_bars)
    data_log = logging.getLogger("ray.data")
    saved_level = data_log.level
    t0 = time.time()
    try:
        # Input order end to end: a record's pairs follow it, shards match local mode.
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = bool(pc.progress)
        if not pc.progress:
            data_log.setLevel(logging.WARNING)
        gpus = _gpus_per_actor(ray, pc)
        _warn_if_starved(ray, pc, gpus)
        ds = _dataset(ray, cfg, gpus)
        bar = tqdm(desc="articles", unit=" art", disable=not pc.progress, dynamic_ncols=True)
        with warnings.catch_warnings():
            # Ray sizes pools from the blocks it sees at the start (one per input file) and warns
            # that the actors will idle; the read stage makes many more blocks, so they do not.
            warnings.filterwarnings("ignore", message=r"The (minimum|maximum) number of concurrent")
            blocks = iter(ds.iter_batches(batch_size=None, batch_format="pyarrow"))
            try:
                for block in blocks:
                    bar.update(writer.add(block))
            finally:  # on a bad record under on_error=raise: stop the pipeline now, not at GC
                blocks.close()
        writer.close()
        bar.close()
    finally:
        ctx.execution_options.preserve_order, ctx.enable_progress_bars = saved
        data_log.setLevel(saved_level)
        if started:
            ray.shutdown()
    _finish(out, cfg, info, totals, time.time() - t0)
    return out
