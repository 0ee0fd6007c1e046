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

    with pytest.raises(ConfigError, match="unfinished run.*train.resume=true.*train.overwrite=true starts"):
        train(_cfg(tiny_base, crashed, *steps))
    with pytest.raises(ConfigError, match="differs.*train.learning_rate"):
        train(_cfg(tiny_base, crashed, *steps, "train.resume=true", "train.learning_rate=1e-3"))
    resumed_steps = {"n": 0}

    def count(self, *args, **kwargs):
        resumed_steps["n"] += 1
        return real_step(self, *args, **kwargs)

    monkeypatch.setattr(transformers.Trainer, "training_step", count)
    # train.overwrite says how to start, not what to train: it is no config difference
    train(_cfg(tiny_base, crashed, *steps, "train.resume=true", "train.overwrite=true"))
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
    """Kept checkpoints of a finished run are not an unfinished run: train.overwrite=true trains
    over it (its checkpoints replaced by the new run's), and a resume is told the run is finished."""
    out = tmp_path / "kept"
    settings = ["train.max_steps=4", "train.save_steps=2", "train.keep_checkpoints=true"]
    train(_cfg(tiny_base, out, *settings))
    assert list((out / "checkpoints").glob("checkpoint-*"))
    train(_cfg(tiny_base, out, *settings, "train.overwrite=true"))
    assert sorted(d.name for d in (out / "checkpoints").iterdir()) == ["checkpoint-4"]
    with pytest.raises(ConfigError, match="holds a finished run.*train.overwrite=true instead of train.resume"):
        train(_cfg(tiny_base, out, *settings, "train.resume=true"))


def test_overwrite_starts_an_unfinished_run_over(tiny_base: Path, tmp_path: Path) -> None:
    """Its checkpoints go before the new run starts: one left behind would be resumed later as
    if the new run had written it."""
    from countrystance.config import save_config

    out = tmp_path / "unfinished"
    old = out / "checkpoints" / "checkpoint-3"
    old.mkdir(parents=True)
    for name in ("trainer_state.json", "optimizer.pt"):
        (old / name).write_text("{}")
    save_config(_cfg(tiny_base, out), out / "checkpoints" / "run_config.yaml")
    settings = ["data.dev=[]", "train.keep_checkpoints=true"]  # writes no checkpoint of its own
    with pytest.raises(ConfigError, match="unfinished run.*checkpoint-3"):
        train(_cfg(tiny_base, out, *settings))
    train(_cfg(tiny_base, out, *settings, "train.overwrite=true"))
    assert (out / "model.safetensors").is_file()
    assert not (out / "checkpoints").exists()


def _weights(run: Path) -> dict:
    from safetensors.torch import load_file

    return load_file(run / "model.safetensors")


def test_a_finished_run_is_trained_over_only_with_overwrite(tiny_base: Path, tiny_run: Path,
                                                            tmp_path: Path) -> None:
    """A rerun into a finished run is refused before any data is read; train.overwrite=true
    replaces the run's files and every cache derived from its weights (the ONNX graph, the
    int8 calibration, teacher logits), and leaves the user's own files, checkpoints/ included."""
    import importlib.util
    import shutil

    import numpy as np
    import torch

    from countrystance.classifier import StanceClassifier

    has_onnx = importlib.util.find_spec("onnxruntime") is not None  # the optional [fast] extra
    run = tmp_path / "run"
    shutil.copytree(tiny_run, run)
    sentences = (["Chile thanked Peru for the rescue teams.", "Russia shelled Ukraine."],
                 [[[14, 18]], [[0, 6]]], ["Peru", "Russia"])
    if has_onnx:
        StanceClassifier.from_pretrained(run, backend="onnx")  # exports run/onnx/model.onnx
    else:
        (run / "onnx").mkdir()
        (run / "onnx" / "model.onnx").write_bytes(b"the old graph")
    StanceClassifier.from_pretrained(run, backend="torch-int8")  # caches run/int8/activation_ranges
    assert (run / "onnx" / "model.onnx").is_file() and list((run / "int8").iterdir())
    (run / "distill_cache").mkdir(exist_ok=True)
    (run / "distill_cache" / "logits-old-torch.npz").write_bytes(b"old")
    (run / "pytorch_model.bin").write_bytes(b"old weights")  # an older format's weights
    (run / "notes.txt").write_text("mine")
    (run / "checkpoints").mkdir()
    (run / "checkpoints" / "notes.txt").write_text("mine too")
    old = _weights(run)

    missing = f"data.train=[{{path: {tmp_path / 'no_such.jsonl'}}}]"  # a DataError if read
    with pytest.raises(ConfigError, match=r"already holds a finished run \(config.json, model.safetensors, "
                                          r"pytorch_model.bin\); set train.overwrite=true"):
        train(_cfg(tiny_base, run, missing))
    with pytest.raises(ConfigError, match="holds a finished run.*not an unfinished one to resume.*"
                                          "train.overwrite=true"):
        train(_cfg(tiny_base, run, missing, "train.resume=true"))
    assert all(torch.equal(old[k], v) for k, v in _weights(run).items())

    train(_cfg(tiny_base, run, "train.overwrite=true", "train.seed=1"))
    new = _weights(run)
    assert any(not torch.equal(old[k], new[k]) for k in new)
    for stale in ("onnx", "int8", "distill_cache", "pytorch_model.bin"):
        assert not (run / stale).exists(), stale
    assert (run / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in (run / "checkpoints").iterdir()) == ["notes.txt"]
    if has_onnx:  # the ONNX backend now runs the new weights, not the old graph
        reference, _ = StanceClassifier.from_pretrained(run, backend="torch").logits(*sentences)
        onnx, _ = StanceClassifier.from_pretrained(run, backend="onnx").logits(*sentences)
        np.testing.assert_allclose(onnx, reference, atol=1e-4)


def test_output_dirs_a_run_cannot_use_are_refused_before_loading(tiny_base: Path, tmp_path: Path) -> None:
    missing = f"data.train=[{{path: {tmp_path / 'no_such.jsonl'}}}]"  # a DataError if read
    with pytest.raises(ConfigError, match="train.output_dir is empty"):
        train(load_config([ROOT / "configs/train.yaml"], [missing, "train.output_dir="]))
    a_file = tmp_path / "model.txt"
    a_file.write_text("not a folder")
    for out in (a_file, a_file / "run"):
        with pytest.raises(ConfigError, match=f"{a_file} is a file, not a folder"):
            train(_cfg(tiny_base, out, missing))
    # a mistyped output_dir (here the folder that holds runs, with its README.md)
    models = tmp_path / "models"
    models.mkdir()
    (models / "README.md").write_text("what the runs are")
    with pytest.raises(ConfigError, match=r"holds files a run writes \(README.md\); set train.overwrite=true"):
        train(_cfg(tiny_base, models, missing))
    assert (models / "README.md").read_text() == "what the runs are"


@pytest.mark.parametrize(("override", "key"), [
    ("train.per_device_train_batch_size=0", "train.per_device_train_batch_size must be >= 1, got 0"),
    ("train.per_device_eval_batch_size=-1", "train.per_device_eval_batch_size must be >= 1"),
    ("train.logging_steps=0", "train.logging_steps must be >= 1, got 0"),
    ("train.label_smoothing=1.5", r"train.label_smoothing must be in \[0, 1\), got 1.5"),
    ("train.class_weights=balancd", "train.class_weights must be 'none' or 'balanced', got 'balancd'"),
    ("train.learning_rate=0", "train.learning_rate must be > 0"),
    ("train.distill_temperature=0", "train.distill_temperature must be > 0"),
    ("train.distill_alpha=2", r"train.distill_alpha must be in \[0, 1\]"),
    ("train.eval_steps=-5", "train.eval_steps must be >= 0"),
    ("train.early_stopping_patience=-1", "train.early_stopping_patience must be >= 0"),
    ("train.teacher_logits_missing=skip", "'error' or 'labels'"),
    ("train.save_steps=-1", "train.save_steps must be >= 0"),
])
def test_bad_train_values_are_config_errors_before_loading(tiny_base: Path, tmp_path: Path,
                                                           override: str, key: str) -> None:
    missing = f"data.train=[{{path: {tmp_path / 'no_such.jsonl'}}}]"  # a DataError if read first
    with pytest.raises(ConfigError, match=key):
        train(_cfg(tiny_base, tmp_path / "x", missing, override))


def test_no_training_steps_at_all_is_refused(tiny_base: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from countrystance.cli import main
    from countrystance.train import check_train_config

    check_train_config(_cfg(tiny_base, tmp_path / "x", "train.num_train_epochs=0", "train.max_steps=3"))
    out = tmp_path / "x"
    args = ["train", "--config", str(ROOT / "configs/train.yaml"), str(ROOT / "configs/debug.yaml"),
            *debug_overrides(tiny_base, out), "train.num_train_epochs=0", "train.max_steps=-1", "-q"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "error: train.num_train_epochs must be > 0, got 0.0" in err and "no training step" in err
    assert not out.exists()


def test_empty_train_or_dev_files_are_data_errors_naming_them(tiny_base: Path, tmp_path: Path) -> None:
    from countrystance.data import DataError

    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    with pytest.raises(DataError, match=f"the dev files hold no examples: {empty}.*data.dev=\\[\\]"):
        train(_cfg(tiny_base, tmp_path / "x", f"data.dev=[{{path: {empty}}}]"))
    with pytest.raises(DataError, match=f"the training files hold no examples: {empty}"):
        train(_cfg(tiny_base, tmp_path / "x", f"data.train=[{{path: {empty}}}]"))
    assert not (tmp_path / "x").exists()


class _Encoded(Exception):
    """Stops train() once both example sets are encoded."""


def _spans_train_encodes(cfg, monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], list]:
    from countrystance import train as train_module

    seen: dict[tuple[str, str], list] = {}
    real_encode = train_module.encode

    def spying(tokenizer, sentences, spans, targets, settings):
        seen.update({(s, t): sp for s, sp, t in zip(sentences, spans, targets, strict=True)})
        return real_encode(tokenizer, sentences, spans, targets, settings)

    def stop():
        raise _Encoded

    monkeypatch.setattr(train_module, "encode", spying)
    monkeypatch.setattr(train_module, "_make_trainer_class", stop)
    with pytest.raises(_Encoded):
        train(cfg)
    return seen


def test_lines_without_a_mention_get_the_mention_finders_spans(tiny_base: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The contract lets a line leave out mention/start/end: train marks the finder's spans,
    from the targets config, as evaluate and predict do, for training and dev examples."""
    from countrystance.targets import MentionFinder

    lines = [("Chile thanked Peru for the rescue teams.", "Peru", "supportive"),
             ("Chile thanked Peru for the rescue teams.", "Chile", "neutral"),
             ("Officials in Lima and Peru's army condemned the raid.", "Peru", "hostile")]
    bare = tmp_path / "bare.jsonl"
    bare.write_text("".join(json.dumps({"sentence": s, "target": t, "label": label}) + "\n"
                            for s, t, label in lines))
    sources = [f"data.train=[{{path: {FIXTURES / 'stance_train.jsonl'}}}, {{path: {bare}}}]",
               f"data.dev=[{{path: {bare}}}]"]
    seen = _spans_train_encodes(_cfg(tiny_base, tmp_path / "x", *sources), monkeypatch)
    finder = MentionFinder()
    for sentence, target, _ in lines:
        expected = [[m.start, m.end] for m in finder.find(sentence) if m.target == target]
        assert expected and seen[(sentence, target)] == expected
    assert seen[(lines[0][0], "Peru")] == [[14, 18]]

    only = _spans_train_encodes(_cfg(tiny_base, tmp_path / "x", *sources, "targets.only=[Peru]"), monkeypatch)
    assert only[(lines[1][0], "Chile")] == [] and only[(lines[0][0], "Peru")] == [[14, 18]]
    with pytest.raises(ConfigError, match="targets.year_only_month"):
        train(_cfg(tiny_base, tmp_path / "x", *sources, "targets.year_only_month=13"))
