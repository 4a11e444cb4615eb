"""The same figure in the wordings a report may use, each read the same (issue 8).

Written in this project's own words around the published headline (technology crime, first half of
2023: 15 637 cases, HK$2.03 billion, +47.3%), one sentence frame per test and one wording per case:
the verbs of a change, the ways of writing a loss, the names of the series and the phrases of a
period. A wording the reader stops reading fails here by name (README "Constructions, crossed").
"""

from __future__ import annotations

from datetime import date

import pytest

from transform.figures.extractor import extract_figures

REF = date(2023, 8, 20)

EN_CHANGES = [
    "surged 47.3%", "soared 47.3 per cent", "jumped by 47.3%", "climbed 47.3%", "grew 47.3%",
    "went up 47.3%", "rose by 47.3 percent", "increased by 47.3 pct", "were up 47.3%",
    "registered a 47.3% rise", "saw a 47.3 per cent increase", "posted a 47.3% year-on-year increase",
    "recorded a year-on-year rise of 47.3%", "marked a 47.3-per-cent increase",
    "rose 47.3% from a year earlier", "rose 47.3% compared with a year ago", "rose 47.3% versus last year",
    "rose 47.3% y-o-y", "rose 47.3 per cent year-on-year",
]  # fmt: skip
ZH_CHANGES = [
    "上升47.3%", "增加47.3%", "急升47.3%", "大增47.3%", "飆升47.3%", "按年上升47.3%", "按年增長47.3%",
    "同比上升47.3%", "較去年同期上升47.3%", "升47.3%", "上升了47.3%", "比去年同期多47.3%",
]  # fmt: skip


@pytest.mark.parametrize("words", EN_CHANGES)
def test_an_english_change_however_worded(words):
    figs = extract_figures(
        f"Technology crime cases {words} to 15,637 in the first half of 2023.", ref_date=REF
    )
    assert {(f.kind, f.value, f.period) for f in figs} == {
        ("change_pct", 47.3, "2023-H1"),
        ("level", 15637, "2023-H1"),
    }


@pytest.mark.parametrize("words", ZH_CHANGES)
def test_a_chinese_change_however_worded(words):
    figs = extract_figures(f"今年上半年科技罪案{words}至15,637宗。", ref_date=REF)
    assert {(f.kind, f.value, f.period) for f in figs} == {
        ("change_pct", 47.3, "2023-H1"),
        ("level", 15637, "2023-H1"),
    }


@pytest.mark.parametrize(
    ("words", "value", "qualifier"),
    [
        ("losses of HK$2.03 billion", 2.03e9, "exact"),
        ("losses of HK$2.03bn", 2.03e9, "exact"),
        ("losses of HK$2,030 million", 2.03e9, "exact"),
        ("losses of 2.03 billion Hong Kong dollars", 2.03e9, "exact"),
        ("losses of HKD2.03 billion", 2.03e9, "exact"),
        ("victims losing HK$2.03 billion", 2.03e9, "exact"),
        ("victims cheated out of HK$2.03 billion", 2.03e9, "exact"),
        ("losses amounting to HK$2.03 billion", 2.03e9, "exact"),
        ("losses of about HK$2 billion", 2e9, "approx"),
        ("losses of more than HK$2 billion", 2e9, "more_than"),
        ("losses of HK$2.03 billion (US$260 million)", 2.03e9, "exact"),
    ],
)
def test_an_english_loss_however_written(words, value, qualifier):
    text = f"In the first half of 2023, 15,637 technology crime cases were recorded, with {words}."
    losses = [f for f in extract_figures(text, ref_date=REF) if f.metric == "loss"]
    assert [(f.value, f.category, f.period, f.qualifier) for f in losses] == [
        (value, "technology_crime", "2023-H1", qualifier)
    ]


@pytest.mark.parametrize(
    ("words", "value", "qualifier"),
    [
        ("損失20.3億元", 2.03e9, "exact"),
        ("損失金額達20.3億元", 2.03e9, "exact"),
        ("涉款20.3億元", 2.03e9, "exact"),
        ("涉及金額20.3億港元", 2.03e9, "exact"),
        ("被騙金額20.3億元", 2.03e9, "exact"),
        ("損失逾20億元", 2e9, "more_than"),
        ("損失約20億元", 2e9, "approx"),
        ("損失20億3千萬元", 2.03e9, "exact"),
        ("損失二十億三千萬元", 2.03e9, "exact"),
        ("損失203,000萬元", 2.03e9, "exact"),
    ],
)
def test_a_chinese_loss_however_written(words, value, qualifier):
    losses = [
        f
        for f in extract_figures(f"今年上半年科技罪案共15,637宗，{words}。", ref_date=REF)
        if f.metric == "loss"
    ]
    assert [(f.value, f.category, f.period, f.qualifier) for f in losses] == [
        (value, "technology_crime", "2023-H1", qualifier)
    ]


@pytest.mark.parametrize(
    ("words", "label"),
    [
        ("during the first six months of the year", "2023-H1"),
        ("in 1H23", "2023-H1"),
        ("in H1 2023", "2023-H1"),
        ("in the six months to June", "2023-H1"),
        ("in the January-June period", "2023-H1"),
        ("in Jan-Jun 2023", "2023-H1"),
        ("in January through June", "2023-H1"),
        ("in 2023's first half", "2023-H1"),
        ("in the first two quarters", "2023-H1"),
        ("in the first three months of the year", "2023-Q1"),
        ("between January and July", "2023-01/2023-07"),
        ("throughout last year", "2022"),
        ("in calendar year 2022", "2022"),
    ],
)
def test_an_english_period_however_named(words, label):
    figs = extract_figures(f"Technology crime cases numbered 15,637 {words}.", ref_date=REF)
    assert [(f.value, f.period) for f in figs] == [(15637, label)]


@pytest.mark.parametrize(
    ("words", "label"),
    [
        ("今年首半年", "2023-H1"),
        ("今年頭六個月", "2023-H1"),
        ("今年一至六月", "2023-H1"),
        ("今年1-6月", "2023-H1"),
        ("截至今年6月底", "2023-H1"),
        ("今年第一季度", "2023-Q1"),
        ("今年頭三個月", "2023-Q1"),
        ("今年4至6月", "2023-Q2"),
        ("今年1月至7月", "2023-01/2023-07"),
        ("去年下半年", "2022-H2"),
    ],
)
def test_a_chinese_period_however_named(words, label):
    figs = extract_figures(f"{words}科技罪案共有15,637宗。", ref_date=REF)
    assert [(f.value, f.period) for f in figs] == [(15637, label)]
