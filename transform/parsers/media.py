"""News pages (RTHK, SCMP, news.gov.hk): the article text without ads and teasers, its date and language.

Media layouts change often and carry "Advertisement" blocks, bullet teasers and related-story
boxes around the text; a general article extractor (trafilatura) reads them better than a
site-specific parser would. Blocks that are clearly advertising or promotion are removed first,
so that a teaser's numbers are never read as the article's.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import NamedTuple

from bs4 import BeautifulSoup, NavigableString, Tag
from htmldate import find_date
from trafilatura import bare_extraction
from trafilatura.settings import Document as ExtractedPage

from extract.catalogue import get_source
from extract.document import Document
from transform.articles import HKT, article_result, language_of
from transform.decoding import decode_document
from transform.document import ParseResult
from transform.exceptions import LayoutChanged

__all__ = ["Article", "parse_article", "read_article"]

PARSER_VERSION = "media/1"

_NOISE_ATTR = re.compile(
    r"(^|[\s_-])(ad|ads|advert\w*|teaser\w*|related\w*|promo\w*|newsletter|sponsor\w*|recommend\w*"
    r"|outbrain|taboola|share\w*|social)($|[\s_-])",
    re.I,
)
_NOISE_TEXT = re.compile(r"^\s*(advertisement|廣告|sponsored)\s*$", re.I)
_NOISE_TAGS = ("aside", "nav", "footer", "script", "style", "noscript", "form", "iframe")
_CONTAINERS = frozenset({"html", "body", "main", "article"})  # never dropped for their class names


def _strip_noise(html: str) -> str:
    """The page without ad, teaser and navigation blocks (trafilatura keeps some of them otherwise)."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(_NOISE_TAGS):
        tag.decompose()
    noisy = [tag for tag in soup.find_all(True) if tag.name not in _CONTAINERS and _noise_attrs(tag)]
    dropped: set[int] = set()
    for tag in noisy:  # document order: an outer block goes first, with what it holds
        if not any(id(parent) in dropped for parent in tag.parents):
            dropped.add(id(tag))
            tag.decompose()
    for text in soup.find_all(string=_NOISE_TEXT):
        block = _noise_block(text)
        if block is not None:
            block.decompose()
    return str(soup)


def _noise_attrs(tag: Tag) -> bool:
    """Whether a tag's class or id names an ad, teaser or sharing block.

    (Never `tag.decomposed` here: on a Tag it can fall through to a search of the whole subtree.)
    """
    classes = [c for c in tag.get_attribute_list("class") if c]  # bs4 < 4.13 gives [None] when absent
    attrs = " ".join([*classes, str(tag.get("id") or "")])
    return bool(attrs and _NOISE_ATTR.search(attrs))


def _noise_block(text) -> Tag | None:
    """The largest element whose whole text is this noise string ("Advertisement"), if any.

    Found from the string upwards, so the work is linear in the page: asking every element for its
    text is quadratic in the nesting depth (20 000 nested divs took minutes, issue 12).
    """
    block = None
    node = text.parent
    while node is not None and node.name not in _CONTAINERS and node.name != "[document]":
        others = [c for c in node.contents if c is not text and c is not block]
        if any(not isinstance(c, NavigableString) or c.strip() for c in others):
            break
        block, text = node, node
        node = node.parent
    return block


def _published(html: str, url: str) -> datetime | None:
    """The original publication time (htmldate); a date without time is midnight in Hong Kong."""
    found = find_date(
        html, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z", url=url, extensive_search=False
    )
    if not found:
        return None
    moment = datetime.strptime(found, "%Y-%m-%dT%H:%M:%S%z" if found[-5] in "+-" else "%Y-%m-%dT%H:%M:%S")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=HKT)
    return moment.astimezone(UTC)


class Article(NamedTuple):
    """What a news page says, before its figures are read: title, text, publication time, language."""

    title: str
    body: str
    published_at: datetime | None
    language: str


def read_article(doc: Document) -> Article:
    """The article's title, text (ads and teasers removed), date and language; LayoutChanged if none."""
    html = decode_document(doc)
    extracted = bare_extraction(
        _strip_noise(html),
        url=doc.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    page = extracted if isinstance(extracted, ExtractedPage) else None  # trafilatura >= 2: not a dict
    text = (page.text or "").strip() if page is not None else ""
    lines = [line.strip() for line in text.split("\n") if line.strip() and not _NOISE_TEXT.match(line)]
    title = (page.title or "").strip() if page is not None else ""
    if lines and lines[0] == title:
        lines = lines[1:]
    body = "\n".join(lines)
    if not body:
        raise LayoutChanged(doc.url, "article text the extractor can find", "no main text on the page")
    return Article(title, body, _published(html, doc.url), language_of(title + body))


def parse_article(doc: Document) -> ParseResult:
    """The article row, its figures and the observations among them; empty extraction is a LayoutChanged."""
    article = read_article(doc)
    return article_result(
        doc,
        source_tier=get_source(doc.source_id).tier,
        title=article.title,
        body=article.body,
        published_at=article.published_at,
        language=article.language,
        parser_version=PARSER_VERSION,
    )
