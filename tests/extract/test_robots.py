"""RobotsPolicy: what each robots.txt answer means (RFC 9309, conservative where it leaves room)."""

from __future__ import annotations

import pytest

from extract.robots import RobotsPolicy, robots_url

UA = "cyberstats/0.1 (+https://github.com/cyberstats/cyberstats; data pipeline)"
ROBOTS = "https://www.police.gov.hk/robots.txt"
PAGE = "https://www.police.gov.hk/ppp_en/09_statistics/csc.html"


def test_robots_url_keeps_scheme_host_and_port():
    assert (
        robots_url("http://www.hkcert.org:8080/datagovhk/x.json?a=1")
        == "http://www.hkcert.org:8080/robots.txt"
    )


def test_rules_for_our_agent_take_precedence_over_star():
    body = b"User-agent: *\nDisallow: /\n\nUser-agent: cyberstats\nDisallow: /ppp_tc/\nCrawl-delay: 5\n"
    policy = RobotsPolicy.from_response(ROBOTS, 200, body)
    assert policy.allows(PAGE, UA)
    assert not policy.allows("https://www.police.gov.hk/ppp_tc/09_statistics/csc.html", UA)
    assert policy.crawl_delay(UA) == 5.0
    assert not policy.allows(PAGE, "otherbot/1.0")


@pytest.mark.parametrize(
    ("status", "allowed", "transient"),
    [
        (404, True, False),
        (410, True, False),
        (400, True, False),
        (401, False, False),
        (403, False, False),
        (429, False, True),
        (500, False, True),
        (503, False, True),
    ],
)
def test_status_meanings(status, allowed, transient):
    policy = RobotsPolicy.from_response(ROBOTS, status, b"")
    assert policy.allows(PAGE, UA) is allowed
    assert policy.transient is transient
    if not allowed:
        assert f"HTTP {status}" in policy.refusal(PAGE) and "disallow-all for this run" in policy.refusal(
            PAGE
        )


def test_robots_that_is_not_utf8_disallows_all():
    policy = RobotsPolicy.from_response(ROBOTS, 200, b"User-agent: *\nDisallow: /\xff\xfe\n")
    assert not policy.allows(PAGE, UA) and "not UTF-8" in policy.refusal(PAGE)


def test_no_rules_means_no_crawl_delay():
    assert RobotsPolicy.from_response(ROBOTS, 404, b"").crawl_delay(UA) is None
