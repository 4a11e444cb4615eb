"""The tables of an HTML page read by lexbor (selectolax), as grids of cell texts.

For the CSC page (issue 13: its parse within 2x of a bare `lxml.html.fromstring`). libxml2's parse
alone was that bare parse again, and reading its cells through lxml cost ~0.7x more, an element
proxy for every cell touched; lexbor parses the same page in ~0.45x and reads a cell's text in one
call. The grids are those of `htmltree.table_grid` on lxml's tree (the reference this reader is
tested against, tests/transform/test_lexbortables.py): a table's own rows, their td/th cells, a
cell's text nodes joined by a space and collapsed, a merged cell's text in its last column, a cell
holding a table read empty, no text of comments, script, style or template.

Where the trees differ. lexbor builds the tree the HTML standard (and a browser) builds; libxml2
repairs broken markup its own way. On the published pages both give the same tables; on damaged
ones they can differ (text or tags between cells, a stray `<table>`, `<td>` outside a table), and
every such difference reaches the CSC parser's checks (heading periods, six value cells, B - A and
the % change per row), which refuse what does not add up. Two differences are removed here: NUL
becomes U+FFFD (as libxml2 does; the standard drops it, which would silently join `4\\x002` into
`42`), and script, style and template are removed before reading (lxml's tree had them emptied).
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from transform.exceptions import LayoutChanged
from transform.parsers.htmltree import GridRow, grid_rows

__all__ = ["LexborPage", "read_page"]

_new = tuple.__new__
_NO_TEXT = ("script", "style", "template")
_NO_TEXT_HINTS = tuple(f"<{tag}".encode() for tag in _NO_TEXT)  # none in the source: nothing to remove


def _tag_ids() -> dict[str, int]:
    """lexbor's numeric tag ids (comparing ints is ~5x cheaper than asking a node its tag name)."""
    tree = LexborHTMLParser("<table><thead><tr><th>a</th></tr></thead><tr><td>b</td></tr></table>")
    assert tree.root is not None, "lexbor always builds an <html> element"
    return {str(node.tag): node.tag_id for node in tree.root.traverse()}


_IDS = _tag_ids()
_TABLE, _TR, _TD, _TH = _IDS["table"], _IDS["tr"], _IDS["td"], _IDS["th"]


class LexborPage:
    """A parsed page: its tables in document order (nested ones too), their grids, the page's text.

    What the grids need of the whole page is found once, not per table or cell (a CSS query costs
    ~150k instructions, its selector compiled each time): the cells with a colspan, and the cells
    and tables that hold a table (found by walking up from each table).
    """

    def __init__(self, tree: LexborHTMLParser, lowered: bytes) -> None:
        self.tree = tree
        self.lowered = lowered  # the page's UTF-8 source, ASCII letters lowered
        self.tables: list[LexborNode] = tree.tags("table")
        self._spans: dict[int, str | None] = {}
        merged: list[LexborNode] = tree.css("[colspan]") if self.tables else []
        self._spans = {node.mem_id: node.attributes.get("colspan") for node in merged}
        self._holding, rows_holding = _holding_a_table(self.tables)
        # the rows whose cells must be looked up one by one (a merged cell, or one holding a table)
        self._marked = {node.parent.mem_id for node in merged if node.parent is not None} | rows_holding

    def text(self, sep: str = "") -> str:
        """The page's text nodes joined by `sep` (htmltree.text_of of the root)."""
        root = self.tree.root
        return "" if root is None else root.text(separator=sep)

    def grid(self, table: LexborNode) -> list[GridRow]:
        """The rows of `table` itself as text grids: `htmltree.table_grid` of the same table.

        A table's own rows are its `<tr>` children and those of its sections (thead, tbody,
        tfoot): the standard's tree puts a row nowhere else, and a row inside a cell is a nested
        table's. Each cell's text is read by one call; the table's texts are collapsed at once.
        """
        spans, holding, marked = self._spans, self._holding, self._marked
        texts: list[str] = []
        add = texts.append
        shapes: list[tuple[list, bool]] = []
        for row in _own_rows(table):
            row_spans: list = []
            heading = True
            if marked and row.mem_id in marked:  # a merged cell or one holding a table in the row
                for cell in row.iter():
                    tag = cell.tag_id
                    if tag == _TD:
                        heading = False
                    elif tag != _TH:
                        continue
                    key = cell.mem_id
                    row_spans.append(spans.get(key))
                    add("" if key in holding else cell.text(True, " "))
            else:  # the usual row: each cell's text, no lookup
                for cell in row.iter():
                    tag = cell.tag_id
                    if tag == _TD:
                        heading = False
                    elif tag != _TH:
                        continue
                    row_spans.append(None)
                    add(cell.text(True, " "))  # positional: keywords cost a third of the call
            shapes.append((row_spans, heading and bool(row_spans)))
        return _assemble(texts, shapes)


def read_page(data: bytes, url: str) -> LexborPage:
    """The page in `data` (UTF-8 bytes of text already decoded strictly), script, style and template
    removed; LayoutChanged naming `url` if lexbor cannot read it."""
    if b"\x00" in data:  # libxml2 reads NUL as U+FFFD, the standard drops it (and joins what it split)
        data = data.replace(b"\x00", "\ufffd".encode())
    try:
        tree = LexborHTMLParser(data)
    except (SelectolaxError, RuntimeError, MemoryError) as err:
        raise LayoutChanged(url, "an HTML page lexbor can read", f"{type(err).__name__}: {err}") from None
    lowered = data.lower()
    for tag, hint in zip(_NO_TEXT, _NO_TEXT_HINTS, strict=True):
        if hint in lowered:
            for node in tree.tags(tag):
                node.decompose()
    return LexborPage(tree, lowered)


def _holding_a_table(tables: list[LexborNode]) -> tuple[set[int], set[int]]:
    """The ids (`mem_id`) of the tables and td/th cells that hold one of `tables` at any depth, and
    of the rows of those cells."""
    holding: set[int] = set()
    rows: set[int] = set()
    for table in tables:
        node = table.parent
        while node is not None:
            tag = node.tag_id
            parent = node.parent
            if tag in (_TD, _TH, _TABLE):
                holding.add(node.mem_id)
                if tag != _TABLE and parent is not None:
                    rows.add(parent.mem_id)
            node = parent
    return holding, rows


def _own_rows(table: LexborNode) -> list[LexborNode]:
    """The `<tr>` children of `table` and of its non-table children, in document order."""
    rows = []
    for child in table.iter():
        tag = child.tag_id
        if tag == _TR:
            rows.append(child)
        elif tag != _TABLE:
            rows.extend(row for row in child.iter() if row.tag_id == _TR)
    return rows


def _assemble(texts: list[str], shapes: list[tuple[list, bool]]) -> list[GridRow]:
    """The grid from the cells' texts in order and each row's (colspans, heading).

    The texts are joined by NULs (the tree holds none: `read_page` made them U+FFFD), collapsed at
    once and split back (a strip of every piece is a strip around every NUL and at both ends), as
    `htmltree._assemble` does.
    """
    joined = "\0".join(texts)
    if "\u200b" in joined:
        joined = joined.replace("\u200b", " ")
    cells_text = " ".join(joined.split()).replace(" \0", "\0").replace("\0 ", "\0").split("\0")
    return grid_rows(cells_text, 0, shapes)
