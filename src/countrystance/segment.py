"""Article text -> sentences with character offsets into the original text.

pysbd does the sentence splitting (it knows "U.S.", "Dr.", "p.m."). Before it runs,
the text is cut into *regions* that no sentence may cross, and line breaks inside a
region are turned into spaces, so that:

* hard-wrapped text (lines broken mid-sentence, as in many UN speeches) is joined
  and split where the sentences really end;
* text with one paragraph per line keeps each line break as a boundary, so a
  heading line ("Videos by VICE") never glues onto the next sentence.

Which of the two a document is gets decided from its own line breaks: in wrapped
text most lines end mid-sentence; in paragraph text almost every line ends with
sentence-final punctuation. A few local cues (the next line starts in lower case,
the line ends with a comma or a function word) join lines in either mode.

Every replacement keeps the length of the text, so offsets never shift.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Sentence", "flatten_breaks", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``original[start:end]``, line breaks shown as spaces in ``text``."""

    index: int  # 0-based position in the article
    start: int  # character offset into the original text
    end: int  # exclusive
    text: str  # original[start:end] with each line-break character replaced by one space


# Line-break characters (each replaced by exactly one space: offsets stay valid).
_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_TABLE = str.maketrans({c: " " for c in _BREAK_CHARS})

# A line that ends a sentence: final punctuation, maybe followed by closing quotes/brackets.
_TERMINAL_RE = re.compile(r"""[.!?…:;]["'”’»)\]]*$""")
# A line that certainly continues: ends with a comma, dash, hyphen, open bracket, or a
# word that cannot end a sentence.
_CONTINUES_RE = re.compile(
    r"""(?:[,(\[“‘«/&–—-]|\b(?:the|a|an|of|and|or|nor|to|in|on|at|by|for|from|with|"""
    r"""into|onto|upon|over|under|between|among|against|about|as|than|that|which|who|"""
    r"""whom|whose|its|their|his|her|our|my|your|this|these|those|is|are|was|were|be|"""
    r"""been|has|have|had|will|would|shall|should|can|could|may|might|must|not|no|"""
    r"""but|if|so|all|both|each|every|such|very|more|most|Mr\.|Mrs\.|Ms\.|Dr\.))$"""
)
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")
# Whitespace plus the invisible characters that start many corpus files (BOM, ZWSP).
_STRIP = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(
    chr(c) for c in range(0x2000, 0x200C)
) + "\u2028\u2029\u202f\u205f\u3000\ufeff"


_NUMBER_ONLY_RE = re.compile(r"\(?\d{1,4}[.)]?\)?$")


@lru_cache(maxsize=1)
def _segmenter():  # pysbd has no type stubs
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, without its break characters."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line.rstrip(_BREAK_CHARS))))
        pos += len(line)
    return out


def _starts_lower(s: str) -> bool:
    for ch in s:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
        if ch in "\"'“‘«([":
            continue
        return False
    return False


def _is_wrapped(stripped: list[str]) -> bool:
    """True when most line breaks of the document fall mid-sentence (hard wrapping)."""
    content = [s for s in stripped if s and _HAS_LETTER_RE.search(s)]
    if len(content) < 4:
        return False
    breaks = content[:-1]
    open_ = sum(1 for s in breaks if not _TERMINAL_RE.search(s))
    return open_ / len(breaks) >= 0.4


def _regions(text: str) -> list[tuple[int, int]]:
    """Spans of the text that no sentence crosses (paragraphs, joined wrapped lines)."""
    lines = _lines(text)
    stripped = [text[a:b].strip(_STRIP) for a, b in lines]
    wrapped = _is_wrapped(stripped)
    lengths = sorted(len(s) for s in stripped if s)
    # in wrapped text a line far shorter than the wrap width, with no final punctuation,
    # is a heading or a signature ("Videos by VICE"), not the middle of a sentence
    short = lengths[len(lengths) // 2] * 0.5 if lengths else 0
    regions: list[tuple[int, int]] = []
    cur_start: int | None = None
    cur_end = 0
    last_content = ""  # the last line with letters in the current region
    blank_since = False  # a blank line separates the current region from this line
    for (a, b), s in zip(lines, stripped, strict=True):
        if not s:
            blank_since = True
            continue
        lead = a + (len(text[a:b]) - len(text[a:b].lstrip(_STRIP)))
        trail = b - (len(text[a:b]) - len(text[a:b].rstrip(_STRIP)))
        if cur_start is None:
            cur_start, cur_end, last_content, blank_since = lead, trail, s, False
            continue
        has_letters = bool(_HAS_LETTER_RE.search(s))
        if not has_letters:
            join = not _TERMINAL_RE.search(last_content)  # page numbers etc. inside a sentence
        elif _starts_lower(s):
            join = not _TERMINAL_RE.search(last_content) or not blank_since
        elif blank_since:
            join = False
        elif _CONTINUES_RE.search(last_content):
            join = True
        else:
            join = wrapped and len(last_content) >= short
        if join:
            cur_end = trail
        else:
            regions.append((cur_start, cur_end))
            cur_start, cur_end = lead, trail
        if has_letters:
            last_content = s
        blank_since = False
    if cur_start is not None:
        regions.append((cur_start, cur_end))
    return regions


# A region with none of these before its last character is one sentence: pysbd would not
# split it (checked on 85,393 regions of the headline and UN corpora: 49,000 such regions,
# pysbd's answer the same for all), and skipping pysbd there halves segmenting time on
# headlines. Quotes and brackets are excluded because pysbd splits after a quoted or
# bracketed opening ('"Lonesome George" The last ...').
_MAY_SPLIT = re.compile(r"[.!?…\"“”‘’()\[\]]|'(?![a-z])")


# Plain prose needs no pysbd either: where every [.?] inside the region follows an ordinary
# lower-case word (not one of pysbd's abbreviations) and precedes a space and a capital, and
# nothing else that pysbd treats specially occurs (quotes, brackets, ellipses, "!", "--",
# abbreviations with inner periods, numbers before a period), pysbd splits after each of
# them. Checked on 155,000 such regions of three samples of the UN and headline corpora
# (63% of the regions pysbd would see): the same sentences for all, in a twentieth of the time.
_PLAIN_UNSAFE = re.compile(r"[\"“”‘«»()\[\]{}…!]|['’](?![a-z])|--")
_PLAIN_STOP = re.compile(r"[.?]")


@lru_cache(maxsize=1)
def _pysbd_abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English

    abbr = English.Abbreviation
    return frozenset({a.strip().lower() for a in abbr.ABBREVIATIONS}
                     | set(abbr.PREPOSITIVE_ABBREVIATIONS) | set(abbr.NUMBER_ABBREVIATIONS))


def _plain_split(body: str, offset: int) -> list[tuple[int, int]] | None:
    """Sentence spans of plain prose (see above), or None when pysbd must decide."""
    if _PLAIN_UNSAFE.search(body):
        return None
    n, s0, spans = len(body), 0, []
    for m in _PLAIN_STOP.finditer(body, 0, n - 1):
        p = m.start()
        if not body[p + 1].isspace():
            return None  # "U.S.", "e.g.", "3.5"
        q = p + 1
        while q < n and body[q].isspace():
            q += 1
        if q >= n or not ("A" <= body[q] <= "Z"):
            return None
        if _NUMBER_ONLY_RE.fullmatch(body, s0, p + 1):
            continue  # a paragraph number ("12.") belongs to the sentence after it
        # the word before the stop: within this sentence, so the lookup stays linear in the region
        words = body[s0:p].rsplit(None, 1)
        w = words[-1] if words else ""
        if not (len(w) >= 2 and w.isascii() and w.isalpha() and w[1:].islower()) \
                or w.lower() in _pysbd_abbreviations():
            return None  # "Mr.", "No.", "UN.", "1945."
        spans.append((offset + s0, offset + p + 1))
        s0 = q
    spans.append((offset + s0, offset + n))
    return spans


# pysbd's time grows faster than linearly with its input (a 400k-character paragraph took
# half a minute: some of its rules rescan the whole text once per match), so a long region
# goes to it in windows of at most _WINDOW characters. Of each window's sentences, the last
# (which the window's end may cut short) and any that end within _MARGIN of that end (pysbd
# looks a few words ahead) are left to the next window, which starts where the first of
# them starts. A window in which no sentence ends before that point lies inside one long
# sentence: the next window starts _MARGIN before its end and continues that sentence.
# Checked against pysbd on whole regions: the same sentences on 300 UN speeches and 2,000
# headlines; of the 354 regions longer than a window in the whole of both corpora, 351 the
# same, and 3 where pysbd on the whole region had paired an unclosed quote with one
# thousands of characters later and made one "sentence" (840 to 9,900 characters) of it all.
_WINDOW = 5_000
_MARGIN = 300


def _pysbd(text: str) -> list[str]:
    try:
        # The processor alone: Segmenter.segment() also aligns char spans with a
        # regex per sentence, which costs as much again and which we do ourselves.
        return _segmenter().processor(text).process()
    except Exception:  # pysbd can raise on odd input; keep the text whole
        return [text]


def _pysbd_spans(chunk: str) -> list[tuple[int, int]]:
    """Sentence spans (offsets into ``chunk``) by pysbd, fed windows of bounded size."""
    spans: list[tuple[int, int]] = []

    def keep(s: int, e: int) -> None:
        if spans and _NUMBER_ONLY_RE.match(chunk, spans[-1][0], spans[-1][1]):
            # a paragraph number ("177.") split off by pysbd belongs to the sentence after it
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))

    n = len(chunk)
    pos = 0
    carry: int | None = None  # start of a sentence that began in an earlier window
    while True:
        final = pos + _WINDOW >= n
        end = n
        if not final:
            end = pos + _WINDOW
            space = chunk.rfind(" ", pos + _WINDOW // 2, end)  # pysbd sees whole words
            if space > 0:
                end = space
        window = chunk[pos:end]
        found: list[tuple[int, int]] = []
        cursor = 0
        aligned = True
        for sent in _pysbd(window):
            piece = sent.strip(_STRIP)
            if not piece:
                continue
            at = window.find(piece, cursor)
            if at < 0:  # pysbd changed the text
                aligned = False
                break
            found.append((pos + at, pos + at + len(piece)))
            cursor = at + len(piece)
        if carry is not None and found:
            found[0] = (carry, found[0][1])
            carry = None
        if final or (not aligned and not found):
            for s, e in found:
                keep(s, e)
            rest = pos + cursor if carry is None else carry
            if not aligned or carry is not None:
                # pysbd changed the text (or gave nothing): keep the rest of the region whole
                rest += len(chunk) - rest - len(chunk[rest:].lstrip(_STRIP))
                if rest < n:
                    spans.append((rest, len(chunk.rstrip(_STRIP))))
            return spans
        # the last sentence may be cut short by the window's end, and so may text pysbd changed
        done = [f for f in (found if not aligned else found[:-1]) if f[1] <= end - _MARGIN]
        if done:
            for s, e in done:
                keep(s, e)
            pos = found[len(done)][0] if len(done) < len(found) else pos + cursor
        else:  # inside one long sentence: the next window continues it
            if found:
                carry = found[0][0]
            elif carry is None and window.strip(_STRIP):  # never drop text pysbd gave nothing for
                carry = pos + len(window) - len(window.lstrip(_STRIP))
            nxt = chunk.find(" ", end - _MARGIN, end)
            pos = nxt if nxt >= 0 else end - _MARGIN


def _split_region(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets) inside one region, via pysbd."""
    chunk = text[start:end].translate(_BREAK_TABLE)
    body = chunk.strip(_STRIP)
    if not body:
        return []
    lead = len(chunk) - len(chunk.lstrip(_STRIP))
    if not _MAY_SPLIT.search(body, 0, len(body) - 1):
        return [(start + lead, start + lead + len(body))]
    plain = _plain_split(body, start + lead)
    if plain is not None:
        return plain
    return [(start + s, start + e) for s, e in _pysbd_spans(chunk)]


def flatten_breaks(text: str) -> str:
    """Each line-break character as one space: how a sentence's text reads (same length)."""
    return text.translate(_BREAK_TABLE)


def split_sentences(text: str) -> list[Sentence]:
    """Split an article into sentences whose offsets point into ``text`` itself."""
    if not text or not text.strip(_STRIP):
        return []
    # Windows line ends split as Unix ones do: "\r\n" would read as two spaces inside a
    # region, which pysbd takes for a different text (a CRLF copy of 60 UN speeches split 18
    # of them otherwise). The splitting runs on "\n" alone; offsets are mapped back.
    plain = text.replace("\r\n", "\n") if "\r\n" in text else text
    # for each "\n" that lost its "\r", its index in ``plain``
    lost = [m.start() - i for i, m in enumerate(re.finditer("\r\n", text))] if plain is not text else []
    out: list[Sentence] = []
    for r_start, r_end in _regions(plain):
        for s, e in _split_region(plain, r_start, r_end):
            if lost:
                s, e = s + bisect_left(lost, s), e + bisect_left(lost, e)
            out.append(Sentence(len(out), s, e, text[s:e].translate(_BREAK_TABLE)))
    return out
