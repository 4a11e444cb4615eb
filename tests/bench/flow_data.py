"""Bench archives: the bundled snapshot's real-figure documents copied under distinct URLs.

An archive of N releases is the demo snapshot's documents (pages this project wrote in the
published layouts, carrying only published figures, under `sample.cyberstats.invalid` addresses)
repeated until there are N: copy i of a page gets the URL `<url>?bench-copy=<i>` (or `&...`) and
a fetch time i seconds after the original, so each copy is its own document, its own vintage,
and replays through the same parsers as the original. Bodies are stored once (content-addressed).
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from extract.archive import ManifestEntry, RawArchive, utc_iso
from flows.runner import DEMO_SNAPSHOT


def snapshot_documents() -> list[ManifestEntry]:
    """The snapshot's replayable documents (status 200 with a body, robots.txt left out)."""
    return list(RawArchive(DEMO_SNAPSHOT).document_entries())


def copied_url(url: str, copy: int) -> str:
    """`url` made distinct for copy `copy` (copy 0 keeps the original URL)."""
    if copy == 0:
        return url
    return f"{url}{'&' if '?' in url else '?'}bench-copy={copy}"


def build_archive(root: Path, n_documents: int) -> RawArchive:
    """A raw archive at `root` holding `n_documents` documents, cycling through the snapshot's."""
    source = RawArchive(DEMO_SNAPSHOT)
    target = RawArchive(root)
    originals = snapshot_documents()
    for entry in originals:
        target.store_body(source.read(entry.sha256 or ""))
    lines = []
    for i in range(n_documents):
        copy, k = divmod(i, len(originals))
        entry = originals[k]
        fetched = entry.fetched_at_dt + timedelta(seconds=copy)
        new = dataclasses.replace(entry, url=copied_url(entry.url, copy), fetched_at=utc_iso(fetched))
        lines.append(new.to_json())
    target.root.mkdir(parents=True, exist_ok=True)
    target.manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")  # one write, not N fsyncs
    return target
