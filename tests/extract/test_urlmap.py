"""URL map: the setting format, mapping requests, and translating redirects back to canonical."""

from __future__ import annotations

import pytest

from extract.urlmap import map_url, parse_url_map, unmap_url

SETTING = "www.police.gov.hk=http://127.0.0.1:8080,www.info.gov.hk=http://127.0.0.1:8080/www.info.gov.hk"


def test_parse_the_documented_example():
    assert parse_url_map(SETTING) == {
        "www.police.gov.hk": "http://127.0.0.1:8080",
        "www.info.gov.hk": "http://127.0.0.1:8080/www.info.gov.hk",
    }


def test_whitespace_and_trailing_slashes():
    assert parse_url_map("  a.hk=http://h:1/x/ \n b.hk=https://m ") == {
        "a.hk": "http://h:1/x",
        "b.hk": "https://m",
    }
    assert parse_url_map("") == {}


@pytest.mark.parametrize(
    "bad",
    [
        "www.police.gov.hk",
        "=http://h",
        "www.police.gov.hk=ftp://h",
        "https://x.hk=http://h",
        "x.hk=http://h?q=1",
        "x.hk=127.0.0.1:8080",
    ],
)
def test_bad_entries_are_named(bad):
    with pytest.raises(ValueError, match="URL map entry") as info:
        parse_url_map(f"ok.hk=http://h,{bad}")
    assert repr(bad) in str(info.value)


def test_a_host_mapped_twice_is_an_error():
    with pytest.raises(ValueError, match="mapped twice"):
        parse_url_map("a.hk=http://h,a.hk=http://i")


def test_map_keeps_path_query_and_base_prefix():
    url_map = parse_url_map(SETTING)
    assert (
        map_url("https://www.info.gov.hk/gia/general/202507/01/P2025070100001.htm?x=1", url_map)
        == "http://127.0.0.1:8080/www.info.gov.hk/gia/general/202507/01/P2025070100001.htm?x=1"
    )
    assert map_url("https://www.police.gov.hk/", url_map) == "http://127.0.0.1:8080/"
    assert map_url("https://rthk.hk/a", url_map) == "https://rthk.hk/a"
    assert map_url("https://rthk.hk/a", None) == "https://rthk.hk/a"


def test_unmap_prefers_the_longest_base_and_respects_segments():
    url_map = parse_url_map(SETTING)
    assert (
        unmap_url("http://127.0.0.1:8080/www.info.gov.hk/gia/x.htm", url_map)
        == "https://www.info.gov.hk/gia/x.htm"
    )
    assert (
        unmap_url("http://127.0.0.1:8080/www.info.gov.hkX/y", url_map)
        == "https://www.police.gov.hk/www.info.gov.hkX/y"
    )
    assert (
        unmap_url("http://127.0.0.1:8080/a?b=1", url_map, scheme="http") == "http://www.police.gov.hk/a?b=1"
    )
    assert unmap_url("http://127.0.0.1:9999/a", url_map) == "http://127.0.0.1:9999/a"


def test_map_then_unmap_is_identity():
    url_map = parse_url_map(SETTING)
    for url in (
        "https://www.police.gov.hk/ppp_en/09_statistics/csc.html",
        "https://www.info.gov.hk/gia/rss/general_en.xml",
    ):
        assert unmap_url(map_url(url, url_map), url_map) == url
