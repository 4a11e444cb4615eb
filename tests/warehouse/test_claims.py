"""Checking media claims against official numbers (issue 4, Check): verdicts, causes, SQL view parity."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from warehouse.claims import apply_claim_views, check_figure, check_figures, rounding_step
from warehouse.db import connect, refresh_period_over_period


def _fig(value, *, kind="level", unit="count", qualifier="exact", **extra) -> dict:
    return {
        "jurisdiction": "HK",
        "category": "technology_crime",
        "metric": "cases",
        "period": "2023-H1",
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "kind": kind,
        "compared_with": None,
        **extra,
    }


OFFICIAL_H1 = {
    "value": 15637.0,
    "change_pct": 47.3,
    "change_abs": 5024.0,
    "document_url": "https://example.test/official",
    "source_tier": "official_text",
}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2030000000, 1e7), (47.3, 0.1), (15600, 100), (15637, 1), (9e9, 1e9), (0, 1)],
)
def test_rounding_step_is_the_last_significant_digit(value, expected):
    assert rounding_step(value) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("figure", "official"),
    [
        (_fig(2030000000, unit="HKD", metric="loss"), {"value": 2030000000.0}),  # "HK$2.03 billion"
        # "nearly 50 per cent"
        (_fig(50, kind="change_pct", unit="percent", qualifier="less_than"), OFFICIAL_H1),
        # "more than HK$9 billion" (the official value here is the illustration, not a statistic)
        (_fig(9e9, unit="HKD", metric="loss", qualifier="more_than"), {"value": 9.2e9}),
        (_fig(15600), OFFICIAL_H1),  # a rounded "15 600"
        (_fig(15600, qualifier="approx"), OFFICIAL_H1),  # "about 15,600"
        (_fig(15637), OFFICIAL_H1),
        (_fig(47.3, kind="change_pct", unit="percent"), OFFICIAL_H1),
        (_fig(5024, kind="change_abs"), OFFICIAL_H1),
    ],
)
def test_consistent_within_the_figures_own_rounding(figure, official):
    result = check_figure(figure, official)
    assert (result["verdict"], result["likely_cause"]) == ("consistent", None)


@pytest.mark.parametrize(
    ("figure", "official", "cause"),
    [
        # million written for billion, and the reverse
        (_fig(2030000, unit="HKD", metric="loss"), {"value": 2030000000.0}, "wrong_unit"),
        (_fig(2030000000000, unit="HKD", metric="loss"), {"value": 2030000000.0}, "wrong_unit"),
        (_fig(38824, category="deception", period="2023"), {"value": 39824.0}, "digit_slip"),
        (_fig(15673), OFFICIAL_H1, "digit_slip"),  # transposed
        (_fig(47.3, unit="percent"), OFFICIAL_H1, "change_read_as_level"),  # the % change read as a level
        (_fig(5024), OFFICIAL_H1, "change_read_as_level"),  # the absolute change read as a level
        (_fig(15700), OFFICIAL_H1, "rounding"),  # rounded the wrong way
        (_fig(2100000000, unit="HKD", metric="loss"), {"value": 2030000000.0}, "rounding"),
        (_fig(37.4, kind="change_pct", unit="percent"), OFFICIAL_H1, "digit_slip"),
        (_fig(12000), OFFICIAL_H1, None),  # a rounded figure several steps off: no named cause
        (_fig(12345), OFFICIAL_H1, None),
        (_fig(9e9, unit="HKD", metric="loss", qualifier="more_than"), {"value": 8.1e9}, "rounding"),
    ],
)
def test_inconsistent_with_the_likely_cause(figure, official, cause):
    result = check_figure(figure, official)
    assert (result["verdict"], result["likely_cause"]) == ("inconsistent", cause)
    assert result["official_value"] is not None


def test_fold_is_read_as_an_increase_of_n_times_the_base():
    result = check_figure(_fig(3.8, kind="fold", unit="ratio"), {"change_pct": 380.0})
    assert result["verdict"] == "consistent" and result["official_value"] == pytest.approx(3.8)


@pytest.mark.parametrize(
    ("figure", "official"),
    [
        (_fig(15637), None),
        (_fig(47.3, kind="change_pct", unit="percent"), {"value": 15637.0}),
        (_fig(15637), {"change_pct": 47.3}),
    ],
)
def test_no_official_data(figure, official):
    result = check_figure(figure, official)
    assert result["verdict"] == "no_official_data"
    assert (result["official_value"], result["likely_cause"]) == (None, None)


def test_result_keeps_the_figure_and_names_the_official_source():
    result = check_figure(_fig(15637, quote="q"), OFFICIAL_H1)
    assert result["quote"] == "q"
    assert result["official_source"] == {
        "document_url": "https://example.test/official",
        "source_tier": "official_text",
        "source_id": None,
        "value": 15637.0,
        "quote": None,
        "sample": False,
    }
    assert result["basis"] == "official_text"


# ---- the warehouse: check_figures and the article_figure_checks view on one small DuckDB -----------------

CSC = "https://www.police.gov.hk/ppp_tc/09_statistics/csc.html"
P2023 = "https://www.info.gov.hk/gia/general/202402/06/P2024020600468.htm"
SCMP = "https://www.scmp.com/news/hong-kong/law-and-crime/article/3233523/x"
HALVES = {
    "2022-H1": (date(2022, 1, 1), date(2022, 6, 30)),
    "2023-H1": (date(2023, 1, 1), date(2023, 6, 30)),
    "2024-H1": (date(2024, 1, 1), date(2024, 6, 30)),
    "2023": (date(2023, 1, 1), date(2023, 12, 31)),
}
# Real published values (reference/published_figures.csv): CSC page, the 2023 review, SCMP.
OBSERVATIONS = [
    ("overall_crime", "cases", "count", "2022-H1", 31434, "exact", "official_table", CSC),
    ("overall_crime", "cases", "count", "2023-H1", 42923, "exact", "official_table", CSC),
    ("deception", "cases", "count", "2023-H1", 18743, "exact", "official_table", CSC),
    ("deception", "cases", "count", "2024-H1", 19897, "exact", "official_table", CSC),
    ("deception", "loss", "HKD", "2023", 9e9, "more_than", "official_text", P2023),
    ("technology_crime", "cases", "count", "2023-H1", 15637, "exact", "media", SCMP),
]
# Claims to check: (id, jurisdiction, category, metric, unit, period, kind, value, qualifier, compared_with)
CLAIMS = [
    ("ok_level", "HK", "overall_crime", "cases", "count", "2023-H1", "level", 42923, "exact", None),
    (
        "ok_change",
        "HK",
        "overall_crime",
        "cases",
        "percent",
        "2023-H1",
        "change_pct",
        36.5,
        "exact",
        "2022-H1",
    ),
    ("ok_bound", "HK", "deception", "loss", "HKD", "2023", "level", 9e9, "more_than", None),
    ("change_as_level", "HK", "deception", "cases", "count", "2024-H1", "level", 1154, "exact", None),
    ("thousands", "HK", "deception", "cases", "count", "2023-H1", "level", 18743000, "exact", None),
    ("slip", "HK", "overall_crime", "cases", "count", "2023-H1", "level", 43923, "exact", None),
    ("rounded_wrong", "HK", "deception", "cases", "count", "2024-H1", "level", 19800, "exact", None),
    ("media_only", "HK", "technology_crime", "cases", "count", "2023-H1", "level", 15637, "exact", None),
    ("macao", "MO", "overall_crime", "cases", "count", "2023-H1", "level", 42923, "exact", None),
]
EXPECTED = {
    "ok_level": ("consistent", None),
    "ok_change": ("consistent", None),
    "ok_bound": ("consistent", None),
    "change_as_level": ("inconsistent", "change_read_as_level"),
    "thousands": ("inconsistent", "wrong_unit"),
    "slip": ("inconsistent", "digit_slip"),
    "rounded_wrong": ("inconsistent", "rounding"),
    "media_only": ("no_official_data", None),
    "macao": ("no_official_data", None),
}


def _period_type(label: str) -> str:
    return "half" if "-H" in label else "year"


def _insert(con, table: str, row: dict) -> None:
    marks = ", ".join("?" * len(row))
    con.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({marks})", list(row.values()))


@pytest.fixture
def claims_db(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    con = connect(path)  # creates tables, views and (sql/claims.sql) the claim checks
    now = datetime(2026, 1, 1, tzinfo=UTC)
    _insert(con, "loads", {"load_id": "L1", "started_at": now, "finished_at": now, "status": "completed"})
    common = {"parser_version": "p", "load_id": "L1"}
    for n, (cat, metric, unit, label, value, qual, tier, url) in enumerate(OBSERVATIONS):
        start, end = HALVES[label]
        _insert(
            con,
            "observations",
            {
                "observation_id": f"o{n}",
                "jurisdiction": "HK",
                "category": cat,
                "metric": metric,
                "unit": unit,
                "period_label": label,
                "period_start": start,
                "period_end": end,
                "period_type": _period_type(label),
                "value": value,
                "qualifier": qual,
                "source_id": "s",
                "source_tier": tier,
                "document_url": url,
                "published_at": now,
                **common,
            },
        )
    for fid, jur, cat, metric, unit, label, kind, value, qual, compared in CLAIMS:
        start, end = HALVES[label]
        _insert(
            con,
            "article_figures",
            {
                "figure_id": fid,
                "article_id": "a1",
                "jurisdiction": jur,
                "category": cat,
                "metric": metric,
                "unit": unit,
                "period_label": label,
                "period_start": start,
                "period_end": end,
                "period_type": _period_type(label),
                "value": value,
                "qualifier": qual,
                "source_id": "scmp_article",
                "source_tier": "media",
                "document_url": SCMP,
                "kind": kind,
                "compared_with": compared,
                **common,
            },
        )
    refresh_period_over_period(con)  # rows written by hand: what a load would refresh
    con.close()
    return path


def test_view_gives_each_stored_figure_its_verdict_and_cause(claims_db):
    con = connect(claims_db, read_only=True)
    rows = con.execute(
        "SELECT figure_id, verdict, likely_cause, official_value, official_document_url "
        "FROM article_figure_checks"
    ).fetchall()
    con.close()
    got = {fid: (verdict, cause) for fid, verdict, cause, _, _ in rows}
    assert got == EXPECTED
    details = {fid: (value, url) for fid, _, _, value, url in rows}
    assert details["ok_level"] == (42923.0, CSC)
    assert details["ok_change"][0] == pytest.approx(36.5)


def test_check_figures_agrees_with_the_view_and_names_the_source(claims_db):
    figures = [
        {
            "figure_id": fid,
            "jurisdiction": jur,
            "category": cat,
            "metric": metric,
            "unit": unit,
            "period": label,
            "kind": kind,
            "value": value,
            "qualifier": qual,
            "compared_with": compared,
            "document_url": SCMP,  # the stored figures' own article: never its own corroboration
        }
        for fid, jur, cat, metric, unit, label, kind, value, qual, compared in CLAIMS
    ]
    checked = check_figures(claims_db, figures)
    assert [c["figure_id"] for c in checked] == [f["figure_id"] for f in figures]
    assert {c["figure_id"]: (c["verdict"], c["likely_cause"]) for c in checked} == EXPECTED
    ok = checked[0]
    assert ok["official_value"] == 42923.0
    assert ok["official_source"] == {
        "document_url": CSC,
        "source_tier": "official_table",
        "source_id": "s",
        "value": 42923.0,
        "quote": None,
        "sample": False,
    }
    assert ok["sources"] == [ok["official_source"]] and ok["basis"] == "official_table"


def test_figures_of_an_incomplete_load_are_not_checked(claims_db):
    con = connect(claims_db)
    con.execute("UPDATE loads SET status = 'failed' WHERE load_id = 'L1'")
    assert con.execute("SELECT count(*) FROM article_figure_checks").fetchone() == (0,)
    con.close()


def test_claim_views_can_be_reapplied_without_changing_results(claims_db):
    con = connect(claims_db)
    apply_claim_views(con)
    apply_claim_views(con)
    verdicts = dict(con.execute("SELECT figure_id, verdict FROM article_figure_checks").fetchall())
    con.close()
    assert verdicts == {fid: verdict for fid, (verdict, _) in EXPECTED.items()}
