"""Test tiers and the Prefect server start timeout (issue 11).

`make test` runs everything; `make test-fast` runs `-m "not slow"`. A test is slow when it needs the
Prefect engine or a server, or a live run against the fixture site (tests/conftest.py marks those
automatically). Every place that gives Prefect's server a start-up limit gives the same one.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from flows.settings import PREFECT_SERVER_START_TIMEOUT_S

ROOT = Path(__file__).resolve().parents[1]
_TIMEOUT_SETTINGS = re.compile(
    r"(?:STARTUP_TIMEOUT_SECONDS\W+|server_startup_timeout=|SERVER_START_TIMEOUT\s*=\s*)(\w+)"
)
SLOW_MODULES = (
    "tests/flows/test_deployments.py",
    "tests/flows/test_live_run.py",
    "tests/flows/test_history_backfill.py",
    "tests/flows/test_task_retries.py",
    "tests/flows/test_demo_and_replay.py",
)


def _files_that_set_a_start_timeout() -> list[Path]:
    candidates = [ROOT / "Makefile", ROOT / "prefect.yaml", *(ROOT / ".ci").glob("*")]
    for package in ("flows", "extract", "transform", "warehouse", "tests"):
        candidates += (ROOT / package).rglob("*.py")
    return [p for p in candidates if p.is_file() and _TIMEOUT_SETTINGS.search(p.read_text(errors="replace"))]


def test_the_server_start_timeout_is_the_same_everywhere():
    assert PREFECT_SERVER_START_TIMEOUT_S == 120
    found = {}
    for path in _files_that_set_a_start_timeout():
        if path == Path(__file__).resolve():
            continue
        for value in _TIMEOUT_SETTINGS.findall(path.read_text(errors="replace")):
            found.setdefault(str(path.relative_to(ROOT)), []).append(value)
    # the Makefile can only say the number; the Python files must name the one constant
    assert found.pop("Makefile") == [str(PREFECT_SERVER_START_TIMEOUT_S)]
    assert {"tests/conftest.py", "tests/flows/test_deployments.py"} <= set(found)
    literal = {f: v for f, v in found.items() if any(x.isdigit() for x in v)}
    assert not literal, (
        f"a start timeout written as a number instead of PREFECT_SERVER_START_TIMEOUT_S: {literal}"
    )


def test_the_cli_gives_its_temporary_server_the_same_limit():
    from flows.cli import _QUIET_PREFECT

    assert _QUIET_PREFECT["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] == "120"


def _collected(*args: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-p", "no:cacheprovider", *args, "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return [line for line in proc.stdout.splitlines() if "::" in line]


@pytest.mark.slow  # collects the whole suite twice in subprocesses
def test_the_fast_tier_leaves_out_engine_server_and_live_runs_and_keeps_the_units():
    fast = _collected("-m", "not slow")
    slow = _collected("-m", "slow")
    for module in SLOW_MODULES:
        assert not [t for t in fast if t.startswith(module)], f"{module} is in the fast tier"
        assert [t for t in slow if t.startswith(module)], f"{module} is in no tier"
    assert any(t.startswith("tests/transform/test_validate.py::") for t in fast)
    assert any(t.startswith("tests/flows/test_cli.py::test_period_json") for t in fast)
    assert not set(fast) & set(slow)
