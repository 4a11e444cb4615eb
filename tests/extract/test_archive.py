"""RawArchive: content-addressed bodies, append-only manifest, deterministic replay (issue 2 item 2)."""

from __future__ import annotations

import gzip
import hashlib
import logging

import pytest

from extract.archive import ManifestEntry, RawArchive, utc_iso
from extract.exceptions import ArchiveCorrupt, ArchiveMissing

URL = "https://www.police.gov.hk/ppp_en/09_statistics/csc.html"
OTHER = "https://www.police.gov.hk/info/doc/crime_details.csv"


def row(url=URL, source_id="hkpf_csc_en", at="2025-07-01T02:00:00.000000+00:00", status=200, sha=None, **kw):
    return ManifestEntry(url=url, source_id=source_id, fetched_at=at, status=status, sha256=sha, **kw)


def test_store_body_is_content_addressed_and_deterministic(tmp_path):
    a, b = RawArchive(tmp_path / "a"), RawArchive(tmp_path / "b")
    sha = a.store_body(b"body")
    assert sha == hashlib.sha256(b"body").hexdigest() == b.store_body(b"body")
    assert a.object_path(sha) == tmp_path / "a" / "objects" / sha[:2] / f"{sha}.gz"
    assert a.object_path(sha).read_bytes() == b.object_path(sha).read_bytes()  # gzip mtime=0
    assert a.contains(sha) and a.read(sha) == b"body"
    assert not list(a.objects.rglob(".tmp-*"))


def test_existing_object_is_never_overwritten(archive):
    sha = archive.store_body(b"body")
    path = archive.object_path(sha)
    path.write_bytes(gzip.compress(b"tampered", mtime=0))
    assert archive.store_body(b"body") == sha
    assert gzip.decompress(path.read_bytes()) == b"tampered"


def test_corrupt_object_is_reported_with_its_file(archive):
    sha = archive.store_body(b"body")
    archive.object_path(sha).write_bytes(gzip.compress(b"tampered", mtime=0))
    with pytest.raises(ArchiveCorrupt, match=f"{archive.object_path(sha)}.*hashes to"):
        archive.read(sha)


def test_object_that_is_not_gzip_is_corrupt(archive):
    sha = archive.store_body(b"body")
    archive.object_path(sha).write_bytes(b"not gzip at all")
    with pytest.raises(ArchiveCorrupt, match="not valid gzip"):
        archive.read(sha)


def test_missing_object(archive):
    with pytest.raises(ArchiveMissing, match="no object abc"):
        archive.read("abc" + "0" * 61)
    assert not archive.contains("abc" + "0" * 61)


def test_manifest_round_trip_keeps_every_field(archive):
    entry = row(
        sha="f" * 64,
        etag='"x"',
        last_modified="Tue, 01 Jul 2025 00:00:00 GMT",
        content_type="text/html; charset=utf-8",
        encoding="utf-8",
        bytes=10,
        note=None,
    )
    archive.record(entry)
    archive.record(row(status=304, note="not_modified"))
    assert archive.entries() == [entry, row(status=304, note="not_modified")]
    assert len(archive.manifest.read_text().splitlines()) == 2


def test_half_written_last_line_is_ignored_with_a_warning(archive, caplog):
    archive.record(row(sha="a" * 64))
    with archive.manifest.open("ab") as fh:
        fh.write(b'{"url": "https://www.police.gov.hk/x", "sour')  # killed mid-write
    with caplog.at_level(logging.WARNING):
        assert archive.entries() == [row(sha="a" * 64)]
    assert "manifest.jsonl line 2" in caplog.text

    archive.record(row(url=OTHER, sha="b" * 64))  # the next run appends on a fresh line
    assert [e.url for e in RawArchive(archive.root).entries()] == [URL, OTHER]


def test_rows_written_by_another_instance_are_seen(archive):
    archive.entries()
    RawArchive(archive.root).record(row(sha="a" * 64))
    assert archive.entries() == [row(sha="a" * 64)]


def test_last_good_skips_not_modified_and_errors(archive):
    good = row(sha="a" * 64, etag='"1"', at="2025-07-01T00:00:00.000000+00:00")
    archive.record(good)
    archive.record(row(status=304, at="2025-07-02T00:00:00.000000+00:00"))
    archive.record(row(status=500, note="TransientFetchError: gave up"))
    archive.record(row(url=OTHER, sha="b" * 64))
    assert archive.last_good(URL) == good
    assert archive.last_good("https://www.police.gov.hk/never") is None


def test_documents_are_distinct_bodies_in_order_with_first_fetch_time(archive):
    first, second = archive.store_body(b"first vintage"), archive.store_body(b"second vintage")
    csv = archive.store_body(b"Year,Cases\n")
    robots = archive.store_body(b"User-agent: *\n")
    archive.record(row(url="https://www.police.gov.hk/robots.txt", source_id="robots", sha=robots))
    archive.record(row(sha=first, at="2025-01-01T00:00:00.000000+00:00"))
    archive.record(row(url=OTHER, source_id="hkpf_crime_detail_annual", sha=csv))
    archive.record(row(status=304, at="2025-02-01T00:00:00.000000+00:00"))
    archive.record(row(sha=first, at="2025-03-01T00:00:00.000000+00:00", note="unchanged"))
    archive.record(row(sha=second, at="2025-08-01T00:00:00.000000+00:00"))

    docs = list(archive.documents())

    assert [(d.url, d.body) for d in docs] == [
        (URL, b"first vintage"),
        (OTHER, b"Year,Cases\n"),
        (URL, b"second vintage"),
    ]
    assert utc_iso(docs[0].fetched_at) == "2025-01-01T00:00:00.000000+00:00"
    assert [d.sha256 for d in archive.documents({"hkpf_csc_en"})] == [first, second]
    assert [d.source_id for d in archive.documents({"robots"})] == ["robots"]


def test_fetched_at_is_utc_iso_and_round_trips():
    from datetime import datetime, timedelta, timezone

    hk = datetime(2025, 7, 1, 10, 0, tzinfo=timezone(timedelta(hours=8)))
    assert utc_iso(hk) == "2025-07-01T02:00:00.000000+00:00"
    assert row(at=utc_iso(hk)).fetched_at_dt == hk


def test_copy_from_merges_without_duplicates(tmp_path):
    src, dst = RawArchive(tmp_path / "src"), RawArchive(tmp_path / "dst")
    src.record(row(sha=src.store_body(b"page")))
    src.record(row(status=404, url=OTHER, note="NotFound: HTTP 404"))
    assert dst.copy_from(src) == 2
    assert dst.copy_from(src) == 0
    assert dst.import_from(src) == 0
    assert [d.body for d in dst.documents()] == [b"page"]


def test_manifest_hash_that_is_not_a_digest_never_leaves_the_archive(tmp_path):
    """A replayed manifest row with sha256 '../../outside' must not read tmp/outside.gz."""
    outside = tmp_path / "outside.gz"
    outside.write_bytes(gzip.compress(b"not archived here", mtime=0))
    archive = RawArchive(tmp_path / "a" / "raw")
    archive.record(row(sha="../../outside"))
    assert not archive.contains("../../outside")
    with pytest.raises(ArchiveCorrupt, match=r"'\.\./\.\./outside' is not a SHA-256 hex digest"):
        list(archive.documents())
