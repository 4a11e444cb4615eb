"""Media pages (SCMP, RTHK, news.gov.hk): text without ads, date, language, figures and tiers (issue 4)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extract.document import Document
from transform.exceptions import LayoutChanged
from transform.parsers.media import parse_article

FIXTURES = Path(__file__).parents[1] / "fixtures"
SITE = FIXTURES / "site"
SCMP = "https://www.scmp.com/news/hong-kong/law-and-crime/article/"
SCMP_H1 = (
    SCMP + "3233523/technology-related-crimes-hong-kong-surged-473-first-half-2023-police-pointing-"
    "growing-online"
)
SCMP_Q1 = SCMP + "3222496/"
RTHK = "https://news.rthk.hk/rthk/en/component/k2/1824873-20250926.htm"
NEWSGOV = "https://www.news.gov.hk/eng/2023/02/20230214/20230214_180710_007.html"


def _doc(source_id: str, url: str, body: bytes | None = None) -> Document:
    if body is None:
        path = url.split("://", 1)[1]
        body = (SITE / (path + "index.html" if path.endswith("/") else path)).read_bytes()
    return Document(source_id, url, body, hashlib.sha256(body).hexdigest(), datetime(2026, 1, 1, tzinfo=UTC))


def _levels(result) -> set[tuple]:
    return {
        (o["category"], o["metric"], o["period_label"], o["value"], o["qualifier"])
        for o in result.observations
    }


def test_scmp_h1_2023_text_has_no_ads_or_teasers():
    article = parse_article(_doc("scmp_article", SCMP_H1)).articles[0]
    assert article["title"] == "Technology-related crimes in Hong Kong surged 47.3% in first half of 2023"
    assert article["body"].startswith("Technology-related crime in Hong Kong rose sharply")
    for noise in (
        "Advertisement",
        "Police point to growing online activity",
        "More on this story",
        "Subscribe",
        "Copyright",
    ):
        assert noise not in article["body"]
    assert article["language"] == "en"
    assert article["published_at"] is None  # the page states no date: none is made up


def test_scmp_h1_2023_figures_media_tier_and_usd_kept_out():
    result = parse_article(_doc("scmp_article", SCMP_H1))
    assert _levels(result) == {
        ("technology_crime", "cases", "2023-H1", 15637.0, "exact"),
        ("technology_crime", "cases", "2022-H1", 10613.0, "exact"),  # "from 10 613"
        ("technology_crime", "loss", "2023-H1", 2030000000.0, "exact"),
    }
    assert {o["source_tier"] for o in result.observations} == {"media"}
    kinds = {(f["kind"], f["unit"], f["value"]) for f in result.article_figures}
    assert ("change_pct", "percent", 47.3) in kinds
    # "(US$259 million)" converts the same loss: neither an observation nor a second article figure
    assert not any(unit == "USD" for _, unit, _ in kinds)


def test_scmp_q1_2023_figures_with_trailing_slash_url():
    result = parse_article(_doc("scmp_article", SCMP_Q1))
    assert _levels(result) == {
        ("technology_crime", "cases", "2023-Q1", 7361.0, "exact"),
        ("technology_crime", "loss", "2023-Q1", 830000000.0, "exact"),
    }


def test_rthk_date_in_hong_kong_resolves_this_year():
    result = parse_article(_doc("rthk_article", RTHK))
    article = result.articles[0]
    assert article["published_at"] == datetime(2025, 9, 25, 16, 0, tzinfo=UTC)  # 2025-09-26 00:00 HKT
    assert article["title"] == "Technology crime cases top 19,000 in first seven months"
    assert "Related news" not in article["body"]
    assert _levels(result) == {
        ("technology_crime", "cases", "2025-01/2025-07", 19080.0, "exact"),
        ("technology_crime", "loss", "2025-01/2025-07", 3600000000.0, "more_than"),
    }


def test_news_gov_hk_is_official_text():
    result = parse_article(_doc("newsgov_article", NEWSGOV))
    article = result.articles[0]
    assert article["published_at"] == datetime(2023, 2, 14, 10, 7, 10, tzinfo=UTC)
    assert article["source_tier"] == "official_text"
    assert "Share:" not in article["body"]
    assert {
        ("overall_crime", "cases", "2022", 70048.0, "exact"),
        ("deception", "cases", "2022", 27923.0, "exact"),
    } <= _levels(result)
    assert {o["source_tier"] for o in result.observations} == {"official_text"}


def test_chinese_page_about_macao_gives_no_hong_kong_observation():
    # tests/fixtures/traps: HK numbers deliberately placed in a sentence about Macao (test-only)
    body = (FIXTURES / "traps" / "rthk_zh_macao_jurisdiction.htm").read_bytes()
    result = parse_article(_doc("rthk_article", "https://news.rthk.hk/rthk/ch/component/k2/trap.htm", body))
    assert result.articles[0]["language"] == "zh"
    assert result.observations == []
    values = {f["value"]: f["jurisdiction"] for f in result.article_figures}
    assert values.get(19080.0) == "MO"


@pytest.mark.parametrize(
    "body",
    [b"<html><body><nav>Home</nav><div class='advertisement'>Advertisement</div></body></html>", b""],
    ids=["only_noise", "empty"],
)
def test_page_without_article_text_is_a_layout_change_naming_the_url(body):
    with pytest.raises(LayoutChanged, match=r"3222496/: expected article text") as caught:
        parse_article(_doc("scmp_article", SCMP_Q1, body))
    assert caught.value.url == SCMP_Q1
