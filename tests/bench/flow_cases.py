"""Flow cases (issue 13): a backfill's memory at two sizes ten times apart, and Prefect's overhead.

Both replay generated archives (tests/bench/flow_data.py: the snapshot's real-figure documents
copied under distinct URLs) in fresh processes (tests/bench/flow_worker.py), so one run's
imports, caches and heap never flatter the next.

* `backfill_memory`: peak RSS of a replay of 10N documents against one of N (default N = 200,
  scaled by --scale); streaming keeps the ratio near 1 (goal <= 1.2x).
* `prefect_overhead`: the same 1 000-document replay (scaled) through the `replay` flow against
  the stage functions called directly; the temporary API is started before the clock in both
  senses (the direct process needs none), its start-up is reported apart (goal <= 1.10x).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from flows.settings import PREFECT_SERVER_START_TIMEOUT_S
from tests.bench.core import REPO, Case, Context
from tests.bench.flow_data import build_archive

MEMORY_GOAL = 1.2
PREFECT_GOAL = 1.10
SMALL, LARGE = 200, 2000  # documents, times ctx.scale
PREFECT_DOCUMENTS = 1000
BATCH_SIZE = 200


def run(ctx: Context) -> list[Case]:
    return [backfill_memory(ctx), prefect_overhead(ctx)]


def _env(work: Path) -> dict[str, str]:
    """The child's environment: this checkout importable, Prefect offline, quiet and local to the bench."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CYBERSTATS_", "PREFECT_API_"))}
    env |= {
        "PYTHONPATH": str(REPO),
        "PREFECT_HOME": str(work / "prefect-home"),
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": str(PREFECT_SERVER_START_TIMEOUT_S),
        "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
        "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    }
    return env


def replay_in_child(mode: str, archive: Path, home: Path, work: Path, batch_size: int = BATCH_SIZE) -> dict:
    """Run tests/bench/flow_worker.py in a fresh interpreter; its JSON line (fails loudly)."""
    cmd = [sys.executable, "-m", "tests.bench.flow_worker", mode, str(archive), str(home), str(batch_size)]
    done = subprocess.run(cmd, env=_env(work), capture_output=True, text=True, timeout=3600, cwd=REPO)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(
            f"bench replay ({mode}, {archive}) failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
        )
    return json.loads(lines[-1])


def backfill_memory(ctx: Context) -> Case:
    """Peak RSS replaying 10N documents vs N documents, each in a fresh process.

    The peak is taken when the replay (parse + publish of every batch) is done, before the run
    summary's period-over-period query, whose DuckDB memory grows with the warehouse whatever the
    replay does (shown apart: `with_summary_mb`).
    """
    small, large = ctx.scaled(SMALL, floor=10), ctx.scaled(LARGE, floor=100)
    batch = max(5, min(BATCH_SIZE, small))
    results = {}
    for n in (small, large):
        archive = build_archive(ctx.work / f"archive-{n}", n).root
        results[n] = replay_in_child("direct", archive, ctx.work / f"home-mem-{n}", ctx.work, batch)
    peak = {n: r["replay_peak_rss_mb"] for n, r in results.items()}
    extra = {
        "documents": f"{small} / {large}",
        "batch_size": batch,
        "observations": f"{results[small]['observations']} / {results[large]['observations']}",
        "with_summary_mb": f"{results[small]['peak_rss_mb']:.0f} / {results[large]['peak_rss_mb']:.0f}",
    }
    return Case(
        "backfill_memory",
        f"peak RSS, replay of {large} documents",
        peak[large],
        f"{small} documents",
        peak[small],
        extra,
        goal_ratio=MEMORY_GOAL,
        unit="MB",
    )


def prefect_overhead(ctx: Context) -> Case:
    """The `replay` flow vs the stage functions called directly, same archive, fresh processes.

    Best of `ctx.repeat` (at most 3) runs of each, taken in turns so that a busy spell of the
    machine hits both; CPU seconds (the run's process, plus the API server's during the flow)
    are shown beside the wall-clock ratio, which is the case's.
    """
    n = ctx.scaled(PREFECT_DOCUMENTS, floor=20)
    archive = build_archive(ctx.work / f"archive-prefect-{n}", n).root
    runs: dict[str, list[dict]] = {"direct": [], "prefect": []}
    for i in range(min(ctx.repeat, 3)):
        for mode in runs:
            runs[mode].append(replay_in_child(mode, archive, ctx.work / f"home-{mode}-{i}", ctx.work))
    direct = min(runs["direct"], key=lambda r: r["seconds"])
    flow = min(runs["prefect"], key=lambda r: r["seconds"])
    if direct["observations"] != flow["observations"]:
        raise RuntimeError(
            f"the flow loaded {flow['observations']} rows, the stages {direct['observations']}"
        )
    flow_cpu = flow["cpu_seconds"] + flow["server_cpu_seconds"]
    extra = {
        "documents": n,
        "batches": flow["batches"],
        "observations": flow["observations"],
        "cpu_s": f"{flow_cpu:.1f} (server {flow['server_cpu_seconds']:.1f}) / {direct['cpu_seconds']:.1f}",
        "cpu_ratio": round(flow_cpu / direct["cpu_seconds"], 3),
        "api_start_s": round(flow["server_seconds"], 1),
    }
    return Case(
        "prefect_overhead",
        "replay flow (Prefect)",
        flow["seconds"],
        "stage functions",
        direct["seconds"],
        extra,
        goal_ratio=PREFECT_GOAL,
    )
