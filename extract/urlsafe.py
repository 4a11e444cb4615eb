"""One reading of a URL: parse once, refuse what parsers disagree on, rebuild what will be requested.

Python's `urlsplit` and the HTTP library (urllib3) do not read every string the same way:
``http://127.0.0.1:8080\\@scmp.com/x`` is host ``scmp.com`` to `urlsplit` but host ``127.0.0.1``
with path ``/\\@scmp.com/x`` to urllib3. A host check made on one reading and a connection made
on the other is an allowlist bypass (issue 12). So every URL the client fetches goes through
`safe_url` first: it refuses anything two readers could disagree on (backslashes, userinfo,
control characters, over-long URLs, non-http(s) schemes, hosts that are IP literals or numeric
forms that resolvers turn into addresses, ports out of range) and returns the URL rebuilt from
its parts, which is what the client then checks, archives and requests. `connect_host` reads a
URL the way urllib3 will, so the client can confirm, just before sending, that the host it
connects to is the one it checked.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit, urlunsplit

from urllib3.util import parse_url

__all__ = ["MAX_URL_CHARS", "UnsafeUrlError", "connect_host", "safe_url"]

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST_NAME = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*$")
_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")  # inet_aton reads 2130706433 or 0x7f.1 as IPs
MAX_URL_CHARS = 2048  # what browsers and servers reliably accept; longer is no catalogue link
_FORBIDDEN = re.compile(r"[\\\x00-\x1f\x7f]")


class UnsafeUrlError(ValueError):
    """The URL is refused before any request; the message says what in it was refused."""


def _host(hostname: str, *, allow_ip: bool) -> str:
    host = hostname.lower().rstrip(".")
    if host.startswith("[") or ":" in host:
        if allow_ip:
            return host
        raise UnsafeUrlError(f"the host {hostname!r} is an IPv6 literal; only catalogue names are fetched")
    try:
        ipaddress.ip_address(host)
        is_ip = True
    except ValueError:
        is_ip = False
    if is_ip or (host and _NUMERIC_LABEL.match(host.rsplit(".", 1)[-1])):
        if allow_ip:
            return host
        raise UnsafeUrlError(f"the host {hostname!r} is an IP address; only catalogue host names are fetched")
    if not _HOST_NAME.match(host):
        raise UnsafeUrlError(f"the host {hostname!r} is not a plain DNS name")
    return host


def safe_url(url: str, *, allow_ip: bool = False) -> str:
    """`url` rebuilt from one parse (scheme and host lower-cased, fragment dropped), or UnsafeUrlError.

    `allow_ip` admits IP-literal hosts: only for the mirror base URLs of CYBERSTATS_URL_MAP.
    """
    if not isinstance(url, str):
        raise UnsafeUrlError(f"not a URL string: {url!r}")
    text = url.strip()
    if len(text) > MAX_URL_CHARS:
        raise UnsafeUrlError(f"the URL is {len(text)} characters long, over {MAX_URL_CHARS}")
    if bad := _FORBIDDEN.search(text):
        raise UnsafeUrlError(f"the URL contains {bad.group()!r} (a backslash or a control character)")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsafeUrlError(f"the scheme {parts.scheme or '(none)'!r} is not http or https")
    if " " in parts.netloc:
        raise UnsafeUrlError(f"the host part {parts.netloc!r} contains a space")
    if "@" in parts.netloc:
        raise UnsafeUrlError("the URL carries userinfo (user@host): refused, the host would be ambiguous")
    try:
        port = parts.port
    except ValueError as exc:
        raise UnsafeUrlError(f"the port in {parts.netloc!r} is not valid ({exc})") from None
    if not parts.hostname:
        raise UnsafeUrlError("the URL has no host")
    host = _host(parts.hostname, allow_ip=allow_ip)
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        if port == 0:
            raise UnsafeUrlError("port 0 is not a port")
        netloc += f":{port}"
    path, query = parts.path.replace(" ", "%20"), parts.query.replace(" ", "%20")
    return urlunsplit((scheme, netloc, path, query, ""))


def connect_host(url: str) -> tuple[str, int | None, bool]:
    """(host, port, has userinfo) as urllib3, the library that opens the connection, reads `url`."""
    parsed = parse_url(url)
    return (parsed.host or "").lower().strip("[]"), parsed.port, parsed.auth is not None
