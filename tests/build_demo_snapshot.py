"""Build the bundled demo snapshot (flows/demo/snapshot) from the fixture site, over real HTTP.

The fixture site (tests/fixtures/site) holds pages and files written in the published layouts with
real published figures only. This script serves it on 127.0.0.1, runs the real polite client over
every catalogue source (following feeds) and backfills every day the site has a press-release
index page for, then keeps the raw archive it filled with every address moved to the sample host
(extract/sample.py): the pages are this project's writing, and must never be stored under a real
publisher's address. The demo replays that archive exactly as `cyberstats run --replay` would.

    make snapshots        # or: .venv/bin/python -m tests.build_demo_snapshot [OUT_DIR]
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from extract.archive import RawArchive
from extract.catalogue import SOURCES
from extract.http import PoliteClient
from extract.sample import sample_url
from flows.news import collect_backfill
from flows.runner import DEMO_SNAPSHOT
from flows.stages import collect_source
from tests.site_server import FIXTURE_SITE_ROOT, FixtureSite


def snapshot_sources() -> list[str]:
    """Every catalogue source with fixed URLs (feeds bring in the articles they list)."""
    return [s.source_id for s in SOURCES if s.urls]


_INDEX_PAGE = re.compile(r"(\d{4})(\d{2})/(\d{2})\.htm$")


# The demo's headline is DESIGN's example, technology crime in the first half of 2023 against 2022
# (with the +28% loss change the release stated itself): the review of the first half of 2024, which
# would make 2024-H1 the newest comparison, is left out of the demo. The backfill test reads every day.
NOT_IN_DEMO = frozenset({date(2024, 8, 9)})


def index_days(site_root: Path = FIXTURE_SITE_ROOT) -> list[date]:
    """Days the fixture site has a GIS daily index page for (the backfill reads those)."""
    pages = (site_root / "www.info.gov.hk" / "gia" / "general").glob("*/*.htm")
    found = (_INDEX_PAGE.search(p.relative_to(p.parents[1]).as_posix()) for p in pages)
    return sorted(date(int(m[1]), int(m[2]), int(m[3])) for m in found if m)


def as_sample(source: RawArchive, out_dir: Path) -> RawArchive:
    """A copy of `source` with every address (url, final_url) moved under the sample host."""
    target = RawArchive(out_dir)
    for entry in source.entries():
        if entry.sha256:
            target.store_body(source.read(entry.sha256))
        final = sample_url(entry.final_url) if entry.final_url else None
        target.record(dataclasses.replace(entry, url=sample_url(entry.url), final_url=final))
    return target


def build(out_dir: Path, site_root: Path = FIXTURE_SITE_ROOT) -> list[str]:
    """Fill a fresh raw archive at `out_dir` from the fixture site; return per-source failures."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    failures: list = []  # transform.exceptions.Failure records
    with tempfile.TemporaryDirectory() as tmp, FixtureSite(site_root) as site:
        fetched = RawArchive(Path(tmp) / "raw")
        client = PoliteClient(fetched, url_map=site.url_map, min_interval=0.0)
        for source_id in snapshot_sources():
            failures += collect_source(client, source_id).report.failures
        for day in index_days(site_root):
            if day not in NOT_IN_DEMO:
                failures += collect_backfill(client, day, day).report.failures
        as_sample(fetched, out_dir)
    return failures


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEMO_SNAPSHOT
    problems = build(target)
    for problem in problems:
        print("FAILED:", problem, file=sys.stderr)
    print(f"snapshot written to {target}: {len(RawArchive(target).entries())} manifest rows")
    sys.exit(1 if problems else 0)
