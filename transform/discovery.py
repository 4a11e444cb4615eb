"""Which feed items to (re)fetch, where a feed's cursor moves, and index pages for a backfill.

Feeds are read incrementally: a cursor per feed remembers the newest item seen. Items newer than
the cursor are new; items a little older (the look-back window) are read again because publishers
correct releases after issuing them; anything older that was already seen is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from extract.catalogue import get_source

__all__ = [
    "GIA_INDEX_URL",
    "MAX_BACKFILL_DAYS",
    "advance_cursor",
    "backfill_index_urls",
    "link_target",
    "select_items",
]

GIA_INDEX_URL = "https://www.info.gov.hk/gia/general/{d:%Y%m}/{d:%d}.htm"
MAX_BACKFILL_DAYS = 366


def link_target(source_id: str) -> str:
    """The catalogue source that fetches what discovery source `source_id` links to (its `follows`)."""
    follows = get_source(source_id).follows
    if follows is None:
        raise ValueError(
            f"source {source_id!r} is read as a discovery document but has no `follows` in the catalogue"
        )
    return follows


def select_items(
    items: Iterable, cursor_published_at: datetime | None, lookback: timedelta, already_seen: set[str]
) -> list:
    """The feed items to fetch: unseen ones, and seen ones again when newer than `cursor - lookback`.

    `items` have `.url` and `.published_at` (FeedItem). With no cursor (first run) every item is taken.
    A seen item without a date cannot be placed in time and is not re-read.
    Order is kept; a URL listed twice is selected once.
    """
    chosen, urls = [], set()
    for item in items:
        if item.url in urls:
            continue
        if _wanted(item, cursor_published_at, lookback, already_seen):
            chosen.append(item)
            urls.add(item.url)
    return chosen


def _wanted(item, cursor: datetime | None, lookback: timedelta, seen: set[str]) -> bool:
    when = item.published_at
    if cursor is None or item.url not in seen:
        return True
    return when is not None and when >= cursor - lookback


def advance_cursor(items: Iterable, current: datetime | None = None) -> datetime | None:
    """The new cursor: the latest publication time among `items` and the current cursor (never moves back)."""
    times = [i.published_at for i in items if i.published_at is not None]
    if current is not None:
        times.append(current)
    return max(times, default=None)


def backfill_index_urls(start: date, end: date, *, allow_long: bool = False) -> list[str]:
    """GIS daily index page URLs from `start` to `end` inclusive, oldest first.

    A range over MAX_BACKFILL_DAYS is refused unless `allow_long` (each page is one polite request).
    """
    if end < start:
        raise ValueError(f"backfill range ends ({end}) before it starts ({start})")
    days = (end - start).days + 1
    if days > MAX_BACKFILL_DAYS and not allow_long:
        raise ValueError(
            f"backfill range {start}..{end} is {days} days, over {MAX_BACKFILL_DAYS}; "
            "pass allow_long=True to fetch it anyway"
        )
    return [GIA_INDEX_URL.format(d=start + timedelta(days=n)) for n in range(days)]
