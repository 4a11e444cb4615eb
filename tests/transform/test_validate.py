"""transform.validate: rows -> Arrow tables with the exact contract schema, or a failure that says why."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pyarrow as pa
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


# ---- by column (issue 13): the same contract for a large batch and for an Arrow table ------------
def many(n: int) -> list[dict]:
    """n copies of the headline row, each from its own document (so each has its own id)."""
    return [overall_h1_2023(document_url=f"{CSC_TC}?copy={i}") for i in range(n)]


def test_a_bad_row_in_the_middle_of_a_large_batch_is_named_by_row_and_url():
    rows = many(5000)
    rows[2718] = rows[2718] | {"value": -1.0}
    rows[4000] = rows[4000] | {"period_start": "not a date"}
    with pytest.raises(ValidationFailed) as err:
        validate_observations(rows, known_categories=KNOWN)
    message = str(err.value)
    assert (
        f"row 2718: category='overall_crime' period='2023-H1' value=-1.0 document_url='{CSC_TC}?copy=2718'"
        in message
    )
    assert "type: period_start must be date32[day], got str 'not a date'" in message
    assert "row 4000: " in message and "copy=4000" in message
    assert err.value.problems == {
        "type: period_start must be date32[day], got str 'not a date'"
        " (Invalid isoformat string: 'not a date')": 1,
        "period_start must not be null": 1,
        "value must be >= 0 (only percent units and change figures may be negative)": 1,
    }


def test_an_arrow_table_is_checked_like_the_rows_it_holds():
    rows = many(300)
    table = validate_observations(rows, known_categories=KNOWN)
    assert validate_observations(table, known_categories=KNOWN).equals(table)
    bad = table.set_column(
        table.schema.get_field_index("unit"),
        schema.OBSERVATION_SCHEMA.field("unit"),
        pa.array(["count"] * 150 + ["cases"] + ["count"] * 149),
    )
    with pytest.raises(ValidationFailed, match=r"unit must be one of .*: 1 row\(s\)") as err:
        validate_observations(bad, known_categories=KNOWN)
    assert "row 150: " in str(err.value) and "copy=150'" in str(err.value)


def test_an_arrow_table_of_other_types_is_converted_or_refused_by_value():
    rows = many(3)
    table = pa.Table.from_pylist([r | {"period_start": "2023-01-01", "observation_id": None} for r in rows])
    got = validate_observations(table, known_categories=KNOWN)
    assert got.schema == schema.OBSERVATION_SCHEMA
    assert got.column("period_start").to_pylist() == [date(2023, 1, 1)] * 3
    assert got.column("observation_id").to_pylist() == [schema.observation_id(r) for r in rows]
    with pytest.raises(ValidationFailed, match=re.escape("unknown column(s) ['colour']: 3 row(s)")):
        validate_observations(table.append_column("colour", pa.array(["red"] * 3)), known_categories=KNOWN)


def test_a_bool_or_bytes_is_never_taken_for_a_number_or_a_string():
    with pytest.raises(ValidationFailed, match="type: value must be double, got bool True"):
        validate_observations([overall_h1_2023(value=True)], known_categories=KNOWN)
    with pytest.raises(ValidationFailed, match="type: metric must be string, got bytes"):
        validate_observations([overall_h1_2023(metric=b"cases")], known_categories=KNOWN)


def test_a_number_too_large_for_its_column_is_named_not_raised():
    with pytest.raises(ValidationFailed, match="type: char_start must be int32, got int 3000000000"):
        validate_article_figures([figure(char_start=3_000_000_000)])
    with pytest.raises(ValidationFailed, match="type: value must be double, got int"):
        validate_observations([overall_h1_2023(value=10**400)], known_categories=KNOWN)


def test_duplicates_keep_the_first_copy_in_input_order_and_count_every_different_repeat():
    a, b, c = many(3)
    table = validate_observations([a, b, a, c, b], known_categories=KNOWN)
    assert table.column("document_url").to_pylist() == [
        a["document_url"],
        b["document_url"],
        c["document_url"],
    ]
    changed = [a, b, a | {"value": 1.0}, a | {"quote": "other"}]
    with pytest.raises(ValidationFailed) as err:
        validate_observations([r | {"observation_id": "same"} for r in changed], known_categories=KNOWN)
    assert err.value.problems == {"duplicate observation_id with different values": 3}
    assert "row 1: " in str(err.value) and "row 3: " in str(err.value)


def test_nothing_is_returned_when_one_row_of_many_fails():
    rows = many(1000) + [overall_h1_2023(source_tier="blog")]
    with pytest.raises(ValidationFailed, match=re.escape("1001 observation row(s) failed validation")):
        validate_observations(rows, known_categories=KNOWN)
