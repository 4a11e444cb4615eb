"""An index of the raw archive's manifest by URL: a fetch costs a dictionary lookup, not a scan.

The manifest (extract/archive.py) is append-only and stays the only source of truth; this index
is a cache of what a fetch needs to know about one URL:

* the latest 200 row with a body (its ETag / Last-Modified drive the conditional GET),
* for each body fetched from it, the first 200 row (provenance of a re-parsed copy),
* its latest row of any status (a robots.txt answer fetched recently is reused).

It follows the file by byte offset: a lookup `stat`s the manifest and reads only what was
appended since (only whole lines: a half line being written, or torn by a kill, is left for
later, and a line that never parses is skipped with a warning, as `RawArchive` does). A manifest
that shrank, or whose bytes before the offset changed, is indexed again from the start.

On disk (`<root>/.index/manifest-index.json`) the index is a snapshot that a fresh process loads
instead of parsing the whole manifest. It records the offset it covers and a hash of the bytes
just before it, written atomically; a snapshot that does not match the manifest (other bytes, a
shorter file, another format) is ignored and rebuilt, so a kill at any point costs at most one
rebuild. It is saved only by a process that appends to the archive, once it has read a sizeable
part of the manifest itself (`SAVE_AFTER_BYTES`), so an archive that is only read (a bundled
snapshot, a replayed copy) is never written to.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extract.atomic import WriteRefused, atomic_write

if TYPE_CHECKING:
    from extract.archive import ManifestEntry

__all__ = ["INDEX_FORMAT", "SAVE_AFTER_BYTES", "ManifestIndex"]

log = logging.getLogger(__name__)

INDEX_FORMAT = 1
SAVE_AFTER_BYTES = 256 * 1024  # a process that parsed this much manifest saves a snapshot for the next
_CHECK_BYTES = 4096  # bytes before the covered offset whose hash ties a snapshot to its manifest


@dataclass
class _UrlState:
    """What the index knows about one URL."""

    last_good: ManifestEntry | None = None
    first_good: dict[str, ManifestEntry] | None = None  # sha256 -> first 200 row with that body
    latest: ManifestEntry | None = None  # the latest row of any status (robots.txt reuse)


class ManifestIndex:
    """Per-URL facts of one manifest file, kept up to date by reading only its appended tail."""

    def __init__(
        self, manifest: Path, parse_line: Callable[[bytes], ManifestEntry], index_path: Path
    ) -> None:
        self.manifest = Path(manifest)
        self.index_path = Path(index_path)
        self._parse_line = parse_line
        self._lock = threading.RLock()
        self._urls: dict[str, _UrlState] = {}
        self._offset = 0  # manifest bytes indexed so far (always just after a newline, or 0)
        self._check = b""  # the last _CHECK_BYTES bytes indexed, to notice a rewritten file
        self._loaded = False
        self._read_since_save = 0  # manifest bytes parsed by this process since the last snapshot
        self.lines_read = 0  # manifest lines this process parsed (what the bench and tests count)

    # ---- lookups ------------------------------------------------------------------------------
    def last_good(self, url: str) -> ManifestEntry | None:
        """The latest 200 row of `url` with a body, or None."""
        with self._lock:
            self.refresh()
            state = self._urls.get(url)
            return state.last_good if state else None

    def latest(self, url: str) -> ManifestEntry | None:
        """The latest row of `url`, whatever its status, or None."""
        with self._lock:
            self.refresh()
            state = self._urls.get(url)
            return state.latest if state else None

    def first_good(self, url: str, sha256: str) -> ManifestEntry | None:
        """The first 200 row of `url` whose body hashes to `sha256`, or None."""
        with self._lock:
            self.refresh()
            state = self._urls.get(url)
            return (state.first_good or {}).get(sha256) if state else None

    def has_body_for(self, url: str, sha256: str) -> bool:
        """True when this exact body was archived as a 200 for this URL."""
        return self.first_good(url, sha256) is not None

    # ---- keeping up with the file --------------------------------------------------------------
    def refresh(self) -> None:
        """Index what was appended to the manifest since the last look (a `stat` when nothing was)."""
        with self._lock:
            if not self._loaded:
                self._loaded = True
                self._load_snapshot()
            try:
                size = self.manifest.stat().st_size
            except FileNotFoundError:
                size = 0
            if size < self._offset or (size > self._offset and not self._still_same_file()):
                log.info("%s changed before offset %d: indexing it again", self.manifest, self._offset)
                self._reset()
            if size > self._offset:
                self._read_tail()

    def appended(self, entry: ManifestEntry, start: int, end: int, data: bytes) -> None:
        """This process appended `data` (holding `entry`) at bytes start..end: index it without reading.

        When someone else wrote in between (the offset is not `start`), the next lookup reads the
        tail from the file instead.
        """
        with self._lock:
            if self._loaded and self._offset == start:
                self._add(entry)
                self._advance(end, data)
            self._maybe_save()

    def _read_tail(self) -> None:
        with self.manifest.open("rb") as f:
            f.seek(self._offset)
            data = f.read()
        complete = data.rfind(b"\n") + 1  # only whole lines; a half line waits for its newline
        if complete == 0:
            return
        for raw in data[:complete].split(b"\n"):
            if raw.strip():
                self.lines_read += 1
                self._add_line(raw)
        self._read_since_save += complete
        self._advance(self._offset + complete, data[:complete])

    def _add_line(self, raw: bytes) -> None:
        try:
            entry = self._parse_line(raw)
        except (ValueError, TypeError) as exc:
            log.warning(
                "%s: a line near byte %d is not a complete manifest row (ignored): %s",
                self.manifest,
                self._offset,
                exc,
            )
            return
        self._add(entry)

    def _add(self, entry: ManifestEntry) -> None:
        state = self._urls.setdefault(entry.url, _UrlState())
        state.latest = entry
        if entry.status != 200 or not entry.sha256:
            return
        state.last_good = entry
        if state.first_good is None:
            state.first_good = {}
        state.first_good.setdefault(entry.sha256, entry)

    def _advance(self, offset: int, data: bytes) -> None:
        self._offset = offset
        self._check = (self._check + data)[-_CHECK_BYTES:]

    def _still_same_file(self) -> bool:
        """The bytes just before the offset are still the ones indexed (the file was only appended to)."""
        if not self._check:
            return True
        try:
            with self.manifest.open("rb") as f:
                f.seek(self._offset - len(self._check))
                return f.read(len(self._check)) == self._check
        except OSError:
            return False

    def _reset(self) -> None:
        self._urls, self._offset, self._check = {}, 0, b""

    # ---- the snapshot on disk -------------------------------------------------------------------
    def _load_snapshot(self) -> None:
        """Start from the saved snapshot when it matches the manifest; otherwise from nothing."""
        from extract.archive import ManifestEntry

        try:
            saved = json.loads(self.index_path.read_bytes())
            if saved.get("format") != INDEX_FORMAT:
                return
            offset, check = int(saved["offset"]), bytes.fromhex(saved["check"])
            urls = {
                url: _UrlState(
                    _entry(s.get("last_good")),
                    {sha: ManifestEntry.from_dict(e) for sha, e in (s.get("first_good") or {}).items()},
                    _entry(s.get("latest")),
                )
                for url, s in saved["urls"].items()
            }
        except FileNotFoundError:
            return
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            log.warning(
                "raw archive index %s is unreadable (%s): indexing the manifest again", self.index_path, exc
            )
            return
        self._urls, self._offset, self._check = urls, offset, check
        try:
            if self.manifest.stat().st_size < offset or not self._still_same_file():
                log.info(
                    "raw archive index %s does not match %s: indexing it again",
                    self.index_path,
                    self.manifest,
                )
                self._reset()
        except FileNotFoundError:
            self._reset()

    def _maybe_save(self) -> None:
        if self._read_since_save >= SAVE_AFTER_BYTES:
            self.save()

    def save(self) -> None:
        """Write the snapshot atomically (best effort: an index that cannot be saved is only slower)."""
        with self._lock:
            doc = {
                "format": INDEX_FORMAT,
                "manifest": self.manifest.name,
                "offset": self._offset,
                "check": self._check.hex(),
                "urls": {
                    url: {
                        "last_good": _row(s.last_good),
                        "first_good": {sha: _row(e) for sha, e in (s.first_good or {}).items()},
                        "latest": _row(s.latest),
                    }
                    for url, s in self._urls.items()
                },
            }
            try:
                data = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                atomic_write(self.index_path, data, tmp_dir=self.index_path.parent)
            except (OSError, WriteRefused) as exc:
                log.warning("raw archive index %s not saved: %s", self.index_path, exc)
                return
            self._read_since_save = 0


def _entry(row: dict | None) -> ManifestEntry | None:
    from extract.archive import ManifestEntry

    return ManifestEntry.from_dict(row) if row else None


def _row(entry: ManifestEntry | None) -> dict | None:
    if entry is None:
        return None
    return json.loads(entry.to_json())
