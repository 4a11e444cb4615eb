"""`cyberstats run` imports its flows while Prefect's temporary API starts, not after (issue 13)."""

from __future__ import annotations

import threading

import pytest

from flows.tied_server import _start


class FakeServer:
    """Starts only once the work meant to overlap it has begun: a serial start would deadlock."""

    def __init__(self, began: threading.Event, fail: bool = False) -> None:
        self.began, self.fail, self.started = began, fail, False

    def start(self) -> None:
        if not self.began.wait(timeout=10):
            raise AssertionError("the server start did not overlap the work")
        if self.fail:
            raise RuntimeError("server did not come up")
        self.started = True


def test_the_work_runs_while_the_server_starts_and_both_finish():
    began = threading.Event()
    server = FakeServer(began)
    _start(server, began.set)
    assert server.started


def test_a_server_that_fails_to_start_fails_the_call():
    began = threading.Event()
    with pytest.raises(RuntimeError, match="did not come up"):
        _start(FakeServer(began, fail=True), began.set)


def test_without_work_the_server_just_starts():
    began = threading.Event()
    began.set()
    server = FakeServer(began)
    _start(server, None)
    assert server.started
