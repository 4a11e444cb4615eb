"""Figures in a news item given on the command line: plain text, a press-release page or a media page."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from extract.document import Document
from transform.articles import text_only
from transform.categories import DESIGN_SERIES
from transform.figures.extractor import extract_figures
from transform.parsers import get_parser

HKT = ZoneInfo("Asia/Hong_Kong")
_HTML_MARKERS = ("<html", "<body", "<div", "<p>", "<p ", "<span")


def _looks_like_html(raw: str) -> bool:
    head = raw[:4000].lower()
    return any(marker in head for marker in _HTML_MARKERS)


def article_text(raw: str, url: str = "file:///dev/stdin") -> tuple[str, date | None, str | None]:
    """(body text, publication date, language) of a news item; HTML goes through the article parsers.

    `url` names the input in errors (LayoutChanged when an HTML page holds no article text).
    """
    if not _looks_like_html(raw):
        return raw, None, None
    body = raw.encode("utf-8")
    parser = "gia_press_release" if 'id="PRHeadline"' in raw or "id='PRHeadline'" in raw else "media_article"
    doc = Document(
        source_id="gia_press_release" if parser == "gia_press_release" else "scmp_article",
        url=url,
        body=body,
        sha256=hashlib.sha256(body).hexdigest(),
        fetched_at=datetime.now(UTC),
        content_type="text/html; charset=utf-8",
        encoding="utf-8",
    )
    with text_only():  # the caller reads the figures itself, once, with its own options
        article = get_parser(parser)(doc).articles[0]
    published = article.get("published_at")
    return article["body"], (published.astimezone(HKT).date() if published else None), article.get("language")


# The series the project tracks: what a reader checking a story about scams and cybercrime wants.
TRACKED_METRICS = frozenset({"cases", "loss"})


def figures_in_input(
    raw: str, ref_date: date | None, *, everything: bool = False, url: str = "file:///dev/stdin"
) -> list[dict]:
    """The figures of a news item as JSON-ready dicts; relative periods resolve against ref_date.

    By default only the tracked series (DESIGN section 3): cases and losses of crime totals, deception,
    technology crime and its kinds. `everything` adds other offences (blackmail, burglary, e-banking
    fraud...) and other metrics (arrests, detection rates). The article pipeline always stores
    everything it reads.
    """
    text, published, language = article_text(raw, url)
    figures = extract_figures(
        text, ref_date=ref_date or published, language=language, include_other_crimes=everything
    )
    if not everything:
        figures = [fig for fig in figures if fig.metric in TRACKED_METRICS and fig.category in DESIGN_SERIES]
    return [fig.to_dict() for fig in figures]
