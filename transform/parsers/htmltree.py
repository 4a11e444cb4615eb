"""HTML pages as lxml trees, read from the project's strictly decoded text.

The parsers used to build a BeautifulSoup tree on top of lxml; building it cost 40-50x the lxml
parse itself (issue 13), so they walk lxml's own tree. What bs4's `get_text` left out is left out
here too: comments and processing instructions (never text nodes in lxml), and the contents of
`<script>`, `<style>` and `<template>`, which `parse_html` removes (keeping the text after them).

The bytes are decoded once, by `transform.decoding.decode_document` (strict; a body that does not
decode is LayoutChanged), and handed to libxml2 as UTF-8 with that encoding fixed, so a `<meta
charset>` in the page cannot make it decode the text a second, different way.
"""

from __future__ import annotations

from lxml import etree

from extract.document import Document
from transform.decoding import decode_document
from transform.exceptions import LayoutChanged

__all__ = ["html_root", "parse_html", "text_of"]

# One parser for every page: lxml serialises concurrent use of a parser instance (a lock per
# parser context), so threads sharing it are safe. no_network: a page never makes the parser fetch.
_PARSER = etree.HTMLParser(encoding="utf-8", no_network=True)
_NO_TEXT = ("script", "style", "template")


def parse_html(doc: Document) -> etree._Element:
    """The `<html>` element of `doc` (an empty one for an empty page), script and style text removed."""
    return html_root(decode_document(doc), doc.url)


def html_root(text: str, url: str) -> etree._Element:
    """The `<html>` element of already decoded page text; LayoutChanged naming `url` if lxml refuses it."""
    try:
        root = etree.fromstring(text.encode("utf-8"), _PARSER)
    except (etree.LxmlError, UnicodeEncodeError) as err:  # libxml2 recovers from almost anything
        raise LayoutChanged(url, "an HTML page", f"{type(err).__name__}: {err}") from None
    if root is None:  # empty or whitespace-only text: no element at all
        return etree.Element("html")
    etree.strip_elements(root, *_NO_TEXT, with_tail=False)
    return root


def text_of(element: etree._Element, sep: str = "") -> str:
    """The text inside `element` (its tail excluded), its text nodes joined by `sep`: bs4's get_text(sep)."""
    return sep.join(element.itertext())
