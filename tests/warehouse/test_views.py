"""The reader views: best value per period, derived periods, the calendar, comparisons, restatements."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.conftest import store
from tests.warehouse.rows import (
    CSC_TC,
    GIA_FY2023,
    MONTHLY_CSV,
    OFFBEAT_2024,
    TEST_DOC,
    obs,
    restated_2024,
)
from warehouse.load import load_parquet

GIA_2022_SEP = "https://www.info.gov.hk/gia/general/202210/20/P2022102000615.htm"
NEWS_GOV_2022 = "https://www.news.gov.hk/eng/2023/02/20230214/20230214_180710_007.html"


def build(tmp_path: Path, rows: list[dict]) -> duckdb.DuckDBPyConnection:
    db = tmp_path / "w.duckdb"
    load_parquet(db, store(rows, tmp_path / "pq"))
    return duckdb.connect(str(db), read_only=True)


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> dict:
    rel = con.execute(sql, params or [])
    rows = rel.fetchall()
    assert len(rows) == 1, rows
    return dict(zip([d[0] for d in rel.description], rows[0], strict=True))


def pop(con, category, metric, label, comparison="year_ago") -> dict:
    return one(
        con,
        "SELECT * FROM period_over_period "
        "WHERE category = ? AND metric = ? AND period_label = ? AND comparison = ?",
        [category, metric, label, comparison],
    )


@pytest.fixture
def con(warehouse: Path):
    c = duckdb.connect(str(warehouse), read_only=True)
    yield c
    c.close()


def test_year_ago_technology_crime_h1_2023(con):
    row = pop(con, "technology_crime", "cases", "2023-H1")
    assert (row["value"], row["prior_period_label"], row["prior_value"]) == (15637, "2022-H1", 10613)
    assert (row["change_abs"], row["change_pct"], row["reason"]) == (5024, 47.3, None)
    assert row["source_tier"] == "media" and row["unit"] == "count"


def test_year_ago_overall_crime_h1_2024(con):
    row = pop(con, "overall_crime", "cases", "2024-H1")
    assert (row["prior_value"], row["change_abs"], row["change_pct"]) == (42923, 2392, 5.6)
    assert row["source_tier"] == "official_table"


def test_missing_prior_gives_null_with_reason(con):
    row = pop(con, "technology_crime", "cases", "2025-01/2025-07")
    assert row["prior_period_label"] == "2024-01/2024-07"  # the same seven months, not 2024 nor 2024-H1
    assert row["prior_value"] is None and row["change_pct"] is None
    assert row["reason"] == "no prior period published"


def test_span_has_no_previous_period(con):
    row = pop(con, "technology_crime", "cases", "2025-01/2025-07", "previous")
    assert row["prior_period_label"] is None and "span" in row["reason"]


def test_partial_period_compared_only_with_same_months(tmp_path: Path):
    rows = [
        obs(
            "overall_crime",
            "cases",
            "2022-01/2022-09",
            49927,
            url=GIA_2022_SEP,
            tier="official_text",
            published="2022-10-20",
        ),
        obs(
            "overall_crime",
            "cases",
            "2021-01/2021-09",
            47840,
            url=GIA_2022_SEP,
            tier="official_text",
            published="2022-10-20",
        ),
        obs(
            "overall_crime",
            "cases",
            "2021",
            64428,
            url=TEST_DOC,
            tier="official_text",
            published="2022-02-01",
        ),
        obs(
            "overall_crime",
            "cases",
            "2021-H1",
            30871,
            url=TEST_DOC,
            tier="official_text",
            published="2021-07-27",
        ),
    ]
    con = build(tmp_path, rows)
    got = con.execute(
        "SELECT prior_period_label, prior_value, change_pct FROM period_over_period "
        "WHERE period_label = '2022-01/2022-09' AND comparison = 'year_ago'"
    ).fetchall()
    assert got == [("2021-01/2021-09", 47840, 4.4)]


def test_derived_q2_with_lineage_and_mixed_vintage(con):
    d = one(
        con, "SELECT * FROM derived_observations WHERE category = 'technology_crime' AND metric = 'cases'"
    )
    assert (d["period_label"], d["period_start"], d["period_end"]) == (
        "2023-Q2",
        date(2023, 4, 1),
        date(2023, 6, 30),
    )
    assert d["value"] == 8276 and d["qualifier"] == "exact" and d["source_tier"] == "media"
    assert (d["whole_period_label"], d["part_period_label"]) == ("2023-H1", "2023-Q1")
    assert d["whole_observation_id"] in d["derived_from"] and d["part_observation_id"] in d["derived_from"]
    assert d["mixed_vintage"] is True  # Q1 and H1 come from two different articles


def test_derived_h2_takes_the_lower_tier(con):
    d = one(con, "SELECT * FROM derived_observations WHERE category = 'overall_crime'")
    assert (d["period_label"], d["value"], d["period_type"]) == ("2023-H2", 47353, "half")
    assert d["source_tier"] == "official_text"  # FY official_text, H1 official_table -> the lower


def test_derived_q3_q4_from_jan_sep_and_flagged_only_across_documents(tmp_path: Path):
    rows = [
        obs(
            "overall_crime",
            "cases",
            "2022-H1",
            31434,
            url=TEST_DOC,
            tier="official_table",
            published="2022-10-20",
        ),
        obs(
            "overall_crime",
            "cases",
            "2022-01/2022-09",
            49927,
            url=TEST_DOC,
            tier="official_text",
            published="2022-10-20",
        ),
        obs(
            "overall_crime",
            "cases",
            "2022",
            70048,
            url=NEWS_GOV_2022,
            tier="official_text",
            published="2023-02-14",
        ),
    ]
    con = build(tmp_path, rows)
    got = con.execute(
        "SELECT period_label, value, mixed_vintage, qualifier FROM derived_observations ORDER BY period_label"
    ).fetchall()
    assert got == [
        ("2022-H2", 38614, True, "exact"),
        ("2022-Q3", 18493, False, "exact"),
        ("2022-Q4", 20121, True, "exact"),
    ]


def test_derived_qualifier_is_approx_unless_both_exact(tmp_path: Path):
    rows = [
        obs(
            "deception",
            "loss",
            "2023",
            9000000000,
            url=GIA_FY2023,
            tier="official_text",
            published="2024-02-06",
            qualifier="more_than",
        ),
        obs("deception", "loss", "2023-H1", 2690000000, url=TEST_DOC, tier="media", published="2023-08-11"),
    ]
    con = build(tmp_path, rows)
    d = one(con, "SELECT * FROM derived_observations")
    assert (d["period_label"], d["value"], d["qualifier"], d["source_tier"]) == (
        "2023-H2",
        6310000000,
        "approx",
        "media",
    )


def test_derived_value_feeds_comparisons_but_never_replaces_published(con):
    row = pop(con, "overall_crime", "cases", "2024-H1", "previous")
    assert (row["prior_period_label"], row["prior_value"]) == ("2023-H2", 47353)
    (n,) = con.execute(
        "SELECT count(*) FROM best_and_derived WHERE is_derived AND period_label = '2023-H1'"
    ).fetchone()
    assert n == 0


def test_official_table_beats_later_media_and_conflict_is_flagged(tmp_path: Path):
    # 43016 is the sum of the monthly file for H1 2023 (SOURCES 1.2), here as a later media repeat
    rows = [
        obs(
            "overall_crime",
            "cases",
            "2023-H1",
            42923,
            url=CSC_TC,
            tier="official_table",
            published="2024-08-09",
        ),
        obs("overall_crime", "cases", "2023-H1", 43016, url=TEST_DOC, tier="media", published="2025-01-01"),
    ]
    con = build(tmp_path, rows)
    best = one(con, "SELECT * FROM best_observations")
    assert (best["value"], best["source_tier"], best["n_vintages"]) == (42923, "official_table", 2)
    assert best["conflict"] is True and best["conflicting_values"] == [43016]


def test_within_tier_latest_publication_wins_and_equal_values_do_not_conflict(tmp_path: Path):
    rows = [
        obs(
            "overall_crime",
            "cases",
            "2023-H1",
            42923,
            url=CSC_TC,
            tier="official_table",
            published="2024-08-09",
        ),
        obs(
            "overall_crime",
            "cases",
            "2023-H1",
            42923,
            url=TEST_DOC,
            tier="official_table",
            published="2023-08-11",
        ),
    ]
    con = build(tmp_path, rows)
    best = one(con, "SELECT * FROM best_observations")
    assert best["document_url"] == CSC_TC and best["conflict"] is False and best["conflicting_values"] == []


@pytest.mark.parametrize(
    ("unit", "a", "qa", "b", "qb", "agree"),
    [
        ("count", 15637, "exact", 15637, "exact", True),
        ("count", 15637, "exact", 15638, "exact", False),
        ("HKD", 2030000000, "exact", 2031456789, "exact", True),  # HK$2.03 billion, rounded
        ("HKD", 2030000000, "exact", 2690000000, "exact", False),
        ("HKD", 3600000000, "more_than", 3620000000, "exact", True),  # "more than HK$3.6 billion"
        ("HKD", 3600000000, "more_than", 3400000000, "exact", False),
        ("HKD", 9000000000, "approx", 8600000000, "exact", True),  # "about HK$9 billion"
        ("HKD", 9000000000, "approx", 8400000000, "exact", False),
        ("percent", 47.3, "exact", 47.34, "exact", True),
        ("percent", 47.3, "exact", 28.0, "exact", False),
    ],
)
def test_values_agree_is_rounding_aware(con, unit, a, qa, b, qb, agree):
    (got,) = con.execute("SELECT values_agree(?, ?, ?, ?, ?)", [unit, a, qa, b, qb]).fetchone()
    assert got is agree


def test_calendar_year_boundaries(tmp_path: Path):
    # overall crime, January and February 2022, from the monthly file (SOURCES 1.2)
    rows = [
        obs(
            "overall_crime",
            "cases",
            "2022-01",
            5815,
            url=MONTHLY_CSV,
            tier="official_table",
            published="2022-03-01",
        ),
        obs(
            "overall_crime",
            "cases",
            "2022-02",
            3297,
            url=MONTHLY_CSV,
            tier="official_table",
            published="2022-03-01",
        ),
        obs("technology_crime", "cases", "2023-Q1", 7361, url=TEST_DOC, tier="media", published="2023-05-24"),
    ]
    con = build(tmp_path, rows)
    cal = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT period_label, previous_label, previous_start, previous_end, year_ago_label "
            "FROM period_calendar"
        ).fetchall()
    }
    assert cal["2023-Q1"] == ("2022-Q4", date(2022, 10, 1), date(2022, 12, 31), "2022-Q1")
    assert cal["2022-01"] == ("2021-12", date(2021, 12, 1), date(2021, 12, 31), "2021-01")
    feb = pop(con, "overall_crime", "cases", "2022-02", "previous")
    assert (feb["prior_period_label"], feb["change_abs"], feb["change_pct"]) == ("2022-01", -2518, -43.3)


@pytest.mark.parametrize(
    ("start", "end", "typ", "year_ago", "previous"),
    [
        (
            "2024-02-01",
            "2024-02-29",
            "month",
            ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
            ("2024-01", date(2024, 1, 1), date(2024, 1, 31)),
        ),
        (
            "2025-02-01",
            "2025-02-28",
            "month",
            ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
            ("2025-01", date(2025, 1, 1), date(2025, 1, 31)),
        ),
        (
            "2024-01-01",
            "2024-03-31",
            "quarter",
            ("2023-Q1", date(2023, 1, 1), date(2023, 3, 31)),
            ("2023-Q4", date(2023, 10, 1), date(2023, 12, 31)),
        ),
        (
            "2023-07-01",
            "2023-12-31",
            "half",
            ("2022-H2", date(2022, 7, 1), date(2022, 12, 31)),
            ("2023-H1", date(2023, 1, 1), date(2023, 6, 30)),
        ),
        (
            "2025-01-01",
            "2025-07-31",
            "span",
            ("2024-01/2024-07", date(2024, 1, 1), date(2024, 7, 31)),
            (None, None, None),
        ),
    ],
)
def test_period_shift_date_arithmetic_including_leap_years(con, start, end, typ, year_ago, previous):
    (shift,) = con.execute(
        "SELECT period_shift(CAST(? AS DATE), CAST(? AS DATE), ?)", [start, end, typ]
    ).fetchone()
    assert (shift["year_ago_label"], shift["year_ago_start"], shift["year_ago_end"]) == year_ago
    assert (shift["previous_label"], shift["previous_start"], shift["previous_end"]) == previous


def test_prior_value_zero_gives_null_pct_with_reason(tmp_path: Path):
    # CSC page: robbery with genuine firearms, nil ("-") in both H1 2023 and H1 2024
    rows = [
        obs(
            "robbery_genuine_firearms",
            "cases",
            label,
            0,
            url=CSC_TC,
            tier="official_table",
            published="2024-08-09",
        )
        for label in ("2023-H1", "2024-H1")
    ]
    con = build(tmp_path, rows)
    row = pop(con, "robbery_genuine_firearms", "cases", "2024-H1")
    assert (row["change_abs"], row["change_pct"]) == (0, None) and "zero" in row["reason"]


def test_restatement_listed_with_both_documents(tmp_path: Path):
    rows = [
        *restated_2024(),
        obs("overall_crime", "cases", "2024", 94747, url=TEST_DOC, tier="media", published="2025-03-01"),
    ]
    con = build(tmp_path, rows)
    r = one(con, "SELECT * FROM restatements")
    assert (r["first_value"], r["first_document_url"]) == (94747, OFFBEAT_2024)
    assert (r["later_value"], r["later_document_url"], r["change_abs"]) == (94948, MONTHLY_CSV, 201)


def test_unknown_labels_are_never_merged_into_one_series(tmp_path: Path):
    """Two rows whose labels did not map (CSC 2.1: 傷 人 280 -> 281, 嚴重毆打 1 516 -> 1 540) share the
    category 'unknown' but are different offences: no view may pick one as the 'best' value of the
    other, call their difference a conflict or a restatement, or compare one with the other's prior.
    They stay in observations (and in the report's unknown labels) for review."""
    rows = []
    for label, h1_2023, h1_2024 in (("傷 人", 280, 281), ("嚴重毆打", 1516, 1540)):
        for period, value in (("2023-H1", h1_2023), ("2024-H1", h1_2024)):
            row = obs(
                "unknown", "cases", period, value, url=CSC_TC, tier="official_table", published="2024-08-09"
            )
            row["source_label"] = label
            rows.append(row)
    con = build(tmp_path, rows)
    assert con.execute("SELECT count(*) FROM observations WHERE category = 'unknown'").fetchone()[0] == 4
    for view in ("best_observations", "derived_observations", "period_over_period"):
        assert con.execute(f"SELECT count(*) FROM {view} WHERE category = 'unknown'").fetchone()[0] == 0, view
    assert con.execute("SELECT count(*) FROM restatements").fetchone()[0] == 0


def csc_copy(lang: str, value: float, fetched: str) -> dict:
    """The CSC page's 2023-H1 overall-crime cell (42 923, SOURCES 2.1) as one language copy reads it:
    no publication date on the page, fetched at `fetched` (ISO, UTC)."""
    row = obs(
        "overall_crime",
        "cases",
        "2023-H1",
        value,
        url=f"https://www.police.gov.hk/ppp_{lang}/09_statistics/csc.html",
        tier="official_table",
        published=fetched,
        source_id=f"hkpf_csc_{lang}",
    )
    row["published_at"] = None
    return row


def test_the_english_copy_of_one_publication_is_shown_when_it_gives_the_same_value(tmp_path: Path):
    # the three copies are fetched seconds apart; the Simplified Chinese one last
    rows = [
        csc_copy("en", 42923, "2024-08-09T10:00:01"),
        csc_copy("tc", 42923, "2024-08-09T10:00:02"),
        csc_copy("sc", 42923, "2024-08-09T10:00:03"),
    ]
    best = one(build(tmp_path, rows), "SELECT * FROM best_observations")
    assert best["source_id"] == "hkpf_csc_en"
    assert best["document_url"] == "https://www.police.gov.hk/ppp_en/09_statistics/csc.html"
    assert (best["value"], best["n_vintages"], best["conflict"]) == (42923, 3, False)


def test_an_english_copy_of_another_day_or_value_does_not_replace_the_latest(tmp_path: Path):
    # English fetched the day before (an older publication), then Chinese copies the next day
    older = [csc_copy("en", 42923, "2024-08-08T10:00:00"), csc_copy("sc", 42923, "2024-08-09T10:00:00")]
    best = one(build(tmp_path / "a", older), "SELECT * FROM best_observations")
    assert best["source_id"] == "hkpf_csc_sc"
    # same day, but the English copy gives another value: the latest copy stands, and conflicts
    differing = [csc_copy("en", 43016, "2024-08-09T10:00:01"), csc_copy("sc", 42923, "2024-08-09T10:00:03")]
    best = one(build(tmp_path / "b", differing), "SELECT * FROM best_observations")
    assert (best["source_id"], best["value"], best["conflict"]) == ("hkpf_csc_sc", 42923, True)
