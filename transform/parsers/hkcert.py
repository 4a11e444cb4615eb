"""HKCERT security incident counts (`datagovhk/monthly_incident_report_en.json`, SOURCES.md 3.4).

THE LAYOUT IS INFERRED: the real JSON file has not been seen. What is known is that HKCERT
publishes monthly incident counts from January 2018 by incident type (Botnet, Phishing, Malware,
Web Defacement/Intrusion, DDoS, Others). So the file is read by meaning, accepting:

* a list of records, bare or under one key of a top-level object (`{"data": [...]}`), or an
  object keyed by period (`{"2018-01": {"Botnet": 12, ...}}`);
* a period per record from `Year` + `Month` (number or name; empty month = the whole year), or
  from one `Date`/`Period` value such as `2018-01`, `2018/01`, `Jan 2018` or `2018`;
* counts either as one key per incident type (wide) or as a type/count pair
  (`{"Incident Type": "Phishing", "Number of Incidents": 12}`).

Anything else fails with LayoutChanged naming the record and the keys seen.

HKCERT incidents are not police cases: they get their own categories (hkcert_*), metric
`incidents`. Labels are looked up in the shared category file with scope `hkcert`, where
"Phishing" is `hkcert_phishing` (unscoped it would be the police category `phishing`).
"""

from __future__ import annotations

import re
from typing import Any

from extract.document import Document
from transform.categories import lookup_category
from transform.document import ParseResult
from transform.exceptions import LayoutChanged, TransformError
from transform.jsontext import load_json
from transform.periods import parse_period, period_from_label
from transform.tablecells import official_row, parse_count

__all__ = ["PARSER_VERSION", "hkcert_category", "parse_monthly"]

PARSER_VERSION = "hkcert/1"
METRIC = "incidents"

_YEAR_KEYS = {"year", "yr", "年份", "年"}
_MONTH_KEYS = {"month", "mth", "月份", "月"}
_DATE_KEYS = {"date", "period", "yearmonth", "reportmonth", "reportdate", "日期"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_PERIOD_KEY = re.compile(r"(?:19|20)\d{2}(?:[-/]\d{1,2})?")


def _norm(key: str) -> str:
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]", "", str(key).lower())


def hkcert_category(label: str) -> str | None:
    """The hkcert_* category of an incident-type label (shared category file, scope `hkcert`), else None.

    Only hkcert_* ids are accepted: an HKCERT incident is never stored under a police category.
    """
    category = lookup_category(label, scope="hkcert")
    return category if category and category.startswith("hkcert_") else None


def _is_type_key(key: str) -> bool:
    return any(w in _norm(key) for w in ("type", "category", "類別", "類型"))


def _is_count_key(key: str) -> bool:
    norm = _norm(key)
    return any(w in norm for w in ("count", "number", "數目", "宗數")) or norm in {"value", "incidents"}


def _records(data: Any, url: str) -> list[dict]:
    """The list of records in the file, wherever the inferred layouts put it."""
    if isinstance(data, dict) and data and all(_PERIOD_KEY.fullmatch(str(k)) for k in data):
        return [{"period": k, **v} for k, v in data.items() if isinstance(v, dict)]
    records = data
    if isinstance(data, dict):
        records = next(
            (v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)), None
        )
    if isinstance(records, list) and records and all(isinstance(r, dict) for r in records):
        return records
    found = (
        f"keys {sorted(map(str, data))[:10]}"
        if isinstance(data, dict)
        else f"{type(data).__name__} {data!r:.80}"
    )
    raise LayoutChanged(
        url, "a list of incident records (bare, under one key, or keyed by period)", f"{found!r}"
    )


def _month(value: Any) -> int | None:
    """1..12 from 1, "01", "Jan", "January"; None for an empty month (a whole-year record)."""
    text = str(value).strip().lower() if value is not None else ""
    if not text:
        return None
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    if text[:3] in _MONTHS and text.isalpha():
        return _MONTHS.index(text[:3]) + 1
    raise ValueError(f"month {value!r}")


def _period(record: dict):
    """The period a record covers (a month, or a year when it has no month); ValueError if it names none."""
    keys = {_norm(k): k for k in record}
    year_key = next((keys[k] for k in keys if k in _YEAR_KEYS), None)
    month_key = next((keys[k] for k in keys if k in _MONTH_KEYS), None)
    date_key = next((keys[k] for k in keys if k in _DATE_KEYS), None)
    if year_key is not None and str(record[year_key]).strip().isdigit():
        year = int(str(record[year_key]).strip())
        month = _month(record.get(month_key)) if month_key is not None else None
        return period_from_label(f"{year}-{month:02d}" if month else f"{year}")
    text = str(record.get(date_key if date_key is not None else month_key, "") or "").strip()
    if m := re.fullmatch(r"((?:19|20)\d{2})(?:[-/](\d{1,2})(?:[-/]\d{1,2})?)?", text):
        return period_from_label(f"{m[1]}-{int(m[2]):02d}" if m[2] else m[1])
    try:
        return parse_period(text) if text else None
    except TransformError:
        return None


def _count(value: Any) -> float | None:
    """A count from a JSON number or a number-like string; None when absent."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(f"negative count {value!r}")
        return float(value)
    return parse_count(str(value)).value


def _pairs(record: dict) -> list[tuple[str, Any]]:
    """(incident-type label, raw count) pairs of a record, in type/count or wide form."""
    type_key = next((k for k in record if _is_type_key(k)), None)
    count_key = next((k for k in record if _is_count_key(k)), None)
    if type_key is not None and count_key is not None:
        return [(str(record[type_key]), record[count_key])]
    period_keys = _YEAR_KEYS | _MONTH_KEYS | _DATE_KEYS
    return [
        (k, v)
        for k, v in record.items()
        if _norm(k) not in period_keys and (isinstance(v, int | float) and not isinstance(v, bool))
    ]


def parse_monthly(doc: Document) -> ParseResult:
    """Incident counts per type and period (month, or year for year-only records)."""
    data = load_json(doc, "a JSON document")
    result = ParseResult()
    for index, record in enumerate(_records(data, doc.url)):
        try:
            period = _period(record)
        except (ValueError, TransformError) as err:  # e.g. a 400-digit year (found by fuzzing)
            raise LayoutChanged(doc.url, f"a year and month in record {index}", str(err)[:200]) from None
        pairs = _pairs(record)
        if period is None or not pairs:
            raise LayoutChanged(
                doc.url,
                f"a period (Year/Month/Date) and incident counts in record {index}",
                f"keys {sorted(map(str, record))!r}",
            )
        for label, raw in pairs:
            _add(result, doc, label, raw, period, index)
    return result


def _add(result: ParseResult, doc: Document, label: str, raw: Any, period, index: int) -> None:
    """Append one observation (or note an empty count) for an incident type in a record."""
    try:
        value = _count(raw)
    except ValueError as err:
        raise LayoutChanged(doc.url, f"a count for {label!r} in record {index}", str(err)) from None
    if value is None:
        result.notes.append(f"record {index}: no count for {label!r} {period.label}")
        return
    category = hkcert_category(label)
    if category is None and label not in result.unknown_labels:
        result.unknown_labels.append(label)
    result.observations.append(
        official_row(
            doc,
            category=category or "unknown",
            source_label=label,
            metric=METRIC,
            period=period,
            value=value,
            parser_version=PARSER_VERSION,
        )
    )
