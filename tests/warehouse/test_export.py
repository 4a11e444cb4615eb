"""warehouse.export: one file per table or main view, readable back with the same rows."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from warehouse.exceptions import UnsupportedFormat
from warehouse.export import EXPORTS, export

NAMES = {
    "observations",
    "best_observations",
    "period_over_period",
    "articles",
    "article_figures",
    "restatements",
    "article_figure_checks",
    "published_changes",
    "loads",
    "warehouse_info",  # issue 9: is this sample data
}


def rows_of(db: Path, relation: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
    finally:
        con.close()


def test_parquet_export_reads_back(warehouse: Path, tmp_path: Path):
    paths = export(warehouse, tmp_path / "out", "parquet")
    assert {p.stem for p in paths} == NAMES and all(p.suffix == ".parquet" for p in paths)
    for p in paths:
        assert pq.read_table(p).num_rows == rows_of(warehouse, EXPORTS[p.stem])
    pop = pq.read_table(tmp_path / "out" / "period_over_period.parquet").to_pylist()
    tech = [
        r
        for r in pop
        if r["category"] == "technology_crime"
        and r["period_label"] == "2023-H1"
        and r["metric"] == "cases"
        and r["comparison"] == "year_ago"
    ]
    assert [(r["value"], r["prior_value"], r["change_pct"]) for r in tech] == [(15637, 10613, 47.3)]
    assert not list((tmp_path / "out").glob(".*tmp"))


def test_csv_export_has_header_and_same_rows(warehouse: Path, tmp_path: Path):
    paths = export(warehouse, tmp_path / "out", "csv")
    for p in paths:
        with p.open(encoding="utf-8", newline="") as fh:
            records = list(csv.DictReader(fh))
        assert len(records) == rows_of(warehouse, EXPORTS[p.stem])
    with (tmp_path / "out" / "best_observations.csv").open(encoding="utf-8", newline="") as fh:
        best = {(r["category"], r["metric"], r["period_label"]): r for r in csv.DictReader(fh)}
    assert float(best["overall_crime", "cases", "2024-H1"]["value"]) == 45315
    assert best["overall_crime", "cases", "2024-H1"]["source_tier"] == "official_table"


def test_unknown_format_is_refused(warehouse: Path, tmp_path: Path):
    with pytest.raises(UnsupportedFormat, match="'xlsx'"):
        export(warehouse, tmp_path / "out", "xlsx")
