"""The manifest index (extract/archive_index.py): lookups by URL that agree with a scan of the
manifest, follow what other processes append, survive torn lines and rewritten files, and a snapshot
on disk that a fresh process trusts only when it matches the manifest (issue 13)."""

from __future__ import annotations

import json
import logging

import pytest

from extract import archive_index
from extract.archive import ManifestEntry, RawArchive

URL = "https://www.police.gov.hk/ppp_en/09_statistics/csc.html"
OTHER = "https://www.police.gov.hk/info/doc/crime_details.csv"
A, B, C, D = "a" * 64, "b" * 64, "c" * 64, "d" * 64


def row(url=URL, status=200, sha=None, minute=0, **kw) -> ManifestEntry:
    at = f"2025-07-01T02:{minute:02d}:00.000000+00:00"
    return ManifestEntry(url=url, source_id="hkpf_csc_en", fetched_at=at, status=status, sha256=sha, **kw)


def scanned_last_good(archive: RawArchive, url: str) -> ManifestEntry | None:
    """What last_good gave before the index: the latest 200 row with a body, by a scan."""
    good = [e for e in archive.entries() if e.url == url and e.status == 200 and e.sha256]
    return good[-1] if good else None


HISTORY = [
    row(sha=A, minute=1, etag='"1"'),
    row(status=304, minute=2, note="not_modified"),
    row(url=OTHER, sha=C, minute=3),
    row(sha=B, minute=4, etag='"2"'),
    row(status=500, minute=5, note="gave up"),
    row(sha=A, minute=6, etag='"3"'),  # the first body again
    row(status=0, minute=7, note="robots: disallowed"),
]


@pytest.fixture
def archive(tmp_path) -> RawArchive:
    archive = RawArchive(tmp_path / "raw")
    for entry in HISTORY:
        archive.record(entry)
    return archive


def test_lookups_agree_with_a_scan_of_the_manifest(archive):
    fresh = RawArchive(archive.root)  # a new process: everything comes from the file
    for url in (URL, OTHER, "https://www.police.gov.hk/never"):
        assert fresh.last_good(url) == scanned_last_good(fresh, url)
    assert fresh.last_good(URL).etag == '"3"'
    assert fresh.first_good(URL, A).etag == '"1"'  # provenance: the first fetch of those bytes
    assert fresh.first_good(URL, B).etag == '"2"'
    assert fresh.first_good(URL, C) is None and fresh.first_good(OTHER, C).sha256 == C
    assert fresh.has_body_for(URL, B) and not fresh.has_body_for(OTHER, A)


def test_rows_appended_by_another_process_are_read_from_the_tail_only(archive):
    reader = RawArchive(archive.root)
    assert reader.last_good(URL).sha256 == A
    assert reader.index.lines_read == len(HISTORY)
    writer = RawArchive(archive.root)  # another process appends
    writer.record(row(sha=C, minute=8))
    writer.record(row(status=304, minute=9))
    assert reader.last_good(URL).sha256 == C
    assert reader.index.lines_read == len(HISTORY) + 2  # the two new lines, not the whole file again
    assert reader.last_good(OTHER).sha256 == C


def test_rows_this_process_appends_are_indexed_without_reading_the_file(archive):
    assert archive.last_good(URL).sha256 == A
    read = archive.index.lines_read
    archive.record(row(sha=B, minute=8))
    assert archive.last_good(URL).sha256 == B and archive.index.lines_read == read


def test_a_torn_last_line_waits_for_its_end_and_a_line_that_never_ends_is_skipped(archive, caplog):
    reader = RawArchive(archive.root)
    assert reader.last_good(URL).sha256 == A
    with archive.manifest.open("ab") as f:  # a writer killed mid-line
        f.write(row(sha=D, minute=8).to_json().encode()[:40])
    assert reader.last_good(URL).sha256 == A  # the half line is not a row yet
    with caplog.at_level(logging.WARNING):
        RawArchive(archive.root).record(row(sha=C, minute=9))  # closes the half line off, then appends
        assert reader.last_good(URL).sha256 == C
    assert "not a complete manifest row" in caplog.text
    assert not reader.has_body_for(URL, D)


def test_a_manifest_rewritten_under_the_index_is_indexed_again(archive):
    reader = RawArchive(archive.root)
    assert reader.last_good(URL).sha256 == A
    other = b"".join((e.to_json() + "\n").encode() for e in [row(sha=C, minute=1), *HISTORY[1:3]])
    archive.manifest.write_bytes(other)  # shorter: e.g. restored from another copy
    assert reader.last_good(URL).sha256 == C and not reader.has_body_for(URL, A)
    longer = other + b"".join((e.to_json() + "\n").encode() for e in HISTORY)
    archive.manifest.write_bytes(b"X" + longer[1:])  # longer, but its start changed
    assert reader.last_good(URL).sha256 == A
    assert reader.first_good(URL, A).etag == '"1"'


@pytest.fixture
def small_snapshots(monkeypatch):
    monkeypatch.setattr(archive_index, "SAVE_AFTER_BYTES", 1)  # every appending process saves


def test_a_fresh_process_starts_from_the_snapshot_and_reads_only_what_follows(tmp_path, small_snapshots):
    writer = RawArchive(tmp_path / "raw")
    writer.last_good(URL)  # the index follows the file from the start
    for entry in HISTORY:
        writer.record(entry)
    assert writer.index.lines_read == 0  # every row came from this process
    writer.index.save()
    assert writer.index.index_path.exists()
    fresh = RawArchive(tmp_path / "raw")
    assert fresh.last_good(URL).etag == '"3"' and fresh.first_good(URL, A).etag == '"1"'
    assert fresh.index.lines_read == 0  # nothing parsed: the snapshot covers the whole manifest
    RawArchive(tmp_path / "raw").record(row(sha=C, minute=9))
    assert fresh.last_good(URL).sha256 == C and fresh.index.lines_read == 1


def test_an_appending_process_that_read_a_large_manifest_saves_a_snapshot(tmp_path, monkeypatch):
    monkeypatch.setattr(archive_index, "SAVE_AFTER_BYTES", 500)
    seed = RawArchive(tmp_path / "raw")
    for entry in HISTORY:
        seed.record(entry)
    reader = RawArchive(tmp_path / "raw")
    assert reader.last_good(URL) is not None and not reader.index.index_path.exists()  # reading only
    reader.record(row(status=304, minute=9))  # appending, after reading > 500 bytes
    saved = json.loads(reader.index.index_path.read_text(encoding="utf-8"))
    assert saved["offset"] == reader.manifest.stat().st_size
    assert saved["urls"][URL]["last_good"]["etag"] == '"3"'


@pytest.mark.parametrize(
    "damage",
    ["replace manifest", "truncate manifest", "garbage snapshot", "other format"],
)
def test_a_snapshot_that_does_not_match_is_ignored(tmp_path, small_snapshots, damage, caplog):
    writer = RawArchive(tmp_path / "raw")
    writer.last_good(URL)
    for entry in HISTORY:
        writer.record(entry)
    writer.index.save()
    snapshot = writer.index.index_path
    manifest = writer.manifest
    if damage == "replace manifest":  # same length, other rows: the bytes before the offset differ
        manifest.write_bytes(manifest.read_bytes().replace(A.encode(), B.encode()))
    elif damage == "truncate manifest":
        manifest.write_bytes(b"".join((e.to_json() + "\n").encode() for e in HISTORY[:3]))
    elif damage == "garbage snapshot":
        snapshot.write_bytes(b'{"format": 1, "offset": "x"')
    else:
        saved = json.loads(snapshot.read_text(encoding="utf-8"))
        snapshot.write_text(json.dumps(saved | {"format": 99}), encoding="utf-8")
    fresh = RawArchive(tmp_path / "raw")
    with caplog.at_level(logging.INFO):
        for url in (URL, OTHER):
            assert fresh.last_good(url) == scanned_last_good(fresh, url)
    assert fresh.index.lines_read == len(fresh.entries())  # indexed from the manifest itself
    if damage == "garbage snapshot":
        assert "unreadable" in caplog.text


def test_an_index_that_cannot_be_saved_only_costs_a_rebuild(tmp_path, small_snapshots, caplog):
    writer = RawArchive(tmp_path / "raw")
    (tmp_path / "raw" / ".index").mkdir(parents=True)
    (tmp_path / "raw" / ".index" / "manifest-index.json").mkdir()  # a directory where the file goes
    with caplog.at_level(logging.WARNING):
        for entry in HISTORY:
            writer.record(entry)
        writer.index.save()
    assert "not saved" in caplog.text
    assert RawArchive(tmp_path / "raw").last_good(URL).etag == '"3"'
