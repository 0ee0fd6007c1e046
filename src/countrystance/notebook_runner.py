"""Execute a project notebook with its parameter cell overridden (as papermill does).

Used by the notebook tests and by ``scripts/render_notebook_figures.py``. nbclient and
nbformat come with the ``dev`` extra; they are imported only here.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any


def execute_notebook(path: str | Path, overrides: str, *, cwd: str | Path, timeout: int = 600) -> Any:
    """Run the notebook at ``path`` in ``cwd`` with ``overrides`` (Python source, e.g.
    ``"PERIOD = 'year'"``) inserted right after the cell tagged ``parameters``; returns the
    executed notebook (an ``nbformat.NotebookNode``)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(str(path), as_version=4)
    idx = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), None)
    if idx is None:
        raise ValueError(f"{path}: no cell is tagged 'parameters'")
    nb.cells.insert(idx + 1, nbformat.v4.new_code_cell(overrides))
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def figures(nb: Any) -> list[bytes]:
    """The PNG images an executed notebook displayed, in order."""
    return [base64.b64decode(o["data"]["image/png"]) for cell in nb.cells
            for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
