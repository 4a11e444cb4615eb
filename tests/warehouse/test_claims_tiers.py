"""`check` in tiers (issue 9, part 2): official first; else corroborated / single_source / disputed
by the other publishers of the same figure, named; `unclear` for figures the reader doubts.

Values are real published figures (reference/published_figures.csv: technology crime, first half of
2023); the documents are this test's own addresses, the way the media and GIS publish them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from transform.figures.confidence import THRESHOLD
from warehouse.claims import UNCLEAR_BELOW, check_figures, mark_unclear
from warehouse.db import connect, refresh_period_over_period

SCMP = "https://www.scmp.com/news/hong-kong/law-and-crime/article/3233523/x"
RTHK = "https://news.rthk.hk/rthk/en/component/k2/1000001-20230810.htm"
GIS = "https://www.info.gov.hk/gia/general/202308/11/P2023081100001.htm"
CLAIM = "https://claims.example/article"  # the article whose figures are checked
H1_2023 = ("2023-H1", date(2023, 1, 1), date(2023, 6, 30), "half")
NOW = datetime(2026, 1, 1, tzinfo=UTC)

# (source_id, tier, url, category, metric, unit, value, qualifier, quote)
MEDIA_LEVELS = [
    ("scmp_article", "media", SCMP, "technology_crime", "cases", "count", 15637, "exact", "15 637 cases"),
    ("rthk_article", "media", RTHK, "technology_crime", "cases", "count", 15637, "exact", "15,637 cases"),
    ("scmp_article", "media", SCMP, "technology_crime", "loss", "HKD", 2.03e9, "exact", "HK$2.03 billion"),
]
# stated changes: (figure_id, source_id, tier, url, metric, value)
STATED = [
    ("scmp_pct", "scmp_article", "media", SCMP, "cases", 47.3),
    ("gis_pct", "gia_press_release", "official_text", GIS, "loss", 28.0),
]
# claims in one article: (figure_id, metric, unit, kind, value)
CLAIMS = [
    ("cases_ok", "cases", "count", "level", 15637),
    ("cases_slip", "cases", "count", "level", 16637),
    ("loss_ok", "loss", "HKD", "level", 2.03e9),
    ("loss_unit", "loss", "HKD", "level", 2.03e6),
    ("cases_pct", "cases", "percent", "change_pct", 47.3),
    ("loss_pct", "loss", "percent", "change_pct", 28.0),
    ("loss_pct_slip", "loss", "percent", "change_pct", 82.0),
]
EXPECTED = {
    "cases_ok": ("corroborated", None, "media"),
    "cases_slip": ("disputed", "digit_slip", "media"),
    "loss_ok": ("single_source", None, "media"),
    "loss_unit": ("disputed", "wrong_unit", "media"),
    "cases_pct": ("single_source", None, "media"),
    "loss_pct": ("consistent", None, "official_text"),
    "loss_pct_slip": ("inconsistent", "digit_slip", "official_text"),
}


def _insert(con, table: str, row: dict) -> None:
    con.execute(
        f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    )


def _period() -> dict:
    label, start, end, kind = H1_2023
    return {"period_label": label, "period_start": start, "period_end": end, "period_type": kind}


def _figure(fid, source_id, tier, url, metric, unit, kind, value) -> dict:
    return {
        "figure_id": fid, "article_id": url, "jurisdiction": "HK", "category": "technology_crime",
        "metric": metric, "unit": unit, **_period(), "value": value, "qualifier": "exact",
        "source_id": source_id, "source_tier": tier, "document_url": url, "kind": kind,
        "compared_with": "2022-H1" if kind != "level" else None, "parser_version": "p", "load_id": "L1",
        "published_at": NOW,
    }  # fmt: skip


@pytest.fixture
def tiers_db(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    con = connect(path)
    _insert(con, "loads", {"load_id": "L1", "started_at": NOW, "finished_at": NOW, "status": "completed"})
    for n, (sid, tier, url, cat, metric, unit, value, qual, quote) in enumerate(MEDIA_LEVELS):
        row = {
            "observation_id": f"o{n}", "jurisdiction": "HK", "category": cat, "metric": metric, "unit": unit,
            **_period(), "value": value, "qualifier": qual, "source_id": sid, "source_tier": tier,
            "document_url": url, "published_at": NOW, "quote": quote, "parser_version": "p", "load_id": "L1",
        }  # fmt: skip
        _insert(con, "observations", row)
    for fid, sid, tier, url, metric, value in STATED:
        _insert(con, "article_figures", _figure(fid, sid, tier, url, metric, "percent", "change_pct", value))
    for fid, metric, unit, kind, value in CLAIMS:
        _insert(
            con, "article_figures", _figure(fid, "claims_article", "media", CLAIM, metric, unit, kind, value)
        )
    refresh_period_over_period(con)  # rows written by hand: what a load would refresh
    con.close()
    return path


def _claims() -> list[dict]:
    return [
        {
            "figure_id": fid,
            "jurisdiction": "HK",
            "category": "technology_crime",
            "metric": metric,
            "unit": unit,
            "period": "2023-H1",
            "kind": kind,
            "value": value,
            "qualifier": "exact",
            "compared_with": "2022-H1" if kind != "level" else None,
            "document_url": CLAIM,
        }  # fmt: skip
        for fid, metric, unit, kind, value in CLAIMS
    ]


def test_each_tier_gives_its_verdict_cause_and_basis(tiers_db):
    checked = check_figures(tiers_db, _claims())
    assert {c["figure_id"]: (c["verdict"], c["likely_cause"], c["basis"]) for c in checked} == EXPECTED


def test_corroborated_names_the_independent_sources_with_url_and_quote(tiers_db):
    ok = check_figures(tiers_db, _claims())[0]
    assert ok["agreeing_sources"] == ["rthk_article", "scmp_article"]
    assert {(s["document_url"], s["quote"], s["agrees"]) for s in ok["sources"]} == {
        (SCMP, "15 637 cases", True),
        (RTHK, "15,637 cases", True),
    }


def test_disputed_says_which_source_and_by_how_much(tiers_db):
    slip = check_figures(tiers_db, _claims())[1]
    assert {(s["source_id"], s["difference"], s["difference_pct"]) for s in slip["sources"]} == {
        ("scmp_article", 1000.0, 6.4),
        ("rthk_article", 1000.0, 6.4),
    }
    unit = check_figures(tiers_db, _claims())[3]
    (source,) = unit["sources"]
    assert (source["document_url"], source["value"], source["likely_cause"]) == (SCMP, 2.03e9, "wrong_unit")


def test_a_stated_official_change_stands_in_for_a_missing_prior_level(tiers_db):
    loss_pct = check_figures(tiers_db, _claims())[5]
    assert loss_pct["official_value"] == 28.0
    assert (loss_pct["official_source"]["document_url"], loss_pct["official_source"]["source_tier"]) == (
        GIS,
        "official_text",
    )


def test_the_view_gives_stored_figures_the_same_tiers(tiers_db):
    con = connect(tiers_db, read_only=True)
    rows = con.execute(
        "SELECT figure_id, verdict, likely_cause, basis, n_agreeing_sources FROM article_figure_checks "
        "WHERE document_url = ?",
        [CLAIM],
    ).fetchall()
    con.close()
    assert {fid: (v, c, b) for fid, v, c, b, _ in rows} == EXPECTED
    assert {fid: n for fid, *_, n in rows}["cases_ok"] == 2


def test_a_source_is_never_its_own_corroboration(tiers_db):
    con = connect(tiers_db, read_only=True)
    row = con.execute(
        "SELECT verdict, agreeing_sources FROM article_figure_checks WHERE figure_id = 'scmp_pct'"
    ).fetchone()
    con.close()
    assert row == ("single_source", ["claims_article"])  # SCMP's +47.3%: only the claim article agrees


@pytest.mark.parametrize(
    ("confidence", "verdict"),
    [
        (0.2, "unclear"),
        (THRESHOLD - 0.01, "unclear"),
        (THRESHOLD, "corroborated"),
        (0.9, "corroborated"),
        (None, "corroborated"),
    ],
)
def test_figures_the_reader_doubts_are_unclear(tiers_db, confidence, verdict):
    figure = {**_claims()[0], "confidence": confidence}
    (checked,) = check_figures(tiers_db, [figure])
    assert checked["verdict"] == verdict
    if verdict == "unclear":  # the comparison is still shown
        assert checked["verdict_if_read_right"] == "corroborated" and len(checked["sources"]) == 2


@pytest.mark.parametrize("confidence", [0.2, THRESHOLD - 0.01, THRESHOLD, None])
def test_the_view_reads_the_stored_confidence_the_same_way(tiers_db, confidence):
    con = connect(tiers_db)
    con.execute("UPDATE article_figures SET confidence = ? WHERE figure_id = 'cases_ok'", [confidence])
    row = con.execute(
        "SELECT verdict, verdict_if_read_right FROM article_figure_checks WHERE figure_id = 'cases_ok'"
    ).fetchone()
    con.close()
    (checked,) = check_figures(tiers_db, [{**_claims()[0], "confidence": confidence}])
    assert row == (checked["verdict"], "corroborated")


def test_unclear_uses_the_readers_own_threshold():
    assert UNCLEAR_BELOW == THRESHOLD


def test_mark_unclear_leaves_confident_results_alone():
    result = {"verdict": "consistent", "confidence": 0.95}
    assert mark_unclear(result) is result


def test_a_stored_release_is_checked_without_its_own_statement_in_python_and_sql(tiers_db):
    con = connect(tiers_db, read_only=True)
    (view_verdict,) = con.execute(
        "SELECT verdict FROM article_figure_checks WHERE figure_id = 'gis_pct'"
    ).fetchone()
    con.close()
    figure = {**_claims()[5], "figure_id": "gis_pct", "document_url": GIS}  # the release's own +28%
    (checked,) = check_figures(tiers_db, [figure])
    # not "consistent" with itself: judged by the claim article, which both agrees (28) and disagrees (82)
    assert view_verdict == checked["verdict"] == "disputed"
