"""Rules added after the third blind set: event years, comparison levels, year lists, labels.

Every figure is a published one (reference/published_figures.csv, SOURCES.md section on LCQ19
2018-03-28); the sentences are written for the tests.
"""

from __future__ import annotations

from datetime import date

from transform.figures import Figure, extract_figures


def _figs(text: str, ref: str) -> list[Figure]:
    return extract_figures(text, ref_date=date.fromisoformat(ref))


def _keys(figures: list[Figure]) -> list[tuple]:
    return [(f.category, f.metric, f.value, f.period) for f in figures]


def test_a_year_dating_an_event_does_not_become_the_period_of_later_figures() -> None:
    text = (
        "Technology crime rose in the first half of 2023.\n\n"
        "The bureau has made the fight against technology crime a priority since 2012.\n\n"
        "A total of 15,637 technology crime cases were reported."
    )
    assert _keys(_figs(text, "2023-08-05")) == [("technology_crime", "cases", 15637, "2023-H1")]


def test_chinese_year_after_zi_and_before_qi_dates_an_event() -> None:
    text = "今年上半年科技罪案錄得15637宗。警方自2012年起已將打擊科技罪行列為首要項目。去年同期有10613宗。"
    got = _keys(_figs(text, "2023-08-05"))
    assert ("technology_crime", "cases", 10613, "2022-H1") in got
    assert all(p != "2012" and p != "2011" for *_, p in got)


def test_comparison_level_without_its_own_metric_word_takes_the_sentence_metric() -> None:
    text = (
        "Technology crime surged in the first half of 2023. A total of 15,637 cases were reported "
        "between January and June, up from 10,613 in the same period last year."
    )
    assert _keys(_figs(text, "2023-08-05")) == [
        ("technology_crime", "cases", 15637, "2023-H1"),
        ("technology_crime", "cases", 10613, "2022-H1"),
    ]


def test_respectively_with_a_list_of_years_and_space_thousands() -> None:
    text = (
        "In 2013, 2014, 2015, 2016 and 2017, the Police recorded 1 449, 2 375, 1 911, 1 602 and 1 996 "
        "cases of online business fraud respectively."
    )
    got = _keys(_figs(text, "2018-03-28"))
    assert got == [
        ("online_business_fraud", "cases", v, str(y))
        for v, y in zip((1449, 2375, 1911, 1602, 1996), range(2013, 2018), strict=True)
    ]


def test_section_and_chapter_numbers_are_not_counts() -> None:
    text = (
        "In 2013 the Police recorded 5,133 technology crime cases. Offenders may be charged under "
        "section 161 of the Crimes Ordinance (Cap. 200)."
    )
    assert [f.value for f in _figs(text, "2014-01-28")] == [5133]


def test_hotline_hyphenated_sizes_and_ages_are_not_counts() -> None:
    text = (
        "Technology crime cases numbered 5,133 in 2013. The 24-hour hotline 18222 and the 33 000-strong "
        "Force stand ready. 2013年科技罪案有5133宗，年約20至30歲的人最易受騙，市民可致電18222查詢。"
    )
    assert sorted({f.value for f in _figs(text, "2014-01-28")}) == [5133]


def test_one_victims_loss_told_without_a_person_word_is_not_a_statistic() -> None:
    text = (
        "Technology crime losses reached HK$863 million in 2013. An employee was tricked into "
        "transferring HK$200 million in that case."
    )
    assert [f.value for f in _figs(text, "2014-01-28")] == [863000000]


def test_representing_a_percent_increase_is_a_change_not_a_share() -> None:
    text = "Deception cases in 2023 increased by 11,901 to 39,824, representing a 42.6% increase."
    got = [(f.kind, f.value) for f in _figs(text, "2024-02-01")]
    assert ("change_pct", 42.6) in got
    assert ("level", 39824) in got


def test_the_number_points_back_to_the_crime_of_the_sentence_before() -> None:
    text = (
        "In 2011, the city recorded 2,206 technology crime cases. By 2020 the number had climbed to 12,916."
    )
    assert _keys(_figs(text, "2021-02-01")) == [
        ("technology_crime", "cases", 2206, "2011"),
        ("technology_crime", "cases", 12916, "2020"),
    ]


def test_gailei_anjian_points_back_to_a_part_named_in_a_subset_sentence() -> None:
    text = "去年整體罪案有90276宗。當中詐騙案升幅最大。去年該類案件有39824宗。"
    got = _keys(_figs(text, "2024-02-01"))
    assert ("deception", "cases", 39824, "2023") in got
    assert ("overall_crime", "cases", 39824, "2023") not in got


def test_chinese_headline_space_separates_clauses() -> None:
    text = "詐騙案有15553宗 科技罪案12916宗\n\n警方公布去年數字。"
    got = _keys(_figs(text, "2021-02-01"))
    assert ("deception", "cases", 15553, "2020") in got
    assert ("technology_crime", "cases", 12916, "2020") in got


def test_duo_before_a_bound_on_a_fold_is_not_a_more_than_qualifier() -> None:
    text = "去年詐騙案有15553宗，較前年的8216宗多近一倍。"
    base = next(f for f in _figs(text, "2021-02-01") if f.value == 8216)
    assert base.qualifier == "exact"
    assert base.period == "2019"
