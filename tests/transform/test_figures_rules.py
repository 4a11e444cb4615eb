"""Reading figures in running text (issue 4, "Read the figures"), one rule family at a time.

Every figure in these sentences is a published one (reference/published_figures.csv, SOURCES.md);
the sentences themselves are written for the tests. `ref_date` is the publication date.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from transform.figures import Figure, extract_figures


def _figs(text: str, ref: str | None = None, **kw) -> list[Figure]:
    return extract_figures(text, ref_date=date.fromisoformat(ref) if ref else None, **kw)


def _one(text: str, ref: str | None = None, **kw) -> Figure:
    found = _figs(text, ref, **kw)
    assert len(found) == 1, f"expected one figure in {text!r}, got {[f.to_dict() for f in found]}"
    return found[0]


def _keys(figures: list[Figure]) -> list[tuple]:
    return [(f.kind, f.metric, f.category, f.value, f.unit, f.period) for f in figures]


# --- qualifiers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ref", "value", "qualifier"),
    [
        (
            "Losses from technology crime exceeded HK$3.6 billion in the first seven months of 2025.",
            None,
            3.6e9,
            "more_than",
        ),
        ("Technology crime losses were about HK$863 million in 2013.", None, 863e6, "approx"),
        ("Police received nearly 34,000 technology crime reports in 2024.", None, 34000, "approx"),
        ("Deception losses in 2023 were over $9 billion.", None, 9e9, "more_than"),
        ("There were fewer than 20,000 deception cases in 2021.", None, 20000, "less_than"),
        ("今年首七個月科技罪案損失逾36億元。", "2025-09-26", 3.6e9, "more_than"),
        ("去年詐騙案損失約81億元。", "2026-02-11", 8.1e9, "approx"),
        ("去年詐騙案有4萬多宗。", "2025-02-11", 40000, "more_than"),
        ("2022年上半年詐騙案超過1.2萬宗。", None, 12000, "more_than"),
    ],
)
def test_qualifiers(text, ref, value, qualifier):
    fig = _one(text, ref)
    assert (fig.value, fig.qualifier) == (pytest.approx(value), qualifier)


# --- kinds and signs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("Overall crime in 2020 went up 6.8 per cent.", None, [("change_pct", 6.8)]),
        ("Violent crime fell 3.1 per cent in 2020.", None, [("change_pct", -3.1)]),
        ("Overall crime was 63,232 cases in 2020 (+6.8%).", None, [("level", 63232), ("change_pct", 6.8)]),
        (
            "Violent crime stood at 9,391 cases in 2020 (-3.1%).",
            None,
            [("level", 9391), ("change_pct", -3.1)],
        ),
        (
            "There were 8,861 deception cases in 2014, an increase of 1,343 cases.",
            None,
            [("level", 8861), ("change_abs", 1343)],
        ),
        ("Violent crimes dropped by 299 cases in 2020.", None, [("change_abs", -299)]),
        (
            "The number of crimes in 2022 was 70,048, 8.7% more than in the previous year.",
            None,
            [("level", 70048), ("change_pct", 8.7)],
        ),
        (
            "Technology crime cases in 2024 were 0.6 per cent fewer than in 2023.",
            None,
            [("change_pct", -0.6)],
        ),
        ("In 2014 social media deception cases rose 3.7-fold.", None, [("fold", 3.7)]),
        ("2024年上半年詐騙案增加1 154宗，升幅為6.2%。", None, [("change_abs", 1154), ("change_pct", 6.2)]),
        ("2024年上半年整體罪案上升5.6%。", None, [("change_pct", 5.6)]),
        ("2024年上半年兇殺案下跌31.3%。", None, []),  # homicide: outside the project's series
        ("2023年上半年科技罪案損失按年上升兩成八。", None, [("change_pct", 28)]),
        (
            "2020年詐騙案增加近一倍至15 553宗。",
            None,
            [("fold", 1), ("level", 15553)],
        ),  # 倍: a multiple, like N-fold
    ],
)
def test_kinds_and_signs(text, ref, expected):
    assert [(f.kind, f.value) for f in _figs(text, ref)] == [(k, pytest.approx(v)) for k, v in expected]


def test_fold_figures_are_ratios_not_percentages():
    fig = _one("Technology crime losses in 2013 almost quadrupled from 2012.")
    assert (fig.kind, fig.unit, fig.value, fig.qualifier) == ("fold", "ratio", 4, "approx")


def test_a_bracketed_percentage_restates_the_change_before_it():
    figs = _figs("In 2023 deception cases rose by 11 901 cases (42.6 per cent) to 39 824 cases.")
    assert [(f.kind, f.value) for f in figs] == [
        ("change_abs", 11901),
        ("change_pct", 42.6),
        ("level", 39824),
    ]


@pytest.mark.parametrize(
    ("text", "category", "kind", "value", "period"),
    [
        (
            "In 2020 online shopping fraud reports were up more than 200 per cent.",
            "online_shopping_fraud",
            "change_pct",
            200,
            "2020",
        ),
        (
            "Overall crime rose in 2020, mainly due to the rise of over 7,000 deception cases.",
            "deception",
            "change_abs",
            7000,
            "2020",
        ),
        ("2022年上半年詐騙案按年上升逾四成。", "deception", "change_pct", 40, "2022-H1"),
    ],
)
def test_a_change_given_with_a_bound_is_listed_with_its_qualifier(text, category, kind, value, period):
    """ANNOTATION.md: "up more than 14 per cent" is change_pct 14 more_than (a bound is still a figure)."""
    fig = _one(text)
    assert (fig.category, fig.kind, fig.value, fig.period, fig.qualifier) == (
        category,
        kind,
        value,
        period,
        "more_than",
    )


# --- categories and metrics ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Internet shopping fraud reports numbered 6,678 in 2020.", "online_shopping_fraud"),
        ("Email scams totalled 1,153 cases in 2013.", "email_scam"),
        ("E-mail deception accounted for 1,153 reports in 2013.", "email_scam"),
        ("Romance scams rose to 822 cases in the first half of 2021.", "romance_scam"),
        ("There were 212 cases of investment scam in 2018.", "investment_fraud"),
        ("Social media deception cases numbered 1,239 in 2014.", "social_media_deception"),
        ("Cybercrime reports reached 12,916 in 2020.", "technology_crime"),
        ("Overall crime in 2024 stood at 94 747 cases.", "overall_crime"),
        ("Violent crime numbered 10 485 cases in 2024.", "violent_crime"),
        (
            "Technology crimes, mainly involving online scams, increased to 5,133 cases in 2013.",
            "technology_crime",
        ),
        ("2014年社交媒體騙案有1 239宗。", "social_media_deception"),
        ("2018年投資騙案有212宗。", "investment_fraud"),
        ("2020年網購騙案有6 678宗。", "online_shopping_fraud"),
        ("2013年電郵騙案有1 153宗。", "email_scam"),
        ("2021年上半年網上情緣騙案有822宗。", "romance_scam"),
        ("2024年上半年科技罪案有16 182宗。", "technology_crime"),
        ("2023年整體罪案有90 276宗。", "overall_crime"),
    ],
)
def test_category_from_the_words(text, category):
    fig = _one(text)
    assert (fig.category, fig.metric) == (category, "cases")
    assert fig.source_label and fig.source_label.lower() in text.lower()


def test_a_sentence_without_category_takes_the_subject_of_the_one_before():
    figs = _figs("Technology crime cases rose to 5,133 in 2013. Total losses were about HK$863 million.")
    assert [(f.category, f.metric, f.period) for f in figs] == [
        ("technology_crime", "cases", "2013"),
        ("technology_crime", "loss", "2013"),
    ]


def test_chinese_clauses_each_keep_their_own_subject():
    figs = _figs("二〇二三年整體罪案數字為90 276宗，詐騙案有39 824宗，損失超過90億元。")
    assert [(f.category, f.metric) for f in figs] == [
        ("overall_crime", "cases"),
        ("deception", "cases"),
        ("deception", "loss"),
    ]


def test_the_whole_a_share_is_taken_of_is_not_the_subject():
    figs = _figs("2024年上半年詐騙案有19 897宗，佔整體罪案43.9%，較去年同期的18 743宗增加1 154宗。")
    assert {f.category for f in figs} == {"deception"}
    assert 43.9 not in [f.value for f in figs]  # a share is not a figure


def test_crimes_outside_the_series_are_kept_only_on_request():
    text = "In the first half of 2024 burglary cases rose to 684."
    assert _figs(text) == []
    fig = _one(text, include_other_crimes=True)
    assert (fig.category, fig.source_label, fig.value) == ("burglary", "burglary", 684)


def test_a_detection_rate_is_a_rate_level():
    figs = _figs("The overall number of crimes in 2022 was 70,048 and the overall detection rate was 35.2%.")
    assert _keys(figs) == [
        ("level", "cases", "overall_crime", 70048, "count", "2022"),
        ("level", "detection_rate", "overall_crime", 35.2, "percent", "2022"),
    ]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Deception losses in the first half of 2024 reached HK$4.48 billion.", "loss"),
        ("2024年上半年詐騙案損失44.8億元。", "loss"),
        ("2024年上半年詐騙案涉款44.8億。", "loss"),  # 億 without 元, named as money by the words
        ("In 2023 there were 39 824 deception cases.", "cases"),
    ],
)
def test_metric_from_the_words(text, metric):
    assert _one(text).metric == metric


# --- periods -------------------------------------------------------------------------------------------


def test_from_x_in_year_to_y_last_year():
    figs = _figs(
        "Reports of cybercrime rose from 2,206 in 2011 to 12,916 last year, and the money involved "
        "went from HK$148 million to HK$2.96 billion.",
        "2021-05-01",
    )
    assert [(f.value, f.period) for f in figs] == [
        (2206, "2011"),
        (12916, "2020"),
        (148e6, "2011"),
        (2.96e9, "2020"),
    ]


def test_a_change_carries_the_newer_period_and_names_the_older():
    fig = _figs("Technology crime reports in the first half of 2023 jumped 47.3 per cent to 15,637.")[0]
    assert (fig.kind, fig.period, fig.compared_with) == ("change_pct", "2023-H1", "2022-H1")


@pytest.mark.parametrize(
    ("text", "ref", "periods"),
    [
        (
            "In the first half of 2021, 30 871 crimes were recorded, compared with 32 345 cases in the same "
            "period of 2020.",
            None,
            ["2021-H1", "2020-H1"],
        ),
        (
            "From January to September, 49 927 crimes were reported, up from 47 840 in the same period "
            "last year.",
            "2022-10-20",
            ["2022-01/2022-09", "2021-01/2021-09"],
        ),
        ("今年上半年科技罪案有3 246宗，較去年同期2 271宗上升。", "2014-07-31", ["2014-H1", "2013-H1"]),
        ("今年首七個月科技罪案有19 080宗。", "2025-09-26", ["2025-01/2025-07"]),
        ("上半年詐騙案有19 897宗。", "2024-08-10", ["2024-H1"]),
        ("今年第一季科技罪案有7 361宗。", "2023-05-20", ["2023-Q1"]),
        (
            "Technology crime losses climbed to HK$2.03 billion in the first half of the year.",
            "2023-08-10",
            ["2023-H1"],
        ),
    ],
)
def test_periods(text, ref, periods):
    assert [f.period for f in _figs(text, ref)] == periods


def test_period_carries_to_the_next_sentence_with_its_comparison():
    figs = _figs(
        "In the first half of 2021, 30 871 crimes were recorded. Deception cases rose from 8 129 to 8 699."
    )
    assert [(f.value, f.period) for f in figs] == [(30871, "2021-H1"), (8129, "2020-H1"), (8699, "2021-H1")]


def test_same_period_of_the_year_before_last_counts_back_from_the_publication_date():
    fig = _figs(
        "去年首三季科技罪案較前年同期上升。去年首三季詐騙案有19 444宗，前年同期為13 920宗。", "2023-02-01"
    )
    assert [(f.value, f.period) for f in fig] == [(19444, "2022-01/2022-09"), (13920, "2021-01/2021-09")]


def test_without_a_publication_date_relative_periods_stay_open():
    assert _one("Technology crime cases rose to 12,916 last year.").period is None


def test_bare_tong_qi_is_the_figures_own_period():
    figs = _figs("今年上半年科技罪案損失20.3億元。同期詐騙案損失則達26億9千萬元。", "2023-08-11")
    assert [(f.category, f.period) for f in figs] == [
        ("technology_crime", "2023-H1"),
        ("deception", "2023-H1"),
    ]


# --- money ---------------------------------------------------------------------------------------------


def test_a_us_dollar_conversion_is_not_a_second_hk_dollar_loss():
    figs = _figs("Technology crime losses in the first half of 2023 were HK$2.03 billion (US$259 million).")
    # the bracketed US$ amount converts the same loss: it is not a second figure (DESIGN section 1)
    assert [(f.unit, f.value, f.kind) for f in figs] == [("HKD", 2.03e9, "level")]


@pytest.mark.parametrize(
    "text",
    [
        "A woman lost HK$1.2 million in an investment scam, police said.",
        "Deception carries a maximum penalty of a fine of $1 million and imprisonment for 10 years.",
        "The man charged with deception was released on bail of HK$10,000.",
        "The court heard the investment scam cost the victims HK$1.2 million.",
        "一名婦人被騙去120萬元。",
        "On average each victim lost HK$200,000.",
    ],
)
def test_single_case_amounts_are_not_aggregate_losses(text):
    assert _figs(text, "2024-03-01") == []


def test_a_number_with_no_crime_named_anywhere_is_not_a_crime_statistic():
    assert _figs("Police received 19,080 reports in the first seven months of 2025.") == []


# --- jurisdiction --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "jurisdiction", "unit"),
    [
        ("新加坡2023年詐騙及網絡罪案有50 376宗。", "SG", "count"),
        ("新加坡警方指，2023年當地騙案損失6.518億元。", "SG", "SGD"),
        ("In Singapore, scam and cybercrime cases rose to 50,376 in 2023.", "SG", "count"),
        ("本地2023年的诈骗和网络罪案达50 376起。", "unknown", "count"),  # Simplified Chinese, no place named
        ("2023年詐騙案有39 824宗。", "HK", "count"),
    ],
)
def test_jurisdiction(text, jurisdiction, unit):
    fig = _one(text)
    assert (fig.jurisdiction, fig.unit) == (jurisdiction, unit)


def test_a_foreign_paragraph_does_not_leak_into_the_next():
    figs = _figs("新加坡2023年詐騙及網絡罪案有50 376宗。\n本港2023年詐騙案有39 824宗。")
    assert [f.jurisdiction for f in figs] == ["SG", "HK"]


# --- what is not a statistic ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Commissioner reviewed the law and order situation on February 6, 2024 at 3pm.",
        "Members of the public can call the Anti-Scam Helpline 18222.",
        "警方呼籲市民致電防騙易熱線18222查詢。",
        "It was one of the 4th-quarter reviews of 2023.",
        "Of the deception cases in 2023, 70 per cent were Internet-related.",
        "The overall crime rate was 1 197 cases per 100 000 population.",
    ],
)
def test_not_statistics(text):
    assert _figs(text) == []


# --- the figure record ---------------------------------------------------------------------------------


def test_a_restated_figure_is_one_figure():
    figs = _figs("Overall crime in 2020 was 63,232 cases. The 63,232 cases in 2020 were 6.8% more.")
    assert [f.value for f in figs] == [63232, 6.8]


def test_figure_record_spans_quote_and_json():
    text = "Intro line.\nTechnology crime cases in the first half of 2024 reached 16,182."
    fig = _one(text)
    assert text[fig.char_start : fig.char_end] == "16,182"
    assert fig.quote == "Technology crime cases in the first half of 2024 reached 16,182."
    d = json.loads(json.dumps(fig.to_dict()))
    assert d["period"] == "2024-H1" and d["period_start"] == "2024-01-01" and d["period_end"] == "2024-06-30"
    assert {
        "jurisdiction",
        "category",
        "metric",
        "value",
        "unit",
        "period",
        "qualifier",
        "kind",
        "compared_with",
        "quote",
        "source_label",
        "period_type",
        "char_start",
        "char_end",
    } <= d.keys()


def test_the_quote_is_taken_from_the_original_text_not_the_normalised_one():
    fig = _one("２０２４年上半年科技罪案有１６ １８２宗。")
    assert fig.quote == "２０２４年上半年科技罪案有１６ １８２宗。" and fig.value == 16182


@pytest.mark.parametrize(
    "text",
    [
        "Losses reached HK$2.03 billion (about US$259 million) in the first half of 2023 "
        "from technology crime.",
        "科技罪案在2023年上半年涉及損失20.3億港元（約2.59億美元）。",
    ],
)
def test_a_bracketed_conversion_in_any_wording_is_not_a_figure(text):
    figs = _figs(text)
    assert [(f.unit, f.value) for f in figs] == [("HKD", 2.03e9)]


def test_a_us_dollar_amount_of_its_own_is_kept():
    figs = _figs(
        "Technology crime losses in the first half of 2023 were HK$2.03 billion; US$259 million of it "
        "went to overseas accounts."
    )
    assert ("USD", 259e6) in [(f.unit, f.value) for f in figs]


@pytest.mark.parametrize(
    "text",
    [
        "In 2023, deception cases rose to 39,824. "
        "In one case, a 72-year-old retired teacher lost HK$14 million.",
        "2023年詐騙案有39 824宗。一名68歲姓陳女子早前墮入假投資平台騙局，被騙去230萬元。",
        "In 2023, deception cases rose to 39,824, and about 200 officers were redeployed to fight fraud.",
    ],
)
def test_one_persons_loss_and_staff_numbers_are_not_statistics(text):
    assert [(f.metric, f.value) for f in _figs(text)] == [("cases", 39824)]
