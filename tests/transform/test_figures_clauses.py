"""Categories, periods, places and non-statistics decided clause by clause (rules found by a blind test).

Every figure is a published one (reference/published_figures.csv, SOURCES.md); the sentences are
written for the tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from transform.figures import Figure, extract_figures
from transform.figures.categories_text import find_category_terms
from transform.figures.jurisdictions import find_places


def _figs(text: str, ref: str | None = None, **kw) -> list[Figure]:
    return extract_figures(text, ref_date=date.fromisoformat(ref) if ref else None, **kw)


def _keys(figures: list[Figure]) -> list[tuple]:
    return [(f.kind, f.metric, f.category, f.value, f.period) for f in figures]


# --- fraud agents name deception; a loss in a sentence naming fraud is not a loss to all crime ---------


@pytest.mark.parametrize("agent", ["fraudsters", "scammers", "swindlers"])
def test_money_lost_to_fraud_agents_is_a_deception_loss(agent: str) -> None:
    text = f"Crimes rose to 90,276 cases in 2023. Victims lost more than HK$9 billion to {agent} in 2023."
    loss = [f for f in _figs(text) if f.metric == "loss"]
    assert _keys(loss) == [("level", "loss", "deception", 9e9, "2023")]
    assert loss[0].qualifier == "more_than"


def test_chinese_fraud_agent_names_deception() -> None:
    text = "2024年整體罪案有94 747宗。騙子在2025年共騙去約81億元。"
    assert ("level", "loss", "deception", 8.1e9, "2025") in _keys(_figs(text))


def test_a_named_kind_of_fraud_outranks_the_fraudsters() -> None:
    text = "Fraudsters using e-mail deception were behind 1,153 reports in 2013."
    assert _keys(_figs(text)) == [("level", "cases", "email_scam", 1153, "2013")]


# --- bare "crime" is all crime; a later clause's category does not apply backwards --------------------


def test_bare_crime_as_subject_is_overall_crime_and_later_clause_keeps_its_own() -> None:
    text = (
        "Crime edged up 1.9 per cent last year to 64,428 cases, as deception rose 23.8 per cent "
        "to 19,249, up from 15,553 the year before."
    )
    assert _keys(_figs(text, "2022-02-10")) == [
        ("change_pct", "cases", "overall_crime", 1.9, "2021"),
        ("level", "cases", "overall_crime", 64428, "2021"),
        ("change_pct", "cases", "deception", 23.8, "2021"),
        ("level", "cases", "deception", 19249, "2021"),
        ("level", "cases", "deception", 15553, "2020"),
    ]


def test_crime_syndicates_are_not_overall_crime() -> None:
    assert find_category_terms("Crime syndicates were dismantled.") == []
    assert [t.key for t in find_category_terms("Crime rose, as scams rose.")] == [
        "overall_crime",
        "deception",
    ]


def test_category_of_a_later_clause_is_not_applied_to_an_earlier_one() -> None:
    text = "The total rose 1.9 per cent last year, while deception rose 23.8 per cent to 19,249."
    found = _keys(_figs(text, "2022-02-10"))
    assert ("change_pct", "cases", "deception", 1.9, "2021") not in found
    assert ("level", "cases", "deception", 19249, "2021") in found


# --- other offences in the plural stop inheritance and are dropped by default --------------------------


def test_plural_other_offences_block_the_earlier_category() -> None:
    text = (
        "Violent crime went up 8.3 percent to 5,156 cases in the first half of 2024, while burglaries "
        "increased by 19.6 percent to 684."
    )
    assert _keys(_figs(text)) == [
        ("change_pct", "cases", "violent_crime", 8.3, "2024-H1"),
        ("level", "cases", "violent_crime", 5156, "2024-H1"),
    ]
    kept = _figs(text, include_other_crimes=True)
    assert [f.source_label for f in kept if f.value == 684] == ["burglaries"]


@pytest.mark.parametrize("word", ["robberies", "thefts", "homicides", "爆竊", "劫案"])
def test_other_offence_words_are_recognised(word: str) -> None:
    assert [t.key for t in find_category_terms(f"{word} 684")] == ["unknown"]


@pytest.mark.parametrize("words", ["The overall detection rate", "整體破案率"])
def test_overall_detection_rate_is_overall_crime(words: str) -> None:
    assert [t.key for t in find_category_terms(f"Deception cases rose. {words} fell.")] == [
        "deception",
        "overall_crime",
    ]


# --- Chinese: each part split by ；keeps its own period -------------------------------------------------


def test_a_period_in_a_later_part_is_not_the_period_of_an_earlier_one() -> None:
    text = (
        "2020年科技罪案達12 916宗。當中網上購物騙案有6 678宗，涉款逾1.2億元；"
        "前年則只有2 194宗，涉款2730萬元。"
    )
    found = _keys(_figs(text, "2021-05-01"))
    assert ("level", "cases", "online_shopping_fraud", 6678, "2020") in found
    assert ("level", "loss", "online_shopping_fraud", 1.2e8, "2020") in found
    assert ("level", "cases", "online_shopping_fraud", 2194, "2019") in found
    assert not [k for k in found if k[3] in (6678, 1.2e8) and k[4] != "2020"]


def test_a_part_without_a_period_takes_the_one_of_the_part_before() -> None:
    text = "2019年科技罪案有8 322宗；2020年則有12 916宗；涉款29.6億元。"
    assert _keys(_figs(text)) == [
        ("level", "cases", "technology_crime", 8322, "2019"),
        ("level", "cases", "technology_crime", 12916, "2020"),
        ("level", "loss", "technology_crime", 2.96e9, "2020"),
    ]


# --- the Mainland named in English --------------------------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        "Across the border, the figures were higher.",
        "The Ministry of Public Security published its figures.",
        "Police nationwide published their figures.",
        "Mainland police published their figures.",
    ],
)
def test_mainland_cues_in_english_name_the_mainland(words: str) -> None:
    assert [p.code for p in find_places(words)] == ["CN"]


def test_a_mainland_cue_places_the_figure_after_it() -> None:
    text = (
        "Deception cases reached 39,824 in 2023. Across the border, deception cases reached 39,824 in 2023."
    )
    assert [f.jurisdiction for f in _figs(text)] == ["HK", "CN"]


# --- what one operation found is not a statistic ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Deception cases reached 39,824 in 2023. In a separate operation, officers arrested 6 people.",
        "Deception cases reached 39,824 in 2023. Officers arrested 6 people in the operation.",
        "2023年騙案有39 824宗。警方在是次行動中拘捕6人。",
    ],
)
def test_counts_of_one_operation_are_not_figures(text: str) -> None:
    assert [(f.metric, f.value) for f in _figs(text)] == [("cases", 39824)]


def test_arrests_outside_an_operation_are_still_read() -> None:
    found = _figs("Deception cases reached 39,824 in 2023. Officers arrested 6 people.")
    assert [(f.metric, f.value) for f in found] == [("cases", 39824), ("arrests", 6)]
