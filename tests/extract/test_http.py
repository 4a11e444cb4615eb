"""PoliteClient against real local HTTP servers: politeness, robots, retries, redirects, caps, provenance.

Issue 3 "The HTTP client": each behaviour listed there has a test here. Time is fake (FakeTime):
no test waits for a politeness delay, and spacing is asserted on the injected clock.
"""

from __future__ import annotations

import threading
import time
from email.utils import format_datetime

import pytest
from werkzeug import Request, Response

from extract.exceptions import (
    BodyTooLarge,
    FetchError,
    NotFound,
    OffCatalogueHost,
    RobotsDisallowed,
    TransientFetchError,
    is_transient,
)
from extract.http import DEFAULT_USER_AGENT, PoliteClient
from tests.extract.conftest import UA, write

POLICE = "www.police.gov.hk"
GIA = "www.info.gov.hk"
CSC = f"https://{POLICE}/ppp_en/09_statistics/csc.html"
CSV = f"https://{POLICE}/info/doc/crime_details.csv"
PAGE = (
    b"<html><head><meta charset='utf-8'><title>Fixture</title></head><body><p>Fixture page.</p></body></html>"
)


def police_map(server) -> dict[str, str]:
    return {POLICE: server.url_for("/p"), GIA: server.url_for("/g")}


def no_robots(server, prefix: str = "/p") -> None:
    server.expect_request(f"{prefix}/robots.txt").respond_with_data("missing", status=404)


def stamped(fake_time, log: list, make_response):
    """A handler that notes (path, fake clock) when the request arrives, then answers."""

    def handler(request: Request) -> Response:
        log.append((request.path, fake_time.now))
        return make_response(request)

    return handler


# ---- the happy path and provenance ------------------------------------------------------------------
def test_new_document_is_archived_under_its_canonical_url(tmp_site, site_dir, make_client, archive):
    write(site_dir, f"{POLICE}/ppp_en/09_statistics/csc.html", PAGE)
    client = make_client(tmp_site.url_map)

    outcome = client.fetch("hkpf_csc_en", CSC)

    assert outcome.status == "new"
    assert outcome.document.url == CSC and outcome.entry.url == CSC
    assert outcome.document.body == PAGE == archive.read(outcome.entry.sha256)
    assert outcome.document.encoding == "utf-8"  # from <meta charset>
    assert outcome.entry.content_type == "text/html"
    assert all("127.0.0.1" not in e.url for e in archive.entries())
    assert [(e.source_id, e.status) for e in archive.entries()] == [("robots", 404), ("hkpf_csc_en", 200)]
    assert tmp_site.requested(POLICE) == ["/robots.txt", "/ppp_en/09_statistics/csc.html"]


def test_user_agent_is_honest_and_sent_on_every_request(tmp_site, site_dir, make_client):
    write(site_dir, f"{POLICE}/ppp_en/09_statistics/csc.html", PAGE)
    make_client(tmp_site.url_map).fetch("hkpf_csc_en", CSC)
    assert {r.headers["User-Agent"] for r in tmp_site.requests} == {UA}
    assert "https://" in DEFAULT_USER_AGENT


def test_user_agent_without_contact_url_is_refused(archive):
    with pytest.raises(ValueError, match="contact URL"):
        PoliteClient(archive, user_agent="cyberstats/0.1")


def test_second_run_sends_validators_and_records_not_modified(tmp_site, site_dir, make_client, archive):
    write(site_dir, f"{POLICE}/ppp_en/09_statistics/csc.html", PAGE)
    first = make_client(tmp_site.url_map).fetch("hkpf_csc_en", CSC)

    second = make_client(tmp_site.url_map).fetch("hkpf_csc_en", CSC)  # a new client = a new run

    assert second.status == "not_modified" and second.document is None
    assert second.entry.status == 304 and second.entry.sha256 is None and second.entry.note == "not_modified"
    page_requests = [r for r in tmp_site.requests if r.path.endswith("csc.html")]
    assert page_requests[1].headers["If-None-Match"] == first.entry.etag
    assert page_requests[1].status == 304
    assert archive.last_good(CSC) == first.entry


def test_if_modified_since_comes_from_last_modified(tmp_site, site_dir, make_client):
    lm = "Tue, 01 Jul 2025 00:00:00 GMT"
    write(site_dir, f"{POLICE}/info/doc/crime_details.csv", b"Year,Cases\n", {"Last-Modified": lm})
    make_client(tmp_site.url_map).fetch("hkpf_crime_detail_annual", CSV)
    outcome = make_client(tmp_site.url_map).fetch("hkpf_crime_detail_annual", CSV)
    assert outcome.status == "not_modified"
    assert tmp_site.requests[-1].headers["If-Modified-Since"] == lm


def test_same_body_again_is_unchanged_and_replays_once(tmp_site, site_dir, make_client, archive, fake_time):
    write(site_dir, f"{POLICE}/ppp_en/09_statistics/csc.html", PAGE)
    first = make_client(tmp_site.url_map).fetch("hkpf_csc_en", CSC)
    fake_time.sleep(3600)
    again = make_client(tmp_site.url_map).fetch("hkpf_csc_en", CSC, conditional=False)

    assert again.status == "unchanged" and again.document is None
    assert again.entry.sha256 == first.entry.sha256 and again.entry.note == "unchanged"
    assert "If-None-Match" not in tmp_site.requests[-1].headers
    docs = list(archive.documents())
    assert len(docs) == 1 and docs[0].fetched_at == first.entry.fetched_at_dt


def test_changed_body_is_new_again(tmp_site, site_dir, make_client):
    path = write(site_dir, f"{POLICE}/ppp_en/09_statistics/csc.html", PAGE)
    first = make_client(tmp_site.url_map).fetch("hkpf_csc_en", CSC)
    path.write_bytes(PAGE.replace(b"Fixture page.", b"Fixture page, next half-year."))
    second = make_client(tmp_site.url_map).fetch("hkpf_csc_en", CSC)
    assert second.status == "new" and second.entry.sha256 != first.entry.sha256


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("text/csv; charset=big5", "年份".encode("big5"), "big5hkscs"),
        ("text/csv", b"Year,Cases\n", None),  # undeclared: the parser supplies its fallback
        ("application/xml", b"<?xml version='1.0' encoding='UTF-8'?><rss/>", "utf-8"),
    ],
)
def test_manifest_records_the_declared_encoding(
    tmp_site, site_dir, make_client, content_type, body, expected
):
    write(site_dir, f"{POLICE}/info/doc/crime_details.csv", body, {"Content-Type": content_type})
    outcome = make_client(tmp_site.url_map).fetch("hkpf_crime_detail_annual", CSV)
    assert outcome.entry.encoding == expected == outcome.document.encoding


# ---- politeness ---------------------------------------------------------------------------------------
def test_requests_to_one_host_are_spaced_by_min_interval(server, make_client, fake_time):
    seen: list = []
    no_robots(server)
    server.expect_request("/p/a").respond_with_handler(stamped(fake_time, seen, lambda r: Response("a")))
    server.expect_request("/p/b").respond_with_handler(stamped(fake_time, seen, lambda r: Response("b")))
    client = make_client(police_map(server), min_interval=2.0)

    for path in ("a", "b", "a"):
        client.fetch("hkpf_csc_en", f"https://{POLICE}/{path}", conditional=False)

    times = [t for _, t in seen]
    assert [b - a for a, b in zip(times, times[1:], strict=False)] == [2.0, 2.0]


def test_other_hosts_do_not_wait_for_each_other(server, make_client, fake_time):
    no_robots(server)
    no_robots(server, "/g")
    server.expect_request("/p/a").respond_with_data("a")
    server.expect_request("/g/b").respond_with_data("b")
    client = make_client(police_map(server), min_interval=2.0)
    client.fetch("hkpf_csc_en", f"https://{POLICE}/a")
    before = fake_time.now
    client.fetch("gia_press_release", f"https://{GIA}/b")
    # only the robots.txt -> page gap on the new host was waited for, not the police host's turn
    assert fake_time.now - before == 2.0


def test_crawl_delay_lengthens_the_gap(server, make_client, fake_time):
    seen: list = []
    server.expect_request("/p/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 7\n")
    server.expect_request("/p/a").respond_with_handler(stamped(fake_time, seen, lambda r: Response("a")))
    client = make_client(police_map(server), min_interval=2.0)
    client.fetch("hkpf_csc_en", f"https://{POLICE}/a", conditional=False)
    client.fetch("hkpf_csc_en", f"https://{POLICE}/a", conditional=False)
    assert client.host_delay(CSC) == 7.0
    assert seen[1][1] - seen[0][1] == 7.0


def test_one_request_at_a_time_per_host(server, make_client):
    in_flight, peak, lock = [0], [0], threading.Lock()

    def slow(request: Request) -> Response:
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.05)
        with lock:
            in_flight[0] -= 1
        return Response(request.path)

    no_robots(server)
    server.expect_request("/p/page", query_string=None).respond_with_handler(slow)
    client = make_client(police_map(server))
    threads = [
        threading.Thread(target=client.fetch, args=("hkpf_csc_en", f"https://{POLICE}/page?n={i}"))
        for i in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 1
    assert len(server.log) == 5  # robots once + four pages


# ---- robots.txt ---------------------------------------------------------------------------------------
def test_disallowed_url_is_refused_without_being_requested(server, make_client, archive):
    server.expect_request("/p/robots.txt").respond_with_data(
        "User-agent: cyberstats-test\nDisallow: /private/\n"
    )
    server.expect_request("/p/open").respond_with_data("open")
    client = make_client(police_map(server))

    with pytest.raises(RobotsDisallowed, match=r"hkpf_csc_en.*/private/x.*robots.txt refuses"):
        client.fetch("hkpf_csc_en", f"https://{POLICE}/private/x")
    client.fetch("hkpf_csc_en", f"https://{POLICE}/open")

    assert [r.path for r, _ in server.log] == ["/p/robots.txt", "/p/open"]  # robots read once per run
    refused = [e for e in archive.entries() if e.url.endswith("/private/x")]
    assert refused[0].status == 0 and refused[0].note.startswith("robots:")
    robots_row = archive.entries()[0]
    assert robots_row.source_id == "robots" and archive.read(robots_row.sha256).startswith(b"User-agent")


def test_robots_server_error_blocks_the_host_for_the_run_as_transient(server, make_client):
    server.expect_request("/p/robots.txt").respond_with_data("down", status=503)
    server.expect_request("/p/a").respond_with_data("a")
    client = make_client(police_map(server), max_retries=1)

    for _ in range(2):
        with pytest.raises(TransientFetchError, match="robots.txt could not be read.*disallow-all") as info:
            client.fetch("hkpf_csc_en", f"https://{POLICE}/a")
        assert is_transient(info.value)

    assert [r.path for r, _ in server.log] == ["/p/robots.txt", "/p/robots.txt"]  # 2 attempts, once per run


def test_robots_forbidden_counts_as_disallow_all(server, make_client):
    server.expect_request("/p/robots.txt").respond_with_data("no", status=403)
    with pytest.raises(RobotsDisallowed, match="HTTP 403"):
        make_client(police_map(server)).fetch("hkpf_csc_en", f"https://{POLICE}/a")


# ---- retries and backoff ------------------------------------------------------------------------------
def test_503_then_200_succeeds_after_backoff(server, make_client, fake_time):
    no_robots(server)
    server.expect_oneshot_request("/p/a").respond_with_data("busy", status=503)
    server.expect_request("/p/a").respond_with_data("a")
    client = make_client(police_map(server), min_interval=1.0)
    outcome = client.fetch("hkpf_csc_en", f"https://{POLICE}/a")
    assert outcome.status == "new" and outcome.document.body == b"a"
    assert client.host_delay(CSC) == 2.0  # 503 doubled the host's gap for the rest of the run


def test_429_retry_after_seconds_is_honoured(server, make_client, fake_time):
    seen: list = []
    no_robots(server)
    busy = Response("slow down", status=429, headers={"Retry-After": "30"})
    server.expect_oneshot_request("/p/a").respond_with_handler(stamped(fake_time, seen, lambda r: busy))
    server.expect_request("/p/a").respond_with_handler(stamped(fake_time, seen, lambda r: Response("a")))
    client = make_client(police_map(server), min_interval=1.0)
    client.fetch("hkpf_csc_en", f"https://{POLICE}/a")
    assert seen[1][1] - seen[0][1] >= 30
    assert client.host_delay(CSC) == 30.0


def test_503_retry_after_http_date_is_honoured(server, make_client, fake_time):
    seen: list = []
    no_robots(server)

    def busy(request: Request) -> Response:
        later = fake_time.wall().replace(microsecond=0) + __import__("datetime").timedelta(seconds=45)
        return Response("busy", status=503, headers={"Retry-After": format_datetime(later, usegmt=True)})

    server.expect_oneshot_request("/p/a").respond_with_handler(stamped(fake_time, seen, busy))
    server.expect_request("/p/a").respond_with_handler(stamped(fake_time, seen, lambda r: Response("a")))
    make_client(police_map(server), min_interval=1.0).fetch("hkpf_csc_en", f"https://{POLICE}/a")
    assert seen[1][1] - seen[0][1] >= 45


def test_retry_after_beyond_max_wait_fails_fast(server, make_client, fake_time):
    no_robots(server)
    server.expect_request("/p/a").respond_with_data("later", status=429, headers={"Retry-After": "7200"})
    client = make_client(police_map(server), max_wait=300)
    with pytest.raises(TransientFetchError, match="wait 7200 s, more than max_wait=300"):
        client.fetch("hkpf_csc_en", f"https://{POLICE}/a")
    assert len([r for r, _ in server.log if r.path == "/p/a"]) == 1
    assert fake_time.now < 1000 + 300  # nothing slept for two hours


def test_persistent_5xx_gives_up_naming_url_attempts_and_error(server, make_client, fake_time, archive):
    no_robots(server)
    server.expect_request("/p/a").respond_with_data("oops", status=500)
    client = make_client(police_map(server), max_retries=2, backoff_base=1.0, min_interval=0.5)

    with pytest.raises(TransientFetchError) as info:
        client.fetch("hkpf_csc_en", f"https://{POLICE}/a")

    exc = info.value
    assert exc.attempts == 3 and "HTTP 500" in exc.last_error and exc.url == f"https://{POLICE}/a"
    assert "hkpf_csc_en" in str(exc) and "gave up after 3 attempts" in str(exc)
    assert is_transient(exc)
    assert len([r for r, _ in server.log if r.path == "/p/a"]) == 3
    # backoff (rng=0.5 -> 0.75 of base*2**k) grows: 0.75 s then 1.5 s, each above the 0.5 s host gap
    assert fake_time.sleeps[-2:] == [0.75, 1.5]
    assert archive.entries()[-1].status == 500 and "gave up" in archive.entries()[-1].note


@pytest.mark.parametrize("status", [404, 410])
def test_gone_is_not_found_at_once(server, make_client, archive, status):
    no_robots(server)
    server.expect_request("/p/a").respond_with_data("gone", status=status)
    with pytest.raises(NotFound, match=f"HTTP {status}") as info:
        make_client(police_map(server)).fetch("hkpf_csc_en", f"https://{POLICE}/a")
    assert not is_transient(info.value)
    assert len([r for r, _ in server.log if r.path == "/p/a"]) == 1
    assert archive.entries()[-1].status == status and archive.entries()[-1].sha256 is None


def test_other_client_errors_fail_without_retry(server, make_client):
    no_robots(server)
    server.expect_request("/p/a").respond_with_data("no", status=403)
    with pytest.raises(FetchError, match="unexpected HTTP 403") as info:
        make_client(police_map(server)).fetch("hkpf_csc_en", f"https://{POLICE}/a")
    assert not is_transient(info.value)


def late_handler(release: threading.Event):
    """Answers only when released (or after 2 s): longer than the client's read timeout."""

    def late(request: Request) -> Response:
        release.wait(2.0)
        return Response("late")

    return late


def settle(server, path: str, count: int) -> None:
    """Wait until the server has logged `count` requests to `path`, so none leak into the next test."""
    deadline = time.monotonic() + 5
    while len([r for r, _ in server.log if r.path == path]) < count and time.monotonic() < deadline:
        time.sleep(0.01)


def test_read_timeout_is_retried_then_succeeds(server, make_client):
    release = threading.Event()
    no_robots(server)
    server.expect_oneshot_request("/p/a").respond_with_handler(late_handler(release))
    server.expect_request("/p/a").respond_with_data("on time")
    try:
        outcome = make_client(police_map(server), read_timeout=0.15).fetch(
            "hkpf_csc_en", f"https://{POLICE}/a"
        )
    finally:
        release.set()
        settle(server, "/p/a", 2)
    assert outcome.document.body == b"on time"


def test_read_timeouts_exhaust_retries(server, make_client):
    release = threading.Event()
    no_robots(server)
    server.expect_request("/p/a").respond_with_handler(late_handler(release))
    client = make_client(police_map(server), read_timeout=0.1, max_retries=1)
    try:
        with pytest.raises(TransientFetchError, match="gave up after 2 attempts") as info:
            client.fetch("hkpf_csc_en", f"https://{POLICE}/a")
    finally:
        release.set()
        settle(server, "/p/a", 2)
    assert "timed out" in info.value.last_error.lower()


def test_unreachable_host_is_transient(make_client, archive):
    import socket

    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = make_client({POLICE: f"http://127.0.0.1:{port}"}, max_retries=1)
    with pytest.raises(TransientFetchError, match="ConnectionError") as info:
        client.fetch("hkpf_csc_en", CSC)
    assert is_transient(info.value)
    assert archive.entries()[0].source_id == "robots" and archive.entries()[0].status == 0


# ---- hosts and redirects ------------------------------------------------------------------------------
def test_off_catalogue_host_is_never_requested(make_client, archive):
    client = make_client({})
    with pytest.raises(OffCatalogueHost, match=r"example\.org.*not in the source catalogue"):
        client.fetch("gia_press_release", "https://example.org/page.htm")
    assert archive.entries()[-1].note.startswith("OffCatalogueHost")


def test_redirect_to_off_catalogue_host_is_refused_naming_both_urls(server, make_client):
    no_robots(server)
    server.expect_request("/p/moved").respond_with_data(
        "", status=302, headers={"Location": "https://evil.example.org/x"}
    )
    with pytest.raises(OffCatalogueHost) as info:
        make_client(police_map(server)).fetch("hkpf_csc_en", f"https://{POLICE}/moved")
    message = str(info.value)
    assert f"https://{POLICE}/moved" in message and "https://evil.example.org/x" in message
    assert info.value.target == "https://evil.example.org/x"


def test_redirect_to_unmapped_local_path_is_refused(server, make_client):
    no_robots(server)
    server.expect_request("/p/moved").respond_with_data("", status=301, headers={"Location": "/elsewhere/x"})
    with pytest.raises(OffCatalogueHost, match="127.0.0.1"):
        make_client(police_map(server)).fetch("hkpf_csc_en", f"https://{POLICE}/moved")


def test_redirect_within_mapped_hosts_is_translated_back_to_canonical(server, make_client, archive):
    no_robots(server)
    no_robots(server, "/g")
    server.expect_request("/p/moved").respond_with_data(
        "", status=301, headers={"Location": "/g/gia/new.htm"}
    )
    server.expect_request("/g/gia/new.htm").respond_with_data("press release", content_type="text/html")
    outcome = make_client(police_map(server)).fetch("hkpf_csc_en", f"https://{POLICE}/moved")
    assert outcome.document.url == f"https://{POLICE}/moved"
    assert outcome.entry.final_url == f"https://{GIA}/gia/new.htm"
    assert "/g/robots.txt" in [r.path for r, _ in server.log]  # the new host's rules were read
    assert all("127.0.0.1" not in (e.final_url or e.url) for e in archive.entries())


def test_redirect_loop_stops_after_five(server, make_client):
    no_robots(server)
    server.expect_request("/p/a").respond_with_data("", status=302, headers={"Location": "/p/b"})
    server.expect_request("/p/b").respond_with_data("", status=302, headers={"Location": "/p/a"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        make_client(police_map(server)).fetch("hkpf_csc_en", f"https://{POLICE}/a")
    assert len([r for r, _ in server.log if r.path != "/p/robots.txt"]) == 6


# ---- body cap -----------------------------------------------------------------------------------------
def test_declared_oversized_body_is_refused_and_not_archived(server, make_client, archive):
    no_robots(server)
    server.expect_request("/p/big").respond_with_data(b"x" * 5000)
    with pytest.raises(BodyTooLarge, match="Content-Length 5000 exceeds the cap of 1000 bytes"):
        make_client(police_map(server), max_bytes=1000).fetch("hkpf_csc_en", f"https://{POLICE}/big")
    assert not list(archive.objects.rglob("*.gz"))
    assert archive.entries()[-1].note.startswith("BodyTooLarge")


def test_streamed_oversized_body_is_refused(server, make_client, archive):
    def endless(request: Request) -> Response:
        return Response((b"y" * 512 for _ in range(100)), direct_passthrough=True)  # no Content-Length

    no_robots(server)
    server.expect_request("/p/big").respond_with_handler(endless)
    with pytest.raises(BodyTooLarge, match="passed the cap of 10000 bytes"):
        make_client(police_map(server), max_bytes=10_000).fetch("hkpf_csc_en", f"https://{POLICE}/big")
    assert not list(archive.objects.rglob("*.gz"))


def test_304_with_no_earlier_copy_fails_naming_url_and_the_missing_copy(server, make_client, archive):
    """A 304 on the first ever fetch (a proxy's cache, a server ignoring that no validator was sent)
    leaves nothing to parse: the fetch fails, says why, and the manifest records it."""
    no_robots(server)
    server.expect_request("/p/info/doc/crime_details.csv").respond_with_data("", status=304)
    client = make_client(police_map(server))
    with pytest.raises(FetchError, match=r"crime_details\.csv.*HTTP 304.*no earlier copy") as info:
        client.fetch("hkpf_crime_detail_annual", CSV)
    assert not is_transient(info.value)
    assert [(e.source_id, e.status, e.sha256) for e in archive.entries()][-1] == (
        "hkpf_crime_detail_annual",
        304,
        None,
    )
