"""The pipeline's stages as plain functions: collect bytes, parse them, publish rows.

Prefect flows (flows/pipeline.py) wrap these in tasks; tests and the CLI can call them directly.
A failure in one source is recorded in its report and never stops the others.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from extract.archive import ManifestEntry, RawArchive
from extract.catalogue import Source, get_source
from extract.document import Document
from extract.errors import Failure
from extract.exceptions import ArchiveError, FetchError
from extract.http import PoliteClient
from flows.progress import notify
from flows.reports import RunReport, SourceReport
from flows.settings import Settings
from transform.document import ParseResult
from transform.parsers import get_parser

T = TypeVar("T")

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
    # called after each parsed document: a backfill publishes and empties `parsed` every N of them
    on_parsed: Callable[[SourceBatch], None] | None = None


def make_client(settings: Settings, gate: Callable[[str], None] | None = None) -> PoliteClient:
    """One polite client per run: robots.txt is read once per host per run.

    Each request also takes its host's Prefect global rate-limit slot when the server holds one,
    so concurrent runs share one gap per host (flows/concurrency.py). `gate`: a `HostGate` shared
    with the run's other clients (the server is then asked about its limits once per run).
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
        request_deadline=settings.request_deadline,
        host_budget=settings.host_budget,
        max_wait=min(300.0, settings.host_budget),
        backoff_base=settings.backoff_base,
        before_request=gate or HostGate(),
        robots_max_age=settings.robots_max_age,
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
    (the run that archived them failed before its load committed, or their parse failed): then the
    archived copy is parsed again, so no fetched number is ever lost to a failed run. Such a URL is
    asked for unconditionally, so that headers the server has since fixed (a wrong charset under
    the same ETag) are seen and used.
    """
    try:
        outcome = client.fetch(source_id, url, conditional=_published(client.archive, url, loaded))
    except FetchError as exc:
        report.fail(exc, stage="fetch", url=url, source_id=source_id)
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


def _published(archive: RawArchive, url: str, loaded: Container[tuple[str, str]] | None) -> bool:
    """True when the archived latest body of `url` is known to be published (or we do not look back)."""
    latest = archive.last_good(url)
    return loaded is None or latest is None or (url, latest.sha256) in loaded


def unpublished_copy(
    archive: RawArchive, url: str, loaded: Container[tuple[str, str]] | None, report: SourceReport
) -> Document | None:
    """The archived latest body of `url` when no completed load has published its parse yet.

    Provenance (fetched_at) is the first fetch of those bytes, so the rows are the ones that fetch
    would have given; the headers (content type, declared encoding) are the latest fetch's.
    """
    latest = archive.last_good(url)
    if loaded is None or latest is None or latest.sha256 is None or (url, latest.sha256) in loaded:
        return None
    first = archive.first_good(url, latest.sha256) or latest
    report.recovered += 1
    doc = archive.document(first)
    return dataclasses.replace(doc, content_type=latest.content_type, encoding=latest.encoding)


def guarded(report: SourceReport, source_id: str, url: str | None, work: Callable[[], T]) -> T | None:
    """Run one document's parse; any exception fails that document only, recorded with its URL.

    Parsers raise the project's own errors for what they recognise as wrong; anything else (a
    `_csv.Error`, a `RecursionError` on deep JSON, an `OverflowError`) is a bug or a hostile input
    met in one document, and must not take its neighbours or the whole source set down with it.
    """
    try:
        return work()
    except Exception as exc:  # noqa: BLE001 - isolate one document, keep the error typed in the report
        failure = report.fail(exc, stage="parse", url=url, source_id=source_id)
        log.warning("%s", failure)
        return None


def parse_into(batch: SourceBatch, doc: Document, source: Source) -> ParseResult | None:
    """Parse one document into the batch; a failure quarantines the document, keeps its bytes.

    The document is not published, so the next run parses its archived bytes again.
    """
    result = guarded(batch.report, source.source_id, doc.url, lambda: parse_document(doc, source))
    if result is None:
        batch.report.quarantined += 1
        return None
    batch.report.parsed += 1
    notify("parsed", doc.url)
    batch.report.unknown_labels.extend(result.unknown_labels)
    batch.parsed.append(Parsed(doc, result))
    if batch.on_parsed is not None:
        batch.on_parsed(batch)
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


def resource_urls(client: PoliteClient, ckan: SourceBatch) -> dict[str, list[str]]:
    """Source id -> the URLs CKAN names for it, each checked like any fetch before it is trusted.

    A resource URL that is unsafe or off the catalogue is a failure of the CKAN source (named),
    and its file is then fetched from its catalogue URL instead, so a hostile or broken package
    record can neither send us elsewhere nor hide the file.
    """
    urls: dict[str, list[str]] = {}
    for parsed in ckan.parsed:
        for url, target in parsed.result.links:
            try:
                urls.setdefault(target, []).append(client.check_url(target, url))
            except FetchError as exc:
                ckan.report.fail(exc, stage="fetch", url=url, source_id=ckan.report.source_id)
    return urls


def _follow_links(client: PoliteClient, links: list[tuple[str, str]], batch: SourceBatch) -> None:
    """Fetch and parse the items a feed or index page points to, under the feed's report."""
    for url, target_id in links:
        fetch_and_parse(client, url, target_id, batch)


def replay_batches(archive_dir: Path, source_ids: Iterable[str] | None = None) -> dict[str, SourceBatch]:
    """Parse every archived document again, grouped by source: the same parse path as a live run.

    What cannot be replayed (an object missing or damaged, a source id the catalogue does not
    know) fails that document only: it is named in its source's report, the rest is replayed.
    Everything parsed is held until it is published; flows/streaming.py replays in bounded batches.
    """
    wanted = set(source_ids) if source_ids else None
    archive = RawArchive(archive_dir)
    entries = (
        e
        for e in archive.document_entries()
        if e.source_id != "robots" and (not wanted or e.source_id in wanted)
    )
    return replay_entries(archive, entries)


def replay_entries(archive: RawArchive, entries: Iterable[ManifestEntry]) -> dict[str, SourceBatch]:
    """Parse these archived documents (manifest rows with a body), grouped by source, in order."""
    batches: dict[str, SourceBatch] = {}
    for entry in entries:
        batch = batches.setdefault(entry.source_id, SourceBatch(SourceReport(entry.source_id)))
        doc, source = _replayable(archive, entry, batch.report)
        if doc is not None and source is not None:
            batch.report.fetched += 1
            parse_into(batch, doc, source)
    return batches


def _replayable(
    archive: RawArchive, entry: ManifestEntry, report: SourceReport
) -> tuple[Document | None, Source | None]:
    """The archived document and its catalogue source, or (None, None) with the reason reported."""
    try:
        source = get_source(entry.source_id)
    except KeyError as exc:
        report.failures.append(Failure(entry.source_id, "replay", entry.url, "UnknownSource", exc.args[0]))
        return None, None
    try:
        return archive.document(entry), source
    except ArchiveError as exc:
        failure = Failure.from_exception(exc, source_id=entry.source_id, stage="replay", url=entry.url)
        report.failures.append(failure)
        return None, None


def merge_reports(batches: Iterable[SourceBatch]) -> RunReport:
    """A run report holding each batch's source report."""
    run = RunReport()
    for batch in batches:
        run.sources[batch.report.source_id] = batch.report
    return run
