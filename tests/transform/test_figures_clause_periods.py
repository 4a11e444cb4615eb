"""A month named without its year, and a clause's own period beating the one carried from earlier text.

Figures are published ones (reference/published_figures.csv; SOURCES.md section 1.2 monthly values);
the sentences are written for the tests.
"""

from __future__ import annotations

from datetime import date

from transform.figures import Figure, extract_figures


def _figs(text: str, ref: str) -> list[Figure]:
    return extract_figures(text, ref_date=date.fromisoformat(ref))


def _keys(figures: list[Figure]) -> list[tuple]:
    return [(f.category, f.metric, f.value, f.period) for f in figures]


def test_month_without_year_takes_the_year_the_text_is_about() -> None:
    text = (
        "Hong Kong recorded 94,747 crimes in 2024.\n\n"
        "In December alone, 8,107 crimes were reported, 786 of them violent."
    )
    assert _keys(_figs(text, "2025-01-24")) == [
        ("overall_crime", "cases", 94747, "2024"),
        ("overall_crime", "cases", 8107, "2024-12"),
        ("violent_crime", "cases", 786, "2024-12"),
    ]


def test_chinese_month_without_year_takes_the_year_of_the_month_before_it() -> None:
    text = "警方數字顯示，今年1月有5815宗罪案，2月則回落至3297宗。"
    assert [(f.value, f.period) for f in _figs(text, "2022-10-20")] == [(5815, "2022-01"), (3297, "2022-02")]


def test_month_without_year_and_no_period_in_the_text_is_the_latest_ended_one() -> None:
    figs = _figs("In December, 8,107 crimes were reported.", "2025-01-24")
    assert [(f.value, f.period, f.period_type) for f in figs] == [(8107, "2024-12", "month")]


def test_when_clause_after_a_year_belongs_to_that_year_not_the_carried_one() -> None:
    text = (
        "The Police reviewed the crime situation in 2023. A total of 90,276 crimes were recorded last year, "
        "28.9% more than in 2022, when 70,048 cases were reported."
    )
    levels = [(f.value, f.period) for f in _figs(text, "2024-02-06") if f.kind == "level"]
    assert levels == [(90276, "2023"), (70048, "2022")]


def test_sentence_opening_with_same_period_of_a_year_gives_it_to_all_its_figures() -> None:
    text = "今年第一季科技罪案有7680宗。2023年同期則有7361宗，損失8.3億元。"
    assert _keys(_figs(text, "2025-05-20")) == [
        ("technology_crime", "cases", 7680, "2025-Q1"),
        ("technology_crime", "cases", 7361, "2023-Q1"),
        ("technology_crime", "loss", 830000000, "2023-Q1"),
    ]


def test_a_later_period_in_the_sentence_stops_the_opening_one() -> None:
    text = "2023年同期有7361宗科技罪案；今年第一季則有7680宗。"
    assert [(f.value, f.period) for f in _figs(text, "2025-05-20")] == [(7361, "2023-Q1"), (7680, "2025-Q1")]
