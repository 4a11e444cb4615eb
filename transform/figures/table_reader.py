"""Figures from tables flattened to text (a line of years, then labelled rows, as in LegCo replies):
read column by column, each row's category from its label, else from the nearest row above that
names one ("Number of technology crime cases" above "Amount lost ($ million)"), else from the lines
just before the table.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from datetime import date

from transform.figures import categories_text as cats
from transform.figures.jurisdictions import find_places
from transform.figures.model import Figure, rescore
from transform.figures.qualifiers import qualifier_before
from transform.figures.subject import other_crimes
from transform.figures.tables import TableRow
from transform.periods import find_periods, period_from_label, period_from_months

_TABLE_LEAD_CHARS = 400
_CAPTION_CHARS = 100  # a caption is a title line, not a paragraph


def _row_category(norm: str, row: TableRow, above: list[TableRow]) -> tuple[cats.Term | None, str]:
    """(category term, rule): the row's own label, else the nearest row above that names a category
    (a money row under a count row of the same crime), else the last one named before the table."""
    own = next(iter(cats.find_category_terms(row.label)), None)
    if own is not None:
        return own, "table_row"
    for previous in reversed(above):
        term = next(iter(cats.find_category_terms(previous.label)), None)
        if term is not None:
            return term, "table_row_above"
    lead = norm[max(0, row.header_start - _TABLE_LEAD_CHARS) : row.header_start]
    return next(reversed(cats.find_category_terms(lead)), None), "table_lead"


def _cell_qualifier(norm: str, row: TableRow, start: int) -> str:
    """A cell's own bound or rounding, written just before its value (｜約863, | about 863)."""
    cell_start = max(row.line_start, *(norm.rfind(bar, 0, start) + 1 for bar in "|｜\t"))
    return qualifier_before(norm[cell_start:start]) or "exact"


def figures_from_table(
    norm: str,
    original: Callable[[int, int], str],
    row: TableRow,
    include_other: bool,
    above: list[TableRow] | None = None,
) -> list[Figure]:
    """The figures of one table row: the k-th value is of the k-th year of the header (tables.py).

    The row label names the metric and, when it names one, the category; otherwise the category is
    that of the nearest row above it in the same table (`above`), else the one named last in the words
    just before the table ("過去三年科技罪案的數字及損失金額如下").
    """
    lead = norm[max(0, row.header_start - _TABLE_LEAD_CHARS) : row.header_start]
    term, category_rule = _row_category(norm, row, above or [])
    metric = _table_metric(row, named_in_label=category_rule == "table_row")
    if term is None or metric is None or (term.key == "unknown" and not include_other):
        return []
    places = find_places(row.label) or find_places(lead)
    jurisdiction = places[-1].code if places else "HK"
    unit = "HKD" if metric == "loss" else ("percent" if metric == "detection_rate" else "count")
    quote = original(row.line_start, row.line_end)
    shared = {
        "jurisdiction": jurisdiction,
        "category": term.key,
        "source_label": term.label,
        "metric": metric,
        "quote": quote,
    }
    evidence = {  # in the order every figure's evidence has; each cell adds its period
        "category": term.label,
        "category_rule": category_rule,
        "period": "",
        "period_rule": "table_column",
        "jurisdiction": jurisdiction,
        "jurisdiction_rule": "named" if places else "default",
    }
    out = []
    part = _caption_part(lead)
    for value, start, end, year in row.cells:
        if part is not None and year.isdigit():
            year = _months_of(int(year), part)  # "Selected crimes, January to June" over "2023 | 2024"
        # 2.03 x 1e9 is 2029999999.9999998 in floating point: an amount is whole cents
        amount = round(value * (row.scale or 1.0), 2) if metric == "loss" else value
        qualifier = _cell_qualifier(norm, row, start)
        out.append(_figure(shared, evidence, year, amount, unit, qualifier, "level", None, (start, end)))
    for change, start, end, label, compared in row.changes:  # 變幅 "+7.0%": the later period's change
        out.append(
            _figure(shared, evidence, label, change, "percent", "exact", "change_pct", compared, (start, end))
        )
    return other_crimes(out, include_other)


def _caption_part(lead: str) -> tuple[int, int] | None:
    """The months of the year a table's caption names ("Annex: Selected crimes, January to June",
    1月至6月): the header's bare years are those months of each year, not the whole years."""
    caption = lead.rstrip().rsplit("\n", 1)[-1]
    if len(caption) > _CAPTION_CHARS or caption.endswith((".", "。")):
        return None  # a sentence of the text before the table dates what it says, not the columns
    parts = [
        p
        for _, _, p in find_periods(caption, date(2000, 12, 31))
        if p.start.year == p.end.year and (p.start.month, p.end.month) != (1, 12)
    ]
    return (parts[-1].start.month, parts[-1].end.month) if parts else None


def _months_of(year: int, part: tuple[int, int]) -> str:
    first, last = part
    return period_from_months(date(year, first, 1), date(year, last, monthrange(year, last)[1])).label


def _figure(
    shared: dict,
    evidence: dict,
    label: str,
    value: float,
    unit: str,
    qualifier: str,
    kind: str,
    compared: str | None,
    span: tuple[int, int],
) -> Figure:
    """One cell's figure of period `label`, scored on the table's evidence with the cell's period."""
    period = period_from_label(label)
    fig = Figure(
        **shared,
        value=value,
        unit=unit,
        period=period.label,
        period_start=period.start,
        period_end=period.end,
        period_type=period.type,
        qualifier=qualifier,
        kind=kind,
        compared_with=compared,
        char_start=span[0],
        char_end=span[1],
    )
    rescore(fig, **{**evidence, "period": label})
    return fig


def _table_metric(row: TableRow, named_in_label: bool) -> str | None:
    """loss when the label names money ("損失金額（百萬元）"), else the metric the label names; a label
    that only names a crime counts its cases."""
    if row.scale is not None:
        return "loss"
    words = [t.key for t in cats.find_metric_terms(row.label) if t.key != "intercepted"]
    if "detection_rate" in words:
        return "detection_rate"
    named = next((w for w in words if w in ("cases", "arrests", "victims")), None)
    if named:
        return named
    return "cases" if named_in_label and not words else None
