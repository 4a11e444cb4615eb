"""The test suite's own network guard (issue 12): loopback only, in this process and in subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import netguard
from tests.netguard import _violation, is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.1", "::1", "[::1]", "localhost", b"127.0.0.1"])
def test_loopback_hosts_pass(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "", "8.8.8.8", "raw.githubusercontent.com", "::", None])
def test_other_hosts_do_not(host):
    assert not is_loopback(host)


@pytest.mark.parametrize(
    ("event", "args", "refused"),
    [
        ("socket.connect", (None, ("127.0.0.1", 8080)), False),
        ("socket.connect", (None, "/tmp/prefect.sock"), False),
        ("socket.connect", (None, ("8.8.8.8", 80)), True),  # distributed's get_ip probe
        ("socket.bind", (None, ("127.0.0.1", 0)), False),
        ("socket.bind", (None, ("0.0.0.0", 8787)), True),  # a dashboard on every interface
        ("socket.bind", (None, ("", 0)), True),
        ("socket.getaddrinfo", ("raw.githubusercontent.com", 443, 0, 0, 0), True),
        ("socket.getaddrinfo", ("localhost", 4200, 0, 0, 0), False),
        ("socket.gethostbyname", ("example.org",), True),
    ],
)
def test_violations(event, args, refused):
    assert (_violation(event, args) is not None) is refused


def test_a_subprocess_is_guarded_too(tmp_path):
    log = tmp_path / "violations.log"
    env = {**os.environ, netguard.ENV_LOG: str(log)}
    code = (
        "import socket\ntry:\n    socket.socket().connect(('192.0.2.1', 9))\n"  # TEST-NET-1: never routed
        "except OSError as e:\n    print(e)"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "tests must not leave 127.0.0.1" in done.stdout, done.stderr
    assert "socket.connect ('192.0.2.1', 9)" in log.read_text(encoding="utf-8")


@pytest.mark.prefect
def test_the_prefect_server_serves_work_pool_metadata_without_leaving_loopback(prefect_harness):
    """The collection registry view comes from Prefect's bundled copy; the guard sees no lookup."""
    import httpx

    reply = httpx.get(f"{prefect_harness}/collections/views/aggregate-worker-metadata", timeout=60)
    assert reply.status_code == 200 and "process" in reply.json().get("prefect", {})
    assert Path(os.environ["PYTHONPATH"].split(os.pathsep)[0]) == Path(netguard.__file__).parent
