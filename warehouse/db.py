"""Opening the DuckDB warehouse: read-write opens create or migrate the schema; read-only never creates."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import duckdb

from warehouse.exceptions import WarehouseError, WarehouseMissing
from warehouse.sql import load_sql

SCHEMA_FILES = ("schema", "macros", "views", "claims", "sample")  # claims: claims.py; sample: sample.py


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
    lock; a scheduled run publishing should make readers wait, not fail, so a lock conflict is
    retried for up to `lock_wait_seconds`.
    """
    db_path = Path(db_path)
    if read_only and not db_path.exists():
        raise WarehouseMissing(db_path)
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    config = {} if allow_external_access else {"enable_external_access": "false"}
    con = _open_waiting_for_lock(db_path, read_only, config, lock_wait_seconds)
    con.execute("SET TimeZone = 'UTC'")
    if not read_only:
        ensure_schema(con)
    return con


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


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create tables if missing and (re)create macros and views, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        for name in SCHEMA_FILES:
            con.execute(load_sql(name))
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> Any:
    """The one value of a query that returns one row (a count, a MERGE's row count)."""
    row = con.execute(sql, params).fetchone()
    if row is None:
        raise WarehouseError(f"expected one row, got none from: {sql.strip()[:200]}")
    return row[0]
