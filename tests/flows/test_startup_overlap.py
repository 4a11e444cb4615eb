"""`cyberstats run` imports its flows while Prefect's temporary API boots, not after (issue 13)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from flows.tied_server import (
    TEMPORARY_SERVER_SERVICES_OFF,
    TiedServer,
    _first_request,
    _start,
    server_environment,
    temporary_api,
)


class FakeServer:
    """Records the order of calls: spawn, the caller's work, then the wait for the server."""

    api_url = "http://127.0.0.1:9/api"  # never asked: nothing runs a flow against it

    def __init__(self, calls: list[str]) -> None:
        self.calls = calls

    def launch(self) -> None:
        self.calls.append("launch")

    def start(self) -> None:
        self.calls.append("start")

    def discard(self) -> None:
        self.calls.append("discard")

    def stop(self) -> None:
        self.calls.append("stop")


def test_the_work_is_done_between_spawning_the_server_and_waiting_for_it():
    calls: list[str] = []
    _start(FakeServer(calls), lambda: calls.append("import flows"))
    assert calls == ["launch", "import flows", "start"]


def test_work_that_fails_stops_the_spawned_server():
    calls: list[str] = []

    def broken() -> None:
        raise ImportError("no module named flows.pipeline")

    with pytest.raises(ImportError):
        _start(FakeServer(calls), broken)
    assert calls == ["launch", "discard"]


def test_without_work_the_server_just_starts():
    calls: list[str] = []
    _start(FakeServer(calls), None)
    assert calls == ["start"]


def test_flows_run_against_the_temporary_api_without_heartbeats():
    """Nobody outlives the temporary server to watch heartbeats; stopping their thread cost up to 1 s."""
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    default = PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value()
    assert default is not None  # Prefect 3.9: every 180 s
    calls: list[str] = []
    with temporary_settings(restore_defaults={PREFECT_API_URL}):  # no server of our own (nor the harness)
        with temporary_api(server_type=lambda: FakeServer(calls)) as url:
            assert url == PREFECT_API_URL.value() == FakeServer.api_url
            assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() is None
        assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() == default  # as before, outside
    assert calls == ["start", "stop"]


def test_flows_run_against_a_server_of_their_own_keep_prefects_heartbeats():
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    default = PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value()
    calls: list[str] = []
    with (
        temporary_settings({PREFECT_API_URL: "http://127.0.0.1:4200/api"}),
        temporary_api(server_type=lambda: FakeServer(calls)) as url,
    ):
        assert url is None
        assert PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value() == default is not None
    assert calls == []  # no temporary server started


class RecordingClient:
    def __init__(self, fails: bool = False) -> None:
        self.asked: list[str] = []
        self.fails = fails

    def get(self, url: str, timeout: float):
        self.asked.append(url)
        if self.fails:
            raise httpx.ConnectError("refused")


def test_the_temporary_api_answers_a_first_api_request_before_the_run_starts():
    client = RecordingClient()
    _first_request(client, FakeServer.api_url)
    assert client.asked == [f"{FakeServer.api_url}/admin/version"]


def test_a_failed_first_request_does_not_stop_the_start():
    client = RecordingClient(fails=True)
    _first_request(client, FakeServer.api_url)  # no exception: the run's own requests ask again
    assert client.asked == [f"{FakeServer.api_url}/admin/version"]


def test_the_temporary_server_runs_without_the_services_nobody_is_left_to_use():
    env = server_environment({"PATH": "/usr/bin"}, {"PREFECT_HOME": "/tmp/home"})
    for name in (
        "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED",
        "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED",
        "PREFECT_SERVER_EVENTS_STREAM_OUT_ENABLED",
        "PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED",
    ):
        assert env[name] == "false"
    assert "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED" not in env  # task runs are still recorded
    assert env["PATH"] == "/usr/bin" and env["PREFECT_HOME"] == "/tmp/home"
    assert env["PREFECT__SERVER_EPHEMERAL"] == "1" and env["PREFECT_UI_ENABLED"] == "0"


def test_a_service_the_caller_turned_on_stays_on():
    persister = "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED"
    assert server_environment({persister: "true"}, {})[persister] == "true"  # the environment
    triggers = "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED"
    assert server_environment({}, {triggers: "true"})[triggers] == "true"  # a Prefect profile setting


def _environ_of(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


@pytest.mark.prefect
def test_task_runs_are_recorded_by_the_temporary_server_with_those_services_off():
    """The task-run recorder stays: a flow's task runs and their final states reach the server."""
    from prefect import flow, task
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.settings import PREFECT_API_URL, temporary_settings

    @task(name="double")
    def double(x: int) -> int:
        return 2 * x

    @flow(name="two-tasks")
    def two_tasks() -> int:
        return double(1) + double(2)

    servers: list[TiedServer] = []

    def tied() -> TiedServer:
        servers.append(TiedServer())
        return servers[-1]

    with temporary_settings(restore_defaults={PREFECT_API_URL}), temporary_api(server_type=tied):
        assert servers[0].process is not None
        environ = _environ_of(servers[0].process.pid)
        assert {k: environ.get(k) for k in TEMPORARY_SERVER_SERVICES_OFF} == TEMPORARY_SERVER_SERVICES_OFF
        state = two_tasks(return_state=True)
        assert state.result() == 6
        flow_filter = FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id]))
        with get_client(sync_client=True) as client:
            deadline = time.monotonic() + 30
            while True:  # the recorder writes task runs from their events, a moment later
                runs = client.read_task_runs(flow_run_filter=flow_filter)
                if (
                    len(runs) == 2
                    and all(r.state and r.state.is_completed() for r in runs)
                    or (time.monotonic() > deadline)
                ):
                    break
                time.sleep(0.2)
    assert sorted(r.name.split("-")[0] for r in runs) == ["double", "double"]
    assert all(r.state and r.state.is_completed() for r in runs)
