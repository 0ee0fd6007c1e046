"""Inference backends for a trained run: each turns a padded numpy batch into logits.

- ``torch``: the run's weights in fp32;
- ``torch-bf16``: the weights in bfloat16 (about 2x fp32 on CPUs with AVX512-BF16 or AMX,
  labels agree with fp32 on 99.8% of real pairs; slow on CPUs without them);
- ``torch-int8``: int8 weights times per-token int8 activations, smoothed (``int8.py``;
  labels agree with fp32 on 99.2-99.7% of real pairs, 1.2-1.4x fp32);
- ``onnx`` / ``onnx-int8``: ONNX Runtime on a graph exported once into
  ``<run>/onnx/`` (int8 through ONNX Runtime's dynamic quantiser).

``auto`` (the default) is ``torch-bf16`` on a CPU that multiplies bfloat16 natively and
``torch`` elsewhere; ``resolve_backend`` decides once per run, and the run records the result.

Use ``scripts/benchmark_speed.py --check-agreement`` before trusting a faster
backend: it measures label agreement with fp32 on a sample.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np

from .modeling import RunInfo, load_run, load_tokenizer, read_run_info


class TorchRunner:
    def __init__(self, model: Any) -> None:
        import inspect

        self.model = model
        # signature() follows functools.wraps through transformers' forward decorators.
        self.input_names = set(inspect.signature(model.forward).parameters)

    def run(self, batch: dict[str, np.ndarray]) -> np.ndarray:
        import torch

        with torch.inference_mode():
            inputs = {k: torch.from_numpy(np.asarray(v, dtype=np.int64)) for k, v in batch.items()
                      if k in self.input_names}
            return self.model(**inputs).logits.float().numpy()


class OnnxRunner:
    def __init__(self, path: Path, num_threads: int = 0) -> None:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        if num_threads > 0:
            opts.intra_op_num_threads = num_threads
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        self.input_names = [i.name for i in self.session.get_inputs()]

    def run(self, batch: dict[str, np.ndarray]) -> np.ndarray:
        feed = {k: np.asarray(batch[k], dtype=np.int64) for k in self.input_names}
        return self.session.run(None, feed)[0]


def onnx_path(run_dir: Path, int8: bool) -> Path:
    """Export (once) and return the ONNX graph of a run; int8 is quantised from fp32."""
    out = run_dir / "onnx"
    fp32 = out / "model.onnx"
    if not fp32.is_file():
        _export_onnx(run_dir, fp32)
    if not int8:
        return fp32
    q = out / "model.int8.onnx"
    if not q.is_file():
        from onnxruntime.quantization import QuantType, quantize_dynamic

        tmp = q.with_suffix(f".{os.getpid()}.tmp.onnx")  # workers may export at once
        quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8)
        os.replace(tmp, q)
    return q


def _export_onnx(run_dir: Path, path: Path) -> None:
    import torch

    model, tokenizer, _ = load_run(run_dir)
    model.config.return_dict = False
    sample = tokenizer(["a short example"], ["target"], return_tensors="pt")
    names = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in sample]
    dynamic = {k: {0: "batch", 1: "sequence"} for k in names}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp.onnx")  # workers may export at once
    with warnings.catch_warnings(), contextlib.redirect_stdout(None):
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model, tuple(sample[k] for k in names), str(tmp), input_names=names,
            output_names=["logits"], dynamic_axes={**dynamic, "logits": {0: "batch"}},
            opset_version=17, dynamo=False,
        )
    os.replace(tmp, path)


def native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX): only there is
    ``torch-bf16`` faster than fp32 (elsewhere torch emulates it, slower than fp32)."""
    import torch

    try:
        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except AttributeError:  # a torch without the probes, or not an x86 CPU
        return False


def resolve_backend(backend: str) -> str:
    """``auto`` -> ``torch-bf16`` where the CPU has native bfloat16, else ``torch``; any other
    name as given."""
    if backend != "auto":
        return backend
    return "torch-bf16" if native_bf16() else "torch"


def load_backend(run_dir: str | Path, backend: str, *, num_threads: int = 0) -> tuple[Any, Any, RunInfo]:
    """(runner with ``.run(batch) -> logits``, tokenizer, run info). ``backend`` is a resolved
    name (``resolve_backend``), not ``auto``."""
    if backend in ("torch", "torch-int8", "torch-bf16"):
        model, tokenizer, info = load_run(run_dir)
        if backend == "torch-int8":
            from .int8 import quantize_model

            model = quantize_model(model, tokenizer, info.encoding, info.path)
        elif backend == "torch-bf16":
            import torch

            model = model.to(torch.bfloat16)
        return TorchRunner(model), tokenizer, info
    if backend in ("onnx", "onnx-int8"):
        try:
            import onnxruntime  # noqa: F401
        except ImportError:
            raise ImportError(
                f"backend '{backend}' needs onnxruntime: pip install 'countrystance[fast]'"
            ) from None
        info = read_run_info(run_dir)
        path = onnx_path(info.path, int8=backend == "onnx-int8")
        return OnnxRunner(path, num_threads), load_tokenizer(str(info.path)), info
    raise ValueError(f"unknown backend {backend!r}")
