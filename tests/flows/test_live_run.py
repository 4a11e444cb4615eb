"""A live run over the fixture site through the real client: every source loads, reruns load nothing,
and a failing source is reported while the others still load (issue 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.archive import RawArchive
from tests.drift import csc_page
from tests.flows.helpers import FEEDS, STATS, copy_site, run_live, scalar
from tests.site_server import FixtureSite

pytestmark = pytest.mark.slow  # live runs over the fixture site's HTTP server

CSC_TC = "www.police.gov.hk/ppp_tc/09_statistics/csc.html"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_every_stats_source_loads_with_provenance(home, fixture_site):
    report = run_live(home, fixture_site.url_map, STATS)
    assert report.ok, report.summary_line()
    db = home / "warehouse.duckdb"
    assert (
        scalar(
            db,
            "SELECT value FROM best_observations WHERE category='overall_crime' AND period_label='2024-H1'",
        )
        == 45315
    )
    per_source = dict(
        (sid, scalar(db, "SELECT count(*) FROM observations WHERE source_id=?", sid))
        for sid in (
            "hkpf_csc_en",
            "hkpf_csc_tc",
            "hkpf_csc_sc",
            "hkpf_crime_detail_annual",
            "hkpf_crime_overall_monthly",
            "hkcert_incidents_monthly",
        )
    )
    assert all(n > 0 for n in per_source.values()), per_source
    url, sha, tier = scalar(
        db,
        "SELECT [document_url, raw_sha256, source_tier] FROM observations "
        "WHERE source_id='hkpf_csc_tc' LIMIT 1",
    )
    assert url == "https://www.police.gov.hk/ppp_tc/09_statistics/csc.html"
    assert tier == "official_table"
    assert RawArchive(home / "raw").contains(sha)


def test_feeds_bring_in_articles_and_official_text(home, fixture_site):
    report = run_live(home, fixture_site.url_map, FEEDS)
    assert report.ok, report.summary_line()
    db = home / "warehouse.duckdb"
    assert (
        scalar(
            db,
            "SELECT value FROM observations WHERE category='overall_crime' AND period_label='2023' "
            "AND source_tier='official_text'",
        )
        == 90276
    )
    assert (
        scalar(
            db,
            "SELECT value FROM best_observations WHERE category='technology_crime' "
            "AND metric='cases' AND period_label='2023-H1'",
        )
        == 15637
    )
    quote = scalar(
        db,
        "SELECT quote FROM observations WHERE category='technology_crime' AND metric='loss' "
        "AND period_label='2023-H1'",
    )
    assert "2.03 billion" in quote


def test_second_run_is_conditional_and_loads_nothing(home, fixture_site):
    run_live(home, fixture_site.url_map, STATS)
    db = home / "warehouse.duckdb"
    before = scalar(db, "SELECT count(*) FROM observations")
    fixture_site.requests.clear()
    report = run_live(home, fixture_site.url_map, STATS)
    conditional = [r for r in fixture_site.requests if not r.path.endswith("robots.txt")]
    assert conditional and all("If-None-Match" in r.headers for r in conditional)
    assert {r.status for r in conditional} == {304}
    assert sum(rep.not_modified for rep in report.sources.values()) == len(conditional)
    assert report.inserted.get("observations", 0) == 0
    assert scalar(db, "SELECT count(*) FROM observations") == before
    assert scalar(db, "SELECT count(*) FROM loads WHERE status='completed'") == 2


def test_drifted_page_fails_its_source_keeps_body_and_others_load(home, tmp_path):
    root = copy_site(tmp_path, {CSC_TC: csc_page("csc_tc_no_table")})
    with FixtureSite(root) as site:
        report = run_live(home, site.url_map, STATS)
    assert report.failed_sources == ["hkpf_csc_tc"]
    failure = report.sources["hkpf_csc_tc"].failures[0]
    assert (failure.stage, failure.kind) == ("parse", "LayoutChanged")
    assert failure.url == "https://www.police.gov.hk/ppp_tc/09_statistics/csc.html"
    assert "expected" in failure.message and "found" in failure.message
    db = home / "warehouse.duckdb"
    assert scalar(db, "SELECT count(*) FROM observations WHERE source_id='hkpf_csc_tc'") == 0
    assert scalar(db, "SELECT count(*) FROM observations WHERE source_id='hkpf_csc_en'") > 0
    archived = [
        e for e in RawArchive(home / "raw").entries() if e.url.endswith("ppp_tc/09_statistics/csc.html")
    ]
    assert archived and RawArchive(home / "raw").read(archived[0].sha256) == csc_page("csc_tc_no_table")


def test_language_versions_that_disagree_are_not_loaded(home, tmp_path):
    root = copy_site(
        tmp_path, {"www.police.gov.hk/ppp_sc/09_statistics/csc.html": csc_page("csc_sc_value_differs")}
    )
    with FixtureSite(root) as site:
        report = run_live(home, site.url_map, ["hkpf_csc_en", "hkpf_csc_tc", "hkpf_csc_sc"])
    assert set(report.failed_sources) == {"hkpf_csc_en", "hkpf_csc_tc", "hkpf_csc_sc"}
    assert "disagree" in str(report.sources["hkpf_csc_sc"].failures[0])
    assert scalar(home / "warehouse.duckdb", "SELECT count(*) FROM observations") == 0


@pytest.mark.parametrize(
    ("replace", "failing", "message"),
    [
        ({"www.police.gov.hk/robots.txt": b"User-agent: *\nDisallow: /ppp_en/\n"}, "hkpf_csc_en", "robots"),
        (
            {"www.police.gov.hk/info/doc/crime_details.csv": b"Year,Offence,Cases\n2023,\xff\xff,1\n"},
            "hkpf_crime_detail_annual",
            "big5",
        ),
        (
            {"www.hkcert.org/datagovhk/monthly_incident_report_en.json.headers.json": b'{"Status": 503}'},
            "hkcert_incidents_monthly",
            "503",
        ),
        (
            {
                "data.gov.hk/en-data/api/3/action/package_show.headers.json": b'{"Status": 302, "Location": "https://example.org/elsewhere"}'
            },
            "datagovhk_ckan",
            "example.org",
        ),
    ],
    ids=["robots-disallow", "bad-encoding", "server-error", "redirect-off-catalogue"],
)
def test_a_failing_source_is_named_and_the_rest_load(home, tmp_path, replace, failing, message):
    root = copy_site(tmp_path, replace)
    with FixtureSite(root) as site:
        report = run_live(home, site.url_map, STATS)
    assert failing in report.failed_sources
    assert message.lower() in " ".join(map(str, report.sources[failing].failures)).lower()
    assert report.inserted.get("observations", 0) > 0


def test_an_over_size_body_is_refused_and_the_rest_load(home, tmp_path):
    huge = b"[" + b" " * 2_000_000 + b"]"
    root = copy_site(tmp_path, {"www.hkcert.org/datagovhk/monthly_incident_report_en.json": huge})
    with FixtureSite(root) as site:
        report = run_live(home, site.url_map, STATS, max_bytes=1_000_000)
    assert report.failed_sources == ["hkcert_incidents_monthly"]
    assert "exceeds the cap of 1000000 bytes" in str(report.sources["hkcert_incidents_monthly"].failures[0])
    assert not any(e.bytes > 1_000_000 for e in RawArchive(home / "raw").entries())
    assert (
        scalar(home / "warehouse.duckdb", "SELECT count(*) FROM observations WHERE source_id='hkpf_csc_en'")
        > 0
    )


def test_a_source_answering_429_is_retried_then_reported_as_transient(home, tmp_path):
    headers = b'{"Status": 429, "Retry-After": "0"}'
    root = copy_site(
        tmp_path, {"www.hkcert.org/datagovhk/monthly_incident_report_en.json.headers.json": headers}
    )
    with FixtureSite(root) as site:
        report = run_live(home, site.url_map, STATS, max_retries=2)
        asked = [r for r in site.requests if r.path.endswith("monthly_incident_report_en.json")]
    rep = report.sources["hkcert_incidents_monthly"]
    assert len(asked) == 3  # first try + 2 retries
    assert rep.transient_failures == 1 and "429" in str(rep.failures[0])
    assert report.inserted.get("observations", 0) > 0


def test_bytes_archived_by_a_run_whose_publish_failed_are_loaded_by_the_next_run(
    home, fixture_site, monkeypatch
):
    import flows.publish

    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(flows.publish, "load_parquet", disk_full)
        failed = run_live(home, fixture_site.url_map, ["hkpf_csc_en"])
    assert failed.publish_error and "No space left" in failed.publish_error
    assert not list((home / "parquet").rglob("*.parquet"))  # nothing half-published
    report = run_live(home, fixture_site.url_map, ["hkpf_csc_en"])
    rep = report.sources["hkpf_csc_en"]
    # asked for unconditionally (the archived bytes were never published): same bytes, parsed again
    assert (rep.unchanged, rep.recovered, rep.parsed) == (1, 1, 1)
    assert (
        scalar(
            home / "warehouse.duckdb",
            "SELECT value FROM observations WHERE source_id='hkpf_csc_en' "
            "AND category='overall_crime' AND period_label='2024-H1'",
        )
        == 45315
    )
    again = run_live(home, fixture_site.url_map, ["hkpf_csc_en"])
    assert again.sources["hkpf_csc_en"].recovered == 0 and again.inserted.get("observations", 0) == 0


CSC = ["hkpf_csc_en", "hkpf_csc_tc", "hkpf_csc_sc"]
SC_PAGE = "www.police.gov.hk/ppp_sc/09_statistics/csc.html"


def test_a_refused_csc_vintage_is_loaded_once_its_languages_agree(home, tmp_path):
    with FixtureSite(copy_site(tmp_path / "a", {SC_PAGE: csc_page("csc_sc_value_differs")})) as site:
        assert set(run_live(home, site.url_map, CSC).failed_sources) == set(CSC)
    with FixtureSite(copy_site(tmp_path / "b")) as site:
        report = run_live(home, site.url_map, CSC)
    assert report.ok, report.summary_line()
    assert report.sources["hkpf_csc_tc"].recovered == 1  # unchanged page, never published before
    assert scalar(home / "warehouse.duckdb", "SELECT count(DISTINCT source_id) FROM observations") == 3


def test_one_language_updated_alone_is_checked_against_the_archived_others(home, tmp_path):
    with FixtureSite(copy_site(tmp_path / "a")) as site:
        assert run_live(home, site.url_map, CSC).ok
    with FixtureSite(copy_site(tmp_path / "b", {SC_PAGE: csc_page("csc_sc_value_differs")})) as site:
        report = run_live(home, site.url_map, CSC)
    assert report.failed_sources == ["hkpf_csc_sc"]
    assert "disagree" in str(report.sources["hkpf_csc_sc"].failures[0])
    assert report.inserted.get("observations", 0) == 0
