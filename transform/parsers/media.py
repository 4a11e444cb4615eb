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

from htmldate import find_date
from lxml import etree
from trafilatura import bare_extraction
from trafilatura.settings import Document as ExtractedPage

from extract.catalogue import get_source
from extract.document import Document
from transform.articles import HKT, article_result, language_of
from transform.decoding import decode_document
from transform.document import ParseResult
from transform.exceptions import LayoutChanged
from transform.parsers.htmltree import drop, html_root

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
_TEXTS_AND_COMMENTS = etree.XPath("//text() | //comment()")  # in document order


def _strip_noise(html: str, url: str) -> str:
    """The page without ad, teaser and navigation blocks (trafilatura keeps some of them otherwise)."""
    root = html_root(html, url, empty_scripts=False)
    for element in list(root.iter(*_NOISE_TAGS)):
        drop(element)
    noisy = [
        el for el in root.iter() if isinstance(el.tag, str) and el.tag not in _CONTAINERS and _noise_attrs(el)
    ]
    dropped: set = set()
    for element in noisy:  # document order: an outer block goes first, with what it holds
        if not any(parent in dropped for parent in element.iterancestors()):
            dropped.add(element)
            drop(element)
    for node in _TEXTS_AND_COMMENTS(root):  # every string bs4 saw: text, tails and comments
        if _NOISE_TEXT.search(node if isinstance(node, str) else node.text or ""):
            block = _noise_block(node)
            if block is not None:
                drop(block)
    return etree.tostring(root.getroottree(), encoding="unicode", method="html")


def _noise_attrs(element: etree._Element) -> bool:
    """Whether an element's class or id names an ad, teaser or sharing block."""
    attrs = " ".join([*(element.get("class") or "").split(), element.get("id") or ""])
    return bool(attrs and _NOISE_ATTR.search(attrs))


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _only(node: etree._Element, kind: str, item: etree._Element | None) -> bool:
    """Whether `node` holds nothing but one thing and blank text (empty comments count as blank).

    The one thing is `node`'s own text (kind "text"), the tail of its child `item` ("tail"), or
    its child `item` itself ("child").
    """
    if kind != "text" and not _blank(node.text):
        return False
    for child in node:
        if not (kind == "child" and child is item) and (isinstance(child.tag, str) or not _blank(child.text)):
            return False
        if not (kind == "tail" and child is item) and not _blank(child.tail):
            return False
    return True


def _noise_block(node) -> etree._Element | None:
    """The largest element whose whole text is this noise string ("Advertisement"), if any.

    `node` is a text node (a smart string) or a comment. Found from the string upwards, so the work
    is linear in the page: asking every element for its text is quadratic in the nesting depth
    (20 000 nested divs took minutes, issue 12).
    """
    if isinstance(node, str):  # lxml's _ElementUnicodeResult: knows its element and whether it is a tail
        owner = node.getparent()  # type: ignore[attr-defined]
        tail = node.is_tail  # type: ignore[attr-defined]
        kind, item, parent = ("tail", owner, owner.getparent()) if tail else ("text", None, owner)
    else:
        kind, item, parent = "child", node, node.getparent()
    block = None
    while parent is not None and parent.tag not in _CONTAINERS and _only(parent, kind, item):
        block, kind, item = parent, "child", parent
        parent = parent.getparent()
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
        _strip_noise(html, doc.url),
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
