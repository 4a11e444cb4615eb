"""A figure stated twice, once rounded (issue 8, session 9): the precise one is kept, once.

ANNOTATION.md lists a figure stated twice in one passage once, at its most precise value. The
headlines and summaries below round the body's figure (published figures, our own words); each
case says which rounding it is.
"""

from __future__ import annotations

from datetime import date

import pytest

from transform.figures.extractor import Figure, extract_figures
from transform.figures.restated import is_rounding_of


def _keys(text: str, ref: str) -> list[tuple]:
    figs = extract_figures(text, ref_date=date.fromisoformat(ref))
    return sorted((f.category, f.metric, f.kind, f.value, f.period) for f in figs if f.confidence >= 0.55)


@pytest.mark.parametrize(
    ("headline", "body", "kept"),
    [
        (  # "nearly": within half a unit of its last digit
            "Deception up nearly 40 per cent in nine months",
            "Police recorded 19,444 deception cases from January to September, up 39.7 per cent.",
            ("deception", "cases", "change_pct", 39.7, "2022-01/2022-09"),
        ),
        (  # "more than": at or above it, below one unit more
            "Phone scam losses top HK$800 million",
            "Telephone deception losses rose to HK$811 million last year.",
            ("telephone_deception", "loss", "level", 811e6, "2021"),
        ),
        (  # no word at all: a round number in a Chinese headline
            "去年騙案近兩萬宗",
            "警方表示，去年共錄得19,249宗騙案。",
            ("deception", "cases", "level", 19249, "2021"),
        ),
        (  # 逾 with a Chinese scale
            "騙案損失逾30億",
            "去年騙案損失金額達30.7億元。",
            ("deception", "loss", "level", 3.07e9, "2021"),
        ),
    ],
)
def test_a_rounded_restatement_gives_way_to_the_precise_figure(headline, body, kept) -> None:
    ref = "2022-10-21" if "nine months" in headline else "2022-02-10"
    keys = _keys(f"{headline}\n\n{body}", ref)
    same = [k for k in keys if k[:3] == kept[:3] and k[4] == kept[4]]
    assert same == [kept]


def test_two_figures_of_one_series_further_apart_than_a_rounding_are_both_kept() -> None:
    # 15,000 is no rounding of 15,637 at its own precision (half a unit is 500): two statements
    text = (
        "Technology crime reached 15,637 cases in the first half of 2023. Police had expected 15,000 cases."
    )
    values = {k[3] for k in _keys(text, "2023-08-10") if k[:3] == ("technology_crime", "cases", "level")}
    assert 15637 in values


def _fig(value: float, qualifier: str = "exact") -> Figure:
    return Figure(
        jurisdiction="HK",
        category="deception",
        source_label="deception",
        metric="cases",
        value=value,
        unit="count",
        period="2023",
        period_start=None,
        period_end=None,
        period_type="year",
        qualifier=qualifier,
        kind="level",
        compared_with=None,
        quote="",
        char_start=0,
        char_end=0,
    )


@pytest.mark.parametrize(
    ("rough", "qualifier", "precise", "expected"),
    [
        (40000, "approx", 39824, True),
        (40000, "more_than", 39824, False),  # "more than 40,000" is not 39,824
        (39000, "more_than", 39824, True),
        (40000, "less_than", 39824, True),
        (90000, "exact", 90276, True),
        (39824, "exact", 39824, False),  # the same digits: an exact repeat, not a rounding
        (39824, "exact", 40000, False),  # the precise one is never the rounding
        (65, "more_than", 66.5, True),  # 逾六成半: a bound ending in 5 is a half step (65-70)
        (65, "more_than", 71, False),
        (-20, "approx", -21, True),  # a fall rounded keeps its sign
        (20, "approx", -21, False),
    ],
)
def test_is_rounding_of(rough, qualifier, precise, expected) -> None:
    assert is_rounding_of(_fig(rough, qualifier), _fig(precise)) is expected
