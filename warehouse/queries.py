"""Questions users ask of the warehouse, each on a read-only connection."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.db import connect, has_warehouse, scalar
from warehouse.exceptions import QueryFailed, QueryRefused, UnknownSeries, WarehouseError
from warehouse.sql import load_sql

COMPARISONS = ("year_ago", "previous")
COUNTED = (
    "observations",
    "articles",
    "article_figures",
    "loads",
    "best_observations",
    "derived_observations",
    "period_over_period",
    "restatements",
)


def _dicts(rel: duckdb.DuckDBPyConnection) -> list[dict]:
    columns = [d[0] for d in rel.description]
    return [dict(zip(columns, row, strict=True)) for row in rel.fetchall()]


def _check_series(con: duckdb.DuckDBPyConnection, jurisdiction: str, category: str, metric: str) -> None:
    series = con.execute(load_sql("series")).fetchall()
    if (jurisdiction, category, metric) not in series:
        available = ", ".join(f"{c}/{m}" for j, c, m in series if j == jurisdiction) or "none"
        raise UnknownSeries(
            f"no {jurisdiction} observations for category {category!r} metric {metric!r}; "
            f"available category/metric: {available}"
        )


def compare(
    db_path: Path,
    *,
    category: str,
    metric: str,
    period: str | None = None,
    vs: str = "year_ago",
    jurisdiction: str = "HK",
) -> list[dict]:
    """Rows of period_over_period for one series: all periods newest first, or only `period`."""
    if vs not in COMPARISONS:
        raise UnknownSeries(f"unknown comparison {vs!r}; expected one of {COMPARISONS}")
    con = connect(db_path, read_only=True)
    try:
        _check_series(con, jurisdiction, category, metric)
        params = {
            "jurisdiction": jurisdiction,
            "category": category,
            "metric": metric,
            "comparison": vs,
            "period": period,
        }
        rows = _dicts(con.execute(load_sql("compare"), params))
        if period is not None and not rows:
            params["period"] = None
            have = list(
                dict.fromkeys(r["period_label"] for r in _dicts(con.execute(load_sql("compare"), params)))
            )
            raise UnknownSeries(
                f"no {category}/{metric} value for period {period!r}; periods available: {have}"
            )
        return rows
    finally:
        con.close()


@dataclass(frozen=True)
class QueryResult:
    """Columns and rows of a user query; `truncated` when more rows than asked for existed."""

    columns: list[str]
    rows: list[tuple]
    truncated: bool = False


def run_query(db_path: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run user SQL on a read-only connection that also cannot touch other files: (columns, rows)."""
    result = run_limited_query(db_path, sql, timeout=None, max_rows=None)
    return result.columns, result.rows


def run_limited_query(
    db_path: Path, sql: str, *, timeout: float | None = 60.0, max_rows: int | None = 10_000
) -> QueryResult:
    """User SQL, read-only, stopped after `timeout` seconds and cut after `max_rows` rows.

    The time limit is a watchdog thread calling `con.interrupt()` (a recursive CTE that never ends
    is stopped, not waited for); QueryFailed says it timed out. Rows are fetched in batches, so a
    huge result is cut without being read whole.
    """
    if not sql or not sql.strip():
        raise QueryFailed('empty query: give one SQL statement, e.g. "SELECT * FROM best_observations"')
    con = connect(db_path, read_only=True, allow_external_access=False)
    timer = threading.Timer(timeout, con.interrupt) if timeout else None
    try:
        if timer is not None:
            timer.start()
        rel = con.execute(sql)
        if rel is None or rel.description is None:
            return QueryResult([], [])
        columns = [d[0] for d in rel.description]
        rows = rel.fetchall() if max_rows is None else rel.fetchmany(max_rows + 1)
        if max_rows is not None and len(rows) > max_rows:
            return QueryResult(columns, rows[:max_rows], truncated=True)
        return QueryResult(columns, rows)
    except duckdb.Error as exc:
        raise _query_error(exc, sql, timer) from exc
    finally:
        if timer is not None:
            timer.cancel()
        con.close()


def _query_error(exc: duckdb.Error, sql: str, timer: threading.Timer | None) -> WarehouseError:
    message = str(exc)
    shown = repr(sql.strip()[:200])
    if timer is not None and (isinstance(exc, duckdb.InterruptException) or timer.finished.is_set()):
        return QueryFailed(f"query stopped after the --timeout of {timer.interval:g} s: {shown}")
    if isinstance(exc, duckdb.PermissionException) or "read-only" in message:
        return QueryRefused(
            "queries are read-only (no writes to the warehouse or to files); "
            f"refused: {shown} ({message.splitlines()[0]})"
        )
    first = message.splitlines()[0] if message else type(exc).__name__
    return QueryFailed(f"query failed: {shown}: {first}")


def demo_table(db_path: Path) -> list[dict]:
    """The headline year_ago line per category (technology, overall, violent crime, deception) and metric."""
    con = connect(db_path, read_only=True)
    try:
        return _dicts(con.execute(load_sql("demo_table")))
    finally:
        con.close()


def table_counts(db_path: Path) -> dict[str, int]:
    """Number of rows in each table and main view (names are fixed identifiers, not user input)."""
    con = connect(db_path, read_only=True)
    try:
        return {name: scalar(con, f"SELECT count(*) FROM {name}") for name in COUNTED}
    finally:
        con.close()


def inconsistent_figures(db_path: Path, limit: int = 50) -> list[dict]:
    """News figures that disagree with the best official number, newest articles first."""
    con = connect(db_path, read_only=True)
    try:
        return _dicts(con.execute(load_sql("inconsistent_figures"), {"limit": limit}))
    finally:
        con.close()


def load_source_counts(
    db_path: Path, load_id: str, same_run: Sequence[str] = ()
) -> dict[str, tuple[int, int]]:
    """{source_id: (new observations, revisions)} for one load, for run reports.

    `same_run`: other loads of the same run (earlier batches); a value they brought in is not
    what this load revises, so a run's batches count revisions as one load of all of it would.
    """
    con = connect(db_path, read_only=True)
    try:
        params = {"load_id": load_id, "same_run": list(same_run)}
        rows = con.execute(load_sql("load_source_counts"), params).fetchall()
    finally:
        con.close()
    return {source_id: (new, revised) for source_id, new, revised in rows}


def loaded_documents(db_path: Path) -> frozenset[tuple[str, str]]:
    """(url, sha256) of every document whose parse a completed load published; empty before the first."""
    if not has_warehouse(db_path):
        return frozenset()
    con = connect(db_path, read_only=True)
    try:
        return frozenset(con.execute("SELECT url, sha256 FROM visible_documents").fetchall())
    except duckdb.CatalogException:  # a file without tables (left by an old version's killed load)
        return frozenset()
    finally:
        con.close()


def vintage_baseline(
    db_path: Path, source_ids: list[str], observation_ids: list[str], document_urls: list[str] | None = None
) -> tuple[dict[tuple, set[tuple]], set[str]]:
    """({series: values of its latest vintage}, stored ids among `observation_ids`) for the publish
    step's new-vintage test (transform/vintages.py); empty for a new or still empty warehouse.

    `document_urls`: only the series of these document URLs (those of the rows being tested),
    so that what is read grows with the rows tested, not with the warehouse; None: all of them.
    """
    if not has_warehouse(db_path):
        return {}, set()
    con = connect(db_path, read_only=True)
    try:
        params = {"sources": source_ids, "urls": document_urls, "all_urls": document_urls is None}
        rows = con.execute(load_sql("latest_vintages"), params).fetchall()
        stored = con.execute(
            "SELECT observation_id FROM visible_observations WHERE observation_id IN (SELECT unnest($ids))",
            {"ids": observation_ids},
        ).fetchall()
    except duckdb.CatalogException:  # a file without tables (left by an old version's killed load)
        return {}, set()
    finally:
        con.close()
    latest: dict[tuple, set[tuple]] = {}
    for *series, value, qualifier in rows:
        latest.setdefault(tuple(series), set()).add((float(value), qualifier))
    return latest, {i for (i,) in stored}
