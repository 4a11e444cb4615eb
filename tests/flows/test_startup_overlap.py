"""`cyberstats run` imports its flows while Prefect's temporary API boots, not after (issue 13)."""

from __future__ import annotations

import httpx
import pytest

from flows.tied_server import _first_request, _start, temporary_api


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
