"""Errors raised while getting bytes. One root, and every message names the source, the URL and what happened.

`FetchError` is the root of everything that can go wrong fetching one URL. `is_transient` tells a
scheduler (Prefect `retry_condition_fn`) whether trying the whole task again later may help.
Archive damage is not a fetch failure: it has its own branch under `ExtractError`.
"""

from __future__ import annotations

from extract.errors import CyberstatsError

__all__ = [
    "ArchiveCorrupt",
    "ArchiveError",
    "ArchiveMissing",
    "BodyTooLarge",
    "DecodeFailed",
    "ExtractError",
    "FetchError",
    "HostBudgetSpent",
    "HostUnresolved",
    "NotFound",
    "OffCatalogueHost",
    "RobotsDisallowed",
    "TransientFetchError",
    "UnsafeUrl",
    "is_transient",
    "retry_in_run",
]


class ExtractError(CyberstatsError):
    """Root of every failure in the extract layer (under the project's root, `CyberstatsError`)."""

    stage = "fetch"


class FetchError(ExtractError):
    """Fetching `url` for `source_id` failed; `message` says what happened.

    `status` is the HTTP status of the last response, or 0 when none was received.
    """

    def __init__(self, source_id: str | None, url: str, message: str, *, status: int = 0) -> None:
        self.source_id, self.url, self.message, self.status = source_id, url, message, status
        super().__init__(f"[{source_id or '-'}] {url}: {message}")

    def __reduce__(self):  # keep the three-argument constructor picklable (Prefect stores exceptions)
        return (self.__class__, (self.source_id, self.url, self.message), self.__dict__)


class RobotsDisallowed(FetchError):
    """robots.txt forbids the URL (or could not be read, which counts as forbidding); never retried."""


class NotFound(FetchError):
    """The server answered 404 or 410: the document is gone; retrying will not bring it back."""

    def __init__(self, source_id: str | None, url: str, message: str, *, status: int = 404) -> None:
        super().__init__(source_id, url, message, status=status)


class OffCatalogueHost(FetchError):
    """The URL, or a redirect target, is on a host that the source catalogue does not name."""

    def __init__(
        self, source_id: str | None, url: str, message: str, *, target: str | None = None, status: int = 0
    ) -> None:
        super().__init__(source_id, url, message, status=status)
        self.target = target


class BodyTooLarge(FetchError):
    """The body was longer than the cap; it was refused and not archived."""


class TransientFetchError(FetchError):
    """Timeouts, resets, 429 or 5xx persisted through every attempt; a later run may succeed."""

    def __init__(
        self,
        source_id: str | None,
        url: str,
        message: str,
        *,
        attempts: int = 0,
        last_error: str = "",
        status: int = 0,
    ) -> None:
        super().__init__(source_id, url, message, status=status)
        self.attempts, self.last_error = attempts, last_error


class HostUnresolved(TransientFetchError):
    """The host name did not resolve: terminal for that host in this run (no retries), tried next run."""


class HostBudgetSpent(TransientFetchError):
    """The host used up its time budget for this run (slow, hanging or rate-limiting); tried next run."""


class UnsafeUrl(OffCatalogueHost):
    """A URL that two parsers could read differently (backslash, userinfo, IP literal...); never fetched."""


class DecodeFailed(FetchError):
    """The bytes are not valid in the encoding that was declared or assumed (strict decoding)."""

    def __init__(self, source_id: str | None, url: str, message: str, *, encoding: str = "") -> None:
        super().__init__(source_id, url, message)
        self.encoding = encoding


class ArchiveError(ExtractError):
    """The raw archive cannot give back what it was asked for."""


class ArchiveMissing(ArchiveError):
    """No object is stored under the requested hash."""


class ArchiveCorrupt(ArchiveError):
    """A stored object no longer matches its hash or is not valid gzip; the message names the file."""


def retry_in_run(exc: BaseException) -> bool:
    """False for transient failures that another try in the same run cannot cure (DNS, spent budget)."""
    return not isinstance(exc, HostUnresolved | HostBudgetSpent)


def is_transient(exc: BaseException) -> bool:
    """True when trying again later may succeed: only `TransientFetchError` (and raw network errors)."""
    if isinstance(exc, TransientFetchError):
        return True
    if isinstance(exc, ExtractError):
        return False
    try:
        import requests
    except ImportError:  # pragma: no cover - requests is a hard dependency
        return False
    return isinstance(exc, requests.Timeout | requests.ConnectionError)
