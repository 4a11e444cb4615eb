"""Session-wide settings: nothing leaves the machine, Prefect state lives in a temp dir.

Nothing leaves 127.0.0.1 (issue 12): `tests.netguard` refuses and records every connection,
name lookup or bind beyond loopback, in this process and (through its sitecustomize on
PYTHONPATH) in every Python subprocess the tests start; `_no_network_beyond_loopback` fails the
test during which one was attempted. Prefect's server fetches its work-pool collection registry
from raw.githubusercontent.com with httpx, and has no setting to stop it (Prefect 3.9): the
proxy variables below send that request to a closed loopback port, so the server falls back to
its bundled copy and no name is looked up; NO_PROXY keeps every loopback call direct.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from tests import netguard

_NETGUARD_LOG = Path(tempfile.mkdtemp(prefix="cyberstats-netguard-")) / "violations.log"
_NETGUARD_LOG.touch()
os.environ[netguard.ENV_LOG] = str(_NETGUARD_LOG)
_GUARD_DIR = str(Path(netguard.__file__).parent)
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_GUARD_DIR, os.environ.get("PYTHONPATH")) if p)
netguard.install(str(_NETGUARD_LOG))
for _proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
    os.environ[_proxy] = "http://127.0.0.1:9"  # the discard port: nothing listens, nothing leaves
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost,::1"

from flows.settings import PREFECT_SERVER_START_TIMEOUT_S  # noqa: E402  (imports no Prefect)

# Must be set before prefect is imported anywhere in the test session.
_PREFECT_HOME = tempfile.mkdtemp(prefix="cyberstats-prefect-")
os.environ.setdefault("PREFECT_HOME", _PREFECT_HOME)
os.environ["DO_NOT_TRACK"] = "1"
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = str(PREFECT_SERVER_START_TIMEOUT_S)
os.environ["PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW"] = "ignore"
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("CYBERSTATS_URL_MAP", None)
os.environ.pop("CYBERSTATS_HOME", None)


# ---- test tiers: `make test-fast` runs `-m "not slow"` -------------------------------------------
import pytest  # noqa: E402

# A test that needs one of these is slow (seconds, not milliseconds): the Prefect engine's
# temporary API, or a live run against the fixture site's HTTP server.
SLOW_FIXTURES = frozenset({"prefect_harness", "fixture_site_server"})
SLOW_MARKS = frozenset({"prefect", "server"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `slow` every test that uses a slow fixture or carries a slow mark, however indirectly."""
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        marks = {m.name for m in item.iter_markers()}
        if uses & SLOW_FIXTURES or marks & SLOW_MARKS:
            item.add_marker(pytest.mark.slow)


# ---- fixture site (extract layer): one local server impersonating every catalogue host ----------


@pytest.fixture(autouse=True)
def _no_network_beyond_loopback():
    """Fail the test during which any process of the session tried to leave 127.0.0.1."""
    before = _NETGUARD_LOG.stat().st_size
    yield
    with _NETGUARD_LOG.open("rb") as log:
        log.seek(before)
        new = log.read().decode("utf-8", "replace")
    if new:
        pytest.fail("network access beyond 127.0.0.1 (tests/netguard):\n" + new[:4000], pytrace=False)


def _closed_stream_handlers() -> list[tuple[logging.Logger, logging.Handler]]:
    loggers = [logging.getLogger()] + [
        lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]
    return [
        (lg, h)
        for lg in loggers
        for h in lg.handlers
        if isinstance(h, logging.StreamHandler) and getattr(h.stream, "closed", False)
    ]


@pytest.fixture(autouse=True)
def _no_handler_on_a_closed_stream():
    """A library that sets up logging inside a CliRunner call (Prefect's console handler) binds its
    handler to the runner's captured stream, closed when the call ends; a later warning in another
    test then prints "--- Logging error ---" and a traceback into that test's output. Such handlers
    are removed after each test."""
    yield
    for lg, handler in _closed_stream_handlers():
        lg.removeHandler(handler)


@pytest.fixture(scope="session")
def fixture_site_server():
    """The server over tests/fixtures/site, started once per session (see tests/site_server.py)."""
    from tests.site_server import FIXTURE_SITE_ROOT, FixtureSite

    with FixtureSite(FIXTURE_SITE_ROOT) as site:
        yield site


@pytest.fixture
def fixture_site(fixture_site_server):
    """The session's fixture site with an empty request log: `.url_map`, `.root`, `.requests`."""
    fixture_site_server.requests.clear()
    yield fixture_site_server
    fixture_site_server.requests.clear()


# ---- Prefect engine: one temporary API for the whole session (tests marked `prefect`) ------------
@pytest.fixture(scope="session")
def prefect_harness():
    """A Prefect test harness (temporary local API, ~10 s once); import is lazy because it is slow."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=PREFECT_SERVER_START_TIMEOUT_S):
        yield PREFECT_API_URL.value()


@pytest.fixture(scope="session")
def cli_env(prefect_harness) -> dict[str, str]:
    """Environment for running `cyberstats` in a subprocess against the session's Prefect API."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CYBERSTATS_")}
    env["PREFECT_API_URL"] = prefect_harness
    return env
