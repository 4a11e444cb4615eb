"""Tables flattened to text, as in Legislative Council replies (SOURCES.md section 4.1).

A line of N years heads the table; each row after it is a label followed by N values:

    2021 2022 2023
    Number of deception cases 19 249 27 923 39 824

    年份 2011 2012 2013
    損失金額（百萬元） 148 238 863

Thousands are separated by a space, so the digits of a row are split into exactly N numbers using the
known column count: a group of exactly three digits may join the group before it. When no split or
more than one gives N numbers the row is refused rather than guessed: it yields no figure, and the
sentence reader does not see it either (it would read its digits as one number). The k-th number
belongs to the k-th year; the unit and scale come from the row label ("($ million)", "（百萬元）"), the
category from the label, else from the words just before the table
("the numbers of technology crime are set out below").

Tables may also run the other way, years down the first column and labels across the header, cells
apart by a bar, a tab or two spaces:

    Year | Deception cases | Loss ($ million)
    2022 | 27,923 | 4,800

Each label's column becomes one `TableRow`, so both layouts are read by the same table reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transform.periods import PeriodParseError, parse_period
from transform.regex_gate import gated_compile

__all__ = ["TableRow", "find_table_rows", "split_row_values", "table_spans"]

_YEAR = r"(?:19|20)\d{2}"
# A header: optional short label (Year, 年份), then at least two years and nothing else.
# The label may end on a colon with the first year right after it, and a year may carry 年
# (年份：2011年｜2012年｜2013年, its bars read as spaces).
_HEADER = gated_compile(
    rf"^[ \t]*(?:[^\d\n]{{0,20}}?(?:[ \t]+|(?<=[:：])))?(?P<years>{_YEAR}年?(?:[ \t]+{_YEAR}年?)+)[ \t]*$"
)
# A row: a label holding a letter or a Chinese character, then only digits, spaces, commas and points
# (after a colon the values may start with no space: 案件宗數：2 206｜3 015｜5 133).
_ROW = gated_compile(r"^[ \t]*(?P<label>\S.*?[^\d\s,.])(?:[ \t]+|(?<=[:：]))(?P<values>\d[\d ,.\t]*?)[ \t]*$")
# Bars part the cells as spaces do, and a cell's 約 (約863) is its qualifier, read from the text
# before the value: both are read as spaces of the same length, so every offset stays the text's.
_AS_SPACE = gated_compile(r"[|｜]|[約约](?=\d)")
# Money named in the row label: the amounts in the row are in these units.
_MONEY_SCALE = gated_compile(
    r"(?:HK\$|\$|HKD)\s*(?P<en>thousand|million|mn|m|billion|bn)\b"
    r"|(?P<zh>千萬|千万|百萬|百万|億|亿|萬|万|千)?(?:港)?元"
    r"|(?:HK\$|\$|HKD)(?=\s*[)）])",
    re.IGNORECASE,
)
_EN_SCALE = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_ZH_SCALE = {
    "千萬": 1e7,
    "千万": 1e7,
    "百萬": 1e6,
    "百万": 1e6,
    "億": 1e8,
    "亿": 1e8,
    "萬": 1e4,
    "万": 1e4,
    "千": 1e3,
}


@dataclass(frozen=True)
class TableRow:
    """One row of a flattened table: its label, and each value with its span and its column's year."""

    label: str
    label_start: int
    line_start: int
    line_end: int
    cells: tuple[tuple[float, int, int, str], ...]  # (value, start, end, year); empty when refused
    scale: float | None  # the money scale named in the label; None when the row is not money
    header_start: int
    # (change in per cent, start, end, period, period compared with) of a change column (變幅, "Change")
    changes: tuple[tuple[float, int, int, str, str], ...] = ()


def split_row_values(values: str, columns: int) -> list[tuple[int, int]] | None:
    """Spans (within `values`) of exactly `columns` numbers, or None when no split or more than one fits.

    Groups separated by spaces join when the later one has exactly three digits ("19 249"); groups
    with a comma or a decimal point are numbers of their own.
    """
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", values)]
    splits = _splits(tuple(t[2] for t in tokens), columns)
    if len(splits) != 1:
        return None
    spans, index = [], 0
    for size in splits[0]:
        spans.append((tokens[index][0], tokens[index + size - 1][1]))
        index += size
    return spans


@lru_cache(maxsize=256)
def _splits(tokens: tuple[str, ...], columns: int) -> list[tuple[int, ...]]:
    """Every way to cut `tokens` into `columns` numbers, as the token count of each number."""
    if not tokens:
        return [()] if columns == 0 else []
    if columns == 0 or not re.fullmatch(r"\d[\d,]*(?:\.\d+)?", tokens[0]):
        return []
    if re.fullmatch(r"0\d+", tokens[0]):
        return []  # "015" only ever continues a number ("0.1" is a number of its own)
    out = []
    size = 1
    while True:
        out += [(size, *rest) for rest in _splits(tokens[size:], columns - 1)]
        if not re.fullmatch(r"\d{1,3}", tokens[0]) or size >= len(tokens):
            break
        if not re.fullmatch(r"\d{3}", tokens[size]):
            break
        size += 1
    return out


def _scale(label: str) -> float | None:
    m = _MONEY_SCALE.search(label)
    if m is None:
        return None
    if m.group("en"):
        return _EN_SCALE[m.group("en").lower()]
    if m.group("zh"):
        return _ZH_SCALE[m.group("zh")]
    return 1.0


def _value(raw: str) -> float:
    return float(re.sub(r"[ ,]", "", raw))


def find_table_rows(text: str) -> list[TableRow]:
    """The rows of every flattened year table in `text`, in text order: years across the header
    line, or years down the first column (`_year_column_table`)."""
    rows: list[TableRow] = []
    lines = _lines(text)
    # "Year | 2019 | 2020": across the header a bar parts the cells as spaces do (same length, same offsets)
    barless = _AS_SPACE.sub(" ", text) if "|" in text or "｜" in text else text
    across = _lines(barless) if barless is not text else lines
    i = 0
    while i < len(lines):
        start, _, line = across[i]
        header = _HEADER.match(line)
        i += 1
        if header is None and (columns := _period_columns(lines[i - 1][2])) is not None:
            period_rows, i = _period_column_table(lines, i - 1, *columns)
            rows += period_rows
            continue
        if header is None:
            column_rows, i = _year_column_table(text, lines, i - 1)
            rows += column_rows
            continue
        years = [year.rstrip("年") for year in header.group("years").split()]
        if len(set(years)) != len(years):
            continue
        while i < len(lines) and (row := _row(barless, across[i], years, start)) is not None:
            rows.append(row)
            i += 1
    return rows


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, content) of each line of `text`."""
    found = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]*", text)]
    return [line for line in found if line[0] == 0 or text[line[0] - 1] == "\n"]


def _row(text: str, line: tuple[int, int, str], years: list[str], header_start: int) -> TableRow | None:
    start, end, content = line
    m = _ROW.match(content)
    if m is None:
        return None
    spans = split_row_values(m.group("values"), len(years)) or []  # refused: a row with no cells
    base = start + m.start("values")
    cells = tuple(
        (_value(text[base + s : base + e]), base + s, base + e, year)
        for (s, e), year in zip(spans, years, strict=False)
    )
    label = m.group("label")
    return TableRow(label, start + m.start("label"), start, end, cells, _scale(label), header_start)


# Years down the first column, labels across the header ("Year | Deception cases | Loss ($ million)"):
# cells apart by a bar, a tab or two spaces; the header's first cell names the year column.
_CELL_GAP = r"(?:[ \t]*[|｜][ \t]*|\t+[ \t]*|[ ]{2,})"
_YEAR_WORD = gated_compile(
    r"^[ \t]*[|｜]?[ \t]*(?:years?|periods?|年份|年度|年|期間|期间|時期|时期)[ \t]*$", re.IGNORECASE
)
# the first cell: a year, or a period that names its year ("January to June 2023", 2023年上半年)
_YEAR_ROW = gated_compile(
    # (a year's months may follow it: 2015年1月至6月)
    rf"^[ \t]*[|｜]?[ \t]*(?P<year>[^|｜\t\d]{{0,30}}?{_YEAR}(?:年度?)?"
    rf"(?:\d{{1,2}}月[^|｜\t\d]{{0,3}}\d{{1,2}}月)?[^|｜\t\d]{{0,12}}?)"
    rf"{_CELL_GAP}(?P<values>\d.*?)[ \t|｜]*$"
)


# A header of a year word and one label with no space inside it (年份 宗數, "Year Cases"), and its rows
# ("2018 8 372"): the one space is the gap, and a row's value may hold spaces between its thousands.
# "Year Number of cases" (a year column and one measure, apart by one space): the measure may be words
_ONE_SPACE_HEADER = gated_compile(r"(?:years?|年份|年度|年)\s(?:[^\s\d]+)(?:\s[^\s\d]+){0,5}", re.IGNORECASE)
_ONE_SPACE_ROW = gated_compile(rf"^[ \t]*(?P<year>{_YEAR}(?:年度?)?)[ \t]+(?P<values>\d[\d ,.]*?)[ \t]*$")


def _period_label(cell: str) -> str | None:
    """The canonical label of a first cell ("2022", "January to June 2023" -> "2023-H1"), or None
    when the cell is no single period with its year."""
    cell = cell.strip()
    if re.fullmatch(rf"{_YEAR}(?:年度?)?", cell):
        return cell[:4]
    # "2015 (Jan-Jun)": the year, then its months in brackets, is the months of that year
    bracketed = re.fullmatch(rf"({_YEAR})\s*[(（]([^()（）]+)[)）]", cell)
    if bracketed and not bracketed.group(2).isdigit():
        cell = f"{bracketed.group(2)} {bracketed.group(1)}"
    try:
        return parse_period(cell).label
    except PeriodParseError:
        return None


def _year_column_table(text: str, lines: list[tuple[int, int, str]], at: int) -> tuple[list[TableRow], int]:
    """The columns of a table with years down its first column, read as rows of `TableRow` (one per
    label of the header), and the index of the line after it; ([], at + 1) when `lines[at]` heads none.
    Every year line must hold one value per label, or the table is refused: its rows have no cells."""
    start, _, header = lines[at]
    cells = [c for c in re.split(_CELL_GAP, header.strip(" \t|｜")) if c]
    single = len(cells) == 1 and _ONE_SPACE_HEADER.fullmatch(header.strip())
    if single:  # 年份 宗數: two cells apart by one space (an annex as a text layer gives it)
        first, _, rest = header.strip().partition(" ")
        cells = [first, rest.strip()] if len(rest.split()) > 1 else header.split()
    if len(cells) < 2 or not _YEAR_WORD.match(cells[0]) or re.search(r"\d{4}", header):
        return [], at + 1
    labels = cells[1:]
    body: list[tuple[str, list[tuple[float | None, int, int, bool]]]] = []
    refused = False
    i = at + 1
    row_pattern = _ONE_SPACE_ROW if single else _YEAR_ROW
    while (
        i < len(lines)
        and (m := row_pattern.match(lines[i][2])) is not None
        and (label := _period_label(m.group("year"))) is not None
    ):
        values = _column_values(m.group("values"), len(labels))
        refused = refused or values is None
        base = lines[i][0] + m.start("values")
        body.append((label, [(v, base + s, base + e, money) for v, s, e, money in values or []]))
        i += 1
    years = [year for year, _ in body]
    if len(body) < 2:
        return [], at + 1
    if refused or len(set(years)) != len(years):
        body = []  # refused, not guessed: no figure, and the sentence reader does not read its digits
    end = lines[i - 1][1]
    rows = [
        TableRow(
            label,
            start + header.find(label),
            start,
            end,
            _column_cells(body, k),
            1.0 if _money_cells(body, k) else _scale(label),
            start,
        )
        for k, label in enumerate(labels)
    ]
    return rows, i


# A cell that says a value is not given ("-", "–(1)", "N.A.", 不適用): the year has no value in that column.
_NOT_GIVEN = gated_compile(
    r"[-–—]+(?:\s*[(（]?\d[)）]?)?|n\.?\s?a\.?|not\s+available|不適用|不适用|沒有|没有|--", re.IGNORECASE
)
# A cell that writes its own amount ("about HK$180 million", "HK$2.1 million", 44.8億元): a whole amount.
_MONEY_CELL = gated_compile(
    r"(?:about\s+|around\s+|some\s+|over\s+|約|约|逾)?(?:HK\$|\$|HKD\s?)(?P<n>\d[\d,]*(?:\.\d+)?)"
    r"\s*(?P<scale>thousand|million|mn|m|billion|bn)?"
    r"|(?:約|约|逾)?(?P<zn>\d[\d, ]*(?:\.\d+)?)\s*(?P<zscale>千萬|千万|百萬|百万|億|亿|萬|万)(?:港)?元?"
    r"|(?:約|约|逾)?(?P<yn>\d[\d, ]*(?:\.\d+)?)\s*(?:港)?元",
    re.IGNORECASE,
)
_NUMBER_CELL = gated_compile(r"\d[\d ,]*(?:\.\d+)?")
_CELL_NOTE = gated_compile(r"(?<=\d)\s*[(（][^()（）\d]{1,20}[)）]$|(?<=\d)\s*[(（]\d[)）]$")


def _cell_value(raw: str) -> tuple[float | None, bool] | None:
    """(value, written as money) of one cell: None for a value not given, or None for a cell that is
    neither a number, an amount, nor a dash (then the table is refused). A note in brackets after the
    value ("863 (provisional)", 863（臨時數字）, "863 (1)") says something of it, not another value."""
    raw = _CELL_NOTE.sub("", raw)
    if _NUMBER_CELL.fullmatch(raw):
        return _value(raw), False
    if _NOT_GIVEN.fullmatch(raw):
        return None, False
    money = _MONEY_CELL.fullmatch(raw)
    if money is None:
        return None
    if money.group("zn"):
        return round(_value(money.group("zn")) * _ZH_SCALE[money.group("zscale")], 2), True
    if money.group("yn"):
        return _value(money.group("yn")), True
    scale = _EN_SCALE[money.group("scale").lower()] if money.group("scale") else 1.0
    return round(_value(money.group("n")) * scale, 2), True


# Periods across a header whose cells a bar or a tab parts, the first cell naming the rows:
# "罪案類別｜2024年1月至6月｜2023年1月至6月", "Crime | January to June 2024 | January to June 2023".
_CELL_SPLIT = re.compile(r"[^|｜\t]+")


# ... and a year line's cells, which runs of two spaces may part as well
_GAPPED_CELL = re.compile(r"[^|｜\t]+?(?=$|[|｜\t]| {2,})")


def _cells_of(line: str, cell: re.Pattern[str] = _CELL_SPLIT) -> list[tuple[str, int]]:
    """(stripped cell, its offset in `line`) of each non-empty cell between bars or tabs (or what
    `cell` matches)."""
    out = []
    for m in cell.finditer(line):
        raw = m.group()
        if raw.strip():
            out.append((raw.strip(), m.start() + len(raw) - len(raw.lstrip())))
    return out


# The last column of a table of two periods may give the change between them: 變幅, "% change".
_CHANGE_COLUMN = gated_compile(
    r"(?:按年)?(?:變幅|变幅|增減|增减|升跌|變動|变动|變化|变化)(?:\s*[(（]%[)）])?"
    r"|(?:%\s*|per\s?cent\s+)?change(?:\s*[(（]%[)）])?",
    re.IGNORECASE,
)
# A change cell: "+7.0%", "-4.6%", "−21%"; a dash alone is a change not given.
_CHANGE_CELL = gated_compile(r"(?P<sign>[+\-−–]?)\s*(?P<n>\d+(?:\.\d+)?)\s*%?")


def _period_columns(line: str) -> tuple[list[str], bool] | None:
    """The period labels of such a header and whether a change column ends it, or None when `line`
    is not one."""
    if not re.search(r"[|｜\t]", line):
        return None
    cells = [c for c, _ in _cells_of(line)]
    change = len(cells) >= 4 and bool(_CHANGE_COLUMN.fullmatch(cells[-1]))
    cells = cells[:-1] if change else cells
    if len(cells) < 3 or re.search(r"\d", cells[0]):
        return None
    labels = [_period_label(c) for c in cells[1:]]
    if any(label is None for label in labels) or len(set(labels)) != len(labels):
        return None
    return [label for label in labels if label is not None], change and len(labels) == 2


_EMPTY_LAST_CELL = gated_compile(r"[|｜]\s*[|｜]\s*$")


def _period_column_table(
    lines: list[tuple[int, int, str]], at: int, periods: list[str], change: bool = False
) -> tuple[list[TableRow], int]:
    """The rows under a header of period columns (`_period_columns`), each cell read as a number, an
    amount ("44.8億元", "HK$2.03 billion") or a value not given; the first line that is no such row
    ends the table, and a row with a cell of words is refused (no cells). A change column's cell is
    the change of the later period on the earlier."""
    header_start = lines[at][0]
    rows: list[TableRow] = []
    i = at + 1
    newer, older = (
        sorted(periods, key=lambda label: parse_period(label).start, reverse=True)[:2] if change else ("", "")
    )
    while i < len(lines):
        start, end, content = lines[i]
        cells = _cells_of(content)
        if change and len(cells) == len(periods) + 1 and _EMPTY_LAST_CELL.search(content):
            cells.append(("", len(content)))  # "| Losses ($ million) | 9 180 | 9 150 | |": no change given
        if (
            len(cells) != len(periods) + 1 + change
            or re.search(r"\d", cells[0][0])
            or not re.search(r"\d", content)
        ):
            break
        changes: tuple[tuple[float, int, int, str, str], ...] = ()
        if change:
            *cells, (change_cell, change_at) = cells
            changes = _change_cell(change_cell, start + change_at, newer, older)
        read = [_cell_value(cell) for cell, _ in cells[1:]]
        values = (
            []
            if any(r is None for r in read)
            else [
                (r[0], start + offset, start + offset + len(cell), period)
                for r, (cell, offset), period in zip(read, cells[1:], periods, strict=True)
                if r is not None and r[0] is not None
            ]
        )
        money = any(r is not None and r[1] for r in read)
        label, label_at = cells[0]
        rows.append(
            TableRow(
                label,
                start + label_at,
                start,
                end,
                tuple(values),
                1.0 if money else _scale(label),
                header_start,
                changes if values else (),
            )
        )
        i += 1
    return rows, i


def _change_cell(cell: str, at: int, newer: str, older: str) -> tuple[tuple[float, int, int, str, str], ...]:
    """The change a change column's cell gives ("+7.0%" of the newer period on the older), or none."""
    m = _CHANGE_CELL.fullmatch(cell)
    if m is None:
        return ()
    value = float(m.group("n")) * (-1 if m.group("sign") in ("-", "−", "–") else 1)
    return ((value, at, at + len(cell), newer, older),)


def _column_cells(
    body: list[tuple[str, list[tuple[float | None, int, int, bool]]]], column: int
) -> tuple[tuple[float, int, int, str], ...]:
    """(value, start, end, year) of each year's cell in `column`, leaving out the values not given."""
    out = []
    for year, cells in body:
        value, start, end, _money = cells[column]
        if value is not None:
            out.append((value, start, end, year))
    return tuple(out)


def _money_cells(body: list[tuple[str, list[tuple[float | None, int, int, bool]]]], column: int) -> bool:
    """Whether the cells of `column` wrote their own amounts (so the label's scale does not apply)."""
    return any(cells[column][3] for _, cells in body if cells)


def _column_values(values: str, columns: int) -> list[tuple[float | None, int, int, bool]] | None:
    """(value, start, end, written as money) of each value of a year line: cut at the bars, tabs or
    runs of spaces when it has them, else by `split_row_values`; None unless there is exactly one cell
    per column. A cell not given ("-") has the value None; a cell written as an amount ("HK$760
    million") is a whole amount, and its column needs no scale (`_money_cells`)."""
    spans = split_row_values(values, columns)
    if spans is not None:
        return [(_value(values[s:e]), s, e, False) for s, e in spans]
    if not re.search(r"[|｜\t]| {2,}", values):
        return None
    cells = []
    for text, start in _cells_of(values, _GAPPED_CELL):
        read = _cell_value(text)
        if read is None:
            return None
        value, money = read
        cells.append((value, start, start + len(text), money))
    return cells if len(cells) == columns else None


def table_spans(rows: list[TableRow]) -> list[tuple[int, int]]:
    """Character spans of the tables (header line through last row), for the sentence reader to skip."""
    spans: dict[int, int] = {}
    for row in rows:
        spans[row.header_start] = max(spans.get(row.header_start, 0), row.line_end)
    return sorted(spans.items())
