"""`cyberstats run` imports its flows while Prefect's temporary API boots, not after (issue 13)."""

from __future__ import annotations

import pytest

from flows.tied_server import _start


class FakeServer:
    """Records the order of calls: spawn, the caller's work, then the wait for the server."""

    def __init__(self, calls: list[str]) -> None:
        self.calls = calls

    def launch(self) -> None:
        self.calls.append("launch")

    def start(self) -> None:
        self.calls.append("start")

    def discard(self) -> None:
        self.calls.append("discard")


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
