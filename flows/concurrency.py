"""Limits shared by every flow run that talks to one Prefect server: per-host politeness, one DuckDB writer.

One `PoliteClient` keeps its own run polite (a lock and a minimum gap per host). Two runs at once
(the hourly news run overlapping the daily statistics run, a backfill started by hand) would each
keep their own gap and together hit a host twice as often. Prefect global concurrency limits,
held by the server, are the shared gate:

* ``cyberstats-host-<host>`` — a *rate limit* (a limit with slot decay) taken before every request
  to that host by every run: ``prefect gcl create cyberstats-host-www.police.gov.hk --limit 1
  --slot-decay-per-second 1`` allows about one request per second to the host across all runs.
* ``duckdb-writer`` — a concurrency limit of 1 held around the publish step, so two runs never
  open the DuckDB file for writing at once (the second would fail at once on DuckDB's file lock):
  ``prefect gcl create duckdb-writer --limit 1``.

Neither limit is required. Where the server has no such limit, or there is no server to ask
(``cyberstats run`` with the temporary local API, a server that went away), the gate lets the
request through with a debug log, and each run is only as polite as its own client.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger("cyberstats")

HOST_LIMIT_PREFIX = "cyberstats-host-"
WRITER_LIMIT = "duckdb-writer"
# How long a request waits for its host's shared slot before the run gives up on it.
HOST_SLOT_TIMEOUT_SECONDS = 600.0
# How long a publish waits for another run's publish to finish.
WRITER_SLOT_TIMEOUT_SECONDS = 1800.0

# name -> the server's limit (with .active and .slot_decay_per_second), or None
LimitLookup = Callable[[str], Any]
RateAcquire = Callable[[str, float], None]  # (name, timeout_seconds) -> returns once a slot is taken


def host_limit_name(host: str) -> str:
    """The global limit name for a canonical host, e.g. ``cyberstats-host-www.police.gov.hk``."""
    return HOST_LIMIT_PREFIX + host.lower()


def server_limit(name: str) -> Any:
    """The server's global concurrency limit called `name`, or None when it has none.

    Raises whatever the client raises when no server answers; callers treat that as "no limit".
    """
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            return client.read_global_concurrency_limit_by_name(name)
        except ObjectNotFound:
            return None


LIST_PAGE = 200  # limits asked for per request when listing the server's limits


class ServerLimits:
    """`LimitLookup` for many names at one request: the server's limits, listed once, then looked up.

    A run's `HostGate` asks about every host it talks to (seven in a pipeline run); asking by name
    was one API request (and, before, one new API client) per host. Listing them all is one
    request for any number of hosts, and a server without limits answers with an empty list.
    """

    def __init__(self, list_limits: Callable[[int, int], list[Any]] | None = None) -> None:
        self._list = list_limits or _list_server_limits
        self._by_name: dict[str, Any] | None = None
        self._failed: Exception | None = None
        self._lock = threading.Lock()

    def __call__(self, name: str) -> Any:
        """The limit called `name`, or None; raises (each time) what the one listing raised."""
        with self._lock:
            if self._by_name is None and self._failed is None:
                try:
                    self._by_name = self._all()
                except Exception as exc:  # noqa: BLE001 - the caller counts it as "no server to ask"
                    self._failed = exc
            if self._failed is not None:
                raise self._failed
            return (self._by_name or {}).get(name)

    def _all(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        offset = 0
        while True:
            page = self._list(LIST_PAGE, offset)
            found |= {limit.name: limit for limit in page}
            if len(page) < LIST_PAGE:
                return found
            offset += LIST_PAGE


def _list_server_limits(limit: int, offset: int) -> list[Any]:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return client.read_global_concurrency_limits(limit=limit, offset=offset)


def _prefect_rate_limit(name: str, timeout_seconds: float) -> None:
    from prefect.concurrency.sync import rate_limit

    rate_limit(name, occupy=1, timeout_seconds=timeout_seconds, strict=True)


def _find(name: str, lookup: LimitLookup, fallback: str) -> Any:
    """The server's active limit `name` or None; failing to ask counts as none (a debug log says so)."""
    try:
        limit = lookup(name)
    except Exception as exc:  # noqa: BLE001 - no server to ask is a normal way to run
        log.debug("global limit %s not consulted (%s: %s); %s", name, type(exc).__name__, exc, fallback)
        return None
    if limit is None or not getattr(limit, "active", True):
        log.debug("no active global limit %s on the Prefect server; %s", name, fallback)
        return None
    return limit


class HostGate:
    """`PoliteClient(before_request=HostGate())`: take the host's shared rate-limit slot before each request.

    Whether the server holds a limit for a host is asked once per host per gate (one gate per run,
    shared by the run's clients); by default all hosts' answers come from one listing of the
    server's limits (`ServerLimits`), so a run asks the server once, not once per host or request.
    """

    def __init__(
        self,
        lookup: LimitLookup | None = None,
        acquire: RateAcquire = _prefect_rate_limit,
        timeout_seconds: float = HOST_SLOT_TIMEOUT_SECONDS,
    ) -> None:
        self._lookup = lookup or ServerLimits()
        self._acquire, self.timeout_seconds = acquire, timeout_seconds
        self._enabled: dict[str, bool] = {}
        self._lock = threading.Lock()

    def __call__(self, host: str) -> None:
        name = host_limit_name(host)
        if not self._is_enabled(name):
            return
        try:
            self._acquire(name, self.timeout_seconds)
        except TimeoutError as exc:
            raise TimeoutError(
                f"waited {self.timeout_seconds:.0f} s for a slot of global rate limit {name} "
                f"(request to {host}); too many runs share it"
            ) from exc
        except Exception as exc:  # noqa: BLE001 - the server went away or the limit was deleted mid-run
            reason = f"{type(exc).__name__}: {exc}"
            log.debug("global limit %s not usable any more (%s); per-run politeness only", name, reason)
            with self._lock:
                self._enabled[name] = False

    def _is_enabled(self, name: str) -> bool:
        with self._lock:
            if name not in self._enabled:
                self._enabled[name] = self._check(name)
            return self._enabled[name]

    def _check(self, name: str) -> bool:
        limit = _find(name, self._lookup, "per-run politeness only")
        if limit is None:
            return False
        if not getattr(limit, "slot_decay_per_second", 0):
            log.warning(
                "global limit %s has no slot decay, so it cannot space requests; ignored. Recreate it as a "
                "rate limit: prefect gcl create %s --limit 1 --slot-decay-per-second 1",
                name,
                name,
            )
            return False
        return True

    def enabled_limits(self) -> list[str]:
        """Names of the host limits this gate has found on the server and is taking."""
        with self._lock:
            return sorted(name for name, on in self._enabled.items() if on)


class WriterSlot:
    """One run's gate to the warehouse: `with slot.held():` around each publish of the run.

    Whether the server holds a ``duckdb-writer`` limit is asked once per slot (one slot per run),
    so a replay of ten batches asks once, not ten times (each question is a new API client and
    a request, ~40 ms; issue 13); the limit itself is taken around every publish.
    """

    def __init__(
        self, lookup: LimitLookup | None = None, timeout_seconds: float = WRITER_SLOT_TIMEOUT_SECONDS
    ) -> None:
        self._lookup = lookup or server_limit  # resolved here, not at import: tests count the lookups
        self.timeout_seconds = timeout_seconds
        self._asked, self._limit = False, None
        self._lock = threading.Lock()

    def _server_limit(self) -> Any:
        with self._lock:
            if not self._asked:
                self._limit = _find(WRITER_LIMIT, self._lookup, "publishing without a cross-run writer slot")
                self._asked = True
            return self._limit

    @contextmanager
    def held(self) -> Iterator[bool]:
        """Hold the slot while the body writes the warehouse; yields whether a slot is held.

        Without such a limit on the server (or without a server) the body runs at once (debug log).
        """
        if self._server_limit() is None:
            yield False
            return
        from prefect.concurrency.sync import concurrency

        with concurrency(WRITER_LIMIT, occupy=1, timeout_seconds=self.timeout_seconds, strict=True):
            yield True


@contextmanager
def duckdb_writer_slot(
    lookup: LimitLookup | None = None, timeout_seconds: float = WRITER_SLOT_TIMEOUT_SECONDS
) -> Iterator[bool]:
    """Hold the ``duckdb-writer`` slot while the warehouse is written; yields whether a slot is held.

    A one-publish `WriterSlot` (the server is asked each time); runs that publish several times
    keep one `WriterSlot` instead. Without such a limit on the server (or without a server) the
    body runs at once (debug log).
    """
    with WriterSlot(lookup, timeout_seconds).held() as held:
        yield held
