"""The two HKPF crime CSV files of data.gov.hk dataset `hk-hkpf-stat-crm-stat-detail` (SOURCES.md 1.1-1.3).

* `crime_details.csv`: annual counts by offence, English and Traditional Chinese labels, Big5.
* `crime_details_overall.csv`: monthly overall and violent crime, UTF-8, from 2022.

Neither header row has been seen, so both are read by the meaning of their headings (English or
Chinese), never by column position, and anything unrecognised fails with LayoutChanged quoting
the rows that were seen. The encodings are the ones the publisher documents (a byte-order mark
still wins); an HTTP charset is not trusted for these files because servers often omit it or send
a Western default, which would decode Big5 into plausible-looking garbage.

The monthly file does not add up to the published half-year and annual totals (SOURCES.md 1.2):
its rows are stored as monthly observations and are never summed or used to check a total.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from extract.document import Document
from transform.categories import lookup_category, split_footnotes
from transform.decoding import decode_document
from transform.document import ParseResult
from transform.exceptions import LayoutChanged, TransformError
from transform.parsers.datagovhk_history import version_timestamp
from transform.periods import period_from_label
from transform.tablecells import OfficialRows, normalise_space, parse_count

PARSER_VERSION = "hkpf_csv/1"
DETAIL_ENCODING = "big5hkscs"
MONTHLY_ENCODING = "utf-8"
_HEADER_SEARCH_ROWS = 30

_YEAR_WORDS = ("year", "年份", "年度")
_COUNT_WORDS = (
    "number",
    "no.",
    "count",
    "cases",
    "figure",
    "total",
    "數字",
    "宗數",
    "數目",
    "數量",
    "案件數",
)
_OTHER_METRIC_WORDS = ("detect", "clear", "rate", "破案", "率")
_LABEL_WORDS = (
    "offence",
    "offense",
    "crime",
    "category",
    "type",
    "description",
    "罪行",
    "罪案",
    "類別",
    "類型",
)
_MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS_ZH = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
_YEAR_VALUE = re.compile(r"((?:19|20)\d{2})\s*年?")


@dataclass(frozen=True)
class _Header:
    """Where the header row is and which column plays which role."""

    index: int
    roles: dict[str, list[int]]
    cells: list[str]


def _rows(text: str, url: str) -> list[list[str]]:
    """CSV rows with whitespace normalised and trailing empty cells dropped.

    Line endings may be CRLF, LF or a lone CR (newline="" lets the csv module see each of them);
    a field over the csv module's limit (128 KB) or a stray quote is a layout change naming the line.
    """
    rows = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        for row in reader:
            cells = [normalise_space(c) for c in row]
            while cells and not cells[-1]:
                cells.pop()
            rows.append(cells)
    except csv.Error as err:
        raise LayoutChanged(url, "CSV rows of plain fields", f"line {reader.line_num}: {err}") from None
    return rows


def _has(cell: str, words: tuple[str, ...]) -> bool:
    """True when the lowered cell holds one of `words`: an ASCII word not right after a letter, any
    other anywhere."""
    low = cell.lower()
    ascii_words, other_words = _word_tests(words)
    if ascii_words is not None and ascii_words.search(low) is not None:
        return True
    return any(w in low for w in other_words)


@lru_cache(maxsize=64)
def _word_tests(words: tuple[str, ...]) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """One pattern for the ASCII words of a heading vocabulary (a search for any of them finds what
    a search for each would), and its other words; built once per vocabulary (issue 13: the
    patterns were rebuilt and looked up for every word of every cell)."""
    ascii_words = [re.escape(w) for w in words if w.isascii()]
    pattern = re.compile(rf"(?<![a-z])(?:{'|'.join(ascii_words)})") if ascii_words else None
    return pattern, tuple(w for w in words if not w.isascii())


def _find_header(
    rows: list[list[str]],
    classify: Callable[[str], str | None],
    accept: Callable[[dict[str, list[int]]], bool],
    url: str,
    expected: str,
) -> _Header:
    """The first row whose headings, read by `classify`, satisfy `accept`; else LayoutChanged quoting rows."""
    for index, cells in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        roles: dict[str, list[int]] = {}
        for col, cell in enumerate(cells):
            role = classify(cell) if cell else None
            if role:
                roles.setdefault(role, []).append(col)
        if accept(roles):
            return _Header(index, roles, cells)
    seen = [r for r in rows[:_HEADER_SEARCH_ROWS] if any(r)][:4]
    raise LayoutChanged(url, expected, f"rows {seen!r}")


def _category(labels: list[str]) -> str | None:
    """The category of a row's labels (English and/or Chinese, in column order).

    Labels in different scripts are one offence in two languages: whichever maps decides (a new
    Chinese wording beside a known English label still lands in its category). Labels in the same
    script are a hierarchy (group, then offence): only the rightmost, most specific one decides, so
    an unknown offence under a known group is reported as unknown, never filed under its group.
    """
    named = [label for label in labels if label.strip()]
    if not named:
        return None
    if len({_script(label) for label in named}) > 1:
        found = [c for c in (lookup_category(split_footnotes(label)[0]) for label in named) if c]
        return found[-1] if found else None
    return lookup_category(split_footnotes(named[-1])[0])


def _script(label: str) -> str:
    """ "cjk" when the label holds Chinese characters, else "latin"."""
    return "cjk" if any("\u3400" <= ch <= "\u9fff" for ch in label) else "latin"


def _count(cell: str, url: str, where: str) -> float | None:
    """The number in a count cell (None when empty); LayoutChanged for anything that is not a count."""
    try:
        return parse_count(cell).value
    except ValueError as err:
        raise LayoutChanged(url, f"a count {where}", str(err)) from None


def _period(label: str, url: str, line: int):
    """The period of a year or month label; LayoutChanged naming the line for one out of range (1923)."""
    try:
        return period_from_label(label)
    except TransformError as err:  # found by fuzzing: the error named no URL
        raise LayoutChanged(url, f"a period the project covers on line {line}", str(err)) from None


def _cell(cells: list[str], col: int) -> str:
    return cells[col] if col < len(cells) else ""


# --- crime_details.csv (annual, by offence) ------------------------------------------------------


def _detail_role(cell: str) -> str | None:
    """Role of a crime_details.csv heading: year, count, label, other_metric, year_column or None."""
    if _YEAR_VALUE.fullmatch(cell):
        return "year_column"
    if _has(cell, _YEAR_WORDS) or cell == "年":
        return "year"
    if _has(cell, _OTHER_METRIC_WORDS):
        return "other_metric"
    if _has(cell, _COUNT_WORDS):
        return "count"
    if _has(cell, _LABEL_WORDS):
        return "label"
    return None


def _detail_layout(roles: dict[str, list[int]]) -> bool:
    """Long layout (year, label, one count column) or wide layout (label, at least two year columns)."""
    long = "year" in roles and "label" in roles and len(roles.get("count", [])) == 1
    wide = "label" in roles and len(roles.get("year_column", [])) >= 2
    return long or wide


def _detail_cells(header: _Header, rows: list[list[str]], url: str):
    """(line number, labels, year text, count text) for each value cell under the header."""
    labels_at, long = header.roles["label"], "year" in header.roles and "count" in header.roles
    for offset, cells in enumerate(rows[header.index + 1 :], start=header.index + 2):
        if not any(cells):
            continue
        labels = [_cell(cells, c) for c in labels_at if _cell(cells, c)]
        if long:
            year_col, count_col = header.roles["year"][0], header.roles["count"][0]
            yield offset, labels, _cell(cells, year_col), _cell(cells, count_col)
        else:
            for col in header.roles["year_column"]:
                yield offset, labels, header.cells[col], _cell(cells, col)


def parse_detail_annual(doc: Document) -> ParseResult:
    """Annual counts by offence from crime_details.csv (long or wide layout)."""
    rows = _rows(decode_document(doc, fallback=DETAIL_ENCODING, sniff=False, transport=False), doc.url)
    header = _find_header(
        rows,
        _detail_role,
        _detail_layout,
        doc.url,
        "a header naming year, offence and number of cases (English or Chinese), "
        "or offence plus one column per year",
    )
    result = ParseResult()
    if "other_metric" in header.roles:
        ignored = [header.cells[c] for c in header.roles["other_metric"]]
        result.notes.append(f"columns ignored (not case counts): {ignored}")
    made = OfficialRows(doc, parser_version=PARSER_VERSION, published_at=version_timestamp(doc.url))
    # a wide file repeats each row's labels for every year, and every year for every row
    categories: dict[tuple[str, ...], str | None] = {}
    periods: dict[str, object] = {}
    for line, labels, year_text, count_text in _detail_cells(header, rows, doc.url):
        year = _YEAR_VALUE.fullmatch(year_text)
        if not year or not labels:
            if sum(1 for c in (year_text, count_text, *labels) if c) <= 1:
                result.notes.append(f"line {line} skipped (not a data row): {labels or year_text!r}")
                continue
            raise LayoutChanged(
                doc.url,
                f"a year and an offence label on line {line}",
                f"year {year_text!r}, labels {labels!r}",
            )
        value = _count(count_text, doc.url, f"on line {line} ({' / '.join(labels)}, {year_text})")
        if value is None:
            result.notes.append(f"line {line}: no figure for {' / '.join(labels)} {year[1]}")
            continue
        if (key := tuple(labels)) not in categories:
            categories[key] = _category(labels)
        category = categories[key]
        source_label = " / ".join(labels)
        if category is None and source_label not in result.unknown_labels:
            result.unknown_labels.append(source_label)
        if (period := periods.get(year[1])) is None:
            period = periods[year[1]] = _period(year[1], doc.url, line)
        result.observations.append(made.row(category or "unknown", source_label, "cases", period, value))
    _require_rows(result, doc.url, header)
    return result


def _require_rows(result: ParseResult, url: str, header: _Header) -> None:
    if not result.observations:
        raise LayoutChanged(url, "data rows under the header", f"header {header.cells!r} and no figures")


# --- crime_details_overall.csv (monthly overall and violent crime) -------------------------------

_SERIES = {"overall": ("overall_crime", "Overall Crime"), "violent": ("violent_crime", "Violent Crime")}


def _monthly_role(cell: str) -> str | None:
    """Role of a crime_details_overall.csv heading: overall, violent, year, month, period or None."""
    if _has(cell, ("overall", "整體", "總體", "整体", "总体")):
        return "overall"
    if _has(cell, ("violent", "暴力")):
        return "violent"
    if _has(cell, ("month", "月")):
        return "month"
    if _has(cell, _YEAR_WORDS) or cell == "年":
        return "year"
    if _has(cell, ("date", "period", "日期", "期間")):
        return "period"
    return None


def _monthly_layout(roles: dict[str, list[int]]) -> bool:
    """At least one of the two series, each in one column, and a column saying which month."""
    series = [len(roles.get(s, [])) for s in _SERIES]
    return any(series) and max(series) == 1 and ("month" in roles or "period" in roles)


def _month_number(text: str) -> int | None:
    """1..12 from `6`, `06`, `Jun`, `June`, `六月`, `6月`; None otherwise."""
    text = text.strip().lower().rstrip(".")
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    if text[:3] in _MONTHS_EN and (len(text) == 3 or text.isalpha()):
        return _MONTHS_EN.index(text[:3]) + 1
    if m := re.fullmatch(r"(\d{1,2})\s*月", text):
        return int(m[1]) if 1 <= int(m[1]) <= 12 else None
    if text.endswith("月") and text[:-1] in _MONTHS_ZH:
        return _MONTHS_ZH.index(text[:-1]) + 1
    return None


def _month_label(year_text: str, month_text: str) -> str | None:
    """`YYYY-MM` from separate year and month cells, or from one cell such as `2022-01`/`2022年1月`."""
    if year_text:
        year, month = _YEAR_VALUE.fullmatch(year_text), _month_number(month_text)
        return f"{year[1]}-{month:02d}" if year and month else None
    m = re.fullmatch(r"((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?", month_text)
    return f"{m[1]}-{int(m[2]):02d}" if m and 1 <= int(m[2]) <= 12 else None


def parse_overall_monthly(doc: Document) -> ParseResult:
    """Monthly overall-crime and violent-crime counts from crime_details_overall.csv."""
    rows = _rows(decode_document(doc, fallback=MONTHLY_ENCODING, sniff=False, transport=False), doc.url)
    header = _find_header(
        rows,
        _monthly_role,
        _monthly_layout,
        doc.url,
        "a header naming the month (year and month, or a date) and overall and/or "
        "violent crime (English or Chinese)",
    )
    roles = header.roles
    when_col = (roles.get("month") or roles["period"])[0]  # _monthly_layout requires one of them
    result = ParseResult(notes=["monthly figures: never summed to check half-year or annual totals"])
    made = OfficialRows(doc, parser_version=PARSER_VERSION, published_at=version_timestamp(doc.url))
    for line, cells in enumerate(rows[header.index + 1 :], start=header.index + 2):
        if not any(cells):
            continue
        year_text = _cell(cells, roles["year"][0]) if "year" in roles else ""
        label = _month_label(year_text, _cell(cells, when_col))
        if label is None:
            raise LayoutChanged(
                doc.url, f"a year and month on line {line}", f"{year_text!r} {_cell(cells, when_col)!r}"
            )
        period = None  # read once per line, when the line has a figure
        for series, (category, source_label) in _SERIES.items():
            if series not in roles:
                continue
            where = f"for {source_label} {label} on line {line}"
            value = _count(_cell(cells, roles[series][0]), doc.url, where)
            if value is None:
                result.notes.append(f"line {line}: no {source_label} figure for {label}")
                continue
            if period is None:
                period = _period(label, doc.url, line)
            heading = header.cells[roles[series][0]]
            result.observations.append(made.row(category, heading, "cases", period, value))
    _require_rows(result, doc.url, header)
    return result
