"""The raw archive: every HTTP body ever fetched, content-addressed, plus an append-only manifest.

Layout under `root`::

    objects/<sha[:2]>/<sha>.gz   gzip of the body, mtime=0 so the same body gives the same bytes
    manifest.jsonl               one JSON object per fetch, appended and fsync'd, never rewritten

`fetched_at` is stored as an ISO 8601 string in UTC with microseconds and an explicit offset
(``2025-07-01T02:03:04.000005+00:00``); `ManifestEntry.fetched_at_dt` gives it back as an aware
datetime. A line that does not parse (a run killed mid-write leaves half a line) is skipped with a
warning naming the file and line; the next append starts on a fresh line, so it cannot spoil it.
`status` 0 means no HTTP response was received (refused before sending, or the network failed).

`documents()` is what a replay reads: every distinct (url, sha256) fetched with status 200, in
manifest order, stamped with the first time that exact body was fetched from that URL.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import logging
import os
import re
import threading
import zlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from extract.archive_index import ManifestIndex
from extract.atomic import atomic_write, sweep_temps
from extract.document import Document
from extract.exceptions import ArchiveCorrupt, ArchiveMissing

__all__ = ["ROBOTS_SOURCE_ID", "ManifestEntry", "RawArchive", "utc_iso"]

log = logging.getLogger(__name__)

ROBOTS_SOURCE_ID = "robots"
_SHA256 = re.compile(r"[0-9a-f]{64}")


def utc_iso(moment: datetime) -> str:
    """The manifest's timestamp form: UTC, microseconds, explicit +00:00. Naive datetimes are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class ManifestEntry:
    """One fetch: what was asked, what came back, and where its body is stored (sha256, None if no body).

    `url` is always the canonical URL that was asked for (never a mapped one); when the body came
    from a redirect, `final_url` is the canonical URL it came from. `note` says why a row has no body
    ("not_modified", "robots: ...", error text) or that the body was already archived ("unchanged").
    """

    url: str
    source_id: str
    fetched_at: str
    status: int
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None
    content_type: str | None = None
    encoding: str | None = None
    bytes: int = 0
    note: str | None = None
    final_url: str | None = None

    @property
    def fetched_at_dt(self) -> datetime:
        """`fetched_at` as an aware UTC datetime."""
        return datetime.fromisoformat(self.fetched_at).astimezone(UTC)

    def to_json(self) -> str:
        """One manifest line (without the newline); keys sorted so lines are reproducible."""
        return json.dumps(dataclasses.asdict(self), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict) -> ManifestEntry:
        """Build from a parsed line; keys this version does not know are ignored (forward compatible)."""
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


def _parse_line(line: bytes) -> ManifestEntry:
    """One manifest line as a row; ValueError/TypeError when it is not one (a torn line)."""
    data = json.loads(line)
    if not isinstance(data, dict):
        raise TypeError(f"a manifest row is a JSON object, not {type(data).__name__}")
    return ManifestEntry.from_dict(data)


class RawArchive:
    """Content-addressed body store plus fetch manifest rooted at `root` (created on first write)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.objects = self.root / "objects"
        self.manifest = self.root / "manifest.jsonl"
        self._lock = threading.Lock()
        self._cache: list[ManifestEntry] = []
        self._cache_size = -1  # manifest size when the cache was filled; re-read if the file changed
        # per-URL lookups for fetches (extract/archive_index.py): no scan of the whole manifest
        self.index = ManifestIndex(self.manifest, _parse_line, self.root / ".index" / "manifest-index.json")

    def __repr__(self) -> str:
        return f"RawArchive({str(self.root)!r})"

    # ---- bodies -------------------------------------------------------------------------------
    def object_path(self, sha256: str) -> Path:
        """Where the body with this hash is (or would be) stored.

        The hash comes from manifest rows, which a replayed archive brings from elsewhere: anything
        but 64 hex digits (e.g. `../../x`) is refused, so no path outside `objects/` is ever built.
        """
        if not _SHA256.fullmatch(sha256 or ""):
            raise ArchiveCorrupt(f"raw archive {self.root}: {sha256!r} is not a SHA-256 hex digest")
        return self.objects / sha256[:2] / f"{sha256}.gz"

    def store_body(self, body: bytes) -> str:
        """Store `body` once under its SHA-256 and return the hash; an existing object is never rewritten."""
        sha = hashlib.sha256(body).hexdigest()
        path = self.object_path(sha)
        if path.exists():
            return sha
        atomic_write(path, gzip.compress(body, compresslevel=6, mtime=0), tmp_dir=self.tmp_dir)
        return sha

    @property
    def tmp_dir(self) -> Path:
        """Where bodies are written before they are moved into `objects/` (same file system)."""
        return self.root / ".tmp"

    def sweep_temps(self) -> list[Path]:
        """Remove temporary files of killed writers (in `.tmp/`, and old-style ones in `objects/`)."""
        return sweep_temps(self.tmp_dir) + sweep_temps(self.objects, recursive=True)

    def contains(self, sha256: str) -> bool:
        """True when a body with this hash is stored (never for something that is not a SHA-256)."""
        return bool(_SHA256.fullmatch(sha256 or "")) and self.object_path(sha256).exists()

    def read(self, sha256: str) -> bytes:
        """The stored body, verified against its hash; `ArchiveCorrupt` names the damaged file."""
        path = self.object_path(sha256)
        try:
            packed = path.read_bytes()
        except FileNotFoundError:
            raise ArchiveMissing(f"raw archive {self.root}: no object {sha256} (expected {path})") from None
        try:
            body = gzip.decompress(packed)
        except (OSError, EOFError, zlib.error) as exc:
            raise ArchiveCorrupt(f"raw archive object {path} is not valid gzip: {exc}") from exc
        actual = hashlib.sha256(body).hexdigest()
        if actual != sha256:
            raise ArchiveCorrupt(
                f"raw archive object {path} is corrupt: content hashes to {actual}, not {sha256}"
            )
        return body

    # ---- manifest -----------------------------------------------------------------------------
    def record(self, entry: ManifestEntry) -> None:
        """Append one manifest row and fsync it. A half line left by a killed run is closed off first."""
        line = (entry.to_json() + "\n").encode("utf-8")
        with self._lock:
            self.root.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.manifest, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    line = b"\n" + line
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
            self.index.appended(entry, size, size + len(line), line)
            if self._cache_size == size:  # nobody else wrote in between: extend the cache
                self._cache.append(entry)
                self._cache_size = size + len(line)

    def entries(self) -> list[ManifestEntry]:
        """Every readable manifest row, in the order written."""
        with self._lock:
            return list(self._load())

    def _load(self) -> list[ManifestEntry]:
        try:
            size = self.manifest.stat().st_size
        except FileNotFoundError:
            self._cache, self._cache_size = [], 0
            return self._cache
        if size != self._cache_size:
            self._cache, self._cache_size = self._parse(self.manifest.read_bytes()), size
        return self._cache

    def _parse(self, raw: bytes) -> list[ManifestEntry]:
        entries: list[ManifestEntry] = []
        for number, line in enumerate(raw.split(b"\n"), start=1):
            if not line.strip():
                continue
            try:
                entries.append(_parse_line(line))
            except (ValueError, TypeError) as exc:
                log.warning(
                    "%s line %d is not a complete manifest row (ignored): %s", self.manifest, number, exc
                )
        return entries

    def last_good(self, url: str) -> ManifestEntry | None:
        """The latest 200 row for `url` that has a body (its ETag/Last-Modified drive the conditional GET)."""
        return self.index.last_good(url)

    def first_good(self, url: str, sha256: str) -> ManifestEntry | None:
        """The first 200 row for `url` with this body (the provenance of a copy parsed again)."""
        return self.index.first_good(url, sha256)

    def has_body_for(self, url: str, sha256: str) -> bool:
        """True when this exact body was already archived as a 200 for this URL."""
        return self.index.has_body_for(url, sha256)

    def documents(self, source_ids: Collection[str] | None = None) -> Iterator[Document]:
        """Each distinct (url, sha256) fetched with 200, in manifest order, with its FIRST fetched_at.

        robots.txt bodies (source id "robots") are left out unless asked for by `source_ids`.
        """
        for entry in self.document_entries(source_ids):
            yield self.document(entry)

    def document_entries(self, source_ids: Collection[str] | None = None) -> Iterator[ManifestEntry]:
        """The manifest rows `documents()` reads, without reading their bodies (a replay reads each
        itself, so that one damaged object fails that document only)."""
        seen: set[tuple[str, str]] = set()
        for entry in self.entries():
            if entry.status != 200 or not entry.sha256:
                continue
            if source_ids is None:
                wanted = entry.source_id != ROBOTS_SOURCE_ID
            else:
                wanted = entry.source_id in source_ids
            if not wanted or (entry.url, entry.sha256) in seen:
                continue
            seen.add((entry.url, entry.sha256))
            yield entry

    def document(self, entry: ManifestEntry, body: bytes | None = None) -> Document:
        """The Document for a manifest row with a body (read from the archive unless given)."""
        if entry.sha256 is None:
            raise ValueError(f"manifest row for {entry.url} ({entry.status}) has no body")
        return Document(
            source_id=entry.source_id,
            url=entry.url,
            body=self.read(entry.sha256) if body is None else body,
            sha256=entry.sha256,
            fetched_at=entry.fetched_at_dt,
            content_type=entry.content_type,
            encoding=entry.encoding,
        )

    def copy_from(self, other: RawArchive) -> int:
        """Append to this archive every row of `other` not already here, with its body; return rows added."""
        mine = {e.to_json() for e in self.entries()}
        added = 0
        for entry in other.entries():
            if entry.to_json() in mine:
                continue
            if entry.sha256:
                self.store_body(other.read(entry.sha256))
            self.record(entry)
            added += 1
        return added

    def import_from(self, other: RawArchive) -> int:
        """Same as `copy_from` (the name flows/runner.py uses to seed an archive from a snapshot)."""
        return self.copy_from(other)
