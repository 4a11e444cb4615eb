"""The fixture site with faults: a real local HTTP server that misbehaves on chosen URLs.

`FaultSite(root, faults)` serves `root` like `tests.site_server.FixtureSite` (one server for every
catalogue host, `url_map` for CYBERSTATS_URL_MAP) except that a request for a canonical
``host/path`` named in `faults` gets that fault instead of the file:

==============  ==================================================================================
``status``      that HTTP status (``Retry-After`` / ``Location`` from `headers`)
``hang``        accept, read the request, never answer (until the server stops)
``reset``       headers and half the body, then a TCP reset
``short``       a Content-Length larger than the body sent, then close
``drip``        the body at one byte every `interval` seconds
``gzip_bomb``   ``Content-Encoding: gzip`` that inflates to `size` bytes of zeros
``headers``     the file with these response headers replacing the site's (e.g. a wrong charset)
==============  ==================================================================================

`Attacker` is a second server, on another port, standing for a host outside the catalogue: it
answers anything with a fake statistic and counts the requests that reached it (there must be
none).
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

from tests.site_server import FixtureSite, RequestRecord, _QuietServer, _response_for, _SiteHandler

__all__ = ["Attacker", "Fault", "FaultSite"]


@dataclass(frozen=True)
class Fault:
    """How one canonical URL misbehaves (see the module docstring)."""

    kind: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    interval: float = 0.25
    size: int = 200_000_000


_BOMB_CACHE: dict[int, bytes] = {}


def _bomb(size: int) -> bytes:
    if size not in _BOMB_CACHE:
        _BOMB_CACHE[size] = gzip.compress(b"\0" * size, compresslevel=9, mtime=0)
    return _BOMB_CACHE[size]


class FaultSite(FixtureSite):
    """A FixtureSite whose `faults` ({"host/path": Fault}) replace the answers for those URLs."""

    def __init__(self, root: Path | str, faults: dict[str, Fault] | None = None) -> None:
        super().__init__(root)
        self.faults = dict(faults or {})
        self.stopping = threading.Event()
        for fault in self.faults.values():  # compress before serving, not within the client's deadline
            if fault.kind == "gzip_bomb":
                _bomb(fault.size)

    def start(self) -> FaultSite:
        site = self

        class Handler(_FaultHandler):
            pass

        Handler.site = site
        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        serve = self._server.serve_forever
        self._thread = threading.Thread(target=serve, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        super().stop()


class _FaultHandler(_SiteHandler):
    site: FaultSite

    def _serve(self, send_body: bool) -> None:
        parts = urlsplit(self.path)
        host, _, rest = parts.path.lstrip("/").partition("/")
        canonical = "/" + rest + (f"?{parts.query}" if parts.query else "")
        fault = self.site.faults.get(f"{host}{canonical}")
        if fault is None:
            super()._serve(send_body)
            return
        self.site.requests.append(
            RequestRecord(self.command, host, canonical, dict(self.headers.items()), fault.status)
        )
        file = self.site.resolve(host, "/" + rest, parts.query)
        _, headers, body = _response_for(file, {})
        getattr(self, f"_fault_{fault.kind}")(fault, headers, body)

    # ---- the faults --------------------------------------------------------------------------
    def _fault_status(self, fault: Fault, headers: dict, body: bytes) -> None:
        self._head(fault.status, {"Content-Type": "text/plain", **fault.headers}, 0)

    def _fault_headers(self, fault: Fault, headers: dict, body: bytes) -> None:
        self._head(200, {**headers, **fault.headers}, len(body))
        self.wfile.write(body)

    def _fault_hang(self, fault: Fault, headers: dict, body: bytes) -> None:
        self.site.stopping.wait(120)
        self.close_connection = True

    def _fault_reset(self, fault: Fault, headers: dict, body: bytes) -> None:
        self._head(200, headers, len(body))
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True

    def _fault_short(self, fault: Fault, headers: dict, body: bytes) -> None:
        self._head(200, headers, len(body) + 1000)
        self.wfile.write(body)
        self.close_connection = True

    def _fault_drip(self, fault: Fault, headers: dict, body: bytes) -> None:
        self._head(200, headers, len(body))
        for i in range(len(body)):
            if self.site.stopping.wait(fault.interval):
                break
            try:
                self.wfile.write(body[i : i + 1])
                self.wfile.flush()
            except OSError:  # the client gave up: that is the point
                break
        self.close_connection = True

    def _fault_gzip_bomb(self, fault: Fault, headers: dict, body: bytes) -> None:
        bomb = _bomb(fault.size)
        self._head(200, {**headers, "Content-Encoding": "gzip"}, len(bomb))
        with contextlib.suppress(OSError):  # the client stops reading at its cap
            self.wfile.write(bomb)
        self.close_connection = True

    def _head(self, status: int, headers: dict, length: int) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(length))
        self.end_headers()


class Attacker:
    """A server outside the catalogue: any request gets a fake 99 999-case statistic, and is counted."""

    BODY = b"Year,Offence,Number\r\n2024,Technology Crime,99999\r\n"

    def __init__(self) -> None:
        self.requests: list[str] = []
        self._server: _QuietServer | None = None

    def __enter__(self) -> Attacker:
        attacker = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server naming
                attacker.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/csv")
                self.send_header("Content-Length", str(len(Attacker.BODY)))
                self.end_headers()
                self.wfile.write(Attacker.BODY)

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def netloc(self) -> str:
        assert self._server is not None
        return f"127.0.0.1:{self._server.server_address[1]}"


def wait_until(predicate, timeout: float = 5.0) -> bool:  # noqa: ANN001 - test helper
    """Poll `predicate` until it is true or `timeout` passes."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()
