"""transform/regex_gate.py `folded_words` / `fold_case`: a case-insensitive pattern is skipped only
where it cannot match.

re's IGNORECASE matches more than `str.lower` says (ſ to s, K to k, İ and ı to i), so the tests check
the fold over every code point, and compare each gate with a plain scan on texts that hold them.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import transform.figures as package
from transform.regex_gate import fold_case, folded_words, may_hold

_EVERY_CHAR = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def test_fold_case_gives_every_character_that_ignorecase_matches_to_an_ascii_one_that_character():
    for ch in string.printable:
        for other in re.findall(re.escape(ch), _EVERY_CHAR, re.IGNORECASE):
            assert fold_case(other) == fold_case(ch), (ch, other)


def test_fold_case_keeps_every_offset():
    assert len(fold_case(_EVERY_CHAR)) == len(_EVERY_CHAR)
    assert fold_case("İstanbul ſcam K") == "istanbul scam k"


@pytest.mark.parametrize(
    ("source", "flags", "expected"),
    [
        (r"\bfrom|compared\s+with", re.I, ("from", "compared")),
        (r"Bureau|Centre", re.I, ("bureau", "centre")),
        (r"預計|expects?", re.I, ("預計", "expect")),
        (r"from", 0, ()),  # a case-sensitive pattern has required_words
        (r"\d+|from", re.I, ()),  # one branch needs no word
        (r"Ésta", re.I, ()),  # a cased letter outside ASCII: not bounded here
    ],
)
def test_folded_words_are_what_every_match_holds_lowered(source, flags, expected):
    assert folded_words(re.compile(source, flags)) == expected


def _case_insensitive_reader_patterns() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    names = [f"transform.figures.{m.name}" for m in pkgutil.iter_modules(package.__path__)]
    names.append("transform.numerals")
    out = []
    for module_name in names:
        for attr, value in vars(importlib.import_module(module_name)).items():
            if isinstance(value, re.Pattern) and (words := folded_words(value)):
                out.append((f"{module_name}.{attr}", value, words))
    return out


def test_the_reader_has_case_insensitive_patterns_with_words():
    assert len(_case_insensitive_reader_patterns()) >= 30


_PIECES = [
    "from ",
    "FROM ",
    "ſince ",
    "ſuch as ",
    "İn the paſt 12 months ",
    "wıthin a year ",
    "crİme ",
    "CRIME ",
    "expected to ",
    "OPERATION ",
    "compared with ",
    "較",
    "去年",
    "包括",
    "自",
    "月",
    "2023",
    " ",
    ",",
    "15 637 cases ",
    "K",
    "raİd ",
    "excludıng ",
    "in twenty nineteen ",
    "TWENTY-ſeven ",
    "half a MİLLİON ",
    "doubled ",
    "twofold ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_a_text_that_a_case_insensitive_reader_pattern_matches_holds_one_of_its_words(text):
    folded = fold_case(text)
    for name, pattern, words in _case_insensitive_reader_patterns():
        if pattern.search(text):
            assert may_hold(words, folded), (name, text)


def test_the_non_ascii_characters_of_the_readers_words_match_only_themselves_under_ignorecase():
    chars = {ch for _n, _p, words in _case_insensitive_reader_patterns() for w in words for ch in w}
    for ch in sorted(c for c in chars if not c.isascii()):
        assert re.findall(re.escape(ch), _EVERY_CHAR, re.IGNORECASE) == [ch], ch
