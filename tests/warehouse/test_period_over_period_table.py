"""period_over_period is a table the load refreshes (issue 13): same columns, same rows as the views.

The oracle is the view chain as it was before it was materialised (period_over_period_v1.sql),
created under v1_ names beside the new relations; the table must equal it row for row, on the
headline rows, on every observation the parsers read from the fixture site (three vintages each),
after a second load, after a failed load, and in a warehouse an older version left with the view.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.bench.data import real_observations, replicated_table
from tests.warehouse.conftest import store
from tests.warehouse.rows import SCMP_TECH_2023H1, headline_rows, obs, restated_2024
from transform.parquet_store import write_observations
from warehouse.db import connect, refresh_period_over_period
from warehouse.exceptions import LoadFailed
from warehouse.load import load_parquet
from warehouse.sql import load_sql

V1 = (Path(__file__).parent / "period_over_period_v1.sql").read_text(encoding="utf-8")
V1_VIEWS = (
    "best_observations",
    "derived_observations",
    "best_and_derived",
    "period_calendar",
    "period_over_period",
)
COLUMNS = (
    "jurisdiction, category, metric, unit, comparison, period_label, value, prior_period_label, prior_value, "
    "change_abs, change_pct, source_tier, reason, is_derived, prior_is_derived, document_url, "
    "prior_source_tier, prior_document_url"
)


def v1_sql() -> str:
    """The old chain as temporary views named v1_<name>."""
    sql = V1.replace("CREATE OR REPLACE VIEW", "CREATE OR REPLACE TEMP VIEW")
    return re.sub(r"\b(" + "|".join(V1_VIEWS) + r")\b", r"v1_\1", sql)


def differences(db: Path, tmp_path: Path) -> tuple[int, list, list]:
    """(rows in the table, rows only in the table, rows only in the old views) of a warehouse."""
    copy = tmp_path / f"copy-{db.name}"
    shutil.copyfile(db, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute(v1_sql())
        (n,) = con.execute("SELECT count(*) FROM period_over_period").fetchone()
        extra = con.execute(
            f"SELECT {COLUMNS} FROM period_over_period EXCEPT ALL SELECT * FROM v1_period_over_period"
        ).fetchall()
        missing = con.execute(
            f"SELECT * FROM v1_period_over_period EXCEPT ALL SELECT {COLUMNS} FROM period_over_period"
        ).fetchall()
    finally:
        con.close()
    return n, extra, missing


def kind_of(db: Path, name: str) -> str:
    con = duckdb.connect(str(db), read_only=True)
    try:
        (kind,) = con.execute(
            "SELECT table_type FROM information_schema.tables WHERE table_name = ?", [name]
        ).fetchone()
    finally:
        con.close()
    return kind


def test_the_table_has_the_contract_columns_in_order(warehouse: Path):
    con = duckdb.connect(str(warehouse), read_only=True)
    cols = [d[0] for d in con.execute("SELECT * FROM period_over_period LIMIT 0").description]
    con.close()
    assert ", ".join(cols) == COLUMNS
    assert kind_of(warehouse, "period_over_period") == "BASE TABLE"


def test_the_table_equals_the_old_views_on_the_headline_rows(warehouse: Path, tmp_path: Path):
    n, extra, missing = differences(warehouse, tmp_path)
    assert n > 20 and extra == [] and missing == []


@pytest.fixture(scope="module")
def fixture_site_warehouse(tmp_path_factory) -> Path:
    """Every observation the parsers read from the fixture site, in three vintages, in two loads."""
    base = tmp_path_factory.mktemp("site")
    rows = real_observations()
    db = base / "w.duckdb"
    write_observations(replicated_table(rows, 2 * len(rows)), base / "a")
    load_parquet(db, base / "a")
    write_observations(replicated_table(rows, 3 * len(rows)), base / "b")
    load_parquet(db, base / "b")  # adds the third vintage: the table is refreshed by this load
    # values that disagree beyond rounding, and one that agrees only as an approximation
    # (the published 2024 total, the sum of the monthly file, SOURCES 1.2; a press "about 95 000")
    disagree = [
        *restated_2024(),
        obs(
            "overall_crime",
            "cases",
            "2024",
            95000,
            url=SCMP_TECH_2023H1,
            tier="media",
            published="2025-02-21",
            qualifier="approx",
        ),
    ]
    load_parquet(db, store(disagree, base / "c"))
    return db


def test_the_table_equals_the_old_views_on_every_fixture_site_observation(fixture_site_warehouse, tmp_path):
    n, extra, missing = differences(fixture_site_warehouse, tmp_path)
    assert n > 100 and extra == [] and missing == []


def test_a_load_refreshes_the_table_and_a_failed_load_leaves_it(tmp_path: Path):
    db, root = tmp_path / "w.duckdb", store(headline_rows(), tmp_path / "pq")
    load_parquet(db, root)
    query = (
        "SELECT count(*) FROM period_over_period WHERE category = 'overall_crime' AND period_label = '2024'"
    )
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute(query).fetchone() == (0,)
    con.close()
    new = restated_2024()[0]  # overall crime 2024 as first published
    store([new], root)
    bad = root / "articles" / "source_id=gia" / "year=2024" / "part-corrupt.parquet"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"PAR1 this is not a parquet file")
    with pytest.raises(LoadFailed):
        load_parquet(db, root)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute(query).fetchone() == (0,)  # rolled back with the rows
    con.close()
    bad.unlink()
    load_parquet(db, root)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute(query).fetchone() == (2,)  # year_ago and previous of the new 2024 total
    con.close()
    assert differences(db, tmp_path)[1:] == ([], [])
    assert load_parquet(db, root).inserted["observations"] == 0  # no new row: the table is kept
    assert differences(db, tmp_path)[1:] == ([], [])


def test_rows_written_by_hand_count_after_a_refresh(warehouse: Path, tmp_path: Path):
    db = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, db)
    con = connect(db)
    con.execute(
        "INSERT INTO observations SELECT * REPLACE ('hand' AS observation_id, '2019' AS period_label, "
        "DATE '2019-01-01' AS period_start, DATE '2019-12-31' AS period_end, 'year' AS period_type) "
        "FROM observations WHERE category = 'overall_crime' AND period_label = '2024-H1'"
    )
    stale = con.execute("SELECT count(*) FROM period_over_period WHERE period_label = '2019'").fetchone()
    refresh_period_over_period(con)
    fresh = con.execute("SELECT count(*) FROM period_over_period WHERE period_label = '2019'").fetchone()
    live = con.execute(
        "SELECT count(*) FROM period_over_period_of('best_and_derived', 'period_calendar') "
        "WHERE period_label = '2019'"
    ).fetchone()
    con.close()
    assert stale == (0,) and fresh == live == (2,)


def test_a_warehouse_left_with_the_old_view_gets_the_table_on_its_next_open(warehouse: Path, tmp_path: Path):
    db = tmp_path / "old.duckdb"
    shutil.copyfile(warehouse, db)
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE period_over_period")
    con.execute("DROP TABLE cyberstats_schema")  # an older version stamped nothing
    con.execute(v1_sql().replace("TEMP VIEW", "VIEW").replace("v1_", ""))  # the chain as it was
    con.close()
    assert kind_of(db, "period_over_period") == "VIEW"
    connect(db).close()
    assert kind_of(db, "period_over_period") == "BASE TABLE"
    assert differences(db, tmp_path)[1:] == ([], [])


def test_the_views_sql_keeps_the_computation_and_the_refresh_makes_the_table():
    assert "CREATE OR REPLACE MACRO period_over_period_of(bad, calendar) AS TABLE" in load_sql("views")
    assert "CREATE OR REPLACE TABLE period_over_period AS" in load_sql("refresh_period_over_period")


@pytest.mark.parametrize(
    "view", ["best_observations", "derived_observations", "best_and_derived", "period_calendar"]
)
def test_the_views_rewritten_as_macros_give_the_old_rows(
    fixture_site_warehouse: Path, tmp_path: Path, view: str
):
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(fixture_site_warehouse, copy)
    con = duckdb.connect(str(copy))
    con.execute(v1_sql())
    n = con.execute(f"SELECT count(*) FROM {view}").fetchone()[0]
    extra = con.execute(f"SELECT * FROM {view} EXCEPT ALL SELECT * FROM v1_{view}").fetchall()
    missing = con.execute(f"SELECT * FROM v1_{view} EXCEPT ALL SELECT * FROM {view}").fetchall()
    conflicts = con.execute("SELECT count(*) FROM best_observations WHERE conflict").fetchone()[0]
    con.close()
    assert n > 10 and extra == [] and missing == []
    assert conflicts > 0  # the fixture site has values that disagree: the conflict flag is exercised


def column_types(db: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [tuple(r[:2]) for r in con.execute("DESCRIBE period_over_period").fetchall()]
    finally:
        con.close()


def test_a_new_home_gets_the_empty_table_with_the_columns_and_types_a_refresh_gives(
    warehouse: Path, tmp_path: Path
):
    # a new home's table is made from a column list (period_over_period_empty.sql), not by the refresh
    new = tmp_path / "new.duckdb"
    connect(new).close()
    con = duckdb.connect(str(new), read_only=True)
    assert con.execute("SELECT count(*) FROM period_over_period").fetchone() == (0,)
    con.close()
    assert kind_of(new, "period_over_period") == "BASE TABLE"
    assert column_types(new) == column_types(warehouse)  # the headline warehouse: refreshed by its load
    assert ", ".join(name for name, _ in column_types(new)) == COLUMNS


def test_a_refresh_leaves_out_rows_of_loads_not_completed(warehouse: Path, tmp_path: Path):
    # the refresh reads the table itself only when every row is of a completed load; rows of a
    # running load (or of no load in the ledger) send it through visible_observations
    db = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, db)
    con = connect(db)
    before = sorted(con.execute(f"SELECT {COLUMNS} FROM period_over_period").fetchall(), key=repr)
    con.execute("INSERT INTO loads (load_id, started_at, status) VALUES ('x', now(), 'running')")
    for load_id in ("x", "not-in-the-ledger"):
        con.execute(
            "INSERT INTO observations SELECT * REPLACE (? AS load_id, ? AS observation_id, 99999.0 AS value, "
            "published_at + INTERVAL 1 DAY AS published_at) "  # a later vintage: it would win if visible
            "FROM observations WHERE category = 'overall_crime' AND period_label = '2024-H1'",
            [load_id, f"hand-{load_id}"],
        )
    refresh_period_over_period(con)
    after = sorted(con.execute(f"SELECT {COLUMNS} FROM period_over_period").fetchall(), key=repr)
    live = sorted(
        con.execute("FROM period_over_period_of('best_and_derived', 'period_calendar')").fetchall(), key=repr
    )
    con.close()
    assert after == live == before and len(after) > 20
