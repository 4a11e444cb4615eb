"""What a report says beside its figures (issue 8, session 8): the rules that keep it out, and the
rules that carry a series named in one sentence to a bare count in the next.

Each test names the pattern, in words of its own (not the grammar's of `tests/figure_distractors.py`,
which scores the same patterns crossed with every fact); the series' figures are published ones
(../shared/reference/published_figures.csv), the quantities beside them are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from transform.figures.extractor import Figure, extract_figures
from transform.figures.jurisdictions import script_of


def _figs(text: str, ref: str = "2024-02-01") -> list[Figure]:
    return extract_figures(text, ref_date=date.fromisoformat(ref))


def _values(text: str, ref: str = "2024-02-01") -> set[float]:
    return {f.value for f in _figs(text, ref) if f.jurisdiction == "HK"}


# --- the month or week so far is no calendar period -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Police recorded 39,824 deception cases last year. So far this week, 310 more have been reported.",
        "Police recorded 39,824 deception cases last year. This month to date, 310 more were reported.",
        "Police recorded 39,824 deception cases last year. Since the beginning of the month 310 came in.",
        "去年詐騙案有39 824宗。今個星期以來，警方再接獲310宗騙案。",
        "去年詐騙案有39 824宗。本月以來再錄得310宗騙案。",
    ],
)
def test_a_count_of_the_month_or_week_so_far_is_not_read(text):
    assert _values(text) == {39824}


# --- what a Chinese count counts after its classifier ----------------------------------------------------


@pytest.mark.parametrize("noun", ["查詢", "諮詢", "來電", "投訴", "求助"])
def test_a_chinese_count_of_enquiries_calls_or_complaints_is_no_count_of_cases(noun):
    assert _values(f"去年詐騙案有39 824宗。警方同期共處理8 150宗{noun}。") == {39824}


# --- money that is a value, not a loss -------------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        "檢獲的假貨市值1 200萬元",
        "the goods seized had a street value of HK$12 million",
        "a haul valued at HK$12 million",
    ],
)
def test_the_value_of_goods_seized_is_no_loss(words):
    figs = _figs(f"Last year, 39,824 deception cases were recorded; {words}.")
    assert [f.metric for f in figs if f.jurisdiction == "HK"] == ["cases"]


# --- a part described by whom it involved, with no opener ----------------------------------------------


@pytest.mark.parametrize("words", ["涉及學生的個案有2 100宗", "針對外籍家庭傭工的騙案共2 100宗"])
def test_cases_described_by_the_victims_they_involved_are_a_part_not_a_figure(words):
    assert _values(f"去年詐騙案有39 824宗。{words}。") == {39824}


def test_cases_described_by_a_series_they_involved_are_that_series():
    figs = _figs("去年涉及網上購物的騙案有2 100宗。")
    assert [(f.category, f.value) for f in figs] == [("online_shopping_fraud", 2100)]


# --- a series named, then counted ------------------------------------------------------------------------


def test_the_tally_points_back_to_the_series_named_before():
    figs = _figs("Overall crime went up again last year. The tally rose 5 per cent to 94,747.", "2025-01-25")
    assert {(f.category, f.kind, f.value) for f in figs} == {
        ("overall_crime", "change_pct", 5),
        ("overall_crime", "level", 94747),
    }


def test_a_count_a_change_ends_at_is_a_level_of_what_changed():
    figs = _figs("Deception worried the police. It rose 42.6 per cent to 39,824 last year.")
    assert ("deception", "cases", "level", 39824, "2023") in {
        (f.category, f.metric, f.kind, f.value, f.period) for f in figs
    }


@pytest.mark.parametrize("verb", ["recorded", "registered", "logged"])
def test_a_bare_count_after_a_verb_of_recording_counts_the_series_named_before(verb):
    text = f"Figures for technology crime came out on Monday. Police {verb} 16,182 in the first half of 2024."
    figs = _figs(text, "2024-08-12")
    assert [(f.category, f.metric, f.value, f.period) for f in figs] == [
        ("technology_crime", "cases", 16182, "2024-H1")
    ]


def test_a_bare_count_followed_by_a_noun_is_not_taken_for_cases():
    figs = _figs("Technology crime rose in 2023. The centre recorded 4,210 calls in 2023.")
    assert figs == []


# --- a sentence's own script decides its place ------------------------------------------------------------


def test_script_of_a_short_sentence_is_decided_by_one_character():
    assert script_of("科技罪案錄得16182宗", least=1) == "traditional"
    assert script_of("科技罪案录得16182宗", least=1) == "simplified"
    assert script_of("科技罪案錄得16182宗") is None  # a paragraph needs two


def test_a_traditional_sentence_beside_a_simplified_one_is_hong_kongs():
    text = "2024年上半年詐騙案錄得19 897宗。报道指，当地去年诈骗案件有5 000起。"
    assert [(f.value, f.jurisdiction) for f in _figs(text, "2024-08-12")] == [
        (19897, "HK"),
        (5000, "unknown"),
    ]


def test_a_simplified_sentence_in_a_traditional_paragraph_is_not_hong_kongs():
    text = "去年詐騙案有39 824宗，按年上升42.6%。报道指，当地去年诈骗案件有5 000起。"
    by_value = {f.value: f.jurisdiction for f in _figs(text)}
    assert by_value[39824] == "HK" and by_value[5000] == "unknown"


def test_a_place_named_in_a_simplified_paragraph_goes_on_through_it():
    text = "新加坡警方表示，去年诈骗案有4 000起。同期诈骗金额达6亿新元。"
    assert {f.jurisdiction for f in _figs(text)} == {"SG"}


# --- set 2: what looks like a series' figure beside one -------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        "Companies lost out in 3,000 of the cases, down 4 per cent.",
        "與案件有關的銀行戶口有5 100個，按年減少4%。",
    ],
)
def test_a_change_written_after_a_refused_level_is_that_levels_change(words):
    assert _values(f"Last year, 39,824 deception cases were recorded. {words}") == {39824}


def test_a_change_that_ends_at_a_refused_level_is_refused_with_it():
    assert _values("去年詐騙案有39 824宗。長者受騙的案件上升15%至900宗。") == {39824}


@pytest.mark.parametrize(
    "words",
    ["Against the preceding month, reports dropped 7 per cent.", "按月計算，數字下跌7%。"],
)
def test_a_change_on_the_month_or_quarter_before_named_at_the_sentence_opening_is_refused(words):
    assert _values(f"Last year, 39,824 deception cases were recorded. {words}") == {39824}


def test_a_year_on_year_change_beside_a_sequential_opening_is_kept():
    text = (
        "Compared with the previous quarter deception was flat; year on year it rose 42.6 per cent in 2023."
    )
    assert 42.6 in _values(text)


@pytest.mark.parametrize(
    "words",
    ["Officers predict that cases will top 50,000 this year.", "警方預料今年騙案將逾50 000宗。"],
)
def test_a_forecast_is_no_statistic(words):
    assert _values(f"Last year, 39,824 deception cases were recorded. {words}") == {39824}


@pytest.mark.parametrize("words", ["Police retrieved HK$120 million for victims.", "警方為事主取回1.2億元。"])
def test_money_recovered_is_no_loss(words):
    assert _values(f"Last year, 39,824 deception cases were recorded. {words}") == {39824}


@pytest.mark.parametrize(
    "words",
    [
        "Each victim lost an average of HK$90,000.",
        "每宗案件平均損失9萬元。",
        "That averaged 110 cases a day.",
    ],
)
def test_an_average_is_no_total(words):
    assert _values(f"Last year, 39,824 deception cases were recorded. {words}") == {39824}


@pytest.mark.parametrize(
    "words", ["A single gang was responsible for 500 of the cases.", "同一集團涉及其中500宗。"]
)
def test_one_syndicates_cases_are_no_statistic(words):
    assert _values(f"Last year, 39,824 deception cases were recorded. {words}") == {39824}


def test_a_change_over_a_span_of_years_opening_the_sentence_is_refused():
    assert _values("去年詐騙案有39 824宗。2015年至2020年間，騙案增加了180%。") == {39824}


def test_things_that_open_the_clause_are_what_a_bare_count_counts():
    text = (
        "Last year, 39,824 deception cases were recorded. Bank accounts frozen in these cases numbered 5,100."
    )
    assert _values(text) == {39824}


def test_one_sentence_about_another_place_does_not_make_the_text_that_places():
    text = "去年詐騙案有39 824宗。新加坡去年的詐騙損失達6.5億新元。"
    assert [(f.value, f.jurisdiction) for f in _figs(text)] == [(39824, "HK"), (650_000_000, "SG")]


# --- anaphora, set 2: the change, the loss or the year before in the sentence after ----------------------


def test_the_same_period_with_no_year_after_a_period_is_that_period():
    figs = _figs("Deception cases numbered 39,824 in 2023. During the same period, losses hit HK$9 billion.")
    assert {(f.metric, f.period) for f in figs} == {("cases", "2023"), ("loss", "2023")}


def test_the_same_period_after_a_word_of_comparison_is_a_year_before():
    figs = _figs("Deception cases rose to 39,824 in 2023, compared with 27,923 in the same period.")
    assert {(f.value, f.period) for f in figs if f.kind == "level"} == {(39824, "2023"), (27923, "2022")}


def test_a_bare_count_after_compares_with_is_the_level_compared_with():
    figs = _figs("Fraud rose 42.6 per cent last year, to 39,824 cases. That compares with 27,923 in 2022.")
    assert ("deception", "cases", 27923, "2022") in {(f.category, f.metric, f.value, f.period) for f in figs}


def test_a_year_before_in_chinese_dates_the_level_a_year_back():
    figs = _figs("去年騙案錄得39 824宗，而1年之前則有27 923宗。")
    assert {(f.value, f.period) for f in figs} == {(39824, "2023"), (27923, "2022")}


def test_over_after_the_things_counted_spans_the_period():
    figs = _figs("Police logged 39,824 fraud cases over the whole of 2023, up 42.6 per cent year on year.")
    assert {(f.kind, f.period) for f in figs} == {("level", "2023"), ("change_pct", "2023")}


# --- a dash between a period and its figure --------------------------------------------------------------


def test_a_dash_with_a_space_after_it_separates_it_is_no_minus():
    figs = _figs("Deception cases in 2023 - 39,824 (+42.6%)")
    assert {(f.kind, f.value, f.period) for f in figs} == {
        ("level", 39824, "2023"),
        ("change_pct", 42.6, "2023"),
    }


def test_a_financial_year_is_still_no_calendar_period():
    assert [f.period for f in _figs("Deception cases in 2023-24 numbered 41,000.")] == [None]


# --- two series in one sentence, set 2 ---------------------------------------------------------------------


def test_a_list_member_may_end_in_its_head_noun_and_open_with_the():
    text = "In 2025, the overall crime figure and the violent crime total decreased 5.9% and 15.9%."
    figs = _figs(text, "2026-01-28")
    assert {(f.category, f.value) for f in figs} == {("overall_crime", -5.9), ("violent_crime", -15.9)}


def test_a_mixed_paragraph_reads_each_sentence_by_its_own_script_and_a_plain_one_by_its_paragraph():
    plain = "报道指，当地去年诈骗案件有5 000起。去年数字有4 000起。"
    assert {f.jurisdiction for f in _figs(plain)} == {"unknown"}


def test_the_mainlands_police_ranks_place_a_figure_there():
    figs = _figs("去年詐騙案有39 824宗。\n當地民警同期破獲電訊詐騙案15萬宗。")
    assert [(f.value, f.jurisdiction) for f in figs] == [(39824, "HK"), (150000, "CN")]


def test_a_value_in_brackets_after_a_period_is_that_periods():
    figs = _figs("Deception cases last year (39,824) far exceeded those of 2021 (19,249).")
    assert {(f.value, f.period) for f in figs} == {(39824, "2023"), (19249, "2021")}


@pytest.mark.parametrize("words", ["losses of 9 billion", "a loss of 9 billion"])
def test_an_amount_with_a_scale_and_no_currency_is_what_the_word_before_says(words):
    figs = _figs(f"Deception cases: 39,824 in 2023, with {words}.")
    assert {(f.metric, f.unit, f.value) for f in figs} == {("cases", "count", 39824), ("loss", "HKD", 9e9)}
