"""The CSC page's tables read by lexbor: the grids and the parse that lxml's reader gave (issue 13).

`parse_csc` reads its tables with lexbor (transform/parsers/lexbortables.py); the lxml reader it
used before is kept as the reference (tests/transform/csc_reference.py). On the published pages, the
drifted ones and edited markup, both give the same observations, notes and errors. On damaged bytes
the two trees can differ (libxml2 and the HTML standard repair broken markup differently); there
lexbor may refuse what lxml accepted or read a row lxml lost, but never gives a number the page
does not have.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import SelectolaxError

from tests.drift import _VARIANTS, csc_page
from tests.robust.fuzz import ADVERSARIAL, mutated
from tests.transform.csc_reference import read_tables_lxml
from tests.transform.test_csc import csc_doc
from transform.exceptions import LayoutChanged
from transform.parsers import csc, lexbortables
from transform.parsers.htmltree import html_root, table_grid

URL = "https://example.test/page.html"
LANGS = ("en", "tc", "sc")


def outcome(doc, reader) -> tuple:
    """What the CSC parser gives for `doc` with `reader`: its rows, labels and notes, or its error."""
    try:
        result = csc.parse_csc_with(doc, reader)
    except LayoutChanged as err:
        assert err.url == doc.url
        return ("refused", str(err))
    return ("read", result.observations, result.unknown_labels, result.notes)


def both(doc) -> tuple[tuple, tuple]:
    return outcome(doc, read_tables_lxml), outcome(doc, csc.read_tables)


def _encoding(lang: str) -> str:
    return "latin-1" if lang == "en" else "utf-8"


def edited(lang: str, old: str, new: str, count: int) -> bytes:
    text = csc_doc(lang).body.decode(_encoding(lang))
    assert old in text
    return text.replace(old, new, count).encode(_encoding(lang))


# Markup edits a page can get without its numbers changing: tags and comments inside cells,
# scripts, styles, templates, merged cells, heading cells, stray text in rows.
EDITS = [
    ("<td", "<th"),
    ("</td>", "<!-- x --></td>"),
    ("<font", "<b>x</b><font"),
    ("<td>", '<td colspan="2">'),
    ("<tr>", "<tr> stray "),
    ("<td", "<td><span></span"),
    ("<font", "<script>var x = '<td>9</td>';</script><font"),
    ("</font>", "</font><style>td{}</style>"),
    ("</font>", "</font><template><b>9</b></template>"),
    ("&nbsp;", "&#160;"),
]


@pytest.mark.parametrize("lang", LANGS)
def test_the_published_pages_read_the_same(lang):
    doc = csc_doc(lang)
    lxml_read, lexbor_read = both(doc)
    assert lexbor_read == lxml_read
    assert lexbor_read[0] == "read" and len(lexbor_read[1]) == 66


@pytest.mark.parametrize("name", [*_VARIANTS, "csc_tc_big5_declared_utf8"])
def test_every_drifted_page_reads_or_is_refused_the_same(name):
    lxml_read, lexbor_read = both(csc_doc(name.split("_")[1], body=csc_page(name)))
    assert lexbor_read == lxml_read


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("old", "new"), EDITS)
@pytest.mark.parametrize("count", [1, 5, 200])
def test_edited_markup_reads_or_is_refused_the_same(lang, old, new, count):
    lxml_read, lexbor_read = both(csc_doc(lang, body=edited(lang, old, new, count)))
    assert lexbor_read == lxml_read


@pytest.mark.parametrize("name", sorted(set(ADVERSARIAL) - {"deep HTML"}))
def test_adversarial_pages_read_or_are_refused_the_same(name):
    doc = csc_doc("tc")
    lxml_read, lexbor_read = both(csc_doc("tc", body=ADVERSARIAL[name](doc.body)))
    assert lexbor_read == lxml_read


def test_a_table_20000_elements_deep_is_read_where_libxml2_gives_up():
    # documented difference: libxml2 stops nesting at 256 levels and loses the table; lexbor,
    # like a browser, has no such limit and reads the page inside as the page itself
    doc = csc_doc("tc")
    deep = csc_doc("tc", body=ADVERSARIAL["deep HTML"](doc.body))
    lxml_read, lexbor_read = both(deep)
    assert lxml_read[0] == "refused" and "no table" in lxml_read[1]
    plain = csc.parse_csc(doc)
    read = csc.parse_csc(deep)
    assert _figures(read.observations) == _figures(plain.observations)
    assert read.notes == plain.notes


def _figures(rows: list[dict]) -> set[tuple]:
    return {(r["category"], r["source_label"], r["metric"], r["period_label"], r["value"]) for r in rows}


_CLEAN = {lang: outcome(csc_doc(lang), csc.read_tables) for lang in LANGS}


@settings(
    max_examples=int(os.environ.get("CYBERSTATS_FUZZ_EXAMPLES", "150")),
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_damaged_bytes_never_give_a_number_the_page_does_not_have(data):
    # Cuts, doubled slices, junk, flipped bytes and changed digits (the fuzz tests' damage). Where
    # the trees differ, lexbor may refuse a page lxml read (usually one where libxml2 lost a row)
    # or read one it refused; what it reads is a figure lxml read or the published page has.
    lang = data.draw(st.sampled_from(LANGS), label="lang")
    clean = csc_doc(lang)
    doc = csc_doc(lang, body=data.draw(mutated(clean.body), label="body"))
    lxml_read, lexbor_read = both(doc)
    if lexbor_read == lxml_read or lexbor_read[0] == "refused":
        return
    known = {(r["period_label"], r["value"]) for r in _CLEAN[lang][1]}
    if lxml_read[0] == "read":
        known |= {(r["period_label"], r["value"]) for r in lxml_read[1]}
    assert {(r["period_label"], r["value"]) for r in lexbor_read[1]} <= known


def test_a_nul_in_a_number_is_refused_as_lxml_refused_it():
    # the standard drops NUL, which would read "4\0" "2 923" as 42 923; it is read as U+FFFD
    body = edited("en", "42&nbsp;923", "4\x002&nbsp;923", 1)
    lxml_read, lexbor_read = both(csc_doc("en", body=body))
    assert lexbor_read == lxml_read
    assert lexbor_read[0] == "refused" and "not a table number: '4\ufffd2 923'" in lexbor_read[1]


def test_a_page_lexbor_cannot_read_is_a_layout_change_naming_the_url(monkeypatch):
    def refuse(data):
        raise SelectolaxError("Can't parse HTML.")

    monkeypatch.setattr(lexbortables, "LexborHTMLParser", refuse)
    doc = csc_doc("tc")
    with pytest.raises(LayoutChanged, match="an HTML page lexbor can read.*SelectolaxError") as err:
        csc.parse_csc(doc)
    assert err.value.url == doc.url


def test_text_that_is_not_unicode_is_a_layout_change_naming_the_url():
    with pytest.raises(LayoutChanged, match="UnicodeEncodeError") as err:
        csc.read_tables("<table><tr><td>\udc80</td></tr></table>", URL)
    assert err.value.url == URL


# --- the grids, table by table -------------------------------------------------------------------

_TEXTS = st.sampled_from(
    ["a", "1 2", " ", "\u00a0", "\u200b", "\u3000", "x\ny", "总", "-", "", "&nbsp;", "4&amp;5"]
)
_TAGS = st.sampled_from(
    [
        "<br>",
        "<font size=2>f</font>",
        "<b>x</b>",
        "<!--c-->",
        "<script>s</script>",
        "<style>s</style>",
        "<template><b>t</b></template>",
        "<span>a<i>b</i></span>",
        "<table><tr><td>in</td><th>ner</th></tr></table>",
    ]
)
_CELL = st.tuples(
    st.sampled_from(
        ["<td>", "<th>", "<td colspan=2>", "<th colspan=' 3'>", "<td colspan=0>", "<td colspan>"]
    ),
    st.lists(st.one_of(_TEXTS, _TAGS), max_size=5),
    st.sampled_from(["</td>", "</th>"]),
)
_SECTION = st.sampled_from([("", ""), ("<tbody>", "</tbody>"), ("<thead>", "</thead>")])
_ROWS = st.lists(st.tuples(_SECTION, st.lists(_CELL, max_size=5)), min_size=1, max_size=5)


def _table(rows) -> str:
    out = "<table>"
    for (start, end), cells in rows:
        tags = {"<td": "</td>", "<th": "</th>"}
        out += start + "<tr>"
        out += "".join(open_ + "".join(content) + tags[open_[:3]] for open_, content, _ in cells)
        out += "</tr>" + end
    return out + "</table>"


def _grids_lxml(html: str) -> list:
    return [[(r.cells, r.heading) for r in table_grid(t)] for t in html_root(html, URL).iter("table")]


def _grids_lexbor(html: str) -> list:
    page = lexbortables.read_page(html.encode(), URL)
    return [[(r.cells, r.heading) for r in page.grid(t)] for t in page.tables]


@settings(max_examples=300, deadline=None)
@given(_ROWS)
def test_every_well_formed_table_reads_as_lxml_reads_it(rows):
    # texts, tags, comments, scripts, templates, merged and heading cells, sections and nested
    # tables in cells: the grids (their texts, colspans, headings) are lxml's, table by table
    html = f"<html><body><p>before</p>{_table(rows)}<p>after</p></body></html>"
    assert _grids_lexbor(html) == _grids_lxml(html)


def test_script_style_and_template_text_is_not_read_and_the_text_around_stays_apart():
    html = (
        "<table><tr><td>Aug<script>x</script>ust</td>"
        "<td>a<style>s</style><template>t</template>b</td></tr></table>"
    )
    assert _grids_lexbor(html) == [[(["Aug ust", "a b"], False)]] == _grids_lxml(html)


def test_a_cell_holding_a_table_reads_empty_and_the_inner_table_is_read_on_its_own():
    html = "<table><tr><td>x</td><td><div><table><tr><th>in</th></tr></table></div></td></tr></table>"
    assert _grids_lexbor(html) == [[(["x", ""], False)], [(["in"], True)]] == _grids_lxml(html)


def test_the_page_text_is_its_text_nodes_joined():
    page = lexbortables.read_page(b"<p>Last revision date:<b>30-08-2024</b></p><script>no</script>", URL)
    assert page.text(" ").split() == ["Last", "revision", "date:", "30-08-2024"]
    assert page.tables == []
