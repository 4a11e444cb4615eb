"""The publish step as one unit: validate, write Parquet, load DuckDB; on failure nothing is published.

Per-source problems (rows that break the contract, language versions that disagree) quarantine
that source's documents and are reported; the others are still published. A failure of the
write-or-load step itself removes the Parquet files this step wrote and leaves the warehouse as
it was (the load is one DuckDB transaction).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path

import pyarrow as pa

from extract.archive import RawArchive
from extract.catalogue import get_source
from flows.reports import RunReport
from flows.stages import Parsed, SourceBatch, merge_reports, parse_document
from transform.categories import KNOWN_CATEGORIES
from transform.document import ParseResult
from transform.exceptions import Failure, ValidationFailed
from transform.parquet_store import (
    write_article_figures,
    write_articles,
    write_documents,
    write_observations,
)
from transform.parsers.agreement import compare_language_versions
from transform.validate import (
    validate_article_figures,
    validate_articles,
    validate_documents,
    validate_observations,
)
from warehouse.db import connect
from warehouse.load import load_parquet
from warehouse.news_state import set_cursor
from warehouse.queries import load_source_counts

log = logging.getLogger("cyberstats")

CSC_SOURCES = ("hkpf_csc_en", "hkpf_csc_tc", "hkpf_csc_sc")
DATASET_NAMES = ("observations", "articles", "article_figures", "documents")
WRITERS = (write_observations, write_articles, write_article_figures, write_documents)


def quarantine_disagreeing_csc(batches: dict[str, SourceBatch], archive: RawArchive | None = None) -> None:
    """Refuse a CSC vintage whose language versions disagree on any number (issue 3).

    The versions parsed in this run are compared with each other and, for a language not fetched
    anew in this run, with its latest archived copy when that covers the same periods: a page
    updated in one language before the others is still checked against them.
    """
    by_vintage: dict[frozenset[str], dict[str, Parsed]] = defaultdict(dict)
    for sid in CSC_SOURCES:
        for parsed in batches[sid].parsed if sid in batches else []:
            by_vintage[_periods(parsed.result)][sid] = parsed
    for periods, versions in by_vintage.items():
        results = {sid: p.result for sid, p in versions.items()}
        for sid, result in _archived_csc(archive, [s for s in CSC_SOURCES if s not in versions]).items():
            if _periods(result) == periods:
                results[sid] = result
        problems = compare_language_versions(results) if len(results) > 1 else []
        for sid, parsed in versions.items() if problems else ():
            batches[sid].parsed.remove(parsed)
            batches[sid].report.quarantined += 1
            message = "language versions disagree, vintage not loaded: " + "; ".join(problems[:5])
            batches[sid].report.failures.append(
                Failure(sid, "compare", parsed.document.url, "LanguagesDisagree", message)
            )


def _periods(result: ParseResult) -> frozenset[str]:
    return frozenset(o["period_label"] for o in result.observations)


def _archived_csc(archive: RawArchive | None, source_ids: list[str]) -> dict[str, ParseResult]:
    """The latest archived copy of each CSC language page, parsed (not loaded); unreadable ones skipped."""
    found: dict[str, ParseResult] = {}
    if archive is None:
        return found
    for sid in source_ids:
        source = get_source(sid)
        entry = archive.last_good(source.urls[0])
        if entry is None:
            continue
        try:
            found[sid] = parse_document(archive.document(entry), source)
        except Exception:  # noqa: BLE001 - an unreadable archived copy is simply not compared with
            continue
    return found


def _validated(batch: SourceBatch) -> tuple[pa.Table, pa.Table, pa.Table, pa.Table] | None:
    """(observations, articles, article_figures, documents) as validated Arrow tables, or None
    (reported) when they break the contract.

    Besides the rows, each parsed document itself is recorded (`documents`), so a later run knows
    its bytes were published even when they held no number.
    """
    observations, articles, figures, documents = [], [], [], []
    for parsed in batch.parsed:
        observations += parsed.result.observations
        articles += parsed.result.articles
        figures += parsed.result.article_figures
        doc = parsed.document
        documents.append(
            {"url": doc.url, "source_id": doc.source_id, "sha256": doc.sha256, "fetched_at": doc.fetched_at}
        )
    try:
        return (
            validate_observations(observations, known_categories=KNOWN_CATEGORIES),
            validate_articles(articles),
            validate_article_figures(figures),
            validate_documents(documents),
        )
    except ValidationFailed as exc:
        batch.report.quarantined += len(batch.parsed)
        batch.report.failures.append(
            Failure(batch.report.source_id, "validate", None, type(exc).__name__, f"rows refused: {exc}")
        )
        return None


def publish_batches(
    batches: list[SourceBatch], parquet_dir: Path, db_path: Path, archive: RawArchive | None = None
) -> RunReport:
    """A run's publish step: report per source, refuse disagreeing CSC vintages, then publish."""
    report = merge_reports(batches)
    quarantine_disagreeing_csc({b.report.source_id: b for b in batches}, archive)
    return publish(batches, parquet_dir, db_path, report)


def publish(batches: list[SourceBatch], parquet_dir: Path, db_path: Path, report: RunReport) -> RunReport:
    """Validate per source, then write Parquet and load DuckDB as one unit."""
    tables: dict[str, list[pa.Table]] = defaultdict(list)
    for batch in batches:
        validated = _validated(batch)
        if validated is None:
            continue
        batch.report.observations = validated[0].num_rows
        batch.report.articles = validated[1].num_rows
        batch.report.article_figures = validated[2].num_rows
        for name, table in zip(DATASET_NAMES, validated, strict=True):
            tables[name].append(table)
    written: list[Path] = []
    parquet_dir.mkdir(parents=True, exist_ok=True)
    try:
        for name, writer in zip(DATASET_NAMES, WRITERS, strict=True):
            if tables[name]:
                written += writer(pa.concat_tables(tables[name]), parquet_dir).written
        summary = load_parquet(db_path, parquet_dir)
    except Exception as exc:  # the unit failed: un-write what this step wrote
        for path in written:
            path.unlink(missing_ok=True)
        report.publish_error = f"{type(exc).__name__}: {exc}"
        log.error("publish failed, nothing published: %s", report.publish_error)
        return report
    report.load_id = summary.load_id
    report.inserted = dict(summary.inserted)
    for source_id, (new, revised) in load_source_counts(db_path, summary.load_id).items():
        report.source(source_id).new_observations = new
        report.source(source_id).revisions = revised
    save_feed_cursors(batches, db_path)
    return report


def save_feed_cursors(batches: list[SourceBatch], db_path: Path) -> None:
    """Advance each feed's cursor once its items are published.

    Runs after the load committed: if this step fails, the cursor stays behind and the next run
    re-reads those items, which the idempotent load turns into no change.
    """
    updates = [b.cursor_update for b in batches if b.cursor_update]
    if not updates:
        return
    con = connect(db_path)
    try:
        for feed_id, published_at, url in updates:
            set_cursor(con, feed_id, published_at, url)
    finally:
        con.close()
