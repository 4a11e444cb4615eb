"""Validation cases (issue 13): validate_observations by column vs a columnar check of the same rows.

`validate` hands validate_observations the Arrow table of N replicated real observations and
compares it with one DuckDB query computing the same rules over that table (validate_check.sql).
`validate_rows` hands it the same rows as dicts, the way parsers produce them, and compares it
with Arrow's own conversion of those dicts (`pa.Table.from_pylist`): the floor of any validation
that starts from dicts. It is capped at 100 000 rows (a million dicts is gigabytes).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from tests.bench.core import Case, Context, best_of
from tests.bench.data import real_observations, replicated_table
from transform import schema
from transform.categories import KNOWN_CATEGORIES
from transform.validate import validate_observations

VALIDATE_GOAL = 2.0  # issue 13: validation within 2x of a columnar check of the same rows
ROWS_CAP = 100_000
CHECK_SQL = (Path(__file__).parent / "validate_check.sql").read_text(encoding="utf-8")


def run(ctx: Context) -> list[Case]:
    """validate_observations over a table and over dicts, each against its baseline."""
    base = real_observations()
    table = replicated_table(base, ctx.rows)
    known = sorted(KNOWN_CATEGORIES)
    con = duckdb.connect()
    con.register("obs", table)
    check = con.execute(CHECK_SQL, {"known": known}).fetchone()
    if any(check):
        raise RuntimeError(f"the bench rows break a rule: {check}")
    if validate_observations(table, known_categories=known).num_rows != ctx.rows:
        raise RuntimeError("validate_observations dropped bench rows")
    measured = best_of(lambda: validate_observations(table, known_categories=known), ctx.repeat, ctx.min_time)
    baseline = best_of(lambda: con.execute(CHECK_SQL, {"known": known}).fetchone(), ctx.repeat, ctx.min_time)
    con.close()
    n_dicts = min(ctx.rows, ROWS_CAP)
    rows = table.slice(0, n_dicts).to_pylist()
    by_rows = best_of(lambda: validate_observations(rows, known_categories=known), ctx.repeat, ctx.min_time)
    arrow = best_of(
        lambda: pa.Table.from_pylist(rows, schema=schema.OBSERVATION_SCHEMA), ctx.repeat, ctx.min_time
    )
    return [
        Case(
            "validate",
            "validate_observations (Arrow table in)",
            measured,
            "DuckDB columnar check of the same rules",
            baseline,
            {"rows": ctx.rows},
            goal_ratio=VALIDATE_GOAL,
        ),
        Case(
            "validate_rows",
            "validate_observations (dict rows in, as parsers give them)",
            by_rows,
            "pa.Table.from_pylist of the same dicts",
            arrow,
            {"rows": n_dicts},
        ),
    ]
