"""countrystance: the stance (hostile, neutral, supportive) news sentences take toward countries.

The public Python API is ``StanceClassifier`` (``countrystance.StanceClassifier.from_pretrained(run_dir)``);
the commands are in ``countrystance.cli``. Heavy modules load on first use.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["StanceClassifier", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "StanceClassifier":
        from .classifier import StanceClassifier

        return StanceClassifier
    raise AttributeError(f"module 'countrystance' has no attribute {name!r}")
