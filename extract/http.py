"""PoliteClient: the only way cyberstats talks to the web.

One client is one run. It obeys DESIGN section 6:

* only catalogue hosts; redirects are followed by hand (at most 5) and each target is checked;
* robots.txt read once per host per client and obeyed (`extract.robots` says how a robots.txt
  that cannot be read is treated: disallow-all for the run); with `robots_max_age`, an answer
  archived less than that long ago (a 200 or a 4xx other than 401/403/429) is reused without
  a request, as RFC 9309 section 2.4 allows for up to 24 hours;
* one request at a time per host (a lock per host and a pool of one connection per host) and
  at least ``max(min_interval, Crawl-delay)`` seconds from the end of one request to the start of
  the next; 429/503 lengthen that gap for the rest of the run, honouring Retry-After; nothing
  ever shortens it;
* transient failures (timeouts, connection errors and resets, 408, 429, 5xx) retried up to
  `max_retries` times (so ``1 + max_retries`` attempts) with exponential backoff and jitter;
  404/410, robots refusals and off-catalogue redirects fail at once;
* conditional GET from the archive's last good fetch; bodies streamed and capped at `max_bytes`;
* every URL (catalogue, feed item, CKAN resource, redirect target) is read once by
  `extract.urlsafe.safe_url` and rebuilt; what two URL parsers could read differently is refused,
  and just before sending, the host urllib3 will connect to is checked against the one approved;
* each request has a total deadline (`request_deadline`: headers and body, however slowly they
  drip, `extract.deadline`) and each host a time budget per run (`host_budget`: waits, retries
  and requests together); a host whose name does not resolve is given up for the run at once;
* every fetch, failed or not, leaves a manifest row; every body is archived before it is parsed.

Time is injected (`sleep`, `clock`, `now`) so tests check spacing without waiting.
The manifest `encoding` is what the body itself declares (byte-order mark, Content-Type charset,
``<meta charset>`` or XML declaration) and None when it declares nothing (e.g. the Big5 CSV):
parsers decode with `extract.encoding.decode_body`, passing their own fallback.
"""

from __future__ import annotations

import hashlib
import logging
import random
import re
import socket
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urljoin, urlsplit

import requests
from urllib3.exceptions import NameResolutionError

from extract.archive import ROBOTS_SOURCE_ID, ManifestEntry, RawArchive, utc_iso
from extract.catalogue import ALLOWED_HOSTS
from extract.deadline import Deadline, DeadlineAdapter
from extract.document import Document
from extract.encoding import detect_encoding
from extract.exceptions import (
    ArchiveError,
    BodyTooLarge,
    FetchError,
    HostBudgetSpent,
    HostUnresolved,
    NotFound,
    OffCatalogueHost,
    RobotsDisallowed,
    TransientFetchError,
    UnsafeUrl,
)
from extract.robots import RobotsPolicy, reusable_answer, robots_url
from extract.urlmap import map_url, unmap_url
from extract.urlsafe import UnsafeUrlError, connect_host, safe_url

__all__ = ["DEFAULT_USER_AGENT", "MAX_REDIRECTS", "FetchOutcome", "PoliteClient"]

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "cyberstats/0.1 (+https://github.com/cyberstats/cyberstats; data pipeline)"
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
SLOW_DOWN_STATUSES = frozenset({429, 503})  # the server asks us to back off: the host gap grows
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchOutcome:
    """Result of one fetch. `document` is set only for "new" (a body not yet archived for this URL)."""

    url: str
    source_id: str
    status: Literal["new", "not_modified", "unchanged"]
    entry: ManifestEntry
    document: Document | None = None


@dataclass
class _Host:
    """Politeness state of one host for this run."""

    delay: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    robots_lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0  # clock value before which no request may start
    last_end: float = 0.0
    robots: RobotsPolicy | None = None
    first_at: float | None = None  # clock value of the host's first request in this run (its budget)
    unresolved: str | None = None  # why the name did not resolve: the host is given up for the run


@dataclass(frozen=True)
class _Response:
    """A completed exchange: status, headers, body (read only for 200) and the canonical URL it came from."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str


class _Retryable(Exception):
    """Internal: a failure worth another attempt, with what the server said about waiting."""

    def __init__(self, url: str, message: str, status: int = 0, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.url, self.message, self.status, self.retry_after = url, message, status, retry_after


def _host_key(url: str) -> str:
    return urlsplit(url).netloc.rpartition("@")[2].lower()


class PoliteClient:
    """Fetch catalogue URLs politely into a RawArchive (see module docstring)."""

    def __init__(
        self,
        archive: RawArchive,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        url_map: Mapping[str, str] | None = None,
        min_interval: float = 1.0,
        connect_timeout: float = 5,
        read_timeout: float = 30,
        max_bytes: int = 20_000_000,
        max_retries: int = 4,
        backoff_base: float = 1.0,
        backoff_cap: float = 60,
        max_wait: float = 300,
        request_deadline: float = 120,
        host_budget: float = 900,
        allowed_hosts: Collection[str] = ALLOWED_HOSTS,
        proxies: Mapping[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: Callable[[], float] = random.random,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        before_request: Callable[[str], None] | None = None,
        robots_max_age: float = 0.0,
    ) -> None:
        """`max_wait`: a host asking for a longer pause (Retry-After) fails fast instead of stalling the run.

        `proxies` are passed to requests explicitly; the environment is not read (trust_env off).
        `before_request` is called with the canonical host name in the host's turn, just before each
        request (robots.txt included): the place for a gate shared with other runs (flows/concurrency.py).
        `request_deadline`: seconds one request may take in all; `host_budget`: seconds one host may
        take in this run, from its first request (waits and retries included).
        `robots_max_age`: seconds an archived robots.txt answer stays good for later clients (0: never).
        """
        if not re.search(r"https?://\S+", user_agent):
            raise ValueError(f"user_agent {user_agent!r} must carry a contact URL (http:// or https://)")
        self.archive, self.user_agent = archive, user_agent
        self.url_map = {host: safe_url(base, allow_ip=True) for host, base in (url_map or {}).items()}
        self.min_interval, self.max_bytes, self.max_retries = min_interval, max_bytes, max_retries
        self.timeout = (connect_timeout, read_timeout)
        self.backoff_base, self.backoff_cap, self.max_wait = backoff_base, backoff_cap, max_wait
        self.request_deadline, self.host_budget = request_deadline, host_budget
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)
        self._sleep, self._clock, self._rng, self._now = sleep, clock, rng, now
        self._before_request = before_request
        self.robots_max_age = robots_max_age
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self.session = self._make_session(proxies)

    def _make_session(self, proxies: Mapping[str, str] | None) -> requests.Session:
        session = requests.Session()
        session.trust_env = False
        session.proxies.update(proxies or {})
        session.headers["User-Agent"] = self.user_agent
        adapter = DeadlineAdapter(pool_connections=32, pool_maxsize=1, pool_block=True, max_retries=0)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def close(self) -> None:
        """Close pooled connections."""
        self.session.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- public ------------------------------------------------------------------------------
    def fetch(self, source_id: str, url: str, *, conditional: bool = True) -> FetchOutcome:
        """Fetch canonical `url` for `source_id`, archive what came back, and say whether it is new.

        Raises a `FetchError` subclass (after recording a manifest row) when no usable body came.
        """
        try:
            url = self.check_url(source_id, url)
        except FetchError as exc:
            self._record_failure(source_id, str(url), exc)
            raise
        prior = self.archive.last_good(url) if conditional else None
        try:
            response = self._get(source_id, url, self._conditional_headers(prior))
            return self._outcome(source_id, url, response, prior)
        except FetchError as exc:
            self._record_failure(source_id, url, exc)
            raise

    def robots_for(self, url: str) -> RobotsPolicy:
        """The robots policy governing `url`, read (once per host per client) if not known yet."""
        host = self._host(url)
        with host.robots_lock:
            if host.robots is None:
                host.robots = self._read_robots(url)
                delay = host.robots.crawl_delay(self.user_agent)
                if delay is not None and delay > host.delay:
                    host.delay = delay
                    host.next_at = max(host.next_at, host.last_end + delay)
            return host.robots

    def host_delay(self, url: str) -> float:
        """Current minimum gap in seconds between requests to the host of `url`."""
        return self._host(url).delay

    def check_url(self, source_id: str, url: str, came_from: str | None = None) -> str:
        """`url` rebuilt by `safe_url` if safe and on a catalogue host; else UnsafeUrl or OffCatalogueHost."""
        try:
            clean = safe_url(url)
        except UnsafeUrlError as exc:
            if came_from is None:
                raise UnsafeUrl(source_id, url, f"refused before any request: {exc}") from None
            message = f"redirected to {url!r}, refused: {exc}"
            raise UnsafeUrl(source_id, came_from, message) from None
        self._check_host(source_id, clean, came_from)
        return clean

    # ---- checks ------------------------------------------------------------------------------
    def _check_host(self, source_id: str, url: str, came_from: str | None = None) -> None:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme in ("http", "https") and host in self.allowed_hosts:
            return
        if came_from is None:
            message = f"host {host!r} is not in the source catalogue; not fetched"
            raise OffCatalogueHost(source_id, url, message)
        raise OffCatalogueHost(
            source_id,
            came_from,
            f"redirected to {url}, whose host {host!r} is not in the source catalogue; refused",
            target=url,
        )

    def _check_robots(self, source_id: str, url: str) -> None:
        policy = self.robots_for(url)
        self._check_host_state(source_id, url, self._host(url))
        if policy.allows(url, self.user_agent):
            return
        if policy.transient:
            message = f"not fetched: {policy.refusal(url)}"
            raise TransientFetchError(source_id, url, message, status=policy.status)
        raise RobotsDisallowed(source_id, url, f"robots.txt refuses it: {policy.refusal(url)}")

    @staticmethod
    def _conditional_headers(prior: ManifestEntry | None) -> dict[str, str]:
        headers: dict[str, str] = {}
        if prior and prior.etag:
            headers["If-None-Match"] = prior.etag
        if prior and prior.last_modified:
            headers["If-Modified-Since"] = prior.last_modified
        return headers

    # ---- robots ------------------------------------------------------------------------------
    def _read_robots(self, url: str) -> RobotsPolicy:
        """Fetch and archive robots.txt of the host of `url`; any failure means disallow-all (robots.py)."""
        target = robots_url(url)
        cached = self._recent_robots(target)
        if cached is not None:
            return cached
        try:
            response = self._get(ROBOTS_SOURCE_ID, target, {}, check_robots=False)
        except FetchError as exc:
            self._record_failure(ROBOTS_SOURCE_ID, target, exc)
            log.warning("robots.txt unavailable for %s: %s", _host_key(url), exc)
            reason = f"robots.txt could not be read ({exc.message})"
            transient = isinstance(exc, TransientFetchError)
            return RobotsPolicy.deny_all(target, reason, exc.status, transient=transient)
        sha = self.archive.store_body(response.body) if response.status == 200 else None
        self.archive.record(self._entry(ROBOTS_SOURCE_ID, target, response, sha))
        return RobotsPolicy.from_response(target, response.status, response.body)

    def _recent_robots(self, target: str) -> RobotsPolicy | None:
        """The policy of an archived robots.txt answer younger than `robots_max_age`, or None.

        Only answers that say what the rules are count: a 200 whose body is archived, or a 4xx
        meaning "no rules"; a refusal (401/403/429), a 5xx or no answer is asked again.
        """
        if self.robots_max_age <= 0:
            return None
        row = self.archive.index.latest(target)
        if row is None or not reusable_answer(row.status) or (row.status == 200 and not row.sha256):
            return None
        age = (self._now() - row.fetched_at_dt).total_seconds()
        if not 0 <= age < self.robots_max_age:
            return None
        try:
            body = self.archive.read(row.sha256) if row.sha256 else b""
        except ArchiveError as exc:
            log.warning("archived robots.txt %s unreadable (%s): asking the host again", target, exc)
            return None
        return RobotsPolicy.from_response(target, row.status, body)

    # ---- the exchange ------------------------------------------------------------------------
    def _get(
        self, source_id: str, url: str, headers: dict[str, str], *, check_robots: bool = True
    ) -> _Response:
        """Follow `url` to a final response, retrying transient failures with backoff."""
        attempts = self.max_retries + 1
        last: _Retryable | None = None
        for attempt in range(1, attempts + 1):
            try:
                return self._follow(source_id, url, headers, check_robots)
            except _Retryable as exc:
                last = exc
                log.warning(
                    "[%s] %s: attempt %d/%d failed: %s", source_id, url, attempt, attempts, exc.message
                )
                if attempt < attempts:
                    self._back_off(exc, attempt, source_id)
        assert last is not None
        raise TransientFetchError(
            source_id,
            url,
            f"gave up after {attempts} attempts; last error: {last.message}",
            attempts=attempts,
            last_error=last.message,
            status=last.status,
        )

    def _follow(self, source_id: str, url: str, headers: dict[str, str], check_robots: bool) -> _Response:
        """One attempt: request `url` and follow up to MAX_REDIRECTS redirects, checking each target."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if check_robots:
                self._check_robots(source_id, current)
            response = self._request(source_id, current, headers)
            if response.status not in REDIRECT_STATUSES:
                return response
            current = self._redirect_target(source_id, current, response)
        raise FetchError(source_id, url, f"more than {MAX_REDIRECTS} redirects (last to {current})")

    def _redirect_target(self, source_id: str, current: str, response: _Response) -> str:
        location = response.headers.get("Location")
        if not location:
            raise FetchError(source_id, current, f"HTTP {response.status} redirect without a Location header")
        if "\\" in location:  # urljoin and browsers disagree on what "\\host" means: never join it
            message = f"redirected to {location!r}, refused: it contains a backslash"
            raise UnsafeUrl(source_id, current, message)
        absolute = urljoin(map_url(current, self.url_map), location.strip())
        target = unmap_url(absolute, self.url_map, scheme=urlsplit(current).scheme)
        return self.check_url(source_id, target, came_from=current)

    def _request(self, source_id: str, url: str, headers: dict[str, str]) -> _Response:
        """One HTTP GET in the host's turn; transient outcomes raise _Retryable."""
        host = self._host(url)
        with host.lock:
            self._check_host_state(source_id, url, host)
            self._wait_turn(source_id, url, host)
            if host.first_at is None:
                host.first_at = self._clock()
            if self._before_request is not None:
                self._before_request((urlsplit(url).hostname or "").lower())
            pause = host.delay
            try:
                return self._send(source_id, url, headers, self._deadline_for(host))
            except HostUnresolved as exc:
                host.unresolved = exc.message
                raise
            except _Retryable as exc:
                if exc.status in SLOW_DOWN_STATUSES:
                    pause = self._slow_down(host, exc.retry_after or 0.0)
                raise
            finally:
                host.last_end = self._clock()
                host.next_at = max(host.next_at, host.last_end + pause)

    def _send(self, source_id: str, url: str, headers: dict[str, str], seconds: float) -> _Response:
        target = self._connect_target(source_id, url)
        deadline = Deadline(seconds)
        try:
            with (
                deadline,
                self.session.get(
                    target, headers=headers, stream=True, timeout=self.timeout, allow_redirects=False
                ) as r,
            ):
                status = r.status_code
                if status in SLOW_DOWN_STATUSES or status == 408 or status >= 500:
                    raise _Retryable(url, f"HTTP {status} {r.reason}", status, self._retry_after(r))
                body = self._read_capped(source_id, url, r) if status == 200 else b""
                return _Response(status, r.headers, body, url)
        except (requests.Timeout, requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            if deadline.expired:
                raise _Retryable(url, f"no complete response within the {seconds:.1f} s deadline") from exc
            if _unresolved(exc):
                message = f"the host name does not resolve ({exc}); given up for this run"
                raise HostUnresolved(source_id, url, message) from exc
            raise _Retryable(url, f"{type(exc).__name__}: {exc}") from exc
        except requests.RequestException as exc:
            raise FetchError(source_id, url, f"request failed: {type(exc).__name__}: {exc}") from exc

    def _connect_target(self, source_id: str, url: str) -> str:
        """The URL handed to requests, after confirming urllib3 will connect where we checked."""
        target = map_url(url, self.url_map)
        mapped = target != url
        expected = urlsplit(target if mapped else url)
        host, port, userinfo = connect_host(target)
        if userinfo or host != (expected.hostname or "") or port != expected.port:
            message = f"the HTTP library would connect to {host}:{port}, not the approved {expected.netloc}"
            raise UnsafeUrl(source_id, url, message)
        return target

    def _read_capped(self, source_id: str, url: str, r: requests.Response) -> bytes:
        """The (decompressed) body, refused with BodyTooLarge as soon as it passes max_bytes."""
        declared = r.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            message = f"Content-Length {declared} exceeds the cap of {self.max_bytes} bytes; refused"
            raise BodyTooLarge(source_id, url, message, status=r.status_code)
        chunks, total = [], 0
        for chunk in r.iter_content(_CHUNK):
            total += len(chunk)
            if total > self.max_bytes:
                message = f"body passed the cap of {self.max_bytes} bytes; refused"
                raise BodyTooLarge(source_id, url, message, status=r.status_code)
            chunks.append(chunk)
        return b"".join(chunks)

    # ---- politeness --------------------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        key = _host_key(url)
        with self._hosts_lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(delay=self.min_interval)
            return self._hosts[key]

    def _wait_turn(self, source_id: str, url: str, host: _Host) -> None:
        now = self._clock()
        wait = host.next_at - now
        if wait > self.max_wait:
            message = f"host asked us to wait {wait:.0f} s, more than max_wait={self.max_wait:.0f} s"
            raise TransientFetchError(source_id, url, message)
        if host.first_at is not None and now + max(wait, 0.0) - host.first_at >= self.host_budget:
            message = (
                f"the host's time budget of {self.host_budget:g} s for this run would be spent "
                f"before this request could start; tried again next run"
            )
            raise HostBudgetSpent(source_id, url, message)
        if wait > 0:
            self._sleep(wait)

    def _check_host_state(self, source_id: str, url: str, host: _Host) -> None:
        """Fail fast on a host given up for this run (its name did not resolve)."""
        if host.unresolved is not None:
            raise HostUnresolved(source_id, url, f"not fetched: {host.unresolved}")

    def _deadline_for(self, host: _Host) -> float:
        """This request's total deadline: the per-request one, or what is left of the host's budget."""
        assert host.first_at is not None
        left = self.host_budget - (self._clock() - host.first_at)
        return max(0.05, min(self.request_deadline, left))

    def _slow_down(self, host: _Host, retry_after: float) -> float:
        """After 429/503: double the host's gap for the run (capped, never reduced); return the pause now."""
        host.delay = max(host.delay, min(self.backoff_cap, max(2 * host.delay, retry_after)))
        return max(host.delay, retry_after)

    def _back_off(self, exc: _Retryable, attempt: int, source_id: str) -> None:
        """Push the failing host's next turn out by exponential backoff with jitter (never pulls it in)."""
        ceiling = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
        delay = ceiling * (0.5 + 0.5 * self._rng())
        host = self._host(exc.url)
        with host.lock:
            host.next_at = max(host.next_at, self._clock() + delay)

    def _retry_after(self, r: requests.Response) -> float | None:
        """Retry-After as seconds from now (delta-seconds or HTTP-date); None when absent or unreadable."""
        value = (r.headers.get("Retry-After") or "").strip()
        if value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - self._now()).total_seconds())

    # ---- results -----------------------------------------------------------------------------
    def _entry(
        self, source_id: str, url: str, response: _Response, sha: str | None, note: str | None = None
    ) -> ManifestEntry:
        content_type = response.headers.get("Content-Type")
        return ManifestEntry(
            url=url,
            source_id=source_id,
            fetched_at=utc_iso(self._now()),
            status=response.status,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            sha256=sha,
            content_type=content_type,
            encoding=detect_encoding(response.body, content_type=content_type) if sha else None,
            bytes=len(response.body),
            note=note,
            final_url=response.url if response.url != url else None,
        )

    def _outcome(
        self, source_id: str, url: str, response: _Response, prior: ManifestEntry | None
    ) -> FetchOutcome:
        if response.status == 200:
            return self._body_outcome(source_id, url, response)
        if response.status == 304 and prior is not None:
            return self._not_modified(source_id, url, response, prior)
        if response.status == 304:  # no prior: nothing was asked conditionally, nothing to reuse
            message = "HTTP 304 Not Modified, but the raw archive holds no earlier copy of this URL to reuse"
            raise FetchError(source_id, url, message, status=304)
        if response.status in (404, 410):
            message = f"HTTP {response.status}: the document is gone"
            raise NotFound(source_id, url, message, status=response.status)
        raise FetchError(
            source_id, url, f"unexpected HTTP {response.status} (expected 200 or 304)", status=response.status
        )

    def _body_outcome(self, source_id: str, url: str, response: _Response) -> FetchOutcome:
        seen = self.archive.has_body_for(url, _sha(response.body))
        sha = self.archive.store_body(response.body)
        entry = self._entry(source_id, url, response, sha, note="unchanged" if seen else None)
        self.archive.record(entry)
        if seen:
            return FetchOutcome(url, source_id, "unchanged", entry)
        return FetchOutcome(url, source_id, "new", entry, self.archive.document(entry, body=response.body))

    def _not_modified(
        self, source_id: str, url: str, response: _Response, prior: ManifestEntry
    ) -> FetchOutcome:
        entry = ManifestEntry(
            url=url,
            source_id=source_id,
            fetched_at=utc_iso(self._now()),
            status=304,
            etag=response.headers.get("ETag") or prior.etag,
            last_modified=response.headers.get("Last-Modified") or prior.last_modified,
            content_type=prior.content_type,
            note="not_modified",
            final_url=response.url if response.url != url else None,
        )
        self.archive.record(entry)
        return FetchOutcome(url, source_id, "not_modified", entry)

    def _record_failure(self, source_id: str, url: str, exc: FetchError) -> None:
        note = f"{type(exc).__name__}: {exc.message}"
        if isinstance(exc, RobotsDisallowed):
            note = f"robots: {exc.message}"
        when = utc_iso(self._now())
        self.archive.record(ManifestEntry(url, source_id, when, status=exc.status, note=note))


def _unresolved(exc: BaseException) -> bool:
    """True when a requests error was caused by a name that does not resolve (offline, no DNS)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, NameResolutionError | socket.gaierror):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__ or _reason(current)
    return False


def _reason(exc: BaseException) -> BaseException | None:
    """urllib3 keeps the underlying error in `.reason`, requests in `.args[0]`."""
    reason = getattr(exc, "reason", None)
    if isinstance(reason, BaseException):
        return reason
    first = exc.args[0] if exc.args else None
    return first if isinstance(first, BaseException) else None


def _sha(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
