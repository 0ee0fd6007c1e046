"""Training options: distillation from a teacher (with unlabelled input), class weights, init_from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from countrystance.config import ConfigError, load_config
from countrystance.data import read_contract
from countrystance.labels import STANCE_LABELS, LabelSet
from countrystance.train import _class_weights, train

from .conftest import FIXTURES, ROOT, debug_overrides


def _cfg(tiny_base: Path, out: Path, *extra: str):
    return load_config([ROOT / "configs/train.yaml", ROOT / "configs/debug.yaml"],
                       [*debug_overrides(tiny_base, out), *extra])


def test_student_learns_from_teacher_on_unlabelled_examples(tiny_base: Path, tiny_run: Path,
                                                            tmp_path: Path) -> None:
    unlabelled = tmp_path / "unlabelled.jsonl"
    unlabelled.write_text("".join(json.dumps({"sentence": s, "target": t}) + "\n" for s, t in [
        ("Chile thanked Peru for the rescue teams.", "Peru"),
        ("Officials in Oslo condemned the raid.", "Norway"),
    ]))
    out = tmp_path / "student"
    cfg = _cfg(tiny_base, out, f"train.teacher_dir={tiny_run}",
               f"data.train=[{{path: {FIXTURES / 'stance_train.jsonl'}}}, "
               f"{{path: {unlabelled}, unlabelled: true}}]")
    train(cfg)
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["n_train"] == 26 and metrics["train_steps"] == 4


def test_unlabelled_data_needs_a_teacher(tiny_base: Path, tmp_path: Path) -> None:
    cfg = _cfg(tiny_base, tmp_path / "x",
               f"data.train=[{{path: {FIXTURES / 'stance_train.jsonl'}, unlabelled: true}}]")
    with pytest.raises(ConfigError, match="teacher_dir"):
        train(cfg)


def test_teacher_with_other_labels_is_refused(tiny_base: Path, tiny_run: Path, tmp_path: Path) -> None:
    cfg = _cfg(tiny_base, tmp_path / "x", f"train.teacher_dir={tiny_run}",
               "data.labels=[negative, neutral, positive]",
               f"data.train=[{{path: {FIXTURES / 'newsmtsc_sample.jsonl'}, format: newsmtsc}}]",
               "data.newsmtsc_label_map={negative: negative, neutral: neutral, positive: positive}",
               "data.dev=[]")
    with pytest.raises(ConfigError, match="labels"):
        train(cfg)


def test_balanced_class_weights_are_inverse_frequency() -> None:
    labels = LabelSet.of(STANCE_LABELS)
    examples = read_contract(FIXTURES / "stance_train.jsonl", labels)[:6]  # 2 of each label
    examples = examples + examples[:1]  # one extra hostile
    w = _class_weights(examples, labels, "balanced")
    counts = [sum(e.label_name == n for e in examples) for n in labels.names]
    assert w == pytest.approx([len(examples) / (3 * c) for c in counts])
    assert _class_weights(examples, labels, "none") is None
    with pytest.raises(ConfigError):
        _class_weights(examples, labels, "sqrt")


def test_sentiment_labels_are_a_config_value(tiny_base: Path, tmp_path: Path) -> None:
    out = tmp_path / "sentiment"
    cfg = _cfg(tiny_base, out, "data.labels=[negative, neutral, positive]",
               "data.newsmtsc_label_map={negative: negative, neutral: neutral, positive: positive}",
               f"data.train=[{{path: {FIXTURES / 'newsmtsc_sample.jsonl'}, format: newsmtsc}}]",
               f"data.dev=[{{path: {FIXTURES / 'newsmtsc_sample.jsonl'}, format: newsmtsc}}]")
    train(cfg)
    config = json.loads((out / "config.json").read_text())
    assert config["id2label"] == {"0": "negative", "1": "neutral", "2": "positive"}


def test_teacher_logits_are_cached_per_example_and_per_teacher(tiny_run: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that adds examples pays the teacher only for the new ones; a teacher retrained
    into the same folder does not reuse the logits of the one before."""
    import shutil

    from countrystance.classifier import StanceClassifier
    from countrystance.train import _teacher_logits

    teacher = tmp_path / "teacher"
    shutil.copytree(tiny_run, teacher)
    shutil.rmtree(teacher / "distill_cache", ignore_errors=True)  # other tests distil from tiny_run too
    labels = LabelSet.of(list(STANCE_LABELS))
    examples = read_contract(FIXTURES / "stance_train.jsonl", labels)
    seen: list[int] = []
    real_logits = StanceClassifier.logits

    def counting(self, sentences, *args, **kwargs):
        seen.append(len(sentences))
        return real_logits(self, sentences, *args, **kwargs)

    monkeypatch.setattr(StanceClassifier, "logits", counting)
    first = _teacher_logits(str(teacher), examples[:10], labels, 8)
    again = _teacher_logits(str(teacher), examples[:10], labels, 8)
    more = _teacher_logits(str(teacher), examples, labels, 8)
    assert seen == [10, len(examples) - 10]
    assert first.shape == (10, 3) and (again == first).all() and (more[:10] == first).all()

    weights = teacher / "model.safetensors"
    weights.write_bytes(weights.read_bytes())  # "retrained": same folder, new file
    _teacher_logits(str(teacher), examples[:10], labels, 8)
    assert seen[-1] == 10


def test_unknown_teacher_backend_is_a_config_error(tiny_base: Path, tiny_run: Path, tmp_path: Path) -> None:
    cfg = _cfg(tiny_base, tmp_path / "x", f"train.teacher_dir={tiny_run}", "train.teacher_backend=torch-fp8")
    with pytest.raises(ConfigError, match="train.teacher_backend"):
        train(cfg)


def test_student_distils_from_a_teacher_logits_file_without_the_teacher(tiny_base: Path, tiny_run: Path,
                                                                       tmp_path: Path) -> None:
    """The file holds the teacher's logits per example (no text), so a student recipe can ship
    its soft targets; a training set the file does not cover is refused, not half-distilled."""
    import numpy as np

    from countrystance.data import DataError
    from countrystance.train import export_teacher_logits, read_teacher_logits

    unlabelled = tmp_path / "unlabelled.jsonl"
    unlabelled.write_text("".join(json.dumps({"sentence": s, "target": t}) + "\n" for s, t in [
        ("Chile thanked Peru for the rescue teams.", "Peru"),
        ("Officials in Oslo condemned the raid.", "Norway"),
    ]))
    sources = (f"data.train=[{{path: {FIXTURES / 'stance_train.jsonl'}}}, "
               f"{{path: {unlabelled}, unlabelled: true}}]")
    shipped = tmp_path / "teacher.logits.npz"
    n = export_teacher_logits(_cfg(tiny_base, tmp_path / "unused", f"train.teacher_dir={tiny_run}", sources), shipped)
    labels = LabelSet.of(list(STANCE_LABELS))
    table = read_teacher_logits(shipped, labels)
    assert n == len(table) == 26 and all(v.shape == (3,) and np.isfinite(v).all() for v in table.values())
    assert b"Peru" not in shipped.read_bytes()  # keys and numbers only

    out = tmp_path / "student"
    train(_cfg(tiny_base, out, f"train.teacher_logits={shipped}", sources))
    assert json.loads((out / "metrics.json").read_text())["n_train"] == 26

    more = tmp_path / "more.jsonl"
    more.write_text(json.dumps({"sentence": "Ghana praised Togo for the deal.", "target": "Togo"}) + "\n")
    grown = (f"data.train=[{{path: {FIXTURES / 'stance_train.jsonl'}}}, "
             f"{{path: {unlabelled}, unlabelled: true}}, {{path: {more}, unlabelled: true}}]")
    with pytest.raises(ConfigError, match="no logits for 1 of 27"):
        train(_cfg(tiny_base, tmp_path / "x", f"train.teacher_logits={shipped}", grown))
    with pytest.raises(DataError, match="does not exist"):
        train(_cfg(tiny_base, tmp_path / "y", f"train.teacher_logits={tmp_path / 'nope.npz'}", sources))


def test_labelled_examples_the_logits_file_lacks_can_train_on_their_labels(
        tiny_base: Path, tiny_run: Path, tmp_path: Path) -> None:
    """Labels added after a logits file was written: refused by default; with
    train.teacher_logits_missing=labels they train on their labels, but an unlabelled example
    without logits is still refused (it would have nothing to learn from)."""
    from countrystance.train import export_teacher_logits

    base = f"{{path: {FIXTURES / 'stance_train.jsonl'}}}"
    shipped = tmp_path / "teacher.logits.npz"
    export_teacher_logits(_cfg(tiny_base, tmp_path / "unused", f"train.teacher_dir={tiny_run}",
                               f"data.train=[{base}]"), shipped)
    added = tmp_path / "added.jsonl"
    added.write_text(json.dumps({"sentence": "Ghana praised Togo for the deal.", "target": "Togo",
                                 "label": "supportive"}) + "\n")
    grown = f"data.train=[{base}, {{path: {added}}}]"
    with pytest.raises(ConfigError, match="teacher_logits_missing=labels"):
        train(_cfg(tiny_base, tmp_path / "x", f"train.teacher_logits={shipped}", grown))
    out = tmp_path / "student"
    train(_cfg(tiny_base, out, f"train.teacher_logits={shipped}", "train.teacher_logits_missing=labels", grown))
    assert json.loads((out / "metrics.json").read_text())["n_train"] == 25

    unlabelled = tmp_path / "unlabelled.jsonl"
    unlabelled.write_text(json.dumps({"sentence": "Chile thanked Peru.", "target": "Peru"}) + "\n")
    with pytest.raises(ConfigError, match="unlabelled"):
        train(_cfg(tiny_base, tmp_path / "y", f"train.teacher_logits={shipped}",
                   "train.teacher_logits_missing=labels", f"data.train=[{base}, {{path: {unlabelled}, unlabelled: true}}]"))
    with pytest.raises(ConfigError, match="'error' or 'labels'"):
        train(_cfg(tiny_base, tmp_path / "z", f"train.teacher_logits={shipped}",
                   "train.teacher_logits_missing=skip", grown))


def test_distillation_loss_leaves_out_rows_without_teacher_logits() -> None:
    """A NaN teacher row (an example the logits file lacks) adds no distillation term; the
    others get alpha * cross-entropy + (1 - alpha) * T^2 * KL as before."""
    from types import SimpleNamespace

    import torch
    import torch.nn.functional as F

    from countrystance.train import _make_trainer_class

    torch.manual_seed(0)
    logits = torch.randn(4, 3)
    labels = torch.tensor([0, 2, -100, 1])
    teacher = torch.randn(4, 3)
    teacher[1] = float("nan")
    fake = SimpleNamespace(class_weights=None, label_smoothing=0.0, distill_alpha=0.25, distill_temperature=2.0)
    loss = _make_trainer_class().compute_loss(
        fake, lambda **_: SimpleNamespace(logits=logits),
        {"labels": labels, "teacher_logits": teacher, "input_ids": None})
    keep = torch.tensor([0, 2, 3])
    kl = F.kl_div(F.log_softmax(logits[keep] / 2, -1), F.softmax(teacher[keep] / 2, -1), reduction="batchmean") * 4
    ce = F.cross_entropy(logits[[0, 1, 3]], labels[[0, 1, 3]])
    assert torch.isclose(loss, 0.25 * ce + 0.75 * kl)
    assert torch.isfinite(loss)


def test_sample_seed_keeps_capped_samples_fixed_while_the_training_seed_varies(
        tiny_base: Path, tiny_run: Path, tmp_path: Path) -> None:
    """A logits file covers the sample its recipe's seed drew from a capped source: another
    train.seed draws other examples and is refused, unless data.sample_seed pins the sample."""
    from countrystance.config import sample_seed
    from countrystance.train import export_teacher_logits

    capped = f"data.train=[{{path: {FIXTURES / 'stance_train.jsonl'}, limit: 12}}]"
    shipped = tmp_path / "teacher.logits.npz"
    export_teacher_logits(_cfg(tiny_base, tmp_path / "unused", f"train.teacher_dir={tiny_run}",
                               "train.seed=42", capped), shipped)
    with pytest.raises(ConfigError, match="no logits for"):
        train(_cfg(tiny_base, tmp_path / "x", f"train.teacher_logits={shipped}", "train.seed=7", capped))

    pinned = _cfg(tiny_base, tmp_path / "seed7", f"train.teacher_logits={shipped}", "train.seed=7",
                  "data.sample_seed=42", capped)
    assert sample_seed(pinned) == 42
    train(pinned)
    card = (tmp_path / "seed7" / "README.md").read_text()
    assert "seed 7 (samples of capped sources: seed 42)" in card
    assert json.loads((tmp_path / "seed7" / "metrics.json").read_text())["n_train"] == 12


def test_bf16_training_runs_the_model_in_bfloat16_and_saves_fp32_weights(
        tiny_base: Path, tiny_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import torch
    from safetensors import safe_open

    from countrystance import modeling

    dtypes: set[torch.dtype] = set()
    real_build = modeling.build_model

    def spying_build(*args, **kwargs):
        model, tokenizer = real_build(*args, **kwargs)
        # an inner layer: accelerate hands the model's own outputs back in fp32
        linear = next(m for m in model.modules() if isinstance(m, torch.nn.Linear))
        linear.register_forward_hook(lambda _m, _i, out: dtypes.add(out.dtype))
        return model, tokenizer

    monkeypatch.setattr(modeling, "build_model", spying_build)
    out = tmp_path / "bf16"
    train(_cfg(tiny_base, out, "train.bf16=true", f"train.teacher_dir={tiny_run}"))
    assert torch.bfloat16 in dtypes
    with safe_open(str(out / "model.safetensors"), "pt") as f:
        assert {f.get_slice(k).get_dtype() for k in f.keys()} == {"F32"}  # noqa: SIM118 (safe_open is no mapping)
    assert json.loads((out / "metrics.json").read_text())["n_train"] > 0


def test_num_layers_keeps_the_base_encoders_first_layers(tiny_base: Path, tmp_path: Path) -> None:
    import torch
    from transformers import AutoModel

    from countrystance.classifier import StanceClassifier
    from countrystance.modeling import ModelError, build_model

    labels = LabelSet.of(STANCE_LABELS)
    model, _ = build_model(str(tiny_base), labels, num_layers=1)
    base = AutoModel.from_pretrained(tiny_base)
    assert model.config.num_hidden_layers == 1 and len(model.base_model.encoder.layer) == 1
    kept = model.base_model.encoder.layer[0].state_dict()
    for name, tensor in base.encoder.layer[0].state_dict().items():
        assert torch.equal(kept[name], tensor), name  # the first layer's pretrained weights
    with pytest.raises(ModelError, match="between 1 and 2"):
        build_model(str(tiny_base), labels, num_layers=3)

    out = tmp_path / "one_layer"
    train(_cfg(tiny_base, out, "model.num_layers=1"))
    assert json.loads((out / "config.json").read_text())["num_hidden_layers"] == 1
    assert "(its first 1 layer)" in (out / "README.md").read_text()
    clf = StanceClassifier.from_pretrained(out)
    assert clf.predict("Chile thanked Peru for the rescue teams.", "Peru").label in STANCE_LABELS


def test_frozen_embeddings_and_lower_layers_keep_their_pretrained_weights(tiny_base: Path,
                                                                          tmp_path: Path) -> None:
    import torch
    from safetensors.torch import load_file
    from transformers import AutoModel

    out = tmp_path / "frozen"
    train(_cfg(tiny_base, out, "train.freeze_embeddings=true", "train.freeze_layers=1"))
    pretrained = AutoModel.from_pretrained(tiny_base)
    base = {f"{pretrained.base_model_prefix}.{k}": v for k, v in pretrained.state_dict().items()}
    trained = load_file(out / "model.safetensors")
    frozen = [k for k in trained if ".embeddings." in k or ".encoder.layer.0." in k]
    moved = [k for k in trained if ".encoder.layer.1." in k and k.endswith("weight")]
    assert frozen and moved
    for k in frozen:
        assert torch.equal(trained[k], base[k]), k
    assert any(not torch.equal(trained[k], base[k]) for k in moved)  # the top layer trained
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["trainable_parameters"] == sum(v.numel() for k, v in trained.items() if k not in frozen)
    assert "the embeddings and the first 1 layer frozen in training" in (out / "README.md").read_text()

    for bad, message in (("train.freeze_layers=2", "between 0 and 1"), ("train.freeze_layers=-1", ">= 0")):
        with pytest.raises(ConfigError, match=message):
            train(_cfg(tiny_base, tmp_path / "bad", bad))


def test_a_run_killed_midway_resumes_from_its_last_checkpoint(tiny_base: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """train.save_steps writes full checkpoints; after a crash, train.resume=true finishes the
    run with the weights an uninterrupted run gets. A plain rerun is refused rather than
    started over, and a resume with another config is refused."""
    import torch
    import transformers
    from safetensors.torch import load_file

    steps = ["train.max_steps=6", "train.save_steps=2", "train.eval_steps=3", "train.per_device_train_batch_size=4"]
    whole = tmp_path / "whole"
    train(_cfg(tiny_base, whole, *steps))

    crashed = tmp_path / "crashed"
    real_step = transformers.Trainer.training_step
    calls = {"n": 0}

    def crash_at_step_5(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt("killed")
        return real_step(self, *args, **kwargs)

    monkeypatch.setattr(transformers.Trainer, "training_step", crash_at_step_5)
    with pytest.raises(KeyboardInterrupt):
        train(_cfg(tiny_base, crashed, *steps))
    monkeypatch.undo()
    assert not (crashed / "model.safetensors").exists()

    with pytest.raises(ConfigError, match="unfinished run.*train.resume=true"):
        train(_cfg(tiny_base, crashed, *steps))
    with pytest.raises(ConfigError, match="differs.*train.learning_rate"):
        train(_cfg(tiny_base, crashed, *steps, "train.resume=true", "train.learning_rate=1e-3"))
    resumed_steps = {"n": 0}

    def count(self, *args, **kwargs):
        resumed_steps["n"] += 1
        return real_step(self, *args, **kwargs)

    monkeypatch.setattr(transformers.Trainer, "training_step", count)
    train(_cfg(tiny_base, crashed, *steps, "train.resume=true"))
    assert resumed_steps["n"] == 2  # steps 5 and 6 only

    metrics = json.loads((crashed / "metrics.json").read_text())
    assert metrics["resumed_from"] == "checkpoint-4" and metrics["train_steps"] == 6
    a, b = load_file(whole / "model.safetensors"), load_file(crashed / "model.safetensors")
    assert a.keys() == b.keys()
    assert all(torch.allclose(a[k], b[k], atol=1e-6) for k in a)
    assert not (crashed / "checkpoints").exists()


def test_resume_without_a_checkpoint_is_a_config_error(tiny_base: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no resumable checkpoint"):
        train(_cfg(tiny_base, tmp_path / "x", "train.resume=true"))


def test_checkpoints_kept_by_a_finished_run_do_not_block_a_rerun(tiny_base: Path, tmp_path: Path) -> None:
    out = tmp_path / "kept"
    settings = ["train.max_steps=4", "train.save_steps=2", "train.keep_checkpoints=true"]
    train(_cfg(tiny_base, out, *settings))
    assert list((out / "checkpoints").glob("checkpoint-*"))
    train(_cfg(tiny_base, out, *settings))  # a finished run, not an unfinished one to resume
    with pytest.raises(ConfigError, match="no resumable checkpoint"):
        train(_cfg(tiny_base, out, *settings, "train.resume=true"))
