"""Questions users ask of the warehouse, each on a read-only connection."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.db import connect, has_warehouse
from warehouse.exceptions import QueryFailed, QueryRefused, UnknownSeries
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


def run_query(db_path: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run user SQL on a read-only connection that also cannot touch other files: (columns, rows)."""
    con = connect(db_path, read_only=True, allow_external_access=False)
    try:
        rel = con.execute(sql)
        if rel.description is None:
            return [], []
        return [d[0] for d in rel.description], rel.fetchall()
    except duckdb.Error as exc:
        message = str(exc)
        if isinstance(exc, duckdb.PermissionException) or "read-only" in message:
            raise QueryRefused(
                "queries are read-only (no writes to the warehouse or to files); "
                f"refused: {sql.strip()[:200]!r}"
                f" ({message.splitlines()[0]})"
            ) from exc
        raise QueryFailed(f"query failed: {sql.strip()[:200]!r}: {message}") from exc
    finally:
        con.close()


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
        return {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in COUNTED}
    finally:
        con.close()


def inconsistent_figures(db_path: Path, limit: int = 50) -> list[dict]:
    """News figures that disagree with the best official number, newest articles first."""
    con = connect(db_path, read_only=True)
    try:
        return _dicts(con.execute(load_sql("inconsistent_figures"), {"limit": limit}))
    finally:
        con.close()


def load_source_counts(db_path: Path, load_id: str) -> dict[str, tuple[int, int]]:
    """{source_id: (new observations, revisions)} for one load, for run reports."""
    con = connect(db_path, read_only=True)
    try:
        rows = con.execute(load_sql("load_source_counts"), {"load_id": load_id}).fetchall()
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
    db_path: Path, source_ids: list[str], observation_ids: list[str]
) -> tuple[dict[tuple, set[tuple]], set[str]]:
    """({series: values of its latest vintage}, stored ids among `observation_ids`) for the publish
    step's new-vintage test (transform/vintages.py); empty for a new or still empty warehouse."""
    if not has_warehouse(db_path):
        return {}, set()
    con = connect(db_path, read_only=True)
    try:
        rows = con.execute(load_sql("latest_vintages"), {"sources": source_ids}).fetchall()
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
