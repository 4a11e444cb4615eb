"""Point canonical hosts at other base URLs (a local fixture server, a mirror) without changing provenance.

Setting format: ``www.police.gov.hk=http://127.0.0.1:8080,www.info.gov.hk=http://127.0.0.1:8080/www.info.gov.hk``
(entries separated by commas and/or whitespace). The archive and every Document keep the
canonical URL; only the request goes to the mapped one, and redirects that come back from the
mapped server are translated to canonical before any host check.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

__all__ = ["map_url", "parse_url_map", "unmap_url"]

_HOST_RE = re.compile(r"^[a-z0-9.-]+(:\d+)?$")


def parse_url_map(text: str) -> dict[str, str]:
    """Parse ``host=base_url`` entries; a malformed or repeated entry raises ValueError naming it."""
    result: dict[str, str] = {}
    for entry in re.split(r"[,\s]+", text.strip()):
        if not entry:
            continue
        host, sep, base = entry.partition("=")
        host = host.strip().lower()
        if not sep or not _HOST_RE.match(host):
            raise ValueError(f"URL map entry {entry!r}: expected host=base_url with a bare host name")
        parts = urlsplit(base.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ValueError(
                f"URL map entry {entry!r}: base must be an http(s) URL without query, got {base!r}"
            )
        if host in result:
            raise ValueError(f"URL map entry {entry!r}: host {host!r} is mapped twice")
        result[host] = base.strip().rstrip("/")
    return result


def _lookup(parts, url_map: Mapping[str, str]) -> str | None:
    netloc = parts.netloc.rpartition("@")[2].lower()
    return url_map.get(netloc) or url_map.get((parts.hostname or "").lower())


def map_url(url: str, url_map: Mapping[str, str] | None) -> str:
    """The URL to request for canonical `url`: scheme+host(+port) replaced by the mapped base, if any."""
    if not url_map:
        return url
    parts = urlsplit(url)
    base = _lookup(parts, url_map)
    if base is None:
        return url
    b = urlsplit(base)
    path = b.path.rstrip("/") + (parts.path or "/")
    return urlunsplit((b.scheme, b.netloc, path, parts.query, parts.fragment))


def _under(parts, base: str) -> str | None:
    """The path of `parts` relative to `base` when it lies under it (whole path segments), else None."""
    b = urlsplit(base)
    if (parts.scheme, parts.netloc.lower()) != (b.scheme, b.netloc.lower()):
        return None
    prefix = b.path.rstrip("/")
    path = parts.path or "/"
    if prefix and not (path == prefix or path.startswith(prefix + "/")):
        return None
    return path[len(prefix) :] or "/"


def unmap_url(url: str, url_map: Mapping[str, str] | None, scheme: str = "https") -> str:
    """The canonical URL for a (possibly) mapped `url`; the longest matching base wins.

    The canonical scheme is not recoverable from a mapped URL, so the caller passes it (the
    scheme of the canonical URL that led here). URLs under no base are returned unchanged.
    """
    if not url_map:
        return url
    parts = urlsplit(url)
    best: tuple[int, str, str] | None = None
    for host, base in url_map.items():
        rest = _under(parts, base)
        if rest is not None and (best is None or len(base) > best[0]):
            best = (len(base), host, rest)
    if best is None:
        return url
    return urlunsplit((scheme, best[1], best[2], parts.query, parts.fragment))
