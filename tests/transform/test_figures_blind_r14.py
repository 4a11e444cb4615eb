"""Rules read from blind round 14's errors in session 15 (issue 8).

Round 14 was written while round 12 was read, scored with the reader after round 11's rules (f9e0e4a)
and read at the end of session 15, after rounds 12 and 13's rules; round 15 stays unread. Each rule is
tested in words of this file's own, not the passages': the series' figures are published ones (the dev
corpus' expected lists), the quantities beside them (a firm's profit, a drill's recipients) are made up.
"""

from __future__ import annotations

from tests.transform.test_figures_blind import _keys


def test_a_thread_s_item_numbers_are_labels() -> None:
    text = (
        "[Thread] The 2024 crime figures\n"
        "1/ Overall crime in 2024: 94,747 cases, up 5% on 2023.\n"
        "2/ Deception: 44,480 cases, up 11.7%."
    )
    keys = _keys(text, "2025-02-13")
    assert ("HK", "overall_crime", "cases", "level", 94747, "2024") in keys
    assert ("HK", "deception", "cases", "level", 44480, "2024") in keys
    assert not [k for k in keys if k[4] in (1, 2)]


def test_a_year_after_early_or_late_is_no_count() -> None:
    text = (
        "Investment scams jump in early 2022\nThere were 243 investment fraud cases in January and February."
    )
    assert not [k for k in _keys(text, "2022-05-07") if k[4] == 2022]


def test_a_firm_s_profit_and_visitors_are_not_the_series() -> None:
    text = (
        "Trader blames payment fraud for weaker results\n"
        "A Hong Kong-listed trader said its profit for 2012 fell 8 per cent to HK$412 million, partly "
        "because of a one-off loss after a fraudster diverted a payment. "
        "Police figures show e-mail scams rose about 177 per cent last year to 430 cases."
    )
    keys = _keys(text, "2013-02-06")
    assert ("HK", "email_scam", "cases", "level", 430, "2012") in keys
    assert not [k for k in keys if k[4] in (412000000, -8)]
    zh = "今年上半年訪港旅客人次按年大跌九成以上。警方公布，上半年整體罪案32 345宗，升27.9%。"
    assert not [k for k in _keys(zh, "2020-08-03") if k[4] == -90]


def test_a_place_whose_cases_continued_to_rise_is_where_the_story_is() -> None:
    text = (
        "Scam cases in Singapore continued to rise last year, its police said. About 51 500 scam cases "
        "were reported. The police noted joint operations with counterparts in Hong Kong."
    )
    assert not [k for k in _keys(text, "2025-06-04") if k[0] == "HK"]


def test_recipients_of_a_drill_are_no_cases() -> None:
    text = (
        "In October our IT office sent a mock phishing e-mail to 6,000 staff. "
        "1,150 recipients reported it, nearly twice as many as in last year's drill."
    )
    assert not [k for k in _keys(text, "2023-11-05") if k[4] == 1150]
