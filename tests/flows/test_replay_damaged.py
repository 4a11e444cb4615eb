"""`run --replay` on a damaged archive replays what it can and names the rest (issue 12)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.archive import RawArchive
from flows.publish import publish_batches
from flows.runner import DEMO_SNAPSHOT
from flows.stages import replay_batches
from tests.flows.helpers import scalar


def damaged_archive(tmp: Path) -> Path:
    """The demo snapshot with one object corrupt, one missing and one row of an unknown source."""
    root = tmp / "archive"
    shutil.copytree(DEMO_SNAPSHOT, root)
    archive = RawArchive(root)
    by_source = {e.source_id: e for e in archive.entries() if e.sha256}
    archive.object_path(by_source["hkcert_incidents_monthly"].sha256).write_bytes(b"not gzip at all")
    archive.object_path(by_source["hkpf_crime_detail_annual"].sha256).unlink()
    row = json.loads(by_source["hkpf_crime_overall_monthly"].to_json())
    row |= {"source_id": "no_such_source", "url": row["url"].replace("details_overall.csv", "other.csv")}
    with (root / "manifest.jsonl").open("a") as fh:
        fh.write(json.dumps(row) + "\n")
    return root


def test_replay_skips_what_is_damaged_and_loads_the_rest(tmp_path):
    home = tmp_path / "home"
    batches = replay_batches(damaged_archive(tmp_path))
    report = publish_batches(list(batches.values()), home / "parquet", home / "warehouse.duckdb")
    assert set(report.failed_sources) == {
        "hkcert_incidents_monthly",
        "hkpf_crime_detail_annual",
        "no_such_source",
    }
    assert "not valid gzip" in str(report.sources["hkcert_incidents_monthly"].failures[0])
    assert "no object" in str(report.sources["hkpf_crime_detail_annual"].failures[0])
    assert "unknown source 'no_such_source'" in str(report.sources["no_such_source"].failures[0])
    db = home / "warehouse.duckdb"
    assert scalar(db, "SELECT count(*) FROM observations WHERE source_id='hkpf_csc_en'") > 0
    assert scalar(db, "SELECT count(*) FROM observations WHERE source_id='hkcert_incidents_monthly'") == 0


@pytest.mark.prefect
def test_cli_replay_of_a_damaged_archive_exits_non_zero_naming_each_problem(tmp_path, cli_env):
    archive = damaged_archive(tmp_path)
    env = {**cli_env, "CYBERSTATS_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", "--replay", str(archive)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for name in ("hkcert_incidents_monthly", "hkpf_crime_detail_annual", "no_such_source"):
        assert name in result.stderr
    assert scalar(tmp_path / "home" / "warehouse.duckdb", "SELECT count(*) FROM observations") > 0
