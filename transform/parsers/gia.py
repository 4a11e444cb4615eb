"""Government press releases (info.gov.hk/gia): one release page, and the daily index of releases.

A release is both news and statistics: the half-year and year-end "Law and order situation"
releases carry the official figures, which become `official_text` observations with the sentence
they came from. The page layout is GIS's own: title in `div#PRHeadline`, body in
`span#pressrelease`, and a footer with the issue date and time in Hong Kong.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

from lxml import etree

from extract.catalogue import get_source
from extract.document import Document
from transform.articles import HKT, article_result, language_of
from transform.discovery import link_target
from transform.document import ParseResult
from transform.exceptions import LayoutChanged
from transform.parsers.htmltree import parse_html, replace_with_text, text_of
from transform.relevance import relevance

__all__ = ["Release", "parse_daily_index", "parse_press_release", "read_release", "release_time"]

PARSER_VERSION = "gia/1"

_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_EN_DATE = re.compile(r"Ends\s*/\s*[A-Za-z]+,\s*([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})")
_EN_TIME = re.compile(r"Issued\s+at\s+HKT\s+(\d{1,2}):(\d{2})")
_ZH_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*[（(]星期.[）)]")
_ZH_TIME = re.compile(r"(?:香港時間|香港时间)\s*(\d{1,2})時(\d{1,2})分|於\s*HKT\s*(\d{1,2}):(\d{2})\s*發出")
# Footer lines that may sit inside the body span on some pages; they are not part of the text.
_FOOTER_LINE = re.compile(
    r"^(Ends\s*/.*|Issued at HKT.*|NNNN|完|.*於\s*HKT\s*\d{1,2}:\d{2}\s*發出.*"
    r"|\d{4}年\d{1,2}月\d{1,2}日\s*[（(]星期.[）)]|香港時間\s*\d{1,2}時\d{1,2}分)$"
)
_RELEASE_HREF = re.compile(r"/P\d{11,13}\.htm$")


def _words(text: str) -> str:
    """Runs of spaces (no-break spaces too) as one space, stripped."""
    return " ".join(text.replace("\xa0", " ").split())


def _flatten_tables(block: etree._Element) -> None:
    """Each HTML table row as one text line, its cells joined by single spaces (SOURCES.md 4.1).

    LegCo replies carry multi-year tables (`<tr><td>Number of cases</td><td>1 449</td>...`); the
    figure reader reads them as text rows under a header line of years, and splits space-separated
    thousands from column gaps by the known column count. A line break inside a cell
    ("Amount lost<br>($ million)") stays inside the row. A table nested in another goes with it
    (its rows are read as rows of the outer one, as they always were).
    """
    for table in list(block.iter("table")):
        if not any(a is block for a in table.iterancestors()):
            continue  # inside a table flattened already
        lines = []
        for row in table.iter("tr"):
            cells = (_words(text_of(c, " ")) for c in row.iter("td", "th"))
            line = " ".join(c for c in cells if c)
            if line:
                lines.append(line)
        replace_with_text(table, "\n" + "\n".join(lines) + "\n")


def _block_text(block: etree._Element) -> str:
    """Text of a block with <br> as line breaks, one paragraph per line, asterisk and footer lines dropped."""
    _flatten_tables(block)
    for br in list(block.iter("br")):
        replace_with_text(br, "\n")
    lines = (_words(line) for line in text_of(block).split("\n"))
    kept = [line for line in lines if line and not set(line) <= {"*"} and not _FOOTER_LINE.match(line)]
    return "\n".join(kept)


def release_time(page_text: str, url: str) -> datetime:
    """The issue time from an English or Chinese GIS footer, as an aware UTC datetime.

    The date is required (relative periods such as "last year" are read against it); a missing
    time of day falls back to midnight in Hong Kong.
    """
    if m := _EN_DATE.search(page_text):
        month = _MONTHS.get(m.group(1).lower())
        if month is None:
            raise LayoutChanged(url, "an English month name in the footer date", repr(m.group(0)))
        year, day = int(m.group(3)), int(m.group(2))
    elif m := _ZH_DATE.search(page_text):
        year, month, day = (int(g) for g in m.groups())
    else:
        raise LayoutChanged(
            url,
            "a footer date ('Ends/Tuesday, June 21, 2022' or '2025年3月12日（星期三）')",
            "no such date on the page",
        )
    hour = minute = 0
    if t := (_EN_TIME.search(page_text) or _ZH_TIME.search(page_text)):
        hour, minute = (int(g) for g in t.groups() if g is not None)
    try:  # a footer such as "February 0, 2024" or "HKT 25:61" names no moment
        moment = datetime(year, month, day, hour, minute, tzinfo=HKT)
    except (ValueError, OverflowError) as exc:
        raise LayoutChanged(
            url, "a valid footer date and time", f"{year}-{month}-{day} {hour}:{minute} ({exc})"
        ) from None
    return moment.astimezone(UTC)


def _page_language(root: etree._Element, text: str) -> str:
    html = root if root.tag == "html" else root.find(".//html")
    lang = (html.get("lang") or "").lower() if html is not None else ""
    if lang.startswith("zh"):
        return "zh"
    if lang.startswith("en"):
        return "en"
    return language_of(text)


class Release(NamedTuple):
    """What a release page says, before its figures are read: title, text, issue time, language."""

    title: str
    body: str
    published_at: datetime
    language: str


def read_release(doc: Document) -> Release:
    """The release's title, body text, issue time and language; LayoutChanged if the layout is not GIS's."""
    root = parse_html(doc)
    headline, body_tag = _first(root, "div", "PRHeadline"), _first(root, "span", "pressrelease")
    if headline is None or not any(t.strip() for t in headline.itertext()):
        raise LayoutChanged(doc.url, "a non-empty div#PRHeadline", "none" if headline is None else "empty")
    if body_tag is None:
        raise LayoutChanged(doc.url, "span#pressrelease holding the release text", "no such span")
    title = _words(text_of(headline, " "))
    body = _block_text(body_tag)
    if not body:
        raise LayoutChanged(doc.url, "release text in span#pressrelease", "an empty span")
    published_at = release_time(text_of(root, "\n"), doc.url)
    return Release(title, body, published_at, _page_language(root, title + body))


def _first(root: etree._Element, tag: str, id_: str) -> etree._Element | None:
    """The first `tag` element whose id is `id_`, in document order, or None."""
    return next((el for el in root.iter(tag) if el.get("id") == id_), None)


def parse_press_release(doc: Document) -> ParseResult:
    """The release as an article row, every figure in its body, and the observations among them."""
    release = read_release(doc)
    return article_result(
        doc,
        source_tier=get_source(doc.source_id).tier,
        title=release.title,
        body=release.body,
        published_at=release.published_at,
        language=release.language,
        parser_version=PARSER_VERSION,
    )


def parse_daily_index(doc: Document) -> ParseResult:
    """Links to the day's releases whose titles are relevant, with the reason for each in the notes."""
    root = parse_html(doc)
    follows = link_target(doc.source_id)
    result, total = ParseResult(), 0
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if href is None:
            continue
        url = urljoin(doc.url, href.strip())
        if not _RELEASE_HREF.search(urlsplit(url).path):
            continue
        total += 1
        title = _words(text_of(anchor, " "))
        reason = relevance(title)
        if reason and (url, follows) not in result.links:
            result.links.append((url, follows))
            result.notes.append(f"kept {url} ({reason})")
    if total == 0:
        raise LayoutChanged(doc.url, "links to press releases (…/P<date><serial>.htm)", "no such links")
    result.notes.append(f"{doc.url}: {len(result.links)} of {total} releases relevant")
    return result
