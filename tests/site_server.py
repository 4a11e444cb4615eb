"""One local HTTP server that impersonates every catalogue host from a directory of fixture files.

Layout: ``<root>/<canonical host>/<path>``, e.g.
``tests/fixtures/site/www.police.gov.hk/ppp_en/09_statistics/csc.html`` is served at
``http://127.0.0.1:PORT/www.police.gov.hk/ppp_en/09_statistics/csc.html``, and
`FixtureSite.url_map` maps ``www.police.gov.hk`` to ``http://127.0.0.1:PORT/www.police.gov.hk``.
Every host of the catalogue is mapped, with or without a directory, so nothing can reach the
internet by accident (a host without files answers 404 to everything, robots.txt included).

* A path ending in ``/`` serves ``index.html``. A URL with a query string serves the file named
  ``<name>?<query>`` if there is one, else ``<name>``.
* ``<file>.headers.json`` beside a file sets response headers (``{"Content-Type": "text/csv;
  charset=big5", "Last-Modified": "..."}``); the key ``"Status"`` sets the status (e.g. 301 with a
  ``Location`` such as ``/www.info.gov.hk/...``, or 410). These files are never served themselves.
* Content-Type defaults to a guess from the extension, without charset (like many real servers).
* ETag is a hash of the content unless the headers file sets one; ``If-None-Match`` and
  ``If-Modified-Since`` (when Last-Modified is set) are honoured with 304.
* Every request is appended to `FixtureSite.requests` (method, host, path, headers, status)
  before the response is sent, so a test can assert what was asked and with which headers.

Usable outside pytest too: ``with FixtureSite(root) as site: ... site.url_map_setting ...``.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import sys
import threading
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from extract.catalogue import ALLOWED_HOSTS

__all__ = ["FIXTURE_SITE_ROOT", "FixtureSite", "RequestRecord"]

FIXTURE_SITE_ROOT = Path(__file__).parent / "fixtures" / "site"
HEADERS_SUFFIX = ".headers.json"


@dataclass(frozen=True)
class RequestRecord:
    """One request as the server saw it; `host` and `path` are canonical (path includes the query)."""

    method: str
    host: str
    path: str
    headers: dict[str, str]
    status: int


class FixtureSite:
    """A ThreadingHTTPServer on 127.0.0.1 (port 0) serving `root`; start with `with` or `start()`."""

    def __init__(self, root: Path | str = FIXTURE_SITE_ROOT, hosts: frozenset[str] = ALLOWED_HOSTS) -> None:
        self.root = Path(root)
        self.hosts = frozenset(hosts)
        self.requests: list[RequestRecord] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle ---------------------------------------------------------------------------
    def start(self) -> FixtureSite:
        """Bind a free port and serve in a daemon thread."""
        self._server = _QuietServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        serve = self._server.serve_forever
        self._thread = threading.Thread(target=serve, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FixtureSite:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # ---- addresses ---------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` of the running server."""
        if self._server is None:
            raise RuntimeError("FixtureSite is not running: use it as a context manager or call start()")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def url_map(self) -> dict[str, str]:
        """Canonical host -> base URL, for every catalogue host and every host directory under root."""
        dirs = {p.name for p in self.root.iterdir() if p.is_dir()} if self.root.is_dir() else set()
        return {host: f"{self.base_url}/{host}" for host in sorted(self.hosts | dirs)}

    @property
    def url_map_setting(self) -> str:
        """The url_map in the setting format read by `extract.urlmap.parse_url_map`."""
        return ",".join(f"{host}={base}" for host, base in self.url_map.items())

    def requested(self, host: str | None = None) -> list[str]:
        """Canonical paths requested so far (optionally for one host), in order."""
        return [r.path for r in self.requests if host is None or r.host == host]

    # ---- files -------------------------------------------------------------------------------
    def resolve(self, host: str, path: str, query: str) -> Path | None:
        """The file for canonical `path`?`query` on `host`; None if missing, outside root, or headers."""
        host_dir = (self.root / host).resolve()
        relative = unquote(path).lstrip("/")
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        candidates = [f"{relative}?{unquote(query)}", relative] if query else [relative]
        for name in candidates:
            file = (host_dir / name).resolve()
            if file.is_relative_to(host_dir) and file.is_file() and not file.name.endswith(HEADERS_SUFFIX):
                return file
        return None


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up early (a refused over-size body, a 304) is normal here, not an error."""

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - socketserver signature
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def _handler_for(site: FixtureSite) -> type[BaseHTTPRequestHandler]:
    class Handler(_SiteHandler):
        pass

    Handler.site = site
    return Handler


class _SiteHandler(BaseHTTPRequestHandler):
    site: FixtureSite
    protocol_version = "HTTP/1.1"
    server_version = "cyberstats-fixture-site"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet test output
        pass

    def do_HEAD(self) -> None:  # noqa: N802 - http.server naming
        self._serve(send_body=False)

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._serve(send_body=True)

    def _serve(self, send_body: bool) -> None:
        parts = urlsplit(self.path)
        host, _, rest = parts.path.lstrip("/").partition("/")
        canonical = "/" + rest + (f"?{parts.query}" if parts.query else "")
        file = self.site.resolve(host, "/" + rest, parts.query) if host else None
        status, headers, body = _response_for(file, self.headers)
        self.site.requests.append(
            RequestRecord(self.command, host, canonical, dict(self.headers.items()), status)
        )
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


def _response_for(file: Path | None, request_headers) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) for a resolved file (None -> 404), honouring conditional headers."""
    if file is None:
        return 404, {"Content-Type": "text/plain"}, b"not found\n"
    body = file.read_bytes()
    headers = _headers_for(file, body)
    status = int(headers.pop("Status", 200))
    if status == 200 and _not_modified(headers, request_headers):
        return 304, {k: v for k, v in headers.items() if k in ("ETag", "Last-Modified")}, b""
    return status, headers, body


def _headers_for(file: Path, body: bytes) -> dict[str, str]:
    guessed = mimetypes.guess_type(file.name.partition("?")[0])[0] or "application/octet-stream"
    headers = {"Content-Type": guessed, "ETag": f'"{hashlib.sha256(body).hexdigest()[:20]}"'}
    extra = file.with_name(file.name + HEADERS_SUFFIX)
    if extra.is_file():
        headers.update({k: str(v) for k, v in json.loads(extra.read_text("utf-8")).items()})
    return headers


def _not_modified(headers: dict[str, str], request_headers) -> bool:
    if_none_match = request_headers.get("If-None-Match")
    if if_none_match:
        tags = {t.strip() for t in if_none_match.split(",")}
        return "*" in tags or headers.get("ETag") in tags
    since, modified = request_headers.get("If-Modified-Since"), headers.get("Last-Modified")
    if not (since and modified):
        return False
    try:
        return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
