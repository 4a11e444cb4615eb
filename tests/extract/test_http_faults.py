"""The client under issue 12's faults, on real local servers: unsafe URLs, deadlines, budgets, DNS."""

from __future__ import annotations

import socket
import time

import pytest

from extract.exceptions import (
    HostBudgetSpent,
    HostUnresolved,
    OffCatalogueHost,
    TransientFetchError,
    UnsafeUrl,
)
from tests.extract.conftest import write
from tests.extract.test_http import CSC, POLICE, no_robots, police_map
from tests.fault_site import Attacker, Fault, FaultSite


@pytest.fixture
def attacker():
    with Attacker() as running:
        yield running


@pytest.mark.parametrize(
    "location",
    ["http://{a}\\@www.police.gov.hk/x.html", "https://www.police.gov.hk@{a}/x.html", "http://{a}/x.html"],
    ids=["backslash", "userinfo", "ip-literal"],
)
def test_a_redirect_that_parsers_read_differently_is_refused(server, make_client, attacker, location):
    no_robots(server)
    target = location.format(a=attacker.netloc)
    server.expect_request("/p/ppp_en/09_statistics/csc.html").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    with pytest.raises(OffCatalogueHost) as err:
        make_client(police_map(server)).fetch("hkpf_csc_en", CSC)
    assert isinstance(err.value, UnsafeUrl) and CSC in str(err.value)
    assert attacker.requests == []


@pytest.mark.parametrize(
    "url",
    ["http://{a}\\@www.police.gov.hk/x.csv", "https://www.police.gov.hk@{a}/x.csv"],
    ids=["backslash", "userinfo"],
)
def test_an_unsafe_url_is_refused_before_any_request_and_recorded(
    server, make_client, archive, attacker, url
):
    bad = url.format(a=attacker.netloc)
    with pytest.raises(UnsafeUrl, match="refused before any request"):
        make_client(police_map(server)).fetch("hkpf_crime_detail_annual", bad)
    assert attacker.requests == [] and server.log == []
    assert archive.entries()[-1].url == bad and "UnsafeUrl" in archive.entries()[-1].note


def test_the_connection_is_checked_against_the_host_approved(server, make_client, monkeypatch):
    """Defence in depth: if mapping ever produced a URL urllib3 reads differently, nothing is sent."""
    import extract.http

    no_robots(server)
    client = make_client(police_map(server))
    client.robots_for(CSC)
    monkeypatch.setattr(extract.http, "map_url", lambda url, m: f"http://127.0.0.1:1\\@{POLICE}/x")
    with pytest.raises(UnsafeUrl, match="would connect to 127.0.0.1:1"):
        client.fetch("hkpf_csc_en", CSC)


def test_a_dripping_body_is_cut_off_by_the_request_deadline(site_dir, make_client):
    write(site_dir, f"{POLICE}/ppp_en/09_statistics/csc.html", "x" * 100)
    with FaultSite(
        site_dir, {f"{POLICE}/ppp_en/09_statistics/csc.html": Fault("drip", interval=0.2)}
    ) as site:
        client = make_client(site.url_map, max_retries=0, request_deadline=1.0, read_timeout=5)
        started = time.monotonic()
        with pytest.raises(TransientFetchError, match="no complete response within the 1.0 s deadline"):
            client.fetch("hkpf_csc_en", CSC)
        assert time.monotonic() - started < 10  # the drip alone takes 20 s; each byte came within 5 s


def test_a_persistent_429_is_bounded_by_the_host_budget(server, make_client, fake_time):
    no_robots(server)
    server.expect_request("/p/ppp_en/09_statistics/csc.html").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3"}
    )
    client = make_client(police_map(server), max_retries=50, host_budget=10)
    with pytest.raises(HostBudgetSpent, match="time budget of 10 s"):
        client.fetch("hkpf_csc_en", CSC)
    asked = [r for r, _ in server.log if r.path.endswith("csc.html")]
    assert 2 <= len(asked) <= 4 and sum(fake_time.sleeps) < 10


@pytest.fixture
def no_dns(monkeypatch):
    """Names ending in .invalid do not resolve, as offline; counts the lookups (no query is sent)."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def fake(host, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".invalid"):
            asked.append(host)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return asked


def test_a_name_that_does_not_resolve_gives_the_host_up_at_once(make_client, no_dns, fake_time):
    client = make_client({POLICE: "http://police-offline.invalid:8080"}, max_retries=4)
    for url in (CSC, "https://www.police.gov.hk/info/doc/crime_details.csv"):
        with pytest.raises(HostUnresolved):
            client.fetch("hkpf_csc_en", url)
    assert no_dns == ["police-offline.invalid"]  # robots.txt once, no retries, nothing after it
    assert fake_time.sleeps == []
