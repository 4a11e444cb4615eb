"""Where each feed was last read up to (table `feed_cursors`, created by sql/schema.sql).

The news flow reads a feed, selects items newer than the cursor (transform.discovery), and moves
the cursor forward only after the items were loaded, so that a failed run re-reads them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.db import connect, has_warehouse
from warehouse.sql import load_sql

__all__ = ["get_cursor", "read_feed_state", "set_cursor"]


def get_cursor(con: duckdb.DuckDBPyConnection, feed_id: str) -> tuple[datetime | None, str | None]:
    """(last_item_published_at in UTC, last_item_url) for `feed_id`; (None, None) before its first read."""
    row = con.execute(
        "SELECT last_item_published_at, last_item_url FROM feed_cursors WHERE feed_id = ?", [feed_id]
    ).fetchone()
    if row is None:
        return None, None
    published_at, url = row
    if published_at is not None:
        published_at = published_at.astimezone(UTC)
    return published_at, url


def set_cursor(
    con: duckdb.DuckDBPyConnection,
    feed_id: str,
    published_at: datetime | None,
    url: str | None,
    *,
    now: datetime | None = None,
) -> None:
    """Record how far `feed_id` was read. A cursor never moves back: an older time leaves it as it is."""
    if published_at is not None and published_at.tzinfo is None:
        raise ValueError(f"feed {feed_id}: cursor time {published_at} is naive (need aware)")
    con.execute(
        load_sql("claims_feed_cursor_upsert"),
        {"feed_id": feed_id, "published_at": published_at, "url": url, "now": now or datetime.now(UTC)},
    )


def read_feed_state(db_path: Path, feed_id: str) -> tuple[datetime | None, set[str]]:
    """(cursor, URLs of articles already loaded) for the news flow; (None, empty) before the first load.

    Opens the warehouse read-only; article URLs of every source count as seen (a URL names one article).
    """
    if not has_warehouse(Path(db_path)):
        return None, set()
    con = connect(Path(db_path), read_only=True)
    try:
        cursor, _ = get_cursor(con, feed_id)
        seen = {url for (url,) in con.execute("SELECT DISTINCT url FROM visible_articles").fetchall()}
    finally:
        con.close()
    return cursor, seen
