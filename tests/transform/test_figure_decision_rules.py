"""Every named rule of transform/figures/confidence.py decides at least one sentence written here.

Each sample is our own sentence around a published figure (reference/published_figures.csv); it
names the decision (category, period or jurisdiction) and the rule expected to take it, so that a
rule nobody can trigger, or a pattern a rule stops handling, fails here by name. The last test
checks that no rule of the tables is left without a sample.
"""

from __future__ import annotations

from datetime import date

import pytest

from transform.figures import extract_figures
from transform.figures.confidence import CATEGORY_RULES, JURISDICTION_RULES, PERIOD_RULES

H1_2023 = "the first half of 2023"
# (decision, rule, text, publication date, the figure's value, what the decision gives)
SAMPLES = [
    # --- category: which words name what was counted
    ("category", "attached", "Police recorded 39 824 deception cases in 2023.", None, 39824, "deception"),
    (
        "category",
        "own_clause",
        "In 2023, deception rose and there were 39 824 cases.",
        None,
        39824,
        "deception",
    ),
    (
        "category",
        "subset_adjective",
        "Of the 90 276 crimes of 2023, 8 823 of them violent.",
        None,
        8823,
        "violent_crime",
    ),
    ("category", "earlier_in_sentence", "2023年騙案上升，共錄得39 824宗。", None, 39824, "deception"),
    (
        "category",
        "agent_noun",
        "In 2023 scammers cheated victims out of HK$9 billion.",
        None,
        9e9,
        "deception",
    ),
    (
        "category",
        "agent_agrees",
        "Deception cases reached 39,824 in 2023. Scammers cheated victims out of HK$9 billion.",
        None,
        9e9,
        "deception",
    ),
    (
        "category",
        "sentence_subject",
        "In 2022 deception cases numbered 27 923; in 2023 they rose to 39 824.",
        None,
        39824,
        "deception",
    ),
    (
        "category",
        "fraud_named",
        "Crime losses reached HK$9 billion in 2023, most of it lost to deception.",
        None,
        9e9,
        "deception",
    ),
    (
        "category",
        "anaphor",
        f"Technology crime rose in {H1_2023}. Such cases numbered 15 637.",
        None,
        15637,
        "technology_crime",
    ),
    (
        "category",
        "carried_previous",
        f"Technology crime rose in {H1_2023}. There were 15 637, up 47.3 per cent.",
        None,
        47.3,
        "technology_crime",
    ),
    (
        "category",
        "carried",
        f"Technology crime rose sharply in {H1_2023}. The police warned the public. "
        "They said there were 15 637 cases.",
        None,
        15637,
        "technology_crime",
    ),
    (
        "category",
        "list_item",
        "Overall crime and deception rose to 90 276 and 39 824 respectively in 2023.",
        None,
        39824,
        "deception",
    ),
    (
        "category",
        "table_row",
        "The figures are set out below:\nYear 2011 2012\nTechnology crime cases 2 206 3 015\n",
        None,
        2206,
        "technology_crime",
    ),
    (
        "category",
        "table_row_above",
        "The figures are set out below:\nYear 2011 2012\n"
        "Technology crime cases 2 206 3 015\nLoss ($ million) 148 238\n",
        None,
        148e6,
        "technology_crime",
    ),
    (
        "category",
        "table_lead",
        "Technology crime in the two years:\nYear 2011 2012\nNumber of cases 2 206 3 015\n",
        None,
        2206,
        "technology_crime",
    ),
    (
        "category",
        "heading",
        "Deception in 2023\nCases: 39 824\nLosses: $9 billion",
        None,
        39824,
        "deception",
    ),
    # --- period: where the words that date the figure are
    ("period", "heading", "Deception in 2023\nCases: 39 824\nLosses: $9 billion", None, 9e9, "2023"),
    ("period", "attached", "Police recorded 39 824 deception cases in 2023.", None, 39824, "2023"),
    ("period", "sentence", "在2023年，罪案的損失超過90億元，主要來自詐騙。", None, 9e9, "2023"),
    (
        "period",
        "segment",
        "In 2022 deception cases numbered 27 923; in 2023 they rose to 39 824.",
        None,
        39824,
        "2023",
    ),
    (
        "period",
        "year_to_date",
        "截至今年7月，科技罪案共有19 080宗。今年科技罪案的損失超過36億元。",
        date(2025, 9, 26),
        3.6e9,
        "2025-01/2025-07",
    ),
    ("period", "table_column", "Year 2011 2012\nTechnology crime cases 2 206 3 015\n", None, 3015, "2012"),
    (
        "period",
        "list_item",
        "Deception cases numbered 27 923 and 39 824 in 2022 and 2023 respectively.",
        None,
        27923,
        "2022",
    ),
    (
        "period",
        "carried",
        f"In {H1_2023}, technology crime rose. Police recorded 15 637 cases.",
        None,
        15637,
        "2023-H1",
    ),
    (
        "period",
        "text",
        "Deception cases numbered 39 824, police said. The figures cover 2023.",
        None,
        39824,
        "2023",
    ),
    ("period", "none", "Technology crime cases numbered 15 637.", None, 15637, None),
    # --- jurisdiction: Hong Kong unless the words name another place
    (
        "jurisdiction",
        "named",
        "In Singapore, scam and cybercrime cases rose to 50,376 in 2023.",
        None,
        50376,
        "SG",
    ),
    ("jurisdiction", "currency", "Deception victims lost NT$9 billion in 2023.", None, 9e9, "TW"),
    ("jurisdiction", "default", "Police recorded 39 824 deception cases in 2023.", None, 39824, "HK"),
    (
        "jurisdiction",
        "carried",
        "In Singapore, scams rose in 2023. Scam and cybercrime cases numbered 50,376 in 2023.",
        None,
        50376,
        "SG",
    ),
    ("jurisdiction", "unnamed_simplified", "2023年诈骗案共录得39 824宗。", None, 39824, "unknown"),
]
FIELD = {"category": "category", "period": "period", "jurisdiction": "jurisdiction"}


@pytest.mark.parametrize(
    ("decision", "rule", "text", "ref", "value", "expected"),
    SAMPLES,
    ids=[f"{s[0]}-{s[1]}" for s in SAMPLES],
)
def test_the_rule_decides_its_sample(decision, rule, text, ref, value, expected):
    found = [f for f in extract_figures(text, ref_date=ref) if f.value == pytest.approx(value)]
    assert found, f"no figure {value} in {text!r}"
    fig = found[0]
    assert fig.evidence[f"{decision}_rule"] == rule, fig.evidence
    assert getattr(fig, FIELD[decision]) == expected
    table = {"category": CATEGORY_RULES, "period": PERIOD_RULES, "jurisdiction": JURISDICTION_RULES}[decision]
    assert fig.confidence <= table[rule]  # the rule's score bounds the figure's confidence


def test_every_rule_of_the_tables_has_a_sample():
    covered = {(decision, rule) for decision, rule, *_ in SAMPLES}
    tables = {"category": CATEGORY_RULES, "period": PERIOD_RULES, "jurisdiction": JURISDICTION_RULES}
    missing = {(d, r) for d, rules in tables.items() for r in rules} - covered
    assert not missing, f"rules without a sample: {sorted(missing)}"


def test_a_later_part_of_a_sentence_keeps_its_own_year_in_chinese_too():
    text = "2022年騙案有27 923宗；2023年則上升至39 824宗。"
    periods = {f.value: f.period for f in extract_figures(text)}
    assert periods == {27923: "2022", 39824: "2023"}
