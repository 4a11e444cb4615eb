"""What the CKAN metadata says changed since the previous fetch: new, moved or updated CSV resources."""

from __future__ import annotations

import json

from extract.archive import RawArchive
from extract.document import Document
from transform.parsers.ckan import resources_changed


def previous_body(archive: RawArchive, doc: Document) -> bytes | None:
    """The body archived for the same URL before this one (None on the first fetch)."""
    shas = list(
        dict.fromkeys(
            e.sha256 for e in archive.entries() if e.url == doc.url and e.status == 200 and e.sha256
        )
    )
    if doc.sha256 not in shas or shas.index(doc.sha256) == 0:
        return None
    return archive.read(shas[shas.index(doc.sha256) - 1])


def ckan_changes(archive: RawArchive, doc: Document) -> list[str]:
    """One line per resource change between the previous package_show response and this one."""
    before = previous_body(archive, doc)
    previous = json.loads(before) if before is not None else None
    return resources_changed(previous, json.loads(doc.body))
