"""``train(cfg) -> run_dir``: fine-tune a base encoder with the transformers Trainer.

Dynamic padding (the collator pads each batch), length-grouped batches (less
padding on CPU), a seed, best checkpoint by dev macro-F1, optional class weights,
label smoothing and distillation from a teacher run. The run folder it writes is
self-describing: safetensors weights, tokenizer, config.json with id2label, the
resolved config.yaml, metrics.json, calibration.json and a model card README.md.
A folder that already holds a run is trained over only with ``train.overwrite=true``,
which replaces that run's files and the caches derived from its weights, nothing else.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from .config import ConfigError, sample_seed, save_config, to_yaml
from .data import DataError, Example, load_sources
from .encoding import EncodingSettings, encode
from .labels import LabelSet

log = logging.getLogger(__name__)

IGNORE = -100


def _tokenized(examples: list[Example], tokenizer: Any, settings: EncodingSettings,
               labels: LabelSet, teacher_logits: np.ndarray | None = None):
    from datasets import Dataset

    enc = encode(tokenizer, [e.sentence for e in examples], [e.spans for e in examples],
                 [e.target for e in examples], settings)
    rows: dict[str, Any] = dict(enc.features)
    # -100 marks an unlabelled example: it counts only in the distillation term.
    rows["labels"] = [labels.id(e.label_name) if e.label_name else IGNORE for e in examples]
    rows["length"] = [len(ids) for ids in enc.features["input_ids"]]
    if teacher_logits is not None:
        rows["teacher_logits"] = teacher_logits.astype(np.float32).tolist()
    return Dataset.from_dict(rows), sum(enc.truncated)


def _class_weights(examples: list[Example], labels: LabelSet, mode: str) -> list[float] | None:
    if mode == "none":
        return None
    if mode != "balanced":
        raise ConfigError(f"train.class_weights must be 'none' or 'balanced', got {mode!r}")
    counts = Counter(e.label_name for e in examples if e.label_name)
    n = sum(counts.values())
    # Inverse frequency, as scikit-learn's "balanced": n / (k * count).
    return [n / (len(labels) * max(counts.get(name, 0), 1)) for name in labels.names]


def _make_trainer_class():
    import torch
    import torch.nn.functional as F
    from transformers import Trainer

    class StanceTrainer(Trainer):
        """Trainer with class weights, label smoothing and optional distillation in the loss."""

        def __init__(self, *args: Any, class_weights: list[float] | None = None,
                     label_smoothing: float = 0.0, distill_alpha: float = 0.5,
                     distill_temperature: float = 2.0, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.class_weights = torch.tensor(class_weights) if class_weights else None
            self.label_smoothing = label_smoothing
            self.distill_alpha = distill_alpha
            self.distill_temperature = distill_temperature

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            labels = inputs.pop("labels")
            teacher = inputs.pop("teacher_logits", None)
            outputs = model(**inputs)
            logits = outputs.logits.float()  # bf16 under train.bf16: the losses want fp32
            weight = self.class_weights.to(logits.device) if self.class_weights is not None else None
            labelled = labels != IGNORE
            if labelled.any():
                loss = F.cross_entropy(logits[labelled], labels[labelled], weight=weight,
                                       label_smoothing=self.label_smoothing)
            else:  # a batch of unlabelled examples only: the distillation term alone
                loss = logits.sum() * 0.0
            if teacher is not None:
                # NaN rows: labelled examples the teacher-logits file lacks
                # (train.teacher_logits_missing=labels); they learn from their label alone.
                teacher = teacher.to(logits.device)
                has = ~torch.isnan(teacher).any(dim=-1)
                loss = self.distill_alpha * loss
                if has.any():
                    t = self.distill_temperature
                    soft = F.softmax(teacher[has] / t, dim=-1)
                    kl = F.kl_div(F.log_softmax(logits[has] / t, dim=-1), soft, reduction="batchmean") * t * t
                    loss = loss + (1.0 - self.distill_alpha) * kl
            return (loss, outputs) if return_outputs else loss

    return StanceTrainer


def _collator(tokenizer: Any):
    import torch
    from transformers import DataCollatorWithPadding

    pad = DataCollatorWithPadding(tokenizer)

    def collate(features: list[dict[str, Any]]) -> dict[str, Any]:
        teacher = [f.pop("teacher_logits") for f in features] if "teacher_logits" in features[0] else None
        for f in features:
            f.pop("length", None)
        batch = pad(features)
        if teacher is not None:
            batch["teacher_logits"] = torch.tensor(teacher, dtype=torch.float32)
        return batch

    return collate


def macro_f1_metrics(eval_pred: Any) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    logits, labels = eval_pred.predictions, eval_pred.label_ids
    if isinstance(logits, tuple):
        logits = logits[0]
    pred = np.asarray(logits).argmax(axis=-1)
    return {
        "macro_f1": float(f1_score(labels, pred, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(labels, pred)),
    }


def _teacher_fingerprint(teacher_dir: str) -> str:
    """Identifies the teacher's weights: a teacher retrained into the same folder must not
    reuse the logits of the one before."""
    h = hashlib.sha256()
    for name in ("model.safetensors", "pytorch_model.bin", "calibration.json", "config.json"):
        f = Path(teacher_dir) / name
        if f.is_file():
            st = f.stat()
            h.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()[:16]


def _example_key(e: Example) -> str:
    return hashlib.sha256(json.dumps([e.sentence, e.spans, e.target]).encode()).hexdigest()[:32]


def read_teacher_logits(path: str | Path, labels: LabelSet) -> dict[str, np.ndarray]:
    """A teacher-logits file (see ``write_teacher_logits``): example key -> calibrated logits."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"train.teacher_logits: {path} does not exist "
                        "(scripts/export_teacher_logits.py writes one from a teacher run)")
    try:
        with np.load(path) as z:
            names = [str(x) for x in z["labels"]]
            keys = [k.decode() for k in z["keys"].tolist()]
            logits = z["logits"].astype(np.float32)
    except (OSError, KeyError, ValueError) as err:
        raise DataError(f"train.teacher_logits: {path} is not a teacher-logits file ({err})") from None
    if tuple(names) != labels.names:
        raise ConfigError(f"train.teacher_logits {path} has labels {names}, the student {list(labels.names)}")
    return dict(zip(keys, logits, strict=True))


def write_teacher_logits(path: str | Path, keys: list[str], logits: np.ndarray, labels: LabelSet,
                         teacher: str) -> None:
    """Write logits per example key (no text: a key is a hash of sentence, spans and target)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp.npz")
    np.savez_compressed(tmp, keys=np.array([k.encode() for k in keys], dtype="S32"),
                        logits=np.asarray(logits, dtype=np.float32), labels=np.array(labels.names),
                        teacher=np.array(teacher))
    tmp.replace(path)


def _teacher_logits(teacher_dir: str, examples: list[Example], labels: LabelSet,
                    batch_size: int, backend: str = "torch",
                    preset: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """The teacher's calibrated logits for every training example.

    Cached per example in the teacher's folder (one file per teacher weights and backend):
    a teacher pass over tens of thousands of pairs is the slow part of distillation, and a
    student run that adds a round of labels only pays for the new pairs. ``preset`` (from
    a teacher-logits file) counts as known.
    """
    from .classifier import StanceClassifier
    from .modeling import read_run_info

    info = read_run_info(teacher_dir)
    if tuple(info.labels.names) != labels.names:
        raise ConfigError(
            f"train.teacher_dir {teacher_dir} has labels {list(info.labels.names)}, "
            f"the student {list(labels.names)}"
        )
    cache = Path(teacher_dir) / "distill_cache" / f"logits-{_teacher_fingerprint(teacher_dir)}-{backend}.npz"
    known: dict[str, np.ndarray] = {}
    if cache.is_file():
        with np.load(cache) as z:
            known = dict(zip(z["keys"].tolist(), z["logits"], strict=True))
    for k, v in (preset or {}).items():
        known.setdefault(k, v)
    keys = [_example_key(e) for e in examples]
    todo: dict[str, Example] = {}
    for k, e in zip(keys, examples, strict=True):
        if k not in known:
            todo.setdefault(k, e)
    log.info("teacher logits: %d of %d examples cached in %s", sum(k in known for k in keys), len(examples), cache)
    if todo:
        teacher = StanceClassifier.from_pretrained(teacher_dir, backend=backend, batch_size=batch_size)
        new = list(todo.values())
        logits, _ = teacher.logits([e.sentence for e in new], [e.spans for e in new], [e.target for e in new])
        # Calibrated teacher logits make better soft targets.
        logits = np.asarray(logits, dtype=np.float32) / teacher.info.temperature
        known.update(zip(todo, logits, strict=True))
        cache.parent.mkdir(exist_ok=True)
        tmp = cache.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(list(known)), logits=np.stack(list(known.values())))
        tmp.replace(cache)  # a killed run leaves the previous cache whole
    return np.stack([known[k] for k in keys])


def _distill_targets(tc: Any, examples: list[Example], labels: LabelSet) -> np.ndarray | None:
    """Soft targets from train.teacher_logits and/or train.teacher_dir; None without either."""
    preset = read_teacher_logits(tc.teacher_logits, labels) if tc.teacher_logits else {}
    if tc.teacher_dir:
        return _teacher_logits(tc.teacher_dir, examples, labels, tc.per_device_eval_batch_size,
                               tc.teacher_backend, preset)
    if not preset:
        return None
    keys = [_example_key(e) for e in examples]
    missing = [e for k, e in zip(keys, examples, strict=True) if k not in preset]
    # An unlabelled example without teacher logits has nothing to learn from.
    refused = [e for e in missing if tc.teacher_logits_missing == "error" or not e.label_name]
    if refused:
        raise ConfigError(
            f"train.teacher_logits {tc.teacher_logits} has no logits for {len(refused)} of {len(examples)} "
            f"training examples (first: {refused[0].sentence[:60]!r} -> {refused[0].target}"
            f"{'' if refused[0].label_name else ', unlabelled'}): the data changed since the file was "
            "written; set train.teacher_dir to a teacher run to compute them"
            + ("" if refused[0].label_name is None else
               ", or train.teacher_logits_missing=labels to train those on their labels alone")
        )
    if missing:
        log.info("teacher logits: %d of %d examples from %s; %d labelled ones learn from their labels alone",
                 len(examples) - len(missing), len(examples), tc.teacher_logits, len(missing))
    else:
        log.info("teacher logits: all %d examples from %s", len(examples), tc.teacher_logits)
    n_labels = len(labels)
    return np.stack([preset.get(k, np.full(n_labels, np.nan, dtype=np.float32)) for k in keys])


def export_teacher_logits(cfg: Any, out: str | Path) -> int:
    """Write the teacher's logits for every training example of ``cfg`` to ``out`` (computing
    what the teacher's cache lacks); returns the number of examples."""
    tc = cfg.train
    if not tc.teacher_dir:
        raise ConfigError("export needs train.teacher_dir (the teacher run)")
    labels = LabelSet.of(list(cfg.data.labels))
    # The finder as in train(): the keys hash the spans, so they must be the ones train sees.
    examples = _load_examples(cfg, cfg.data.train, labels, _LazyFinder(cfg.targets), "training")
    logits = _teacher_logits(tc.teacher_dir, examples, labels, tc.per_device_eval_batch_size, tc.teacher_backend)
    keys = [_example_key(e) for e in examples]
    unique = dict(zip(keys, logits, strict=True))
    write_teacher_logits(out, list(unique), np.stack(list(unique.values())), labels,
                         f"{tc.teacher_dir} ({_teacher_fingerprint(tc.teacher_dir)}, {tc.teacher_backend})")
    return len(unique)


_CKPT_CONFIG = "run_config.yaml"

# What a run writes into its folder (weights, config, tokenizer files of any tokenizer kind,
# our own files), and the older or sharded weight files a previous run there may have left.
_RUN_FILES = (
    "model.safetensors", "model.safetensors.index.json", "pytorch_model.bin",
    "pytorch_model.bin.index.json", "config.json", "generation_config.json", "training_args.bin",
    "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json",
    "vocab.txt", "vocab.json", "merges.txt", "spiece.model", "sentencepiece.bpe.model",
    "tokenizer.model", "chat_template.jinja", "chat_template.json",
    "config.yaml", "metrics.json", "calibration.json", "README.md",
)
_RUN_PATTERNS = ("model-*-of-*.safetensors", "pytorch_model-*-of-*.bin")
# Caches built from a run's weights on first use (backends.onnx_path, int8._cached_ranges,
# _teacher_logits): stale, and silently used, once the weights are replaced.
_DERIVED_DIRS = ("onnx", "int8", "distill_cache")
# Any of these makes the folder a finished (or partly written) run.
_FINISHED_MARKERS = ("config.json", "model.safetensors", "model.safetensors.index.json", "pytorch_model.bin")


def _run_files(run_dir: Path) -> list[Path]:
    """The files and cache folders in ``run_dir`` that a run wrote or derived from its weights
    (not checkpoints/, which _clear_checkpoints handles; never anything else)."""
    if not run_dir.is_dir():
        return []
    found = [run_dir / n for n in _RUN_FILES if (run_dir / n).is_file()]
    found += sorted(p for pattern in _RUN_PATTERNS for p in run_dir.glob(pattern) if p.is_file())
    found += [run_dir / n for n in _DERIVED_DIRS if (run_dir / n).is_dir()]
    return found


def _clear_run_files(run_dir: Path) -> None:
    for p in _run_files(run_dir):
        if p.is_dir():
            shutil.rmtree(p)
        else:
            p.unlink()


def _clear_checkpoints(ckpt_dir: Path, keep: bool = False) -> None:
    """Remove what the Trainer and the resume logic wrote into ``ckpt_dir`` (``keep``: only the
    unfinished-run marker); the folder itself goes only when nothing else is left in it."""
    (ckpt_dir / _CKPT_CONFIG).unlink(missing_ok=True)
    if keep or not ckpt_dir.is_dir():
        return
    for d in ckpt_dir.glob("checkpoint-*"):
        if d.is_dir() and d.name.split("-")[-1].isdigit():
            shutil.rmtree(d, ignore_errors=True)
    if not any(ckpt_dir.iterdir()):
        ckpt_dir.rmdir()


def _last_resumable(ckpt_dir: Path) -> Path | None:
    """The newest checkpoint that holds the optimizer state a resume needs."""
    found = [d for d in ckpt_dir.glob("checkpoint-*")
             if (d / "trainer_state.json").is_file() and (d / "optimizer.pt").is_file()
             and d.name.split("-")[-1].isdigit()]
    return max(found, key=lambda d: int(d.name.split("-")[-1]), default=None)


def _resume_point(cfg: Any, run_dir: Path) -> Path | None:
    """Where to resume from (None: a fresh run). Runs before any data or model is loaded, so a
    refused rerun fails at once. A finished run is not trained over, nor an unfinished one
    started over, without train.overwrite; an unfinished run is resumed only with the config
    it was started with."""
    from omegaconf import OmegaConf

    tc = cfg.train
    ckpt_dir = run_dir / "checkpoints"
    last = _last_resumable(ckpt_dir) if (ckpt_dir / _CKPT_CONFIG).is_file() else None
    finished = [n for n in _FINISHED_MARKERS if (run_dir / n).is_file()]
    if not tc.resume:
        if last is not None and not tc.overwrite:
            raise ConfigError(f"{ckpt_dir} holds checkpoints of an unfinished run (last: {last.name}): "
                              "train.resume=true continues it; train.overwrite=true starts it over")
        present = _run_files(run_dir)
        if present and not tc.overwrite:
            if finished:
                raise ConfigError(
                    f"{run_dir} already holds a finished run ({', '.join(finished)}); set "
                    "train.overwrite=true to train over it, or choose another train.output_dir")
            names = ", ".join(p.name + ("/" if p.is_dir() else "") for p in present[:5])
            raise ConfigError(
                f"{run_dir} holds files a run writes ({names}{', ...' if len(present) > 5 else ''}); "
                "set train.overwrite=true to replace them, or choose another train.output_dir")
        return None
    if last is None:
        if finished:
            raise ConfigError(f"train.resume: {run_dir} holds a finished run ({', '.join(finished)}), "
                              "not an unfinished one to resume; to train it again set "
                              "train.overwrite=true instead of train.resume=true")
        raise ConfigError(f"train.resume: no resumable checkpoint in {ckpt_dir} "
                          "(a run writes them with train.save_steps > 0)")
    saved = OmegaConf.to_container(OmegaConf.load(ckpt_dir / _CKPT_CONFIG))
    now = OmegaConf.to_container(cfg)
    for c in (saved, now):  # how to start the run, not what it trains
        c["train"].pop("resume", None)
        c["train"].pop("overwrite", None)
    diff = _config_diff(saved, now)
    if diff:
        raise ConfigError(f"train.resume: the config differs from the one {ckpt_dir} was started with "
                          f"({', '.join(diff[:5])}); resume with the same config")
    log.info("resuming from %s", last)
    return last


def _config_diff(a: Any, b: Any, prefix: str = "") -> list[str]:
    """The dotted keys whose values differ between two config dicts (a key on one side only too)."""
    if isinstance(a, dict) and isinstance(b, dict):
        absent = object()  # not None: a key set to null on one side only still differs
        return [d for k in sorted(set(a) | set(b), key=str)
                for d in _config_diff(a.get(k, absent), b.get(k, absent), f"{prefix}{k}.")]
    return [] if a == b else [prefix.rstrip(".")]


def freeze_lower_layers(model: Any, embeddings: bool, layers: int) -> int:
    """Stop training the encoder's embeddings and/or its first ``layers`` transformer layers
    (train.freeze_embeddings, train.freeze_layers); returns the parameters left to train."""
    base = model.base_model
    stack = getattr(getattr(base, "encoder", None), "layer", None)
    if (embeddings or layers) and (stack is None or not hasattr(base, "embeddings")):
        raise ConfigError(f"train.freeze_embeddings / train.freeze_layers: {type(base).__name__} has no "
                          "embeddings and encoder.layer stack to freeze (BERT-style encoders have)")
    if layers and not 0 < layers < len(stack):
        raise ConfigError(f"train.freeze_layers must be between 0 and {len(stack) - 1} (the encoder "
                          f"has {len(stack)} layers and one must stay trainable), got {layers}")
    frozen = ([base.embeddings] if embeddings else []) + list(stack[:layers] if layers else [])
    for module in frozen:
        module.requires_grad_(False)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def _save_every(steps: int):
    from transformers import TrainerCallback

    class SaveEvery(TrainerCallback):
        """Asks the Trainer for a full checkpoint every ``steps`` steps (train.save_steps)."""

        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step % steps == 0:
                control.should_save = True
            return control

    return SaveEvery()


class _LazyFinder:
    """The mention finder of ``cfg.targets``, as ``StanceClassifier.from_pretrained`` builds it
    for evaluation and inference, so that a contract line without mention/start/end gets the
    same spans in training. Built on first use: only such lines need it (about a second)."""

    def __init__(self, targets_config: Any) -> None:
        self._config = targets_config
        self._finder: Any = None

    def find(self, text: str, date: str | None = None) -> Any:
        if self._finder is None:
            from .targets import MentionFinder

            try:
                self._finder = MentionFinder(self._config)
            except ValueError as err:  # a bad targets.* value
                raise ConfigError(str(err)) from None
        return self._finder.find(text, date)


def _load_examples(cfg: Any, sources: Any, labels: LabelSet, finder: Any, what: str) -> list[Example]:
    """``load_sources`` with the run's finder; an empty result names the files (a silently
    empty dev set would mean no best checkpoint and no calibration)."""
    examples = load_sources(sources, labels, label_map=dict(cfg.data.newsmtsc_label_map),
                            seed=sample_seed(cfg), finder=finder)
    if sources and not examples:
        paths = ", ".join(str(s.path) for s in sources)
        raise DataError(f"the {what} files hold no examples: {paths}"
                        + (" (data.dev=[] trains without a dev set: no best checkpoint, no calibration)"
                           if what == "dev" else ""))
    return examples


def check_train_config(cfg: Any) -> None:
    """Refuse bad ``train.*`` values and output folders before any data or model is loaded:
    transformers and torch reject most of them only minutes later, with a traceback, and no
    epochs at all would write an untrained model."""
    tc = cfg.train

    def need(ok: bool, key: str, rule: str) -> None:
        if not ok:
            raise ConfigError(f"train.{key} must be {rule}, got {tc[key]!r}")

    if not str(tc.output_dir).strip():
        raise ConfigError("train.output_dir is empty: name the folder to write the run to "
                          "(an empty value would make it the current directory)")
    run_dir = Path(tc.output_dir)
    for p in (run_dir, *run_dir.parents):
        if p.exists():
            if not p.is_dir():
                where = "" if p == run_dir else f": {p}"
                raise ConfigError(f"train.output_dir {run_dir}{where} is a file, not a folder")
            break
    need(tc.per_device_train_batch_size >= 1, "per_device_train_batch_size", ">= 1")
    need(tc.per_device_eval_batch_size >= 1, "per_device_eval_batch_size", ">= 1")
    need(tc.learning_rate > 0, "learning_rate", "> 0")
    if not (tc.max_steps > 0 or tc.num_train_epochs > 0):
        raise ConfigError(f"train.num_train_epochs must be > 0, got {tc.num_train_epochs!r}: with "
                          f"train.max_steps {tc.max_steps} (not > 0) the run would take no training step")
    need(tc.weight_decay >= 0, "weight_decay", ">= 0")
    need(tc.warmup_ratio >= 0, "warmup_ratio", ">= 0")
    need(0 <= tc.label_smoothing < 1, "label_smoothing", "in [0, 1)")
    need(tc.class_weights in ("none", "balanced"), "class_weights", "'none' or 'balanced'")
    need(tc.eval_steps >= 0, "eval_steps", ">= 0 (0: once per epoch)")
    need(tc.logging_steps >= 1, "logging_steps", ">= 1")
    need(tc.num_threads >= 0, "num_threads", ">= 0 (0: torch's default)")
    need(0 <= tc.distill_alpha <= 1, "distill_alpha", "in [0, 1]")
    need(tc.distill_temperature > 0, "distill_temperature", "> 0")
    need(tc.teacher_logits_missing in ("error", "labels"), "teacher_logits_missing", "'error' or 'labels'")
    need(tc.freeze_layers >= 0, "freeze_layers", ">= 0")
    need(tc.early_stopping_patience >= 0, "early_stopping_patience", ">= 0 (0: never)")
    need(tc.save_steps >= 0, "save_steps", ">= 0 (0: no resumable checkpoints)")
    if tc.teacher_dir:
        from .classifier import BACKENDS

        if tc.teacher_backend not in BACKENDS:
            raise ConfigError(f"train.teacher_backend: unknown backend {tc.teacher_backend!r}; "
                              f"expected one of {list(BACKENDS)}")


def train(cfg: Any) -> Path:
    """Train with ``cfg`` and write the run folder; returns its path."""
    import torch
    from transformers import EarlyStoppingCallback, TrainingArguments, set_seed

    from .calibration import expected_calibration_error, fit_temperature, softmax
    from .modeling import build_model, load_run

    tc = cfg.train
    labels = LabelSet.of(list(cfg.data.labels))
    check_train_config(cfg)
    if not cfg.data.train:
        raise ConfigError("data.train is empty: give at least one labelled file to train on")
    if any(s.unlabelled for s in cfg.data.train) and not (tc.teacher_dir or tc.teacher_logits):
        raise ConfigError("data.train has unlabelled sources: they need train.teacher_dir "
                          "(or train.teacher_logits) to learn from")
    if any(s.unlabelled for s in cfg.data.dev):
        raise ConfigError("data.dev sources must be labelled")
    run_dir = Path(tc.output_dir)
    ckpt_dir = run_dir / "checkpoints"
    resume_from = _resume_point(cfg, run_dir)  # before loading data: a refused rerun fails at once
    if tc.num_threads > 0:
        torch.set_num_threads(tc.num_threads)
    set_seed(tc.seed)

    finder = _LazyFinder(cfg.targets)  # the same spans as evaluate and predict
    train_ex = _load_examples(cfg, cfg.data.train, labels, finder, "training")
    dev_ex = _load_examples(cfg, cfg.data.dev, labels, finder, "dev")
    for name, exs in (("train", train_ex), ("dev", dev_ex)):
        log.info("%s: %d examples %s", name, len(exs),
                 dict(Counter(e.label_name or "(unlabelled)" for e in exs)))
        unmarked = sum(not e.spans for e in exs)
        if unmarked:
            log.warning("%s: %d examples have no span of their target (the mention finder did not "
                        "find it): the model sees them without mention markers", name, unmarked)

    if tc.init_from:
        model, tokenizer, _ = load_run(tc.init_from)
        if dict(model.config.id2label) != labels.id2label:
            raise ConfigError(f"train.init_from {tc.init_from} has other labels than data.labels")
        model.train()
    else:
        model, tokenizer = build_model(cfg.model.base, labels, cfg.model.classifier_dropout,
                                       cfg.model.num_layers)
    trainable = freeze_lower_layers(model, tc.freeze_embeddings, tc.freeze_layers)
    settings = EncodingSettings.from_config(cfg)

    teacher = _distill_targets(tc, train_ex, labels)
    train_ds, n_cut_train = _tokenized(train_ex, tokenizer, settings, labels, teacher)
    dev_ds, _ = _tokenized(dev_ex, tokenizer, settings, labels) if dev_ex else (None, 0)

    has_dev = dev_ds is not None
    strategy = ("steps" if tc.eval_steps > 0 else "epoch") if has_dev else "no"
    args = TrainingArguments(
        output_dir=str(ckpt_dir),
        learning_rate=tc.learning_rate,
        num_train_epochs=tc.num_train_epochs,
        max_steps=tc.max_steps,
        per_device_train_batch_size=tc.per_device_train_batch_size,
        per_device_eval_batch_size=tc.per_device_eval_batch_size,
        weight_decay=tc.weight_decay,
        warmup_steps=tc.warmup_ratio,  # a float < 1 is a ratio of the total steps in 5.x
        eval_strategy=strategy,
        eval_steps=tc.eval_steps if tc.eval_steps > 0 else None,
        save_strategy="best" if has_dev else "no",
        save_total_limit=1,
        save_only_model=not tc.save_steps,  # a resume needs the optimizer and schedule too
        load_best_model_at_end=has_dev,
        metric_for_best_model="macro_f1" if has_dev else None,
        greater_is_better=True,
        logging_steps=tc.logging_steps,
        seed=tc.seed,
        data_seed=tc.seed,
        use_cpu=not torch.cuda.is_available(),
        bf16=tc.bf16,
        report_to="none",
        remove_unused_columns=False,
        train_sampling_strategy="group_by_length",
        length_column_name="length",
        dataloader_num_workers=0,
        disable_tqdm=False,
    )
    callbacks = [_save_every(tc.save_steps)] if tc.save_steps else []
    if has_dev and tc.early_stopping_patience > 0:
        callbacks.append(EarlyStoppingCallback(early_stopping_patience=tc.early_stopping_patience))
    trainer = _make_trainer_class()(
        model=model,
        args=args,
        train_dataset=train_ds,
        eval_dataset=dev_ds,
        processing_class=tokenizer,
        data_collator=_collator(tokenizer),
        compute_metrics=macro_f1_metrics if has_dev else None,
        callbacks=callbacks,
        class_weights=_class_weights(train_ex, labels, tc.class_weights),
        label_smoothing=tc.label_smoothing,
        distill_alpha=tc.distill_alpha,
        distill_temperature=tc.distill_temperature,
    )
    if resume_from is None and trainer.is_world_process_zero():
        # A fresh start: checkpoints left by an earlier run here (kept, unfinished and
        # overwritten, or crashed) must not be rotated or resumed with this run's.
        _clear_checkpoints(ckpt_dir)
        if tc.save_steps:
            ckpt_dir.mkdir(parents=True, exist_ok=True)
            save_config(cfg, ckpt_dir / _CKPT_CONFIG)  # marks the run unfinished until it ends
    t0 = time.time()
    result = trainer.train(resume_from_checkpoint=str(resume_from) if resume_from else None)
    train_seconds = time.time() - t0

    metrics: dict[str, Any] = {
        "n_train": len(train_ex),
        "n_dev": len(dev_ex),
        "train_truncated": n_cut_train,
        "train_seconds": round(train_seconds, 1),
        "train_steps": int(result.global_step),
        "train_loss": float(result.training_loss),
        "train_processes": int(args.world_size),  # > 1 under torchrun (data-parallel)
        "trainable_parameters": trainable,
        "resumed_from": resume_from.name if resume_from else None,
        "labels": list(labels.names),
    }
    temperature = 1.0
    if has_dev:
        pred = trainer.predict(dev_ds)
        logits = np.asarray(pred.predictions[0] if isinstance(pred.predictions, tuple) else pred.predictions)
        gold = np.asarray(pred.label_ids)
        metrics["dev"] = _summary(logits.argmax(-1), gold, labels)
        metrics["dev"]["ece"] = expected_calibration_error(softmax(logits), gold)
        if tc.calibrate:
            temperature = fit_temperature(logits, gold)
            metrics["dev"]["ece_calibrated"] = expected_calibration_error(
                softmax(logits, temperature), gold)
        metrics["temperature"] = temperature

    _write_run(trainer, tokenizer, cfg, run_dir, metrics, temperature)
    # Under torchrun every process gets here; none still reads a checkpoint (with a dev set
    # all took part in the collective predict above; without one none was saved). Only the
    # main process deletes and reports.
    if trainer.is_world_process_zero():
        # Only what the run wrote: other files in checkpoints/ stay. Kept checkpoints of a
        # finished run are not an unfinished run to resume.
        _clear_checkpoints(ckpt_dir, keep=tc.keep_checkpoints)
        log.info("wrote %s", run_dir)
    # The others return only once the run folder is complete (the CLI reads its metrics).
    trainer.accelerator.wait_for_everyone()
    return run_dir


def _summary(pred: np.ndarray, gold: np.ndarray, labels: LabelSet) -> dict[str, Any]:
    from sklearn.metrics import accuracy_score, f1_score

    ids = list(range(len(labels)))
    per = f1_score(gold, pred, labels=ids, average=None, zero_division=0)
    return {
        "n": len(gold),
        "macro_f1": float(f1_score(gold, pred, labels=ids, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(gold, pred)),
        "f1": {name: float(per[i]) for i, name in enumerate(labels.names)},
    }


def _write_run(trainer: Any, tokenizer: Any, cfg: Any, run_dir: Path, metrics: dict[str, Any],
               temperature: float) -> None:
    # Under torchrun every process reaches here; only the main one writes.
    if not trainer.is_world_process_zero():
        return
    # The files of the run trained over (train.overwrite, or a resumed run's stale ones) go
    # first: a weights file in another format, or a cached ONNX graph or int8 calibration of
    # the old weights, would otherwise be read in place of the new weights.
    _clear_run_files(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    trainer.model.save_pretrained(run_dir, safe_serialization=True)
    tokenizer.save_pretrained(run_dir)
    save_config(cfg, run_dir / "config.yaml")
    (run_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    (run_dir / "calibration.json").write_text(
        json.dumps({"temperature": temperature, "fitted_on": "dev" if "dev" in metrics else None},
                   indent=2) + "\n", encoding="utf-8")
    (run_dir / "README.md").write_text(model_card(cfg, metrics), encoding="utf-8")


def model_card(cfg: Any, metrics: dict[str, Any]) -> str:
    """A short model card: what it was trained on, how well it does, what it is not for."""
    sources = "\n".join(f"- `{s.path}` ({s.format}{', x' + str(s.repeat) if s.repeat > 1 else ''})"
                        for s in cfg.data.train) or "- (none)"
    dev_sources = "\n".join(f"- `{s.path}` ({s.format})" for s in cfg.data.dev) or "- (none)"
    dev = metrics.get("dev")
    if dev:
        per = ", ".join(f"{k} {v:.3f}" for k, v in dev["f1"].items())
        scores = (f"Dev ({dev['n']} examples): macro-F1 **{dev['macro_f1']:.3f}**, accuracy "
                  f"{dev['accuracy']:.3f}; per-class F1: {per}. Expected calibration error "
                  f"{dev['ece']:.3f} before and {dev.get('ece_calibrated', dev['ece']):.3f} after "
                  f"temperature scaling (T = {metrics.get('temperature', 1.0):.3f}).")
    else:
        scores = "No dev set was given, so no scores were measured during training."
    n = cfg.model.num_layers
    layers = f" (its first {n} layer{'s' if n != 1 else ''})" if n else ""
    k = cfg.train.freeze_layers
    frozen = [part for part, on in (("the embeddings", cfg.train.freeze_embeddings),
                                    (f"the first {k} layer{'s' if k != 1 else ''}", k)) if on]
    if frozen:
        layers += f"; {' and '.join(frozen)} frozen in training"
    return f"""# countrystance model: {Path(cfg.train.output_dir).name}

Labels the stance a sentence takes toward a named target (a country or a country-like
actor): {", ".join(f"`{x}`" for x in cfg.data.labels)}. Trained with `countrystance train`.

## Base encoder
`{cfg.model.base}`{layers}, fine-tuned as a sequence classifier (max {cfg.model.max_length} tokens).
Target shown with markers `{cfg.encoding.marker_start} ... {cfg.encoding.marker_end}`
(mark_mentions={cfg.encoding.mark_mentions}) and the target name as a second segment
(pair_with_target={cfg.encoding.pair_with_target}).

## Training data
{sources}

Dev data (best checkpoint by macro-F1, calibration):
{dev_sources}

{metrics["n_train"]} training examples, {metrics["train_steps"]} steps in
{metrics["train_seconds"]:.0f} s, seed {cfg.train.seed} (samples of capped sources: seed {sample_seed(cfg)}).

## Scores
{scores}

## Intended use and limits
For research on how news and speeches portray states: label sentences at scale, then
aggregate with intervals (`countrystance trends`). Not for judging individual people
or single articles without reading them. English only. Scores on the dev set above
are not a promise for other registers: check a sample of your own corpus first.
Labels follow the project's contract (spec/labels.md): reported speech and actions
count; the speaking actor is neutral unless the sentence judges it.

## Resolved config
```yaml
{to_yaml(cfg).strip()}
```
"""
