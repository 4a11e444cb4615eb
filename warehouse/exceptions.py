"""Errors raised by the warehouse. One root, and the context (path, load, SQL) in every message."""

from __future__ import annotations

from pathlib import Path

from transform.exceptions import CyberstatsError


class WarehouseError(CyberstatsError):
    """Root of every warehouse failure (under the project's root, `CyberstatsError`)."""

    stage = "publish"


class WarehouseMissing(WarehouseError):
    """A read-only open of a warehouse file that does not exist yet."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"no warehouse at {path}: run `cyberstats demo` (bundled snapshots) "
            "or `cyberstats run` to build it"
        )


class LoadFailed(WarehouseError):
    """A load was rolled back; the ledger holds a 'failed' row with the same load_id."""

    def __init__(self, load_id: str, cause: str) -> None:
        self.load_id = load_id
        super().__init__(f"load {load_id} failed and was rolled back (warehouse unchanged): {cause}")


class QueryRefused(WarehouseError):
    """A statement that would change something, sent through the read-only query path."""


class QueryFailed(WarehouseError):
    """A read-only query that DuckDB could not run."""


class UnknownSeries(WarehouseError):
    """A comparison asked for a category, metric or period that the warehouse does not hold."""


class UnsupportedFormat(WarehouseError, ValueError):
    """An export format other than parquet or csv."""


class ReportRefused(WarehouseError):
    """The report's target is not a regular file (a directory, a device) or cannot be written."""


class ExportRefused(WarehouseError):
    """An export target that is a file or cannot be written; nothing was written."""
