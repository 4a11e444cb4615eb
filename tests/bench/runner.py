"""`make bench`: run every case group, print the table, write bench.json and BENCHMARKS.md.

A group is a module with `run(ctx: Context) -> list[Case]`; each case is measured against its
baseline in the same process (or the same script, for cases that must start fresh processes).
`--only` picks groups (such a partial run leaves BENCHMARKS.md alone unless `--markdown` names a file);
`--scale` grows or shrinks the generated workloads (sites, archives).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tests.bench import figure_cases, flow_cases, parse_cases, run_cases, validate_cases, warehouse_cases
from tests.bench.core import REPO, Case, Context

DEFAULT_OUT = REPO / "bench-results" / "bench.json"
DEFAULT_MARKDOWN = REPO / "BENCHMARKS.md"

# Group name -> the function that measures it (one module per group).
GROUPS: dict[str, Callable[[Context], list[Case]]] = {
    "warehouse": warehouse_cases.run,
    "parse": parse_cases.run,
    "figures": figure_cases.run,
    "validate": validate_cases.run,
    "flows": flow_cases.run,
    "runs": run_cases.run,
}


def _seconds(s: float, unit: str = "s") -> str:
    if unit != "s":
        return f"{s:.1f} {unit}"
    return f"{s * 1e3:.2f} ms" if s < 1 else f"{s:.2f} s"


def _met(case: Case) -> str:
    return {True: "met", False: "NOT met", None: ""}[case.goal_met]


def table(cases: list[Case]) -> str:
    """A plain-text table: case, measured, baseline, ratio, goal."""
    lines = [f"{'case':<14} {'measured':>10} {'baseline':>10} {'ratio':>8}  {'goal':<12} what (vs baseline)"]
    for c in cases:
        lines.append(
            f"{c.name:<14} {_seconds(c.seconds, c.unit):>10} {_seconds(c.baseline_seconds, c.unit):>10} "
            f"{c.ratio:>7.2f}x  {_met(c):<12} {c.measured} (vs {c.baseline})"
        )
    for c in cases:
        if "chars_per_s" in c.extra:
            old = c.extra.get("old_chars_per_s")
            than = f" (the old reader: {old:,})" if old else ""
            lines.append(f"{c.name}: {c.extra['chars_per_s']:,} chars per CPU second{than}")
    return "\n".join(lines)


def markdown(cases: list[Case], meta: dict) -> str:
    """BENCHMARKS.md: the machine, then one row per case with its ratio and goal."""
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m tests.bench`); do not edit by hand. Every ratio is the",
        "measured time over its baseline's, both measured in the same run on the same data.",
        "",
        f"- measured at: {meta['measured_at']}",
        f"- machine: {meta['cpus']} CPUs, {meta['platform']}, load average {meta['loadavg']}",
        f"- python {meta['python']}, duckdb {meta['duckdb']}",
        f"- rows {meta['rows']:,}, repeat {meta['repeat']}, scale {meta['scale']}",
        f"- wall time of the whole bench: {meta['wall_seconds']} s",
        "",
        "| case | measured | baseline | ratio | goal | met | details |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in cases:
        details = ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}" for k, v in c.extra.items())
        # the ratio as bench.json holds it (3 decimals), so the two never round differently
        lines.append(
            f"| {c.name} | {c.measured}: {_seconds(c.seconds, c.unit)} "
            f"| {c.baseline}: {_seconds(c.baseline_seconds, c.unit)} "
            f"| {round(c.ratio, 3):.2f}x | {c.goal_text} | {_met(c)} | {details} |"
        )
    return "\n".join(lines) + "\n"


def metadata(args: argparse.Namespace, wall: float) -> dict:
    return {
        "rows": args.rows,
        "repeat": args.repeat,
        "min_time": args.min_time,
        "scale": args.scale,
        "groups": args.only,
        "wall_seconds": round(wall, 2),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "cpus": os.cpu_count(),
        "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "platform": platform.platform(),
        "note": "ratios are measured/baseline in the same run; seconds are best of `repeat`",
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="observations to load (default 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per case, best kept (default 3)")
    parser.add_argument(
        "--min-time", type=float, default=0.2, help="seconds each timing round lasts at least (default 0.2)"
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiplier of generated workloads (default 1)"
    )
    parser.add_argument(
        "--only", action="append", choices=sorted(GROUPS), help="run only these groups (repeatable)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON output (default {DEFAULT_OUT})")
    parser.add_argument(
        "--markdown",
        type=Path,
        default=None,
        help="Markdown table (default BENCHMARKS.md, written only when every group ran)",
    )
    args = parser.parse_args(argv)
    if args.rows < 1 or args.repeat < 1 or args.min_time <= 0 or args.scale <= 0:
        parser.error("--rows and --repeat must be at least 1, --min-time and --scale positive")
    args.only = args.only or list(GROUPS)
    return args


def main(argv: list[str] | None = None) -> dict:
    """Run the bench, print the table, write the JSON and the Markdown; returns what was written."""
    args = parse_args(argv)
    start = time.perf_counter()
    cases: list[Case] = []
    with tempfile.TemporaryDirectory(prefix="cyberstats-bench-") as tmp:
        for name in args.only:
            work = Path(tmp) / name
            work.mkdir()
            ctx = Context(args.rows, args.repeat, args.min_time, work, args.scale)
            cases.extend(GROUPS[name](ctx))
    meta = metadata(args, time.perf_counter() - start)
    result = {"meta": meta, "cases": [c.as_json() for c in cases]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    # a run of some groups does not replace the whole table with its few rows (BENCHMARKS.md is the
    # record of a full run); it writes a table only where one is asked for
    target = args.markdown or (DEFAULT_MARKDOWN if set(args.only) == set(GROUPS) else None)
    if target is not None:
        target.write_text(markdown(cases, meta), encoding="utf-8")
    print(table(cases), flush=True)
    kept = f"; {DEFAULT_MARKDOWN.name} left as it was (a partial run; --markdown writes one)"
    wrote = f" and {target}" if target is not None else kept
    print(f"wrote {args.out}{wrote} ({meta['wall_seconds']} s)", file=sys.stderr)
    return result
