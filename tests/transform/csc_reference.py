"""The CSC page's tables read by lxml (`htmltree`): the reader `parse_csc` used before lexbor
(issue 13), kept as the reference the lexbor reader is compared with."""

from __future__ import annotations

from transform.parsers.csc import Tables
from transform.parsers.htmltree import html_root, table_grid, text_of


def read_tables_lxml(text: str, url: str) -> Tables:
    """The page's tables by libxml2, as `csc.read_tables` gives them by lexbor."""
    root = html_root(text, url)
    lowered = text.encode("utf-8").lower()
    return Tables(list(root.iter("table")), table_grid, lambda: text_of(root, " "), lowered)
