"""A total deadline per HTTP request: headers and body must arrive within it, however slowly they drip.

Socket timeouts in requests/urllib3 bound each single read, so a server sending one byte per
second never times out. `Deadline` is a watchdog: a timer that, when it fires, shuts down the
socket of the connection the request is using, which wakes the blocked read at once. The
connection is found through the connection pools, which report every connection they hand out
to the deadline active in the calling thread (`DeadlineAdapter`).
"""

from __future__ import annotations

import contextlib
import socket
import threading

from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

__all__ = ["Deadline", "DeadlineAdapter"]

_active = threading.local()


class Deadline:
    """Context manager: the request made inside it is cut off after `seconds` (`expired` then True)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._conn = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        _active.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()
        _active.deadline = None

    def attach(self, conn) -> None:  # noqa: ANN001 - a urllib3 HTTPConnection
        """Watch `conn` (called by the pool when it hands the connection out)."""
        with self._lock:
            self._conn = conn
            if self.expired:
                self._shut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shut()

    def _shut(self) -> None:
        sock = getattr(self._conn, "sock", None)
        if sock is None:
            return
        with contextlib.suppress(OSError):  # already closed: nothing left to cut off
            sock.shutdown(socket.SHUT_RDWR)


class _Watched(HTTPConnectionPool):
    """A pool that reports each connection it hands out to the deadline active in this thread."""

    def _get_conn(self, timeout=None):  # noqa: ANN001, ANN202 - urllib3's signature
        conn = super()._get_conn(timeout)
        deadline = getattr(_active, "deadline", None)
        if deadline is not None:
            deadline.attach(conn)
        return conn


class _WatchedHTTPPool(_Watched, HTTPConnectionPool):
    pass


class _WatchedHTTPSPool(_Watched, HTTPSConnectionPool):
    pass


class DeadlineAdapter(HTTPAdapter):
    """An HTTPAdapter whose pools report their connections to the active `Deadline`."""

    def init_poolmanager(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - requests' signature
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}
