"""The temporary Prefect API for `cyberstats run` / `demo`, tied to the life of this process.

With no PREFECT_API_URL, Prefect starts a temporary API server as a child process and stops it at
exit (atexit). A `kill -9` of `cyberstats` skips atexit, and the server (~200 MB) stayed behind,
orphaned, once per killed run (issue 12). Here the same server (the same uvicorn command and
environment as Prefect's `SubprocessASGIServer`) is started with the Linux parent-death signal set
(prctl PR_SET_PDEATHSIG): when the process that started it dies, however it dies, the kernel sends
the server SIGTERM. Elsewhere than Linux the server is started as Prefect starts it (stopped at
normal exit only).

Start-up cost (issue 13): this module does not import `prefect.server` (3-5 s of imports in the
client process only to get Prefect's launcher class), and the server process is spawned first, so
the caller's own imports (`while_starting`) overlap its boot. A run against a server that is
already up (PREFECT_API_URL, as a deployment's runs are) starts none of this.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from functools import partial

_PR_SET_PDEATHSIG = 1
_PORT_IN_USE_EXIT = 3  # uvicorn's exit code when the port was taken meanwhile


def _die_with(parent: int) -> None:
    """In the child, before exec: ask for SIGTERM when the parent dies; exit if it already has."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


class TiedServer:
    """Prefect's temporary API server, whose process dies with the process that started it.

    `launch()` spawns the process at once; `start()` then waits until it answers, so the caller
    can do other work (import the flows) while the server boots. The parent-death signal goes to
    the child when the *thread* that spawned it ends: spawn from a thread that lives as long as
    the run (here: the caller's).
    """

    def __init__(self) -> None:
        self.port: int | None = None
        self.process: subprocess.Popen | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def launch(self) -> None:
        """Spawn the server process on a free loopback port."""
        import prefect
        from prefect.settings import get_current_settings

        self.port = _free_port()
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            str(prefect.__module_path__.parent),
            "--factory",
            "prefect.server.api.server:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "error",
            "--lifespan",
            "on",
        ]
        settings = get_current_settings().to_environment_variables(exclude_unset=True)
        env = server_environment(os.environ, settings)
        self.process = subprocess.Popen(command, env=env, preexec_fn=partial(_die_with, os.getpid()))

    def start(self) -> None:
        """Wait until the launched server answers /health (launching it first if needed)."""
        import httpx
        from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

        if self.process is None:
            self.launch()
        deadline = time.monotonic() + PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()
        with httpx.Client() as client:
            while time.monotonic() < deadline:
                assert self.process is not None
                code = self.process.poll()
                if code == _PORT_IN_USE_EXIT:
                    self.launch()
                    continue
                if code is not None:
                    raise RuntimeError(f"the temporary Prefect API server exited with code {code}")
                with suppress(httpx.HTTPError):
                    if client.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                        _first_request(client, self.api_url)
                        return
                time.sleep(0.1)
        self.stop()
        limit = PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()
        raise RuntimeError(
            f"the temporary Prefect API server did not answer within {limit} s "
            "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)"
        )

    def stop(self) -> None:
        """Terminate the server process (killed when it does not stop within 5 s)."""
        process, self.process = self.process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    discard = stop  # a launched server that `start()` never waited for


# Services of Prefect's server that a temporary API, gone when its run ends, has no use for; each
# one handles every event or log line of the run (issue 13: ~0.14 s of the server's ~0.5 s of CPU
# per replay-sized flow run, and ~30% of its idle polling). What stays on: the task-run recorder
# (task runs and their states come to the server as events) and the API itself (flow runs, logs,
# artifacts). The caller's environment or Prefect profile wins over these.
TEMPORARY_SERVER_SERVICES_OFF = {
    "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",  # automations: triggers and their actions
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",  # the stored event feed
    "PREFECT_SERVER_EVENTS_STREAM_OUT_ENABLED": "false",  # events to websocket subscribers
    "PREFECT_SERVER_LOGS_STREAM_OUT_ENABLED": "false",  # logs to websocket subscribers
}


def server_environment(environ: Mapping[str, str], settings: Mapping[str, str]) -> dict[str, str]:
    """The temporary server's environment: the services it does not need off, then the caller's
    environment and the Prefect settings set for this process, then what makes it a temporary API
    (the same variables Prefect's own `SubprocessASGIServer` sets)."""
    return {
        **TEMPORARY_SERVER_SERVICES_OFF,
        **environ,
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
        **settings,
    }


def _first_request(client, api_url: str) -> None:
    """One API request after /health answers: the server's first one costs it ~0.3 s of one-time set-up
    (measured; /health does not), which is start-up, not the first flow run's orchestration.
    A server that a deployment's runs use has long paid it. Best effort: the run asks again."""
    with suppress(Exception):
        client.get(f"{api_url}/admin/version", timeout=30)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def temporary_api_settings(api_url: str) -> dict:
    """Prefect settings for flows run against the temporary API at `api_url`.

    Flow-run heartbeats are off (Prefect 3.9 sends one every 180 s by default): they let a server
    mark a run Crashed when its process dies without saying so, but this server dies with the
    process (the parent-death signal), so nobody is left to notice. Stopping the heartbeat thread
    cost each flow run up to 1 s of waiting at its end (it sleeps in 1 s steps; issue 13). Runs
    against a server of their own (PREFECT_API_URL, deployments) keep heartbeats at Prefect's
    frequency: Prefect's own in a deployment's process, flows/heartbeat.py's (which stop at once)
    for the flows the CLI runs.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY

    return {PREFECT_API_URL: api_url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}


@contextmanager
def temporary_api(
    while_starting: Callable[[], object] | None = None, server_type: Callable[[], TiedServer] = TiedServer
) -> Iterator[str | None]:
    """Run the enclosed flows against a temporary API tied to this process; yields its URL.

    Does nothing (yields None, after `while_starting`) when PREFECT_API_URL points at a server, or
    off Linux. `while_starting` (e.g. importing the flows, ~1-3 s) runs while the server process
    boots (4-13 s), instead of before or after it. The enclosed flows run with
    `temporary_api_settings`.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value() or not sys.platform.startswith("linux"):
        if while_starting is not None:
            while_starting()
        yield None
        return
    server = server_type()
    _start(server, while_starting)
    try:
        with temporary_settings(temporary_api_settings(server.api_url)):
            try:
                yield server.api_url
            finally:
                _drain_api_logs()  # before the server goes: no "Error logging to API" at exit
    finally:
        server.stop()


def _start(server, while_starting: Callable[[], object] | None) -> None:
    """`server.start()`, with `while_starting` done between spawning the process and waiting for it."""
    if while_starting is None:
        server.start()
        return
    server.launch()
    try:
        while_starting()
    except BaseException:
        server.discard()
        raise
    server.start()


def _drain_api_logs() -> None:
    from prefect.logging.handlers import APILogWorker

    with suppress(Exception):  # best effort: losing a log line must not fail the run
        APILogWorker.drain_all(timeout=5)
