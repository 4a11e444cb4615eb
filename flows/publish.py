"""The publish step as one unit: validate, write Parquet, load DuckDB; on failure nothing is published.

Per-source problems (rows that break the contract, language versions that disagree) quarantine
that source's documents and are reported; the others are still published. A failure of the
write-or-load step itself removes the Parquet files this step wrote and leaves the warehouse as
it was (the load is one DuckDB transaction).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from extract.archive import RawArchive
from extract.catalogue import get_source
from flows.reports import RunReport
from flows.stages import Parsed, SourceBatch, merge_reports, parse_document
from transform.categories import KNOWN_CATEGORIES
from transform.document import ParseResult
from transform.exceptions import Failure, ValidationFailed
from transform.parquet_store import (
    sweep_temps,
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
from transform.vintages import new_vintages
from warehouse.load import load_parquet
from warehouse.news_state import set_cursor
from warehouse.queries import load_source_counts, vintage_baseline

log = logging.getLogger("cyberstats")

CSC_SOURCES = ("hkpf_csc_en", "hkpf_csc_tc", "hkpf_csc_sc")
DATASET_NAMES = ("observations", "articles", "article_figures", "documents")
WRITERS = (write_observations, write_articles, write_article_figures, write_documents)


def quarantine_disagreeing_csc(batches: dict[str, SourceBatch], archive: RawArchive | None = None) -> None:
    """Refuse a CSC vintage whose language versions disagree on any number or on the periods (issue 3, 12).

    The versions parsed in this run are compared with each other and, for a language not fetched
    anew in this run, with its latest archived copy that covers the same periods: a page updated
    in one language before the others is still checked against them. A version naming periods
    that no other language version names (in this run or in the archive), while other versions
    exist, is a disagreement too: a year typo in one language's heading is not a second vintage.
    """
    by_vintage: dict[frozenset[str], dict[str, Parsed]] = defaultdict(dict)
    for sid in CSC_SOURCES:
        for parsed in batches[sid].parsed if sid in batches else []:
            by_vintage[_periods(parsed.result)][sid] = parsed
    archived = _ArchivedCsc(archive)
    for periods, versions in by_vintage.items():
        results = {sid: p.result for sid, p in versions.items()}
        others = [s for s in CSC_SOURCES if s not in versions]
        results |= archived.with_periods(others, periods)
        problems = compare_language_versions(results) if len(results) > 1 else []
        if len(results) == 1:
            problems = _period_disagreement(periods, versions, by_vintage, archived.periods(others))
        for sid, parsed in versions.items() if problems else ():
            batches[sid].parsed.remove(parsed)
            batches[sid].report.quarantined += 1
            message = "language versions disagree, vintage not loaded: " + "; ".join(problems[:5])
            batches[sid].report.failures.append(
                Failure(sid, "compare", parsed.document.url, "LanguagesDisagree", message)
            )


def _period_disagreement(
    periods: frozenset[str],
    versions: dict[str, Parsed],
    by_vintage: dict[frozenset[str], dict[str, Parsed]],
    archived: dict[str, set[frozenset[str]]],
) -> list[str]:
    """Why a lone version's periods are suspect: the other languages name other periods, never these."""
    (sid,) = versions
    named: dict[str, set[frozenset[str]]] = defaultdict(set)
    for other_periods, other_versions in by_vintage.items():
        for other in other_versions:
            if other != sid and other_periods != periods:
                named[other].add(other_periods)
    for other, sets in archived.items():
        named[other].update(sets)
    if not named:
        return []  # no other language version anywhere: nothing to compare with
    shown = "; ".join(f"{o} names {' / '.join(_label(p) for p in ps)}" for o, ps in sorted(named.items()))
    return [f"periods differ: {sid} names {_label(periods)}, which no other version names ({shown})"]


def _label(periods: frozenset[str]) -> str:
    return "+".join(sorted(periods))


def _periods(result: ParseResult) -> frozenset[str]:
    return frozenset(o["period_label"] for o in result.observations)


class _ArchivedCsc:
    """Archived copies of the CSC language pages, parsed on demand (not loaded); unreadable ones skipped."""

    def __init__(self, archive: RawArchive | None) -> None:
        self.archive = archive
        self._parsed: dict[str, list[ParseResult]] = {}

    def _copies(self, sid: str) -> list[ParseResult]:
        """Every readable archived version of one language page, newest first."""
        if sid not in self._parsed:
            self._parsed[sid] = list(self._read(sid)) if self.archive is not None else []
        return self._parsed[sid]

    def _read(self, sid: str) -> Iterator[ParseResult]:
        if self.archive is None:
            return
        source = get_source(sid)
        seen: set[str] = set()
        for entry in reversed(self.archive.entries()):
            if entry.url != source.urls[0] or entry.status != 200 or not entry.sha256 or entry.sha256 in seen:
                continue
            seen.add(entry.sha256)
            try:
                yield parse_document(self.archive.document(entry), source)
            except Exception:  # noqa: BLE001 - a damaged or drifted copy is simply not a witness
                continue

    def with_periods(self, source_ids: list[str], periods: frozenset[str]) -> dict[str, ParseResult]:
        """The latest archived copy of each language that covers `periods`."""
        found = {}
        for sid in source_ids:
            match = next((r for r in self._copies(sid) if _periods(r) == periods), None)
            if match is not None:
                found[sid] = match
        return found

    def periods(self, source_ids: list[str]) -> dict[str, set[frozenset[str]]]:
        """The period sets each language's archived copies name."""
        return {sid: {_periods(r) for r in self._copies(sid)} for sid in source_ids if self._copies(sid)}


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
    batches: list[SourceBatch],
    parquet_dir: Path,
    db_path: Path,
    archive: RawArchive | None = None,
    *,
    earlier_loads: Sequence[str] | None = None,
) -> RunReport:
    """A run's publish step: report per source, refuse disagreeing CSC vintages, then publish.

    `earlier_loads`: for one batch of a batched run (flows/streaming.py), the loads its earlier
    batches committed. The batch then loads only the Parquet files it wrote itself (not every
    file under `parquet_dir`), and a row counts as a revision only against loads of other runs,
    so the batches of a run add up to what one publish of all of it would report.
    """
    report = merge_reports(batches)
    quarantine_disagreeing_csc({b.report.source_id: b for b in batches}, archive)
    return publish(batches, parquet_dir, db_path, report, earlier_loads=earlier_loads)


def publish(
    batches: list[SourceBatch],
    parquet_dir: Path,
    db_path: Path,
    report: RunReport,
    *,
    earlier_loads: Sequence[str] | None = None,
) -> RunReport:
    """Validate per source, then write Parquet and load DuckDB as one unit."""
    tables: dict[str, list[pa.Table]] = defaultdict(list)
    for batch in batches:
        validated = _validated(batch)
        if validated is None:
            continue
        batch.report.observations += validated[0].num_rows
        batch.report.articles += validated[1].num_rows
        batch.report.article_figures += validated[2].num_rows
        for name, table in zip(DATASET_NAMES, validated, strict=True):
            tables[name].append(table)
    written: list[Path] = []
    mine: list[Path] = []  # written or already there: the files of this step's rows
    parquet_dir.mkdir(parents=True, exist_ok=True)
    sweep_temps(parquet_dir)  # temporary files of killed runs (never counted: they sit outside the globs)
    try:
        if tables["observations"]:
            tables["observations"] = [new_vintages_only(pa.concat_tables(tables["observations"]), db_path)]
        for name, writer in zip(DATASET_NAMES, WRITERS, strict=True):
            if tables[name]:
                result = writer(pa.concat_tables(tables[name]), parquet_dir)
                written += result.written
                mine += result.written + result.existing
        files = None if earlier_loads is None else mine
        summary = load_parquet(
            db_path, parquet_dir, files=files, then=lambda con: save_feed_cursors(batches, con)
        )
    except Exception as exc:  # the unit failed: un-write what this step wrote
        for path in written:
            path.unlink(missing_ok=True)
        report.publish_error = f"{type(exc).__name__}: {exc}"
        log.error("publish failed, nothing published: %s", report.publish_error)
        return report
    report.load_id = summary.load_id
    report.inserted = dict(summary.inserted)
    counts = load_source_counts(db_path, summary.load_id, list(earlier_loads or ()))
    for source_id, (new, revised) in counts.items():
        report.source(source_id).new_observations += new
        report.source(source_id).revisions += revised
    return report


def new_vintages_only(observations: pa.Table, db_path: Path) -> pa.Table:
    """The observations that are new vintages (transform/vintages.py): a page changed only in its
    markup adds nothing; a revised number adds only its own row.

    Only the stored series of these rows' document URLs are read (a series is one URL's number),
    so the baseline is as large as the batch, not as the warehouse.
    """
    rows = observations.to_pylist()
    sources = sorted({r["source_id"] for r in rows})
    urls = sorted({r["document_url"] for r in rows})
    latest, stored = vintage_baseline(db_path, sources, [r["observation_id"] for r in rows], urls)
    kept = new_vintages(rows, latest, stored)
    if len(kept) == len(rows):
        return observations
    return pa.Table.from_pylist(kept, schema=observations.schema)


def save_feed_cursors(batches: list[SourceBatch], con: duckdb.DuckDBPyConnection) -> None:
    """Advance each feed's cursor once its items are published.

    Runs inside the load's transaction: the cursor moves if and only if the items' rows are loaded;
    after a failed load it stays behind and the next run re-reads those items.
    """
    for feed_id, published_at, url in (b.cursor_update for b in batches if b.cursor_update):
        set_cursor(con, feed_id, published_at, url)
