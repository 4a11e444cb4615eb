"""The reader skips a category, metric or place pattern whose words are absent from the text.

A skip must never lose a match: each test compares the reader's lookup with trying every pattern
of the table (the slow way it worked before) on texts that hold the tricky cases: plurals made with
"ies", hyphenated terms, upper case, Chinese terms inside English text and the reverse.
"""

from __future__ import annotations

import pytest

from transform.figures import categories_text as cats
from transform.figures import jurisdictions

TEXTS = [
    "Burglaries fell, but e-shopping FRAUDS and online-investment scams rose in the first half.",
    "Technology crime cases: 15 637. 科技罪案上升 47.3%，網上購物騙案及電話騙案亦上升。",
    "科技罪案共15 637宗, including WhatsApp hijacking and 'naked chat' blackmail.",
    "Singapore police and the Macao Judiciary Police said cases in Hong Kong and Taiwan rose.",
    "新加坡警方表示，香港及澳門的個案亦有上升；台灣警政署未有公布。",
    "Deception cases numbered 39 824, and the money lost exceeded $9 billion.",
]


def brute_force_terms(text: str, table: str) -> list[cats.Term]:
    taken: list[cats.Term] = []
    for pattern, key, _needles in cats._compiled(table):
        for m in pattern.finditer(text):
            if not any(t.start < m.end() and m.start() < t.end for t in taken):
                taken.append(cats.Term(m.start(), m.end(), key, m.group()))
    return sorted(taken, key=lambda t: t.start)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("table", ["category", "metric"])
def test_needles_skip_only_patterns_that_cannot_match(text, table):
    assert cats._find(text, table) == brute_force_terms(text, table)


def test_every_match_of_a_composite_pattern_holds_one_of_its_needles():
    texts = [
        "frauds involving online shopping, scams via social media, deception on dating apps",
        "crimes related to the use of technology, technology-related offences, violent crimes",
        "涉及網購的騙案, 網上購物相關的詐騙, 科技相關的罪案, 與科技有關的罪行",
    ]
    found = 0
    for pattern, _key, needles in cats._composite_patterns():
        for text in texts:
            for m in pattern.finditer(text):
                found += 1
                assert any(n in m.group().lower() for n in needles), (m.group(), needles)
    assert found >= 6


def test_a_plural_in_ies_still_has_its_needle():
    assert cats._needle("burglary") == "burglar"
    assert cats._needle("e-shopping fraud") == "e"
    assert cats._needle("騙案") == "騙案"


@pytest.mark.parametrize("text", TEXTS)
def test_place_terms_absent_from_the_text_are_not_tried(text):
    brute: list[jurisdictions.Place] = []
    for pattern, code, _term in jurisdictions._PATTERNS:
        for m in pattern.finditer(text):
            if not any(p.start < m.end() and m.start() < p.end for p in brute):
                brute.append(jurisdictions.Place(m.start(), m.end(), code))
    assert jurisdictions.find_places(text) == sorted(brute, key=lambda p: p.start)


def test_the_place_samples_name_the_places_they_name():
    codes = {p.code for text in TEXTS[3:5] for p in jurisdictions.find_places(text)}
    assert {"HK", "MO", "TW", "SG"} <= codes
