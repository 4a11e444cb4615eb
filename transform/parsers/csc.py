"""HKPF "Crime Statistics Comparison" page (`ppp_{en,tc,sc}/09_statistics/csc.html`), all three languages.

The page holds one table: row number, label, value for period A, value for period B, sign, absolute
change, sign, % change (SOURCES.md section 2.1). The table is found by meaning, not by position:
it is the table whose heading row names two periods (`二零二三年 (一月至六月)`, `January to June 2023`).
Only then are the columns of a row read by position: label, then six value cells.

Every row is checked against its own change columns (B - A equals the signed change; the % change
agrees within rounding), so a shifted column or a mistyped number stops the load with
LayoutChanged naming the row instead of storing a wrong figure.

Decisions:
* Sub-rows (`- 持真槍劫案`) are categories of their own; nothing is ever summed.
* `-` is nil and stored as 0. A row whose value cells are all empty (`18. 犯罪被捕人數`) is a group
  heading: it yields no observation, and its sub-rows take metric `arrests`.
* A bracketed value (`(264)`, missing motor vehicles) is shown on the page for reference and is not
  part of its parent's total. It is stored with qualifier `exact` (the number is exact) and its
  `source_label` is the raw label followed by ` [reference]`; a note in the ParseResult says so.
* A merged cell's text belongs to the last column it spans: an unsigned change (`0`) printed
  across the sign and number columns is the number.
* `published_at` is the page's "Last revision date" when it shows one, else None.
* Period B must be period A one year later: a heading typo is layout drift, not a new period.
* Rows made only of `<th>` cells under the period headings (a second heading row: "Number", "%")
  are headings, not data rows.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from extract.document import Document
from transform.categories import lookup_category, split_footnotes
from transform.decoding import decode_document
from transform.document import ParseResult
from transform.exceptions import LayoutChanged, TransformError
from transform.parsers import lexbortables
from transform.parsers.htmltree import GridRow
from transform.periods import MAX_YEAR, MIN_YEAR, parse_period, period_from_months
from transform.tablecells import (
    Cell,
    OfficialRows,
    id_label_part,
    parse_count,
    parse_sign,
    revision_date,
    revision_hint_in,
)

PARSER_VERSION = "csc/1"
REFERENCE_MARK = " [reference]"
PCT_TOLERANCE = 0.05 + 1e-9  # the page rounds to one decimal
_ROW_NUMBER = re.compile(r"\d{1,2}\s*[.)]?")
_SUB_ROW = re.compile(r"^[-\u2013\u2212\uff0d]\s+")
ARREST_CATEGORIES = frozenset(
    {"persons_arrested", "juvenile_offenders", "young_persons", "mainland_illegal_immigrants", "visitors"}
)
# Sign cells as printed, each read once by parse_sign (what `_read` looks up before calling it).
_PRINTED_SIGNS = ("", "+", "\uff0b", *"-\u2010\u2011\u2012\u2013\u2014\u2212\uff0d")  # empty, pluses, dashes
_SIGNS = {t: parse_sign(t) for t in _PRINTED_SIGNS}
_new = tuple.__new__  # Cell(raw, value) without its generated __new__, as parse_count builds it
_MAX_HEADING = 60  # a period heading is short; a layout cell holding the whole page is not one


class Tables(NamedTuple):
    """A page's tables as a parser read them: the tables in document order, the grid of one, and
    the page's text (its text nodes joined by a space)."""

    tables: Sequence[Any]
    grid: Callable[[Any], list[GridRow]]
    text: Callable[[], str]
    source: bytes  # the page's text as UTF-8, ASCII letters lowered (for cheap substring tests)


# How a page's decoded text becomes Tables: (text, url) -> Tables, LayoutChanged if unreadable.
TableReader = Callable[[str, str], Tables]


def read_tables(text: str, url: str) -> Tables:
    """The page's tables by lexbor (`lexbortables`: issue 13, the same grids as lxml's in a
    fraction of the time)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as err:  # not from a strict decode; said as lxml's reader said it
        raise LayoutChanged(url, "an HTML page", f"{type(err).__name__}: {err}") from None
    page = lexbortables.read_page(data, url)
    return Tables(page.tables, page.grid, lambda: page.text(" "), page.lowered)


class _Row(NamedTuple):
    """One data row, read but not yet checked (a NamedTuple: built ~3x faster than a dataclass)."""

    number: str
    label: str
    cells: tuple[str, ...]  # the six cells after the label


def parse_csc(doc: Document) -> ParseResult:
    """Observations for both periods of every row of the comparison table in `doc`."""
    return parse_csc_with(doc, read_tables)


def parse_csc_with(doc: Document, reader: TableReader) -> ParseResult:
    """`parse_csc` with the page's tables read by `reader` (tests compare lexbor's with lxml's)."""
    url = doc.url
    text = decode_document(doc)
    page = reader(text, url)
    grid, periods = _find_table(page, url)
    # the page's whole text is built only when its source shows a revision-date wording at all
    published_at = revision_date(page.text()) if revision_hint_in(page.source) else None
    made = OfficialRows(doc, parser_version=PARSER_VERSION, published_at=published_at)
    make_a, make_b = made.for_period(periods[0]), made.for_period(periods[1])
    result = ParseResult()
    add, notes = result.observations.append, result.notes
    group: str | None = None  # category of the last top-level row: sub-rows belong to it
    for row in _data_rows(grid, url):
        values = _checked_values(row, url)
        category, dashed, label, part = _label(row.label)
        group = group if dashed and not row.number else category
        if values is None:
            notes.append(f"group heading without values: {row.label!r}")
            continue
        metric = "arrests" if category in ARREST_CATEGORIES or group in ARREST_CATEGORIES else "cases"
        a, b = values
        assert a.value is not None and b.value is not None, "_checked_values refuses empty cells"
        if not (a.bracketed or b.bracketed):
            add(make_a(category, label, metric, a.value, part))
            add(make_b(category, label, metric, b.value, part))
        else:  # a bracketed (reference) value keeps a marker in its source label
            add(make_a(category, label + REFERENCE_MARK if a.bracketed else label, metric, a.value))
            add(make_b(category, label + REFERENCE_MARK if b.bracketed else label, metric, b.value))
        if category == "unknown":
            result.unknown_labels.append(row.label)
        if a.bracketed or b.bracketed:
            notes.append(
                f"{row.label!r}: bracketed values {[c.raw.strip() for c in values]} are shown "
                "for reference and are not part of the parent total"
            )
    if not result.observations:
        raise LayoutChanged(url, "rows of values under the period headings", "a table with no value rows")
    return result


# --- finding the table -------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _period_or_none(text: str):
    """The period a heading names, or None when it names none.

    Cached: the same few headings recur on every version of the page, and reading one is slow.
    """
    if not text or len(text) > _MAX_HEADING or not re.search(r"\d{4}|[零〇一二三四五六七八九]{4}\s*年", text):
        return None
    if (printed := _printed_heading(text)) is not None:
        return printed
    try:
        return parse_period(text)
    except (TransformError, ValueError):
        return None


# The heading wordings of the page (English, Chinese): month names, then months and year digits.
_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_ZH_MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
_MONTH_OF = {name: i for names in (_EN_MONTHS, _ZH_MONTHS) for i, name in enumerate(names, start=1)}
_ZH_DIGIT = {d: i for i, d in enumerate("零一二三四五六七八九")} | {"〇": 0}
_EN_MONTH = "({})".format("|".join(_EN_MONTHS))
_ZH_MONTH = "(十[一二]?|[一二三四五六七八九])"
_EN_HEADING = re.compile(rf"{_EN_MONTH} to {_EN_MONTH} ([12][0-9]{{3}})")
_ZH_HEADING = re.compile(rf"([一二][零〇一二三四五六七八九]{{3}})年 \({_ZH_MONTH}月至{_ZH_MONTH}月\)")


def _printed_heading(text: str):
    """The period of a heading as the page prints it (`January to June 2023`, `二零二三年 (一月至六月)`),
    else None (and `parse_period` reads it).

    A fresh process reads its first headings ~100x faster so (issue 13: `parse_period` tries every
    rule of the general reader, a tenth of a first parse). tests/transform/test_csc_speed.py checks
    that every heading of these shapes gives `parse_period`'s period.
    """
    if m := _EN_HEADING.fullmatch(text):
        first, last, year = _MONTH_OF[m[1]], _MONTH_OF[m[2]], int(m[3])
    elif m := _ZH_HEADING.fullmatch(text):
        first, last = _MONTH_OF[m[2]], _MONTH_OF[m[3]]
        year = int("".join(str(_ZH_DIGIT[d]) for d in m[1]))
    else:
        return None
    if first > last or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    end = calendar.monthrange(year, last)[1]
    return period_from_months(date(year, first, 1), date(year, last, end))


def _heading_periods(cells: list[str]) -> tuple | None:
    """(period A, period B) when the row's first two period headings make a comparison."""
    periods = [p for p in map(_period_or_none, cells) if p is not None]
    return (periods[0], periods[1]) if len(periods) >= 2 else None


def _find_table(page: Tables, url: str) -> tuple[list[GridRow], tuple]:
    """The comparison table's rows under its heading row, and its two periods; LayoutChanged if absent."""
    seen: list[str] = []
    tables = page.tables
    for table in tables:
        grid = page.grid(table)  # a layout table is cheap: its cell holding the rest is not read
        for index, (cells, _heading) in enumerate(grid[:5]):
            periods = _heading_periods(cells)
            if periods:
                _check_periods(periods, url)
                return grid[index + 1 :], periods
            seen.extend(t for t in cells if t and len(t) <= _MAX_HEADING)
    found = (
        f"{len(tables)} table(s) without period headings; cells seen {seen[:12]!r}" if tables else "no table"
    )
    raise LayoutChanged(
        url, "a table whose heading row names two periods (e.g. 'January to June 2023')", found
    )


def _check_periods(periods: tuple, url: str) -> None:
    """Period B must be period A one year later (issue 12).

    The page always compares a span with the same span of the year before; a typo in one heading
    ("2025" for "2024") would otherwise load a phantom period with the other column's numbers.
    """
    a, b = periods
    if a.type != b.type or not _one_year_apart(a, b):
        raise LayoutChanged(
            url,
            "two periods of the same kind one year apart, the earlier first",
            f"{a.label} ({a.type}) then {b.label} ({b.type})",
        )


def _one_year_apart(a, b) -> bool:
    """Same months, B one year after A (end days may differ: February has 28 or 29)."""
    return (b.start.year - a.start.year, b.end.year - a.end.year) == (1, 1) and (
        a.start.month,
        a.start.day,
        a.end.month,
    ) == (b.start.month, b.start.day, b.end.month)


# --- reading rows ------------------------------------------------------------------------------


def _data_rows(grid: list[GridRow], url: str) -> list[_Row]:
    """The rows under the heading row that carry a label; spacer rows and heading rows are skipped.

    A row made only of `<th>` cells (e.g. a second heading row "Number", "%") holds no data.
    """
    rows = []
    for cells, heading in grid:
        if not any(cells) or heading:
            continue
        number = cells[0] if _ROW_NUMBER.fullmatch(cells[0]) else ""
        rest = cells[1:] if number or not cells[0] else cells
        while rest and not rest[0]:
            rest = rest[1:]
        if not rest:
            raise LayoutChanged(url, "a label after the row number", f"cells {cells!r}")
        label, values = rest[0], rest[1:]
        if any(values[6:]):
            raise LayoutChanged(url, f"label and 6 value cells in row {label!r}", f"cells {cells!r}")
        six = tuple(values) if len(values) == 6 else tuple((values + [""] * 6)[:6])
        rows.append(_Row(number, label, six))
    return rows


def _read(row: _Row, url: str):
    """The six cells of a row as (A, B, sign, change, sign, pct); LayoutChanged on an unreadable cell.

    parse_count and parse_sign, read in this order, with their commonest cells (a plain count, a
    printed sign) taken here without the call: a page has hundreds (issue 13).
    """
    a, b, s1, d, s2, p = row.cells
    try:
        ca = _new(Cell, (a, float(a), False, False)) if a.isdigit() and a.isascii() else parse_count(a)
        cb = _new(Cell, (b, float(b), False, False)) if b.isdigit() and b.isascii() else parse_count(b)
        if (sign1 := _SIGNS.get(s1)) is None:
            sign1 = parse_sign(s1)
        cd = _new(Cell, (d, float(d), False, False)) if d.isdigit() and d.isascii() else parse_count(d)
        if (sign2 := _SIGNS.get(s2)) is None:
            sign2 = parse_sign(s2)
        return ca, cb, sign1, cd, sign2, parse_count(p)
    except ValueError as err:
        raise LayoutChanged(url, f"numbers and sign cells in row {row.label!r}", str(err)) from None


def _checked_values(row: _Row, url: str) -> tuple[Cell, Cell] | None:
    """Values A and B of a row after checking them against the change columns; None for a heading."""
    if (common := _common_row(row.cells)) is not None:
        return common
    a, b, s1, d, s2, p = _read(row, url)
    av, bv, dv = a.value, b.value, d.value  # None for an empty cell
    if av is None and bv is None and dv is None and p.value is None and not s1 and not s2:
        return None
    if av is None or bv is None or dv is None:
        raise LayoutChanged(
            url, f"values for both periods and a change in row {row.label!r}", f"cells {list(row.cells)!r}"
        )
    change = (s1 or 1) * dv
    if (s1 == 0 and dv != 0) or bv - av != change:
        raise LayoutChanged(
            url,
            f"B - A = signed change in row {row.label!r}",
            f"{bv:g} - {av:g} against change {row.cells[2]!r} {row.cells[3]!r}",
        )
    _check_pct(row, av, bv, s2, p, url)
    return a, b


# A row as most are printed: counts (`572`, `42 923`), ASCII signs, a % with or without decimals.
_COUNT = r"[0-9]+|[0-9]{1,3}(?: [0-9]{3})+"
_COMMON_ROW = re.compile(rf"({_COUNT})\0({_COUNT})\0([+-]?)\0({_COUNT})\0([+-]?)\0([0-9]+(?:\.[0-9]+)?)")
_SIGN_OF = {"": 0, "+": 1, "-": -1}


def _common_row(cells: tuple[str, ...]) -> tuple[Cell, Cell] | None:
    """Values A and B of a row printed the common way whose checks pass, else None.

    One pattern over the row instead of six cell reads (issue 13: they were a fifth of the parse).
    It admits only cells that `parse_count` and `parse_sign` read the same way (a plain or
    space-grouped count, a plain %, `+`, `-` or no sign) and a base that is not nil; anything else,
    and any row whose checks fail, is left to the cell-by-cell reading, which says what is wrong.
    """
    m = _COMMON_ROW.fullmatch("\0".join(cells))
    if m is None:
        return None
    a, b, s1, d, s2, p = m.groups()
    av, bv, dv = float(a.replace(" ", "")), float(b.replace(" ", "")), float(d.replace(" ", ""))
    sign1, sign2 = _SIGN_OF[s1], _SIGN_OF[s2]
    if not av or (sign1 == 0 and dv != 0) or bv - av != (sign1 or 1) * dv:
        return None
    pv = float(p)
    if (sign2 == 0 and pv != 0) or abs((sign2 or 1) * pv - 100 * (bv - av) / av) > PCT_TOLERANCE:
        return None
    return _new(Cell, (a, av, False, False)), _new(Cell, (b, bv, False, False))


def _check_pct(row: _Row, a: float, b: float, sign: int, pct: Cell, url: str) -> None:
    """The % change must match (B - A) / A to one decimal; no % is printed when the base is nil."""
    if a == 0:
        if pct.empty or pct.nil:
            return
        raise LayoutChanged(url, f"no % change in row {row.label!r} whose base is nil", f"{pct.raw!r}")
    expected = 100 * (b - a) / a
    shown = None if pct.value is None or pct.nil else (sign or 1) * pct.value
    if shown is None or (sign == 0 and pct.value != 0) or abs(shown - expected) > PCT_TOLERANCE:
        raise LayoutChanged(
            url,
            f"% change {expected:.1f} in row {row.label!r}",
            f"sign {row.cells[4]!r} and % {row.cells[5]!r}",
        )


@lru_cache(maxsize=2048)
def _label(raw_label: str) -> tuple[str, bool, str, bytes]:
    """(category id or "unknown", whether it starts with a sub-row dash, the label without it, their
    part of an observation id: `id_label_part`) of a printed label (cached: every version repeats
    its labels)."""
    category = lookup_category(raw_label) or "unknown"
    label = _SUB_ROW.sub("", raw_label)
    return category, bool(_SUB_ROW.match(raw_label)), label, id_label_part(category, label)


def row_category(raw_label: str) -> tuple[str, str]:
    """(category id or "unknown", label without sub-row dash and footnote markers) for a printed label.

    The categories helper removes the layout (dashes, `(1)`, "including:", CJK spacing) itself.
    """
    clean, _markers = split_footnotes(_SUB_ROW.sub("", raw_label))
    return lookup_category(raw_label) or "unknown", clean
