"""Killing `cyberstats` with SIGKILL does not orphan its temporary Prefect server (issue 12)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def children_of(pid: int) -> list[int]:
    """Pids whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux only")
def test_the_temporary_server_dies_with_a_killed_cyberstats(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CYBERSTATS_", "PREFECT_API_URL"))}
    env["CYBERSTATS_HOME"] = str(tmp_path / "home")
    main = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "demo"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        servers = wait_for(
            lambda: [p for p in children_of(main.pid) if "uvicorn" in cmdline(p)], 120, "the temporary server"
        )
        os.kill(main.pid, signal.SIGKILL)
        main.wait(timeout=10)
        wait_for(lambda: not any(alive(p) for p in servers), 30, f"server {servers} to exit after its parent")
    finally:
        if main.poll() is None:
            os.killpg(main.pid, signal.SIGKILL)
