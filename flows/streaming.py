"""Replays in bounded batches: parse and publish N documents at a time, so memory stays flat.

A replay used to parse every archived document and hold it (~42 KB each) until one publish at
the end: peak memory grew with the archive. Here the archive is first planned into batch
manifests (references: the manifest rows of at most `batch_size` documents, never their bodies),
then each batch is parsed, published as one unit (validate, Parquet, one DuckDB transaction) and
dropped before the next is read. What the run reports is the sum of its batches.

Contracts kept across batch boundaries:

* one bad document fails only itself (a typed Failure in its source's report), as before;
* a batch is all or nothing: when its publish fails, nothing of it is loaded, the batches before
  it stay loaded, the run stops there and its report names the batch (`failed_batch`); running
  the replay again loads the rest (loads are idempotent);
* vintages: each document URL's fetches stay in manifest order, so a batch's new-vintage test
  sees the earlier batches' vintages in the warehouse as it would have seen them in memory;
* the CSC language pages (en/tc/sc of one period) are compared with each other: they are kept
  out of the other batches and replayed at the end, in batches of their own that never split a
  fetch round (the en, tc and sc pages fetched one after another). A page fetched alone (one
  language updated first) is compared with the archived copies of the others, as in a live run.
  A CSC page carries a whole table (~66 rows, a press release a handful), so its batches hold a
  quarter as many documents (`CSC_SHARE`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.archive import ROBOTS_SOURCE_ID, ManifestEntry, RawArchive
from extract.catalogue import get_source
from flows.reports import RunReport, SourceReport
from flows.stages import Parsed, SourceBatch, merge_reports, replay_entries

DEFAULT_BATCH_SIZE = 200
CSC_SHARE = 4  # CSC batches hold batch_size // CSC_SHARE documents (at least one fetch round)


@dataclass(frozen=True)
class BatchManifest:
    """One batch of a replay, by reference: the archive and the manifest rows of its documents."""

    archive_dir: str
    number: int  # 1-based
    planned: int  # batches in the run
    entries: tuple[ManifestEntry, ...]

    def __str__(self) -> str:
        return f"batch {self.number} of {self.planned} ({len(self.entries)} documents)"


def plan_replay(
    archive_dir: Path | str, source_ids: Iterable[str] | None = None, batch_size: int = DEFAULT_BATCH_SIZE
) -> list[BatchManifest]:
    """The replay of an archive as batch manifests of at most `batch_size` documents in manifest
    order, then the CSC language pages by whole fetch rounds (see the module docstring)."""
    from flows.publish import CSC_SOURCES  # with the publish step: see flows.pipeline.publish_task

    if batch_size < 1:
        raise ValueError(f"batch size must be at least 1, got {batch_size}")
    wanted = set(source_ids) if source_ids else None
    entries = [
        e
        for e in RawArchive(archive_dir).document_entries()
        if e.source_id != ROBOTS_SOURCE_ID and (wanted is None or e.source_id in wanted)
    ]
    others = [e for e in entries if e.source_id not in CSC_SOURCES]
    csc = [e for e in entries if e.source_id in CSC_SOURCES]
    csc_batches = _packed(_rounds(csc), max(len(CSC_SOURCES), batch_size // CSC_SHARE))
    chunks = list(_chunks(others, batch_size)) + csc_batches or [[]]  # [[]]: one (empty) load all the same
    return [
        BatchManifest(str(archive_dir), number, len(chunks), tuple(chunk))
        for number, chunk in enumerate(chunks, start=1)
    ]


def _chunks(entries: list[ManifestEntry], size: int) -> Iterator[list[ManifestEntry]]:
    for start in range(0, len(entries), size):
        yield entries[start : start + size]


def _rounds(entries: list[ManifestEntry]) -> list[list[ManifestEntry]]:
    """CSC pages in fetch rounds: a round ends where a language it already holds comes again."""
    rounds: list[list[ManifestEntry]] = []
    for entry in entries:
        if not rounds or any(e.source_id == entry.source_id for e in rounds[-1]):
            rounds.append([])
        rounds[-1].append(entry)
    return rounds


def _packed(groups: list[list[ManifestEntry]], size: int) -> list[list[ManifestEntry]]:
    """Whole groups, in order, packed into chunks of at most `size` entries (a bigger group alone)."""
    chunks: list[list[ManifestEntry]] = []
    for group in groups:
        if not chunks or len(chunks[-1]) + len(group) > size:
            chunks.append([])
        chunks[-1].extend(group)
    return chunks


def replay_batch(
    manifest: BatchManifest, parquet_dir: Path, db_path: Path, earlier_loads: list[str]
) -> RunReport:
    """Parse and publish one batch; its report (the run adds it up). `earlier_loads`: the loads
    the run's earlier batches committed (see flows.publish.publish_batches)."""
    from flows.publish import publish_batches  # see flows.pipeline.publish_task

    archive = RawArchive(manifest.archive_dir)
    batches = list(replay_entries(archive, manifest.entries).values())
    return publish_batches(batches, parquet_dir, db_path, archive, earlier_loads=earlier_loads)


BatchRunner = Callable[[BatchManifest, list[str]], RunReport]  # (manifest, earlier loads) -> its report


def run_batches(plan: list[BatchManifest], run_one: BatchRunner) -> RunReport:
    """Run the planned batches in order, adding up their reports; stop at the first failed publish.

    `run_one` is `replay_batch` bound to the run's paths, or the Prefect task wrapping it.
    """
    report = RunReport()
    for manifest in plan:
        part = run_one(manifest, list(report.load_ids))
        report.add_batch(part, manifest.number, manifest.planned)
        if part.publish_error is not None:
            break
    return report


def replay_streaming(
    archive_dir: Path,
    parquet_dir: Path,
    db_path: Path,
    source_ids: Iterable[str] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> RunReport:
    """Replay a raw archive into the warehouse in bounded batches (the plain-function path)."""
    plan = plan_replay(archive_dir, source_ids, batch_size)
    return run_batches(plan, lambda m, earlier: replay_batch(m, parquet_dir, db_path, earlier))


# (batches, loads of the run's earlier batches; None: not batched) -> report
Publisher = Callable[[list[SourceBatch], list[str] | None], RunReport]


class Flusher:
    """A live backfill's streaming publish: `SourceBatch(on_parsed=Flusher(...))`.

    Every `size` parsed documents, the batch's documents are published as one unit and dropped
    from memory. Discovery documents (the daily index pages) are held back and published last,
    with the rest: a run that stops half-way leaves its index pages unpublished, so the next run
    parses them again and follows their links to the releases not yet published (`recovered`).
    A flush that fails is named in the run's report; nothing is published after it (the bytes
    are archived, and the next run parses them again).
    """

    def __init__(self, size: int, publish: Publisher) -> None:
        if size < 1:
            raise ValueError(f"batch size must be at least 1, got {size}")
        self.size, self.publish = size, publish
        self.run = RunReport()
        self.failed = False

    def __call__(self, batch: SourceBatch) -> None:
        if sum(not _discovery(p) for p in batch.parsed) >= self.size:
            self.flush(batch)

    def flush(self, batch: SourceBatch) -> None:
        """Publish what `batch` holds now but its discovery documents (under a report of its own)."""
        held = [p for p in batch.parsed if _discovery(p)]
        out = [p for p in batch.parsed if not _discovery(p)]
        batch.parsed = held
        if self.failed:
            return
        part = SourceBatch(SourceReport(batch.report.source_id), out, loaded=batch.loaded)
        number = self.run.batches + 1
        self.run.add_batch(self.publish([part], list(self.run.load_ids)), number)
        self.failed = self.run.publish_error is not None

    def finish(self, batches: list[SourceBatch], publish_rest: Publisher) -> RunReport:
        """Publish the rest (`batches`: the run's, with their unflushed documents); the run's report.

        The batches' own reports hold what was fetched and parsed in the whole run; the flushed
        parts add the rows they published, their loads and inserted counts. After a failed flush
        nothing more is published.
        """
        if self.run.batches == 0:  # never flushed: one publish, as an unbatched run
            return publish_rest(batches, None)
        last = merge_reports(batches) if self.failed else publish_rest(batches, list(self.run.load_ids))
        report = dataclasses.replace(self.run, sources=last.sources)
        for source_id, rep in self.run.sources.items():
            report.source(source_id).add(rep)
        if not self.failed:
            final = RunReport(load_id=last.load_id, inserted=last.inserted, publish_error=last.publish_error)
            report.add_batch(final, self.run.batches + 1, self.run.batches + 1)
        return report


def _discovery(parsed: Parsed) -> bool:
    """A feed or index page: it names documents to fetch, and is published after them."""
    return get_source(parsed.document.source_id).tier == "discovery"
