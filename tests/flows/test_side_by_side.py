"""The pipeline's subflows start one after the other, then work together, without heartbeats (issue 13).

The news flow runs in a thread of the pipeline's context (no task run around it) and stays a
subflow of the pipeline's run.

Two subflows created at the same moment made a SQLite Prefect server refuse one writer (503,
`database is locked`) and Prefect's client wait 2-6 s before trying again, on every profiled
pipeline run; each subflow's heartbeat thread cost up to 1 s at its end (flows/side_by_side.py).
"""

from __future__ import annotations

import threading
import time

import pytest

import flows.side_by_side
from flows.side_by_side import StartGate, arrive, subflows


def _arrive_in_thread(gate: StartGate, log: list[str], name: str) -> threading.Thread:
    def body() -> None:
        with gate.bound():
            arrive()
        log.append(f"{name} goes")

    thread = threading.Thread(target=body)
    thread.start()
    return thread


def test_the_first_subflow_waits_for_its_sibling_and_the_parent_for_the_first():
    gate = StartGate(flows=2, timeout=10)
    log: list[str] = []
    first = _arrive_in_thread(gate, log, "news")
    assert gate.wait_for(arrived=1)  # the parent starts the next one only once the first has begun
    time.sleep(0.05)
    assert log == []  # the first waits for its sibling before any work
    second = _arrive_in_thread(gate, log, "stats")
    first.join(5)
    second.join(5)
    assert sorted(log) == ["news goes", "stats goes"] and gate.arrived == 2


def test_a_sibling_that_never_begins_holds_the_other_only_until_the_timeout_or_the_gate_opens():
    gate = StartGate(flows=2, timeout=0.2)
    start = time.monotonic()
    with gate.bound():
        arrive()  # alone: waits out the timeout, then works anyway
    assert 0.15 <= time.monotonic() - start < 5

    opened = StartGate(flows=2, timeout=30)
    log: list[str] = []
    waiting = _arrive_in_thread(opened, log, "news")
    assert opened.wait_for(arrived=1)
    opened.open()  # the parent saw the other end before it began
    waiting.join(5)
    assert log == ["news goes"]
    assert opened.wait_for(arrived=5)  # an open gate keeps nobody waiting


def test_a_flow_run_alone_finds_no_gate():
    start = time.monotonic()
    arrive()
    assert time.monotonic() - start < 0.1


def test_subflows_send_no_heartbeats_and_the_parent_keeps_its_own():
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY

    before = PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value()
    gate = StartGate(flows=1, timeout=5)
    seen: list[object] = []

    def task_thread() -> None:  # a task submitted in the block runs with a copy of its context
        seen.append(PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value())
        arrive()

    with subflows(gate):
        import contextvars

        thread = threading.Thread(target=contextvars.copy_context().run, args=(task_thread,))
        thread.start()
        thread.join(5)
        seen.append(PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value())
    assert seen == [None, None] and gate.arrived == 1
    assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() == before


def test_leaving_the_block_opens_the_gate_even_on_an_error():
    gate = StartGate(flows=2, timeout=30)
    with pytest.raises(RuntimeError), subflows(gate):
        raise RuntimeError("the statistics flow could not start")
    assert gate.wait_for(arrived=2)  # open: a waiting news flow would go on


@pytest.mark.prefect
def test_the_pipeline_starts_news_then_statistics_and_neither_heartbeats(
    tmp_path, monkeypatch, prefect_harness, fixture_site
):
    from prefect.runtime import flow_run
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY

    from flows.pipeline import pipeline_flow

    arrivals: list[tuple[str, object, int]] = []
    parents: list[str | None] = []
    real = StartGate.arrive

    def spying(self: StartGate) -> None:
        arrivals.append((flow_run.flow_name, PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value(), self.arrived))
        parents.append(flow_run.parent_flow_run_id)
        real(self)

    monkeypatch.setattr(flows.side_by_side.StartGate, "arrive", spying)
    monkeypatch.setenv("CYBERSTATS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CYBERSTATS_URL_MAP", fixture_site.url_map_setting)
    monkeypatch.setenv("CYBERSTATS_MIN_INTERVAL", "0")
    state = pipeline_flow(["hkcert_incidents_monthly", "newsgov_law_order_rss"], return_state=True)
    assert state.is_completed(), state.message
    assert "stats:" in state.message and "news:" in state.message
    # news began first (none arrived before it), then statistics; no subflow sent heartbeats
    assert arrivals == [("news", None, 0), ("stats", None, 1)]
    pipeline_id = str(state.state_details.flow_run_id)
    assert parents == [pipeline_id, pipeline_id]  # both are subflows of the pipeline's run
