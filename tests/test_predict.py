"""Batch prediction: bad input is never lost, finished output is protected, a killed run resumes exactly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from countrystance.config import load_config
from countrystance.predict import PredictError, predict, read_predictions

from .conftest import ROOT

STATES = ["Kenya", "Ghana", "Peru", "Chile", "Norway", "Japan", "India", "Brazil", "Egypt", "Mexico"]


def _corpus(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = STATES[i % 10], STATES[(i * 3 + 1) % 10]
            text = (f"{a} thanked {b} for its help. Officials in {b} said the talks went well. "
                    f"{a} will host the next round in May. Nothing else happened.")
            fh.write(json.dumps({"id": f"doc{i}", "text": text, "date": f"20{10 + i % 10}-01-01",
                                 "outlet": f"o{i % 3}"}) + "\n")
    return path


def _cfg(run: Path, inp: Path, out: Path, *extra: str):
    return load_config([ROOT / "configs/predict.yaml", ROOT / "configs/debug.yaml"],
                       [f"predict.model_dir={run}", f"predict.input={inp}",
                        f"predict.output_dir={out}", "predict.metadata_fields=[outlet]", *extra])


def _bad_corpus(tmp_path: Path) -> Path:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"".join([
        json.dumps({"id": "ok1", "text": "Kenya thanked Ghana."}).encode() + b"\n",
        b'{"id": "broken", "text": \n',
        json.dumps({"id": "notext"}).encode() + b"\n",
        json.dumps({"id": "empty", "text": ""}).encode() + b"\n",
        b'{"id": "utf", "text": "Peru \xff"}\n',
        json.dumps({"id": "huge", "text": "Chile. " * 1_500_000}).encode() + b"\n",  # 10.5 MB
        json.dumps({"id": "ok2", "text": "Peru and Chile signed a deal."}).encode() + b"\n",
    ]))
    return path


def test_on_error_raise_stops_with_file_line_and_reason(tiny_run: Path, tmp_path: Path) -> None:
    cfg = _cfg(tiny_run, _bad_corpus(tmp_path), tmp_path / "out", "predict.on_error=raise")
    with pytest.raises(PredictError, match=r"bad.jsonl:2: malformed JSON"):
        predict(cfg)


def test_on_error_skip_writes_every_reject_and_counts_them(tiny_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    predict(_cfg(tiny_run, _bad_corpus(tmp_path), out, "predict.on_error=skip",
                 "predict.max_article_chars=10000000"))
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text().splitlines()]
    by_line = {r["line"]: r["reason"] for r in rejects}
    assert set(by_line) == {2, 3, 4, 5, 6}
    assert "malformed JSON" in by_line[2] and "missing text field" in by_line[3]
    assert "empty" in by_line[4] and "invalid UTF-8" in by_line[5]
    assert "characters" in by_line[6]  # the 10 MB article exceeds max_article_chars
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["rejected"] == 5 and manifest["counts"]["articles"] == 2
    df = read_predictions(out)
    assert set(df.article_id) == {"ok1", "ok2"}


def test_finished_output_needs_overwrite(tiny_run: Path, tmp_path: Path) -> None:
    inp = _corpus(tmp_path / "c.jsonl", 6)
    out = tmp_path / "out"
    predict(_cfg(tiny_run, inp, out))
    with pytest.raises(PredictError, match="overwrite"):
        predict(_cfg(tiny_run, inp, out))
    predict(_cfg(tiny_run, inp, out, "predict.overwrite=true"))
    assert len(read_predictions(out)) > 0


@pytest.mark.parametrize(("native", "expected"), [(True, "torch-bf16"), (False, "torch")])
def test_auto_backend_is_decided_once_and_recorded(tiny_run: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, native: bool,
                                                   expected: str) -> None:
    from countrystance import backends

    monkeypatch.setattr(backends, "native_bf16", lambda: native)
    inp = _corpus(tmp_path / "c.jsonl", 4)
    out = tmp_path / "out"
    predict(_cfg(tiny_run, inp, out, "predict.backend=auto"))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["model"]["backend"] == expected
    assert f"backend: {expected}" in (out / "config.yaml").read_text()
    # the same command finds the finished output under the same settings
    with pytest.raises(PredictError, match="overwrite"):
        predict(_cfg(tiny_run, inp, out, "predict.backend=auto"))


def test_unknown_backend_is_a_config_error(tiny_run: Path, tmp_path: Path) -> None:
    from countrystance.config import ConfigError

    with pytest.raises(ConfigError, match="predict.backend must be one of"):
        predict(_cfg(tiny_run, _corpus(tmp_path / "c.jsonl", 1), tmp_path / "out", "predict.backend=tensorrt"))


def test_unfinished_run_with_other_settings_is_refused(tiny_run: Path, tmp_path: Path) -> None:
    inp = _corpus(tmp_path / "c.jsonl", 6)
    out = tmp_path / "out"
    predict(_cfg(tiny_run, inp, out))
    (out / "manifest.json").unlink()  # pretend the run never finished
    (out / "run_state.json").write_text(json.dumps({"fingerprint": "something-else"}))
    with pytest.raises(PredictError, match="other settings"):
        predict(_cfg(tiny_run, inp, out))


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["article_id", "sentence_index", "target"]).reset_index(drop=True)


@pytest.mark.slow
def test_sigkill_midway_then_resume_gives_identical_rows(tiny_run: Path, tmp_path: Path) -> None:
    inp = _corpus(tmp_path / "corpus.jsonl", 600)
    reference = tmp_path / "reference"
    predict(_cfg(tiny_run, inp, reference, "predict.shard_size=20"))
    expected = read_predictions(reference)

    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "countrystance.cli", "predict", "--config",
           str(ROOT / "configs/predict.yaml"), str(ROOT / "configs/debug.yaml"),
           f"predict.model_dir={tiny_run}", f"predict.input={inp}", f"predict.output_dir={out}",
           "predict.metadata_fields=[outlet]", "predict.shard_size=20", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "OMP_NUM_THREADS": "1"})
    deadline = time.time() + 120
    while time.time() < deadline and len(list((out / "shards").glob("*.done.json"))) < 3:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = len(list((out / "shards").glob("*.done.json")))
    assert 3 <= done_before < 30, "the kill must land midway"
    assert not (out / "manifest.json").exists()

    predict(_cfg(tiny_run, inp, out, "predict.shard_size=20"))  # the same command resumes
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["shards_resumed"] >= done_before
    got = read_predictions(out)
    assert len(got) == len(expected)  # none lost, none doubled
    pd.testing.assert_frame_equal(_sorted(got), _sorted(expected))
    assert not list((out / "shards").glob("*.tmp"))


def test_worker_processes_give_the_same_rows(tiny_run: Path, tmp_path: Path) -> None:
    inp = _corpus(tmp_path / "c.jsonl", 60)
    predict(_cfg(tiny_run, inp, tmp_path / "one", "predict.shard_size=10"))
    predict(_cfg(tiny_run, inp, tmp_path / "two", "predict.shard_size=10", "predict.workers=2"))
    pd.testing.assert_frame_equal(read_predictions(tmp_path / "one"), read_predictions(tmp_path / "two"))


def test_workers_stopped_by_a_bad_record_leave_nothing_behind(tiny_run: Path, tmp_path: Path) -> None:
    inp = _corpus(tmp_path / "c.jsonl", 40)
    lines = inp.read_text().splitlines(keepends=True)
    inp.write_text("".join(lines[:30]) + '{"id": "cut", "text": \n' + "".join(lines[30:]))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "countrystance.cli", "predict", "--config",
           str(ROOT / "configs/predict.yaml"), str(ROOT / "configs/debug.yaml"),
           f"predict.model_dir={tiny_run}", f"predict.input={inp}", f"predict.output_dir={out}",
           "predict.shard_size=5", "predict.workers=2", "-q"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert proc.returncode == 2
    assert "c.jsonl:31: malformed JSON" in proc.stderr
    # no warning from the pool's workers at exit, and no loading bars from them
    assert "leaked semaphore" not in proc.stderr and "Loading weights" not in proc.stderr
    assert not (out / "manifest.json").exists()


_ORPHAN_SCRIPT = """
import multiprocessing as mp, sys, time

def child(ready):
    from countrystance.predict import watch_parent
    watch_parent()
    open(ready, "w").close()
    time.sleep(60)

if __name__ == "__main__":
    p = mp.get_context("spawn").Process(target=child, args=(sys.argv[1],))
    p.start()
    print(p.pid, flush=True)
    time.sleep(60)
"""


def test_a_worker_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    import psutil

    script = tmp_path / "orphan.py"
    script.write_text(_ORPHAN_SCRIPT, encoding="utf-8")
    ready = tmp_path / "ready"
    parent = subprocess.Popen([sys.executable, str(script), str(ready)], stdout=subprocess.PIPE, text=True)
    child = psutil.Process(int(parent.stdout.readline()))
    deadline = time.time() + 60
    while not ready.exists() and time.time() < deadline:  # the child is up and watching
        time.sleep(0.1)
    assert child.is_running()
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.time() + 10
    while time.time() < deadline and child.is_running() and child.status() != psutil.STATUS_ZOMBIE:
        time.sleep(0.1)
    assert not child.is_running() or child.status() == psutil.STATUS_ZOMBIE


def _cut_off_run(tiny_run: Path, tmp_path: Path) -> tuple[Path, Path]:
    """An unfinished run: on_error=raise stops at a bad record after three finished shards."""
    inp = _corpus(tmp_path / "c.jsonl", 10)
    lines = inp.read_text().splitlines(keepends=True)
    inp.write_text("".join(lines[:7]) + '{"id": "broken", "text": \n' + "".join(lines[7:]))
    out = tmp_path / "out"
    with pytest.raises(PredictError, match=r"c.jsonl:8: malformed JSON"):
        predict(_cfg(tiny_run, inp, out, "predict.shard_size=2", "predict.on_error=raise"))
    assert len(list((out / "shards").glob("*.done.json"))) == 3 and (out / "run_state.json").exists()
    return inp, out


def test_a_resume_refuses_an_input_that_changed(tiny_run: Path, tmp_path: Path) -> None:
    inp, out = _cut_off_run(tiny_run, tmp_path)
    _corpus(inp, 4)  # the same path now holds other records
    with pytest.raises(PredictError, match=r"other settings \(changed: input_files_bytes_mtime\)"):
        predict(_cfg(tiny_run, inp, out, "predict.shard_size=2", "predict.on_error=skip"))


def test_a_run_stopped_by_a_bad_record_resumes_under_skip(tiny_run: Path, tmp_path: Path) -> None:
    inp, out = _cut_off_run(tiny_run, tmp_path)
    predict(_cfg(tiny_run, inp, out, "predict.shard_size=2", "predict.on_error=skip"))
    fresh = tmp_path / "fresh"
    predict(_cfg(tiny_run, inp, fresh, "predict.shard_size=2", "predict.on_error=skip"))
    pd.testing.assert_frame_equal(read_predictions(out), read_predictions(fresh))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["shards_resumed"] == 3 and manifest["counts"]["rejected"] == 1
    assert 0 < manifest["counts"]["rows_resumed"] < manifest["counts"]["rows"]


def test_a_failed_start_leaves_nothing_that_blocks_the_corrected_command(tiny_run: Path,
                                                                         tmp_path: Path) -> None:
    from countrystance.readers import InputError

    out = tmp_path / "out"
    with pytest.raises(InputError, match="does not exist"):
        predict(_cfg(tiny_run, tmp_path / "typo.jsonl", out))
    (tmp_path / "array.json").write_text(json.dumps([{"id": "a", "text": "Kenya thanked Ghana."}]))
    with pytest.raises(InputError, match="JSON array"):
        predict(_cfg(tiny_run, tmp_path / "array.json", out))
    assert not (out / "run_state.json").exists()
    predict(_cfg(tiny_run, _corpus(tmp_path / "c.jsonl", 3), out))
    assert (out / "manifest.json").exists()


@pytest.mark.parametrize("field", ["label", "target", "p_hostile", "truncated", "sentence"])
def test_a_metadata_field_named_like_an_output_column_is_refused(tiny_run: Path, tmp_path: Path,
                                                                 field: str) -> None:
    from countrystance.config import ConfigError

    out = tmp_path / "out"
    with pytest.raises(ConfigError, match=rf"metadata_fields \['{field}'\].*output columns"):
        predict(_cfg(tiny_run, _corpus(tmp_path / "c.jsonl", 1), out, f"predict.metadata_fields=[{field}]"))
    assert not out.exists()


def test_batch_size_must_be_positive(tiny_run: Path, tmp_path: Path) -> None:
    from countrystance.config import ConfigError

    for bad in (0, -1):
        with pytest.raises(ConfigError, match=f"predict.batch_size must be >= 1, got {bad}"):
            predict(_cfg(tiny_run, _corpus(tmp_path / "c.jsonl", 1), tmp_path / "out",
                         f"predict.batch_size={bad}"))


def test_the_manifest_lists_only_this_runs_shards(tiny_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "shards").mkdir(parents=True)
    stray = tmp_path / "stray"
    predict(_cfg(tiny_run, _corpus(tmp_path / "s.jsonl", 4), stray))
    (stray / "shards" / "part-00000.parquet").rename(out / "shards" / "part-00042.parquet")
    predict(_cfg(tiny_run, _corpus(tmp_path / "c.jsonl", 3), out))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["output"]["shards"] == ["shards/part-00000.parquet", "shards/part-00001.parquet"]
    assert set(read_predictions(out).article_id) == {"doc0", "doc1", "doc2"}
