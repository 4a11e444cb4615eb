"""CI gate: the reader on the generated constructions (issue 8; `tests/figure_constructions.py`,
README "Constructions, crossed"). The grammar itself is checked first: its facts are published
figures, and every figure its gold lists is written in its text."""

from __future__ import annotations

import csv
import re

import pytest

from tests.figure_constructions import FACTS, every_item, template_of
from tests.figure_folds import SHARED
from tests.figure_invariance import score
from tests.figure_model import evaluator

# As first measured the grammar's four sets scored 0.962 / 0.988, 1.000 / 1.000, 0.997 / 0.997 and
# 0.959 / 0.959 (README); these floors keep what the reader reads now.
FLOORS = {"EN": (0.99, 0.99), "ZH": (0.99, 0.99)}


def _published() -> set[tuple[str, str, str, float]]:
    with open(SHARED / "reference" / "published_figures.csv", encoding="utf-8") as f:
        return {(r["category"], r["metric"], r["period_label"], float(r["value"])) for r in csv.DictReader(f)}


def test_every_fact_of_the_grammar_is_a_published_figure():
    published = _published()
    for fact in FACTS:
        stated = [(fact.period, fact.cases), (fact.prev, fact.prev_cases)]
        for period, value in stated:
            assert (fact.category, "cases", period, float(value)) in published, (fact, period)
        for period, value in ((fact.period, fact.loss), (fact.prev, fact.prev_loss)):
            if value is not None:
                assert (fact.category, "loss", period, float(value)) in published, (fact, period)


def _written(value: float, unit: str) -> list[str]:
    if unit == "count":
        n = int(abs(value))
        return [f"{n:,}", str(n)]
    if unit == "percent":
        return [f"{abs(value):g}"]
    return [f"{value / 1e9:g} billion", f"{value / 1e6:g} million", f"{value / 1e8:g}億"]


def test_every_gold_figure_is_written_in_its_text():
    for item in every_item():
        for want in item["expected"]:
            assert any(w in item["text"] for w in _written(want["value"], want["unit"])), (item["id"], want)


def test_the_grammar_crosses_every_template_with_facts_in_both_languages():
    items = every_item()
    assert len({template_of(i) for i in items}) >= 50
    assert {i["lang"] for i in items} == {"EN", "ZH"}
    assert len({i["text"] for i in items}) == len(items)  # no two items alike


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_the_reader_reads_the_constructions(lang):
    items = [i for i in every_item() if i["lang"] == lang]
    t = score(evaluator(), items)
    recall_floor, precision_floor = FLOORS[lang]
    assert t.recall(lang) >= recall_floor and t.precision(lang) >= precision_floor, (
        f"{lang}: recall {t.recall(lang):.3f} precision {t.precision(lang):.3f}; "
        "run python -m tests.figure_constructions -v"
    )


def test_a_missed_figure_lowers_the_constructions_score():
    """The gate can fail: the same items with one gold figure changed score below 1."""
    item = next(i for i in every_item() if i["lang"] == "EN")
    wrong = {**item, "expected": [{**item["expected"][0], "period": "1999"}, *item["expected"][1:]]}
    t = score(evaluator(), [wrong])
    assert t.recall() < 1.0 and re.match(r"E\d+", template_of(item))
