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

from flows.reports import RunReport
from flows.stages import Parsed, SourceBatch, merge_reports
from transform.categories import KNOWN_CATEGORIES
from transform.exceptions import ValidationFailed
from transform.parquet_store import write_article_figures, write_articles, write_observations
from transform.parsers.agreement import compare_language_versions
from transform.validate import validate_article_figures, validate_articles, validate_observations
from warehouse.db import connect
from warehouse.load import load_parquet
from warehouse.news_state import set_cursor
from warehouse.queries import load_source_counts

log = logging.getLogger("cyberstats")

CSC_SOURCES = ("hkpf_csc_en", "hkpf_csc_tc", "hkpf_csc_sc")


def quarantine_disagreeing_csc(batches: dict[str, SourceBatch]) -> None:
    """Refuse a CSC vintage whose language versions disagree on any number (issue 3)."""
    by_vintage: dict[frozenset[str], dict[str, Parsed]] = defaultdict(dict)
    for sid in CSC_SOURCES:
        for parsed in batches.get(sid, SourceBatch(None)).parsed if sid in batches else []:
            periods = frozenset(o["period_label"] for o in parsed.result.observations)
            by_vintage[periods][sid] = parsed
    for versions in by_vintage.values():
        if len(versions) < 2:
            continue
        problems = compare_language_versions({sid: p.result for sid, p in versions.items()})
        if problems:
            for sid, parsed in versions.items():
                batches[sid].parsed.remove(parsed)
                batches[sid].report.quarantined += 1
                batches[sid].report.failures.append(
                    f"{sid}: language versions disagree, vintage not loaded: " + "; ".join(problems[:5])
                )


def _validated(batch: SourceBatch) -> tuple[pa.Table, pa.Table, pa.Table] | None:
    """The batch's rows as validated Arrow tables, or None (reported) when they break the contract."""
    observations, articles, figures = [], [], []
    for parsed in batch.parsed:
        observations += parsed.result.observations
        articles += parsed.result.articles
        figures += parsed.result.article_figures
    try:
        return (
            validate_observations(observations, known_categories=KNOWN_CATEGORIES),
            validate_articles(articles),
            validate_article_figures(figures),
        )
    except ValidationFailed as exc:
        batch.report.quarantined += len(batch.parsed)
        batch.report.failures.append(f"{batch.report.source_id}: rows refused: {exc}")
        return None


def publish_batches(batches: list[SourceBatch], parquet_dir: Path, db_path: Path) -> RunReport:
    """A run's publish step: report per source, refuse disagreeing CSC vintages, then publish."""
    report = merge_reports(batches)
    quarantine_disagreeing_csc({b.report.source_id: b for b in batches})
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
        for name, table in zip(("observations", "articles", "article_figures"), validated, strict=True):
            tables[name].append(table)
    written: list[Path] = []
    parquet_dir.mkdir(parents=True, exist_ok=True)
    try:
        for name, writer in (
            ("observations", write_observations),
            ("articles", write_articles),
            ("article_figures", write_article_figures),
        ):
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
