"""`cyberstats figures page.html` reads a page's figures once: its article parser runs text-only.

Inside transform.articles.text_only() an article parser returns the article row (title, body, date)
and no figures; outside it the parser reads them as the pipeline needs. The page is the fixture
site's copy of the 2023 mid-year review (real figures: 15 637 technology crime cases, first half).
"""

from __future__ import annotations

from unittest import mock

from flows.news_input import figures_in_input
from tests.bench.data import ARTICLE_PAGES, SITE, fixture_doc
from transform import articles
from transform.parsers import get_parser

SCMP_H1_2023 = next(rel for rel, _ in ARTICLE_PAGES if "3233523" in rel)


def test_inside_text_only_a_parser_returns_the_article_but_reads_no_figures():
    doc = fixture_doc(SCMP_H1_2023, "scmp_article")
    full = get_parser("media_article")(doc)
    with articles.text_only():
        bare = get_parser("media_article")(doc)
    assert bare.articles == full.articles
    assert bare.article_figures == [] and bare.observations == []
    assert full.article_figures  # outside the block the figures are read as before
    assert get_parser("media_article")(doc).article_figures == full.article_figures


def test_figures_of_a_page_are_read_once():
    html = (SITE / SCMP_H1_2023).read_text(encoding="utf-8")
    reader = figures_in_input.__globals__["extract_figures"]
    twice = AssertionError("the parser read the figures too")
    with (
        mock.patch("flows.news_input.extract_figures", wraps=reader) as spy,
        mock.patch.object(articles, "extract_figures", side_effect=twice),
    ):
        found = figures_in_input(html, None)
    assert spy.call_count == 1
    assert any(f["value"] == 15637 and f["period"] == "2023-H1" for f in found)
