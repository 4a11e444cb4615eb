"""One JSON shape for every command that prints data: `{"columns": [...], "rows": [[...], ...]}`.

A program reading `cyberstats ... --json` learns one shape: the column names once, then one list of
values per row, in that order; anything else a command has to say goes in named extras beside them
("figures", "label", "sample", "warnings"). Numbers come out as a reader expects them: a count or
a whole amount of money as an integer (15637, not 15637.0; 2030000000 HKD), a percentage always as a
float (47.3, and 28.0 stays 28.0), because DuckDB and the figure reader hand every value over as a
DOUBLE and a BI tool would otherwise type the count column as decimal.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

__all__ = ["table", "records_table", "normalise_record", "dumps"]

# A column whose name says it holds a percentage or a ratio keeps its floats.
_PERCENT_NAME = re.compile(r"(^|_)(pct|percent|percentage|rate|ratio|share|confidence)($|_)")
PERCENT_UNIT = "percent"
# Columns that hold the figure itself and are in the row's unit (a percentage when unit is percent).
_VALUE_NAME = re.compile(r"(^|_)value($|_)|^change_abs$")


def _is_percentage(key: str, row: Mapping[str, object]) -> bool:
    if _PERCENT_NAME.search(key):
        return True
    return row.get("unit") == PERCENT_UNIT and bool(_VALUE_NAME.search(key))


def _number(value: object, percentage: bool) -> object:
    """A whole non-percentage float (or Decimal) as int; a percentage as float; anything else as is."""
    if isinstance(value, bool) or not isinstance(value, float | Decimal):
        return value
    as_float = float(value)
    if percentage or not math.isfinite(as_float) or not as_float.is_integer():
        return as_float
    return int(as_float)


def _value(value: object, key: str, row: Mapping[str, object]) -> object:
    if isinstance(value, list | tuple):
        return [_number(v, _is_percentage(key, row)) for v in value]
    return _number(value, _is_percentage(key, row))


def normalise_record(row: Mapping[str, object]) -> dict:
    """A row as a dict with counts and whole money as int and percentages as float."""
    return {key: _value(value, key, row) for key, value in row.items()}


def table(columns: Sequence[str], rows: Iterable[Sequence[object]], /, **extras: object) -> dict:
    """`{"columns": columns, "rows": rows, **extras}` with numbers normalised per column."""
    columns = list(columns)
    out_rows = []
    for values in rows:
        record = dict(zip(columns, values, strict=True))
        out_rows.append(list(normalise_record(record).values()))
    reserved = {"columns", "rows"} & extras.keys()
    if reserved:
        raise ValueError(f"extras may not be named {sorted(reserved)}")
    return {"columns": columns, "rows": out_rows, **extras}


def records_table(
    records: Sequence[Mapping[str, object]], columns: Sequence[str] = (), **extras: object
) -> dict:
    """The table shape of a list of dicts: `columns` first (when given), then every other key seen."""
    names = list(dict.fromkeys([*columns, *(key for record in records for key in record)]))
    return table(names, ([record.get(name) for name in names] for record in records), **extras)


def _default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return _number(value, False)
    return str(value)


def dumps(obj: object) -> str:
    """JSON text as the commands print it: UTF-8 kept readable, dates as ISO strings."""
    return json.dumps(obj, ensure_ascii=False, indent=2, default=_default)
