"""Which feed items are kept, and the reason recorded for each (issue 4, Collect)."""

from __future__ import annotations

import pytest

from transform.relevance import relevance


@pytest.mark.parametrize(
    ("title", "term"),
    [
        ("Law and order situation in Hong Kong in 2023", "law and order situation"),
        ("Technology-related crimes in Hong Kong surged 47.3%", "technology-related crime"),
        ("Police warn of phishing messages", "phishing"),
        ("Scammers posing as bank staff", "scammer"),
        ("Ransomware attack on a school", "ransomware"),
        ("2023年香港治安情況", "治安情況"),
        ("首七個月科技罪案上升", "科技罪案"),
        ("網上情緣騙案損失增加", "網上情緣"),
        ("警方拘捕涉裸聊勒索男子", "裸聊"),
        ("求職騙案個案上升", "求職騙案"),
        ("電話騙案受害人以長者為主", "電話騙案"),
    ],
)
def test_relevant_titles_are_kept_with_the_matched_term(title, term):
    reason = relevance(title)
    assert reason is not None
    assert reason.startswith("title: ")
    assert f'"{term}"' in reason


@pytest.mark.parametrize(
    "title",
    [
        "Red flags hoisted at beaches",
        "Hot weather warning in force",
        "Temporary traffic arrangements",
        "天文台發出酷熱天氣警告",
        "Scampi festival opens",
        "Deceptively simple recipes",
    ],
)
def test_irrelevant_titles_are_dropped(title):
    assert relevance(title) is None


def test_a_match_in_the_summary_only_is_kept_and_says_where_it_matched():
    reason = relevance("Police appeal for information", "A woman lost money in an investment scam.")
    assert reason == 'text: "scam"'


def test_every_distinct_term_is_listed_once():
    reason = relevance("Fraud and fraud again", "網購騙案 and online shopping fraud")
    assert reason == 'title: "fraud"; text: "online shopping", "fraud", "騙案", "網購"'
