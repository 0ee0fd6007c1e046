"""Every notebook runs top to bottom on the tiny model (parameters injected as papermill does)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from countrystance.notebook_runner import execute_notebook, figures

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _run(path: Path, params: dict[str, object]) -> nbformat.NotebookNode:
    return execute_notebook(path, "\n".join(f"{k} = {v!r}" for k, v in params.items()), cwd=ROOT)


def test_notebooks_exist_and_carry_no_outputs() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01_quickstart.ipynb", "02_stance_trends.ipynb",
                                           "03_model_report.ipynb"]
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), path.name
        assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells), path.name


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path, tiny_run: Path, tmp_path: Path) -> None:
    params: dict[str, object] = {"MODEL_DIR": str(tiny_run), "OUTPUT": str(tmp_path / "out")}
    if path.name.startswith("02"):
        params["N_BOOTSTRAP"] = 200
    nb = _run(path, params)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    if not path.name.startswith("01"):  # 02 and 03 draw their plots inline
        assert figures(nb), path.name
    if path.name.startswith("02"):
        text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
        assert "reference: index" in text and "significant: True" in text


@pytest.mark.slow
def test_trends_notebook_runs_on_a_corpus_of_ones_own(tiny_run: Path, tmp_path: Path) -> None:
    # what its text invites: a corpus with id, text and date only, the parameters left as shipped
    import json

    corpus = tmp_path / "mine.jsonl"
    states = ["China", "Russia", "Ukraine", "the United States"]
    corpus.write_text("".join(json.dumps({
        "id": f"m{i}", "date": f"20{19 + i % 3}-0{1 + i % 9}-15",
        "text": f"{states[i % 4]} criticised {states[(i + 1) % 4]} over trade. Talks with Russia went on.",
    }) + "\n" for i in range(60)))
    nb = _run(ROOT / "notebooks" / "02_stance_trends.ipynb",
              {"MODEL_DIR": str(tiny_run), "OUTPUT": str(tmp_path / "out"), "CORPUS": str(corpus),
               "MIN_ARTICLES": 3, "N_BOOTSTRAP": 50})
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, errors
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "labels other articles than these" in text and "no source country in these rows" in text
