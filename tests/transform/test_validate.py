"""transform.validate: rows -> Arrow tables with the exact contract schema, or a failure that says why."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from tests.warehouse.rows import CSC_TC, SCMP_TECH_2023H1, obs
from transform import schema
from transform.exceptions import ValidationFailed
from transform.validate import validate_article_figures, validate_articles, validate_observations

KNOWN = {"overall_crime", "technology_crime"}


def overall_h1_2023(**changes) -> dict:
    row = obs(
        "overall_crime", "cases", "2023-H1", 42923, url=CSC_TC, tier="official_table", published="2024-08-09"
    )
    return row | changes


def test_builds_exact_schema_and_fills_observation_id():
    table = validate_observations([overall_h1_2023()], known_categories=KNOWN)
    assert table.schema == schema.OBSERVATION_SCHEMA
    row = table.to_pylist()[0]
    assert row["observation_id"] == schema.observation_id(overall_h1_2023())
    assert row["value"] == 42923.0 and row["period_end"] == date(2023, 6, 30)


def test_accepts_iso_strings():
    row = overall_h1_2023(
        period_start="2023-01-01", period_end="2023-06-30", published_at="2024-08-09T08:00:00+08:00"
    )
    table = validate_observations([row], known_categories=KNOWN)
    got = table.to_pylist()[0]
    assert got["period_start"] == date(2023, 1, 1)
    assert got["published_at"] == datetime(2024, 8, 9, 0, 0, tzinfo=UTC)


def test_exact_duplicates_are_dropped():
    table = validate_observations([overall_h1_2023(), overall_h1_2023()], known_categories=KNOWN)
    assert table.num_rows == 1


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"unit": "cases"}, "unit must be one of"),
        ({"source_tier": "blog"}, "source_tier must be one of"),
        ({"qualifier": "roughly"}, "qualifier must be one of"),
        ({"period_type": "week"}, "period_type must be one of"),
        ({"value": -42923.0}, "value must be >= 0"),
        ({"value": float("nan")}, "value must be finite"),
        ({"period_start": date(2023, 7, 1)}, "period_end must be >= period_start"),
        ({"category": "crime_overall"}, "category must be a known id"),
        ({"category": "unknown", "source_label": None}, "'unknown' with the raw label"),
        ({"document_url": "  "}, "document_url must be non-empty"),
        ({"document_url": None}, "document_url must not be null"),
        ({"value": "42 923"}, "type: value must be double"),
        ({"period_start": 20230101}, "type: period_start must be date32"),
        ({"colour": "red"}, "unknown column(s) ['colour']"),
    ],
)
def test_each_broken_rule_is_named_with_an_example(change, rule):
    with pytest.raises(ValidationFailed) as err:
        validate_observations([overall_h1_2023(**change)], known_categories=KNOWN)
    message = str(err.value)
    assert rule in message
    assert "category=" in message and "period='2023-H1'" in message and "document_url=" in message
    if "document_url" not in change:
        assert CSC_TC in message


def test_unknown_category_with_its_label_passes():
    row = overall_h1_2023(category="unknown", source_label="總體罪案")
    assert validate_observations([row], known_categories=KNOWN).num_rows == 1


def test_percent_may_be_negative():
    row = overall_h1_2023(metric="change", unit="percent", value=-4.3)
    assert validate_observations([row], known_categories=KNOWN).column("value").to_pylist() == [-4.3]


def test_same_id_with_different_values_fails():
    a = overall_h1_2023(observation_id="same")
    b = overall_h1_2023(observation_id="same", value=43016.0)
    with pytest.raises(ValidationFailed, match="duplicate observation_id with different values"):
        validate_observations([a, b], known_categories=KNOWN)


def test_failure_counts_rows_and_caps_examples():
    rows = [overall_h1_2023(unit="cases", source_label=str(i)) for i in range(5)]
    with pytest.raises(ValidationFailed) as err:
        validate_observations(rows, known_categories=KNOWN)
    assert "5 row(s)" in str(err.value)
    assert str(err.value).count("document_url=") == 3
    assert err.value.problems == {"unit must be one of ('count', 'HKD', 'USD', 'percent', 'ratio')": 5}


def article(**changes) -> dict:
    row = {
        "url": SCMP_TECH_2023H1,
        "source_id": "scmp",
        "source_tier": "media",
        "title": "Technology crime in the first half of 2023",
        "published_at": datetime(2023, 8, 11, tzinfo=UTC),
        "language": "en",
        "body": "Neutral placeholder body.",
        "sha256": "ab" * 32,
    }
    return row | changes


def test_articles_get_ids_and_schema():
    table = validate_articles([article()])
    assert table.schema == schema.ARTICLE_SCHEMA
    assert len(table.column("article_id")[0].as_py()) == 32


def test_article_without_url_fails():
    with pytest.raises(ValidationFailed, match="url must be non-empty"):
        validate_articles([article(url="")])


def figure(**changes) -> dict:
    row = obs(
        "technology_crime",
        "cases",
        "2023-H1",
        47.3,
        url=SCMP_TECH_2023H1,
        tier="media",
        published="2023-08-11",
    )
    row |= {"article_id": "a1", "unit": "percent", "kind": "change_pct", "compared_with": "2022-H1"}
    return row | changes


def test_figures_may_be_negative_changes_and_lack_a_period():
    rows = [
        figure(kind="change_abs", unit="count", value=-2038.0),
        figure(period_label=None, period_start=None, period_end=None, period_type=None),
    ]
    table = validate_article_figures(rows, known_categories=KNOWN)
    assert table.schema == schema.ARTICLE_FIGURE_SCHEMA
    assert table.num_rows == 2


def test_negative_level_figure_fails():
    with pytest.raises(ValidationFailed, match="value must be >= 0"):
        validate_article_figures([figure(kind="level", unit="count", value=-15637.0)])


def test_figure_kind_checked():
    with pytest.raises(ValidationFailed, match="kind must be one of"):
        validate_article_figures([figure(kind="ratio")])


# ---- plausible ranges (issue 12): absurd values are refused, the range named ----------------------
@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"value": 1e308}, "[0, 1e+10] for unit count"),
        ({"metric": "change", "unit": "percent", "value": 1e50}, "[-100, 100000] for unit percent"),
        ({"metric": "change", "unit": "percent", "value": -150.0}, "[-100, 100000] for unit percent"),
        ({"metric": "loss", "unit": "HKD", "value": 5e13}, "[0, 1e+13] for unit HKD"),
        ({"metric": "detection_rate", "unit": "percent", "value": 130.0}, "metric detection_rate in percent"),
    ],
)
def test_absurd_values_are_refused_naming_the_range(changes, named):
    with pytest.raises(ValidationFailed, match=re.escape(named)) as info:
        validate_observations([overall_h1_2023(**changes)], known_categories=KNOWN)
    assert "document_url=" in str(info.value)


@pytest.mark.parametrize(
    "changes",
    [
        {"value": 94747.0},
        {"metric": "loss", "unit": "HKD", "value": 9.1e9},
        {"metric": "detection_rate", "unit": "percent", "value": 100.0},
        {"metric": "change", "unit": "percent", "value": -100.0},
    ],
)
def test_real_sized_values_pass(changes):
    assert validate_observations([overall_h1_2023(**changes)], known_categories=KNOWN).num_rows == 1


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"kind": "change_pct", "unit": "percent", "value": 1e50}, "for a % change"),
        ({"kind": "change_abs", "unit": "count", "value": -1e300}, "for a change in count"),
        ({"kind": "fold", "unit": "ratio", "value": 1e9}, "for unit ratio"),
    ],
)
def test_absurd_figures_are_refused(changes, named):
    with pytest.raises(ValidationFailed, match=re.escape(named)):
        validate_article_figures([figure(**changes)])
