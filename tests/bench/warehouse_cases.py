"""Warehouse cases: loading observations, the period-over-period table, the HTML report.

`load` is the first load of a new home (schema set up included) and `load_more` a second batch of
as many new rows into a warehouse that already holds the first (each load copies the warehouse
file and swaps it in: this is where that copy shows), each against a bare CTAS of the same files.
The load case's details also give the parts of it a CTAS does not do, timed on their own: the
schema set-up by SQL (`schema_setup_ms`: since a new home is a copy of an empty template, paid once
per schema version, not by each load), what a new home pays instead (`new_home_ms`: copy the
template and open it), the period_over_period refresh; the ratio without the last two; and whether
the template was there before the case ran (`template_prebuilt`: if not, the first repeat built it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from tests.bench.core import Case, Context, best_of, once
from tests.bench.data import real_observations, replicated_table
from transform.parquet_store import dataset_files, write_observations
from warehouse.db import connect, ensure_schema, refresh_period_over_period
from warehouse.load import load_parquet
from warehouse.report import render_report
from warehouse.template import copy_template, template_path

LOAD_GOAL = 1.5  # issue 13: the load path within 1.5x of a bare CTAS
POP_GOAL_SECONDS_PER_100K = 0.1  # issue 13: a full read of period_over_period <= 100 ms at 100k rows


def run(ctx: Context) -> list[Case]:
    """Load N replicated real observations, then N more, then query the loaded file."""
    parquet_root, more_root = ctx.work / "parquet", ctx.work / "parquet-more"
    base = real_observations()
    write_observations(replicated_table(base, ctx.rows), parquet_root)
    write_observations(replicated_table(base, ctx.rows, start=ctx.rows), more_root)
    load_cases, db = bench_load(ctx.work, parquet_root, ctx.rows, ctx.repeat)
    more_case = bench_load_more(ctx.work, db, more_root, ctx.rows, ctx.repeat)
    return [*load_cases, more_case, *bench_queries(db, ctx.rows, ctx.repeat, ctx.min_time)]


def bench_load(work: Path, parquet_root: Path, n_rows: int, repeat: int) -> tuple[list[Case], Path]:
    """load_parquet vs CTAS on the same files, and the idempotent second load vs the first."""
    files = [str(p) for p in dataset_files(parquet_root, "observations")]
    prebuilt = template_path().is_file()
    first, again, ctas = [], [], []
    db = work / "load-0.duckdb"
    for r in range(repeat):
        db = work / f"load-{r}.duckdb"
        t_first, s_first = once(lambda db=db: load_parquet(db, parquet_root))
        t_again, s_again = once(lambda db=db: load_parquet(db, parquet_root))
        inserted = (s_first.inserted["observations"], s_again.inserted["observations"])
        if inserted != (n_rows, 0):
            raise RuntimeError(f"load inserted {inserted} observations, expected ({n_rows}, 0)")
        first.append(t_first)
        again.append(t_again)
        ctas.append(once(lambda r=r: _ctas(work / f"ctas-{r}.duckdb", files))[0])
    extra = {"rows": n_rows, "files": len(files)}
    schema_s, new_home_s, refresh_s = _parts_ctas_lacks(work, db, repeat)
    parts = {
        "schema_setup_ms": round(schema_s * 1e3, 1),
        "new_home_ms": round(new_home_s * 1e3, 1),
        "pop_refresh_ms": round(refresh_s * 1e3, 1),
        "ratio_without_them": round((min(first) - new_home_s - refresh_s) / min(ctas), 2),
        "template_prebuilt": prebuilt,
    }
    return [
        Case(
            "load",
            "load_parquet into a new home (schema, insert new ids, ledger, period_over_period)",
            min(first),
            "CREATE TABLE AS SELECT * FROM read_parquet",
            min(ctas),
            extra | parts,
            goal_ratio=LOAD_GOAL,
        ),
        Case(
            "load_again",
            "second load_parquet, same files (0 new rows)",
            min(again),
            "first load_parquet",
            min(first),
            extra,
        ),
    ], db


def _parts_ctas_lacks(work: Path, db: Path, repeat: int) -> tuple[float, float, float]:
    """Seconds (best of `repeat`) of the schema set-up by SQL on a new file, of a new home made from
    the template, and of a period_over_period refresh of the loaded warehouse `db` (on a copy, in a
    transaction of its own, as the load runs it)."""
    schema = min(_schema_setup(work / f"schema-{r}.duckdb") for r in range(repeat))
    new_home = min(once(lambda r=r: _new_home(work / f"home-{r}.duckdb"))[0] for r in range(repeat))
    copy = work / "refresh.duckdb"
    shutil.copyfile(db, copy)
    con = connect(copy)
    try:
        refresh = min(once(lambda: _refresh_in_transaction(con))[0] for _ in range(repeat))
    finally:
        con.close()
    return schema, new_home, refresh


def _new_home(path: Path) -> None:
    """What a load into a new home does before its rows: copy the template, open the copy."""
    if not copy_template(path):
        raise RuntimeError(f"no schema template could be used (see {template_path().parent})")
    connect(path).close()


def _schema_setup(path: Path) -> float:
    """Seconds of ensure_schema on a new file, as a load's open runs it (without creating the file)."""
    con = duckdb.connect(str(path))
    try:
        con.execute("SET TimeZone = 'UTC'")
        return once(lambda: ensure_schema(con))[0]
    finally:
        con.close()


def _refresh_in_transaction(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("BEGIN TRANSACTION")
    refresh_period_over_period(con)
    con.execute("COMMIT")


def bench_load_more(work: Path, db: Path, more_root: Path, n_rows: int, repeat: int) -> Case:
    """N new rows into a copy of the loaded warehouse (N rows) vs a CTAS of those N rows."""
    files = [str(p) for p in dataset_files(more_root, "observations")]
    more, ctas = [], []
    for r in range(repeat):
        target = work / f"more-{r}.duckdb"
        shutil.copyfile(db, target)
        t_more, summary = once(lambda target=target: load_parquet(target, more_root))
        if summary.inserted["observations"] != n_rows:
            raise RuntimeError(f"second batch inserted {summary.inserted['observations']}, expected {n_rows}")
        more.append(t_more)
        ctas.append(once(lambda r=r: _ctas(work / f"ctas-more-{r}.duckdb", files))[0])
    return Case(
        "load_more",
        "load_parquet of N new rows into a warehouse of N rows",
        min(more),
        "CREATE TABLE AS SELECT * FROM read_parquet of the N new rows",
        min(ctas),
        {"rows": n_rows, "warehouse_rows": n_rows, "warehouse_mb": round(db.stat().st_size / 1e6, 1)},
        goal_ratio=LOAD_GOAL,
    )


def _ctas(db: Path, files: list[str]) -> None:
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE observations AS SELECT * FROM read_parquet($files, hive_partitioning = true)",
        {"files": files},
    )
    con.close()


def bench_queries(db: Path, n_rows: int, repeat: int, min_time: float) -> list[Case]:
    """A full read of the period_over_period table vs a full scan, and the HTML report vs it."""
    con = connect(db, read_only=True)
    try:
        pop = best_of(lambda: con.execute("SELECT * FROM period_over_period").fetchall(), repeat, min_time)
        scan = best_of(
            lambda: con.execute("SELECT count(*), sum(value) FROM observations").fetchall(), repeat, min_time
        )
        (n_pop,) = con.execute("SELECT count(*) FROM period_over_period").fetchone()
        report = best_of(lambda: render_report(con), repeat, min_time)
    finally:
        con.close()
    pop_budget = POP_GOAL_SECONDS_PER_100K * max(n_rows, 100_000) / 100_000
    return [
        Case(
            "pop",
            "SELECT * FROM period_over_period",
            pop,
            "SELECT count(*), sum(value) FROM observations",
            scan,
            {"pop_rows": n_pop, "rows": n_rows},
            goal=f"<= {pop_budget * 1e3:.0f} ms absolute at {n_rows:,} rows",
            met=pop <= pop_budget,
        ),
        Case("report", "render_report (all sections)", report, "SELECT * FROM period_over_period", pop),
    ]
