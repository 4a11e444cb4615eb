"""Publishing against the unlucky cases of issue 12: markup-only changes, heading typos across
languages, readers holding the warehouse, kills before the first load finished, stray temp files."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from tests.drift import csc_page
from tests.flows.helpers import copy_site, run_live, scalar
from tests.site_server import FixtureSite
from transform.parquet_store import dataset_files

CSC = ["hkpf_csc_en", "hkpf_csc_tc", "hkpf_csc_sc"]
TC_PAGE = "www.police.gov.hk/ppp_tc/09_statistics/csc.html"
EN_PAGE = "www.police.gov.hk/ppp_en/09_statistics/csc.html"
TC_FILE = Path(__file__).parents[1] / "fixtures" / "site" / TC_PAGE


def tc_with(old: str, new: str) -> bytes:
    text = TC_FILE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def count(db: Path, where: str = "true") -> int:
    return scalar(db, f"SELECT count(*) FROM observations WHERE {where}")


def test_a_page_changed_only_in_markup_adds_no_vintage(tmp_path):
    home, db = tmp_path / "home", tmp_path / "home" / "warehouse.duckdb"
    with FixtureSite(copy_site(tmp_path / "a")) as site:
        assert run_live(home, site.url_map, ["hkpf_csc_tc"]).ok
    first = count(db)
    assert first > 0
    for n, markup in enumerate(['<html lang="zh-HK" data-v="2">', '<html lang="zh-HK" data-v="3">']):
        with FixtureSite(copy_site(tmp_path / f"m{n}", {TC_PAGE: tc_with("<html", markup[:-1])})) as site:
            report = run_live(home, site.url_map, ["hkpf_csc_tc"])
        assert report.ok and report.sources["hkpf_csc_tc"].fetched == 1  # new bytes were fetched
        assert count(db) == first  # ... but no number changed: 66 stays 66, not 132, 198
    assert scalar(db, "SELECT count(*) FROM documents") == 3  # each body is known as published


def test_a_revised_number_adds_only_that_vintage(tmp_path):
    home, db = tmp_path / "home", tmp_path / "home" / "warehouse.duckdb"
    with FixtureSite(copy_site(tmp_path / "a")) as site:
        assert run_live(home, site.url_map, ["hkpf_csc_sc"]).ok
    first = count(db)
    page = {"www.police.gov.hk/ppp_sc/09_statistics/csc.html": csc_page("csc_sc_value_differs")}
    with FixtureSite(copy_site(tmp_path / "b", page)) as site:
        assert run_live(home, site.url_map, ["hkpf_csc_sc"]).ok
    assert count(db) == first + 1
    assert scalar(
        db,
        "SELECT list(value ORDER BY fetched_at) FROM observations "
        "WHERE category='criminal_damage' AND period_label='2024-H1'",
    ) == [2421, 2412]


def test_a_heading_typo_in_one_language_is_a_disagreement_not_a_phantom_period(tmp_path):
    home, db = tmp_path / "home", tmp_path / "home" / "warehouse.duckdb"
    with FixtureSite(copy_site(tmp_path / "a", {EN_PAGE: csc_page("csc_en_headings_shifted")})) as site:
        report = run_live(home, site.url_map, CSC)
    assert report.failed_sources == ["hkpf_csc_en"]
    failure = str(report.sources["hkpf_csc_en"].failures[0])
    assert "disagree" in failure and "2025-H1" in failure and "hkpf_csc_tc names 2023-H1+2024-H1" in failure
    assert count(db, "period_label = '2025-H1'") == 0
    assert count(db, "source_id = 'hkpf_csc_tc' AND period_label = '2024-H1'") > 0


def test_a_year_typo_in_one_heading_loads_nothing_of_that_page(tmp_path):
    home, db = tmp_path / "home", tmp_path / "home" / "warehouse.duckdb"
    with FixtureSite(copy_site(tmp_path / "a", {EN_PAGE: csc_page("csc_en_heading_year_typo")})) as site:
        report = run_live(home, site.url_map, CSC)
    assert report.failed_sources == ["hkpf_csc_en"]
    assert "one year apart" in str(report.sources["hkpf_csc_en"].failures[0])
    assert count(db, "period_label = '2025-H1'") == 0


HOLDER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
    print(con.execute("SELECT count(*) FROM observations").fetchone()[0], flush=True)
    sys.stdin.readline()  # held open until the test says so
    print(con.execute("SELECT count(*) FROM observations").fetchone()[0], flush=True)
    """
)


@pytest.mark.parametrize("mode", ["ro", "rw"])
def test_a_reader_holding_the_warehouse_through_a_load_does_not_fail_it(tmp_path, fixture_site, mode):
    home, db = tmp_path / "home", tmp_path / "home" / "warehouse.duckdb"
    assert run_live(home, fixture_site.url_map, ["hkpf_csc_tc"]).ok
    before = count(db)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert int(holder.stdout.readline()) == before  # the BI tool has the file open
        report = run_live(home, fixture_site.url_map, ["hkpf_csc_en"], connect_timeout=5)
        assert report.ok, report.publish_error
        assert count(db) > before  # a newly opened reader sees the new data
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert int(holder.stdout.readline()) == before  # the held one keeps its snapshot, unbroken
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize("leftover", [b"", None])
def test_a_warehouse_file_left_empty_or_tableless_is_initialised(tmp_path, fixture_site, leftover):
    home, db = tmp_path / "home", tmp_path / "home" / "warehouse.duckdb"
    home.mkdir()
    if leftover is None:  # what an old version's kill during the first load left: a file, no tables
        duckdb.connect(str(db)).close()
    else:
        db.write_bytes(leftover)
    report = run_live(home, fixture_site.url_map, ["hkpf_csc_tc"])
    assert report.ok, report.publish_error
    assert count(db) > 0


def test_temporary_files_of_killed_runs_are_removed_and_never_counted(tmp_path, fixture_site):
    home, db = tmp_path / "home", tmp_path / "home" / "warehouse.duckdb"
    assert run_live(home, fixture_site.url_map, ["hkpf_csc_tc"]).ok
    part = next((home / "parquet" / "observations").rglob("part-*.parquet"))
    legacy = part.with_name(".tmp-abc123.parquet")  # named as the old writer named them
    legacy.write_bytes(part.read_bytes())
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    orphans = [
        home / "parquet" / ".tmp" / f".tmp-{dead.stdout.strip()}-0123456789ab.part",
        home / f".tmp-{dead.stdout.strip()}-0123456789ab.part",
    ]
    for orphan in orphans:
        orphan.parent.mkdir(exist_ok=True)
        orphan.write_bytes(part.read_bytes())
    assert run_live(home, fixture_site.url_map, ["hkpf_csc_en"]).ok
    assert not legacy.exists() and not any(o.exists() for o in orphans)
    assert not list(home.rglob(".tmp-*"))
    glob = str(home / "parquet" / "observations" / "**" / "*.parquet")
    in_glob = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{glob}')").fetchone()[0]
    parts = dataset_files(home / "parquet", "observations")
    assert in_glob == sum(pq.read_metadata(p).num_rows for p in parts) == count(db)
