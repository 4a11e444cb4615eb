"""Build the bundled demo snapshot (flows/demo/snapshot) from the fixture site, over real HTTP.

The fixture site (tests/fixtures/site) holds pages and files written in the published layouts with
real published figures only. This script serves it on 127.0.0.1, runs the real polite client over
every catalogue source (following feeds), and keeps the raw archive it fills: the demo then
replays that archive exactly as `cyberstats run --replay` would.

    make snapshots        # or: .venv/bin/python -m tests.build_demo_snapshot [OUT_DIR]
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from extract.archive import RawArchive
from extract.catalogue import SOURCES
from extract.http import PoliteClient
from flows.runner import DEMO_SNAPSHOT
from flows.stages import collect_source
from tests.site_server import FIXTURE_SITE_ROOT, FixtureSite


def snapshot_sources() -> list[str]:
    """Every catalogue source with fixed URLs (feeds bring in the articles they list)."""
    return [s.source_id for s in SOURCES if s.urls]


def build(out_dir: Path, site_root: Path = FIXTURE_SITE_ROOT) -> list[str]:
    """Fill a fresh raw archive at `out_dir` from the fixture site; return per-source failures."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    failures: list = []  # transform.exceptions.Failure records
    with FixtureSite(site_root) as site:
        client = PoliteClient(RawArchive(out_dir), url_map=site.url_map, min_interval=0.0)
        for source_id in snapshot_sources():
            failures += collect_source(client, source_id).report.failures
    return failures


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEMO_SNAPSHOT
    problems = build(target)
    for problem in problems:
        print("FAILED:", problem, file=sys.stderr)
    print(f"snapshot written to {target}: {len(RawArchive(target).entries())} manifest rows")
    sys.exit(1 if problems else 0)
