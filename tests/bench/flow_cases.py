"""Flow cases (issue 13): a backfill's memory at two sizes ten times apart, and Prefect's overhead.

Both replay generated archives (tests/bench/flow_data.py: the snapshot's real-figure documents
copied under distinct URLs) in fresh processes (tests/bench/flow_worker.py), so one run's
imports, caches and heap never flatter the next.

* `backfill_memory`: peak RSS of a replay of 10N documents against one of N (default N = 200,
  scaled by --scale); streaming keeps the ratio near 1 (goal <= 1.2x).
* `prefect_overhead`: the same 1 000-document replay (scaled) through the `replay` flow against
  the stage functions called directly, median wall time of seven interleaved pairs; the temporary
  API is started (and has answered a first request) before the clock, as `cyberstats run` starts
  it while importing the flows, its start-up is reported apart (goal <= 1.10x, on that wall-time
  median). Beside it, two numbers a busy machine moves less: CPU seconds (the API server's
  included) and the wall time less the seconds the run's main thread waited for a CPU.
* `prefect_share`: the same flow runs against the time their own stage functions took inside
  them, in the same process and seconds (robust to a busy machine; goal <= 1.10x).
"""

from __future__ import annotations

import json
import os
import statistics
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
PREFECT_ROUNDS = 7  # pairs of prefect_overhead runs in a full bench (at --repeat 3 or more)


def run(ctx: Context) -> list[Case]:
    return [backfill_memory(ctx), *prefect_overhead(ctx)]


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


def prefect_overhead(ctx: Context) -> list[Case]:
    """The `replay` flow vs the stage functions called directly, same archive, fresh processes.

    `rounds` pairs of runs (at least PREFECT_ROUNDS when --repeat is 3 or more), the two modes
    taken in turns and in alternating order, so that a busy spell of the machine or a drift hits
    both. The case's times are the MEDIANS of each mode (met means the typical run meets the goal,
    not the luckiest); the ratio of each pair, their spread and the best-of ratio are shown beside
    it, with CPU seconds (the run's process, plus the API server's during the flow) and, as a
    second number only, the ratio of the medians of wall seconds less the seconds each run's main
    thread waited for a CPU (`ratio_less_cpu_wait`: on a shared 2-core machine that wait was 30-60%
    of a run's wall time, and moved the pair ratios by +-40%). The goal is judged on wall time.
    """
    n = ctx.scaled(PREFECT_DOCUMENTS, floor=20)
    archive = build_archive(ctx.work / f"archive-prefect-{n}", n).root
    rounds = max(ctx.repeat, PREFECT_ROUNDS) if ctx.repeat >= 3 else ctx.repeat
    runs: dict[str, list[dict]] = {"direct": [], "prefect": []}
    for i in range(rounds):
        for mode in ("direct", "prefect") if i % 2 == 0 else ("prefect", "direct"):
            runs[mode].append(replay_in_child(mode, archive, ctx.work / f"home-{mode}-{i}", ctx.work))
    loaded = {r["observations"] for mode in runs.values() for r in mode}
    if len(loaded) != 1:
        raise RuntimeError(f"the runs loaded different numbers of rows: {sorted(loaded)}")
    flow, direct = _median(runs["prefect"]), _median(runs["direct"])
    pairs = sorted(f["seconds"] / d["seconds"] for f, d in zip(runs["prefect"], runs["direct"], strict=True))
    cpu = [_flow_cpu(r) for r in runs["prefect"]], [r["cpu_seconds"] for r in runs["direct"]]
    best = min(r["seconds"] for r in runs["prefect"]) / min(r["seconds"] for r in runs["direct"])
    waits = [statistics.median(r["cpu_wait_seconds"] for r in runs[mode]) for mode in ("prefect", "direct")]
    extra = {
        "documents": n,
        "batches": flow["batches"],
        "observations": flow["observations"],
        "rounds": rounds,
        "pair_ratios": " ".join(f"{r:.2f}" for r in pairs),
        "pair_ratio_median": round(statistics.median(pairs), 3),
        "pairs_within_goal": f"{sum(r <= PREFECT_GOAL for r in pairs)} of {rounds}",
        "best_of_ratio": round(best, 3),
        "cpu_s": f"{statistics.median(cpu[0]):.1f} (server {_flow_server_cpu(runs):.1f}) / "
        f"{statistics.median(cpu[1]):.1f}",
        "cpu_ratio": round(statistics.median(cpu[0]) / statistics.median(cpu[1]), 3),
        "cpu_wait_s": f"{waits[0]:.1f} / {waits[1]:.1f}",
        "ratio_less_cpu_wait": round(
            _median_less_wait(runs["prefect"]) / _median_less_wait(runs["direct"]), 3
        ),
        "api_start_s": round(statistics.median(r["server_seconds"] for r in runs["prefect"]), 1),
    }
    across = Case(
        "prefect_overhead",
        "replay flow (Prefect), median",
        flow["seconds"],
        "stage functions, median",
        direct["seconds"],
        extra,
        goal_ratio=PREFECT_GOAL,
    )
    return [across, _prefect_share(runs)]


def _prefect_share(runs: dict[str, list[dict]]) -> Case:
    """The flow runs' seconds against the seconds their own stage functions took in them.

    Both clocks run in the same process over the same seconds, so a busy machine slows both
    alike: what is left is Prefect's share (flow and task runs, API calls, logs, artifacts). It
    does not see Prefect slowing the stage functions themselves (its threads, a bigger heap);
    `stages_vs_direct` compares their time in the flow with the direct runs (across processes,
    so as noisy as `prefect_overhead`; `stage_cpu_vs_direct` the same in CPU seconds). `direct_accounted`
    checks that the stages are the whole direct run (1.00).
    """
    flow = sum(r["seconds"] for r in runs["prefect"])
    stages = sum(r["stage_seconds"] for r in runs["prefect"])
    direct = sum(r["seconds"] for r in runs["direct"])
    extra = {
        "rounds": len(runs["prefect"]),
        "run_ratios": " ".join(f"{r['seconds'] / r['stage_seconds']:.3f}" for r in runs["prefect"]),
        "prefect_s_per_run": round((flow - stages) / len(runs["prefect"]), 2),
        "stages_vs_direct": round(stages / direct, 3),
        "stage_cpu_vs_direct": round(
            _total(runs["prefect"], "stage_cpu_seconds") / _total(runs["direct"], "stage_cpu_seconds"), 3
        ),
        "direct_accounted": round(sum(r["stage_seconds"] for r in runs["direct"]) / direct, 3),
    }
    return Case(
        "prefect_share",
        "replay flow runs (Prefect), total",
        flow,
        "their stage functions, same runs",
        stages,
        extra,
        goal_ratio=PREFECT_GOAL,
    )


def _median(runs: list[dict]) -> dict:
    """The run with the median wall time (the lower middle one of an even number)."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    return ordered[(len(ordered) - 1) // 2]


def _median_less_wait(runs: list[dict]) -> float:
    """Median wall seconds less the seconds the main thread waited for a CPU (a busy machine's share)."""
    return statistics.median(r["seconds"] - r["cpu_wait_seconds"] for r in runs)


def _total(runs: list[dict], key: str) -> float:
    return sum(r[key] for r in runs)


def _flow_cpu(run: dict) -> float:
    return run["cpu_seconds"] + run["server_cpu_seconds"]


def _flow_server_cpu(runs: dict[str, list[dict]]) -> float:
    return statistics.median(r["server_cpu_seconds"] for r in runs["prefect"])
