"""Fakes for the extract tests: injected time, a threaded 127.0.0.1 server, a client factory."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from extract.archive import RawArchive
from extract.http import PoliteClient
from tests.site_server import FixtureSite

UA = "cyberstats-test/0.1 (+https://github.com/cyberstats/cyberstats; tests)"
EPOCH = datetime(2025, 7, 1, 2, 0, tzinfo=UTC)


class FakeTime:
    """A monotonic clock that only moves when the client sleeps; wall time follows it from EPOCH."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += seconds

    def wall(self) -> datetime:
        return EPOCH + timedelta(seconds=self.now - 1000.0)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def archive(tmp_path: Path) -> RawArchive:
    return RawArchive(tmp_path / "raw")


@pytest.fixture
def make_client(archive: RawArchive, fake_time: FakeTime):
    """Build a PoliteClient on fake time; keyword arguments override the defaults."""
    clients: list[PoliteClient] = []

    def make(url_map: dict[str, str], **overrides) -> PoliteClient:
        options = dict(
            user_agent=UA,
            url_map=url_map,
            min_interval=2.0,
            connect_timeout=2,
            read_timeout=2,
            max_retries=2,
            backoff_base=1.0,
            backoff_cap=60,
            sleep=fake_time.sleep,
            clock=fake_time.clock,
            now=fake_time.wall,
            rng=lambda: 0.5,
        )
        options.update(overrides)
        client = PoliteClient(archive, **options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture(scope="session")
def _threaded_httpserver():
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.clear()
    if srv.is_running():
        srv.stop()


@pytest.fixture
def server(_threaded_httpserver):
    """A threaded pytest-httpserver on 127.0.0.1 for fault injection, with no handlers and an empty log."""
    _threaded_httpserver.clear()
    yield _threaded_httpserver
    _threaded_httpserver.clear()


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    return root


@pytest.fixture
def tmp_site(site_dir: Path):
    """A FixtureSite over a per-test directory (write files into `site_dir` first or during the test)."""
    with FixtureSite(site_dir) as site:
        yield site


def write(root: Path, relative: str, content: bytes | str, headers: dict | None = None) -> Path:
    """Write a fixture file (and its .headers.json) under `root`."""
    import json

    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    if headers is not None:
        path.with_name(path.name + ".headers.json").write_text(json.dumps(headers), "utf-8")
    return path
