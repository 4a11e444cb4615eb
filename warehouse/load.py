"""Parquet -> DuckDB in one transaction per load, with a ledger row that says what happened.

All datasets of a load and its 'completed' ledger row commit together; on any error the whole
transaction rolls back (the warehouse is as it was) and a 'failed' ledger row is written in a
separate transaction. The load works on a copy of the warehouse file that replaces it atomically
(warehouse/db.py), so a reader never blocks a load and a kill never leaves it half-written.
The period_over_period table is refreshed on that copy after the rows commit, before the swap:
readers see the rows and the refreshed table together or neither (over rows still uncommitted
the refresh took twice as long; issue 13). If the refresh fails, the copy is dropped and the
'failed' ledger row is written to the warehouse as it was.
Rows are inserted only when their id is new, so loading the same Parquet
twice inserts nothing the second time, and each row keeps the load_id of the load that first
brought it. Different vintages have different ids, so every vintage is kept.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from transform.parquet_store import DATASETS, dataset_files
from warehouse.db import refresh_period_over_period, scalar, swapped_warehouse
from warehouse.exceptions import LoadFailed, WarehouseError
from warehouse.sql import load_sql


@dataclass(frozen=True)
class LoadSummary:
    """What one load read and inserted, per dataset (observations, articles, article_figures)."""

    load_id: str
    status: str
    read: dict[str, int] = field(default_factory=dict)
    inserted: dict[str, int] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    @property
    def rows_inserted(self) -> int:
        return sum(self.inserted.values())


def new_load_id(now: datetime | None = None) -> str:
    """Sortable by time, unique by a random suffix: 20260129T101500Z-1a2b3c4d."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


def _files_by_dataset(parquet_root: Path, files: Sequence[Path] | None) -> dict[str, list[Path]]:
    """Files to load per dataset: all of them under the root, or the given ones grouped by dataset."""
    if files is None:
        if not Path(parquet_root).is_dir():
            raise WarehouseError(f"parquet root {parquet_root} does not exist: nothing to load")
        return {name: dataset_files(parquet_root, name) for name in DATASETS}
    grouped: dict[str, list[Path]] = {name: [] for name in DATASETS}
    for f in files:
        dataset = next((part for part in Path(f).parts if part in DATASETS), None)
        if dataset is None:
            raise WarehouseError(
                f"cannot tell the dataset of {f}: expected a path under one of {sorted(DATASETS)}"
            )
        grouped[dataset].append(Path(f))
    return {name: sorted(paths) for name, paths in grouped.items()}


def _merge_dataset(
    con: duckdb.DuckDBPyConnection, dataset: str, files: list[Path], load_id: str
) -> tuple[int, int]:
    """Insert one dataset's new ids straight from its files: (distinct ids read, rows inserted).

    A load usually brings only new ids, each in one file: then the insert is the only read of the
    files, and their footers' row count with a count of the ids just inserted prove it (a pass over
    the files' id column before the insert cost a tenth of a load; issue 13). Otherwise that pass
    counts what the files hold, and when an id was in two files the rows just inserted are taken
    back and inserted again one copy per id (ranking copies costs more than the rest of the insert,
    so only then).
    """
    if not files:
        return 0, 0
    key = DATASETS[dataset][1]
    params = {"files": [str(p) for p in files]}
    n_rows = scalar(con, load_sql("parquet_rows"), params)
    n_inserted = _insert_new(con, dataset, params, load_id, dedupe=False)
    counted = load_sql("load_inserted_ids").format(table=dataset, key=key)
    n_new_rows, n_new_ids = con.execute(counted, {"load_id": load_id}).fetchone() or (0, 0)
    if n_new_ids < n_new_rows:  # an id in two files
        con.execute(load_sql("load_undo_inserts").format(table=dataset), {"load_id": load_id})
        n_inserted = _insert_new(con, dataset, params, load_id, dedupe=True)
    if n_inserted == n_rows:  # every row new, every id once
        return n_rows, n_inserted
    (_, n_ids) = con.execute(load_sql("load_ids").format(key=key), params).fetchone() or (0, 0)
    return n_ids, n_inserted


def _insert_new(
    con: duckdb.DuckDBPyConnection, dataset: str, params: dict, load_id: str, *, dedupe: bool
) -> int:
    """Rows of the files whose id the table lacks, inserted (one copy per id when `dedupe`)."""
    sch, key = DATASETS[dataset]
    insert = load_sql("insert_new").format(
        table=dataset,
        key=key,
        columns=", ".join(sch.names),
        dedupe=load_sql("insert_new_dedupe").format(key=key) if dedupe else "",
    )
    return scalar(con, insert, params | {"load_id": load_id})


def _check_unused(con: duckdb.DuckDBPyConnection, load_id: str) -> None:
    row = con.execute("SELECT status FROM loads WHERE load_id = ?", [load_id]).fetchone()
    if row is not None and row[0] != "failed":
        raise WarehouseError(f"load_id {load_id} is already in the ledger with status {row[0]!r}")


def _run(
    con: duckdb.DuckDBPyConnection,
    load_id: str,
    started: datetime,
    grouped: dict[str, list[Path]],
    file_names: list[str],
) -> LoadSummary:
    """The transaction body: ledger row, every dataset, ledger completed."""
    con.execute("DELETE FROM loads WHERE load_id = ? AND status = 'failed'", [load_id])
    con.execute(
        load_sql("ledger_start"), {"load_id": load_id, "started_at": started, "parquet_files": file_names}
    )
    read, inserted = {}, {}
    for dataset, files in grouped.items():
        read[dataset], inserted[dataset] = _merge_dataset(con, dataset, files, load_id)
    params = {"load_id": load_id, "finished_at": datetime.now(UTC)}
    params |= {f"{d}_read": n for d, n in read.items()} | {f"{d}_inserted": n for d, n in inserted.items()}
    con.execute(load_sql("ledger_finish"), params)
    return LoadSummary(load_id, "completed", read, inserted, tuple(file_names))


class _RefreshFailed(Exception):
    """The period_over_period refresh failed after the rows committed to the copy (never swapped in)."""


def _refresh_committed(con: duckdb.DuckDBPyConnection, summary: LoadSummary) -> None:
    """Refresh period_over_period on the copy in a transaction of its own (it reads observations only:
    no new row, nothing to redo)."""
    if not summary.inserted.get("observations"):
        return
    try:
        con.execute("BEGIN TRANSACTION")
        refresh_period_over_period(con, summary.load_id)  # only the keys of this load's rows
        con.execute("COMMIT")
    except duckdb.Error as exc:
        raise _RefreshFailed(f"{type(exc).__name__}: {exc}") from exc


def _record_failure(
    con: duckdb.DuckDBPyConnection, load_id: str, started: datetime, file_names: list[str], note: str
) -> None:
    con.execute("BEGIN TRANSACTION")
    con.execute(
        load_sql("ledger_failed"),
        {
            "load_id": load_id,
            "started_at": started,
            "finished_at": datetime.now(UTC),
            "parquet_files": file_names,
            "note": note,
        },
    )
    con.execute("COMMIT")


def _record_failure_in(
    db_path: Path, load_id: str, started: datetime, file_names: list[str], note: str, lock_wait: float
) -> str:
    """A 'failed' ledger row in the warehouse at `db_path` (through a copy swapped in). Returns ''
    or why it could not be written: the load fails either way, with the error that made it fail."""
    try:
        with swapped_warehouse(db_path, lock_wait_seconds=lock_wait) as con:
            _record_failure(con, load_id, started, file_names, note)
    except (OSError, duckdb.Error, WarehouseError) as exc:
        return f" (and the failure could not be recorded in the ledger: {type(exc).__name__}: {exc})"
    return ""


def load_parquet(
    db_path: Path,
    parquet_root: Path,
    *,
    load_id: str | None = None,
    files: Sequence[Path] | None = None,
    then: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
    lock_wait_seconds: float = 30.0,
) -> LoadSummary:
    """Load the Parquet datasets under `parquet_root` (or only `files`) into the warehouse at `db_path`.

    The load runs on a copy that replaces the warehouse file atomically (warehouse.db.swapped_warehouse),
    so readers holding the file never make it fail and a kill never leaves it half-loaded.
    `then(con)` runs inside the same transaction after the datasets (e.g. moving feed cursors).
    Raises LoadFailed (after recording a 'failed' ledger row when the warehouse could be opened)
    when anything goes wrong; the warehouse then holds exactly what it held before the call.
    """
    load_id = load_id or new_load_id()
    grouped = _files_by_dataset(parquet_root, files)
    root = Path(parquet_root)
    file_names = [
        str(p.relative_to(root)) if p.is_relative_to(root) else str(p)
        for paths in grouped.values()
        for p in paths
    ]
    started = datetime.now(UTC)
    failure: Exception | None = None
    try:
        with swapped_warehouse(db_path, lock_wait_seconds=lock_wait_seconds) as con:
            _check_unused(con, load_id)
            con.execute("BEGIN TRANSACTION")
            try:
                summary = _run(con, load_id, started, grouped, file_names)
                if then is not None:
                    then(con)
                con.execute("COMMIT")
            except Exception as exc:  # noqa: BLE001 - rolled back, recorded, raised below
                con.execute("ROLLBACK")
                failure = exc
                _record_failure(con, load_id, started, file_names, f"{type(exc).__name__}: {exc}")
            else:
                _refresh_committed(con, summary)  # on failure the copy, rows and all, is dropped
    except _RefreshFailed as exc:  # the warehouse is as it was: the failure goes in its ledger
        note = f"refreshing period_over_period: {exc}"
        unrecorded = _record_failure_in(db_path, load_id, started, file_names, note, lock_wait_seconds)
        raise LoadFailed(load_id, note + unrecorded) from exc.__cause__
    except (OSError, duckdb.Error) as exc:  # the copy could not be made or swapped in: nothing changed
        raise LoadFailed(load_id, f"{type(exc).__name__}: {exc}") from exc
    if failure is not None:
        raise LoadFailed(load_id, f"{type(failure).__name__}: {failure}") from failure
    return summary
