"""warehouse.export: hive-partitioned Parquet and CSV of the curated views, a data dictionary, refusals.

The warehouse holds real published figures (tests/warehouse/rows.py): the headline series, the
restated 2024 overall-crime pair and two news figures (one a digit slip), so every curated view
has rows.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from tests.warehouse.conftest import store
from tests.warehouse.rows import headline_rows, restated_2024
from tests.warehouse.test_report import write_news
from warehouse import dictionary
from warehouse import export as export_module
from warehouse.exceptions import ExportRefused, UnsupportedFormat
from warehouse.export import EXPORTS, PARTITION_YEAR, export

CURATED = {"best_observations", "period_over_period", "article_figure_checks", "restatements"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from warehouse.load import load_parquet

    base = tmp_path_factory.mktemp("export")
    root = store(headline_rows() + restated_2024(), base / "parquet")
    write_news(root)
    db = base / "warehouse.duckdb"
    load_parquet(db, root)
    return db


@pytest.fixture(scope="module")
def out(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("out") / "bi"
    export(db, target)
    return target


def rows_of(db: Path, relation: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
    finally:
        con.close()


def dataset(out: Path, fmt: str, name: str) -> list[dict]:
    """The rows of one exported relation (CSV read file by file: each file types its own columns)."""
    if fmt == "parquet":
        return ds.dataset(out / fmt / name, format=fmt, partitioning="hive").to_table().to_pylist()
    rows = []
    for path in sorted((out / fmt / name).rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows += list(csv.DictReader(fh))
    return rows


def test_every_relation_is_written_in_both_formats_with_all_its_rows(db: Path, out: Path):
    assert set(EXPORTS) >= CURATED
    for name, relation in EXPORTS.items():
        expected = rows_of(db, relation)
        assert expected > 0 or name == "published_changes", name
        for fmt in ("parquet", "csv"):
            assert len(dataset(out, fmt, name)) == expected, (fmt, name)
    assert not list(out.glob(".export-*"))


def test_partitions_are_the_year_the_data_is_about(out: Path):
    folders = {p.name for p in (out / "parquet" / "period_over_period").iterdir()}
    assert {"year=2022", "year=2023", "year=2024", "year=2025"} <= folders
    for name in PARTITION_YEAR:
        for folder in (out / "parquet" / name).glob("year=*"):
            year = folder.name.removeprefix("year=")
            rows = ds.dataset(folder, format="parquet").to_table().to_pylist()
            labels = {r["period_label"] for r in rows}
            assert labels and all(label.startswith(year) for label in labels), (name, year, labels)


def test_the_headline_comparison_reads_back_from_its_year(out: Path):
    rows = ds.dataset(out / "parquet" / "period_over_period" / "year=2023", format="parquet").to_table()
    tech = [
        (r["value"], r["prior_value"], r["change_pct"])
        for r in rows.to_pylist()
        if (r["category"], r["metric"], r["period_label"], r["comparison"])
        == ("technology_crime", "cases", "2023-H1", "year_ago")
    ]
    assert tech == [(15637, 10613, 47.3)]


def test_best_observations_carry_their_provenance_in_csv_too(out: Path):
    with (out / "csv" / "best_observations" / "year=2024" / "part-0.csv").open(encoding="utf-8") as fh:
        best = {(r["category"], r["metric"], r["period_label"]): r for r in csv.DictReader(fh)}
    row = best["overall_crime", "cases", "2024"]
    assert (float(row["value"]), row["source_tier"]) == (94948, "official_table")
    assert row["document_url"] == "https://www.police.gov.hk/info/doc/crime_details_overall.csv"
    assert row["n_vintages"] == "2" and row["conflict"] == "true"


def test_news_figures_are_exported_with_their_verdicts_and_restatements_with_both_documents(out: Path):
    checks = dataset(out, "parquet", "article_figure_checks")
    slip = [r for r in checks if r["value"] == 43923]
    assert [(r["verdict"], r["likely_cause"], r["official_value"]) for r in slip] == [
        ("inconsistent", "digit_slip", 42923)
    ]
    (restated,) = dataset(out, "parquet", "restatements")
    assert (restated["first_value"], restated["later_value"], restated["year"]) == (94747, 94948, 2024)


def test_every_exported_column_is_documented_with_type_meaning_and_example(out: Path):
    doc = json.loads((out / "dictionary.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in doc["relations"]}
    assert set(by_name) == set(EXPORTS)
    markdown = (out / "dictionary.md").read_text(encoding="utf-8")
    for name in EXPORTS:
        schema = ds.dataset(out / "parquet" / name, format="parquet", partitioning="hive").schema
        documented = {c["name"]: c for c in by_name[name]["columns"]}
        undocumented = [c for c in schema.names if not (documented.get(c) or {}).get("meaning")]
        assert not undocumented, (
            f"{name}: columns without a meaning in warehouse/dictionary.toml: {undocumented}"
        )
        assert set(documented) == set(schema.names), name
        assert by_name[name]["description"], name
        for column in documented.values():
            assert column["type"] and f"| `{column['name']}` |" in markdown
        assert "UNDOCUMENTED" not in markdown


def test_examples_are_taken_from_the_data(out: Path):
    doc = json.loads((out / "dictionary.json").read_text(encoding="utf-8"))
    pop = next(r for r in doc["relations"] if r["name"] == "period_over_period")
    example = {c["name"]: c["example"] for c in pop["columns"]}
    assert example["category"] == "technology_crime"  # the series most readers come for
    assert example["comparison"] in ("previous", "year_ago") and isinstance(example["year"], int)
    assert pop["rows"] == sum(1 for _ in dataset(out, "parquet", "period_over_period"))


def test_a_column_without_a_meaning_is_reported(db: Path, tmp_path: Path, monkeypatch):
    spec = json.loads(json.dumps(dictionary.meanings()))
    del spec["columns"]["verdict"]
    monkeypatch.setattr(dictionary, "meanings", lambda: spec)
    export(db, tmp_path / "out", ["parquet"])
    doc = json.loads((tmp_path / "out" / "dictionary.json").read_text(encoding="utf-8"))
    checks = next(r for r in doc["relations"] if r["name"] == "article_figure_checks")
    assert [c["name"] for c in checks["columns"] if not c["meaning"]] == ["verdict"]
    assert "| `verdict` | VARCHAR | UNDOCUMENTED |" in (tmp_path / "out" / "dictionary.md").read_text()


def test_an_empty_view_still_gets_a_file_with_its_columns(tmp_path: Path):
    from warehouse.load import load_parquet

    db = tmp_path / "w.duckdb"
    load_parquet(db, store(headline_rows(), tmp_path / "pq"))  # no restatement among them
    export(db, tmp_path / "out")
    table = ds.dataset(tmp_path / "out" / "parquet" / "restatements", format="parquet").to_table()
    assert table.num_rows == 0 and {"first_value", "later_value", "year"} <= set(table.column_names)
    with (tmp_path / "out" / "csv" / "restatements" / "part-0.csv").open(encoding="utf-8") as fh:
        assert {"first_value", "later_value", "year"} <= set(next(csv.reader(fh)))


def test_one_format_only(db: Path, tmp_path: Path):
    written = export(db, tmp_path / "out", ["csv"])
    assert sorted(p.name for p in written) == ["csv", "dictionary.json", "dictionary.md"]
    assert not (tmp_path / "out" / "parquet").exists()


def test_unknown_format_is_refused(db: Path, tmp_path: Path):
    with pytest.raises(UnsupportedFormat, match="'xlsx'"):
        export(db, tmp_path / "out", ["xlsx"])


def test_an_existing_file_is_refused_as_target(db: Path, tmp_path: Path):
    target = tmp_path / "report.csv"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportRefused, match="is an existing file, not a directory") as caught:
        export(db, target)
    assert "\n" not in str(caught.value) and target.read_text(encoding="utf-8") == "keep me"


def test_an_unwritable_target_is_refused(db: Path, tmp_path: Path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ExportRefused, match="cannot create the directory"):
        export(db, tmp_path / "file" / "out")  # a folder inside a file: no user can create it


def test_a_failed_export_leaves_the_previous_one_as_it_was(db: Path, tmp_path: Path, monkeypatch):
    export(db, tmp_path / "out")
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / "out").rglob("*"))
    calls = []

    def failing_copy(con, name, fmt, target):
        calls.append(name)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_copy(con, name, fmt, target)

    real_copy = export_module._copy
    monkeypatch.setattr(export_module, "_copy", failing_copy)
    with pytest.raises(OSError, match="disk full"):
        export(db, tmp_path / "out")
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / "out").rglob("*")) == before


def test_a_second_export_replaces_the_first(db: Path, tmp_path: Path):
    export(db, tmp_path / "out")
    stale = tmp_path / "out" / "parquet" / "best_observations" / "year=1999"
    stale.mkdir()
    export(db, tmp_path / "out")
    assert not stale.exists() and not list((tmp_path / "out").glob(".export-*"))
