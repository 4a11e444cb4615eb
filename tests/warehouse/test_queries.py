"""warehouse.queries: compare, read-only ad hoc SQL, the demo table, counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.exceptions import QueryFailed, QueryRefused, UnknownSeries, WarehouseMissing
from warehouse.queries import compare, demo_table, run_query, table_counts


def test_compare_all_periods_newest_first(warehouse: Path):
    rows = compare(warehouse, category="overall_crime", metric="cases")
    assert [r["period_label"] for r in rows] == ["2024-H1", "2023", "2023-H2", "2023-H1", "2022-H1"]
    assert rows[0]["change_pct"] == 5.6 and rows[0]["prior_value"] == 42923


def test_compare_one_period(warehouse: Path):
    (row,) = compare(warehouse, category="technology_crime", metric="cases", period="2023-H1")
    assert (row["value"], row["prior_value"], row["change_pct"]) == (15637, 10613, 47.3)


def test_compare_previous(warehouse: Path):
    (row,) = compare(warehouse, category="technology_crime", metric="cases", period="2023-Q2", vs="previous")
    assert (row["value"], row["prior_period_label"], row["prior_value"]) == (8276, "2023-Q1", 7361)


def test_compare_unknown_category_lists_what_exists(warehouse: Path):
    with pytest.raises(UnknownSeries) as err:
        compare(warehouse, category="cyber_crime", metric="cases")
    assert "'cyber_crime'" in str(err.value) and "technology_crime/cases" in str(err.value)


def test_compare_unknown_period_lists_periods(warehouse: Path):
    with pytest.raises(UnknownSeries, match=r"periods available: \['2024-H1'"):
        compare(warehouse, category="overall_crime", metric="cases", period="2019")


def test_compare_unknown_comparison(warehouse: Path):
    with pytest.raises(UnknownSeries, match="unknown comparison 'last_year'"):
        compare(warehouse, category="overall_crime", metric="cases", vs="last_year")


def test_compare_without_warehouse(tmp_path: Path):
    with pytest.raises(WarehouseMissing):
        compare(tmp_path / "w.duckdb", category="overall_crime", metric="cases")


def test_run_query_returns_columns_and_rows(warehouse: Path):
    cols, rows = run_query(
        warehouse,
        "SELECT period_label, value FROM best_observations WHERE category = 'violent_crime' ORDER BY 1",
    )
    assert cols == ["period_label", "value"] and rows == [("2023-H1", 4759.0), ("2024-H1", 5156.0)]


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM observations",
        "CREATE TABLE t AS SELECT 1",
        "COPY (SELECT 1) TO '{out}'",
        "ATTACH '{out}' AS other",
    ],
)
def test_run_query_refuses_writes(warehouse: Path, tmp_path: Path, sql: str):
    out = tmp_path / "should-not-exist"
    with pytest.raises(QueryRefused, match="read-only"):
        run_query(warehouse, sql.format(out=out))
    assert table_counts(warehouse)["observations"] == 12
    assert not out.exists()


def test_run_query_reports_bad_sql(warehouse: Path):
    with pytest.raises(QueryFailed, match="no_such_table"):
        run_query(warehouse, "SELECT * FROM no_such_table")


def test_demo_table_headlines(warehouse: Path):
    lines = {(r["category"], r["metric"]): r for r in demo_table(warehouse)}
    assert set(lines) == {
        ("technology_crime", "cases"),
        ("technology_crime", "loss"),
        ("overall_crime", "cases"),
        ("violent_crime", "cases"),
    }
    assert (
        lines["overall_crime", "cases"]["period_label"],
        lines["overall_crime", "cases"]["change_pct"],
    ) == (
        "2024-H1",
        5.6,
    )
    assert lines["violent_crime", "cases"]["change_pct"] == 8.3
    tech = lines["technology_crime", "cases"]
    assert (tech["period_label"], tech["change_pct"]) == ("2023-H1", 47.3)  # newest with a prior value
    assert lines["technology_crime", "loss"]["reason"] == "no prior period published"


def test_table_counts(warehouse: Path):
    counts = table_counts(warehouse)
    assert counts["observations"] == 12 and counts["loads"] == 1
    assert counts["derived_observations"] == 2 and counts["restatements"] == 0
