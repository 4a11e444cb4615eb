"""transform/regex_gate.py: a look-ahead of a pattern's possible first characters changes no match.

The gate is an optimisation only, so every test compares the gated pattern with the plain one:
on hand-picked strings, on random strings over the characters the reader's rules use, and over
every rule of the period parser and the category tables.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transform import periods
from transform.figures import categories_text
from transform.regex_gate import (
    ASCII_LOWER,
    first_char_class,
    gated,
    lowered_source,
    may_hold,
    may_match,
    required_chars,
    required_words,
)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, dict]]:
    return [(m.start(), m.end(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("source", "flags", "expected"),
    [
        (r"(?:the\s+)?first\s+half", re.I, "[tf]"),  # an optional word: its first letter or the next word's
        (r"(?<![a-z])(?:jan|feb)", re.I, "[jf]"),  # a look-behind is zero-width: the word decides
        (r"\d+\s*宗", 0, r"[\d]"),
        (r"(?:截至\s*)?\d+月", 0, r"[截\d]"),
        (r"(?i:crime)s?|罪案", 0, "[Cc罪]"),  # a case-insensitive group in a case-sensitive pattern
    ],
)
def test_first_char_class_holds_every_first_character(source, flags, expected):
    assert first_char_class(re.compile(source, flags)) == expected


@pytest.mark.parametrize("source", [r".+年", r"[^a]b", r"a?", r"(?:x|y?)", r"(?=x)"])
def test_a_first_character_that_cannot_be_bounded_leaves_the_pattern_alone(source):
    pattern = re.compile(source)
    assert first_char_class(pattern) is None
    assert gated(pattern) is pattern


def test_a_pattern_opening_on_a_literal_is_left_alone_since_re_skips_ahead_by_itself():
    pattern = re.compile(r"year[\s-]+on[\s-]+year", re.I)
    assert gated(pattern) is pattern


def test_a_verbose_pattern_ending_in_a_comment_still_compiles_and_matches():
    pattern = re.compile("(?:the\\s+)?first # a comment\n", re.I | re.X)
    assert spans(gated(pattern), "In THE first month") == spans(pattern, "In THE first month")


@pytest.mark.parametrize("source", [r"^\s*(?:cases|reports)", r"(?:^|\A)x|^y", r"\A\d+"])
def test_a_pattern_anchored_at_the_start_is_left_alone_since_re_tries_one_position(source):
    pattern = re.compile(source)
    assert gated(pattern) is pattern


def test_global_inline_flags_are_left_alone():
    pattern = re.compile(r"(?i)(?:the\s+)?first")
    assert gated(pattern) is pattern


def _rules() -> list[re.Pattern[str]]:
    """The plain (ungated) form of every period rule and category pattern the reader scans with."""
    plain = [re.compile(src, periods._FLAGS) for src, _ in periods._RULE_SOURCES]
    plain += [p for p, _key, _needles in categories_text._composite_patterns()]
    return plain


SAMPLES = [
    "In the first half of 2023, 15 637 technology crime cases were recorded, up 47.3%.",
    "截至2024年10月，共錄得33 126宗詐騙案，較去年同期上升百分之四十一點四。",
    "2023年上半年的科技罪案有15 637宗；首7月的網上購物騙案則有5 000宗。",
    "Between March and May 2022 (Q2'22), e-shopping frauds and online investment scams rose.",
    "as of October 2024, up to the end of June, the full year, 1H23, H2 2021, 3Q2020",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_every_rule_finds_the_same_matches_gated_or_not(text):
    for pattern in _rules():
        assert spans(gated(pattern), text) == spans(pattern, text), pattern.pattern[:80]


ALPHABET = st.sampled_from(
    list("the firsthalf quarterQH12 340年月宗上下半首季截至去今同期騙案科技,.%$ \n") + ["2023", "June"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_random_text_gives_the_same_matches_gated_or_not(text):
    for pattern in _rules():
        assert spans(gated(pattern), text) == spans(pattern, text), pattern.pattern[:80]


_GATED = re.compile(r"\(\?=(\[(?:\\.|[^\]\\])*\])\)\(\?:(.*)\)", re.DOTALL)


def _reader_patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(name, gated, plain) for every gated module-level pattern of the figure reader's modules."""
    import importlib
    import pkgutil

    import transform.figures as package

    names = [f"transform.figures.{m.name}" for m in pkgutil.iter_modules(package.__path__)]
    names.append("transform.numerals")
    out = []
    for module_name in names:
        for attr, value in vars(importlib.import_module(module_name)).items():
            if isinstance(value, re.Pattern) and (m := _GATED.fullmatch(value.pattern)):
                source = m.group(2)
                if value.flags & re.VERBOSE and source.endswith("\n"):
                    source = source[:-1]  # the newline gated() adds after a verbose pattern's comment
                out.append((f"{module_name}.{attr}", value, re.compile(source, value.flags)))
    return out


def _fixture_sentences() -> list[str]:
    import json
    from pathlib import Path

    folder = Path(__file__).parents[1] / "fixtures" / "figures"
    files = sorted(folder.glob("*.jsonl"))
    texts = [json.loads(line)["text"] for f in files for line in f.open(encoding="utf-8")]
    return SAMPLES + [s for t in texts for s in re.split(r"(?<=[.。；;])\s*", t) if s]


def test_the_readers_module_patterns_are_gated():
    # the reader's scans over sentences and the words around numbers go through gated_compile
    assert len(_reader_patterns()) >= 80


def test_every_gated_reader_pattern_finds_what_its_plain_form_finds():
    sentences = _fixture_sentences()
    for name, gated_pattern, plain in _reader_patterns():
        for text in sentences:
            assert spans(gated_pattern, text) == spans(plain, text), (name, text)
            assert bool(gated_pattern.match(text)) == bool(plain.match(text)), (name, text)


def group_spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), {g: m.span(g) for g in pattern.groupindex}) for m in pattern.finditer(text)]


def _assert_lowered_rules_agree(text: str) -> None:
    lowered_text = text.translate(ASCII_LOWER)
    assert len(lowered_text) == len(text)
    for src, _ in periods._RULE_SOURCES:
        folded = re.compile(src, periods._FLAGS)
        lowered = re.compile(lowered_source(src), periods._FLAGS & ~re.IGNORECASE)
        assert group_spans(lowered, lowered_text) == group_spans(folded, text), src[:80]


@pytest.mark.parametrize(
    "text", SAMPLES + [s.upper() for s in SAMPLES] + ["IN THE First HALF of 2023, Q3 2Q22 H1"]
)
def test_a_lowered_rule_on_lowered_text_finds_the_spans_of_the_case_insensitive_rule(text):
    _assert_lowered_rules_agree(text)


def test_lowered_source_keeps_escapes_and_group_names():
    assert lowered_source(r"(?P<Half>First)\S+\D(?P=Half)[A-Z]") == r"(?P<Half>first)\S+\D(?P=Half)[a-z]"


MIXED_CASE = st.sampled_from(
    list("the FIRST Half QUARTER qh12 340年月上半首季 ,.") + ["2023", "JUNE", "Jan", "MARCH to May"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(MIXED_CASE, max_size=30).map("".join))
def test_random_mixed_case_text_gives_the_same_spans_lowered_or_folded(text):
    _assert_lowered_rules_agree(text)


# --- required_chars: the characters a match must hold, to skip a scan that cannot match -----------


@pytest.mark.parametrize(
    ("source", "flags", "expected"),
    [
        (r"(?:截至\s*)?\d+\s*月\s*\d+\s*[日號]", 0, {frozenset("月")}),
        (r"今年|去年", 0, {frozenset("今年"), frozenset("去年")}),
        (r"(?:19|20)\d\d年", 0, {frozenset("19年"), frozenset("20年")}),
        (r"first\s+half", 0, {frozenset("firsthalf")}),
        (r"first\s+half", re.I, None),  # either case would do: letters bound nothing
        (r"\d+(?:%|per\s?cent)", 0, {frozenset("%"), frozenset("percnt")}),
        (r"[一二]?月?", 0, None),  # everything optional
    ],
)
def test_required_chars_are_what_every_match_holds(source, flags, expected):
    needs = required_chars(re.compile(source, flags))
    assert (set(needs) if needs else None) == expected


def _chars_rules() -> list[re.Pattern[str]]:
    """The period rules as they are scanned: lowered sources on lowered text."""
    return [p for p, _build in periods._RULES]


@pytest.mark.parametrize("text", SAMPLES)
def test_a_rule_that_matches_a_text_may_match_by_its_required_chars(text):
    lowered = text.translate(ASCII_LOWER)
    for pattern in _chars_rules():
        if pattern.search(lowered):
            assert may_match(required_chars(pattern), set(lowered)), pattern.pattern[:80]


@settings(max_examples=200, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_random_text_never_matches_a_rule_its_required_chars_rule_out(text):
    lowered = text.translate(ASCII_LOWER)
    for pattern in _chars_rules():
        if not may_match(required_chars(pattern), set(lowered)):
            assert pattern.search(lowered) is None, pattern.pattern[:80]


# --- required_words: the words a match must hold, a finer gate where a text holds every letter -------


@pytest.mark.parametrize(
    ("source", "flags", "expected"),
    [
        (r"(?:first|second)\s+half", 0, ("first", "second")),  # the longer words: rarer in a text
        (r"今年|去年", 0, ("今年", "去年")),
        (r"年度?|今年", 0, ("年",)),  # 今年 holds 年: one test is enough
        (r"(?<![a-z])the\s+year", 0, ("year",)),  # a look-behind consumes nothing
        (r"first\s+half", re.I, ()),  # either case would do
        (r"[一二]?月?", 0, ()),  # everything optional
        (r"\d+|half", 0, ()),  # one branch needs no word
    ],
)
def test_required_words_are_what_every_match_holds(source, flags, expected):
    assert required_words(re.compile(source, flags)) == expected


@pytest.mark.parametrize("text", SAMPLES)
def test_a_rule_that_matches_a_text_may_match_by_its_required_words(text):
    lowered = text.translate(ASCII_LOWER)
    for pattern in _chars_rules():
        if pattern.search(lowered):
            assert may_hold(required_words(pattern), lowered), pattern.pattern[:80]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["half", "quarter", "months", "2023", " of ", "the ", "年", "今", "月", "q1", "h1", " "]
        ),
        max_size=12,
    ).map("".join)
)
def test_random_text_never_matches_a_rule_its_required_words_rule_out(text):
    for pattern in _chars_rules():
        if not may_hold(required_words(pattern), text):
            assert pattern.search(text) is None, pattern.pattern[:80]
