"""The real entry points end to end on a tiny model: train -> evaluate -> predict -> Parquet rows."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from countrystance.classifier import StanceClassifier
from countrystance.cli import main
from countrystance.modeling import ModelError

from .conftest import FIXTURES, ROOT

ARTICLE = (
    "China and Russia pledged to deepen their partnership on Tuesday.\n"
    "Washington warned both governments against arming the war in Ukraine.\n"
    "Nothing here names a state.\n"
)


def test_run_folder_is_self_describing(tiny_run: Path) -> None:
    for name in ("model.safetensors", "config.json", "config.yaml", "metrics.json",
                 "calibration.json", "README.md", "tokenizer.json"):
        assert (tiny_run / name).is_file(), name
    config = json.loads((tiny_run / "config.json").read_text())
    assert config["id2label"] == {"0": "hostile", "1": "neutral", "2": "supportive"}
    metrics = json.loads((tiny_run / "metrics.json").read_text())
    assert metrics["n_train"] == 24 and metrics["n_dev"] == 6
    assert 0.0 <= metrics["dev"]["macro_f1"] <= 1.0
    card = (tiny_run / "README.md").read_text()
    assert "stance_train.jsonl" in card and "macro-F1" in card
    assert not (tiny_run / "checkpoints").exists()  # only the final model is kept


def test_classifier_api(tiny_run: Path) -> None:
    clf = StanceClassifier.from_pretrained(tiny_run)
    pred = clf.predict("Washington warned Beijing.", "China")
    assert pred.label in clf.labels.names
    assert sum(pred.probabilities.values()) == pytest.approx(1.0, abs=1e-5)
    rows = clf.predict_article(ARTICLE, date="2023-03-21")
    assert {r["date"] for r in rows} == {"2023-03-21"}
    targets = {r["target"] for r in rows}
    assert {"China", "Russia", "United States", "Ukraine"} <= targets
    for r in rows:
        assert ARTICLE[r["mention_start"]: r["mention_end"]] == r["mention"]
        assert ARTICLE[r["sentence_start"]: r["sentence_end"]].replace("\n", " ") == r["sentence"]
    assert all(r["sentence_index"] != 2 for r in rows)  # the sentence without a state has no row


def test_classifier_api_targets_by_any_name_and_marks_whole_mentions_only(tiny_run: Path) -> None:
    clf = StanceClassifier.from_pretrained(tiny_run)
    sentence = "Germany praised the new treaty."
    for alias in ("germany", "DEU", "Germany"):
        assert clf.predict(sentence, alias) == clf.predict(sentence, "Germany", spans=[[0, 7]])
    # a country named only inside another's name is not marked there, and the user is told
    for sentence, target in (("Nigeria's army was accused of atrocities.", "Niger"),
                             ("South Sudan's army was accused of atrocities.", "Sudan"),
                             ("Germany praised the new treaty.", "Brazil")):
        with pytest.warns(UserWarning, match=f"'{target}' is not mentioned in the sentence"):
            got = clf.predict(sentence, target)
        assert got == clf.predict(sentence, target, spans=[])


def test_classifier_api_bad_inputs_get_clear_errors(tiny_run: Path) -> None:
    clf = StanceClassifier.from_pretrained(tiny_run)
    with pytest.raises(ValueError, match="sentence 0 holds invalid Unicode.*position 6"):
        clf.predict("Japan \ud800 welcomed India.", "Japan")
    with pytest.raises(ValueError, match="batch_size must be >= 1, got 0"):
        StanceClassifier.from_pretrained(tiny_run, batch_size=0)


def test_cli_train_evaluate_predict(tiny_base: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    run = tmp_path / "run"
    base_args = ["--config", str(ROOT / "configs/train.yaml"), str(ROOT / "configs/debug.yaml"),
                 f"model.base={tiny_base}", f"train.output_dir={run}",
                 f"data.train=[{{path: {FIXTURES / 'stance_train.jsonl'}}}]",
                 f"data.dev=[{{path: {FIXTURES / 'stance_dev.jsonl'}}}]"]
    assert main(["train", *base_args, "-q"]) == 0
    assert (run / "model.safetensors").is_file()

    ev = tmp_path / "eval"
    assert main(["evaluate", "--config", str(ROOT / "configs/evaluate.yaml"),
                 f"evaluate.model_dir={run}", f"evaluate.data={FIXTURES / 'stance_dev.jsonl'}",
                 f"evaluate.output_dir={ev}", "-q"]) == 0
    metrics = json.loads((ev / "metrics.json").read_text())
    assert metrics["n"] == 6
    assert {"macro_f1", "accuracy", "per_class", "confusion_matrix", "per_target", "ece"} <= set(metrics)
    assert sum(map(sum, metrics["confusion_matrix"]["matrix"])) == 6
    assert (ev / "confusion_matrix.png").stat().st_size > 1000
    assert "macro-F1" in (ev / "report.md").read_text()
    assert (ev / "config.yaml").is_file()

    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "a1", "text": ARTICLE, "date": "2023-03-21", "outlet": "Wire"},
        {"id": "a2", "text": "Kenya and Ghana signed a trade pact.", "date": "2023-04-01",
         "outlet": "Daily"},
    ]))
    out = tmp_path / "pred"
    assert main(["predict", "--config", str(ROOT / "configs/predict.yaml"), str(ROOT / "configs/debug.yaml"),
                 f"predict.model_dir={run}", f"predict.input={articles}", f"predict.output_dir={out}",
                 "predict.metadata_fields=[outlet]", "-q"]) == 0
    df = pd.concat(pd.read_parquet(p) for p in sorted((out / "shards").glob("*.parquet")))
    required = {"article_id", "sentence_index", "sentence", "target", "mention", "mention_start",
                "mention_end", "label", "p_hostile", "p_neutral", "p_supportive", "date", "outlet"}
    assert required <= set(df.columns)
    assert set(df[df.article_id == "a2"].target) == {"Kenya", "Ghana"}
    assert set(df.outlet) == {"Wire", "Daily"}
    assert ((df.p_hostile + df.p_neutral + df.p_supportive - 1).abs() < 1e-4).all()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["articles"] == 2 and manifest["counts"]["rows"] == len(df)
    assert (out / "config.yaml").is_file()
    capsys.readouterr()


def test_cli_reports_config_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--config", str(ROOT / "configs/train.yaml"), "train.learnig_rate=1e-5"]) == 2
    err = capsys.readouterr().err
    assert "train.learnig_rate" in err and "train.learning_rate" in err


def test_cli_overrides_apply_in_command_line_order(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    need = [f"evaluate.model_dir={tmp_path / 'no_run'}", f"evaluate.data={tmp_path / 'x.jsonl'}",
            f"evaluate.output_dir={tmp_path / 'ev'}"]
    cfg = str(ROOT / "configs/evaluate.yaml")
    # the later value wins, wherever --config puts its files
    assert main(["evaluate", "evaluate.batch_size=5", "--config", cfg, "evaluate.batch_size=-3", *need]) == 2
    assert "evaluate.batch_size must be >= 1, got -3" in capsys.readouterr().err
    assert main(["evaluate", "evaluate.batch_size=-3", "--config", cfg, "evaluate.batch_size=5", *need]) == 2
    assert "no_run" in capsys.readouterr().err  # got past the batch size, to the missing model


def test_cli_reports_a_bad_label_set(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--config", str(ROOT / "configs/train.yaml"), "data.labels=[hostile, hostile]",
                 f"train.output_dir={tmp_path / 'run'}", "-q"]) == 2
    assert "duplicate labels" in capsys.readouterr().err


def test_missing_model_and_missing_required_value(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        StanceClassifier.from_pretrained(tmp_path / "no_such_run")
    assert main(["predict", "--config", str(ROOT / "configs/predict.yaml"),
                 f"predict.input={FIXTURES}", f"predict.output_dir={tmp_path}"]) == 2
    assert "predict.model_dir" in capsys.readouterr().err


def test_help_explains_each_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("train", "evaluate", "predict"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = capsys.readouterr().out
        assert "--config" in text and "key=value" in text


def test_classifier_api_refuses_pairs_it_would_silently_mangle(tiny_run: Path) -> None:
    clf = StanceClassifier.from_pretrained(tiny_run)
    s = "Washington imposed new sanctions on Iran."
    with pytest.raises(ValueError, match="target must be a country name"):
        clf.predict(s, " ")
    for spans, message in (([[100, 120]], "not inside its sentence"), ([[40, 36]], "not inside"),
                           ([[-4, -1]], "not inside"), ([36, 40], "list of \\[start, end\\] pairs")):
        with pytest.raises(ValueError, match=message):
            clf.predict(s, "Iran", spans=spans)
    with pytest.raises(ValueError, match="0 sentences, 1 span lists and 1 targets"):
        clf.predict_proba([], [[[36, 40]]], ["Iran"])
    # "Korea" is no gazetteer name, but the finder reads it in the sentence (as South Korea)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = clf.predict("Korea and Japan signed a pact.", "Korea")
    assert got == clf.predict("Korea and Japan signed a pact.", "South Korea")
