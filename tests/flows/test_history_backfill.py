"""Archived versions of the HKPF CSV files through the real client: each version is its own vintage.

A local FixtureSite serves tests/fixtures/history/site (api.data.gov.hk only; see its README):
two versions of crime_details.csv (the earlier one without its last row) and one of
crime_details_overall.csv.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from extract.archive import RawArchive
from extract.http import PoliteClient
from flows.news import collect_file_versions
from flows.publish import publish_batches
from tests.flows.helpers import scalar
from tests.site_server import FixtureSite
from transform.parsers.datagovhk_history import file_versions_url, get_file_url

pytestmark = pytest.mark.slow  # live runs over the fixture site's HTTP server

SITE = Path(__file__).parents[1] / "fixtures" / "history" / "site"
ARCHIVE_DIR = SITE / "api.data.gov.hk" / "v1" / "historical-archive"
DETAIL = "https://www.police.gov.hk/info/doc/crime_details.csv"
OVERALL = "https://www.police.gov.hk/info/doc/crime_details_overall.csv"
START, END = date(2026, 1, 1), date(2026, 6, 30)
EARLIER, LATER = get_file_url(DETAIL, "20260210-0915"), get_file_url(DETAIL, "20260305-1000")
MONTHLY = get_file_url(OVERALL, "20260305-1000")


def fixture_path(url: str) -> Path:
    """The fixture file the site serves for an api.data.gov.hk URL (query percent-decoded)."""
    _, _, rest = url.partition("/historical-archive/")
    return ARCHIVE_DIR / rest.replace("%3A", ":").replace("%2F", "/")


def urlpath(url: str) -> str:
    """The canonical path+query the site records for a canonical api.data.gov.hk URL."""
    return url.removeprefix("https://api.data.gov.hk")


@pytest.fixture(scope="module")
def site():
    with FixtureSite(SITE) as running:
        yield running


def run(home: Path, site: FixtureSite, archive: str = "raw"):
    """Collect the versions over the fixture range and publish them; (batch, run report)."""
    client = PoliteClient(RawArchive(home / archive), url_map=site.url_map, min_interval=0.0)
    batch = collect_file_versions(client, START, END)
    return batch, publish_batches([batch], home / "parquet", home / "warehouse.duckdb")


def rows(db: Path, sql: str, *params: object) -> list[tuple]:
    """All rows of a read-only query on the warehouse."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, site):
    """One collect-and-publish over the fixture range: (home, batch, report), shared read-only."""
    home = tmp_path_factory.mktemp("history")
    return (home, *run(home, site))


def test_every_version_is_loaded_as_its_own_vintage(loaded):
    home, batch, report = loaded
    assert report.ok, report.summary_line()
    assert (batch.report.fetched, batch.report.parsed) == (5, 5)  # 2 lists + 3 versions
    db = home / "warehouse.duckdb"
    per_doc = dict(rows(db, "SELECT document_url, count(*) FROM observations GROUP BY ALL"))
    assert set(per_doc) == {EARLIER, LATER, MONTHLY}
    assert per_doc[LATER] - per_doc[EARLIER] == 1  # the earlier version lacks one row
    # 2024 overall crime is in both annual vintages; 2025 deception only in the later one
    vintages = "SELECT document_url FROM observations WHERE category=? AND period_label=? ORDER BY 1"
    assert rows(db, vintages, "overall_crime", "2024") == sorted([(EARLIER,), (LATER,)])
    assert rows(db, vintages, "deception", "2025") == [(LATER,)]
    best = "SELECT value, document_url FROM best_observations WHERE category=? AND period_label=?"
    assert rows(db, best, "overall_crime", "2024") == [(94747, LATER)]
    assert rows(db, best, "overall_crime", "2022-01") == [(5815, MONTHLY)]
    # a version that only lacks a row restates nothing
    assert scalar(db, "SELECT count(*) FROM restatements") == 0


@pytest.mark.parametrize(
    ("url", "source_id", "published"),
    [
        (EARLIER, "hkpf_crime_detail_annual", datetime(2026, 2, 10, 1, 15, tzinfo=UTC)),
        (LATER, "hkpf_crime_detail_annual", datetime(2026, 3, 5, 2, 0, tzinfo=UTC)),
        (MONTHLY, "hkpf_crime_overall_monthly", datetime(2026, 3, 5, 2, 0, tzinfo=UTC)),
    ],
)
def test_provenance_of_each_version(loaded, url, source_id, published):
    home = loaded[0]
    db = home / "warehouse.duckdb"
    provenance = rows(
        db,
        "SELECT DISTINCT source_id, source_tier, published_at, raw_sha256, parser_version, "
        "fetched_at IS NOT NULL FROM observations WHERE document_url=?",
        url,
    )
    sha = hashlib.sha256(fixture_path(url).read_bytes()).hexdigest()
    assert len(provenance) == 1
    sid, tier, when, raw_sha, parser_version, has_fetched_at = provenance[0]
    assert (sid, tier, raw_sha, parser_version, has_fetched_at) == (
        source_id,
        "official_table",
        sha,
        "hkpf_csv/1",
        True,
    )
    assert when.astimezone(UTC) == published
    assert RawArchive(home / "raw").contains(sha)


def test_a_second_run_asks_for_the_lists_only_and_changes_nothing(tmp_path, site):
    run(tmp_path, site)
    db = tmp_path / "warehouse.duckdb"
    before = rows(db, "SELECT * EXCLUDE (load_id) FROM observations ORDER BY ALL")
    site.requests.clear()
    batch, report = run(tmp_path, site)
    assert report.ok, report.summary_line()
    asked = [p for p in site.requested("api.data.gov.hk") if p != "/robots.txt"]
    assert asked == [
        urlpath(file_versions_url(DETAIL, START, END)),
        urlpath(file_versions_url(OVERALL, START, END)),
    ]
    assert (batch.report.not_modified, batch.parsed) == (2, [])
    assert report.inserted.get("observations", 0) == 0
    assert rows(db, "SELECT * EXCLUDE (load_id) FROM observations ORDER BY ALL") == before


def test_fetching_every_version_again_into_a_fresh_archive_inserts_nothing(tmp_path, site):
    run(tmp_path, site)
    db = tmp_path / "warehouse.duckdb"
    count = scalar(db, "SELECT count(*) FROM observations")
    batch, report = run(tmp_path, site, archive="raw-again")
    assert report.ok, report.summary_line()
    assert batch.report.parsed == 5
    assert report.inserted.get("observations", 0) == 0
    assert scalar(db, "SELECT count(*) FROM observations") == count


@pytest.fixture
def site_copy(tmp_path):
    """A private copy of the history site that a test may break and mend."""
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    with FixtureSite(root) as running:
        yield running


def test_a_missing_version_is_reported_then_fetched_when_it_appears(tmp_path, site_copy):
    relative = fixture_path(EARLIER).relative_to(SITE)
    missing = site_copy.root / relative
    kept = missing.read_bytes()
    missing.unlink()
    batch, report = run(tmp_path, site_copy)
    assert not report.ok
    assert any("404" in str(f) and "20260210-0915" in str(f) for f in batch.report.failures), (
        batch.report.failures
    )
    db = tmp_path / "warehouse.duckdb"
    assert {u for (u,) in rows(db, "SELECT DISTINCT document_url FROM observations")} == {LATER, MONTHLY}

    missing.write_bytes(kept)
    site_copy.requests.clear()
    batch, report = run(tmp_path, site_copy)
    assert report.ok, report.summary_line()
    asked = [p for p in site_copy.requested("api.data.gov.hk") if "get-file" in p]
    assert asked == [urlpath(EARLIER)]  # the list came back 304; only the missing version is asked for
    assert {u for (u,) in rows(db, "SELECT DISTINCT document_url FROM observations")} == {
        EARLIER,
        LATER,
        MONTHLY,
    }


def break_monthly_list(site: FixtureSite, how: str) -> None:
    """Replace the monthly file's version list by an error document, or remove it (404)."""
    listing = site.root / fixture_path(file_versions_url(OVERALL, START, END)).relative_to(SITE)
    if how == "unknown shape":
        listing.write_text(json.dumps({"error": "unavailable", "code": 503}))
    else:
        listing.unlink()


@pytest.mark.parametrize(
    ("how", "expected"),
    [("unknown shape", "keys ['code', 'error']"), ("missing", "HTTP 404")],
)
def test_a_broken_list_is_reported_and_the_other_file_still_loads(tmp_path, site_copy, how, expected):
    break_monthly_list(site_copy, how)
    batch, report = run(tmp_path, site_copy)
    assert report.failed_sources == ["datagovhk_history"]
    [failure] = map(str, batch.report.failures)
    assert "crime_details_overall.csv" in failure and expected in failure
    assert batch.report.quarantined == (1 if how == "unknown shape" else 0)
    db = tmp_path / "warehouse.duckdb"
    assert {u for (u,) in rows(db, "SELECT DISTINCT document_url FROM observations")} == {EARLIER, LATER}
    # a rerun reads the broken list again (archived or refetched) without loading or asking for anything else
    site_copy.requests.clear()
    batch, report = run(tmp_path, site_copy)
    assert [p for p in site_copy.requested("api.data.gov.hk") if "get-file" in p] == []
    assert report.inserted.get("observations", 0) == 0
