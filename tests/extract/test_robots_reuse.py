"""A robots.txt answer archived by an earlier run is reused for `robots_max_age` (RFC 9309 2.4 allows
24 hours), so a scheduled re-run does not ask every host for it again (issue 13); answers that
refuse or failed are always asked again."""

from __future__ import annotations

import pytest

from extract.exceptions import RobotsDisallowed, TransientFetchError

POLICE = "www.police.gov.hk"
OPEN = f"https://{POLICE}/open"
DAY = 86400.0


def _robots_requests(server) -> int:
    return sum(r.path == "/p/robots.txt" for r, _ in server.log)


def _client(make_client, server, **options):
    return make_client({POLICE: server.url_for("/p")}, robots_max_age=DAY, **options)


def test_rules_fetched_by_an_earlier_run_are_reused_and_still_obeyed(server, make_client):
    server.expect_request("/p/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    server.expect_request("/p/open").respond_with_data("open")
    _client(make_client, server).fetch("hkpf_csc_en", OPEN)
    later = _client(make_client, server)  # a new client is a new run
    later.fetch("hkpf_csc_en", OPEN)
    with pytest.raises(RobotsDisallowed, match="robots.txt refuses"):
        later.fetch("hkpf_csc_en", f"https://{POLICE}/private/x")
    assert _robots_requests(server) == 1
    assert [r.path for r, _ in server.log].count("/p/private/x") == 0


def test_no_robots_txt_404_is_reused_too(server, make_client):
    server.expect_request("/p/robots.txt").respond_with_data("missing", status=404)
    server.expect_request("/p/open").respond_with_data("open")
    _client(make_client, server).fetch("hkpf_csc_en", OPEN)
    _client(make_client, server).fetch("hkpf_csc_en", OPEN)
    assert _robots_requests(server) == 1


def test_an_answer_older_than_the_max_age_is_asked_again(server, make_client, fake_time):
    server.expect_request("/p/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    server.expect_request("/p/open").respond_with_data("open")
    _client(make_client, server, now=fake_time.wall).fetch("hkpf_csc_en", OPEN)
    fake_time.now += DAY + 1
    _client(make_client, server, now=fake_time.wall).fetch("hkpf_csc_en", OPEN)
    assert _robots_requests(server) == 2


def test_without_a_max_age_every_run_asks(server, make_client):
    server.expect_request("/p/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    server.expect_request("/p/open").respond_with_data("open")
    for _ in range(2):
        make_client({POLICE: server.url_for("/p")}).fetch("hkpf_csc_en", OPEN)
    assert _robots_requests(server) == 2


@pytest.mark.parametrize("status", [403, 429, 503])
def test_a_refusal_or_a_failure_is_never_reused(server, make_client, status):
    server.expect_request("/p/robots.txt").respond_with_data("no", status=status)
    for _ in range(2):
        with pytest.raises((RobotsDisallowed, TransientFetchError)):
            _client(make_client, server, max_retries=0).fetch("hkpf_csc_en", OPEN)
    assert _robots_requests(server) == 2


def test_a_damaged_archived_robots_body_is_asked_again(server, make_client, archive):
    server.expect_request("/p/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    server.expect_request("/p/open").respond_with_data("open")
    _client(make_client, server).fetch("hkpf_csc_en", OPEN)
    row = next(e for e in archive.entries() if e.source_id == "robots")
    archive.object_path(row.sha256).write_bytes(b"not gzip")
    _client(make_client, server).fetch("hkpf_csc_en", OPEN)
    assert _robots_requests(server) == 2
