"""Opening the DuckDB warehouse: read-write opens create or migrate the schema; read-only never creates."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.exceptions import WarehouseError, WarehouseMissing
from warehouse.sql import load_sql

SCHEMA_FILES = ("schema", "macros", "views", "claims")  # claims.sql: warehouse/claims.py


def connect(
    db_path: Path, *, read_only: bool = False, allow_external_access: bool = True
) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse at `db_path`, with session time zone UTC.

    Read-write: creates the file, its tables, macros and views when missing (idempotent).
    Read-only: the file must exist (WarehouseMissing otherwise, with what to run to build it).
    `allow_external_access=False` stops the connection from reading or writing other files
    (COPY ... TO, read_csv, ATTACH): used for ad hoc user SQL.
    """
    db_path = Path(db_path)
    if read_only and not db_path.exists():
        raise WarehouseMissing(db_path)
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    config = {} if allow_external_access else {"enable_external_access": "false"}
    try:
        con = duckdb.connect(str(db_path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        raise WarehouseError(f"cannot open warehouse {db_path} (read_only={read_only}): {exc}") from exc
    con.execute("SET TimeZone = 'UTC'")
    if not read_only:
        ensure_schema(con)
    return con


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
