"""Warehouse cases: loading observations, the period-over-period view, the HTML report."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.bench.core import Case, Context, best_of, once
from tests.bench.data import real_observations, replicated_table
from transform.parquet_store import dataset_files, write_observations
from warehouse.db import connect
from warehouse.load import load_parquet
from warehouse.report import render_report

LOAD_GOAL = 1.5  # issue 13: the load path within 1.5x of a bare CTAS
POP_GOAL_SECONDS_PER_100K = 0.1  # issue 13: a full read of period_over_period <= 100 ms at 100k rows


def run(ctx: Context) -> list[Case]:
    """Load N replicated real observations, then query the loaded file."""
    parquet_root = ctx.work / "parquet"
    write_observations(replicated_table(real_observations(), ctx.rows), parquet_root)
    load_cases, db = bench_load(ctx.work, parquet_root, ctx.rows, ctx.repeat)
    return [*load_cases, *bench_queries(db, ctx.rows, ctx.repeat, ctx.min_time)]


def bench_load(work: Path, parquet_root: Path, n_rows: int, repeat: int) -> tuple[list[Case], Path]:
    """load_parquet vs CTAS on the same files, and the idempotent second load vs the first."""
    files = [str(p) for p in dataset_files(parquet_root, "observations")]
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
    return [
        Case(
            "load",
            "load_parquet (MERGE, dedupe, ledger)",
            min(first),
            "CREATE TABLE AS SELECT * FROM read_parquet",
            min(ctas),
            extra,
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


def _ctas(db: Path, files: list[str]) -> None:
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE observations AS SELECT * FROM read_parquet($files, hive_partitioning = true)",
        {"files": files},
    )
    con.close()


def bench_queries(db: Path, n_rows: int, repeat: int, min_time: float) -> list[Case]:
    """period_over_period vs a full scan, and the HTML report vs period_over_period."""
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
