"""A backfill over the fixture site rebuilds the technology-crime series from official text, and every
rebuilt number equals the published one in reference/published_figures.csv (issue 9, part 1).

The fixture site carries GIS press releases in the published layout (LegCo replies with HTML tables,
mid-year reviews, police appeals), written by this project with real figures only; the backfill
reads each day's index page, keeps the relevant releases by title and reads their figures as
`official_text` observations with the sentence and the release's URL.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from extract.archive import RawArchive
from extract.http import PoliteClient
from flows.news import collect_backfill
from flows.publish import publish_batches
from tests.build_demo_snapshot import index_days
from tests.flows.helpers import run_live

REFERENCE = Path(__file__).parents[3] / "shared" / "reference" / "published_figures.csv"
GIA = "https://www.info.gov.hk/gia/general/"


def published_series() -> dict[tuple[str, str], tuple[float, str]]:
    """(metric, period) -> (value, qualifier) of every technology-crime figure in the reference file."""
    if not REFERENCE.exists():
        pytest.skip(f"reference figures not found at {REFERENCE}")
    with REFERENCE.open(encoding="utf-8", newline="") as fh:
        rows = [
            r for r in csv.DictReader(fh) if r["category"] == "technology_crime" and r["jurisdiction"] == "HK"
        ]
    return {(r["metric"], r["period_label"]): (float(r["value"]), r["qualifier"]) for r in rows}


@pytest.fixture(scope="module")
def backfilled(tmp_path_factory, fixture_site_server) -> Path:
    """One backfill per day the fixture site has an index page for, then one publish."""
    home = tmp_path_factory.mktemp("tech-backfill")
    archive = RawArchive(home / "raw")
    client = PoliteClient(archive, url_map=fixture_site_server.url_map, min_interval=0.0)
    batches = [collect_backfill(client, day, day) for day in index_days()]
    for batch in batches:
        assert batch.report.failures == [], batch.report.failures
    report = publish_batches(batches, home / "parquet", home / "warehouse.duckdb", archive)
    assert report.ok, report.summary_line()
    return home / "warehouse.duckdb"


def _official(db: Path) -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rel = con.execute(
            "SELECT metric, period_label, value, qualifier, source_tier, document_url, quote "
            "FROM best_observations WHERE category = 'technology_crime' AND jurisdiction = 'HK'"
        )
        cols = [d[0] for d in rel.description]
        return [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]
    finally:
        con.close()


def test_every_published_technology_crime_figure_is_rebuilt_from_official_text(backfilled):
    rebuilt = {(r["metric"], r["period_label"]): r for r in _official(backfilled)}
    expected = published_series()
    missing = sorted(set(expected) - set(rebuilt))
    assert missing == [], f"not rebuilt: {missing}"
    wrong = {k: (rebuilt[k]["value"], v) for k, (v, _) in expected.items() if rebuilt[k]["value"] != v}
    assert wrong == {}
    assert {r["source_tier"] for r in rebuilt.values()} == {"official_text"}


def test_qualifiers_are_those_the_releases_state(backfilled):
    rebuilt = {(r["metric"], r["period_label"]): r["qualifier"] for r in _official(backfilled)}
    assert rebuilt["loss", "2025-01/2025-07"] == "more_than"  # "more than $3.6 billion"
    # the reference gives 2013's loss as "about HK$863 million" (a news report); the LegCo table
    # states the amount in whole millions, 863, without a qualifier
    differing = {k for k, (_, q) in published_series().items() if rebuilt[k] != q}
    assert differing == {("loss", "2013")}


def test_every_rebuilt_number_has_its_release_and_sentence(backfilled):
    for row in _official(backfilled):
        assert row["document_url"].startswith(GIA) and row["document_url"].endswith(".htm")
        assert row["quote"], row
    by_key = {(r["metric"], r["period_label"]): r for r in _official(backfilled)}
    table_cell = by_key["cases", "2012"]["quote"]
    assert "3 015" in table_cell and "technology crime" in table_cell.lower()


def test_the_table_of_a_legco_reply_gives_one_number_per_year(backfilled):
    con = duckdb.connect(str(backfilled), read_only=True)
    try:
        rows = con.execute(
            "SELECT period_label, metric, value FROM observations "
            "WHERE document_url LIKE '%P201402190501.htm' ORDER BY metric, period_label"
        ).fetchall()
    finally:
        con.close()
    assert rows == [
        ("2011", "cases", 2206),
        ("2012", "cases", 3015),
        ("2013", "cases", 5133),
        ("2011", "loss", 148e6),
        ("2012", "loss", 238e6),
        ("2013", "loss", 863e6),
    ]


RELEVANT = {  # the releases the index pages list under relevant titles; the others are never fetched
    "201402/19/P201402190501.htm",
    "201407/30/P201407300611.htm",
    "202103/17/P2021031700512.htm",
    "202305/17/P2023051700431.htm",
    "202308/11/P2023081100527.htm",
    "202402/06/P2024020600468.htm",
    "202408/09/P2024080900415.htm",
    "202505/14/P2025051400388.htm",
    "202509/26/P2025092600472.htm",
}


def test_only_the_relevant_releases_of_each_day_are_fetched(fixture_site, tmp_path):
    client = PoliteClient(RawArchive(tmp_path / "raw"), url_map=fixture_site.url_map, min_interval=0.0)
    for day in index_days():
        collect_backfill(client, day, day)
    fetched = {r.path.removeprefix("/gia/general/") for r in fixture_site.requests if "/P" in r.path}
    assert fetched == RELEVANT


def test_the_news_gov_hk_feed_brings_the_briefing_story_as_official_text(fixture_site, tmp_path):
    report = run_live(tmp_path, fixture_site.url_map, ["newsgov_law_order_rss"])
    assert report.ok, report.summary_line()
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    try:
        rows = con.execute(
            "SELECT metric, period_label, value, source_tier, quote FROM observations "
            "WHERE category = 'technology_crime' AND document_url LIKE '%20230811_190512_214.html' "
            "ORDER BY metric, period_label"
        ).fetchall()
    finally:
        con.close()
    assert [r[:4] for r in rows] == [
        ("cases", "2022-H1", 10613, "official_text"),
        ("cases", "2023-H1", 15637, "official_text"),
        ("loss", "2023-H1", 2.03e9, "official_text"),
    ]
    assert all(r[4] for r in rows)
