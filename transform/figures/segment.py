"""Paragraphs, sentences and clauses of a news text, as character spans of the original text.

Figures are read sentence by sentence; inside a sentence the clause (comma, semicolon or bracket
delimited) is the first place to look for the words that describe a number. Spans, not copies, are
returned so that every figure keeps its exact position in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from transform.figures.lines import opens_on_its_number
from transform.regex_gate import gated_compile

__all__ = ["Sentence", "split_sentences"]

_ABBREVIATIONS = (
    "no",
    "nos",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "vs",
    "approx",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "inc",
    "co",
    "ltd",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "prof",
    "gov",
    "sen",
)
# A sentence ends at 。！？ (Chinese), at ! ? … , or at a full stop followed by space and a capital,
# a quote, a digit or a Chinese character (not after a known abbreviation); a full stop inside a
# closing quote ends it too ('... in 2019." He noted').
_END_RE = gated_compile(
    r"[。！？!?]+[」』”\"']?|…+|\.(?=\s+[\"'“‘(\[A-Z0-9\u4e00-\u9fff])|\.[”\"’']+(?=\s+[“‘(\[A-Z])|\.$"
)
_CLAUSE_PUNCT = gated_compile(r"(?<!\d),|,(?!\d)|[;:，；：、|]")  # "|": cells of a line of a fact box
_OPEN, _CLOSE = "([（【[", ")]）】]"
_BRACKET = gated_compile("[" + re.escape(_OPEN + _CLOSE) + "]")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its span, the paragraph it belongs to, and its clause boundaries."""

    start: int
    end: int
    paragraph: int
    text: str

    @cached_property
    def _cuts(self) -> list[int]:
        """Offsets (in the sentence) of every clause boundary, sorted: found once per sentence."""
        cuts = [m.start() for m in _CLAUSE_PUNCT.finditer(self.text)]
        cuts += [m.start() for m in _BRACKET.finditer(self.text)]
        return sorted(cuts)

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        """Start and end (absolute offsets) of the clause holding absolute position `pos`."""
        rel = pos - self.start
        cuts = self._cuts
        i = bisect_left(cuts, rel)  # cuts[i - 1] < rel <= cuts[i]
        before = cuts[i - 1] + 1 if i > 0 else 0
        after = cuts[i] if i < len(cuts) else len(self.text)
        return self.start + before, self.start + after

    @cached_property
    def _brackets(self) -> list[tuple[int, bool]]:
        """(offset, opens) of every bracket in the sentence, in order: found once per sentence."""
        return [(m.start(), m.group() in _OPEN) for m in _BRACKET.finditer(self.text)]

    def in_brackets(self, pos: int) -> bool:
        """Whether absolute position `pos` lies inside ( ) or [ ] within this sentence."""
        rel, depth = pos - self.start, 0
        for offset, opens in self._brackets:
            if offset >= rel:
                break
            if opens:
                depth += 1
            elif depth:
                depth -= 1
        return depth > 0


_LONGEST_ABBREVIATION = 40


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(
        r"([A-Za-z.]+)$", text[max(0, dot - _LONGEST_ABBREVIATION) : dot]
    )  # linear, not quadratic
    return bool(word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS)


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cursor = [], start
    for m in _END_RE.finditer(text, start, end):
        if m.group().startswith(".") and _is_abbreviation(text, m.start()):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
    spans.append((cursor, end))
    return spans


# A line that runs on: an English line ending in a small letter, a digit or a comma, the next going on
# with a small letter, a number or an amount ("reached\n15,637, with losses of\nHK$2.03 billion"); a
# long Chinese line of prose (no space, no end mark near its end) followed by more Chinese.
_WRAPPED_EN_BEFORE = gated_compile(r"[a-z0-9,]$")
_WRAPPED_EN_AFTER = gated_compile(r"(?:[a-z(]|\d|HK\$|US\$|\$)")
_WRAPPED_ZH_LINE = 25  # a Chinese line this long is wrapped prose, not a headline or a caption
_WRAPPED_ZH_TAIL = gated_compile(r"[\u4e00-\u9fff，、（）「」\d,()%.]{25}$")  # half-width marks too
_CJK_CHAR = gated_compile(r"[\u4e00-\u9fff]")


def _paragraph_breaks(text: str) -> list[tuple[int, int]]:
    """Spans of the line breaks that end a paragraph: every break but a hard wrap inside a sentence."""
    breaks = []
    for m in re.finditer(r"\n\s*", text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.group().count("\n") == 1 and _wrapped(
            text[line_start : m.start()], text[m.end() : m.end() + 40]
        ):
            continue
        breaks.append(m.span())
    return breaks


# A table row of a year and its value ("2019 8 216", "2020\t15 553"): a row of its own, not a wrap.
_YEAR_ROW = gated_compile(r"(?:19|20)\d\d(?:年)?[ \t]+[\d(（]")


def _wrapped(line: str, next_start: str) -> bool:
    if opens_on_its_number(next_start) or _YEAR_ROW.match(next_start):
        return False
    if _WRAPPED_EN_BEFORE.search(line) and _WRAPPED_EN_AFTER.match(next_start):
        return True
    return bool(_WRAPPED_ZH_TAIL.search(line)) and bool(_CJK_CHAR.match(next_start[:1]))


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text` in order, stripped of surrounding space, with their paragraph number.

    A paragraph ends at a line break, except where a line is only wrapped (`_wrapped`): text copied
    from a PDF or a fixed-width release breaks its sentences across lines."""
    sentences = []
    para_start = 0
    cuts = _paragraph_breaks(text) + [(len(text), len(text))]
    for index, (brk_start, brk_end) in enumerate(cuts):
        for s, e in _sentence_spans(text, para_start, brk_start):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                sentences.append(Sentence(s, e, index, text[s:e]))
        para_start = brk_end
    return sentences
