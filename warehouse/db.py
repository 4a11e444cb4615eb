"""Opening the DuckDB warehouse: read-write opens create or migrate the schema; read-only never creates."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from extract.atomic import atomic_path, sweep_temps, temp_name
from warehouse.allocator import limit_malloc_arenas
from warehouse.exceptions import WarehouseError, WarehouseMissing
from warehouse.sql import load_sql
from warehouse.template import copy_template

# In order: claims.sql (claims.py) and sample.sql (sample.py) read the period_over_period table.
SCHEMA_FILES = ("schema", "macros", "views", "refresh_period_over_period", "claims", "sample")
# Instead of the refresh when the warehouse holds no observation yet: the empty table, planned at once.
EMPTY_PERIOD_OVER_PERIOD = "period_over_period_empty"
# What the refresh reads, the check that picks it, and how it keeps series_best up to date
# (refresh_period_over_period below).
REFRESH_FILES = (
    "refresh_sources",
    "all_visible",
    "series_best_stored",
    "series_best_build",
    "series_best_keys",
    "series_best_merge",
    "series_best_new_rows_load",
    "row_count",
    "series_best_replace",
    "series_best_complete",
)
# Rows per row group in the loads' copies (attach_load_copy.sql): bounds what a load's
# CHECKPOINT holds while it merges the row groups of earlier loads (issue 13).
LOAD_ROW_GROUP_SIZE = 16_384


def connect(
    db_path: Path,
    *,
    read_only: bool = False,
    allow_external_access: bool = True,
    lock_wait_seconds: float = 30.0,
) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse at `db_path`, with session time zone UTC.

    Read-write: creates the file, its tables, macros and views when missing (idempotent).
    Read-only: the file must exist (WarehouseMissing otherwise, with what to run to build it).
    `allow_external_access=False` stops the connection from reading or writing other files
    (COPY ... TO, read_csv, ATTACH): used for ad hoc user SQL.
    DuckDB allows one writer process per file and refuses other opens at once while it holds the
    lock. Loads never hold it (they write a copy and swap it in, see `swapped_warehouse`), so a
    read-only open that meets the lock meets a foreign read-write session (a BI tool): it then
    reads a private snapshot copy of the file instead of failing. A read-write open retries a lock
    conflict for up to `lock_wait_seconds`.
    """
    db_path = Path(db_path)
    limit_malloc_arenas()  # a process opens one database per load: see warehouse/allocator.py
    if read_only and not has_warehouse(db_path):  # missing, or empty (a killed first load of old)
        raise WarehouseMissing(db_path)
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    config = {} if allow_external_access else {"enable_external_access": "false"}
    if read_only:
        con = _open_read_only(db_path, config)
    else:
        con = _open_waiting_for_lock(db_path, read_only, config, lock_wait_seconds)
    con.execute("SET TimeZone = 'UTC'")
    if not read_only:
        ensure_schema(con)
    return con


def _open_read_only(db_path: Path, config: dict) -> duckdb.DuckDBPyConnection:
    """A read-only connection; on a foreign write lock, one to a snapshot copy (unlinked once open)."""
    try:
        return duckdb.connect(str(db_path), read_only=True, config=config)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise WarehouseError(f"cannot open warehouse {db_path} (read_only=True): {exc}") from exc
    snapshot = db_path.parent / temp_name()
    try:
        shutil.copyfile(db_path, snapshot)
        return duckdb.connect(str(snapshot), read_only=True, config=config)
    except (OSError, duckdb.Error) as exc:
        raise WarehouseError(f"cannot open a snapshot of warehouse {db_path}: {exc}") from exc
    finally:
        snapshot.unlink(missing_ok=True)  # the open connection keeps the file; no stray copy


def _open_waiting_for_lock(
    db_path: Path, read_only: bool, config: dict, lock_wait_seconds: float
) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, retried with a growing pause while another process holds the file lock."""
    deadline = time.monotonic() + lock_wait_seconds
    pause = 0.05
    while True:
        try:
            return duckdb.connect(str(db_path), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            locked = "lock" in str(exc).lower()
            if not locked or time.monotonic() + pause > deadline:
                raise WarehouseError(
                    f"cannot open warehouse {db_path} (read_only={read_only}): {exc}"
                ) from exc
            time.sleep(pause)
            pause = min(pause * 2, 2.0)


@cache
def schema_version() -> str:
    """A hash of the SQL that sets a warehouse up: any change to those files is a new version."""
    digest = hashlib.sha256()
    for name in (*SCHEMA_FILES, EMPTY_PERIOD_OVER_PERIOD, *REFRESH_FILES):
        digest.update(load_sql(name).encode("utf-8"))
    return digest.hexdigest()[:16]


def _stamped_version(con: duckdb.DuckDBPyConnection) -> str | None:
    try:
        row = con.execute(load_sql("schema_version_read")).fetchone()
    except duckdb.CatalogException:  # no stamp table: a new file, or one made before stamps
        return None
    return row[0] if row else None


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create tables if missing and (re)create macros and views, in one transaction.

    Skipped when the file was set up by this very SQL (its stamp in table `cyberstats_schema`): binding the
    views costs about a second, which every load paid on every open before (issue 13). With no
    observation yet (a new home), period_over_period is created empty from its column list rather
    than refreshed: nothing to compute, and planning the refresh was a tenth of a first load.
    """
    version = schema_version()
    if _stamped_version(con) == version:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        for (view,) in con.execute(load_sql("legacy_views")).fetchall():
            con.execute(f'DROP VIEW "{view}"')  # names from the fixed list in legacy_views.sql
        for name in SCHEMA_FILES:
            if name != "refresh_period_over_period":
                con.execute(load_sql(name))
            elif _has_observations(con):
                refresh_period_over_period(con)
            else:
                con.execute(load_sql(EMPTY_PERIOD_OVER_PERIOD))
        con.execute(load_sql("schema_version_write"), {"version": version})
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _has_observations(con: duckdb.DuckDBPyConnection) -> bool:
    return scalar(con, load_sql("has_observations"))


def refresh_period_over_period(con: duckdb.DuckDBPyConnection, load_id: str | None = None) -> int:
    """Bring series_best up to date, then recompute the period_over_period table from it; returns
    how many keys (jurisdiction, category, metric, unit, period) of series_best were recomputed.

    After a load (`load_id`) into a warehouse whose series_best holds rows, only the keys that load
    brought rows for are recomputed, from their stored row and the load's rows
    (series_best_merge.sql); the older vintages are not read again (issue 13: the refresh over every
    vintage grew with them, in memory and time). Otherwise series_best is built at once from every
    vintage (series_best_build.sql): at the first load of a new home (its rows are every row), at a
    schema set-up, after rows written by hand in a read-write session (call it then), and when the
    merged table does not account for every visible row.
    When every row is of a completed load, the refresh reads the table itself rather than the
    visible_observations view (same rows, without a semi-join with the ledger per pass)."""
    visible = "observations" if scalar(con, load_sql("all_visible")) else "visible_observations"
    con.execute(load_sql("refresh_sources").format(visible=visible))
    recomputed = None
    if load_id is not None and scalar(con, load_sql("series_best_stored")):
        recomputed = _merge_series_best(con, load_sql("series_best_new_rows_load"), load_id)
        if not scalar(con, load_sql("series_best_complete")):
            recomputed = None
    if recomputed is None:
        recomputed = scalar(con, load_sql("series_best_build"))
    con.execute(load_sql("refresh_period_over_period"))
    return recomputed


def _merge_series_best(con: duckdb.DuckDBPyConnection, new_rows: str, load_id: str | None) -> int:
    """Merge the rows of the query `new_rows` (SQL text; it may use $load_id) into series_best
    (series_best_keys.sql, then series_best_merge.sql); how many keys it wrote."""
    for step in ("series_best_keys", "series_best_merge"):  # two statements: see series_best_keys.sql
        sql = load_sql(step).replace("{new_rows}", new_rows)
        con.execute(sql, {"load_id": load_id} if "$load_id" in sql else None)
    recomputed = scalar(con, load_sql("row_count").format(table="sb_next"))
    con.execute(load_sql("series_best_replace"))
    return recomputed


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> Any:
    """The one value of a query that returns one row (a count, a MERGE's row count)."""
    row = con.execute(sql, params).fetchone()
    if row is None:
        raise WarehouseError(f"expected one row, got none from: {sql.strip()[:200]}")
    return row[0]


# --- writing: build beside, swap atomically ------------------------------------------------------
# A load never writes warehouse.duckdb in place. It copies the file to a temporary name beside it,
# opens the copy read-write (a new home: a copy of the empty template, warehouse/template.py; the
# schema set up in place when no template can be had), loads, checkpoints, closes, and moves
# the copy over warehouse.duckdb with os.replace (issue 12). So:
# * a reader (a BI tool, `duckdb -readonly`, a long query) never blocks a load: it keeps the file
#   it opened, and the next connection it opens sees the new data;
# * a run killed at any point leaves warehouse.duckdb as it was before or after, never between,
#   and never a file without tables (the first load of a new home included);
# * writers take turns through an advisory lock file (`warehouse.duckdb.lock`, released by the
#   OS when its holder dies), so two loads never copy the same base and lose one another.


@contextmanager
def writer_lock(db_path: Path, wait_seconds: float = 30.0) -> Iterator[None]:
    """Hold the warehouse's writer lock (flock on `<db>.lock`), waiting up to `wait_seconds`."""
    lock_path = Path(f"{db_path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline, pause = time.monotonic() + wait_seconds, 0.05
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() + pause > deadline:
                    raise WarehouseError(
                        f"another load holds {lock_path} for longer than {wait_seconds:g} s"
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 1.0)
        yield
    finally:
        os.close(fd)  # releases the lock


def has_warehouse(db_path: Path) -> bool:
    """True when `db_path` holds a warehouse to build on; an empty file (a killed first load) does not."""
    try:
        return db_path.stat().st_size > 0
    except FileNotFoundError:
        return False


def _copy_base(db_path: Path, tmp: Path) -> None:
    """Copy the current warehouse to `tmp`; for a new home, the empty warehouse of this schema
    version (warehouse.template: set up once, not by every new home), else nothing.

    A write-ahead log beside the file (left by a version that wrote in place) holds committed data
    that the file alone lacks: it is checkpointed into the file first.
    """
    if not has_warehouse(db_path):
        copy_template(tmp)  # when it cannot, connect() sets the schema up in tmp
        return
    if Path(f"{db_path}.wal").exists():
        duckdb.connect(str(db_path)).close()  # replays and checkpoints the log
    shutil.copyfile(db_path, tmp)


@contextmanager
def swapped_warehouse(
    db_path: Path, *, lock_wait_seconds: float = 30.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a copy of the warehouse; when the block ends without error, the
    copy replaces `db_path` atomically. On error nothing changes and the copy is removed."""
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with writer_lock(db_path, lock_wait_seconds), atomic_path(db_path) as tmp:
        sweep_temps(db_path.parent)  # copies of killed loads (this process's own are kept)
        wal = Path(f"{tmp}.wal")
        try:
            _copy_base(db_path, tmp)
            con = _connect_copy(tmp)
            try:
                yield con
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _fsync(tmp)
        finally:
            wal.unlink(missing_ok=True)


def _connect_copy(tmp: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection to a load's private copy, with LOAD_ROW_GROUP_SIZE row groups
    (attach_load_copy.sql says why), session time zone UTC and the schema set up, as `connect`.

    No lock to wait for: the copy has a temporary name of this process's, under the writer lock."""
    limit_malloc_arenas()
    con = duckdb.connect(":memory:")
    try:
        attach = load_sql("attach_load_copy").format(row_group_size=LOAD_ROW_GROUP_SIZE)
        con.execute(attach, {"path": str(tmp)})
        con.execute("USE warehouse")
        con.execute("SET TimeZone = 'UTC'")
        ensure_schema(con)
    except Exception:
        con.close()
        raise
    return con


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
