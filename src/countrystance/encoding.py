"""(sentence, mention spans, target) -> model input. Training and inference both call this.

The target is shown two ways (both configurable, both stored in every run):
markers around every span of the target in the sentence, and the canonical target
name as the second segment of a sentence pair. The markers are strings already in
the vocabulary ("<<", ">>"), so no new embeddings need learning from few examples.

A sentence too long for the model is cut to a window of tokens around its first
mention, not truncated from the end (which could drop the mention); such cuts are
reported so that callers can count them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class EncodingSettings:
    marker_start: str = "<<"
    marker_end: str = ">>"
    pair_with_target: bool = True
    mark_mentions: bool = True
    max_length: int = 128

    @classmethod
    def from_config(cls, cfg: Any) -> EncodingSettings:
        """From a full config (``encoding`` section + ``model.max_length``)."""
        enc = cfg.encoding
        return cls(
            marker_start=str(enc.marker_start),
            marker_end=str(enc.marker_end),
            pair_with_target=bool(enc.pair_with_target),
            mark_mentions=bool(enc.mark_mentions),
            max_length=int(cfg.model.max_length),
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def merge_spans(spans: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Sorted, de-duplicated, overlap-merged spans."""
    out: list[tuple[int, int]] = []
    for s, e in sorted((int(a), int(b)) for a, b in spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def model_input(sentence: str, spans: Sequence[Sequence[int]], target: str,
                settings: EncodingSettings) -> tuple[str, str | None]:
    """THE function that turns one example into (text, text_pair) for the tokenizer."""
    text = sentence
    if settings.mark_mentions and spans:
        parts: list[str] = []
        last = 0
        for s, e in merge_spans(spans):
            parts += [sentence[last:s], settings.marker_start, " ", sentence[s:e], " ",
                      settings.marker_end]
            last = e
        parts.append(sentence[last:])
        text = "".join(parts)
    pair = target if settings.pair_with_target else None
    return text, pair


@dataclass
class Encoded:
    features: dict[str, list[list[int]]]
    truncated: list[bool]


def _first_marker_char(text: str, settings: EncodingSettings) -> int:
    i = text.find(settings.marker_start) if settings.mark_mentions else -1
    return max(i, 0)


def encode(tokenizer: Any, sentences: Sequence[str], spans: Sequence[Sequence[Sequence[int]]],
           targets: Sequence[str], settings: EncodingSettings) -> Encoded:
    """Tokenise a batch (no padding: the collator pads per batch)."""
    pairs = [model_input(s, sp, t, settings) for s, sp, t in zip(sentences, spans, targets, strict=True)]
    texts = [p[0] for p in pairs]
    seconds = [p[1] for p in pairs] if settings.pair_with_target else None
    # Long inputs are cut to a window around the mention just below (and counted), so
    # transformers' "longer than the maximum ... indexing errors" warning would only alarm.
    warned = getattr(tokenizer, "deprecation_warnings", None)
    if isinstance(warned, dict):
        warned["sequence-length-is-longer-than-the-specified-maximum"] = True
    enc = tokenizer(texts, seconds, truncation=False, add_special_tokens=True)
    truncated = [False] * len(texts)
    too_long = [i for i, ids in enumerate(enc["input_ids"]) if len(ids) > settings.max_length]
    if too_long:
        for i in too_long:
            texts[i] = _window(tokenizer, texts[i], seconds[i] if seconds else None, settings)
            truncated[i] = True
        redo = tokenizer([texts[i] for i in too_long],
                         [seconds[i] for i in too_long] if seconds else None,
                         truncation="only_first" if seconds else True,
                         max_length=settings.max_length, add_special_tokens=True)
        for j, i in enumerate(too_long):
            for key in enc:
                enc[key][i] = redo[key][j]
    return Encoded(features={k: list(v) for k, v in enc.items()}, truncated=truncated)


def _window(tokenizer: Any, text: str, pair: str | None, settings: EncodingSettings) -> str:
    """Cut ``text`` to the tokens that fit, centred on the first marked mention."""
    special = tokenizer.num_special_tokens_to_add(pair=pair is not None)
    pair_len = len(tokenizer(pair, add_special_tokens=False)["input_ids"]) if pair else 0
    budget = max(8, settings.max_length - special - pair_len)
    offsets = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
    if len(offsets) <= budget:
        return text
    anchor_char = _first_marker_char(text, settings)
    anchor = next((k for k, (s, e) in enumerate(offsets) if e > anchor_char), 0)
    start = max(0, min(anchor - budget // 3, len(offsets) - budget))
    end = start + budget
    return text[offsets[start][0]: offsets[end - 1][1]]
