"""`predict.engine=ray` on a local Ray instance gives the local engine's rows, rejects and counts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from countrystance.predict import PredictError, predict, read_predictions

from .test_predict import _bad_corpus, _cfg, _corpus


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["article_id", "sentence_index", "target"]).reset_index(drop=True)


def assert_same_rows(local: Path, ray: Path) -> None:
    a, b = read_predictions(local), read_predictions(ray)
    assert len(a) == len(b) > 0
    assert list(a.columns) == list(b.columns) and a.dtypes.equals(b.dtypes)
    pd.testing.assert_frame_equal(_sorted(a), _sorted(b), check_exact=False, rtol=0, atol=1e-5)


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())


@pytest.fixture(scope="module")
def ray_local():
    """One local Ray instance for the module (the engine joins it and leaves it running)."""
    ray = pytest.importorskip("ray", reason="Ray is not installed: pip install -e '.[distributed]'")
    # "local": a new instance even where a `ray start` cluster runs on this machine.
    ray.init(address="local", num_cpus=2, include_dashboard=False, logging_level="warning")
    yield ray
    ray.shutdown()


def _ray(*extra: str) -> tuple[str, ...]:
    # Two actors and small batches, so that rows come back from several actors and batches
    # and shards cut across them: the order and the shard contents must still be local mode's.
    return ("predict.engine=ray", "predict.ray_concurrency=2", "predict.ray_num_cpus_per_actor=0.5",
            "predict.ray_batch_size=16", *extra)


@pytest.mark.slow
def test_ray_gives_the_local_rows_rejects_and_counts(ray_local, tiny_run: Path, tmp_path: Path
                                                     ) -> None:
    inp = tmp_path / "mixed.jsonl"
    good = _corpus(tmp_path / "good.jsonl", 45).read_bytes()
    inp.write_bytes(good + _bad_corpus(tmp_path).read_bytes() + good.replace(b'"doc', b'"again'))
    opts = ("predict.on_error=skip", "predict.max_article_chars=10000000", "predict.shard_size=7")
    predict(_cfg(tiny_run, inp, tmp_path / "local", *opts))
    predict(_cfg(tiny_run, inp, tmp_path / "ray", *_ray(*opts)))

    assert_same_rows(tmp_path / "local", tmp_path / "ray")
    # In input order, as local mode writes them, not only the same set.
    assert read_predictions(tmp_path / "ray")[["article_id", "target"]].equals(
        read_predictions(tmp_path / "local")[["article_id", "target"]])
    assert ((tmp_path / "ray" / "rejects.jsonl").read_text()
            == (tmp_path / "local" / "rejects.jsonl").read_text())
    local, ray = _manifest(tmp_path / "local"), _manifest(tmp_path / "ray")
    assert local["counts"] == ray["counts"] and ray["counts"]["rejected"] == 5
    assert set(local) == set(ray) and (local["engine"], ray["engine"]) == ("local", "ray")
    assert local["output"] == ray["output"]  # the same shards, 7 records each
    assert not list((tmp_path / "ray").glob("**/*.tmp")) and not (tmp_path / "ray/run_state.json").exists()

    # Finished output is protected in Ray mode too, and replaced with overwrite.
    with pytest.raises(PredictError, match="overwrite"):
        predict(_cfg(tiny_run, inp, tmp_path / "ray", *_ray(*opts)))
    predict(_cfg(tiny_run, inp, tmp_path / "ray", *_ray(*opts, "predict.overwrite=true")))
    assert_same_rows(tmp_path / "local", tmp_path / "ray")


@pytest.mark.slow
def test_ray_reads_a_txt_folder_like_local_mode(ray_local, tiny_run: Path, tmp_path: Path) -> None:
    folder = tmp_path / "txt"
    for i, line in enumerate(_corpus(tmp_path / "c.jsonl", 12).read_text().splitlines()):
        path = folder / f"outlet{i % 3}" / f"a{i}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.loads(line)["text"])
    predict(_cfg(tiny_run, folder, tmp_path / "local", "predict.metadata_fields=[]"))
    predict(_cfg(tiny_run, folder, tmp_path / "ray", "predict.metadata_fields=[]", *_ray()))
    assert_same_rows(tmp_path / "local", tmp_path / "ray")
    assert "outlet1/a4" in set(read_predictions(tmp_path / "ray").article_id)


@pytest.mark.slow
def test_ray_on_error_raise_and_unfinished_local_runs(ray_local, tiny_run: Path, tmp_path: Path
                                                       ) -> None:
    bad = _bad_corpus(tmp_path)
    with pytest.raises(PredictError, match=r"bad.jsonl:2: malformed JSON"):
        predict(_cfg(tiny_run, bad, tmp_path / "out", *_ray("predict.on_error=raise")))
    # The cut-off Ray run is redone by the same command; a local engine will not take it over.
    with pytest.raises(PredictError, match="other settings"):
        predict(_cfg(tiny_run, bad, tmp_path / "out", "predict.on_error=raise"))


def test_missing_ray_names_the_extra(tiny_run: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now fails, as when not installed
    cfg = _cfg(tiny_run, _corpus(tmp_path / "c.jsonl", 2), tmp_path / "out", "predict.engine=ray")
    with pytest.raises(ImportError, match=r"pip install 'countrystance\[distributed\]'"):
        predict(cfg)
    assert not (tmp_path / "out").exists()  # nothing written before the check
