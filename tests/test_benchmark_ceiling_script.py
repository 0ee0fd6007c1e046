"""scripts/benchmark_ceiling.py: the FLOP count it divides by, and one run end to end."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from .conftest import load_script


def test_flops_per_token_counts_what_the_encoder_multiplies() -> None:
    import torch
    from torch.utils.flop_counter import FlopCounterMode
    from transformers import BertConfig, BertModel

    config = BertConfig(vocab_size=100, hidden_size=32, num_hidden_layers=3, num_attention_heads=2,
                        intermediate_size=80, attn_implementation="eager")
    encoder = BertModel(config, add_pooling_layer=False).eval()
    length = 11
    with torch.inference_mode(), FlopCounterMode(display=False) as counter:
        encoder(input_ids=torch.randint(5, 100, (1, length)))
    assert counter.get_total_flops() == length * load_script("benchmark_ceiling").flops_per_token(config, length)


def test_ceiling_run_prints_the_bound_and_its_parts(tiny_run: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "speeches.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        for i, text in enumerate(["France thanked Germany for its help. Chile condemned Peru.",
                                  "We welcome the agreement between Ghana and Togo. The weather was fine."]):
            f.write(json.dumps({"id": f"s{i}", "text": text}) + "\n")
    out = tmp_path / "ceiling.json"
    monkeypatch.setattr(sys, "argv", ["benchmark_ceiling.py", "--model", str(tiny_run), "--ungdc", str(corpus),
                                      "--speeches", "2", "--naive-pairs", "4", "--json", str(out)])
    load_script("benchmark_ceiling").main()
    result = json.loads(out.read_text())
    assert result["pairs"] == 6  # France, Germany, Chile, Peru, Ghana, Togo
    assert set(result["matmul_gflops"]) == {"fp32", "bf16", "int8"}
    # the printed numbers are rounded, so their ratio matches the bound to rounding only
    ratio = result["ceiling_pairs_per_s"] / result["naive_pairs_per_s"]
    assert result["ceiling_x_naive"] == pytest.approx(ratio, rel=0.05)
    assert result["ceiling_pairs_per_s"] > 0 and result["model_alone_bf16_pairs_per_s"] > 0
