"""Rules read from blind round 10's errors in session 14 (issue 8).

Round 10 was written while round 9 was being read and scored once with the reader at the session's
start (adb196d); round 11 was written while round 10 was read, and scored with the reader before
round 10's rules (60c0c2e). Each rule is tested in words of this file's own, not the passages': the
series' figures are published ones (../shared/reference/published_figures.csv and the dev corpus'
expected lists), the quantities beside them (one policyholder, an office's complaints) are made up.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.transform.test_figures_blind import _figs, _keys
from tests.transform.test_figures_restated import _fig
from transform.figures.model import Figure
from transform.figures.restated import is_rounding_of

# --- when ----------------------------------------------------------------------------------------


def test_the_same_months_opening_a_sentence_are_the_months_just_named() -> None:
    text = (
        "In the first nine months of this year police logged 2,252 job scams. Over the same nine months, "
        "telephone deception rose 130 per cent to 1,687 cases, from 735."
    )
    keys = _keys(text, "2022-11-21")
    assert ("HK", "telephone_deception", "cases", "change_pct", 130, "2022-01/2022-09") in keys
    assert ("HK", "telephone_deception", "cases", "level", 735, "2021-01/2021-09") in keys


def test_that_year_is_the_year_of_the_date_named_before_it() -> None:
    text = (
        "When the anti-scam centre opened in July 2017, investment scams were rare: that year police "
        "recorded 208 cases of investment fraud."
    )
    assert ("HK", "investment_fraud", "cases", "level", 208, "2017") in _keys(text, "2022-08-01")


def test_a_change_in_apposition_to_a_level_is_the_level_s_period() -> None:
    text = "Technology crime kept growing: 8,322 cases in 2019, then 12,916 last year, a jump of 55 per cent."
    keys = _keys(text, "2021-05-12")
    assert ("HK", "technology_crime", "cases", "change_pct", 55, "2020") in keys
    assert ("HK", "technology_crime", "cases", "level", 12916, "2020") in keys


def test_a_list_of_one_count_goes_on_counting_its_label() -> None:
    text = "How technology crime grew.\n\nChart 1, cases: 8,322 in 2019, then 12,916 last year."
    assert ("HK", "technology_crime", "cases", "level", 12916, "2020") in _keys(text, "2021-05-12")


# --- which crime ---------------------------------------------------------------------------------


def test_the_main_clause_after_a_concession_has_its_own_subject() -> None:
    text = (
        "While overall crime fell 3.2 per cent last year to 54,225 cases, deception went the other way, "
        "rising 18.1 per cent to 8,372 cases."
    )
    keys = _keys(text, "2019-02-18")
    assert ("HK", "deception", "cases", "change_pct", 18.1, "2018") in keys
    assert ("HK", "deception", "cases", "level", 8372, "2018") in keys
    assert ("HK", "overall_crime", "cases", "level", 54225, "2018") in keys


def test_the_level_a_change_reaches_after_a_comma_is_the_change_s() -> None:
    text = (
        "Last year overall crime fell 4.6 per cent to 30,871 cases, "
        "and fraud rose only about 7 per cent, to 8,699."
    )
    keys = _keys(text, "2021-08-05")
    assert ("HK", "deception", "cases", "level", 8699, "2020") in keys


def test_it_rose_by_cases_or_per_cent_to_a_level() -> None:
    text = (
        "Police recorded 75,936 crimes last year. Deception was another matter. "
        "It rose by 482 cases, or 8.5 per cent, to 6,134."
    )
    assert ("HK", "deception", "cases", "level", 6134, "2011") in _keys(text, "2012-01-19")


def test_a_rate_reached_is_not_a_count() -> None:
    text = "Deception rose last year. The detection rate increased by about 3.5 per cent, to 35.7."
    assert not [f for f in _figs(text, "2021-08-01") if f.value == 35.7 and f.metric == "cases"]


def test_a_change_reaching_a_number_of_cases_counts_cases() -> None:
    text = (
        "In the first half of this year, romance scams, in which fraudsters win trust before asking "
        "for money, rose 91.6 per cent to 822 cases."
    )
    keys = _keys(text, "2021-08-05")
    assert ("HK", "romance_scam", "cases", "change_pct", 91.6, "2021-H1") in keys


def test_a_partitive_opening_and_a_crime_compared_with_are_not_the_subject() -> None:
    text = (
        "去年全港共錄得39,824宗詐騙案。在各類騙案之中，投資騙案最令人頭痛。"
        "這類案件去年有6,330宗，宗數雖不及網購騙案，但損失高達32億元。"
    )
    keys = _keys(text, "2024-03-28")
    assert ("HK", "investment_fraud", "cases", "level", 6330, "2023") in keys
    assert ("HK", "investment_fraud", "loss", "level", 3_200_000_000, "2023") in keys


@pytest.mark.parametrize("name", ["Webcam blackmail", "Video chat blackmail"])
def test_naked_chat_blackmail_named_by_its_tool(name: str) -> None:
    text = (
        f"{name} has grown in Hong Kong:\n\n2012: 60 cases, HK$100,000 lost\n2013: 477 cases, HK$1.7 million"
    )
    keys = _keys(text, "2015-11-02")
    assert ("HK", "naked_chat_blackmail", "cases", "level", 477, "2013") in keys


def test_all_crime_heads_a_column_of_overall_crime() -> None:
    text = "Year | All crime | Deception\n2021 | 64,428 | 19,249\n2022 | 70,048 | 27,923"
    keys = _keys(text, "2024-03-01")
    assert ("HK", "overall_crime", "cases", "level", 70048, "2022") in keys
    assert ("HK", "deception", "cases", "level", 27923, "2022") in keys


# --- tables and lines ----------------------------------------------------------------------------


def test_a_one_measure_year_table_apart_by_single_spaces() -> None:
    text = (
        "Table 1\nDeception cases, 2019 to 2023\nYear Number of cases\n"
        "2019 8 216\n2020 15 553\n2021 19 249\n2022 27 923\n2023 39 824\nSource: police records"
    )
    keys = _keys(text, "2024-04-29")
    assert ("HK", "deception", "cases", "level", 8216, "2019") in keys
    assert ("HK", "deception", "cases", "level", 15553, "2020") in keys
    assert ("HK", "deception", "cases", "level", 39824, "2023") in keys
    assert len({k for k in keys if k[1] == "deception"}) == 5


def test_a_section_number_is_no_count() -> None:
    text = "1.4 Deception cases. The number of deception cases reached 39 824 in 2023."
    assert {f.value for f in _figs(text, "2024-04-29")} == {39824}


# --- where ---------------------------------------------------------------------------------------


def test_a_government_simplified_release_dated_in_brackets_is_hong_kong_s() -> None:
    text = "警方今日（八月九日）表示，今年上半年共接获1 625宗求职骗案，涉及损失2.116亿元。"
    keys = _keys(text, "2022-08-09")
    assert ("HK", "employment_fraud", "cases", "level", 1625, "2022-H1") in keys


def test_a_taiwan_release_naming_hong_kong_as_a_partner_is_taiwan_s() -> None:
    text = (
        "刑事局：去年詐騙案件逾三萬件\n"
        "內政部警政署刑事警察局今日表示，去年共受理詐騙案件37 823件，財損約新臺幣88.6億元。"
        "刑事局並表示，將與香港、澳門警方加強情資交換。"
    )
    assert not [f for f in _figs(text, "2024-02-20") if f.jurisdiction == "HK"]


# --- not statistics ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Fraud cases rose last year. Our add-on reimburses up to HK$200,000 per incident.",
        "Fraud cases rose last year. One policyholder who paid HK$38,000 for a sofa was reimbursed.",
        "Fraud cases rose last year. The Office received 57 complaints about scam reports.",
        "Deception cases rose last year. My mother, who is 78, was one of those victims.",
        "VIDEO | Scam season (14 min): how fraud grew last year.",
    ],
)
def test_cover_claims_complaints_ages_and_durations_are_no_figures(text: str) -> None:
    assert not _figs(text, "2024-03-10")


def test_one_of_those_points_at_a_figure_already_read() -> None:
    text = "Police recorded 39,824 deception cases last year. My mother was one of those 39,824."
    figures = _figs(text, "2024-02-20")
    assert [(f.category, f.value) for f in figures] == [("deception", 39824)]


def test_a_correction_that_names_the_wrong_number_after_it() -> None:
    text = "【更正】本報昨日報道今年首十個月詐騙案損失「逾70萬元」，數字有誤，正確應為逾70億元。"
    values = {f.value for f in _figs(text, "2024-12-13")}
    assert 700_000 not in values and 7_000_000_000 in values


# --- restatements --------------------------------------------------------------------------------


def _pct(value: float) -> Figure:
    return replace(_fig(value), unit="percent", kind="change_pct", metric="loss")


@pytest.mark.parametrize(
    ("written", "precise", "expected"),
    [("六成半", 66.5, True), ("六成", 62.3, True), ("六成", 66.5, False), ("65%", 66.5, False)],
)
def test_a_percentage_in_cheng_is_rounded_to_its_tenths(written: str, precise: float, expected: bool) -> None:
    rough = 65.0 if "半" in written or "%" in written else 60.0
    assert is_rounding_of(_pct(rough), _pct(precise), written) is expected


def test_a_headline_in_cheng_restates_the_body() -> None:
    text = "騙案損失大增六成半\n上半年共錄得19,897宗詐騙案，涉及金額達44.8億元，按年急升66.5%。"
    changes = [f.value for f in _figs(text, "2024-08-10") if f.kind == "change_pct"]
    assert changes == [66.5]


def test_a_headline_that_tops_a_round_number_restates_the_body() -> None:
    text = (
        "Online shopping scams top 11 500\nPolice recorded 11 559 cases of online shopping fraud last year."
    )
    values = [f.value for f in _figs(text, "2025-04-17") if f.metric == "cases"]
    assert values == [11559]
