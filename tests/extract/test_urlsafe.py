"""One reading of every URL (issue 12): what urlsplit and urllib3 could read differently is refused."""

from __future__ import annotations

import pytest

from extract.urlsafe import UnsafeUrlError, connect_host, safe_url

BYPASS = "http://127.0.0.1:8080\\@scmp.com/news/x"


def test_the_bypass_reads_differently_in_the_two_parsers():
    """Why safe_url exists: urlsplit sees host scmp.com, urllib3 (the connection) sees 127.0.0.1."""
    from urllib.parse import urlsplit

    assert urlsplit(BYPASS).hostname == "scmp.com"
    assert connect_host(BYPASS)[0] == "127.0.0.1"


@pytest.mark.parametrize(
    ("url", "why"),
    [
        (BYPASS, "backslash"),
        ("https://www.scmp.com\\.evil.example/", "backslash"),
        ("https://user@www.scmp.com/news", "userinfo"),
        ("https://www.police.gov.hk@127.0.0.1:8080/x", "userinfo"),
        ("ftp://www.police.gov.hk/x", "scheme 'ftp'"),
        ("javascript:alert(1)", "scheme 'javascript'"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("//www.scmp.com/x", "scheme '(none)'"),
        ("http://127.0.0.1/x", "IP address"),
        ("http://2130706433/x", "IP address"),  # 127.0.0.1 as one number, as inet_aton reads it
        ("http://0x7f.1/x", "IP address"),
        ("http://[::1]/x", "IPv6 literal"),
        ("http://www.scmp.com:99999/x", "port"),
        ("http://www.scmp.com\t.evil/x", "control character"),
        ("http://www.scm%70.com/x", "not a plain DNS name"),
        ("http://www.scmp.com /x", "space"),
        ("https://www.info.gov.hk/" + "a" * 3000, "over 2048"),
    ],
)
def test_unsafe_urls_are_refused_saying_why(url, why):
    with pytest.raises(UnsafeUrlError, match=why.replace("(", r"\(").replace(")", r"\)")):
        safe_url(url)


def test_safe_urls_are_rebuilt_from_one_parse():
    assert (
        safe_url("  HTTPS://WWW.Police.GOV.hk/a/b.csv?x=1#frag ") == "https://www.police.gov.hk/a/b.csv?x=1"
    )
    assert safe_url("https://www.info.gov.hk/gia/a b.htm") == "https://www.info.gov.hk/gia/a%20b.htm"
    assert (
        safe_url("http://127.0.0.1:8080/www.police.gov.hk", allow_ip=True)
        == "http://127.0.0.1:8080/www.police.gov.hk"
    )
