"""RSS feeds: items, canonical links to the relevant ones, reasons, and malformed feeds (issue 4)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extract.document import Document
from transform.exceptions import LayoutChanged
from transform.parsers import get_parser
from transform.parsers.rss import canonical_url, feed_items

SITE = Path(__file__).parents[1] / "fixtures" / "site"


def _doc(source_id: str, url: str, body: bytes | None = None) -> Document:
    body = body if body is not None else (SITE / url.split("://", 1)[1]).read_bytes()
    return Document(source_id, url, body, hashlib.sha256(body).hexdigest(), datetime(2026, 1, 1, tzinfo=UTC))


GIA_FEED = "https://www.info.gov.hk/gia/rss/general_en.xml"
SCMP_FEED = "https://www.scmp.com/rss/2/feed"


def test_gis_feed_items_have_title_link_summary_and_utc_time():
    items = feed_items(_doc("gia_rss_en", GIA_FEED))
    assert len(items) == 4
    first = items[0]
    assert first.title == "Law and order situation in Hong Kong in 2023"
    assert first.url == "https://www.info.gov.hk/gia/general/202402/06/P2024020600468.htm"
    assert first.published_at == datetime(2024, 2, 6, 9, 45, tzinfo=UTC)  # 17:45 +0800
    assert first.summary == "The following is issued on behalf of the Hong Kong Police Force:"  # &nbsp; gone
    assert first.relevance == 'title: "law and order situation"'
    assert [i.relevance for i in items[1:]] == [None, None, None]


def test_feed_links_only_relevant_items_to_the_followed_source_with_reasons():
    result = get_parser("rss_feed")(_doc("gia_rss_en", GIA_FEED))
    assert result.links == [
        ("https://www.info.gov.hk/gia/general/202402/06/P2024020600468.htm", "gia_press_release")
    ]
    assert result.notes[0] == (
        "kept https://www.info.gov.hk/gia/general/202402/06/P2024020600468.htm "
        '(title: "law and order situation")'
    )
    assert result.notes[-1].endswith("1 of 4 items relevant")
    assert result.observations == [] and result.articles == []


def test_scmp_links_lose_tracking_parameters():
    result = get_parser("rss_feed")(_doc("scmp_hk_rss", SCMP_FEED))
    base = "https://www.scmp.com/news/hong-kong/law-and-crime/article/"
    assert result.links == [
        (
            base + "3233523/technology-related-crimes-hong-kong-surged-473-first-half-2023-police-pointing-"
            "growing-online",
            "scmp_article",
        ),
        (base + "3222496/", "scmp_article"),
    ]
    assert all(item.published_at is None for item in feed_items(_doc("scmp_hk_rss", SCMP_FEED)))


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://www.scmp.com/a/1/slug?utm_source=rss_feed", "https://www.scmp.com/a/1/slug"),
        (
            "https://WWW.SCMP.COM/a/1/?utm_source=rss_feed&utm_medium=rss#comments",
            "https://www.scmp.com/a/1/",
        ),
        (
            "https://www.info.gov.hk/gia/x.htm?fontSize=1&utm_campaign=y",
            "https://www.info.gov.hk/gia/x.htm?fontSize=1",
        ),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


@pytest.mark.parametrize(
    ("source_id", "url", "follows", "kept"),
    [
        ("rthk_local_en_rss", "https://rthk.hk/rthk/news/rss/e_expressnews_elocal.xml", "rthk_article", 1),
        (
            "newsgov_law_order_rss",
            "https://www.news.gov.hk/en/categories/law_order/html/articlelist.rss.xml",
            "newsgov_article",
            2,  # the 2022 review and the first-half 2023 technology-crime story; not the station opening
        ),
    ],
)
def test_other_feeds_keep_only_their_relevant_items(source_id, url, follows, kept):
    result = get_parser("rss_feed")(_doc(source_id, url))
    assert len(result.links) == kept
    assert {target for _, target in result.links} == {follows}
    assert not any("20230214_120000_001" in link for link, _ in result.links)


CHINESE_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>香港電台</title>
<item><title>警方：今年首七個月科技罪案上升</title><link>https://news.rthk.hk/rthk/ch/component/k2/1-20250926.htm</link>
<description>警方呼籲市民提防網上騙案。</description><pubDate>Fri, 26 Sep 2025 15:02:00 +0800</pubDate></item>
<item><title>天文台發出酷熱天氣警告</title><link>https://news.rthk.hk/rthk/ch/component/k2/2-20250926.htm</link>
<description>市民應多喝水。</description><pubDate>Fri, 26 Sep 2025 12:00:00 +0800</pubDate></item>
</channel></rss>""".encode()


def test_chinese_feed_keeps_the_technology_crime_item():
    result = get_parser("rss_feed")(
        _doc("rthk_local_zh_rss", "https://rthk.hk/rthk/news/rss/c_expressnews_clocal.xml", CHINESE_FEED)
    )
    assert result.links == [("https://news.rthk.hk/rthk/ch/component/k2/1-20250926.htm", "rthk_article")]
    assert '"科技罪案"' in result.notes[0] and '"網上騙案"' in result.notes[0]


def test_malformed_xml_is_a_layout_change_naming_the_url():
    body = (SITE / "www.info.gov.hk/gia/rss/general_en.xml").read_bytes()[:600]
    with pytest.raises(LayoutChanged, match=r"rss/general_en\.xml: expected well-formed RSS 2\.0 XML"):
        feed_items(_doc("gia_rss_en", GIA_FEED, body))


def test_an_html_error_page_instead_of_a_feed_is_a_layout_change():
    with pytest.raises(LayoutChanged, match=r"xml: expected an <rss><channel> document; found root"):
        feed_items(_doc("gia_rss_en", GIA_FEED, b"<html><body>Service unavailable</body></html>"))


def test_a_source_without_follows_cannot_be_read_as_a_feed():
    with pytest.raises(ValueError, match="gia_press_release.*no `follows`"):
        get_parser("rss_feed")(_doc("gia_press_release", GIA_FEED))
