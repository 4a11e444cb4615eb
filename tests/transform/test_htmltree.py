"""HTML on lxml directly: the texts bs4's get_text gave; tables as grids of their own cells (issue 13)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.drift import csc_page
from tests.transform.test_csc import csc_doc
from transform.exceptions import LayoutChanged
from transform.parsers.htmltree import (
    drop,
    html_root,
    parse_html,
    replace_with_text,
    table_grid,
    text_of,
)
from transform.tablecells import normalise_space

URL = "https://example.test/page.html"


def grid(html: str, index: int = 0) -> list[tuple[list[str], bool]]:
    table = list(html_root(html, URL).iter("table"))[index]
    return [(row.cells, row.heading) for row in table_grid(table)]


def test_cells_join_their_texts_with_a_space_and_collapse_spaces():
    html = (
        "<table><tr><th>January to June<br>2023</th><td>42&nbsp;923</td><td> a <b>b</b>c </td></tr></table>"
    )
    assert grid(html) == [(["January to June 2023", "42 923", "a b c"], False)]


def test_a_merged_cell_sits_in_its_last_column_and_a_bad_colspan_counts_one():
    html = "<table><tr><td colspan=3>x</td><td colspan=zero>y</td><td colspan=0>z</td></tr></table>"
    assert grid(html) == [(["", "", "x", "y", "z"], False)]


def test_a_row_of_th_cells_is_a_heading():
    html = "<table><thead><tr><th>A</th><th>B</th></tr></thead>"
    html += "<tbody><tr><th>A</th><td>1</td></tr></tbody></table>"
    assert grid(html) == [(["A", "B"], True), (["A", "1"], False)]


def test_a_nested_table_is_not_read_into_the_outer_and_its_cell_reads_empty():
    html = (
        "<table><tr><td>menu</td></tr><tr><td>before<table><tr><td>inner 1</td><td>2</td></tr></table>"
        "after</td><td>next</td></tr></table>"
    )
    assert grid(html, 0) == [(["menu"], False), (["", "next"], False)]
    assert grid(html, 1) == [(["inner 1", "2"], False)]


def test_text_between_cells_belongs_to_no_cell():
    # libxml2 keeps stray text and tags where they are; bs4 read only the td/th children of a row
    html = "<table><tr>a<td>1</td>x<font>- label</font><td>2</td>y</tr>q</table>"
    assert grid(html) == [(["1", "2"], False)]


def test_comments_and_script_style_template_text_are_not_text():
    cell = "1<!-- 2 --><script>3</script><style>4</style><template>5</template>6"
    html = f"<table><tr><td>{cell}</td></tr></table>"
    assert grid(html) == [(["1 6"], False)]


def test_text_around_an_emptied_script_stays_two_texts():
    root = html_root("<p>Aug<script>x</script>ust</p>", URL)
    assert text_of(root, "|") == "Aug|ust"


def test_the_csc_table_is_read_under_its_layout_table():
    root = parse_html(csc_doc("en"))
    layout, comparison = list(root.iter("table"))
    assert [row.cells for row in table_grid(layout)][1] == [""]  # the cell holding the comparison
    first = table_grid(comparison)[2].cells
    assert first == ["1.", "Overall Crime", "42 923", "45 315", "+", "2 392", "+", "5.6"]


def test_the_decoded_text_is_not_decoded_again_by_a_meta_charset():
    text = '<html><head><meta charset="windows-1252"></head><body><p>總體罪案 42\u00a0923</p></body></html>'
    assert text_of(html_root(text, URL)) == "總體罪案 42\u00a0923"


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_page_is_an_empty_html_element(text):
    root = html_root(text, URL)
    assert root.tag == "html" and len(root) == 0 and text_of(root) == ""


def test_bytes_that_do_not_decode_are_a_layout_change_naming_the_url():
    doc = csc_doc("tc", body=csc_page("csc_tc_big5_declared_utf8"))
    with pytest.raises(LayoutChanged) as err:
        parse_html(doc)
    assert err.value.url == doc.url


def test_replace_and_drop_keep_the_text_after_the_element():
    root = html_root("<p>a<b>b</b>c<i>d</i>e</p>", URL)
    p = root.find(".//p")
    replace_with_text(p.find("b"), "\n")
    drop(p.find("i"))
    assert text_of(p) == "a\nce" and len(p) == 0
    drop(p)
    assert root.find(".//p") is None
    drop(p)  # already out of the tree: nothing to do


def test_text_lxml_cannot_take_is_a_layout_change_naming_the_url():
    with pytest.raises(LayoutChanged, match="UnicodeEncodeError") as err:
        html_root("<p>\ud800</p>", URL)  # a lone surrogate: no UTF-8 for it
    assert err.value.url == URL


def test_control_characters_of_a_damaged_page_are_kept_until_a_text_is_set_back():
    # found by fuzzing (issue 13 run): lxml parses "\x01" but refuses it back when a text is set
    root = html_root("<p>a\x01<br>b\x0b</p><p>\x00</p>", URL)
    assert text_of(root) == "a\x01b\x0b\ufffd"  # as bs4 read them (libxml2 itself replaces NUL)
    p = root.find(".//p")
    replace_with_text(p.find("br"), "\n")
    assert text_of(p) == "a\ufffd\nb\ufffd"  # the texts joined by the replacement, made settable


def _reference_grid(table) -> list[tuple[list[str], bool]]:
    """table_grid by its definition, cell by cell: the table's own rows, their td/th children, each
    cell's text nodes joined by a space and normalised (empty when the cell holds a table)."""
    out = []
    for tr in table.iter("tr"):
        if next(tr.iterancestors("table")) is not table:
            continue
        cells, tags = [], []
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            tags.append(cell.tag)
            holds = next(cell.iter("table"), None) is not None
            raw = (cell.get("colspan") or "").strip()
            cells.extend([""] * ((int(raw) if raw.isdigit() and int(raw) > 0 else 1) - 1))
            cells.append("" if holds else normalise_space(" ".join(cell.xpath(".//text()"))))
        out.append((cells, bool(tags) and all(t == "th" for t in tags)))
    return out


_TEXTS = st.sampled_from(["a", "1 2", " ", "\u00a0", "\u200b", "\u3000", "x\ny", "总", "-", ""])
_TAGS = st.sampled_from(["<br>", "<font>", "</font>", "<b>", "</b>", "<!--c-->", "<script>s</script>", "<p>"])
_JUNK = st.sampled_from(["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<tbody>", "</th>", "x"])
_CELL = st.tuples(
    st.sampled_from(["<td>", "<th>", "<td colspan=2>", "<th colspan=' 3'>", "<td colspan=0>"]),
    st.lists(st.one_of(_TEXTS, _TAGS, _TEXTS), max_size=6),
    st.sampled_from(["</td>", "</th>", ""]),
)
_ROWS = st.lists(st.lists(st.one_of(_CELL, _CELL, _JUNK), max_size=5), min_size=1, max_size=5)


def _table(rows) -> str:
    out = "<table>"
    for row in rows:
        out += "<tr>"
        for cell in row:
            out += cell if isinstance(cell, str) else cell[0] + "".join(cell[1]) + cell[2]
        out += "</tr>"
    return out + "</table>"


@settings(max_examples=300, deadline=None)
@given(_ROWS)
def test_every_table_reads_as_its_cells_read_one_by_one(rows):
    # the grid reads most cells by one call and the table's texts at once (issue 13); damaged and
    # nested markup must still give what reading every cell's text nodes gives
    root = html_root(_table(rows), URL)
    for table in root.iter("table"):
        assert [(row.cells, row.heading) for row in table_grid(table)] == _reference_grid(table)
