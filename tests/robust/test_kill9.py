"""kill -9 at random points of replay and demo loads, the first load of a new home included
(issue 12): the warehouse is always as before or as after the run (never between, never a file
without tables), the re-run converges to what an uninterrupted run gives, nothing stray is left
(no temporary file, no write-ahead log, no Parquet row the warehouse lacks), no process orphaned.

The loads run without Prefect (tests/robust/load_worker.py: the plain-function path of a run),
so each try costs seconds; the kill points are drawn from a seeded generator (reproducible) over
the window a load takes once its imports are done.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flows.runner import DEMO_SNAPSHOT
from tests.flows.helpers import table_rows

pytestmark = pytest.mark.slow

KILLS = int(os.environ.get("CYBERSTATS_KILLS", "33"))
STATS_ONLY = [
    "hkpf_csc_en",
    "hkpf_csc_tc",
    "hkpf_csc_sc",
    "hkcert_incidents_monthly",
    "hkpf_crime_detail_annual",
]
TABLES = {
    "observations": ("load_id",),
    "articles": ("load_id",),
    "article_figures": ("load_id",),
    "documents": ("load_id",),
    "feed_cursors": ("updated_at",),
}


LAST_DURATION = [0.0]  # seconds the last uninterrupted load took after its imports


def load(home: Path, sources: list[str], *, kill_after: float | None = None) -> int | None:
    """Run the load worker; with `kill_after`, SIGKILL it that long after its imports are done.

    Returns its exit code (None when it was killed).
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.robust.load_worker", str(home), str(DEMO_SNAPSHOT), *sources],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    assert proc.stdout.readline().strip() == "ready"
    if kill_after is None:
        started = time.monotonic()
        proc.stdout.read()
        code = proc.wait(timeout=120)
        LAST_DURATION[0] = time.monotonic() - started
        return code
    time.sleep(kill_after)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)  # the worker and anything it started
        proc.wait(timeout=10)
        return None
    return proc.returncode


def content(home: Path) -> dict | None:
    """What the warehouse holds (None: no warehouse yet); fails if the file exists without tables."""
    db = home / "warehouse.duckdb"
    if not db.exists():
        return None
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        running = con.execute("SELECT count(*) FROM loads WHERE status = 'running'").fetchone()[0]
    finally:
        con.close()
    assert set(TABLES) <= tables, f"warehouse without its tables: {sorted(tables)}"
    assert running == 0
    return {t: table_rows(db, t, exclude) for t, exclude in TABLES.items()}


def assert_clean(home: Path) -> None:
    """No temporary file, no log, and the Parquet lake holds exactly the warehouse's observations."""
    assert not list(home.rglob(".tmp-*")), list(home.rglob(".tmp-*"))
    assert not list(home.rglob("*.wal"))
    glob = home / "parquet" / "observations" / "**" / "*.parquet"
    in_lake = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{glob}')").fetchone()[0]
    assert in_lake == len(content(home)["observations"])


@pytest.fixture(scope="module")
def references(tmp_path_factory) -> dict:
    """Uninterrupted runs: the stats sources into a new home, then everything on top of it."""
    base = tmp_path_factory.mktemp("reference")
    stats, full = base / "stats", base / "full"
    assert load(stats, STATS_ONLY) == 0
    stats_content = content(stats)
    shutil.copytree(stats, full)
    assert load(full, []) == 0
    return {"stats": (stats, stats_content), "full": (full, content(full)), "window": LAST_DURATION[0] * 1.3}


def test_kill_9_at_random_points_leaves_before_or_after_and_the_rerun_converges(tmp_path, references):
    rng = random.Random(12)
    stats_home, stats_content = references["stats"]
    _, full_content = references["full"]
    scenarios = [
        ("first load, stats", None, STATS_ONLY, None, stats_content),
        ("first load, demo", None, [], None, full_content),
        ("demo on top of stats", stats_home, [], stats_content, full_content),
    ]
    outcomes = []
    for i in range(KILLS):
        name, start_from, sources, before, after = scenarios[i % len(scenarios)]
        home = tmp_path / f"kill{i}"
        if start_from is not None:
            shutil.copytree(start_from, home)
        delay = rng.uniform(0.0, references["window"])  # a load takes about window / 1.3
        code = load(home, sources, kill_after=delay)
        state = content(home)
        assert state in (before, after), f"try {i} ({name}, killed after {delay:.2f} s): partial warehouse"
        outcomes.append("after" if state == after and state != before else "before")
        assert load(home, sources) == 0, f"try {i}: the re-run failed"
        assert content(home) == after, f"try {i} ({name}): the re-run did not converge"
        assert_clean(home)
        shutil.rmtree(home)
        assert code in (None, 0)
    assert outcomes.count("before") and outcomes.count("after"), outcomes  # both sides were hit
