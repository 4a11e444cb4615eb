"""`cyberstats` in a process that times itself, for the run bench: start-up, requests, the rest.

    python -m tests.bench.run_probe OUT.json [cyberstats arguments ...]

Runs the `cyberstats` command line in this process with three clocks added, and writes what they
saw to OUT.json when the command is done (the bench reads it; the command's output is untouched):

* the flow: from the call of `flows.runner.live` / `replay` (the command has imported what it
  needs and set Prefect up) to the end of the command (its report printed);
* the fetch layer: every interval a thread spends in an HTTP exchange (`PoliteClient._send`), in a
  polite wait for its host's turn (`_wait_turn`) or at the shared per-host gate (`before_request`:
  a Prefect rate-limit slot when the server holds one, shown apart);
* start-up: from the moment the bench started the process (`CYBERSTATS_BENCH_T0`, wall clock, set
  just before the exec) to the flow's start: interpreter, imports, Prefect set-up.

Threads fetch side by side (statistics and news run together), so the fetch layer's time is the
UNION of those intervals: `work_beyond_requests_s` is the flow's wall time during which no thread
was in a request or a wait, the work a no-change run should barely have (issue 13). Nothing here
changes what the run does; the wrappers only read the clock.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

T0_ENV = "CYBERSTATS_BENCH_T0"
_WALL_MINUS_PERF = time.time() - time.perf_counter()  # to put the bench's wall-clock start on our clock
_START = float(os.environ.get(T0_ENV, time.time())) - _WALL_MINUS_PERF


class Clocks:
    """The intervals (perf_counter seconds) seen in this process, by kind, and the flow's bounds."""

    def __init__(self) -> None:
        self.intervals: dict[str, list[tuple[float, float]]] = {"http": [], "wait": [], "gate": []}
        self.api: list[tuple[float, float, str]] = []  # Prefect API calls: (start, end, "METHOD path")
        self.lock = threading.Lock()
        self.imported = 0.0  # `flows.cli` imported
        self.flow_start: float | None = None
        self.flow_end: float | None = None  # the flow function returned
        self.body: tuple[float, float] | None = None  # the pipeline flow's own body (inside the engine)
        self.requests = 0

    def timed(self, kind: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """`fn` with each call's interval recorded under `kind`."""

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                with self.lock:
                    self.intervals[kind].append((start, time.perf_counter()))

        return wrapper

    def api_call(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Prefect's async client `send`, each request's interval recorded with its method and path."""

        @functools.wraps(fn)
        async def wrapper(client: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return await fn(client, request, *args, **kwargs)
            finally:
                self._api(start, request)

        return wrapper

    def api_call_sync(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(client: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(client, request, *args, **kwargs)
            finally:
                self._api(start, request)

        return wrapper

    def _api(self, start: float, request: Any) -> None:
        with self.lock:
            self.api.append((start, time.perf_counter(), f"{request.method} {request.url.path}"))

    def flow(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.flow_start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.flow_end = time.perf_counter()

        return wrapper

    def flow_body(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """The pipeline flow's function as the engine calls it: what the engine adds is outside."""

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.body = (start, time.perf_counter())

        return wrapper

    def slowest_api_calls(self, start: float, n: int = 5) -> list[str]:
        """The `n` longest Prefect API calls: what to look at when the flow's time jumps."""
        slowest = sorted(self.api, key=lambda call: call[0] - call[1])[:n]
        return [f"{what} {b - a:.2f} s at +{a - start:.2f} s" for a, b, what in slowest]

    def summary(self, end: float) -> dict[str, Any]:
        """Seconds: start-up, flow, the fetch layer's union, and the flow's time beyond it."""
        start = self.flow_start if self.flow_start is not None else end
        every = [iv for ivs in self.intervals.values() for iv in ivs]
        fetch = union_seconds(every, start, end)
        return {
            "startup_s": start - _START,
            "import_s": self.imported - _START,
            "flow_s": end - start,
            "flow_function_s": (self.flow_end or end) - start,
            # Prefect's engine before the flow's body (the flow run, its state) and after it (the
            # final state, the heartbeat thread's join: it sleeps in 1 s steps)
            "engine_before_body_s": self.body[0] - start if self.body else None,
            "engine_after_body_s": (self.flow_end or end) - self.body[1] if self.body else None,
            "fetch_layer_s": fetch,
            "http_s": union_seconds(self.intervals["http"], start, end),
            "polite_wait_s": union_seconds(self.intervals["wait"], start, end),
            "host_gate_s": union_seconds(self.intervals["gate"], start, end),
            "http_requests": len(self.intervals["http"]),
            "prefect_api_s": union_seconds([(a, b) for a, b, _ in self.api], start, end),
            "prefect_api_calls": sum(start <= a <= end for a, _, _ in self.api),
            "slowest_api_calls": self.slowest_api_calls(start),
            "api_calls": [
                f"{what} {b - a:.3f} +{a - start:.3f}" for a, b, what in sorted(self.api) if start <= a <= end
            ],
            "work_beyond_requests_s": (end - start) - fetch,
            "report_at_s": end - _START,  # seconds after the exec; the process exits after it
        }


def union_seconds(intervals: list[tuple[float, float]], lo: float, hi: float) -> float:
    """Seconds of [lo, hi] covered by at least one interval (overlaps counted once)."""
    total, reach = 0.0, lo
    for start, end in sorted(intervals):
        start, end = max(start, reach), min(end, hi)
        if end > start:
            total += end - start
            reach = end
    return total


def install(clocks: Clocks) -> None:
    """Wrap the fetch layer's request, wait and gate, and the CLI's flow entry points."""
    from prefect.client.base import PrefectHttpxAsyncClient, PrefectHttpxSyncClient

    from extract.http import PoliteClient
    from flows import runner

    PrefectHttpxAsyncClient.send = clocks.api_call(PrefectHttpxAsyncClient.send)  # type: ignore[method-assign]
    PrefectHttpxSyncClient.send = clocks.api_call_sync(PrefectHttpxSyncClient.send)  # type: ignore[method-assign]
    PoliteClient._send = clocks.timed("http", PoliteClient._send)  # type: ignore[method-assign]
    PoliteClient._wait_turn = clocks.timed("wait", PoliteClient._wait_turn)  # type: ignore[method-assign]
    real_init = PoliteClient.__init__

    @functools.wraps(real_init)
    def init(self: PoliteClient, *args: Any, **kwargs: Any) -> None:
        gate = kwargs.get("before_request")
        if gate is not None:
            kwargs["before_request"] = clocks.timed("gate", gate)
        real_init(self, *args, **kwargs)

    PoliteClient.__init__ = init  # type: ignore[method-assign]
    runner.live = clocks.flow(runner.live)
    from flows.pipeline import pipeline_flow

    pipeline_flow.fn = clocks.flow_body(pipeline_flow.fn)
    runner.replay = clocks.flow(runner.replay)


def main(argv: list[str]) -> int:
    out, args = Path(argv[0]), argv[1:]
    clocks = Clocks()
    from flows.cli import _prepare_prefect, app

    clocks.imported = time.perf_counter()
    # The CLI's Prefect settings (its start-up timeout among them) before install() imports the flows:
    # Prefect reads its settings once, when a flow module first imports it.
    _prepare_prefect()
    install(clocks)
    code: int | str | None = 0
    try:
        app(args=args, prog_name="cyberstats")
    except SystemExit as exc:
        code = exc.code
    finally:
        out.write_text(json.dumps(clocks.summary(time.perf_counter())), encoding="utf-8")
    return code if isinstance(code, int) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
