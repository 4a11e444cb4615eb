"""The pipeline's stages as plain functions: collect bytes, parse them, publish rows.

Prefect flows (flows/pipeline.py) wrap these in tasks; tests and the CLI can call them directly.
A failure in one source is recorded in its report and never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from extract.archive import RawArchive
from extract.catalogue import Source, get_source
from extract.exceptions import ArchiveError, FetchError, is_transient
from extract.http import PoliteClient
from flows.progress import notify
from flows.reports import RunReport, SourceReport
from flows.settings import Settings
from transform.document import Document, ParseResult
from transform.exceptions import TransformError
from transform.parsers import get_parser

log = logging.getLogger("cyberstats")

# A discovery document (feed, index page) is followed at most this far in one run.
MAX_FOLLOWED_PER_DISCOVERY_DOC = 200


@dataclass
class Parsed:
    """A document and what its parser found in it."""

    document: Document
    result: ParseResult


@dataclass
class SourceBatch:
    """What one source yielded in a run: parsed documents and the report of how it went."""

    report: SourceReport
    parsed: list[Parsed] = field(default_factory=list)
    # for feeds: (feed_id, newest item time, newest item url), saved once the batch is published
    cursor_update: tuple[str, datetime, str] | None = None
    # (url, sha256) of documents already published; None: do not look back (tests, snapshot builds)
    loaded: Container[tuple[str, str]] | None = None


def make_client(settings: Settings) -> PoliteClient:
    """One polite client per run: robots.txt is read once per host per run.

    Each request also takes its host's Prefect global rate-limit slot when the server holds one,
    so concurrent runs share one gap per host (flows/concurrency.py).
    """
    from flows.concurrency import HostGate

    return PoliteClient(
        RawArchive(settings.raw_dir),
        user_agent=settings.user_agent,
        url_map=settings.url_map,
        min_interval=settings.min_interval,
        connect_timeout=settings.connect_timeout,
        read_timeout=settings.read_timeout,
        max_bytes=settings.max_bytes,
        max_retries=settings.max_retries,
        before_request=HostGate(),
    )


def parse_document(doc: Document, source: Source) -> ParseResult:
    """Run the catalogue's parser for `source` on one document."""
    return get_parser(source.parser)(doc)


def fetch_and_parse(client: PoliteClient, url: str, source_id: str, batch: SourceBatch) -> ParseResult | None:
    """Fetch one URL for `source_id` and parse it into `batch` (None when nothing new or it failed)."""
    doc = fetch_document(client, source_id, url, batch.report, loaded=batch.loaded)
    return None if doc is None else parse_into(batch, doc, get_source(source_id))


def fetch_document(
    client: PoliteClient,
    source_id: str,
    url: str,
    report: SourceReport,
    *,
    loaded: Container[tuple[str, str]] | None = None,
) -> Document | None:
    """Fetch one URL and count the outcome; a fetch error is recorded, not raised.

    A 304 or an already-archived body means nothing new, unless those bytes were never published
    (the run that archived them failed before its load committed): then the archived copy is parsed
    again, so no fetched number is ever lost to a failed run.
    """
    try:
        outcome = client.fetch(source_id, url)
    except FetchError as exc:
        report.failures.append(str(exc))
        report.transient_failures += is_transient(exc)
        return None
    notify("fetched", url)
    if outcome.status == "new":
        report.fetched += 1
        return outcome.document
    if outcome.status == "not_modified":
        report.not_modified += 1
    else:
        report.unchanged += 1
    return unpublished_copy(client.archive, url, loaded, report)


def unpublished_copy(
    archive: RawArchive, url: str, loaded: Container[tuple[str, str]] | None, report: SourceReport
) -> Document | None:
    """The archived latest body of `url` when no completed load has published its parse yet."""
    latest = archive.last_good(url)
    if loaded is None or latest is None or (url, latest.sha256) in loaded:
        return None
    first = next(
        e for e in archive.entries() if e.url == url and e.sha256 == latest.sha256 and e.status == 200
    )
    report.recovered += 1
    return archive.document(first)


def parse_into(batch: SourceBatch, doc: Document, source: Source) -> ParseResult | None:
    """Parse one document into the batch; layout drift quarantines the document, keeps its bytes."""
    try:
        result = parse_document(doc, source)
    except TransformError as exc:
        batch.report.quarantined += 1
        batch.report.failures.append(f"{source.source_id}: {exc}")
        return None
    batch.report.parsed += 1
    notify("parsed", doc.url)
    batch.report.unknown_labels.extend(result.unknown_labels)
    batch.parsed.append(Parsed(doc, result))
    return result


def collect_source(
    client: PoliteClient,
    source_id: str,
    urls: Iterable[str] | None = None,
    loaded: Container[tuple[str, str]] | None = None,
) -> SourceBatch:
    """Fetch and parse one catalogue source; discovery sources also fetch what they point to.

    `loaded`: documents already published (see `fetch_document`); None skips unchanged bytes.
    """
    source = get_source(source_id)
    batch = SourceBatch(SourceReport(source_id), loaded=loaded)
    for url in urls if urls is not None else source.urls:
        doc = fetch_document(client, source_id, url, batch.report, loaded=loaded)
        if doc is None:
            continue
        result = parse_into(batch, doc, source)
        if result is not None and source.follows:
            _follow_links(client, result.links[:MAX_FOLLOWED_PER_DISCOVERY_DOC], batch)
    notify("source_done", source_id)
    return batch


def _follow_links(client: PoliteClient, links: list[tuple[str, str]], batch: SourceBatch) -> None:
    """Fetch and parse the items a feed or index page points to, under the feed's report."""
    for url, target_id in links:
        fetch_and_parse(client, url, target_id, batch)


def replay_batches(archive_dir: Path, source_ids: Iterable[str] | None = None) -> dict[str, SourceBatch]:
    """Parse every archived document again, grouped by source: the same parse path as a live run.

    What cannot be replayed (an object missing or damaged, a source id the catalogue does not
    know) fails that document only: it is named in its source's report, the rest is replayed.
    """
    batches: dict[str, SourceBatch] = {}
    wanted = set(source_ids) if source_ids else None
    archive = RawArchive(archive_dir)
    for entry in archive.document_entries():
        if entry.source_id == "robots" or (wanted and entry.source_id not in wanted):
            continue
        batch = batches.setdefault(entry.source_id, SourceBatch(SourceReport(entry.source_id)))
        doc, source = _replayable(archive, entry, batch.report)
        if doc is not None:
            batch.report.fetched += 1
            parse_into(batch, doc, source)
    return batches


def _replayable(archive: RawArchive, entry, report: SourceReport) -> tuple[Document | None, Source | None]:
    """The archived document and its catalogue source, or (None, None) with the reason reported."""
    try:
        source = get_source(entry.source_id)
    except KeyError as exc:
        report.failures.append(f"{entry.url}: not replayed: {exc.args[0]}")
        return None, None
    try:
        return archive.document(entry), source
    except ArchiveError as exc:
        report.failures.append(f"{entry.url}: not replayed: {exc}")
        return None, None


def merge_reports(batches: Iterable[SourceBatch]) -> RunReport:
    """A run report holding each batch's source report."""
    run = RunReport()
    for batch in batches:
        run.sources[batch.report.source_id] = batch.report
    return run
