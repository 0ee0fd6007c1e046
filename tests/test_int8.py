"""int8 inference: per-token activation scales, smoothing, cached activation ranges."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file, save_file

from countrystance.classifier import StanceClassifier
from countrystance.int8 import Int8Linear


def _linear_with_outlier_channel() -> tuple[torch.nn.Linear, torch.Tensor]:
    torch.manual_seed(0)
    linear = torch.nn.Linear(64, 32)
    x = torch.randn(48, 64)
    x[:, 5] *= 60.0  # one outlier input channel, as BERT-style encoders have
    return linear, x


def test_int8_linear_is_close_to_the_float_layer() -> None:
    linear, x = _linear_with_outlier_channel()
    exact = linear(x).detach()
    smoothed = Int8Linear(linear, x.abs().amax(dim=0))(x)
    plain = Int8Linear(linear)(x)
    scale = exact.abs().mean()
    assert (smoothed - exact).abs().mean() / scale < 0.02
    # smoothing moves the outlier's range into the weights: a smaller error than without it
    assert (smoothed - exact).abs().mean() < (plain - exact).abs().mean()


def test_a_row_does_not_depend_on_the_rest_of_the_batch() -> None:
    linear, x = _linear_with_outlier_channel()
    layer = Int8Linear(linear, x.abs().amax(dim=0))
    alone = layer(x[:1])
    loud = torch.cat([x[:1], x[1:] * 1000.0])  # other rows 1000 times larger
    assert torch.equal(layer(loud)[:1], alone)


def test_int8_linear_leaves_its_input_unchanged() -> None:
    # forward works in place on its own copies; the input is the residual stream's tensor
    linear, x = _linear_with_outlier_channel()
    layer = Int8Linear(linear, x.abs().amax(dim=0))
    before = x.clone()
    for inputs in (x, x.unsqueeze(0)):  # a (tokens, channels) matrix and a 3-d batch
        layer(inputs)
        assert torch.equal(x, before)


def test_int8_backend_caches_activation_ranges_in_the_run(tiny_run: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    shutil.copytree(tiny_run, run)
    clf = StanceClassifier.from_pretrained(run, backend="torch-int8", num_threads=1)
    cached = run / "int8" / "activation_ranges.safetensors"
    assert cached.is_file()
    quantized = [n for n, m in clf.model.model.named_modules() if isinstance(m, Int8Linear)]
    assert quantized and set(load_file(str(cached))) == set(quantized)
    # the feed-forward output projections and the classifier head stay in float
    assert not any(n.endswith("output.dense") and ".attention." not in n for n in quantized)
    assert not any("classifier" in n for n in quantized)
    # a second load reads the cache instead of measuring again
    ranges = load_file(str(cached))
    first = next(iter(ranges))
    ranges[first] = ranges[first] * 2
    save_file(ranges, str(cached))
    again = StanceClassifier.from_pretrained(run, backend="torch-int8", num_threads=1)
    layer = again.model.model.get_submodule(first)
    before = clf.model.model.get_submodule(first)
    assert not torch.equal(layer.inv_smooth, before.inv_smooth)



def test_int8_product_falls_back_to_float_where_int_mm_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    from countrystance import int8

    linear, x = _linear_with_outlier_channel()
    layer = Int8Linear(linear, x.abs().amax(dim=0))
    expected = layer(x)

    def missing(*_args: object) -> torch.Tensor:
        raise RuntimeError("_int_mm: not implemented for this CPU")

    monkeypatch.setattr(int8.torch, "_int_mm", missing)
    torch.testing.assert_close(layer(x), expected, rtol=1e-5, atol=1e-4)
