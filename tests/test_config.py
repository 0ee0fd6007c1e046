"""The config system: merge order, validation errors that name keys, every shipped YAML loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from countrystance.config import ConfigError, load_config, require, save_config

from .conftest import ROOT

SHIPPED = sorted((ROOT / "configs").rglob("*.yaml"))


def test_there_are_shipped_configs() -> None:
    names = {p.name for p in SHIPPED}
    assert {"base.yaml", "train.yaml", "evaluate.yaml", "predict.yaml", "debug.yaml"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_yaml_loads(path: Path) -> None:
    cfg = load_config([ROOT / "configs" / "base.yaml", path])
    assert cfg.data.labels  # a non-empty label set survives every merge


def test_base_yaml_restates_the_schema_defaults() -> None:
    # No command loads base.yaml: every command starts from config.py's defaults. The file is
    # their readable copy, so it must not drift from them.
    from omegaconf import OmegaConf

    base = OmegaConf.to_container(OmegaConf.load(ROOT / "configs" / "base.yaml"))
    defaults = OmegaConf.to_container(load_config())
    for section, values in base.items():
        for key, value in values.items():
            assert defaults[section][key] == value, f"base.yaml {section}.{key}"


def test_merge_order_defaults_then_files_then_overrides(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text("train: {learning_rate: 1.0e-4, seed: 7}\n")
    b.write_text("train: {learning_rate: 2.0e-4}\n")
    cfg = load_config([a, b], ["train.seed=9"])
    assert cfg.train.learning_rate == pytest.approx(2e-4)  # b wins over a
    assert cfg.train.seed == 9  # the override wins over a
    assert cfg.train.per_device_train_batch_size == 16  # untouched default
    cfg = load_config([b, a])
    assert cfg.train.learning_rate == pytest.approx(1e-4)


def test_unknown_key_names_the_closest_valid_key() -> None:
    with pytest.raises(ConfigError) as err:
        load_config([], ["train.learnig_rate=1e-5"])
    msg = str(err.value)
    assert "train.learnig_rate" in msg
    assert "train.learning_rate" in msg


def test_unknown_key_in_a_file_names_file_and_path(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("data:\n  train:\n    - {path: x.jsonl, formt: contract}\n")
    with pytest.raises(ConfigError) as err:
        load_config([f])
    msg = str(err.value)
    assert "data.train[0].formt" in msg and "data.train[0].format" in msg and str(f) in msg


def test_unknown_section_is_rejected() -> None:
    with pytest.raises(ConfigError, match="'trian'.*'train'"):
        load_config([], ["trian.seed=1"])


def test_wrong_type_names_the_key() -> None:
    with pytest.raises(ConfigError, match="train.learning_rate"):
        load_config([], ["train.learning_rate=fast"])
    with pytest.raises(ConfigError, match="predict.batch_size"):
        load_config([], ["predict.batch_size=1.5"])


def test_override_values_are_typed() -> None:
    cfg = load_config([], ["train.learning_rate=3e-5", "predict.overwrite=true",
                           "data.labels=[neg, neu, pos]", "targets.korea_default=null"])
    assert cfg.train.learning_rate == pytest.approx(3e-5)
    assert cfg.predict.overwrite is True
    assert list(cfg.data.labels) == ["neg", "neu", "pos"]
    assert cfg.targets.korea_default is None


def test_malformed_override_and_missing_file() -> None:
    with pytest.raises(ConfigError, match="key=value"):
        load_config([], ["train.seed"])
    with pytest.raises(ConfigError, match="not found"):
        load_config(["/nonexistent/config.yaml"])


def test_missing_required_value_is_named() -> None:
    cfg = load_config([ROOT / "configs" / "predict.yaml"])
    with pytest.raises(ConfigError, match="predict.model_dir"):
        require(cfg, "predict.model_dir", "predict.input")
    cfg = load_config([], ["predict.model_dir=m", "predict.input=i"])
    require(cfg, "predict.model_dir", "predict.input")  # set: no error


def test_saved_config_loads_back_identically(tmp_path: Path) -> None:
    cfg = load_config([ROOT / "configs" / "train.yaml"], ["train.seed=3"])
    path = save_config(cfg, tmp_path / "config.yaml")
    again = load_config([path])
    assert again == cfg


@pytest.mark.parametrize(("override", "message"), [
    ("data.train={path: a.jsonl}", r"'data.train' \(in override .*\) must be a list, e.g. data.train=\[\{path"),
    ("data.train=[{format: contract}]", r"'data.train\[0\].path' is required but not set"),
    ("data.train=[a.jsonl]", r"'data.train\[0\]' .* must be a mapping such as"),
    ("data.labels=hostile", r"'data.labels' .* must be a list"),
    ("train=5", r"'train' .* must be a mapping of its own keys"),
])
def test_wrong_shapes_name_the_key(override: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config([], [override])


def test_wrong_shapes_in_a_file_name_the_key(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("data:\n  train: {path: x.jsonl}\n")
    with pytest.raises(ConfigError, match=r"'data.train' \(in .*bad.yaml\) must be a list"):
        load_config([f])


def test_a_missing_config_file_says_where_relative_paths_are_read(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"config file not found: configs/train.yaml \(relative to "
                                          r"the current folder, .*\)"):
        load_config(["configs/train.yaml"])
