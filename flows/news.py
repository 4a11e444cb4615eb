"""News collection: feeds read incrementally with a look-back window, and press-release backfills."""

from __future__ import annotations

import logging
from collections.abc import Callable, Container
from datetime import date, timedelta
from pathlib import Path

from extract.catalogue import get_source
from extract.http import PoliteClient
from flows.reports import SourceReport
from flows.stages import (
    MAX_FOLLOWED_PER_DISCOVERY_DOC,
    SourceBatch,
    fetch_and_parse,
    guarded,
    parse_document,
    parse_into,
    unpublished_copy,
)
from transform.discovery import advance_cursor, backfill_index_urls, link_target, select_items
from transform.parsers.ckan import RESOURCE_SOURCES
from warehouse.news_state import read_feed_state

log = logging.getLogger("cyberstats")


def collect_feed(
    client: PoliteClient,
    db_path: Path,
    feed_id: str,
    lookback: timedelta,
    loaded: Container[tuple[str, str]] | None = None,
) -> SourceBatch:
    """Fetch a feed; follow items newer than its cursor, and those inside the look-back window.

    The cursor only moves past items that were fetched: an item whose fetch failed is tried again
    next run even when it has fallen out of the look-back window, and even when the feed itself
    answers 304 (its archived copy then says which listed items are still missing).
    """
    feed = get_source(feed_id)
    follows = link_target(feed_id)  # the item source; a catalogue entry without one is refused here
    batch = SourceBatch(SourceReport(feed_id), loaded=loaded)
    cursor, seen_urls = read_feed_state(db_path, feed_id)
    for url in feed.urls:
        failures_before = len(batch.report.failures)
        result = fetch_and_parse(client, url, feed_id, batch)
        if result is not None:
            relevant = _relevant_items(batch, batch.parsed[-1].document)
            chosen = select_items(relevant, cursor, lookback, seen_urls)
        elif len(batch.report.failures) == failures_before and (entry := client.archive.last_good(url)):
            relevant = _relevant_items(batch, client.archive.document(entry))  # 304, already published
            chosen = [
                i for i in select_items(relevant, cursor, lookback, seen_urls) if i.url not in seen_urls
            ]
        else:
            continue
        chosen = chosen[:MAX_FOLLOWED_PER_DISCOVERY_DOC]
        failed = {item.url for item in chosen if not _fetched(client, item.url, follows, batch)}
        _move_cursor(batch, feed_id, cursor, relevant, failed)
    return batch


def _relevant_items(batch: SourceBatch, doc) -> list:
    """The feed's relevant items; a feed that cannot be read fails by name and lists nothing."""
    from transform.parsers.rss import feed_items  # lxml: only for a feed that changed (issue 13)

    items = guarded(batch.report, batch.report.source_id, doc.url, lambda: feed_items(doc))
    return [item for item in items or [] if item.relevance]


def _move_cursor(batch: SourceBatch, feed_id: str, cursor, relevant: list, failed: set[str]) -> None:
    """Advance the feed's cursor to the newest fetched item, stopping before the oldest failed one."""
    fetched = [item for item in relevant if item.url not in failed]
    if failed:
        oldest_failed = min(
            (i.published_at for i in relevant if i.url in failed and i.published_at), default=None
        )
        fetched = [
            i
            for i in fetched
            if oldest_failed is None or not i.published_at or i.published_at < oldest_failed
        ]
    newest = advance_cursor(fetched)
    if newest is not None and (cursor is None or newest > cursor):
        newest_url = max((i for i in fetched if i.published_at), key=lambda i: i.published_at).url
        if batch.cursor_update is None or newest > batch.cursor_update[1]:
            batch.cursor_update = (feed_id, newest, newest_url)


# A link refused by policy (unsafe, off the catalogue) will never be fetched: it must not hold the cursor.
_REFUSED = frozenset({"UnsafeUrl", "OffCatalogueHost"})


def _fetched(client: PoliteClient, url: str, source_id: str, batch: SourceBatch) -> bool:
    """Fetch and parse one item; False when its fetch failed (parse problems are reported, not retried)."""
    failures_before = len(batch.report.failures)
    fetch_and_parse(client, url, source_id, batch)
    new = batch.report.failures[failures_before:]
    return not any(f.stage == "fetch" and f.kind not in _REFUSED for f in new)


def collect_backfill(
    client: PoliteClient,
    start: date,
    end: date,
    loaded: Container[tuple[str, str]] | None = None,
    on_parsed: Callable[[SourceBatch], None] | None = None,
) -> SourceBatch:
    """Daily press-release index pages from `start` to `end`, and the relevant releases they list.

    `on_parsed`: see SourceBatch (flows/streaming.py `Flusher` publishes every N documents).
    """
    batch = SourceBatch(SourceReport("gia_daily_index"), loaded=loaded, on_parsed=on_parsed)
    for url in backfill_index_urls(start, end):
        result = fetch_and_parse(client, url, "gia_daily_index", batch)
        for link, target in (result.links if result else [])[:MAX_FOLLOWED_PER_DISCOVERY_DOC]:
            fetch_and_parse(client, link, target, batch)
    return batch


def collect_file_versions(
    client: PoliteClient, start: date, end: date, loaded: Container[tuple[str, str]] | None = None
) -> SourceBatch:
    """Every version of the two HKPF CSV files archived by data.gov.hk between `start` and `end`.

    Each version is fetched under its CSV's own source id, so the CSV parsers read it and every
    version becomes a vintage (its get-file URL is the document_url). A version's bytes never
    change, so one already in the raw archive is not asked for again; one whose fetch failed is
    retried on the next run even when the list itself comes back unchanged.
    """
    # imported here: it brings Arrow (transform.schema) into every run that imports the flows
    from transform.parsers.datagovhk_history import file_versions_url

    batch = SourceBatch(SourceReport("datagovhk_history"), loaded=loaded)
    for csv_source_id in RESOURCE_SOURCES.values():
        for resource in get_source(csv_source_id).urls:
            links = _listed_versions(client, file_versions_url(resource, start, end), batch)
            for link, target in links[:MAX_FOLLOWED_PER_DISCOVERY_DOC]:
                if client.archive.last_good(link) is None:
                    fetch_and_parse(client, link, target, batch)
                elif (doc := unpublished_copy(client.archive, link, loaded, batch.report)) is not None:
                    parse_into(batch, doc, get_source(target))
    return batch


def _listed_versions(client: PoliteClient, url: str, batch: SourceBatch) -> list[tuple[str, str]]:
    """The (get-file URL, source id) links of a version list: the new list, else the archived one.

    A list answered 304 (or failing now) is read from its last good copy; its problems, if any,
    were reported when it was first fetched.
    """
    result = fetch_and_parse(client, url, "datagovhk_history", batch)
    if result is not None:
        return result.links
    entry = client.archive.last_good(url)
    if entry is None:
        return []
    try:
        return parse_document(client.archive.document(entry), get_source("datagovhk_history")).links
    except Exception:  # noqa: BLE001 - reported when this copy was first parsed
        return []
