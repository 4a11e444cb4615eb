"""Cross-run politeness (per-host rate limits) and the single DuckDB writer, with and without a server."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from extract.archive import RawArchive
from extract.http import PoliteClient
from flows.concurrency import HostGate, WriterSlot, duckdb_writer_slot, host_limit_name

CSC = "https://www.police.gov.hk/ppp_en/09_statistics/csc.html"
CSV = "https://www.police.gov.hk/info/doc/crime_details.csv"
POLICE_LIMIT = "cyberstats-host-www.police.gov.hk"


def _limit(decay: float = 1.0, active: bool = True) -> SimpleNamespace:
    return SimpleNamespace(name=POLICE_LIMIT, slot_decay_per_second=decay, active=active)


def _no_server(name: str):
    raise ConnectionError(f"All connection attempts failed ({name})")


def test_limit_names_follow_the_canonical_host():
    assert host_limit_name("www.police.gov.hk") == POLICE_LIMIT
    assert host_limit_name("WWW.Info.Gov.HK") == "cyberstats-host-www.info.gov.hk"


def test_the_hook_is_called_with_the_canonical_host_before_every_request(fixture_site, tmp_path):
    hosts: list[str] = []
    client = PoliteClient(
        RawArchive(tmp_path / "raw"),
        url_map=fixture_site.url_map,
        min_interval=0,
        before_request=hosts.append,
    )
    client.fetch("hkpf_csc_en", CSC)
    client.fetch("hkpf_crime_detail_annual", CSV)
    # robots.txt once, then the two documents: one call per request, named by the real host, not 127.0.0.1
    assert fixture_site.requested("www.police.gov.hk") == [
        "/robots.txt",
        "/ppp_en/09_statistics/csc.html",
        "/info/doc/crime_details.csv",
    ]
    assert hosts == ["www.police.gov.hk"] * 3


def test_no_server_to_ask_lets_requests_through_with_a_debug_log(caplog):
    acquired: list[str] = []
    gate = HostGate(lookup=_no_server, acquire=lambda name, timeout: acquired.append(name))
    with caplog.at_level(logging.DEBUG, logger="cyberstats"):
        for _ in range(3):
            gate("www.police.gov.hk")
    assert acquired == []
    assert gate.enabled_limits() == []
    debug = [r for r in caplog.records if POLICE_LIMIT in r.getMessage()]
    assert len(debug) == 1  # asked once per host, not once per request
    assert debug[0].levelno == logging.DEBUG
    assert "ConnectionError" in debug[0].getMessage()
    assert "per-run politeness only" in debug[0].getMessage()


def test_a_server_without_the_limit_is_asked_once_per_host(caplog):
    asked: list[str] = []
    acquired: list[str] = []

    def lookup(name):
        asked.append(name)

    gate = HostGate(lookup=lookup, acquire=lambda name, timeout: acquired.append(name))
    with caplog.at_level(logging.DEBUG, logger="cyberstats"):
        for host in ["www.police.gov.hk", "www.info.gov.hk", "www.police.gov.hk"]:
            gate(host)
    assert asked == [POLICE_LIMIT, "cyberstats-host-www.info.gov.hk"]
    assert acquired == []
    assert all(r.levelno == logging.DEBUG for r in caplog.records)


def test_a_rate_limit_on_the_server_is_taken_before_every_request(fixture_site, tmp_path):
    acquired: list[tuple[str, float]] = []
    gate = HostGate(
        lookup=lambda name: _limit() if name == POLICE_LIMIT else None,
        acquire=lambda name, timeout: acquired.append((name, timeout)),
        timeout_seconds=30,
    )
    client = PoliteClient(
        RawArchive(tmp_path / "raw"), url_map=fixture_site.url_map, min_interval=0, before_request=gate
    )
    client.fetch("hkpf_csc_en", CSC)
    client.fetch("hkpf_crime_detail_annual", CSV)
    assert acquired == [(POLICE_LIMIT, 30)] * 3
    assert gate.enabled_limits() == [POLICE_LIMIT]


def test_a_limit_without_slot_decay_is_ignored_with_a_warning_saying_how_to_fix_it(caplog):
    acquired: list[str] = []
    gate = HostGate(
        lookup=lambda name: _limit(decay=0.0), acquire=lambda name, timeout: acquired.append(name)
    )
    with caplog.at_level(logging.DEBUG, logger="cyberstats"):
        gate("www.police.gov.hk")
    assert acquired == []
    warning = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warning) == 1
    assert f"prefect gcl create {POLICE_LIMIT} --limit 1 --slot-decay-per-second" in warning[0].getMessage()


def test_an_inactive_limit_is_not_taken():
    acquired: list[str] = []
    gate = HostGate(
        lookup=lambda name: _limit(active=False), acquire=lambda name, timeout: acquired.append(name)
    )
    gate("www.police.gov.hk")
    assert acquired == []


def test_a_server_that_goes_away_mid_run_stops_the_gate_not_the_run(caplog):
    calls: list[str] = []

    def acquire(name, timeout):
        calls.append(name)
        raise RuntimeError("Unable to acquire concurrency slots")

    gate = HostGate(lookup=lambda name: _limit(), acquire=acquire)
    with caplog.at_level(logging.DEBUG, logger="cyberstats"):
        gate("www.police.gov.hk")
        gate("www.police.gov.hk")
    assert calls == [POLICE_LIMIT]  # tried once, then per-run politeness only
    assert gate.enabled_limits() == []
    assert any("not usable any more" in r.getMessage() and r.levelno == logging.DEBUG for r in caplog.records)


def test_waiting_too_long_for_a_slot_is_an_error_naming_the_limit_and_host():
    def acquire(name, timeout):
        raise TimeoutError("Timed out")

    gate = HostGate(lookup=lambda name: _limit(), acquire=acquire, timeout_seconds=5)
    with pytest.raises(
        TimeoutError, match=rf"5 s for a slot of global rate limit {POLICE_LIMIT}.*www\.police"
    ):
        gate("www.police.gov.hk")


def test_publishing_without_a_writer_limit_runs_at_once(caplog):
    ran = []
    with caplog.at_level(logging.DEBUG, logger="cyberstats"), duckdb_writer_slot(lookup=_no_server) as held:
        ran.append(held)
    assert ran == [False]
    assert any("duckdb-writer" in r.getMessage() and r.levelno == logging.DEBUG for r in caplog.records)


def test_a_run_asks_the_server_about_the_writer_limit_once_for_all_its_publishes():
    asked: list[str] = []

    def lookup(name: str):
        asked.append(name)
        return None  # the server holds no such limit

    slot = WriterSlot(lookup=lookup)
    held = []
    for _ in range(3):  # three batches of one replay
        with slot.held() as h:
            held.append(h)
    assert held == [False, False, False]
    assert asked == ["duckdb-writer"]


def test_a_run_without_a_server_to_ask_publishes_every_batch_at_once(caplog):
    slot = WriterSlot(lookup=_no_server)
    with caplog.at_level(logging.DEBUG, logger="cyberstats"):
        for _ in range(2):
            with slot.held() as held:
                assert held is False
    debug = [r.getMessage() for r in caplog.records if "duckdb-writer" in r.getMessage()]
    assert len(debug) == 1 and "not consulted" in debug[0]  # asked (and said so) once


# ---- against a real Prefect API (the session's test harness) -------------------------------------
@pytest.fixture
def gcl(prefect_harness):
    """Create global concurrency limits on the harness API for one test, and delete them after."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate

    created: list[str] = []
    with get_client(sync_client=True) as client:

        def create(name: str, limit: int, decay: float = 0.0):
            client.create_global_concurrency_limit(
                GlobalConcurrencyLimitCreate(name=name, limit=limit, slot_decay_per_second=decay)
            )
            created.append(name)

        def read(name: str):
            return client.read_global_concurrency_limit_by_name(name)

        yield SimpleNamespace(create=create, read=read)
        for name in created:
            client.delete_global_concurrency_limit_by_name(name)


@pytest.mark.prefect
def test_real_server_without_limits_lets_everything_through_quietly(prefect_harness, caplog):
    gate = HostGate()
    with caplog.at_level(logging.DEBUG):
        gate("www.police.gov.hk")
        with duckdb_writer_slot() as held:
            assert held is False
    assert gate.enabled_limits() == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.prefect
def test_real_server_rate_limit_takes_a_slot_per_request(prefect_harness, gcl, fixture_site, tmp_path):
    gcl.create(POLICE_LIMIT, limit=10, decay=0.01)  # slow decay: the slots taken are still visible
    gate = HostGate()
    client = PoliteClient(
        RawArchive(tmp_path / "raw"), url_map=fixture_site.url_map, min_interval=0, before_request=gate
    )
    client.fetch("hkpf_csc_en", CSC)
    assert gate.enabled_limits() == [POLICE_LIMIT]
    assert gcl.read(POLICE_LIMIT).active_slots >= 1  # robots.txt and the page each took one


@pytest.mark.prefect
def test_real_server_writer_slot_is_held_while_publishing(prefect_harness, gcl):
    gcl.create("duckdb-writer", limit=1)
    with duckdb_writer_slot() as held:
        assert held is True
        assert gcl.read("duckdb-writer").active_slots == 1
        with pytest.raises(TimeoutError), duckdb_writer_slot(timeout_seconds=0.5):
            pass  # a second writer waits its turn (here: gives up after half a second)
    assert gcl.read("duckdb-writer").active_slots == 0


@pytest.mark.prefect
def test_real_server_writer_slot_of_a_run_takes_the_limit_around_each_publish(prefect_harness, gcl):
    gcl.create("duckdb-writer", limit=1)
    slot = WriterSlot()
    for _ in range(2):  # asked once, taken and given back every time
        with slot.held() as held:
            assert held is True
            assert gcl.read("duckdb-writer").active_slots == 1
        assert gcl.read("duckdb-writer").active_slots == 0
