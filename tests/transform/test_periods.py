"""Period phrases -> canonical periods (issue 2 item 3), and the calendar arithmetic on them.

Figures inside the sentences are published ones (reference/published_figures.csv, DESIGN section 1).
"""

from __future__ import annotations

from datetime import date

import pytest

from transform.exceptions import PeriodParseError
from transform.periods import (
    MonthRef,
    Period,
    SamePeriodRef,
    find_period_mentions,
    find_periods,
    is_same_period_last_year,
    parse_period,
    period_from_label,
    period_from_months,
    previous_period,
    same_period_last_year,
    shift_year,
)

P = period_from_label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("first half of 2023", "2023-H1"),
        ("H1 2023", "2023-H1"),
        ("1H23", "2023-H1"),
        ("2023's first half", "2023-H1"),
        ("the opening six months of 2023", "2023-H1"),  # "opening" is "first"
        ("the opening quarter of 2023", "2023-Q1"),
        ("the opening three quarters of 2022", "2022-01/2022-09"),
        ("the final quarter of 2022", "2022-Q4"),
        ("the last quarter of 2021", "2021-Q4"),  # with its year "last" is the year's end, not relative
        ("the last three months of 2022", "2022-Q4"),
        ("the final two months of 2020", "2020-11/2020-12"),
        ("the latter half of 2019", "2019-H2"),
        ("January to June 2023", "2023-H1"),
        ("JANUARY TO JUNE 2023", "2023-H1"),
        ("Jan–Sep 2016", "2016-01/2016-09"),
        ("Jan-Sep 2016", "2016-01/2016-09"),
        ("January-September 2016", "2016-01/2016-09"),
        ("the first nine months of 2022", "2022-01/2022-09"),
        ("the first 6 months of 2021", "2021-H1"),
        ("the first three quarters of 2023", "2023-01/2023-09"),
        ("the first quarter of 2025", "2025-Q1"),
        ("Q1 2025", "2025-Q1"),
        ("2025 Q1", "2025-Q1"),
        ("Q4 of 2024", "2024-Q4"),
        ("Q1'25", "2025-Q1"),
        ("the second half of 2022", "2022-H2"),
        ("June 2023", "2023-06"),
        ("Sept. 2020", "2020-09"),
        ("in 2022", "2022"),
        ("2022", "2022"),
        ("the full year 2022", "2022"),
        ("January to December 2021", "2021"),
        ("January 2024 to June 2025", "2024-01/2025-06"),
        ("二零二三年 (一月至六月)", "2023-H1"),
        ("二零二三年（一月至六月）", "2023-H1"),
        ("二零二四年 (一月至三月)", "2024-Q1"),
        ("二零二三年一月至六月", "2023-H1"),
        ("二〇二三年一月至六月", "2023-H1"),
        ("2023年1月至6月", "2023-H1"),
        ("2023年1-6月", "2023-H1"),
        ("2016年1月至9月", "2016-01/2016-09"),
        ("2023年上半年", "2023-H1"),
        ("2023年下半年", "2023-H2"),
        ("2023年第一季", "2023-Q1"),
        ("2024年一季度", "2024-Q1"),
        ("2023年", "2023"),
        ("二〇二三年", "2023"),
        ("二零二三年", "2023"),
        ("2023年6月", "2023-06"),
        ("2024年7月至2025年6月", "2024-07/2025-06"),
        # canonical labels read back, non-canonical spans canonicalised
        ("2023-H1", "2023-H1"),
        ("2025-01/2025-07", "2025-01/2025-07"),
        ("2023-01/2023-06", "2023-H1"),
    ],
)
def test_absolute_phrases(text: str, label: str) -> None:
    assert parse_period(text).label == label


@pytest.mark.parametrize(
    ("text", "ref", "label"),
    [
        ("last year", "2021-05-01", "2020"),
        ("this year", "2025-09-26", "2025"),
        ("the year before last", "2025-09-26", "2023"),
        ("the first half of this year", "2023-08-01", "2023-H1"),
        ("first half of last year", "2023-08-01", "2022-H1"),
        ("the first seven months of this year", "2025-09-26", "2025-01/2025-07"),
        ("between January and July this year", "2025-09-26", "2025-01/2025-07"),
        ("last month", "2025-01-15", "2024-12"),
        ("this month", "2025-01-15", "2025-01"),
        ("last quarter", "2025-01-15", "2024-Q4"),
        ("今年上半年", "2014-07-31", "2014-H1"),
        ("去年", "2019-03-01", "2018"),
        ("今年", "2019-03-01", "2019"),
        ("前年", "2019-03-01", "2017"),
        ("去年上半年", "2024-08-10", "2023-H1"),
        ("今年首七個月", "2025-09-26", "2025-01/2025-07"),
        ("今年首七个月", "2025-09-26", "2025-01/2025-07"),
        ("今年前7个月", "2025-09-26", "2025-01/2025-07"),
        ("今年首季", "2025-05-20", "2025-Q1"),
        ("上月", "2025-03-12", "2025-02"),
        ("上個月", "2025-01-05", "2024-12"),
        # a part named without its year: the latest such part ended by the reference date
        ("上半年", "2024-08-10", "2024-H1"),
        ("下半年", "2025-02-04", "2024-H2"),
        ("全年", "2025-02-04", "2024"),
        ("首七個月", "2025-09-26", "2025-01/2025-07"),
        ("首三季", "2025-11-20", "2025-01/2025-09"),
        ("首三季", "2025-09-26", "2024-01/2024-09"),
        ("第一季", "2025-05-20", "2025-Q1"),
        ("second quarter", "2025-09-26", "2025-Q2"),
        ("second quarter", "2025-05-20", "2024-Q2"),
        ("the first half", "2023-08-01", "2023-H1"),
        # other words for the same parts (session 7 probe): 頭半年 as 首半年, 年初至6月 as 1至6月
        ("今年頭半年", "2023-08-20", "2023-H1"),
        ("今年年初至6月", "2023-08-20", "2023-H1"),
        ("年初至9月底", "2022-10-25", "2022-01/2022-09"),
    ],
)
def test_relative_phrases_resolve_against_ref_date(text: str, ref: str, label: str) -> None:
    assert parse_period(text, date.fromisoformat(ref)).label == label


@pytest.mark.parametrize("text", ["last year", "今年上半年", "首七個月", "last month", "second quarter"])
def test_relative_phrase_without_ref_date_is_an_error(text: str) -> None:
    with pytest.raises(PeriodParseError, match="ref_date") as err:
        parse_period(text)
    assert text in str(err.value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no period here",
        "2 206",
        "12,916",
        "HK$2030 million",
        "2023-13",
        "1985",
        "June 30, 2023",
        "2025年3月12日",
        "2011 and 2020",
        "twelve months",
    ],
)
def test_phrases_that_name_no_single_period_raise_naming_the_text(text: str) -> None:
    with pytest.raises(PeriodParseError) as err:
        parse_period(text)
    assert repr(text) in str(err.value)


@pytest.mark.parametrize("text", ["the same period last year", "去年同期", "the same period of 2020"])
def test_same_period_markers_are_not_periods_by_themselves(text: str) -> None:
    with pytest.raises(PeriodParseError, match="compared with"):
        parse_period(text, date(2024, 8, 10))


def test_to_dict_gives_iso_dates_and_type() -> None:
    assert parse_period("first half of 2023").to_dict() == {
        "label": "2023-H1",
        "start": "2023-01-01",
        "end": "2023-06-30",
        "type": "half",
    }


@pytest.mark.parametrize(
    ("label", "start", "end", "kind"),
    [
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),  # leap year
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28), "month"),
        ("2023", date(2023, 1, 1), date(2023, 12, 31), "year"),
        ("2023-H2", date(2023, 7, 1), date(2023, 12, 31), "half"),
        ("2023-Q2", date(2023, 4, 1), date(2023, 6, 30), "quarter"),
        ("2025-01/2025-07", date(2025, 1, 1), date(2025, 7, 31), "span"),
        ("2024-11/2025-02", date(2024, 11, 1), date(2025, 2, 28), "span"),
    ],
)
def test_labels_and_months_are_inverse(label: str, start: date, end: date, kind: str) -> None:
    period = period_from_label(label)
    assert (period.start, period.end, period.type) == (start, end, kind)
    assert period_from_months(start, end) == period


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (date(2023, 1, 1), date(2023, 12, 31), "2023"),
        (date(2023, 1, 1), date(2023, 6, 30), "2023-H1"),
        (date(2023, 7, 1), date(2023, 12, 31), "2023-H2"),
        (date(2023, 10, 1), date(2023, 12, 31), "2023-Q4"),
        (date(2023, 6, 1), date(2023, 6, 30), "2023-06"),
        (date(2023, 2, 1), date(2023, 4, 30), "2023-02/2023-04"),  # three months, not a quarter
        (date(2023, 4, 1), date(2023, 9, 30), "2023-04/2023-09"),  # six months, not a half
        (date(2023, 1, 1), date(2024, 12, 31), "2023-01/2024-12"),
    ],
)
def test_period_from_months_picks_the_canonical_label(start: date, end: date, label: str) -> None:
    assert period_from_months(start, end).label == label


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2023, 1, 2), date(2023, 6, 30)),
        (date(2023, 1, 1), date(2023, 6, 29)),
        (date(2023, 7, 1), date(2023, 6, 30)),
    ],
)
def test_period_from_months_refuses_partial_months(start: date, end: date) -> None:
    with pytest.raises(ValueError, match="whole months"):
        period_from_months(start, end)


@pytest.mark.parametrize(
    ("label", "hint"),
    [
        ("2023-01/2023-06", "2023-H1"),
        ("2023-H3", "not a period label"),
        ("H1 2023", "not a period label"),
        ("2023-00", "not a period label"),
    ],
)
def test_period_from_label_refuses_non_canonical_labels(label: str, hint: str) -> None:
    with pytest.raises(PeriodParseError, match=hint):
        period_from_label(label)


@pytest.mark.parametrize(
    ("label", "years", "expected"),
    [
        ("2023-H1", -1, "2022-H1"),
        ("2025-01/2025-07", -1, "2024-01/2024-07"),
        ("2024-02", -1, "2023-02"),
        ("2023-02", 1, "2024-02"),
        ("2023-Q4", -2, "2021-Q4"),
        ("2024-11/2025-02", -1, "2023-11/2024-02"),
    ],
)
def test_shift_year(label: str, years: int, expected: str) -> None:
    assert shift_year(P(label), years) == P(expected)


def test_shift_year_into_a_leap_year_ends_on_february_29() -> None:
    assert shift_year(P("2023-02"), 1).end == date(2024, 2, 29)
    assert same_period_last_year(P("2024-02")).end == date(2023, 2, 28)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2023-Q1", "2022-Q4"),
        ("2023-Q2", "2023-Q1"),
        ("2023-01", "2022-12"),
        ("2024-03", "2024-02"),
        ("2023-H2", "2023-H1"),
        ("2023-H1", "2022-H2"),
        ("2023", "2022"),
    ],
)
def test_previous_period_crosses_year_boundaries(label: str, expected: str) -> None:
    assert previous_period(P(label)) == P(expected)


def test_previous_period_of_a_cumulative_span_is_none() -> None:
    assert previous_period(P("2025-01/2025-07")) is None


def _spans(text: str, ref: date | None = None) -> list[tuple[str, str]]:
    return [(text[s:e], p.label) for s, e, p in find_periods(text, ref)]


def test_find_periods_in_an_english_sentence() -> None:
    text = (
        "Technology crime cases rose to 15 637 in the first half of 2023, "
        "up 47.3% on the same period last year."
    )
    assert _spans(text) == [("the first half of 2023", "2023-H1")]


def test_find_periods_in_a_chinese_sentence_with_ref_date() -> None:
    text = "警方表示，今年首七個月錄得19080宗科技罪案，較去年同期上升。"
    assert _spans(text, date(2025, 9, 26)) == [("今年首七個月", "2025-01/2025-07")]


def test_find_periods_skips_relative_phrases_without_ref_date() -> None:
    assert _spans("Cases rose from 2 206 in 2011 to 12 916 last year.") == [("2011", "2011")]


def test_find_periods_resolves_relative_phrases_with_ref_date() -> None:
    text = "Cases rose from 2,206 in 2011 to 12,916 last year."
    assert _spans(text, date(2021, 5, 1)) == [("2011", "2011"), ("last year", "2020")]


@pytest.mark.parametrize(
    "text",
    [
        "Losses reached HK$2030 million.",
        "Reports rose from 2 206 to 12,916.",
        "Ends/Tuesday, June 21, 2022",
        "2025年3月12日（星期三）",
        "Losses rose to HK$2.03 billion, or 2030 million dollars.",
        "Police handled 2206 cases.",
        "The estimates for 2022-23 and 2023/24 are in the budget.",
    ],
)
def test_numbers_money_and_dates_are_not_periods(text: str) -> None:
    assert find_periods(text) == []


def test_bare_year_after_the_reference_year_is_a_number() -> None:
    text = "In 2011 the count of technology crime cases was 2206."
    assert _spans(text, date(2012, 1, 28)) == [("2011", "2011")]


def test_longest_match_wins_and_spans_are_in_order() -> None:
    text = "Compared with January to June 2022, the total for 2023年1月至6月 rose; 2023 was higher."
    expected = [("January to June 2022", "2022-H1"), ("2023年1月至6月", "2023-H1"), ("2023", "2023")]
    assert _spans(text) == expected


def test_full_width_forms_keep_character_offsets() -> None:
    text = "統計：二零二三年（一月至六月）總體罪案"
    ((start, end, period),) = find_periods(text)
    assert (text[start:end], period.label) == ("二零二三年（一月至六月）", "2023-H1")


def test_same_period_markers_are_found_and_resolve_against_the_current_period() -> None:
    text = "In the first half of 2021, 30 871 crimes were recorded, against 32 345 in the same period of 2020"
    (s1, e1, current), (s2, e2, marker) = find_period_mentions(text)
    assert text[s2:e2] == "the same period of 2020"
    assert marker == SamePeriodRef(year=2020)
    assert isinstance(current, Period) and marker.resolve(current) == P("2020-H1")
    assert find_periods(text) == [(s1, e1, current)]  # the year inside the marker is not a period


@pytest.mark.parametrize(
    ("text", "current", "expected"),
    [
        ("up 47.3% on the same period last year", "2023-H1", "2022-H1"),
        ("較去年同期上升", "2025-01/2025-07", "2024-01/2024-07"),
        ("较前年同期", "2024-H1", "2022-H1"),
        ("8.7% more than in the previous year", "2022", "2021"),
        ("a rise of 6.2% year-on-year", "2024-H1", "2023-H1"),
    ],
)
def test_marker_resolution(text: str, current: str, expected: str) -> None:
    ((_, _, marker),) = find_period_mentions(text)
    assert isinstance(marker, SamePeriodRef)
    assert marker.resolve(P(current)) == P(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the same period last year", True),
        ("去年同期", True),
        ("同比增加", True),
        ("the same period of 2020", False),
        ("前年同期", False),
        ("last year", False),
    ],
)
def test_is_same_period_last_year(text: str, expected: bool) -> None:
    assert is_same_period_last_year(text) is expected


def test_period_refuses_an_unknown_type() -> None:
    with pytest.raises(ValueError, match="decade"):
        Period("2020s", date(2020, 1, 1), date(2029, 12, 31), "decade")


# --- months named without their year (MonthRef) ---------------------------------------------------------


def test_a_month_without_its_year_is_a_month_marker_in_running_text() -> None:
    text = "In December alone, 8,107 crimes were reported."
    mentions = find_period_mentions(text, date(2025, 1, 24))
    assert [(text[s:e], v) for s, e, v in mentions] == [("In December", MonthRef(12))]
    zh = "今年1月有5815宗罪案，2月則回落至3297宗。"
    values = [v for _, _, v in find_period_mentions(zh, date(2022, 10, 20))]
    assert values[-1] == MonthRef(2)


def test_month_marker_takes_the_year_of_the_text_else_the_latest_ended_month() -> None:
    assert MonthRef(12).resolve(period_from_label("2024")).label == "2024-12"
    assert MonthRef(2).resolve(period_from_label("2022-01")).label == "2022-02"
    assert MonthRef(12).latest(date(2025, 1, 24)).label == "2024-12"
    assert MonthRef(1).latest(date(2025, 2, 1)).label == "2025-01"


def test_bare_month_phrase_is_refused_by_parse_period_but_full_phrases_are_unchanged() -> None:
    with pytest.raises(PeriodParseError, match="without its year"):
        parse_period("in June", date(2023, 9, 1))
    assert parse_period("June 2023").label == "2023-06"
    assert parse_period("2022年2月").label == "2022-02"


def test_may_the_verb_and_dates_are_not_month_markers() -> None:
    assert find_period_mentions("Victims may lose 8,107 dollars.", date(2025, 1, 24)) == []
    assert not any(
        isinstance(v, MonthRef) for _, _, v in find_period_mentions("6月30日公布", date(2023, 7, 1))
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("in the six months to June 2023", "2023-H1"),
        ("the nine months ended September 2025", "2025-01/2025-09"),
        ("the three months through March 2023", "2023-Q1"),
        ("in the 10 months ending in October 2024", "2024-01/2024-10"),
    ],
)
def test_n_months_to_a_month_are_the_months_that_end_with_it(text: str, label: str) -> None:
    assert [v.label for _s, _e, v in find_period_mentions(text, date(2025, 11, 1))] == [label]


def test_n_months_to_a_month_that_reach_into_the_year_before_name_no_period() -> None:
    # nine months to March run from the July before: not a span of one year's months, nothing is guessed
    assert find_period_mentions("in the nine months to March 2023", date(2023, 5, 1)) == []


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("In 2009 crimes on the rise included deception", ["2009"]),
        ("During 2023 cases of fraud rose", ["2023"]),
        ("Police handled 2023 cases of fraud", []),  # a count of cases, not the year
    ],
)
def test_a_year_opened_by_in_is_a_year_even_before_a_count_word(text: str, labels: list[str]) -> None:
    assert [v.label for _s, _e, v in find_period_mentions(text, date(2024, 2, 5))] == labels
