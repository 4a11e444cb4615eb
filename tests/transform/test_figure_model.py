"""`make figures-model` (tests/figure_model.py): rules against a learned model for keeping figures.

The logistic regression, the features, the split and the scoring are tested here on data written in
this project's own words (real published figures, reference/published_figures.csv); the last test
runs the whole comparison on the shared dev corpus and checks that its rules column is what
`make figures-folds` prints.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from tests import figure_folds
from tests import figure_model as fm
from transform.figures.confidence import THRESHOLD
from transform.figures.extractor import Figure


@pytest.fixture(scope="module")
def ev():
    if not figure_folds.EVALUATOR.exists():
        pytest.skip(f"shared evaluator not found at {figure_folds.EVALUATOR}")
    return fm.evaluator()


# --- the logistic regression ----------------------------------------------------------------------


def _separable() -> tuple[np.ndarray, np.ndarray]:
    """Two features: the first separates the classes at 0; the second is mirrored across the
    boundary, so it tells the classes nothing."""
    x = np.array(
        [[-3.0, 1.0], [-2.0, 0.0], [-1.0, 0.0], [-0.5, 1.0], [0.5, 1.0], [1.0, 0.0], [2.0, 0.0], [3.0, 1.0]]
    )
    return x, np.array([0, 0, 0, 0, 1, 1, 1, 1], dtype=float)


def test_logistic_regression_learns_a_separation():
    x, y = _separable()
    w = fm.fit_logistic(x, y, l2=0.1)
    p = fm.predict(w, x)
    assert list(p >= 0.5) == [False] * 4 + [True] * 4
    assert fm.predict(w, np.array([[-5.0, 0.0], [5.0, 1.0]])).round(3).tolist() == pytest.approx(
        [0.0, 1.0], abs=0.01
    )
    assert w[1] > 1.0 and abs(w[2]) < 1e-6  # the weight is on the feature that separates


def test_logistic_regression_is_deterministic():
    x, y = _separable()
    assert fm.fit_logistic(x, y).tobytes() == fm.fit_logistic(x, y).tobytes()


def test_the_ridge_shrinks_weights_but_not_the_intercept():
    x, y = _separable()
    assert abs(fm.fit_logistic(x, y, l2=10.0)[1]) < abs(fm.fit_logistic(x, y, l2=0.1)[1])
    # a feature that is always 0 carries nothing: the intercept alone gives the base rate, whatever the ridge
    w = fm.fit_logistic(np.zeros((5, 1)), np.array([1, 1, 1, 1, 0], dtype=float), l2=100.0)
    assert fm.predict(w, np.zeros((1, 1)))[0] == pytest.approx(0.8, abs=1e-6)


# --- features -------------------------------------------------------------------------------------


def _figure(**changes) -> dict:
    base = Figure(
        jurisdiction="HK",
        category="technology_crime",
        source_label="technology crime",
        metric="loss",
        value=2_030_000_000.0,
        unit="HKD",
        period="2023-H1",
        period_start=date(2023, 1, 1),
        period_end=date(2023, 6, 30),
        period_type="half",
        qualifier="exact",
        kind="level",
        compared_with=None,
        quote="Such cases caused losses of HK$2.03 billion.",
        char_start=28,
        char_end=43,
        confidence=0.589,
        evidence={
            "category": "technology crime",
            "category_rule": "anaphor",
            "period": "2023-H1",
            "period_rule": "carried",
            "jurisdiction": "",
            "jurisdiction_rule": "default",
        },
    ).to_dict()
    return {**base, **changes}


def test_features_are_the_one_hots_of_the_evidence_and_fields():
    got = fm.features(_figure())
    assert got == {
        "category_rule=anaphor": 1.0,
        "period_rule=carried": 1.0,
        "jurisdiction_rule=default": 1.0,
        "category=technology_crime": 1.0,
        "metric=loss": 1.0,
        "unit=HKD": 1.0,
        "kind=level": 1.0,
        "granularity=half": 1.0,
        "qualifier=exact": 1.0,
        "lang=EN": 1.0,
        "confidence": 0.589,
        "flag=anaphor": 1.0,
        "log10_value": pytest.approx(np.log10(2_030_000_001) / 10),
    }


def test_features_of_a_chinese_change_with_a_place():
    fig = _figure(
        kind="change_pct",
        value=28.0,
        unit="percent",
        period="2023-01/2023-07",
        compared_with="2022-01/2022-07",
        qualifier="more_than",
        quote="澳門今年首七個月的科技罪案上升逾兩成八。",
        evidence={
            "category_rule": "own_clause",
            "period_rule": "attached",
            "jurisdiction": "澳門",
            "jurisdiction_rule": "named",
        },
    )
    got = fm.features(fig)
    assert {
        "kind=change_pct",
        "change",
        "compared_with",
        "granularity=span",
        "qualifier=more_than",
        "lang=ZH",
        "place_words",
        "flag=other_place",
        "jurisdiction_rule=named",
        "category_rule=own_clause",
    } <= got.keys()
    assert "log10_value" not in got and "lang=EN" not in got


def test_columns_put_each_feature_in_its_own_column_and_drop_unseen_ones():
    rows = [fm.features(_figure()), fm.features(_figure(metric="cases", unit="count", value=15637.0))]
    cols = fm.Columns.fit(rows)
    assert list(cols.names) == sorted(cols.names) and "metric=cases" in cols.names
    x = cols.matrix([{"metric=cases": 1.0, "never_seen": 1.0}])
    assert x.shape == (1, len(cols.names)) and x.sum() == 1.0
    assert x[0, cols.names.index("metric=cases")] == 1.0


# --- corpus, split and scoring --------------------------------------------------------------------

_ITEMS = [
    {
        "id": f"own-{n}",
        "lang": "EN",
        "ref_date": "2023-08-01",
        "text": "In the first half of 2023, police recorded 15,637 technology crime cases, "
        "against 10,613 in the first half of 2022. Such cases caused losses of HK$2.03 billion.",
        "expected": [
            {
                "kind": "level",
                "metric": "cases",
                "category": "technology_crime",
                "value": 15637,
                "unit": "count",
                "period": "2023-H1",
            },
            {
                "kind": "level",
                "metric": "cases",
                "category": "technology_crime",
                "value": 10613,
                "unit": "count",
                "period": "2022-H1",
            },
        ],
    }
    for n in range(7)
] + [
    {
        "id": "own-zh",
        "lang": "ZH",
        "ref_date": "2014-07-31",
        "text": "警方今年上半年共處理3246宗科技罪案。",
        "expected": [
            {
                "kind": "level",
                "metric": "cases",
                "category": "technology_crime",
                "value": 3246,
                "unit": "count",
                "period": "2014-H1",
            }
        ],
    }
]


def test_read_corpus_uses_figure_folds_split_and_labels_by_the_evaluator(ev):
    passages = fm.read_corpus(_ITEMS, ev)
    folds = figure_folds.fold_of(_ITEMS)
    assert [p.fold for p in passages] == [folds[i["id"]] for i in _ITEMS]
    assert len(set(folds.values())) == 5  # seven EN passages reach every fold
    first = passages[0]
    assert [(f["value"], label) for f, label in zip(first.found, first.labels, strict=True)] == [
        (15637.0, 1),
        (10613.0, 1),
        (2030000000.0, 0),  # in the text, not in this passage's gold list
    ]
    assert passages[-1].labels == [1]


def test_compare_trains_on_four_folds_and_tests_on_the_fifth(ev):
    passages = fm.read_corpus(_ITEMS, ev)
    seen: list[tuple[set[int], set[int]]] = []

    def spy(train, test):
        seen.append(({p.fold for p in train}, {p.fold for p in test}))
        assert len(train) + len(test) == len(passages)
        return fm.keep_all(train, test)

    fm.compare(passages, ev, {"spy": spy})
    assert seen == [(set(range(5)) - {k}, {k}) for k in range(5)]


def test_score_kept_counts_like_the_evaluator(ev):
    passages = fm.read_corpus(_ITEMS[:1], ev)
    everything = fm.score_kept(ev, passages, [[True, True, True]])
    assert (everything.matched, everything.expected, everything.kept) == (2, 2, 3)
    assert everything.precision == pytest.approx(2 / 3) and everything.f1 == pytest.approx(0.8)
    only_first = fm.score_kept(ev, passages, [[True, False, False]])
    assert (only_first.matched, only_first.kept, only_first.recall) == (1, 1, 0.5)
    assert fm.score_kept(ev, passages, [[False] * 3]).f1 == 0.0


def test_rules_keep_what_ships(ev):
    passages = fm.read_corpus(_ITEMS[:1], ev)
    keep = fm.rules([], passages)[0]
    assert keep == [f["confidence"] >= THRESHOLD for f in passages[0].found]


def _synthetic_passages() -> list[fm.Passage]:
    """Passages of hand-made figures: a figure attached to its words matches, one carried from afar
    does not. Ten per fold."""
    out = []
    for n in range(50):
        good = n % 2 == 0
        rule = "attached" if good else "carried"
        fig = _figure(
            confidence=0.9 if good else 0.6,
            evidence={"category_rule": rule, "period_rule": rule, "jurisdiction_rule": "default"},
        )
        out.append(fm.Passage(fold=n % 5, want=[], found=[fig], labels=[int(good)]))
    return out


def test_the_model_learns_from_training_labels_only(ev):
    passages = _synthetic_passages()
    train, test = passages[10:], passages[:10]
    assert fm.model(train, test) == [[p.labels[0] == 1] for p in test]
    flipped = [fm.Passage(p.fold, p.want, p.found, [1 - p.labels[0]]) for p in test]
    assert fm.model(train, flipped) == fm.model(train, test)  # the test fold's labels play no part
    assert fm.model_tuned(train, flipped, ev) == fm.model_tuned(train, test, ev)


# --- the real dev corpus --------------------------------------------------------------------------


@pytest.mark.slow
def test_on_the_dev_corpus_the_rules_column_is_what_figure_folds_prints(ev):
    if not figure_folds.CORPUS.exists():
        pytest.skip(f"shared corpus not found at {figure_folds.CORPUS}")
    items = figure_folds.load_corpus()
    results = fm.compare(fm.read_corpus(items, ev), ev)
    assert set(results) == {"rules", "model", "model_tuned", "all"}
    for scores in results.values():
        assert len(scores) == 5
        assert all(0 <= v <= 1 for s in scores for v in (s.recall, s.precision, s.f1))
        assert sum(s.expected for s in scores) == sum(
            len([w for w in i["expected"] if ev.scored(w)]) for i in items
        )
    for rules, every in zip(results["rules"], results["all"], strict=True):
        assert rules.kept <= every.kept and rules.matched <= every.matched  # keep-all bounds recall
    # every fold through the shared evaluator and `cyberstats figures --json`, as `make figures-folds` runs it
    folds = figure_folds.fold_of(items)
    cmd = f"{Path(sys.executable).parent}/cyberstats figures --json --ref-date {{ref}} {{file}}"
    for k, rules in enumerate(results["rules"]):
        nums, _ = figure_folds.score([i for i in items if folds[i["id"]] == k], cmd)
        assert (rules.matched, rules.expected, rules.kept) == (
            int(nums["m"]),
            int(nums["e"]),
            int(nums["f"]),
        ), k
