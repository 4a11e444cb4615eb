"""RSS 2.0 feeds (GIS press releases, news.gov.hk, RTHK, SCMP): the items, and links to the relevant ones.

A feed is a discovery document: it yields no observations, only the URLs of items worth
fetching, each sent to the catalogue source named by the feed's `follows`. Why an item was kept
is written into ParseResult.notes, so a missed or surprising article can be explained.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree

from extract.document import Document
from transform.discovery import link_target
from transform.document import ParseResult
from transform.exceptions import LayoutChanged
from transform.parsers.htmltree import html_root, text_of
from transform.relevance import relevance

__all__ = ["FeedItem", "canonical_url", "feed_items", "parse_feed"]

PARSER_VERSION = "rss/1"

# Query parameters that only say how a reader arrived; they never change the page.
_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


@dataclass(frozen=True)
class FeedItem:
    """One feed item: where it points, when it was published, and why it matters (if it does)."""

    title: str
    url: str
    published_at: datetime | None
    summary: str
    guid: str | None = None
    relevance: str | None = None


def canonical_url(url: str) -> str:
    """The URL without tracking parameters or fragment, so one article has one identity."""
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PARAMS)
    ]
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, urlencode(query), ""))


def _text_of_html(fragment: str, url: str) -> str:
    """Plain text of an HTML description (entities such as &nbsp; resolved, whitespace collapsed)."""
    text = text_of(html_root(fragment or "", url), " ")
    return " ".join(text.replace("\xa0", " ").split())


def _published(raw: str | None) -> datetime | None:
    """RFC 822 pubDate (`Tue, 06 Feb 2024 15:30:00 +0800`) as an aware UTC datetime."""
    if not raw or not raw.strip():
        return None
    try:
        value = parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, OverflowError, IndexError):  # an absurd year overflows a C long
        return None
    if value.tzinfo is None:  # RFC 822 `-0000`: unknown zone; these feeds are all in Hong Kong
        return None
    return value.astimezone(UTC)


def _root(doc: Document) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(doc.body, parser)
    except etree.XMLSyntaxError as exc:
        raise LayoutChanged(doc.url, "well-formed RSS 2.0 XML", f"XML error: {exc}") from None
    if root.tag != "rss" or root.find("channel") is None:
        raise LayoutChanged(doc.url, "an <rss><channel> document", f"root element <{root.tag}>")
    return root


def _item(node: etree._Element, url: str) -> FeedItem | None:
    def child(name: str) -> str:
        return (node.findtext(name) or "").strip()

    link = child("link") or (child("guid") if child("guid").startswith("http") else "")
    if not link:
        return None
    title = " ".join(child("title").replace("\xa0", " ").split())
    summary = _text_of_html(child("description"), url)
    return FeedItem(
        title=title,
        url=canonical_url(link),
        published_at=_published(child("pubDate")),
        summary=summary,
        guid=child("guid") or None,
        relevance=relevance(title, summary),
    )


def feed_items(doc: Document) -> list[FeedItem]:
    """Every item of the feed that has a link, in feed order. Malformed XML raises LayoutChanged."""
    root = _root(doc)
    return [item for node in root.iter("item") if (item := _item(node, doc.url)) is not None]


def parse_feed(doc: Document) -> ParseResult:
    """Links to the relevant items, for the source that the feed's catalogue entry `follows`."""
    follows = link_target(doc.source_id)
    result = ParseResult()
    items = feed_items(doc)
    for item in items:
        if item.relevance is None:
            continue
        if (item.url, follows) not in result.links:
            result.links.append((item.url, follows))
            result.notes.append(f"kept {item.url} ({item.relevance})")
    result.notes.append(f"{doc.url}: {len(result.links)} of {len(items)} items relevant")
    return result
