"""`countrystance train` under torchrun: two CPU processes (gloo), one run folder, written once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, debug_overrides

RUN_FILES = {"README.md", "calibration.json", "config.json", "config.yaml", "metrics.json",
             "model.safetensors", "tokenizer.json", "tokenizer_config.json"}


@pytest.mark.slow
def test_two_process_training_writes_one_valid_run_folder(tiny_base: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    # The command docs/distributed.md gives, with the test's tiny model and data.
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
           "-m", "countrystance.cli", "train", "--config", str(ROOT / "configs/train.yaml"),
           str(ROOT / "configs/debug.yaml"), *debug_overrides(tiny_base, out)]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1",
           "TOKENIZERS_PARALLELISM": "false"}
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=240, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.stdout.count(f"wrote {out}") == 2  # both processes returned the finished folder

    assert {p.name for p in out.iterdir()} == RUN_FILES  # no checkpoints/, no temporary files
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["train_processes"] == 2
    assert metrics["dev"]["n"] == 6  # evaluation gathered every dev example from both processes
    config = json.loads((out / "config.json").read_text())
    assert {int(k): v for k, v in config["id2label"].items()} == {
        0: "hostile", 1: "neutral", 2: "supportive"}
    assert json.loads((out / "calibration.json").read_text())["fitted_on"] == "dev"

    from countrystance.classifier import StanceClassifier

    clf = StanceClassifier.from_pretrained(out)
    pred = clf.predict("Kenya thanked Ghana for its help.", "Ghana")
    assert pred.label in {"hostile", "neutral", "supportive"}
    assert abs(sum(pred.probabilities.values()) - 1) < 1e-5
