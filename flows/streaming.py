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

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.archive import ROBOTS_SOURCE_ID, ManifestEntry, RawArchive
from flows.publish import CSC_SOURCES, publish_batches
from flows.reports import RunReport
from flows.stages import replay_entries

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
