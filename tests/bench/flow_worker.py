"""One replay in a fresh process, for the flow bench: prints what it cost as one JSON line.

    python -m tests.bench.flow_worker MODE ARCHIVE HOME BATCH_SIZE

MODE `direct` runs the stage functions themselves (plan, then parse + publish batch by batch,
then the run summary the flow would attach); MODE `prefect` runs the `replay` flow on the same
archive, against the temporary local API that `cyberstats run` starts (started before the clock,
having answered a first request, reported apart: start-up is not orchestration), after the
imports `cyberstats run` does while that API boots (`flows.runner.import_flows`). The line holds
`seconds` (the replay alone), `cpu_seconds` (of this process), `server_cpu_seconds` (of the API
server, during the replay), `peak_rss_mb` (this process's ru_maxrss; the API server is another
process), `replay_peak_rss_mb` (direct: before the run summary's queries), `server_seconds`,
`warm_up_seconds`, `stage_seconds` (of `seconds`, inside the stage functions, `STAGES`),
`stage_cpu_seconds` (this process's CPU seconds inside them), `cpu_wait_seconds` (of `seconds`, how
long the main thread was ready to run but waiting for a CPU: /proc schedstat; a busy machine's
share of the wall time, not the run's), `ok`, `observations`, `batches`.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sys
import time
from pathlib import Path


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _children_cpu_seconds() -> float:
    """CPU seconds so far of this process's live children (the API server), from /proc."""
    ticks, total = os.sysconf("SC_CLK_TCK"), 0.0
    for children in Path("/proc/self/task").glob("*/children"):
        for pid in children.read_text().split():
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def _cpu_wait_seconds() -> float:
    """Seconds the main thread has spent runnable but waiting for a CPU (0 where /proc says nothing)."""
    import threading

    try:
        fields = Path(f"/proc/self/task/{threading.main_thread().native_id}/schedstat").read_text().split()
    except OSError:
        return 0.0
    return int(fields[1]) / 1e9  # on CPU (ns), waiting on a run queue (ns), time slices


# The stage functions both modes call (plan the batches, parse + publish one, the run summary),
# by the modules they are called through: the direct path's and the flow's.
STAGES = {
    "flows.streaming": ("plan_replay", "replay_batch"),
    "flows.pipeline": ("plan_replay", "replay_batch"),
    "flows.artifacts": ("summary_markdown",),
}


def _time_stages(clock: list[float]) -> None:
    """Wrap the stage functions so that the wall seconds spent inside them add up in `clock[0]`
    (and this process's CPU seconds in `clock[1]`).

    In the same process and the same seconds as the run, so the run's time over its stages' time
    is Prefect's share, whatever else the machine is doing meanwhile (`stage_seconds`)."""
    import functools
    import importlib

    def timed(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            start, cpu = time.perf_counter(), _cpu_seconds(resource.RUSAGE_SELF)
            try:
                return fn(*args, **kwargs)
            finally:
                clock[0] += time.perf_counter() - start
                clock[1] += _cpu_seconds(resource.RUSAGE_SELF) - cpu

        return wrapper

    for module_name, names in STAGES.items():
        module = importlib.import_module(module_name)
        for name in names:
            setattr(module, name, timed(getattr(module, name)))


def _direct(archive: Path, home: Path, batch_size: int, measures: dict):
    from flows.artifacts import summary_markdown
    from flows.streaming import replay_streaming

    report = replay_streaming(archive, home / "parquet", home / "warehouse.duckdb", None, batch_size)
    measures["replay_peak_rss_mb"] = _peak_mb()  # before the summary's period-over-period query
    summary_markdown(report, home / "warehouse.duckdb")  # the report step's own work, as the flow does it
    return report


def _prefect(archive: Path, batch_size: int):
    from flows.pipeline import replay_flow
    from flows.runner import report_of

    state = replay_flow(str(archive), None, batch_size, return_state=True)
    return report_of(state)


def _warm_up(mode: str) -> None:
    """Import what the replay uses, and parse each snapshot page once, before the clock starts:
    imports (some parsers import lazily) are start-up, the same in both modes, not replay time."""
    from extract.archive import RawArchive
    from extract.catalogue import get_source
    from flows import artifacts, streaming  # noqa: F401
    from flows.runner import DEMO_SNAPSHOT
    from flows.stages import parse_document

    snapshot = RawArchive(DEMO_SNAPSHOT)
    for entry in snapshot.document_entries():
        with contextlib.suppress(Exception):
            parse_document(snapshot.document(entry), get_source(entry.source_id))
    if mode == "prefect":  # what `cyberstats run` imports while its temporary API boots
        from flows.runner import import_flows

        import_flows()


def main(argv: list[str]) -> int:
    mode, archive, home, batch_size = argv[0], Path(argv[1]), Path(argv[2]), int(argv[3])
    os.environ["CYBERSTATS_HOME"] = str(home)
    start = time.perf_counter()
    _warm_up(mode)
    warm_up_seconds = time.perf_counter() - start
    server_seconds = 0.0
    with contextlib.ExitStack() as stack:
        if mode == "prefect":
            from flows.tied_server import temporary_api

            start = time.perf_counter()
            stack.enter_context(temporary_api())
            server_seconds = time.perf_counter() - start
        measures: dict = {}
        stage_clock = [0.0, 0.0]
        _time_stages(stage_clock)
        start, cpu = time.perf_counter(), _cpu_seconds(resource.RUSAGE_SELF)
        server_cpu, cpu_wait = _children_cpu_seconds(), _cpu_wait_seconds()
        if mode == "direct":
            report = _direct(archive, home, batch_size, measures)
        else:
            report = _prefect(archive, batch_size)
        seconds, cpu = time.perf_counter() - start, _cpu_seconds(resource.RUSAGE_SELF) - cpu
        server_cpu, cpu_wait = _children_cpu_seconds() - server_cpu, _cpu_wait_seconds() - cpu_wait
    line = {
        "mode": mode,
        "seconds": seconds,
        "cpu_seconds": cpu,  # this process only
        "server_cpu_seconds": server_cpu,  # the API server, while the replay ran
        "server_seconds": server_seconds,
        "warm_up_seconds": warm_up_seconds,
        "stage_seconds": stage_clock[0],  # of `seconds`, inside the stage functions
        "stage_cpu_seconds": stage_clock[1],  # this process's CPU seconds inside them
        "cpu_wait_seconds": cpu_wait,  # of `seconds`, the main thread waiting for a CPU
        "peak_rss_mb": _peak_mb(),
        **measures,
        "ok": bool(report and report.ok),
        "observations": (report.inserted.get("observations", 0) if report else 0),
        "batches": report.planned_batches if report else 0,
        "summary": report.summary_line() if report else "no report",
    }
    print(json.dumps(line), flush=True)
    return 0 if line["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
