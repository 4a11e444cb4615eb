"""The HTML report (`cyberstats report`): numbers, provenance links, escaping, the ledger, errors.

One small warehouse is built from real published figures (tests/warehouse/rows.py) plus the
situations the report must show: a conflict, a restatement, an unknown label, news figures (one of
them a digit slip, quoted with markup in it) and a failed load.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest

from tests.warehouse.conftest import CATEGORIES, store
from tests.warehouse.rows import (
    CSC_TC,
    MONTHLY_CSV,
    OFFBEAT_2024,
    SCMP_TECH_2022H1,
    SCMP_TECH_2023H1,
    TEST_DOC,
    headline_rows,
    obs,
    restated_2024,
)
from transform.parquet_store import write_article_figures, write_articles
from transform.validate import validate_article_figures, validate_articles
from warehouse.exceptions import LoadFailed, WarehouseMissing
from warehouse.load import load_parquet
from warehouse.report import fmt_number, write_report

NEWS_URL = "http://127.0.0.1/test-news/overall-crime"
HOSTILE_URL = "javascript:alert(1)"
# A news sentence misquoting the official 42 923 (a digit slip), with markup a page could carry.
QUOTE = 'Police said 43 923 crimes were recorded <script>alert("x")</script> in the first half & more.'
TITLE = "Crime <b>up</b> in first half"


def extra_rows() -> list[dict]:
    """Conflict, restatement and unknown label, from real figures (SOURCES 1.2 and 2.1)."""
    unknown = obs(
        "unknown", "cases", "2023-H1", 1093, url=CSC_TC, tier="official_table", published="2024-08-09"
    )
    unknown["source_label"] = "勒 索 (1)"
    return [
        # 43 016 is the monthly file's sum for H1 2023, against the published 42 923
        obs("overall_crime", "cases", "2023-H1", 43016, url=TEST_DOC, tier="media", published="2025-01-01"),
        *restated_2024(),
        unknown,
    ]


def write_news(root: Path) -> None:
    """Two news items: one quoting a wrong figure with markup, one with a non-web URL."""
    base = {"source_id": "test_news", "source_tier": "media", "language": "en"}
    articles = validate_articles(
        [
            {
                **base,
                "url": NEWS_URL,
                "title": TITLE,
                "sha256": "ab" * 32,
                "published_at": datetime(2024, 8, 10, tzinfo=UTC),
            },
            {
                **base,
                "url": HOSTILE_URL,
                "title": "odd link",
                "sha256": "cd" * 32,
                "published_at": datetime(2024, 8, 9, tzinfo=UTC),
            },
        ]
    )
    ids = articles.column("article_id").to_pylist()
    write_articles(articles, root)
    slip = obs("overall_crime", "cases", "2023-H1", 43923, url=NEWS_URL, tier="media", published="2024-08-10")
    slip |= {"article_id": ids[0], "kind": "level", "quote": QUOTE, "source_id": "test_news"}
    odd = obs(
        "technology_crime", "cases", "2023-H1", 15637, url=HOSTILE_URL, tier="media", published="2024-08-09"
    )
    odd |= {"article_id": ids[1], "kind": "level", "quote": "15 637 cases", "source_id": "test_news"}
    write_article_figures(validate_article_figures([slip, odd], known_categories=CATEGORIES), root)


def fail_one_load(db: Path, root: Path) -> None:
    """A load that fails (a corrupt Parquet file) and leaves a 'failed' ledger row."""
    bad = root / "articles" / "source_id=gia" / "year=2024" / "part-corrupt.parquet"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"PAR1 this is not a parquet file")
    with pytest.raises(LoadFailed):
        load_parquet(db, root)
    bad.unlink()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(warehouse path, report HTML) for the whole module."""
    base = tmp_path_factory.mktemp("report")
    root = store(headline_rows() + extra_rows(), base / "parquet")
    write_news(root)
    db = base / "warehouse.duckdb"
    load_parquet(db, root)
    fail_one_load(db, root)
    out = write_report(db, base / "out" / "nested" / "report.html")
    return db, out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(built):
    return lxml.html.fromstring(built[1])


def rows_of(page, section: str) -> list:
    """The body rows of a section's table."""
    return page.xpath(f'//section[@id="{section}"]//tbody/tr')


def cells(tr) -> list[str]:
    return [td.text_content().strip() for td in tr.xpath("./td")]


def find_row(page, section: str, *wanted: str):
    """The one row of a section whose cells include all of `wanted`."""
    found = [tr for tr in rows_of(page, section) if all(w in cells(tr) for w in wanted)]
    assert len(found) == 1, [cells(tr) for tr in found]
    return found[0]


def href_of(tr, text: str) -> str:
    (a,) = tr.xpath(f'.//a[normalize-space(.)="{text}"]')
    return a.get("href")


def test_headline_technology_crime_h1_2023_against_2022(page):
    tr = find_row(page, "headline", "technology crime", "cases")
    got = cells(tr)
    assert got[2:9] == ["2023-H1", "15 637", "2022-H1", "10 613", "+5 024", "+47.3%", "media"]
    assert href_of(tr, "15 637") == SCMP_TECH_2023H1
    assert href_of(tr, "10 613") == SCMP_TECH_2022H1


def test_headline_shows_a_series_without_prior_with_the_reason(page):
    got = cells(find_row(page, "headline", "technology crime", "loss"))
    assert got[2:4] == ["2025-01/2025-07", "over HK$3 600 000 000"]
    assert got[5] == "—" and got[-1] == "no prior period published"


def test_full_table_has_both_comparisons_and_marks_derived_values(page):
    year_ago = find_row(page, "period-over-period", "technology crime", "cases", "year ago", "2023-H1")
    assert cells(year_ago)[4:9] == ["15 637", "2022-H1", "10 613", "+5 024", "+47.3%"]
    # Q2 2023 = H1 15 637 - Q1 7 361, never published: derived, linked to the H1 release
    derived = find_row(page, "period-over-period", "technology crime", "cases", "previous", "2023-Q2")
    assert cells(derived)[4:9] == ["8 276", "2023-Q1", "7 361", "+915", "+12.4%"]
    (a,) = derived.xpath('.//a[normalize-space(.)="8 276"]')
    assert a.get("href") == SCMP_TECH_2023H1 and "2023-H1" in a.get("title") and "2023-Q1" in a.get("title")
    assert "derived" in cells(derived)[10]


def test_conflict_shows_both_values_with_their_documents(page):
    tr = find_row(page, "conflicts", "overall crime", "2023-H1")
    assert href_of(tr, "42 923") == CSC_TC and href_of(tr, "43 016") == TEST_DOC


def test_restatement_shows_first_and_later_documents(page):
    tr = find_row(page, "restatements", "overall crime", "2024")
    assert href_of(tr, "94 747") == OFFBEAT_2024 and href_of(tr, "94 948") == MONTHLY_CSV
    assert "+201" in cells(tr)


def test_news_check_gives_verdict_cause_quote_and_link(page):
    first = rows_of(page, "news-checks")[0]  # inconsistent figures come first
    got = cells(first)
    assert got[:2] == ["inconsistent", "digit slip"]
    assert (got[7], got[8]) == ("43 923", "42 923")
    assert first.xpath(".//q")[0].text_content() == QUOTE
    assert href_of(first, "43 923") == NEWS_URL and href_of(first, "42 923") == CSC_TC
    assert href_of(first, TITLE) == NEWS_URL  # the article, by its (escaped) title


def test_text_from_news_is_escaped(built, page):
    html = built[1]
    assert "<script" not in html and "<b>up</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Crime &lt;b&gt;up&lt;/b&gt; in first half" in html
    assert not page.xpath("//script") and not page.xpath("//section//b")


def test_non_web_urls_are_never_links(page):
    assert not [a for a in page.xpath("//a") if not a.get("href").startswith(("http://", "https://", "#"))]
    tr = find_row(page, "news-checks", "15 637")
    assert not tr.xpath(".//a") and tr.xpath(f'.//span[@title="{HOSTILE_URL}"]')


def test_every_sourced_number_links_to_its_document(page):
    cells_with_numbers = [
        td for td in page.xpath('//td[contains(@class, "src")]') if td.text_content().strip() not in ("", "—")
    ]
    assert len(cells_with_numbers) > 30
    unlinked = [td.text_content() for td in cells_with_numbers if not td.xpath(".//a[@href]")]
    assert unlinked == ["15 637"]  # only the figure whose article URL is not a web address


def test_unknown_label_is_listed_with_its_document(page):
    tr = find_row(page, "unknown-labels", "勒 索 (1)")
    assert "2023-H1" in cells(tr) and href_of(tr, "1 093") == CSC_TC


def test_loads_ledger_shows_completed_and_failed(page):
    statuses = [cells(tr)[1] for tr in rows_of(page, "loads")]
    assert sorted(statuses) == ["completed", "failed"]
    failed = next(tr for tr in rows_of(page, "loads") if cells(tr)[1] == "failed")
    assert "part-corrupt.parquet" in cells(failed)[-1]


def test_page_is_self_contained(page):
    assert page.xpath("//style") and not page.xpath("//link | //img | //iframe | //*[@src]")


def test_missing_warehouse_raises_and_writes_nothing(tmp_path: Path):
    out = tmp_path / "report.html"
    with pytest.raises(WarehouseMissing, match="cyberstats demo"):
        write_report(tmp_path / "absent.duckdb", out)
    assert not out.exists()


def test_rewrite_replaces_the_file_and_leaves_no_temporary(built, tmp_path: Path):
    out = tmp_path / "a" / "b" / "report.html"
    out.parent.mkdir(parents=True)
    out.write_text("old", encoding="utf-8")
    assert write_report(built[0], out) == out
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]


@pytest.mark.parametrize(
    ("value", "unit", "signed", "text"),
    [
        (15637, "count", False, "15 637"),
        (2030000000, "HKD", False, "HK$2 030 000 000"),
        (47.3, "percent", True, "+47.3%"),
        (-5610, "count", True, "-5 610"),
        (0, "count", True, "0"),
        (None, "count", False, "—"),
    ],
)
def test_numbers_are_written_as_hk_sources_print_them(value, unit, signed, text):
    assert fmt_number(value, unit, signed=signed) == text


def test_cli_report_names_the_missing_warehouse(tmp_path: Path, monkeypatch):
    from typer.testing import CliRunner

    from flows.cli import app

    monkeypatch.setenv("CYBERSTATS_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(app, ["report", "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and "no warehouse" in result.output
    assert not (tmp_path / "r.html").exists()


def test_cli_report_writes_the_page(built, tmp_path: Path, monkeypatch):
    from typer.testing import CliRunner

    from flows.cli import app

    monkeypatch.setenv("CYBERSTATS_HOME", str(built[0].parent))
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "15 637" in out.read_text(encoding="utf-8")


def test_empty_warehouse_gives_a_page_that_says_so(tmp_path: Path):
    from warehouse.db import connect

    connect(tmp_path / "w.duckdb").close()  # tables and views, no loads
    text = write_report(tmp_path / "w.duckdb", tmp_path / "r.html").read_text(encoding="utf-8")
    assert "No observations yet." in text and "Nothing has been loaded." in text


# ---------------------------------------------------------------- charts


def chart(page, series_id: str):
    (figure,) = page.xpath(f'//section[@id="charts"]//figure[@id="chart-{series_id}"]')
    return figure


def marks(figure) -> list:
    return figure.xpath('.//*[contains(@id, "-marks-")]')


def legend(figure) -> set[str]:
    return {t.text_content().strip() for t in figure.xpath(".//*[local-name()='text']")}


def test_the_page_opens_with_charts_then_the_latest_comparisons_conflicts_restatements_and_news(page):
    order = [s.get("id") for s in page.xpath("//body/section")]
    assert order[:5] == ["charts", "headline", "conflicts", "restatements", "news-checks"]


def test_technology_crime_is_charted_first_and_every_series_has_an_inline_svg(page):
    figures = page.xpath('//section[@id="charts"]//figure[contains(@class, "chart")]')
    ids = [f.get("id") for f in figures]
    assert ids[:2] == ["chart-technology-crime-cases", "chart-technology-crime-loss"]
    assert {"chart-overall-crime-cases", "chart-violent-crime-cases"} <= set(ids)
    assert all(f.xpath("./*[local-name()='svg']") and marks(f) for f in figures)


def test_media_values_are_drawn_differently_from_official_ones(page):
    tech = chart(page, "technology-crime-cases")  # SCMP's figures only: media, no official line
    assert "media (no official figure)" in legend(tech) and "official" not in legend(tech)
    # 2022-H1 and 2023-H1 are not adjacent half-years: two points and no line across the gap
    assert len(marks(tech)) == 2
    overall = chart(page, "overall-crime-cases")
    assert {"official", "media report of it"} <= legend(overall)  # 43 016 in the press beside 42 923


def test_derived_periods_are_marked_and_joined_by_dashed_lines(page):
    overall = chart(page, "overall-crime-cases")
    assert "derived (H2 = year − H1)" in legend(overall)
    # year: 2023, 2024 and the line between; half-year: 2022-H1, 2023-H1, 2023-H2 and 2024-H2
    # (derived), 2024-H1, the media report, and lines 2023-H1 to 2024-H2 (three)
    assert len(marks(overall)) == 3 + 6 + 3


def test_svg_ids_are_unique_across_the_charts(built):
    ids = lxml.html.fromstring(built[1]).xpath("//@id")
    assert len(ids) == len(set(ids))


def test_a_conflict_read_from_three_language_copies_is_shown_once_by_the_english_page(tmp_path: Path):
    from tests.warehouse.test_views import csc_copy

    # the CSC page in three languages gives 42 923 (SOURCES 2.1); a later official-tier test document
    # gives 43 016 (the monthly file's sum for H1 2023, SOURCES 1.2) and wins as the latest
    later = obs(
        "overall_crime",
        "cases",
        "2023-H1",
        43016,
        url=TEST_DOC,
        tier="official_table",
        published="2025-01-01",
    )
    copies = [csc_copy(lang, 42923, f"2024-08-09T10:00:0{i}") for i, lang in enumerate(("tc", "sc", "en"))]
    db = tmp_path / "w.duckdb"
    load_parquet(db, store([later, *copies], tmp_path / "pq"))
    page = lxml.html.fromstring(write_report(db, tmp_path / "r.html").read_text(encoding="utf-8"))
    tr = find_row(page, "conflicts", "overall crime", "2023-H1")
    assert href_of(tr, "43 016") == TEST_DOC
    assert href_of(tr, "42 923") == "https://www.police.gov.hk/ppp_en/09_statistics/csc.html"
