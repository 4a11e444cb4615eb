"""Rules added for passages the extractor had not seen (issue 4, robustness on new phrasings).

Each test provokes one rule with a sentence written for it; every figure is a published one
(reference/published_figures.csv, SOURCES.md: the CSC page, the 2018 LCQ table, the 2017 breakdown).
"""

from __future__ import annotations

from datetime import date

import pytest

from transform.figures import Figure, extract_figures
from transform.figures.numbers import find_numbers
from transform.figures.respectively import find_lists


def _keys(text: str, ref: str) -> list[tuple]:
    figures: list[Figure] = extract_figures(text, ref_date=date.fromisoformat(ref))
    return [(f.jurisdiction, f.kind, f.metric, f.category, f.value, f.unit, f.period) for f in figures]


# --- "respectively" / 分別 -------------------------------------------------------------------------------


def test_respectively_spreads_a_list_over_the_periods_of_the_sentence_before():
    text = (
        "The number of online business fraud cases was 1 449 in 2013, 2 375 in 2014 and 1 911 in 2015. "
        "The amounts lost were $43.1 million, $48.4 million and $40.4 million respectively."
    )
    losses = [(k[4], k[6]) for k in _keys(text, "2018-03-28") if k[2] == "loss"]
    assert losses == [(43.1e6, "2013"), (48.4e6, "2014"), (40.4e6, "2015")]


def test_fen_bie_spreads_a_list_over_a_run_of_years_written_in_chinese_numerals():
    text = "二〇一三至二〇一七年，網上商業騙案分別有1 449宗、2 375宗、1 911宗、1 602宗及1 996宗。"
    assert [(k[4], k[6]) for k in _keys(text, "2018-03-28")] == [
        (1449, "2013"),
        (2375, "2014"),
        (1911, "2015"),
        (1602, "2016"),
        (1996, "2017"),
    ]


def test_fen_bie_spreads_changes_over_the_metrics_named_before_them():
    text = "科技罪案今年上半年有3 246宗，損失金額6.9億元，分別上升42.9%及87.1%。"
    changes = [(k[2], k[4]) for k in _keys(text, "2014-07-31") if k[1] == "change_pct"]
    assert changes == [("cases", 42.9), ("loss", 87.1)]


def test_a_period_right_before_fen_bie_belongs_to_every_number_of_the_list():
    text = "上半年科技罪案有16 182宗，涉款26.6億元；去年同期分別為15 637宗及20.3億元。"
    assert [(k[4], k[6]) for k in _keys(text, "2024-08-20")] == [
        (16182, "2024-H1"),
        (2.66e9, "2024-H1"),
        (15637, "2023-H1"),
        (2.03e9, "2023-H1"),
    ]


def test_a_list_needs_separators_between_its_numbers():
    text = "分別有1 449宗，整體罪案則有72 911宗"
    spans = [(n.start, n.end) for n in find_numbers(text)]
    assert find_lists(text, 0, len(text), spans) == []


def test_respectively_spreads_a_list_over_the_categories_named_before_it():
    text = "In the first half of 2024, deception and blackmail cases numbered 19 897 and 1 418 respectively."
    assert _keys(text, "2024-08-10") == [("HK", "level", "cases", "deception", 19897, "count", "2024-H1")]
    kept = extract_figures(text, ref_date=date(2024, 8, 10), include_other_crimes=True)
    assert [(f.value, f.source_label) for f in kept] == [(19897, "deception"), (1418, "blackmail")]


def test_respectively_with_no_item_list_of_the_same_length_changes_nothing():
    text = (
        "Technology crime cases and losses in 2023 were 7,361 and HK$830 million in the first quarter "
        "respectively."
    )
    keys = _keys(text, "2023-05-20")
    assert [(k[2], k[4], k[6]) for k in keys] == [("cases", 7361, "2023-Q1"), ("loss", 830e6, "2023-Q1")]


# --- numbers that are not statistics ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "In reply to part (1) of the question, deception cases numbered 8,861 in 2014.",
        "Overall crime fell 3.2 per cent to 54,225 in 2018, the lowest level since 1971.",
    ],
)
def test_list_markers_and_old_years_are_not_counts(text):
    values = {k[4] for k in _keys(text, "2019-03-01")}
    assert not values & {1, 1971}


def test_duo_chu_after_a_count_is_more_by_not_a_more_than_qualifier():
    figures = extract_figures(
        "今年上半年科技罪案共有15 637宗，比去年同期的10 613宗多出近五成。", ref_date=date(2023, 8, 10)
    )
    base = next(f for f in figures if f.value == 10613)
    assert (base.qualifier, base.period) == ("exact", "2022-H1")


# --- differences, comparisons, periods ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hong Kong recorded 45 315 crimes in the first half of the year, 2 392 more than in the same "
            "period last year.",
            ("change_abs", 2392, "2024-H1"),
        ),
        ("本港上半年共有45 315宗罪案，較去年同期多2 392宗。", ("change_abs", 2392, "2024-H1")),
    ],
)
def test_a_count_more_than_the_period_before_is_a_change(text, expected):
    keys = _keys(text, "2024-08-10")
    assert ("HK", "level", "cases", "overall_crime", 45315, "count", "2024-H1") in keys
    assert (expected[0], expected[1], expected[2]) in {(k[1], k[4], k[6]) for k in keys}


def test_n_cases_or_p_percent_more_than_the_base():
    text = (
        "In the first six months of this year, there were 5 156 violent crimes, 397 cases or 8.3% more than "
        "the 4 759 cases in the first half of 2023."
    )
    assert [(k[1], k[4], k[6]) for k in _keys(text, "2024-08-10")] == [
        ("level", 5156, "2024-H1"),
        ("change_abs", 397, "2024-H1"),
        ("change_pct", 8.3, "2024-H1"),
        ("level", 4759, "2023-H1"),
    ]


def test_a_comparison_period_alone_is_not_the_figures_own_period():
    text = "There were 5 156 violent crimes, up from the 4 759 cases in the first half of 2023."
    assert [(k[4], k[6]) for k in _keys(text, "2024-08-10")] == [(5156, None), (4759, "2023-H1")]


def test_compared_with_the_year_before_last_the_figure_is_of_last_year():
    assert [(k[1], k[4], k[6]) for k in _keys("暴力罪案較前年下跌3.1%，至9 391宗。", "2021-02-02")] == [
        ("change_pct", -3.1, "2020"),
        ("level", 9391, "2020"),
    ]


def test_up_on_a_possessive_year():
    keys = _keys("There were 63,232 crimes last year, up 6.8 per cent on 2019's 59,225.", "2021-02-02")
    assert [(k[1], k[4], k[6]) for k in keys] == [
        ("level", 63232, "2020"),
        ("change_pct", 6.8, "2020"),
        ("level", 59225, "2019"),
    ]


# --- subjects --------------------------------------------------------------------------------------------


def test_a_category_in_another_clause_after_the_number_is_not_its_subject():
    text = "Hong Kong technology crime jumps 47.3 per cent in first half as online scams surge"
    assert [k[3] for k in _keys(text, "2023-08-10")] == ["technology_crime"]


def test_semicolon_items_and_the_whole_they_are_drawn_from():
    text = (
        "Among the deception cases last year, there were 2,064 social media deception cases, involving "
        "$500 million; and 212 investment scams, involving $1.77 billion."
    )
    assert [(k[2], k[3]) for k in _keys(text, "2019-03-01")] == [
        ("cases", "social_media_deception"),
        ("loss", "social_media_deception"),
        ("cases", "investment_fraud"),
        ("loss", "investment_fraud"),
    ]


def test_zui_an_alone_is_all_crime_but_not_after_a_named_crime():
    text = "本港上半年共有45 315宗罪案。三合會相關罪案有959宗。"
    assert [(k[3], k[4]) for k in _keys(text, "2024-08-10")] == [("overall_crime", 45315)]


# --- jurisdiction ----------------------------------------------------------------------------------------


def test_a_simplified_text_about_hong_kong_is_hong_kong():
    text = "警务处处长今日公布本港二〇二三年的治安情况。\n二〇二三年整体罪案数字为90 276宗。"
    assert _keys(text, "2024-02-06") == [("HK", "level", "cases", "overall_crime", 90276, "count", "2023")]


def test_a_simplified_text_that_opens_elsewhere_stays_elsewhere():
    text = "新加坡警方公布，去年当地共发生50 376起诈骗和网络罪案。\n受害者损失总额为6亿5180万元，略减1.3%。"
    assert all(k[0] != "HK" for k in _keys(text, "2024-02-20"))
