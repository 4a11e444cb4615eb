"""The temporary Prefect API for `cyberstats run` / `demo`, tied to the life of this process.

With no PREFECT_API_URL, Prefect starts a temporary API server as a child process and stops it at
exit (atexit). A `kill -9` of `cyberstats` skips atexit, and the server (~200 MB) stayed behind,
orphaned, once per killed run (issue 12). Here the same server is started by Prefect's own class,
but its process is created with the Linux parent-death signal set (prctl PR_SET_PDEATHSIG): when
the process that started it dies, however it dies, the kernel sends the server SIGTERM.
Elsewhere than Linux the server is started as Prefect starts it (stopped at normal exit only).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import partial

_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """In the child, before exec: ask for SIGTERM when the parent dies; exit if it already has."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


class _PopenTied(types.ModuleType):
    """Stands in for the `subprocess` module inside Prefect's server module while it starts the server."""

    def __init__(self) -> None:
        super().__init__(subprocess.__name__)
        self.Popen = partial(subprocess.Popen, preexec_fn=partial(_die_with, os.getpid()))

    def __getattr__(self, name: str):
        return getattr(subprocess, name)


def _tied_server_class():
    from prefect.server.api import server as server_module

    class TiedServer(server_module.SubprocessASGIServer):
        """Prefect's temporary API server, whose process dies with the process that started it."""

        def _run_uvicorn_command(self):
            real = server_module.subprocess
            server_module.subprocess = _PopenTied()
            try:
                return super()._run_uvicorn_command()
            finally:
                server_module.subprocess = real

    return TiedServer


@contextmanager
def temporary_api(while_starting: Callable[[], object] | None = None) -> Iterator[str | None]:
    """Run the enclosed flows against a temporary API tied to this process; yields its URL.

    Does nothing (yields None, after `while_starting`) when PREFECT_API_URL points at a server, or
    off Linux. `while_starting` (e.g. importing the flows, ~1-2 s) runs in this thread while the
    server process starts (4-13 s), instead of after it.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value() or not sys.platform.startswith("linux"):
        if while_starting is not None:
            while_starting()
        yield None
        return
    server = _tied_server_class()()
    _start(server, while_starting)
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            try:
                yield server.api_url
            finally:
                _drain_api_logs()  # before the server goes: no "Error logging to API" at exit
    finally:
        server.stop()


def _start(server, while_starting: Callable[[], object] | None) -> None:
    """`server.start()`, with `while_starting` run meanwhile; an error of either is raised here."""
    if while_starting is None:
        server.start()
        return
    failed: list[BaseException] = []

    def start() -> None:
        try:
            server.start()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread below
            failed.append(exc)

    starter = threading.Thread(target=start, name="prefect-temporary-api", daemon=True)
    starter.start()
    try:
        while_starting()
    finally:
        starter.join()
    if failed:
        raise failed[0]


def _drain_api_logs() -> None:
    from prefect.logging.handlers import APILogWorker

    with suppress(Exception):  # best effort: losing a log line must not fail the run
        APILogWorker.drain_all(timeout=5)
