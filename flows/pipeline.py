"""Prefect flows: `stats`, `news`, `backfill`, `replay` and the parent `pipeline`.

Literate layout: Extract (a task per source), Transform (inside the same task: parse what was
fetched), Load (one publish task: validate, write Parquet, load DuckDB as a unit), Report
(artifacts). A source failure never stops the others; the run ends Failed naming them.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypedDict

from prefect import Task, flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE, CachePolicy
from prefect.client.schemas.objects import TaskRun
from prefect.runtime import task_run
from prefect.states import Completed, Failed, State
from prefect.tasks import exponential_backoff
from prefect.utilities.annotations import quote

from extract.archive import RawArchive
from extract.catalogue import SOURCES, get_source
from extract.exceptions import is_transient
from extract.http import PoliteClient
from flows.artifacts import publish_run_artifacts
from flows.ckan_watch import ckan_changes
from flows.concurrency import HostGate, WriterSlot
from flows.news import collect_backfill, collect_feed, collect_file_versions
from flows.nothing_new import publish_unless_nothing_new
from flows.reports import Part, RunFailed, RunReport, combined
from flows.settings import Settings, load_settings
from flows.stages import (
    Parsed,
    SourceBatch,
    collect_source,
    guarded,
    make_client,
    resource_urls,
)
from flows.streaming import BatchManifest, Flusher, plan_replay, replay_batch, run_batches
from transform.exceptions import CyberstatsError
from transform.parsers.ckan import RESOURCE_SOURCES
from warehouse.queries import loaded_documents

STATS_SOURCES: tuple[str, ...] = tuple(
    s.source_id for s in SOURCES if s.tier == "official_table" or s.source_id == "datagovhk_ckan"
)
CKAN_NAMED = frozenset(RESOURCE_SOURCES.values())  # sources whose file URLs CKAN's package names
NEWS_FEEDS: tuple[str, ...] = tuple(
    s.source_id for s in SOURCES if s.tier == "discovery" and s.follows and s.urls
)


class TransientSourceFailure(CyberstatsError):
    """A source failed only for transient reasons (timeouts, 429, 5xx): the task is tried again."""

    stage = "fetch"


def _retry_transient(task, task_run, state) -> bool:
    """Prefect retry condition: only transient failures are worth another try (not 404, not drift)."""
    try:
        state.result()
    except TransientSourceFailure:
        return True
    except Exception as exc:  # noqa: BLE001 - we classify, not swallow
        return is_transient(exc)
    return False


def _retry_or_return(batch: SourceBatch, retries: int) -> SourceBatch:
    """Raise for a retry while a source's only failures are transient and tries remain; else the batch.

    The client already retried each request with backoff; a task retry comes minutes later, when a
    briefly overloaded site may be back. After the last try the failures stay in the report.
    """
    rep = batch.report
    worth_it = rep.failures and all(f.transient and f.retry_in_run for f in rep.failures)
    if worth_it and task_run.run_count <= retries:
        raise TransientSourceFailure(f"{rep.source_id}: " + "; ".join(str(f) for f in rep.failures[:3]))
    return batch


# (url, sha256) of documents a completed load published: unchanged bytes not in it are parsed again
Loaded = frozenset[tuple[str, str]] | None

TASK_RETRIES = 2


class _TaskOptions(TypedDict):
    """The options both collect tasks share; typed, so that `**` keeps the checker's view of `task`."""

    retries: int
    retry_delay_seconds: Callable[[int], list[float]]
    retry_jitter_factor: float
    retry_condition_fn: Callable[[Task[..., Any], TaskRun, State[Any]], bool]
    cache_policy: CachePolicy


_TASK_OPTIONS = _TaskOptions(
    retries=TASK_RETRIES,
    retry_delay_seconds=exponential_backoff(backoff_factor=10),
    retry_jitter_factor=0.5,
    retry_condition_fn=_retry_transient,
    cache_policy=NO_CACHE,
)


# --- Extract + Transform -------------------------------------------------------------------------
@task(name="collect-source", task_run_name="collect {source_id}", **_TASK_OPTIONS)
def collect_source_task(
    client: PoliteClient, source_id: str, urls: list[str] | None = None, loaded: Loaded = None
) -> SourceBatch:
    """Fetch one source (conditional GET, politely) and parse what changed or was never published."""
    return _retry_or_return(collect_source(client, source_id, urls, loaded), TASK_RETRIES)


@task(name="collect-feed", task_run_name="collect {feed_id}", **_TASK_OPTIONS)
def collect_feed_task(
    client: PoliteClient, settings: Settings, feed_id: str, lookback_hours: int, loaded: Loaded = None
) -> SourceBatch:
    """Fetch one news feed and the new or recently changed items it lists."""
    batch = collect_feed(client, settings.db_path, feed_id, timedelta(hours=lookback_hours), loaded)
    return _retry_or_return(batch, TASK_RETRIES)


# --- Load ----------------------------------------------------------------------------------------
@task(name="publish", cache_policy=NO_CACHE, persist_result=False)
def publish_task(
    batches: list[SourceBatch],
    settings: Settings,
    earlier_loads: list[str] | None = None,
    writer: WriterSlot | None = None,
) -> RunReport:
    """Validate, write Parquet and load DuckDB as one unit; nothing is published on failure.

    `earlier_loads`: the loads of this run's earlier batches, for a batch of a streaming backfill.
    `writer`: the run's writer slot, so that a run publishing many times (a backfill's flushes)
    asks the server about the `duckdb-writer` limit once, not once per publish.
    """
    # Imported when there is something to publish: validation, Arrow and Parquet are ~0.2 s of
    # imports that a run finding nothing new never uses (issue 13; tests/flows/test_cli_startup.py).
    from flows.publish import publish_batches

    with (writer or WriterSlot()).held():  # one writer at a time across runs, when the server holds it
        archive = RawArchive(settings.raw_dir)
        return publish_batches(
            batches, settings.parquet_dir, settings.db_path, archive, earlier_loads=earlier_loads
        )


def publish_collected(
    batches: list[SourceBatch],
    settings: Settings,
    earlier_loads: list[str] | None = None,
    writer: WriterSlot | None = None,
) -> RunReport:
    """`publish_task` on what the collect tasks returned, handed over as it is (`quote`).

    Without `quote` Prefect walks every argument looking for futures to resolve and inputs to
    track: every parsed body, row and report of the run, 41% of a 1k-document run (issue 13).
    The batches are plain results of finished tasks; there is nothing in them to resolve.
    """
    return publish_task(quote(batches), settings, earlier_loads, quote(writer))  # type: ignore[call-overload]  # quote[T] is T


# --- Report --------------------------------------------------------------------------------------
def log_sources(report: RunReport) -> None:
    """One log line per source (counts), its notes and its failures, in the flow run's log."""
    logger = get_run_logger()
    for rep in report.sources.values():
        logger.info(
            "%-28s fetched=%d not_modified=%d unchanged=%d parsed=%d rows=%d quarantined=%d%s",
            rep.source_id,
            rep.fetched,
            rep.not_modified,
            rep.unchanged,
            rep.parsed,
            rep.observations,
            rep.quarantined,
            "  FAILED" if rep.failed else "",
        )
        for note in rep.notes:
            logger.info("%s: %s", rep.source_id, note)
        for failure in rep.failures:
            logger.error("%s", failure)


def final_state(report: RunReport, what: str, db_path: Path) -> State:
    """Completed, or Failed naming the failing sources after the others have loaded."""
    log_sources(report)
    publish_run_artifacts(report, db_path)
    if report.ok:
        return Completed(message=f"{what}: {report.summary_line()}", data=report)
    message = f"{what}: {report.summary_line()}"
    return Failed(message=message, data=RunFailed(message, report))


def _stats_batches(client: PoliteClient, sources: list[str], loaded: Loaded) -> list[SourceBatch]:
    """Every statistics source concurrently; the CSVs once CKAN (which names their URLs) is read.

    The sources CKAN does not name start at once, so their host's polite queue is not kept
    waiting for data.gov.hk.
    """
    batches: list[SourceBatch] = []
    urls: dict[str, list[str]] = {}
    futures = {
        sid: collect_source_task.submit(client, sid, list(get_source(sid).urls), loaded)
        for sid in sources
        if sid != "datagovhk_ckan" and sid not in CKAN_NAMED
    }
    if "datagovhk_ckan" in sources:
        ckan = collect_source_task(client, "datagovhk_ckan", loaded=loaded)
        batches.append(ckan)
        for parsed in ckan.parsed:
            notes = guarded(ckan.report, "datagovhk_ckan", parsed.document.url, _changes(client, parsed))
            ckan.report.notes += notes or []
        urls = resource_urls(client, ckan)
    for sid in (s for s in sources if s in CKAN_NAMED):
        named = urls.get(sid) or list(get_source(sid).urls)
        futures[sid] = collect_source_task.submit(client, sid, named, loaded)
    return batches + [futures[sid].result() for sid in sources if sid in futures]


def _changes(client: PoliteClient, parsed: Parsed) -> Callable[[], list[str]]:  # a thunk for `guarded`
    return lambda: ckan_changes(client.archive, parsed.document)


def stats_report(client: PoliteClient, sources: list[str], loaded: Loaded, settings: Settings) -> RunReport:
    """The statistics part of a run: collect every source, publish unless nothing is new."""
    batches = _stats_batches(client, sources, loaded)
    return publish_unless_nothing_new(batches, lambda: publish_collected(batches, settings))


def news_report(
    client: PoliteClient, feeds: list[str], lookback_hours: int, loaded: Loaded, settings: Settings
) -> RunReport:
    """The news part of a run: every feed concurrently, publish unless nothing is new."""
    futures = [collect_feed_task.submit(client, settings, fid, lookback_hours, loaded) for fid in feeds]
    batches = [f.result() for f in futures]
    return publish_unless_nothing_new(batches, lambda: publish_collected(batches, settings))


@flow(name="stats", log_prints=True)
def stats_flow(sources: list[str] | None = None) -> State:
    """Official tables and files: CKAN, HKPF CSVs, the CSC page in three languages, HKCERT.

    Args:
        sources: catalogue ids to collect (default: every official statistics source).
    """
    settings = load_settings()
    loaded = loaded_documents(settings.db_path)
    report = stats_report(make_client(settings), list(sources or STATS_SOURCES), loaded, settings)
    return final_state(report, "stats", settings.db_path)


@flow(name="news", log_prints=True)
def news_flow(feeds: list[str] | None = None, lookback_hours: int = 48) -> State:
    """Feeds -> relevant articles -> figures -> observations and checks; incremental per feed.

    Args:
        feeds: feed source ids (default: all catalogue feeds).
        lookback_hours: items up to this long before the feed's cursor are read again.
    """
    settings = load_settings()
    loaded = loaded_documents(settings.db_path)
    report = news_report(make_client(settings), list(feeds or NEWS_FEEDS), lookback_hours, loaded, settings)
    return final_state(report, "news", settings.db_path)


@flow(name="backfill", log_prints=True)
def backfill_flow(start: date, end: date, versions: bool = False) -> State:
    """Press releases of a date range (daily index pages) and archived vintages of the HKPF CSVs.

    Parsed releases are published every CYBERSTATS_BATCH_SIZE documents (flows/streaming.py
    `Flusher`), so a year of releases does not sit in memory until the end.

    Args:
        start: first day (inclusive).
        end: last day (inclusive); at most 366 days after start.
        versions: also collect the CSV versions data.gov.hk archived between start and end.
    """
    settings = load_settings()
    client = make_client(settings)
    loaded = loaded_documents(settings.db_path)
    writer = WriterSlot()  # the server is asked about the writer limit once for all the flushes
    flusher = Flusher(
        settings.batch_size, lambda parts, earlier: publish_collected(parts, settings, earlier, writer)
    )
    batches = [collect_backfill(client, start, end, loaded, on_parsed=flusher)]
    if versions:
        batches.append(collect_file_versions(client, start, end, loaded))

    def publish_rest(rest: list[SourceBatch], earlier: list[str] | None) -> RunReport:
        return publish_unless_nothing_new(rest, lambda: publish_collected(rest, settings, earlier, writer))

    report = flusher.finish(batches, publish_rest)
    return final_state(report, "backfill", settings.db_path)


# --- Replay: a task per batch, batch manifests (references) in, small reports out ----------------
@task(
    name="replay-batch",
    task_run_name="replay batch {manifest.number} of {manifest.planned}",
    cache_policy=NO_CACHE,
    persist_result=False,
)
def replay_batch_task(
    manifest: BatchManifest, settings: Settings, earlier_loads: list[str], writer: WriterSlot | None = None
) -> RunReport:
    """Parse and publish one batch of archived documents; returns only its report.

    The task gets the batch's manifest rows (which bytes to read) and returns counts and
    failures: no parsed body or row ever passes through Prefect (issue 13: walking them was 41% of
    a replay). Batches run one after another: each sees the vintages the previous ones loaded.
    `writer`: the run's writer slot (the server is asked once per run whether it holds one).
    """
    with (writer or WriterSlot()).held():  # one writer at a time across runs, when the server holds it
        return replay_batch(manifest, settings.parquet_dir, settings.db_path, earlier_loads)


def _replay_batch(settings: Settings, writer: WriterSlot) -> Callable[[BatchManifest, list[str]], RunReport]:
    """`replay_batch_task` bound to the run, its arguments handed over as they are (`quote`).

    Without `quote` Prefect walks each argument twice per task (looking for futures to resolve and
    upstream inputs to record): a manifest holds up to `batch_size` manifest rows, ~0.1 s a batch
    (issue 13). None of them holds a future; the task run's name still reads the manifest.
    """

    def run_one(manifest: BatchManifest, earlier: list[str]) -> RunReport:
        return replay_batch_task(quote(manifest), quote(settings), earlier, quote(writer))  # type: ignore[call-overload]  # quote[T] is T

    return run_one


@flow(name="replay", log_prints=True, persist_result=False)
def replay_flow(archive_dir: str, sources: list[str] | None = None, batch_size: int | None = None) -> State:
    """Rebuild the warehouse from a raw archive: the same parse and publish path, no network.

    Documents are parsed and published in batches (flows/streaming.py), so memory does not grow
    with the archive; a failed batch stops the run with the earlier batches loaded.

    Args:
        archive_dir: a raw archive directory (manifest.jsonl + objects/).
        sources: restrict to these source ids (default: everything archived).
        batch_size: documents per batch (default: CYBERSTATS_BATCH_SIZE, 200).
    """
    settings = load_settings()
    plan = plan_replay(Path(archive_dir), sources, batch_size or settings.batch_size)
    report = run_batches(plan, _replay_batch(settings, WriterSlot()))
    return final_state(report, "replay", settings.db_path)


def _alongside(part: Callable[[], RunReport]) -> Future[RunReport]:
    """`part` in a thread of its own, in a copy of this context: its tasks are this flow run's."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="news-part")
    try:
        return pool.submit(contextvars.copy_context().run, part)
    finally:
        pool.shutdown(wait=False)  # the thread ends with the part


@flow(name="pipeline", log_prints=True)
def pipeline_flow(
    sources: list[str] | None = None, include_news: bool = True, lookback_hours: int = 48
) -> State:
    """The whole scheduled job: official statistics and news, side by side, in this one flow run.

    They fetch from different hosts, each with its own polite client (one shared gate to the
    server's per-host limits); their publish steps take turns on the warehouse's writer lock. Both
    parts' tasks belong to this flow run: no subflow (issue 13: the two subflows' flow runs, the
    task runs tracking them and their artifacts were most of the Prefect API calls of a run that
    found nothing new). The report lists statistics first.

    Args:
        sources: restrict to these catalogue ids (statistics sources and/or feeds).
        include_news: also run the news part.
        lookback_hours: look-back window for feeds.
    """
    wanted = set(sources or [])
    stats_ids = [s for s in STATS_SOURCES if not wanted or s in wanted]
    feed_ids = [s for s in NEWS_FEEDS if not wanted or s in wanted] if include_news else []
    settings = load_settings()
    loaded = loaded_documents(settings.db_path)  # read once, before either part publishes
    gate = HostGate()

    def client() -> PoliteClient:
        return make_client(settings, gate)

    parts: list[Part] = []
    news = None
    if feed_ids:
        news = _alongside(lambda: news_report(client(), feed_ids, lookback_hours, loaded, settings))
    try:
        if stats_ids:
            parts.append(Part.of("stats", lambda: stats_report(client(), stats_ids, loaded, settings)))
    finally:
        if news is not None:  # never end the run while the news part still works
            parts.append(Part.of("news", news.result))
    return parts_state(parts, settings.db_path)


def parts_state(parts: list[Part], db_path: Path) -> State:
    """The pipeline's state: Completed with each part's summary, or Failed naming the failed parts.

    One table of every source and one summary go to this run's artifacts.
    """
    reports = [p.report for p in parts if p.report is not None]
    whole = combined(reports)
    log_sources(whole)
    for part in parts:
        if part.error is not None:
            get_run_logger().error("%s stopped", part.what, exc_info=part.error)
    messages = [p.message for p in parts]
    publish_run_artifacts(whole, db_path, outcome="; ".join(messages))
    failed = [p.message for p in parts if not p.ok]
    if failed:
        return Failed(message="; ".join(failed))
    return Completed(message="; ".join(messages))
