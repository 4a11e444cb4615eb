"""HTML pages as lxml trees, and the tables in them as grids of cell texts.

The parsers used to build a BeautifulSoup tree on top of lxml; building it cost 40-50x the lxml
parse itself (issue 13), so they walk lxml's own tree. What bs4's `get_text` left out is left out
here too: comments and processing instructions (never text nodes in lxml), and the contents of
`<script>`, `<style>` and `<template>`, which `html_root` empties (the text after each is kept, as
a text of its own: "Aug<script>..</script>ust" is still two texts, as it was for bs4).

The bytes are decoded once, by `transform.decoding.decode_document` (strict; a body that does not
decode is LayoutChanged), and handed to libxml2 as UTF-8 with that encoding fixed, so a `<meta
charset>` in the page cannot make it decode the text a second, different way.

Tables are read with one XPath query per table rather than a Python walk per cell: lxml's
`itertext()` costs ~10 µs a cell, more than parsing the cell did.
"""

from __future__ import annotations

from typing import NamedTuple

from lxml import etree

from extract.document import Document
from transform.decoding import decode_document
from transform.exceptions import LayoutChanged
from transform.tablecells import normalise_space

__all__ = ["GridRow", "html_root", "parse_html", "table_grid", "text_of"]

# One parser for every page: lxml serialises concurrent use of a parser instance (a lock per
# parser context), so threads sharing it are safe. no_network: a page never makes the parser fetch.
_PARSER = etree.HTMLParser(encoding="utf-8", no_network=True)
_NO_TEXT = ("script", "style", "template")

# Every node under a table, in document order: one plain descendant step. (Filtering in XPath, or a
# union of paths, costs 5-15x more than the step itself; the filtering is done in Python instead.)
_ALL_NODES = etree.XPath(".//node()")


class GridRow(NamedTuple):
    """One table row as text: colspans expanded (a merged cell's text sits in its last column)."""

    cells: list[str]
    heading: bool  # every cell of the row is a <th> (and it has at least one)


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
    for element in root.iter(*_NO_TEXT):  # emptied, not removed: the text after each stays apart
        element.text = None
        del element[:]
    return root


def text_of(element: etree._Element, sep: str = "") -> str:
    """The text inside `element` (its tail excluded), its text nodes joined by `sep`: bs4's get_text(sep)."""
    return sep.join(element.itertext())


def table_grid(table: etree._Element) -> list[GridRow]:
    """The rows of `table` itself as text grids, cell texts as `bs4.get_text(" ")` would give them.

    Only the table's own rows (under thead/tbody or not) and their own td/th cells count, and only
    text inside those cells: text or tags right inside a row, between cells, belong to no cell. A
    cell holding a table (a layout cell around the real table) reads as empty.
    """
    grid: list[list[list]] = []  # rows of cells; a cell is [tag, colspan, text nodes, holds a table]
    row_el = cell_el = None
    inside: set = set()  # the elements seen inside the current cell (its descendants)
    texts: list[str] = []
    skipping = False  # in a cell holding a table: its text is not read, only the next row or cell
    for part in _ALL_NODES(table):
        if isinstance(part, str):  # a "smart" string: it knows the element it is the text or tail of
            if skipping:
                continue
            owner = part.getparent()
            if owner in inside if part.is_tail else (owner is cell_el or owner in inside):
                texts.append(part)
            continue
        tag = part.tag
        if tag == "tr":
            if next(part.iterancestors("table")) is table:
                row_el, cell_el, inside, skipping = part, None, set(), False
                grid.append([])
                continue
        elif (tag == "td" or tag == "th") and row_el is not None and part.getparent() is row_el:
            cell_el, inside, texts, skipping = part, set(), [], False
            grid[-1].append([tag, part.get("colspan"), texts, False])
            continue
        if skipping or cell_el is None:
            continue
        parent = part.getparent()
        if parent is cell_el or parent in inside:
            inside.add(part)
            if tag == "table":
                grid[-1][-1][3] = skipping = True
    return [_grid_row(cells) for cells in grid]


def _grid_row(cells: list[list]) -> GridRow:
    out: list[str] = []
    for _tag, colspan, texts, holds_table in cells:
        if colspan is not None:
            raw = colspan.strip()
            span = int(raw) if raw.isdigit() and int(raw) > 0 else 1
            out.extend([""] * (span - 1))
        out.append("" if holds_table else normalise_space(" ".join(texts)))
    return GridRow(out, bool(cells) and all(cell[0] == "th" for cell in cells))
