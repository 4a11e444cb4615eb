"""HTML pages as lxml trees, and the tables in them as grids of cell texts.

The parsers used to build a BeautifulSoup tree on top of lxml; building it cost 40-50x the lxml
parse itself (issue 13), so they walk lxml's own tree. What bs4's `get_text` left out is left out
here too: comments and processing instructions (never text nodes in lxml), and the contents of
`<script>`, `<style>` and `<template>`, which `html_root` empties (the text after each is kept, as
a text of its own: "Aug<script>..</script>ust" is still two texts, as it was for bs4).

The bytes are decoded once, by `transform.decoding.decode_document` (strict; a body that does
not decode is LayoutChanged), and handed to libxml2 as UTF-8 with that encoding fixed, so a
`<meta charset>` in the page cannot make it decode the text a second, different way. Where a
text is set back into the tree (`replace_with_text`, `drop`), a damaged page's C0 control
characters become U+FFFD, as libxml2 does with NUL: lxml refuses to set them.

Table cells are read without `itertext()`, which costs ~10 us a cell (more than parsing the cell
did): the usual cell (its text alone, or in one tag) directly, any other by one XPath query.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree

from extract.document import Document
from transform.decoding import decode_document
from transform.exceptions import LayoutChanged

__all__ = [
    "GridRow",
    "drop",
    "html_root",
    "own_rows",
    "parse_html",
    "replace_with_text",
    "table_grid",
    "text_of",
]

# One parser for every page: lxml serialises concurrent use of a parser instance (a lock per
# parser context), so threads sharing it are safe. no_network: a page never makes the parser fetch.
_PARSER = etree.HTMLParser(encoding="utf-8", no_network=True)
_NO_TEXT = ("script", "style", "template")
# Characters XML cannot hold (C0 controls but tab, LF, CR; U+FFFE, U+FFFF): libxml2 turns NUL into
# U+FFFD itself and keeps the others, but lxml refuses them in a text set back.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# The text nodes inside a cell, in order (for cells with more than one).
_CELL_TEXTS = etree.XPath(".//text()", smart_strings=False)
_new = tuple.__new__
# What lxml gives for a node that is not an element (whose `.tag` is not a str): read without `.tag`,
# which builds a new str for every element it is asked of.
_NOT_ELEMENTS = (etree._Comment, etree._ProcessingInstruction, etree._Entity)


class GridRow(NamedTuple):
    """One table row as text: colspans expanded (a merged cell's text sits in its last column)."""

    cells: list[str]
    heading: bool  # every cell of the row is a <th> (and it has at least one)


def parse_html(doc: Document) -> etree._Element:
    """The `<html>` element of `doc` (an empty one for an empty page), script and style emptied."""
    return html_root(decode_document(doc), doc.url)


def html_root(text: str, url: str, *, empty_scripts: bool = True) -> etree._Element:
    """The `<html>` element of already decoded page text; LayoutChanged naming `url` if lxml refuses it.

    `empty_scripts` False keeps script, style and template contents (for a page re-serialised whole).
    """
    try:
        root = etree.fromstring(text.encode("utf-8"), _PARSER)
    except (etree.LxmlError, UnicodeEncodeError) as err:  # libxml2 recovers from almost anything
        raise LayoutChanged(url, "an HTML page", f"{type(err).__name__}: {err}") from None
    if root is None:  # empty or whitespace-only text: no element at all
        return etree.Element("html")
    if empty_scripts:
        for element in root.iter(*_NO_TEXT):  # emptied, not removed: the text after each stays apart
            element.text = None
            del element[:]
    return root


def replace_with_text(element: etree._Element, text: str) -> None:
    """Put `text` where `element` was, its tail kept after it: bs4's `replace_with(text)`.

    An element already out of the tree (no parent: inside a block removed before) is left alone.
    """
    parent = element.getparent()
    if parent is None:
        return
    joined = text + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = _settable((previous.tail or "") + joined)
    else:
        parent.text = _settable((parent.text or "") + joined)
    parent.remove(element)


def _settable(text: str) -> str:
    """`text` as lxml accepts it back: control characters of a damaged page (which the parser kept)
    become U+FFFD. (Found by fuzzing: lxml raised ValueError setting them.)"""
    return _NOT_XML.sub("\ufffd", text) if _NOT_XML.search(text) else text


def drop(element: etree._Element) -> None:
    """Remove `element` and what it holds, keeping the text after it: bs4's `decompose()`."""
    replace_with_text(element, "")


def text_of(element: etree._Element, sep: str = "") -> str:
    """The text inside `element` (its tail excluded), its text nodes joined by `sep`: bs4's get_text(sep)."""
    return sep.join(element.itertext())


def table_grid(table: etree._Element) -> list[GridRow]:
    """The rows of `table` itself as text grids, cell texts as `bs4.get_text(" ")` would give them.

    Only the table's own rows (under thead/tbody or not) and their own td/th cells count, and only
    text inside those cells: text right inside a row, between cells, belongs to no cell. A cell
    holding a table (a layout cell around the real table) reads as empty.

    Every lxml call costs ~0.1 us, and one returning an element not seen yet a new proxy object
    (issue 13: reading the cells cost more than the parse), so the usual cell (its text alone, or
    in one tag) is read directly and any other by one XPath query, and the texts of the whole
    table are joined, collapsed and split back into cells at once.
    """
    if next((t for t in table.iter("table") if t is not table), None) is None:  # the usual table
        return _assemble(*_read_rows(table.iter("tr"), ()))
    rows = own_rows(table)
    holding = {cell for row in rows for cell in row if next(cell.iter("table"), None) is not None}
    return _assemble(*_read_rows(rows, holding))


def own_rows(table: etree._Element) -> list[etree._Element]:
    """The `<tr>` rows of `table` itself, in document order (the rows `table_grid` reads)."""
    rows: list[etree._Element] = []
    _collect_rows(table, rows)
    return rows


def _collect_rows(element: etree._Element, rows: list[etree._Element]) -> None:
    """The rows under `element` in document order, not looking inside tables (their rows are theirs)."""
    for child in element:
        tag = child.tag
        if tag == "tr":
            rows.append(child)
        elif tag == "table" or not isinstance(tag, str):
            continue
        if len(child):
            _collect_rows(child, rows)


# What a table is read into: its cells' texts in order, each cell's led by a NUL (which lxml never
# returns in a text), and per row (colspan of each cell, a heading row: every cell a th).
_Read = tuple[list[str], list[tuple[list, bool]]]


def _read_rows(rows, holding) -> _Read:
    """The cells of `rows` (their td/th children; those in `holding` read empty), their text nodes
    in order: the usual cells (text alone, or in one tag) directly, the others by an XPath query
    (lxml's `itertext()` costs ~10 us a cell)."""
    flat: list[str] = []
    add = flat.append
    shapes: list[tuple[list, bool]] = []
    for row in rows:
        spans: list = []
        heading = True
        for cell in row:
            tag = cell.tag
            if tag == "td":
                heading = False
            elif tag != "th":
                continue  # a comment, or a tag that is not a cell
            spans.append(cell.get("colspan"))
            add("\0")
            if holding and cell in holding:
                continue
            children = len(cell)
            if not children or (children == 1 and not len(child := cell[0])):
                if text := cell.text:
                    add(text)
                if children:
                    if not isinstance(child, _NOT_ELEMENTS) and (text := child.text):  # not a comment's
                        add(text)
                    if text := child.tail:
                        add(text)
            else:
                flat.extend(_CELL_TEXTS(cell))
        shapes.append((spans, heading and bool(spans)))
    return flat, shapes


def _assemble(flat: list[str], shapes: list[tuple[list, bool]]) -> list[GridRow]:
    """The grid from what a table was read into.

    Joined by spaces, collapsed, and split at the NULs, each piece is a cell's text with spaces
    around it (a strip of every piece is a strip around every NUL and at both ends); the piece
    before the first NUL is nobody's.
    """
    texts = _collapsed(" ".join(flat)).replace(" \0", "\0").replace("\0 ", "\0").split("\0")
    return grid_rows(texts, 1, shapes)


def grid_rows(texts: list[str], at: int, shapes: list[tuple[list, bool]]) -> list[GridRow]:
    """The rows of a grid from its cells' texts, in order from `texts[at]`, and each row's (colspans,
    heading): a merged cell's text sits in its last column, the columns before it are empty. Shared
    by the lxml and lexbor readers, which differ in how they read the texts, not in this."""
    out = []
    for spans, heading in shapes:
        if spans.count(None) == len(spans):  # no merged cell: the row's texts as they come
            cells = texts[at : at + len(spans)]
            at += len(spans)
        else:
            cells = []
            for colspan in spans:
                if colspan is not None:
                    raw = colspan.strip()
                    span = int(raw) if raw.isdigit() and int(raw) > 0 else 1
                    cells.extend([""] * (span - 1))
                cells.append(texts[at])
                at += 1
        out.append(_new(GridRow, (cells, heading)))  # GridRow(...) without its __new__
    return out


def _collapsed(text: str) -> str:
    """`text` with every run of spaces (`tablecells.SPACES`) made one ASCII space, and stripped.

    By `str.split()`, which is ~5x faster than the pattern: SPACES is exactly what `str.isspace`
    calls a space (as `\\s` is) and the zero-width space, which is made a space first.
    """
    if "\u200b" in text:
        text = text.replace("\u200b", " ")
    return " ".join(text.split())
