"""Inference backends: each gives the fp32 model's probabilities up to its precision."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from countrystance.calibration import softmax
from countrystance.classifier import BACKENDS, StanceClassifier

SENTENCES = [
    ("Washington imposed new sanctions on Iranian banks.", [[33, 40]], "Iran"),
    ("France and Germany signed a new trade agreement today.", [[0, 6]], "France"),
    ("The minister praised Kenya for its leadership on climate.", [[21, 26]], "Kenya"),
    ("Russian forces shelled the port, the mayor said.", [[0, 7]], "Russia"),
]

# The largest probability difference each backend may show against fp32 on the tiny model.
TOLERANCE = {"torch-bf16": 0.03, "torch-int8": 0.1, "onnx": 1e-4, "onnx-int8": 0.1}


def _probs(run: Path, backend: str) -> np.ndarray:
    clf = StanceClassifier.from_pretrained(run, backend=backend, num_threads=1)
    logits, cut = clf.logits(*zip(*SENTENCES, strict=True))
    assert list(cut) == [False] * len(SENTENCES)
    return softmax(logits, clf.info.temperature)


@pytest.mark.parametrize("backend", [b for b in BACKENDS if b not in ("torch", "auto")])
def test_backend_agrees_with_fp32(tiny_run: Path, tmp_path: Path, backend: str) -> None:
    if backend.startswith("onnx"):
        pytest.importorskip("onnxruntime")
    run = tmp_path / "run"  # ONNX backends write their graph into the run folder
    shutil.copytree(tiny_run, run)
    reference = _probs(run, "torch")
    probs = _probs(run, backend)
    assert probs.shape == reference.shape == (len(SENTENCES), 3)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert np.abs(probs - reference).max() <= TOLERANCE[backend]


def test_unknown_backend_names_the_choices(tiny_run: Path) -> None:
    with pytest.raises(ValueError, match="torch-bf16"):
        StanceClassifier.from_pretrained(tiny_run, backend="tensorrt")


@pytest.mark.parametrize(("native", "expected"), [(True, "torch-bf16"), (False, "torch")])
def test_auto_backend_takes_bf16_only_where_the_cpu_has_it(
        tiny_run: Path, monkeypatch: pytest.MonkeyPatch, native: bool, expected: str) -> None:
    import torch

    from countrystance import backends

    monkeypatch.setattr(backends, "native_bf16", lambda: native)
    assert backends.resolve_backend("auto") == expected
    assert backends.resolve_backend("torch-int8") == "torch-int8"
    clf = StanceClassifier.from_pretrained(tiny_run, backend="auto", num_threads=1)
    assert clf.backend == expected
    dtype = torch.bfloat16 if native else torch.float32
    assert {p.dtype for p in clf.model.model.parameters()} == {dtype}


def test_bf16_backend_runs_in_bfloat16(tiny_run: Path) -> None:
    import torch

    clf = StanceClassifier.from_pretrained(tiny_run, backend="torch-bf16", num_threads=1)
    assert {p.dtype for p in clf.model.model.parameters()} == {torch.bfloat16}


def test_padding_to_a_multiple_keeps_the_logits(tiny_run: Path) -> None:
    clf = StanceClassifier.from_pretrained(tiny_run, num_threads=1)
    shapes: list[tuple[int, int]] = []
    run = clf.model.run
    clf.model.run = lambda batch: (shapes.append(batch["input_ids"].shape), run(batch))[1]
    padded, _ = clf.logits(*zip(*SENTENCES, strict=True))
    padded_shapes, shapes[:] = list(shapes), []
    clf.pad_multiple = 0
    exact, _ = clf.logits(*zip(*SENTENCES, strict=True))
    # rows and tokens both a multiple of 8: few distinct shapes, so memory stays flat
    assert all(r % clf.PAD_MULTIPLE == 0 and w % clf.PAD_MULTIPLE == 0 for r, w in padded_shapes)
    assert shapes != padded_shapes  # the exact batch is smaller: the padding was exercised
    assert len(exact) == len(padded) == len(SENTENCES)
    np.testing.assert_allclose(padded, exact, atol=1e-5)
