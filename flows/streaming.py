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
  out of the other batches and replayed together at the end (a batch of their own, split only
  when there are more than `batch_size` of them; then a page is compared with the archived copies
  of the other languages, as a live run compares a page fetched alone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.archive import ROBOTS_SOURCE_ID, ManifestEntry, RawArchive
from flows.publish import CSC_SOURCES, publish_batches
from flows.reports import RunReport
from flows.stages import replay_entries

DEFAULT_BATCH_SIZE = 200


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
    """The replay of an archive as batch manifests of at most `batch_size` documents, in manifest
    order, the CSC language pages last and together (see the module docstring)."""
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
    chunks = list(_chunks(others, batch_size)) + list(_chunks(csc, batch_size)) or [
        []
    ]  # [[]]: a load all the same
    return [
        BatchManifest(str(archive_dir), number, len(chunks), tuple(chunk))
        for number, chunk in enumerate(chunks, start=1)
    ]


def _chunks(entries: list[ManifestEntry], size: int) -> Iterator[list[ManifestEntry]]:
    for start in range(0, len(entries), size):
        yield entries[start : start + size]


def replay_batch(
    manifest: BatchManifest, parquet_dir: Path, db_path: Path, earlier_loads: list[str]
) -> RunReport:
    """Parse and publish one batch; its report (the run adds it up). `earlier_loads`: the loads
    the run's earlier batches committed (see flows.publish.publish_batches)."""
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
