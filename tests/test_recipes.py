"""The shipped recipes load as their headers and the README say to run them.

A recipe is only ever read when someone trains it (20 min to 2 h), so a renamed key, a
moved data file or a logits file for another label set would otherwise surface there,
not here. Paths into ``../shared`` are not checked: a fresh clone does not have them.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import numpy as np
import pytest
from omegaconf import OmegaConf

from countrystance.config import load_config

ROOT = Path(__file__).resolve().parents[1]
RECIPES = sorted((ROOT / "configs/experiments").glob("*.yaml"))
COMMAND = re.compile(r"countrystance (?:train|evaluate|predict) --config ((?:\S+\.yaml\s*)+)")


def _stacks_in(text: str) -> list[list[str]]:
    """The config-file lists of every ``countrystance <cmd> --config a.yaml b.yaml`` in text."""
    joined = re.sub(r"\\\n\s*(?:#\s*)?", " ", text)  # shell line continuations
    return [shlex.split(m.group(1)) for m in COMMAND.finditer(joined)]


def _project_paths(cfg) -> list[str]:
    """Every file path the config reads from the project itself (not ../shared)."""
    data = OmegaConf.to_container(cfg.data)
    sources = [s for key in ("train", "dev", "test") for s in (data.get(key) or [])]
    paths = [s["path"] for s in sources] + [cfg.train.teacher_logits]
    return [p for p in paths if p and not p.startswith("../")]


def test_the_command_parser_finds_continued_and_commented_commands() -> None:
    text = ("# countrystance train --config configs/a.yaml configs/b.yaml\n"
            "countrystance train --config configs/a.yaml \\\n    configs/c.yaml  # 22 min\n"
            "countrystance trends trends.input=x\n")
    assert _stacks_in(text) == [["configs/a.yaml", "configs/b.yaml"], ["configs/a.yaml", "configs/c.yaml"]]


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda p: p.name)
def test_every_recipe_loads_as_its_header_says_and_its_files_exist(recipe: Path) -> None:
    stacks = [s for s in _stacks_in(recipe.read_text()) if f"configs/experiments/{recipe.name}" in s]
    for stack in stacks or [["configs/train.yaml", f"configs/experiments/{recipe.name}"]]:
        cfg = load_config([ROOT / f for f in stack])
        for path in _project_paths(cfg):
            assert (ROOT / path).is_file(), f"{recipe.name}: {path} does not exist"
        if cfg.train.teacher_logits:
            shipped = np.load(ROOT / cfg.train.teacher_logits)
            assert list(shipped["labels"]) == list(cfg.data.labels), recipe.name


def test_every_config_stack_the_readme_and_docs_name_loads() -> None:
    stacks = [s for doc in ("README.md", "docs/results/accuracy.md", "data/distill/README.md")
              for s in _stacks_in((ROOT / doc).read_text())]
    assert len(stacks) >= 5
    for stack in stacks:
        load_config([ROOT / f for f in stack])
