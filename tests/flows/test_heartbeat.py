"""Flow-run heartbeats that stop with the flow's body (issue 13; flows/heartbeat.py).

Prefect's heartbeat thread sleeps in 1 s steps and is joined at the end of the run: a run ends on
its next tick. The flows the CLI runs send the same event from a thread that a stop wakes at once;
Prefect's own heartbeat is off for them (never two), and on for everything else (a deployment's
run). Through the engine against the session's Prefect API (a server of its own, as far as the
flows can tell) unless said otherwise.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from uuid import uuid4

import pytest
from prefect import flow
from prefect.client.schemas.objects import FlowRun
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

from flows import heartbeat
from flows.heartbeat import HEARTBEAT_EVENT, THREAD_NAME, Heartbeat, flow_run_heartbeat, own_heartbeats

LONG_INTERVAL = 3600  # s: a thread found stopped right after its run could only have been woken


SEEN: list[Heartbeat | None] = []  # the probe's heartbeats (Prefect copies a flow's parameters)


@flow(name="heartbeat-probe")
def probe_flow(fail: bool = False) -> str:
    """Keeps the body's heartbeat in SEEN; raises when asked to."""
    with flow_run_heartbeat() as beat:
        SEEN.append(beat)
        if fail:
            raise RuntimeError("the flow body failed")
        return "done"


class Sent:
    """The heartbeats this module sent (the events as emitted) and Prefect's own heartbeat set-ups."""

    def __init__(self) -> None:
        self.ours: list = []
        self.prefects: list = []  # flow run ids for which Prefect's engine started its heartbeat

    def ours_for(self, flow_run_id) -> list:
        return [e for e in self.ours if e.resource.id == f"prefect.flow-run.{flow_run_id}"]


@pytest.fixture
def sent(monkeypatch) -> Iterator[Sent]:
    """Record our emits (through the real `emit_event`) and Prefect's heartbeat start-ups.

    Prefect builds its event template in the run's own thread just before starting its heartbeat
    thread, and only then (`_send_heartbeats`): a call means its heartbeat ran for that flow run.
    """
    from prefect.flow_engine import BaseFlowRunEngine

    SEEN.clear()
    record = Sent()
    real_emit, real_template = heartbeat.emit_event, BaseFlowRunEngine._build_heartbeat_event_template

    def emit(**kwargs):
        event = real_emit(**kwargs)
        record.ours.append(event)
        return event

    def template(engine):
        record.prefects.append(engine.flow_run.id if engine.flow_run else None)
        return real_template(engine)

    monkeypatch.setattr(heartbeat, "emit_event", emit)
    monkeypatch.setattr(BaseFlowRunEngine, "_build_heartbeat_event_template", template)
    yield record


def heartbeat_threads_alive() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == THREAD_NAME and t.is_alive()]


@pytest.mark.prefect
def test_a_run_the_cli_starts_sends_our_heartbeat_not_prefects_and_it_ends_with_the_body(
    prefect_harness, sent
):
    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: LONG_INTERVAL}):
        with own_heartbeats():
            state = probe_flow(return_state=True)
            assert heartbeat_threads_alive() == []  # gone when the flow returns: no wait for a tick
        assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() == LONG_INTERVAL  # Prefect's setting restored
    assert state.is_completed(), state.message
    (beat,) = SEEN
    assert beat is not None and beat.interval == LONG_INTERVAL and not beat.thread.is_alive()
    run_id = state.state_details.flow_run_id
    assert sent.prefects == []  # Prefect's own heartbeat never started: one heartbeat, not two
    (event,) = sent.ours_for(run_id)  # sent at the start, then the stop woke the 3600 s wait
    assert event is not None and event.event == HEARTBEAT_EVENT  # emitted to the server's client
    assert beat.beats == 1


@pytest.mark.prefect
def test_our_heartbeat_event_is_the_one_prefects_engine_builds_for_the_same_flow_run(prefect_harness, sent):
    from prefect.client.orchestration import get_client
    from prefect.flow_engine import FlowRunEngine

    with own_heartbeats():
        state = probe_flow(return_state=True)
    (event,) = sent.ours_for(state.state_details.flow_run_id)
    with get_client(sync_client=True) as client:
        flow_run = client.read_flow_run(state.state_details.flow_run_id)
    resource, related = FlowRunEngine(flow=probe_flow, flow_run=flow_run)._build_heartbeat_event_template()
    assert dict(event.resource) == resource
    assert [dict(r) for r in event.related] == [dict(r) for r in related]
    assert {r.role for r in event.related} == {"flow"}  # no deployment, no tags for this run


@pytest.mark.prefect
def test_a_run_outside_the_cli_keeps_prefects_heartbeat_and_sends_none_of_ours(prefect_harness, sent):
    """As a deployment's run in a worker's process: Prefect's engine, Prefect's heartbeat."""
    state = probe_flow(return_state=True)
    assert state.is_completed(), state.message
    assert SEEN == [None] and sent.ours == []
    assert sent.prefects == [state.state_details.flow_run_id]


@pytest.mark.prefect
def test_runs_against_the_temporary_api_send_no_heartbeat(prefect_harness, sent):
    from flows.tied_server import temporary_api_settings

    with temporary_settings(temporary_api_settings(prefect_harness)), own_heartbeats():
        state = probe_flow(return_state=True)
    assert state.is_completed(), state.message
    assert SEEN == [None] and sent.ours == [] and sent.prefects == []


@pytest.mark.prefect
def test_a_failing_flow_body_still_stops_its_heartbeat(prefect_harness, sent):
    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: LONG_INTERVAL}), own_heartbeats():
        state = probe_flow(fail=True, return_state=True)
    assert state.is_failed() and "the flow body failed" in state.message
    (beat,) = SEEN
    assert beat is not None and not beat.thread.is_alive() and heartbeat_threads_alive() == []
    assert len(sent.ours_for(state.state_details.flow_run_id)) == 1 and sent.prefects == []


@pytest.mark.prefect
def test_the_cli_runner_runs_the_pipeline_with_our_heartbeat(
    prefect_harness, sent, fixture_site, tmp_path, monkeypatch
):
    from flows import runner

    monkeypatch.setenv("CYBERSTATS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CYBERSTATS_URL_MAP", fixture_site.url_map_setting)
    monkeypatch.setenv("CYBERSTATS_MIN_INTERVAL", "0")
    state = runner.live(["hkcert_incidents_monthly"], None)
    assert state.is_completed(), state.message
    assert len(sent.ours_for(state.state_details.flow_run_id)) == 1 and sent.prefects == []
    assert heartbeat_threads_alive() == []


@pytest.mark.prefect
def test_the_cli_runner_runs_a_replay_with_our_heartbeat(prefect_harness, sent, tmp_path, monkeypatch):
    from flows import runner

    monkeypatch.setenv("CYBERSTATS_HOME", str(tmp_path / "home"))
    archive = runner.install_demo_snapshot(tmp_path / "home" / "raw")
    state = runner.replay(archive, ["hkcert_incidents_monthly"])
    assert state.is_completed(), state.message
    assert len(sent.ours_for(state.state_details.flow_run_id)) == 1 and sent.prefects == []


# --- the thread itself, without the engine -------------------------------------------------------
def test_a_heartbeat_beats_at_once_then_every_interval_and_a_failed_beat_does_not_end_it():
    beats: list[int] = []
    third = threading.Event()

    def beat() -> None:
        beats.append(len(beats))
        if len(beats) == 3:
            third.set()
        raise ConnectionError("no server")  # as a lost event: logged, the next one still goes

    hb = Heartbeat(0.01, beat)
    hb.start()
    assert third.wait(30)
    hb.stop()
    assert not hb.thread.is_alive() and hb.beats == len(beats) >= 3


class RecordedStop(threading.Event):
    """The heartbeat's stop event, with every wait the thread made on it: (timeout, woken by a stop)."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[tuple[float | None, bool]] = []

    def wait(self, timeout: float | None = None) -> bool:
        woken = super().wait(timeout)
        self.waits.append((timeout, woken))
        return woken


def test_stopping_a_heartbeat_wakes_it_from_its_wait():
    """Not Prefect's 1 s steps: one wait for the whole interval, which the stop ends."""
    first, stop = threading.Event(), RecordedStop()
    hb = Heartbeat(LONG_INTERVAL, first.set, stopped=stop)
    hb.start()
    assert first.wait(30)  # it has beaten once and is going into its hour-long wait
    hb.stop()
    assert not hb.thread.is_alive() and hb.beats == 1
    assert stop.waits == [(LONG_INTERVAL, True)]


def test_the_event_template_names_the_deployment_and_tags_as_prefects_engine_does():
    from prefect.flow_engine import FlowRunEngine

    run = FlowRun(id=uuid4(), name="brisk-heron", flow_id=uuid4(), deployment_id=uuid4(), tags=["b", "a"])
    ours = heartbeat.event_template(run, probe_flow.name)
    prefects = FlowRunEngine(flow=probe_flow, flow_run=run)._build_heartbeat_event_template()
    assert ours[0] == prefects[0] and [dict(r) for r in ours[1]] == [dict(r) for r in prefects[1]]
    assert [r.role for r in ours[1]] == ["flow", "deployment", "tag", "tag"]


def test_heartbeats_follow_prefects_setting():
    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        assert heartbeat.prefect_interval() is None
    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 45}):
        assert heartbeat.prefect_interval() == 45
        with own_heartbeats():
            assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() is None  # Prefect's off inside
        assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() == 45
