"""warehouse.db and warehouse.sql: opening the warehouse file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from warehouse.db import connect
from warehouse.exceptions import WarehouseError, WarehouseMissing
from warehouse.sql import load_sql


def test_read_only_open_of_missing_file_says_what_to_run(tmp_path: Path):
    missing = tmp_path / "nowhere" / "warehouse.duckdb"
    with pytest.raises(WarehouseMissing) as err:
        connect(missing, read_only=True)
    assert str(missing) in str(err.value) and "cyberstats demo" in str(err.value)
    assert not missing.parent.exists()  # a read-only open never creates anything


def test_first_read_write_open_creates_tables_and_views_idempotently(tmp_path: Path):
    db = tmp_path / "sub" / "warehouse.duckdb"
    for _ in range(2):
        con = connect(db)
        con.close()
    con = connect(db, read_only=True)
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    con.close()
    expected = {
        "observations",
        "articles",
        "article_figures",
        "loads",
        "feed_cursors",
        "best_observations",
        "derived_observations",
        "best_and_derived",
        "period_calendar",
        "period_over_period",
        "restatements",
    }
    assert expected <= names


def test_load_sql_reads_named_file():
    # period_over_period is a table the loads refresh (issue 13), computed by a macro of views.sql
    assert "CREATE OR REPLACE TABLE period_over_period AS" in load_sql("refresh_period_over_period")
    assert load_sql("views.sql") == load_sql("views")


def test_second_writer_process_gets_a_clear_error(tmp_path: Path):
    db = tmp_path / "warehouse.duckdb"
    connect(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(WarehouseError, match=r"cannot open warehouse .*warehouse\.duckdb") as err:
            connect(db, lock_wait_seconds=0.3)
        assert "lock" in str(err.value).lower()
    finally:
        holder.communicate("", timeout=30)


def test_a_reader_waits_for_a_writer_to_finish_instead_of_failing(tmp_path: Path):
    db = tmp_path / "warehouse.duckdb"
    connect(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK_BRIEFLY, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        con = connect(db, read_only=True, lock_wait_seconds=30)
        assert con.execute("SELECT count(*) FROM loads").fetchone() == (0,)
        con.close()
    finally:
        holder.wait(timeout=30)


HOLD_LOCK_BRIEFLY = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(1.0)
con.close()
"""

HOLD_LOCK = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()
con.close()
"""
