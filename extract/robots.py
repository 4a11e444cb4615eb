"""robots.txt as a policy object: parsed by protego, with explicit rules for when it cannot be read.

What the answer to ``GET /robots.txt`` means (RFC 9309, leaning conservative where it leaves room):

* 200: the rules apply (matched against our User-Agent); ``Crawl-delay`` is honoured.
* 404, 410 and other 4xx except 401/403/429: there are no rules; everything is allowed.
* 401/403: the site hides its rules from us; we treat the host as disallowed.
* 429, 5xx, timeouts, resets (after the client's retries), a redirect off the catalogue, or a body
  that is not UTF-8: the rules are unknown, so the host is treated as **disallow-all for the rest
  of the run**; the next run asks again. This is the conservative reading: we never crawl a host
  whose rules we could not read. When the cause was transient (429, 5xx, network) the client
  raises `TransientFetchError` rather than `RobotsDisallowed`, so a scheduler retries the source
  later instead of giving it up (`transient=True` on the policy).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

__all__ = ["RobotsPolicy", "reusable_answer", "robots_url"]

_ALLOW_ALL_STATUSES = range(400, 500)
_DENY_STATUSES = {401, 403, 429}


def reusable_answer(status: int) -> bool:
    """A robots.txt answer that states the rules (200, or a 4xx meaning none), so a later run may
    reuse it for a while (RFC 9309 2.4); refusals, 5xx and no answer are asked again."""
    return status == 200 or (status in _ALLOW_ALL_STATUSES and status not in _DENY_STATUSES)


def robots_url(url: str) -> str:
    """The robots.txt URL governing `url` (same scheme, host and port)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


@dataclass(frozen=True)
class RobotsPolicy:
    """The rules of one host for this run. `deny_reason` set means every URL is refused."""

    url: str
    parser: Protego | None = None
    deny_reason: str | None = None
    status: int = 0
    transient: bool = False  # the rules could not be read for a reason that may pass

    @classmethod
    def from_response(cls, url: str, status: int, body: bytes) -> RobotsPolicy:
        """Interpret a robots.txt response (after redirects) as the module docstring describes."""
        if status == 200:
            try:
                text = body.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                reason = f"robots.txt is not UTF-8 ({exc.reason} at byte {exc.start})"
                return cls.deny_all(url, reason, status)
            return cls(url, Protego.parse(text), status=status)
        if status in _DENY_STATUSES:
            return cls.deny_all(url, f"robots.txt answered HTTP {status}", status, transient=status == 429)
        if status in _ALLOW_ALL_STATUSES:
            return cls(url, None, status=status)
        return cls.deny_all(url, f"robots.txt answered HTTP {status}", status, transient=status >= 500)

    @classmethod
    def deny_all(cls, url: str, reason: str, status: int = 0, *, transient: bool = False) -> RobotsPolicy:
        """A policy refusing everything on the host, remembering why."""
        reason = f"{reason}; host treated as disallow-all for this run"
        return cls(url, None, deny_reason=reason, status=status, transient=transient)

    def allows(self, url: str, user_agent: str) -> bool:
        """True when `url` (canonical) may be fetched by `user_agent`."""
        if self.deny_reason:
            return False
        return self.parser is None or self.parser.can_fetch(url, user_agent)

    def refusal(self, url: str) -> str:
        """Why `url` is refused, for the error message."""
        return self.deny_reason or f"disallowed by {self.url}"

    def crawl_delay(self, user_agent: str) -> float | None:
        """Seconds the site asks between requests from `user_agent`, if it says."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None
