"""Fixtures shared by the flow tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.archive import RawArchive
from flows.publish import publish_batches
from flows.runner import install_demo_snapshot
from flows.stages import replay_batches


@pytest.fixture(scope="session")
def demo_warehouse_home(tmp_path_factory) -> Path:
    """A home built as `cyberstats demo` builds it: the bundled snapshot copied into its raw archive
    and replayed through the same parse and publish code, without the Prefect engine (the `demo`
    command itself is tested through the engine in test_demo_and_replay.py)."""
    home = tmp_path_factory.mktemp("demo-warehouse")
    raw = install_demo_snapshot(home / "raw")
    report = publish_batches(
        list(replay_batches(raw).values()), home / "parquet", home / "warehouse.duckdb", RawArchive(raw)
    )
    assert report.ok, report.summary_line()
    return home
