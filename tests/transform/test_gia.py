"""Government press releases and the daily index (issue 4, Collect): text, time, language, figures."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extract.document import Document
from transform.exceptions import LayoutChanged
from transform.parsers.gia import parse_daily_index, parse_press_release, release_time

FIXTURES = Path(__file__).parents[1] / "fixtures"
SITE = FIXTURES / "site"
GIA = "https://www.info.gov.hk/gia/general"


def _doc(url: str, body: bytes | None = None, source_id: str = "gia_press_release") -> Document:
    body = body if body is not None else (SITE / url.split("://", 1)[1]).read_bytes()
    return Document(source_id, url, body, hashlib.sha256(body).hexdigest(), datetime(2026, 1, 1, tzinfo=UTC))


def _page(name: str) -> bytes:
    return (FIXTURES / "news_pages" / name).read_bytes()


def _levels(result) -> set[tuple]:
    return {(o["category"], o["metric"], o["period_label"], o["value"]) for o in result.observations}


RELEASES = [
    (
        f"{GIA}/202402/06/P2024020600468.htm",
        "Law and order situation in Hong Kong in 2023",
        datetime(2024, 2, 6, 9, 45, tzinfo=UTC),
        {
            ("overall_crime", "cases", "2023", 90276.0),
            ("deception", "cases", "2023", 39824.0),
            ("deception", "loss", "2023", 9e9),
        },
    ),
    (
        f"{GIA}/202102/02/P2021020200749.htm",
        "Law and order situation in Hong Kong in 2020",
        datetime(2021, 2, 2, 8, 5, tzinfo=UTC),
        {
            ("overall_crime", "cases", "2020", 63232.0),
            ("violent_crime", "cases", "2020", 9391.0),
            ("deception", "cases", "2020", 15553.0),
        },
    ),
    (
        f"{GIA}/202107/27/P2021072700621.htm",
        "Law and order situation in the first half of 2021",
        datetime(2021, 7, 27, 10, 20, tzinfo=UTC),
        {("overall_crime", "cases", "2021-H1", 30871.0), ("deception", "cases", "2021-H1", 8699.0)},
    ),
    (
        f"{GIA}/202210/20/P2022102000615.htm",
        "Law and order situation in the first nine months of 2022",
        datetime(2022, 10, 20, 11, 10, tzinfo=UTC),
        {
            ("overall_crime", "cases", "2022-01/2022-09", 49927.0),
            ("deception", "cases", "2022-01/2022-09", 19444.0),
        },
    ),
]


@pytest.mark.parametrize(("url", "title", "published_at", "expected"), RELEASES, ids=lambda v: str(v)[-22:])
def test_release_gives_article_and_official_text_observations(url, title, published_at, expected):
    result = parse_press_release(_doc(url))
    article = result.articles[0]
    assert (article["title"], article["published_at"], article["language"]) == (title, published_at, "en")
    assert (article["source_tier"], article["url"]) == ("official_text", url)
    assert article["relevance"].startswith('title: "law and order situation"')
    assert expected <= _levels(result)
    for obs in result.observations:
        assert (obs["jurisdiction"], obs["source_tier"], obs["document_url"]) == ("HK", "official_text", url)
        assert obs["quote"] in article["body"]
    assert len(result.article_figures) >= len(result.observations)


def test_body_keeps_paragraphs_and_drops_asterisks_footer_and_navigation():
    body = parse_press_release(_doc(f"{GIA}/202102/02/P2021020200749.htm")).articles[0]["body"]
    lines = body.split("\n")
    assert lines[0] == "The following is issued on behalf of the Hong Kong Police Force:"
    assert "A total of 63,232 crimes were recorded in 2020, compared with 59,225 in 2019." in lines
    for absent in ("*****", "Ends/", "Issued at", "NNNN", "Archives", "Today's Press Releases"):
        assert absent not in body


def test_chinese_release_time_language_and_figures():
    url = f"{GIA}/202402/06/chinese-version.htm"  # its real serial number is not known (news_pages/README.md)
    result = parse_press_release(_doc(url, _page("gia_law_and_order_2023_zh.htm")))
    article = result.articles[0]
    assert article["title"] == "2023年香港治安情況"
    assert article["published_at"] == datetime(2024, 2, 6, 9, 45, tzinfo=UTC)  # 香港時間17時45分
    assert article["language"] == "zh"
    assert not article["body"].endswith("完")
    assert {
        ("overall_crime", "cases", "2023", 90276.0),
        ("deception", "cases", "2023", 39824.0),
        ("deception", "loss", "2023", 9e9),
    } <= _levels(result)


def test_2025_release_figures_with_approximate_loss():
    url = f"{GIA}/202602/11/test-only.htm"  # its real serial number is not known (news_pages/README.md)
    result = parse_press_release(_doc(url, _page("gia_law_and_order_2025_en.htm")))
    assert result.articles[0]["published_at"] == datetime(2026, 2, 11, 8, 40, tzinfo=UTC)
    assert {
        ("overall_crime", "cases", "2025", 89137.0),
        ("violent_crime", "cases", "2025", 8823.0),
        ("deception", "cases", "2025", 43212.0),
        ("deception", "loss", "2025", 8.1e9),
    } <= _levels(result)
    loss = next(o for o in result.observations if o["metric"] == "loss")
    assert loss["qualifier"] == "approx"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ends/Tuesday, June 21, 2022\nIssued at HKT 20:16", datetime(2022, 6, 21, 12, 16, tzinfo=UTC)),
        ("2025年3月12日（星期三）\n香港時間14時30分", datetime(2025, 3, 12, 6, 30, tzinfo=UTC)),
        ("完\n2025年3月12日（星期三）\n於HKT 14:30發出", datetime(2025, 3, 12, 6, 30, tzinfo=UTC)),
        ("Ends/Monday, January 2, 2023", datetime(2023, 1, 1, 16, 0, tzinfo=UTC)),  # no time: midnight HKT
    ],
)
def test_footer_date_and_time_in_hong_kong_become_utc(text, expected):
    assert release_time(text, "u") == expected


def test_missing_footer_date_is_a_layout_change():
    with pytest.raises(LayoutChanged, match="at u: expected a footer date"):
        release_time("Issued at HKT 20:16", "u")


def test_unknown_month_name_is_a_layout_change():
    with pytest.raises(LayoutChanged, match="English month name"):
        release_time("Ends/Tuesday, Juin 21, 2022", "u")


PAGE = (SITE / "www.info.gov.hk/gia/general/202402/06/P2024020600468.htm").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("mutated", "message"),
    [
        (PAGE.replace('id="PRHeadline"', 'id="Headline"'), "expected a non-empty div#PRHeadline; found none"),
        (PAGE.replace('id="pressrelease"', 'id="release"'), "expected span#pressrelease"),
        (
            PAGE.split('<span id="pressrelease"')[0] + '<span id="pressrelease"> </span></div></body></html>',
            "expected release text in span#pressrelease; found an empty span",
        ),
    ],
    ids=["no_headline", "no_body", "empty_body"],
)
def test_layout_drift_names_the_url_and_what_is_missing(mutated, message):
    url = f"{GIA}/202402/06/P2024020600468.htm"
    with pytest.raises(LayoutChanged, match=message) as caught:
        parse_press_release(_doc(url, mutated.encode()))
    assert caught.value.url == url


def test_daily_index_links_relevant_releases_with_reasons():
    url = f"{GIA}/202402/06.htm"
    result = parse_daily_index(_doc(url, source_id="gia_daily_index"))
    assert result.links == [(f"{GIA}/202402/06/P2024020600468.htm", "gia_press_release")]
    assert result.notes == [
        f'kept {GIA}/202402/06/P2024020600468.htm (title: "law and order situation")',
        f"{url}: 1 of 4 releases relevant",
    ]


def test_daily_index_without_release_links_is_a_layout_change():
    body = b"<html><body><div class='leftBody'>Page not available</div></body></html>"
    with pytest.raises(LayoutChanged, match=r"202402/06\.htm: expected links to press releases"):
        parse_daily_index(_doc(f"{GIA}/202402/06.htm", body, source_id="gia_daily_index"))


def test_a_chinese_release_in_an_undeclared_encoding_fails_naming_url_and_encoding():
    page = _page("gia_law_and_order_2023_zh.htm").decode("utf-8")
    page = page.replace('charset="utf-8"', "").replace("charset=utf-8", "")
    url = f"{GIA}/202402/06/big5-undeclared.htm"
    with pytest.raises(LayoutChanged, match=r"big5-undeclared\.htm.*utf-8"):
        parse_press_release(_doc(url, page.encode("big5hkscs")))


@pytest.mark.parametrize(
    "text",
    [
        "Ends/Tuesday, February 0, 2024 Issued at HKT 17:45",
        "Ends/Tuesday, February 6, 2024 Issued at HKT 27:45",
    ],
)
def test_an_impossible_footer_date_is_layout_drift(text):
    """Found by fuzzing (issue 12): a day 0 or an hour 27 raised a bare ValueError."""
    with pytest.raises(LayoutChanged, match="at u: expected a valid footer date and time"):
        release_time(text, "u")


# ---- issue 9: LegCo replies carry HTML tables; each row becomes one text line -------------------
LCQ_2021 = f"{GIA}/202103/17/P2021031700512.htm"
LCQ_TABLE = (
    b'<html lang="en"><body><div id="PRHeadline">LCQ1: Technology crime</div><span id="pressrelease">'
    b"&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;The figures are set out below:<br><br>"
    b'<table border="1"><tr><td colspan="3">Technology crime</td></tr>'
    b"<tr><td>Year</td><td>2011</td><td>2012</td></tr>"
    b"<tr><td>Number of<br>cases</td><td>2&nbsp;206</td><td>3 015</td></tr>"
    b"<tr><td>Amount lost<br>($ million)</td><td>148</td><td>238</td></tr></table><br>"
    b"&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;The Police will continue their work.<br></span>"
    b"<div>Ends/Wednesday, February 19, 2014<br>Issued at HKT 15:10</div></body></html>"
)


def test_a_table_row_is_one_line_of_text_with_its_cells_in_order():
    result = parse_press_release(_doc(f"{GIA}/201402/19/P201402190999.htm", LCQ_TABLE))
    lines = result.articles[0]["body"].splitlines()
    assert lines[1:3] == ["Technology crime", "Year 2011 2012"]
    assert "Number of cases 2 206 3 015" in lines
    assert "Amount lost ($ million) 148 238" in lines
    assert lines[-1] == "The Police will continue their work."


def test_the_figures_of_a_legco_table_are_official_text_per_year():
    result = parse_press_release(_doc(f"{GIA}/201402/19/P201402190999.htm", LCQ_TABLE))
    assert _levels(result) == {
        ("technology_crime", "cases", "2011", 2206.0),
        ("technology_crime", "cases", "2012", 3015.0),
        ("technology_crime", "loss", "2011", 148e6),
        ("technology_crime", "loss", "2012", 238e6),
    }
    assert {o["source_tier"] for o in result.observations} == {"official_text"}


def test_a_fixture_legco_reply_mixes_a_table_and_sentences():
    result = parse_press_release(_doc(LCQ_2021))
    assert _levels(result) == {
        ("technology_crime", "cases", "2019", 8322.0),
        ("technology_crime", "cases", "2020", 12916.0),
        ("technology_crime", "loss", "2020", 2.96e9),
        ("technology_crime", "cases", "2020-H1", 6414.0),
    }
