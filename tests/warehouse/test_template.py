"""warehouse.template: a new home is a copy of an empty warehouse set up once per schema version
(issue 13: setting the schema up was a quarter of a first load at 100k rows)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import pytest

import warehouse.db as db_module
from tests.warehouse.conftest import store
from tests.warehouse.rows import headline_rows
from warehouse.db import ensure_schema
from warehouse.load import load_parquet
from warehouse.queries import table_counts
from warehouse.template import template_path

CATALOG = {
    "columns": "SELECT table_name, column_index, column_name, data_type, is_nullable "
    "FROM duckdb_columns() WHERE NOT internal ORDER BY ALL",
    "views": "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal ORDER BY ALL",
    "macros": "SELECT function_name, function_type, macro_definition FROM duckdb_functions() "
    "WHERE NOT internal AND macro_definition IS NOT NULL ORDER BY ALL",
    "constraints": "SELECT table_name, constraint_type, constraint_text FROM duckdb_constraints() "
    "ORDER BY ALL",
    "stamp": "SELECT version FROM cyberstats_schema",
}


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A template directory of this test's own (created by the code under test)."""
    where = tmp_path / "templates"
    monkeypatch.setattr("warehouse.template.template_dir", lambda: where)
    return where


def catalog(db: Path) -> dict[str, list[tuple]]:
    """Every table column, view, macro, constraint and the version stamp of a warehouse file."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = {name: con.execute(sql).fetchall() for name, sql in CATALOG.items()}
    finally:
        con.close()
    found["macros"] = [(*m[:2], _excludes_sorted(m[2])) for m in found["macros"]]
    return found


def _excludes_sorted(sql: str) -> str:
    """DuckDB prints the names of an EXCLUDE list in no fixed order: sorted, so texts compare."""
    return re.sub(r"EXCLUDE \(([^)]*)\)", lambda m: f"EXCLUDE ({', '.join(sorted(m[1].split(', ')))})", sql)


def set_up_by_sql(db: Path) -> Path:
    con = duckdb.connect(str(db))
    con.execute("SET TimeZone = 'UTC'")
    ensure_schema(con)
    con.close()
    return db


def test_a_new_home_is_the_template_and_has_the_catalog_the_sql_sets_up(templates: Path, tmp_path: Path):
    home = tmp_path / "home" / "warehouse.duckdb"
    summary = load_parquet(home, store(headline_rows(), tmp_path / "pq"))
    assert template_path().parent == templates and template_path().is_file()
    assert summary.inserted["observations"] == 12 and table_counts(home)["period_over_period"] > 0
    empty = tmp_path / "empty.duckdb"
    load_parquet(empty, tmp_path / "nothing", files=[])  # a load of nothing: the template alone
    sql = set_up_by_sql(tmp_path / "by-sql.duckdb")
    assert catalog(empty) == catalog(sql)
    assert len(catalog(sql)["views"]) > 10 and len(catalog(sql)["macros"]) > 10


def test_the_template_is_set_up_once_and_reused(templates: Path, tmp_path: Path):
    load_parquet(tmp_path / "a.duckdb", tmp_path / "nothing", files=[])
    made = template_path().stat().st_mtime_ns
    load_parquet(tmp_path / "b.duckdb", tmp_path / "nothing", files=[])
    assert template_path().stat().st_mtime_ns == made
    assert [p.name for p in templates.iterdir()] == [template_path().name]  # no temporary left
    assert oct(templates.stat().st_mode & 0o777) == oct(0o700)


def test_a_change_to_the_set_up_sql_is_a_new_template(templates: Path, tmp_path: Path, monkeypatch):
    load_parquet(tmp_path / "old.duckdb", tmp_path / "nothing", files=[])
    old_template = template_path()
    real_sql = db_module.load_sql

    def with_one_more_view(name: str) -> str:
        extra = "\nCREATE OR REPLACE VIEW one_more AS SELECT 1 AS x;\n" if name == "sample" else ""
        return real_sql(name) + extra

    monkeypatch.setattr(db_module, "load_sql", with_one_more_view)
    db_module.schema_version.cache_clear()
    try:
        load_parquet(tmp_path / "new.duckdb", tmp_path / "nothing", files=[])
        new_template = template_path()
    finally:
        monkeypatch.undo()
        db_module.schema_version.cache_clear()
    views = {name for name, _ in catalog(tmp_path / "new.duckdb")["views"]}
    assert new_template != old_template and "one_more" in views
    assert "one_more" not in {name for name, _ in catalog(tmp_path / "old.duckdb")["views"]}


def test_a_template_directory_others_can_write_is_never_used(templates: Path, tmp_path: Path):
    templates.mkdir(mode=0o700)
    os.chmod(templates, 0o777)  # anyone could have put a warehouse with other views there
    summary = load_parquet(tmp_path / "w.duckdb", store(headline_rows(), tmp_path / "pq"))
    assert list(templates.iterdir()) == []  # nothing built there, nothing copied from there
    assert summary.inserted["observations"] == 12
    assert catalog(tmp_path / "w.duckdb")["views"] == catalog(set_up_by_sql(tmp_path / "s.duckdb"))["views"]


def test_a_template_that_cannot_be_made_leaves_the_load_to_set_the_schema_up(templates: Path, tmp_path: Path):
    templates.parent.mkdir(parents=True, exist_ok=True)
    templates.write_text("a file where the directory should be", encoding="utf-8")
    summary = load_parquet(tmp_path / "w.duckdb", store(headline_rows(), tmp_path / "pq"))
    assert summary.inserted["observations"] == 12 and templates.is_file()
    assert catalog(tmp_path / "w.duckdb")["stamp"] == catalog(set_up_by_sql(tmp_path / "s.duckdb"))["stamp"]
