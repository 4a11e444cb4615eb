"""Sample documents: pages this project wrote, stored under a host that can never be a publisher's.

The bundled demo snapshot holds pages written by cyberstats in the layouts of the real sources
(with real published figures only). Stored under the real addresses they would read as if SCMP or
the Government had written those sentences, so the snapshot keeps them under `SAMPLE_HOST`
(`.invalid` is reserved, RFC 2606: it never resolves) with the real host kept as the first path
segment, which says which layout a page models: ``https://www.scmp.com/news/...`` becomes
``https://sample.cyberstats.invalid/www.scmp.com/news/...``. The parsers read the path as before.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

__all__ = ["SAMPLE_HOST", "SAMPLE_PREFIX", "is_sample_url", "modelled_url", "sample_url"]

SAMPLE_HOST = "sample.cyberstats.invalid"
SAMPLE_PREFIX = f"https://{SAMPLE_HOST}/"


def sample_url(url: str) -> str:
    """The sample address of a page written in the layout of `url` (idempotent)."""
    if is_sample_url(url):
        return url
    parts = urlsplit(url)
    return urlunsplit(("https", SAMPLE_HOST, f"/{parts.netloc}{parts.path}", parts.query, parts.fragment))


def is_sample_url(url: str | None) -> bool:
    """True for an address under the sample host (the SQL macro `is_sample_url` is the same test)."""
    return url is not None and url.startswith(SAMPLE_PREFIX)


def modelled_url(url: str) -> str:
    """The real-site address whose layout a sample page models (the inverse of `sample_url`)."""
    if not is_sample_url(url):
        return url
    parts = urlsplit(url)
    host, _, path = parts.path.lstrip("/").partition("/")
    return urlunsplit(("https", host, f"/{path}", parts.query, parts.fragment))
