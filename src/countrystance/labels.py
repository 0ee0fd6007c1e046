"""The label set and its label <-> id maps: the only place they are written.

The label set is a config value (``data.labels``) so that a run can be trained on
stance (hostile/neutral/supportive) or on NewsMTSC's own sentiment labels; every
run stores its own set in ``config.json`` (id2label), and evaluation and
inference read it from there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

STANCE_LABELS: tuple[str, ...] = ("hostile", "neutral", "supportive")

# NewsMTSC's polarity values and what they mean in that data set.
NEWSMTSC_POLARITY: Mapping[float, str] = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


class LabelError(ValueError):
    """A label that is not in the label set."""


@dataclass(frozen=True)
class LabelSet:
    names: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.names) < 2:
            raise LabelError(f"a label set needs at least two labels, got {list(self.names)}")
        if len(set(self.names)) != len(self.names):
            raise LabelError(f"duplicate labels in {list(self.names)}")
        for name in self.names:
            if not name or not name.isidentifier():
                raise LabelError(
                    f"label {name!r} must be a plain word (it names a column p_{name})"
                )

    @classmethod
    def of(cls, names: Sequence[str]) -> LabelSet:
        return cls(tuple(str(n) for n in names))

    @classmethod
    def from_id2label(cls, id2label: Mapping[int | str, str]) -> LabelSet:
        ordered = sorted(((int(i), str(n)) for i, n in id2label.items()), key=lambda x: x[0])
        if [i for i, _ in ordered] != list(range(len(ordered))):
            raise LabelError(f"id2label ids must be 0..n-1, got {dict(id2label)}")
        return cls(tuple(n for _, n in ordered))

    @property
    def id2label(self) -> dict[int, str]:
        return dict(enumerate(self.names))

    @property
    def label2id(self) -> dict[str, int]:
        return {n: i for i, n in enumerate(self.names)}

    def id(self, name: str) -> int:
        try:
            return self.label2id[name]
        except KeyError:
            raise LabelError(f"label {name!r} is not one of {list(self.names)}") from None

    def __len__(self) -> int:
        return len(self.names)

    def __iter__(self):
        return iter(self.names)

    def prob_columns(self) -> list[str]:
        """Column names for per-label probabilities in prediction rows."""
        return [f"p_{n}" for n in self.names]
