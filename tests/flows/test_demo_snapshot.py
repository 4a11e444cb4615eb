"""The bundled demo snapshot is what the fixture site serves today (run `make snapshots` if not)."""

from __future__ import annotations

from extract.archive import RawArchive
from flows.runner import DEMO_SNAPSHOT
from tests.build_demo_snapshot import build


def _bodies(archive: RawArchive) -> set[tuple[str, str]]:
    return {(e.url, e.sha256) for e in archive.entries() if e.status == 200}


def test_bundled_snapshot_matches_the_fixture_site(tmp_path):
    failures = build(tmp_path / "fresh")
    assert failures == []
    assert _bodies(RawArchive(tmp_path / "fresh")) == _bodies(RawArchive(DEMO_SNAPSHOT)), (
        "flows/demo/snapshot is stale: run `make snapshots` and commit it"
    )


def test_bundled_snapshot_bodies_are_intact():
    archive = RawArchive(DEMO_SNAPSHOT)
    for entry in archive.entries():
        if entry.sha256:
            assert archive.read(entry.sha256)  # read() verifies the SHA-256
