"""segment.py: sentences with offsets into the original text, wrapped or not."""

from __future__ import annotations

import itertools

import pytest

from countrystance.segment import Sentence, split_sentences


def _check_offsets(text: str, sents: list[Sentence]) -> None:
    """Every sentence is the original slice, line breaks shown as spaces, trimmed."""
    for i, s in enumerate(sents):
        assert s.index == i
        original = text[s.start:s.end]
        assert len(s.text) == len(original) == s.end - s.start
        assert s.text == original.replace("\r", " ").replace("\n", " ")
        assert s.text == s.text.strip()
    starts = [s.start for s in sents]
    assert starts == sorted(starts)
    for a, b in itertools.pairwise(sents):
        assert a.end <= b.start


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \n", "\ufeff \n"])
def test_empty_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_abbreviations_do_not_end_sentences() -> None:
    text = "The U.S. and Dr. Smith met in Washington. Mr. Putin did not come."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "The U.S. and Dr. Smith met in Washington.",
        "Mr. Putin did not come.",
    ]
    _check_offsets(text, sents)


def test_hard_wrapped_lines_are_joined() -> None:
    text = (
        "On my way to the\nAssembly Hall, I was informed by the\nCouncil that in a\n"
        "self-evident act of aggression hundreds of\nPakistani troops had crossed the\n"
        "border. The Afghan nation, in spite of the\ndifficulties it has encountered,\n"
        "shares that optimism.\n"
    )
    sents = split_sentences(text)
    assert len(sents) == 2
    assert sents[0].text.startswith("On my way to the Assembly Hall")
    assert sents[0].text.endswith("crossed the border.")
    assert sents[1].text.startswith("The Afghan nation")
    _check_offsets(text, sents)


def test_wrapped_text_keeps_blank_line_paragraph_breaks() -> None:
    text = (
        "We reiterate our support for the\nefforts of the Secretary-General and\n"
        "his envoy in the region\n\nThe second point concerns\nthe budget of the\n"
        "Organization and its reform.\n"
    )
    sents = split_sentences(text)
    assert [s.text.split()[0] for s in sents] == ["We", "The"]
    _check_offsets(text, sents)


def test_one_paragraph_per_line_keeps_headings_apart() -> None:
    text = (
        "China and Russia met this week. They praised each other.\n"
        "Videos by VICE\n"
        "By the end of Xi’s state visit on Wednesday, the priority was clear.\n"
    )
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "China and Russia met this week.",
        "They praised each other.",
        "Videos by VICE",
        "By the end of Xi’s state visit on Wednesday, the priority was clear.",
    ]
    _check_offsets(text, sents)


def test_offsets_survive_crlf_and_bom() -> None:
    text = "\ufeffFirst line of a\r\nwrapped sentence that goes\r\non and on and\r\nends here. Next one.\r\n"
    sents = split_sentences(text)
    assert sents[0].text.startswith("First")  # the byte-order mark is not in the sentence
    assert sents[-1].text == "Next one."
    _check_offsets(text, sents)


def test_lowercase_continuation_joins_even_in_paragraph_text() -> None:
    text = "This paragraph is long and complete.\nIt was broken in the middle of\na sentence by mistake.\n"
    sents = split_sentences(text)
    assert sents[-1].text == "It was broken in the middle of a sentence by mistake."
    _check_offsets(text, sents)


def test_wrapped_text_keeps_a_short_heading_apart() -> None:
    text = (
        "The delegation of my country wishes to thank the\nSecretary-General for his report on the work of\n"
        "the Organization and for his tireless efforts.\nNuclear disarmament\n"
        "We remain deeply concerned about the continued\nmodernization of nuclear arsenals around the\nworld.\n"
    )
    sents = split_sentences(text)
    assert [s.text.split()[0] for s in sents] == ["The", "Nuclear", "We"]
    _check_offsets(text, sents)


@pytest.mark.parametrize("text", [
    "IMF chief backs Athens as permanent Olympic host",
    '"Lonesome George" The last tortoise of his kind has died',
    "'Tortured' Libyan wants answers from Blair: A commander sues the British Government",
    "(Canadian) Conservative Party wants warrant-less searches",
    "Russia's navy sails; China's reply follows",
    "Russia’s navy sails and China’s reply follows",
    "U.S. troops leave Iraq after nine years",
    "Talks resume Why now",
    "Protesters rally in Kyiv\nPolice watch from a distance",
])
def test_one_sentence_regions_skip_pysbd_without_changing_the_result(
        text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from countrystance import segment

    quick = split_sentences(text)
    monkeypatch.setattr(segment, "_MAY_SPLIT", re.compile(r"[\s\S]"))  # every region through pysbd
    assert quick == split_sentences(text)


@pytest.mark.parametrize(("text", "plain"), [
    ("The Assembly met today. It adopted the report. Was it enough? Many delegations thought so.", True),
    ("12. The Assembly met today.  It adopted the report of the Committee.", True),  # a paragraph number
    ("The Organization’s role grew. Its budget did not.", True),
    ("Mr. Smith spoke. He was brief.", False),  # an abbreviation pysbd knows
    ("The U.S. delegation spoke. It was brief.", False),  # periods inside a word
    ("It happened in 1945. Then came peace.", False),  # a number before the period
    ('He said "No." Then he left.', False),  # quotes
    ("Yahoo! News reports it. Others do not.", False),
    ("The talks ended (again). Nobody was surprised.", False),
    ("the report was adopted. it was late.", False),  # no capital after the period
])
def test_plain_prose_skips_pysbd_without_changing_the_result(
        text: str, plain: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from countrystance import segment

    assert (segment._plain_split(text, 0) is not None) == plain
    quick = split_sentences(text)
    monkeypatch.setattr(segment, "_plain_split", lambda body, offset: None)  # pysbd decides alone
    assert quick == split_sentences(text)
    assert len(quick) >= 2


# Sentences that send a region to pysbd (abbreviations, quotes, brackets, numbers), none of
# them a numbered-list item: pysbd joins those up across a whole text, so no window can match.
_PYSBD_SENTENCES = [
    "Mr. Smith of the U.S. delegation spoke at 5 p.m. on Monday.",
    "Dr. Jones replied that the talks (held in Geneva) had failed.",
    'The minister said "we will not accept this" and left the room.',
    "Was it enough?",
    "Nobody knows!",
    "The budget rose by 3.5 per cent, e.g. for peacekeeping.",
    "It happened in 1945.",
    "The St. Lawrence project, i.e. the canal, was finished.",
    "Resolution No. 242 was adopted unanimously.",
    "The Organization’s role grew, and its budget did not.",
    "Ms. Lee asked whether the U.N. would act before Jan. 5.",
]


def _paragraph(n: int, seed: int) -> str:
    import random

    rng = random.Random(seed)
    return " ".join(rng.choice(_PYSBD_SENTENCES) for _ in range(n))


def _unwindowed(text: str, monkeypatch: pytest.MonkeyPatch) -> list[Sentence]:
    """The sentences pysbd gives with the whole region at once (as before windows)."""
    from countrystance import segment

    with monkeypatch.context() as m:
        m.setattr(segment, "_WINDOW", 10**9)
        return split_sentences(text)


@pytest.mark.parametrize(("window", "margin"), [(None, None), (1500, 300), (700, 150)])
def test_long_paragraph_in_windows_gives_the_same_sentences(
        window: int | None, margin: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    from countrystance import segment

    text = _paragraph(400, seed=0)  # ~18k characters on one line: several windows
    assert len(text) > 3 * segment._WINDOW
    if window is not None:
        monkeypatch.setattr(segment, "_WINDOW", window)
        monkeypatch.setattr(segment, "_MARGIN", margin)
    sents = split_sentences(text)
    assert len(sents) == 400
    assert sents == _unwindowed(text, monkeypatch)
    _check_offsets(text, sents)


def test_a_sentence_longer_than_a_window_stays_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    from countrystance import segment

    monkeypatch.setattr(segment, "_WINDOW", 800)
    monkeypatch.setattr(segment, "_MARGIN", 150)
    long_sentence = ("The delegation of the U.S. and " +
                     ", ".join(f"the delegation of country {i}" for i in range(120)) + " agreed.")
    text = f"{_paragraph(20, seed=1)} {long_sentence} {_paragraph(20, seed=2)}"
    sents = split_sentences(text)
    assert [s.text for s in sents].count(long_sentence) == 1
    assert len(sents) == 41
    assert sents == _unwindowed(text, monkeypatch)
    _check_offsets(text, sents)


def test_pysbd_never_sees_more_than_a_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """pysbd's time grows faster than its input: a long paragraph must reach it in bounded
    windows, each part of the text read about once (so the total work is linear)."""
    from countrystance import segment

    real = segment._segmenter()
    lengths: list[int] = []

    class Recording:
        def processor(self, text: str):  # pysbd has no type stubs
            lengths.append(len(text))
            return real.processor(text)

    monkeypatch.setattr(segment, "_segmenter", lambda: Recording())
    text = _paragraph(400, seed=3)
    sents = split_sentences(text)
    assert len(sents) == 400
    assert len(lengths) >= 3
    assert max(lengths) <= segment._WINDOW
    assert sum(lengths) < 1.3 * len(text)


def test_windows_line_ends_split_like_unix_ones() -> None:
    # a line ending in a comma joins the next, numbered paragraph into one region; "\r\n"
    # there used to read as two spaces, and pysbd then split the region differently
    lf = ("12.\tThe delegation regards this as a \"shared duty\" - this is the word it uses. "
          "It is a duty binding on any State, no matter which. Is there one among them that "
          "would ignore it?! We do not think so. Several of them, for example Chile and Peru,\n"
          "13.\tThere can be no doubt that these countries see the weight of such a \"duty\", "
          "the patience it requires. An immense effort is needed. We know these problems too.\n")
    crlf = lf.replace("\n", "\r\n")
    want = split_sentences(lf)
    got = split_sentences(crlf)
    assert len(want) >= 5
    assert [s.text.replace("  ", " ") for s in got] == [s.text for s in want]
    for s in got:  # offsets point into the CRLF text itself
        assert crlf[s.start:s.end].replace("\r", " ").replace("\n", " ") == s.text
        assert not crlf[s.start:s.end].endswith(("\r", "\n"))
