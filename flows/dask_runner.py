"""Backfills on a Dask cluster (optional extra: ``pip install 'cyberstats[dask]'``).

A backfill of a year of press releases is thousands of pages: fetching them is bounded by
politeness (one host, one request at a time), parsing them by CPU. So the split is:

* fetch in the flow's own process, through the run's one `PoliteClient` — the politeness limits
  (and the per-host Prefect rate limits of flows/concurrency.py) keep working unchanged;
* parse on Dask workers through prefect-dask's `DaskTaskRunner`, one task per batch of documents
  (a task per page would drown the scheduler in bookkeeping);
* publish back in the flow's process: one writer for Parquet and DuckDB, as in every other flow.

Workers must have cyberstats installed (they import the parsers); they need no network access
and no settings. The result is the same warehouse as `backfill_flow` would build.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.states import State

try:
    from prefect_dask import DaskTaskRunner
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "flows.dask_runner needs the optional Dask extra: pip install 'cyberstats[dask]'"
    ) from exc

from extract.catalogue import get_source
from extract.document import Document
from extract.http import PoliteClient
from flows.pipeline import Loaded, final_state, publish_task
from flows.reports import SourceReport
from flows.settings import load_settings
from flows.stages import (
    MAX_FOLLOWED_PER_DISCOVERY_DOC,
    SourceBatch,
    fetch_and_parse,
    fetch_document,
    parse_into,
)
from transform.discovery import backfill_index_urls
from warehouse.queries import loaded_documents

INDEX_SOURCE = "gia_daily_index"
DEFAULT_BATCH_SIZE = 50


def fetch_backfill(
    client: PoliteClient, start: date, end: date, loaded: Loaded = None
) -> tuple[SourceBatch, list[Document]]:
    """Fetch the daily index pages (parsed here: they name what to fetch) and the releases they list.

    Returns the batch holding the index pages and the fetch counts, and the release documents
    fetched but not yet parsed (new or changed ones only, as in `collect_backfill`).
    """
    batch = SourceBatch(SourceReport(INDEX_SOURCE), loaded=loaded)
    documents: list[Document] = []
    for url in backfill_index_urls(start, end):
        result = fetch_and_parse(client, url, INDEX_SOURCE, batch)
        for link, target in (result.links if result else [])[:MAX_FOLLOWED_PER_DISCOVERY_DOC]:
            doc = fetch_document(client, target, link, batch.report, loaded=loaded)
            if doc is not None:
                documents.append(doc)
    return batch, documents


def batches_of(documents: Sequence[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive slices of at most `size` documents (the unit of work sent to one Dask task)."""
    if size < 1:
        raise ValueError(f"batch_size must be at least 1, got {size}")
    for i in range(0, len(documents), size):
        yield list(documents[i : i + size])


def parse_documents(documents: list[Document]) -> SourceBatch:
    """Parse documents with their catalogue parsers; drift quarantines a document, as in a live run."""
    batch = SourceBatch(SourceReport(INDEX_SOURCE))
    for doc in documents:
        parse_into(batch, doc, get_source(doc.source_id))
    return batch


@task(name="parse-batch", task_run_name="parse batch {number}", cache_policy=NO_CACHE)
def parse_batch_task(documents: list[Document], number: int) -> SourceBatch:
    """Parse one batch of fetched documents; runs on a Dask worker. `number` names the task run."""
    return parse_documents(documents)


def merge_into(batch: SourceBatch, part: SourceBatch) -> None:
    """Add what a worker parsed to the run's batch (parsed documents, counts, failures, labels)."""
    batch.parsed.extend(part.parsed)
    batch.report.parsed += part.report.parsed
    batch.report.quarantined += part.report.quarantined
    batch.report.failures.extend(part.report.failures)
    batch.report.unknown_labels.extend(part.report.unknown_labels)


# prefect-dask's runner is a TaskRunner[PrefectDaskFuture]; Flow's annotation asks for exactly
# TaskRunner[PrefectFuture] (an invariant parameter), so the checker cannot see that it fits.
@flow(name="backfill-dask", task_runner=DaskTaskRunner(), log_prints=True)  # type: ignore[arg-type]
def backfill_dask_flow(start: date, end: date, batch_size: int = DEFAULT_BATCH_SIZE) -> State:
    """`backfill` with parsing spread over a Dask cluster (a temporary local one unless configured).

    Args:
        start: first day (inclusive).
        end: last day (inclusive); at most 366 days after start.
        batch_size: documents per parse task.
    """
    from flows.stages import make_client

    settings = load_settings()
    loaded = loaded_documents(settings.db_path)
    batch, documents = fetch_backfill(make_client(settings), start, end, loaded)
    futures = [
        parse_batch_task.submit(chunk, number)
        for number, chunk in enumerate(batches_of(documents, batch_size))
    ]
    for future in futures:
        merge_into(batch, future.result())
    return final_state(publish_task([batch], settings), "backfill", settings.db_path)


def dask_task_runner(
    address: str | None = None, cluster_kwargs: dict[str, Any] | None = None
) -> DaskTaskRunner:
    """A runner for the cluster at `address` (``tcp://host:8786``), or a temporary LocalCluster."""
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_kwargs=dict(cluster_kwargs or {}))


def run_backfill_on_dask(
    start: date,
    end: date,
    *,
    address: str | None = None,
    cluster_kwargs: dict[str, Any] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> State:
    """Run `backfill_dask_flow` on the given cluster; its final state (a Failed one names the sources)."""
    runner = dask_task_runner(address, cluster_kwargs)
    flow_on_cluster = backfill_dask_flow.with_options(task_runner=runner)  # type: ignore[arg-type]
    return flow_on_cluster(start, end, batch_size, return_state=True)
