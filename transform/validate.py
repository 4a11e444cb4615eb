"""Rows -> Arrow tables that honour the contract of transform.schema, or a ValidationFailed that says why.

Plain checks rather than pandera: the rules are few, the rows are dicts straight from parsers, and
each broken rule must be reported with example rows (category, period, value, document_url), which
is easier to shape by hand than to coax out of a pandera failure-case frame.

Conversions accepted per Arrow type (anything else is a "type" failure naming the column):
strings -> str; float64 -> int/float (not bool, not str); int32 -> int; date32 -> date, datetime or
ISO string; UTC timestamp -> aware datetime, naive datetime (taken as UTC) or ISO string.
Exact duplicate rows (same id, same values) are dropped; the same id with different values fails.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pyarrow as pa

from transform import schema
from transform.exceptions import ValidationFailed

MAX_EXAMPLES = 3
# units whose values can never be negative in a level (a count of cases, an amount of money)
SIGNED_UNITS = frozenset({"percent"})
SIGNED_KINDS = frozenset({"change_pct", "change_abs"})

# Plausible ranges (issue 12): a value outside them is a misreading (a 400-digit number, 1e50 %),
# never a statistic. Generous on purpose: news figures such as "1.3 billion calls blocked" must
# pass; what is refused is what no Hong Kong statistic can be. (low, high), inclusive.
LEVEL_BOUNDS = {
    "count": (0.0, 1e10),  # more than the world's population
    "HKD": (0.0, 1e13),  # several times Hong Kong's GDP
    "USD": (0.0, 1e13),
    "percent": (-100.0, 1e5),  # observations may hold a published % change (metric "change")
    "ratio": (0.0, 1e5),
}
CHANGE_PCT_BOUNDS = (-100.0, 1e5)  # nothing falls by more than 100 %
# metric-specific ranges, by (metric, unit), for levels
METRIC_BOUNDS = {("detection_rate", "percent"): (0.0, 100.0)}

Row = dict
Rule = tuple[str, Callable[[Row], bool]]  # (description, predicate that is True when the row is BROKEN)


@dataclass
class _Report:
    """Broken rules, each with the number of rows breaking it and a few examples."""

    what: str
    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, rule: str, row: Row) -> None:
        self.counts[rule] = self.counts.get(rule, 0) + 1
        shown = self.examples.setdefault(rule, [])
        if len(shown) < MAX_EXAMPLES:
            shown.append(_describe(row))

    def raise_if_any(self) -> None:
        if not self.counts:
            return
        lines = [f"{self.what}: {len(self.counts)} rule(s) broken"]
        for rule, n in self.counts.items():
            lines.append(f"- {rule}: {n} row(s), e.g.")
            lines.extend(f"    {ex}" for ex in self.examples[rule])
        err = ValidationFailed("\n".join(lines))
        err.problems = dict(self.counts)  # rule -> number of rows, for callers that report
        raise err


def _describe(row: Row) -> str:
    """The example shape asked for by users reading a failure: what, when, how much, where from."""
    return (
        f"category={row.get('category')!r} period={row.get('period_label')!r} "
        f"value={row.get('value')!r} document_url={row.get('document_url') or row.get('url')!r}"
    )


# ---------------------------------------------------------------- conversion


def _records(rows: list[dict]) -> list[dict]:
    """Copies of the rows, so that filling a missing id never changes the caller's dicts."""
    return [dict(r) for r in rows]


def _to_date(v: object) -> date:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        return date.fromisoformat(v[:10])
    raise TypeError(type(v).__name__)


def _to_ts(v: object) -> datetime:
    if isinstance(v, str):
        v = datetime.fromisoformat(v)
    if isinstance(v, datetime):
        return v.replace(tzinfo=UTC) if v.tzinfo is None else v.astimezone(UTC)
    raise TypeError(type(v).__name__)


def _to_float(v: object) -> float:
    if isinstance(v, bool) or not isinstance(v, numbers.Real):
        raise TypeError(type(v).__name__)
    return float(v)


def _to_int(v: object) -> int:
    if isinstance(v, bool) or not isinstance(v, numbers.Integral):
        raise TypeError(type(v).__name__)
    return int(v)


def _to_str(v: object) -> str:
    if not isinstance(v, str):
        raise TypeError(type(v).__name__)
    return v


def _converter(typ: pa.DataType) -> Callable[[object], object]:
    if pa.types.is_timestamp(typ):
        return _to_ts
    if pa.types.is_date(typ):
        return _to_date
    if pa.types.is_floating(typ):
        return _to_float
    if pa.types.is_integer(typ):
        return _to_int
    return _to_str


def _coerce(records: list[dict], sch: pa.Schema, report: _Report) -> list[dict]:
    """Each record reduced to the schema's columns with Python values of the right type.

    Unknown extra keys are an error (a misspelt column would otherwise vanish silently).
    """
    out = []
    for rec in records:
        extra = sorted(set(rec) - set(sch.names))
        if extra:
            report.add(f"unknown column(s) {extra}", rec)
        row = {}
        for f in sch:
            v = rec.get(f.name)
            if v is not None:
                try:
                    v = _converter(f.type)(v)
                except (TypeError, ValueError) as exc:
                    report.add(f"type: {f.name} must be {f.type}, got {type(v).__name__} {v!r} ({exc})", rec)
                    v = None
            row[f.name] = v
        out.append(row)
    return out


# ---------------------------------------------------------------- rules


def _not_null(column: str) -> Rule:
    return (f"{column} must not be null", lambda r: r[column] is None)


def _required(sch: pa.Schema) -> list[Rule]:
    return [_not_null(f.name) for f in sch if not f.nullable]


def _in(column: str, allowed: Iterable[str]) -> Rule:
    """Null is left to the required-column rule (some schemas allow it)."""
    allowed = tuple(allowed)
    return (
        f"{column} must be one of {allowed}",
        lambda r: r[column] is not None and r[column] not in allowed,
    )


def _finite(r: Row) -> bool:
    return r["value"] is not None and not math.isfinite(r["value"])


def _negative_level(r: Row) -> bool:
    v = r["value"]
    return v is not None and v < 0 and r.get("unit") not in SIGNED_UNITS and r.get("kind") not in SIGNED_KINDS


def _bounds(r: Row) -> tuple[str, float, float] | None:
    """(what the range is for, low, high) of a row's value by metric, unit and kind; None if none known."""
    unit, kind, metric = r.get("unit"), r.get("kind"), r.get("metric")
    if kind == "change_pct":
        return ("a % change", *CHANGE_PCT_BOUNDS)
    if kind == "change_abs" and unit in LEVEL_BOUNDS:
        return (f"a change in {unit}", -LEVEL_BOUNDS[unit][1], LEVEL_BOUNDS[unit][1])
    if isinstance(metric, str) and isinstance(unit, str) and (metric, unit) in METRIC_BOUNDS:
        return (f"metric {metric} in {unit}", *METRIC_BOUNDS[(metric, unit)])
    if unit in LEVEL_BOUNDS:
        return (f"unit {unit}", *LEVEL_BOUNDS[unit])
    return None


def _outside(what: str) -> Callable[[Row], bool]:
    def broken(r: Row) -> bool:
        v, bounds = r["value"], _bounds(r)
        if v is None or bounds is None or bounds[0] != what or not math.isfinite(v) or _negative_level(r):
            return False  # other rules report missing, infinite and negative values
        return not bounds[1] <= v <= bounds[2]

    return broken


def _bounds_rules() -> list[Rule]:
    """One rule per range, so that the error names the range a refused value broke."""
    ranges = [("a % change", *CHANGE_PCT_BOUNDS)]
    ranges += [(f"a change in {u}", -hi, hi) for u, (_lo, hi) in LEVEL_BOUNDS.items()]
    ranges += [(f"metric {m} in {u}", lo, hi) for (m, u), (lo, hi) in METRIC_BOUNDS.items()]
    ranges += [(f"unit {u}", lo, hi) for u, (lo, hi) in LEVEL_BOUNDS.items()]
    return [(f"value must be within [{lo:g}, {hi:g}] for {what}", _outside(what)) for what, lo, hi in ranges]


def _period_reversed(r: Row) -> bool:
    s, e = r.get("period_start"), r.get("period_end")
    return s is not None and e is not None and e < s


def _blank(column: str) -> Rule:
    return (f"{column} must be non-empty", lambda r: r[column] is not None and not r[column].strip())


def _category_rule(known: Collection[str]) -> Rule:
    def broken(r: Row) -> bool:
        cat = r["category"]
        if cat is None:
            return False  # reported by the null rule
        if cat == "unknown":
            return not (r.get("source_label") or "").strip()
        return cat not in known

    return ("category must be a known id, or 'unknown' with the raw label in source_label", broken)


def _measure_rules(known: Collection[str] | None) -> list[Rule]:
    """Rules shared by observations and article figures (the columns they share)."""
    rules = [
        _in("unit", schema.UNITS),
        _in("source_tier", schema.TIERS),
        _in("qualifier", schema.QUALIFIERS),
        _in("period_type", schema.PERIOD_TYPES),
        ("value must be finite", _finite),
        ("value must be >= 0 (only percent units and change figures may be negative)", _negative_level),
        *_bounds_rules(),
        ("period_end must be >= period_start", _period_reversed),
        _blank("document_url"),
    ]
    if known is not None:
        rules.append(_category_rule(known))
    return rules


def _apply(rows: list[dict], rules: list[Rule], report: _Report) -> None:
    for row in rows:
        for rule, broken in rules:
            if broken(row):
                report.add(rule, row)


def _dedupe(rows: list[dict], key: str, report: _Report) -> list[dict]:
    """Drop exact repeats of an id; the same id with different values is a broken rule."""
    seen: dict[str, dict] = {}
    for row in rows:
        first = seen.setdefault(row[key], row)
        if first is not row and first != row:
            report.add(f"duplicate {key} with different values", row)
    return list(seen.values())


def _validate(
    rows: list[dict],
    sch: pa.Schema,
    key: str,
    make_id: Callable[[dict], str],
    rules: list[Rule],
    what: str,
) -> pa.Table:
    report = _Report(what)
    records = _records(rows)
    for rec in records:
        if not rec.get(key):
            rec[key] = make_id(rec)
    typed = _coerce(records, sch, report)
    _apply(typed, _required(sch) + rules, report)
    unique = _dedupe(typed, key, report)
    report.raise_if_any()
    return pa.Table.from_pylist(unique, schema=sch)


# ---------------------------------------------------------------- public


def validate_observations(rows: list[dict], *, known_categories: Collection[str]) -> pa.Table:
    """Observation rows as an Arrow table with exactly OBSERVATION_SCHEMA; ValidationFailed otherwise."""
    return _validate(
        rows,
        schema.OBSERVATION_SCHEMA,
        "observation_id",
        schema.observation_id,
        _measure_rules(known_categories),
        f"{len(rows)} observation row(s) failed validation",
    )


def validate_articles(rows: list[dict]) -> pa.Table:
    """Article rows as an Arrow table with exactly ARTICLE_SCHEMA; ValidationFailed otherwise."""
    rules = [_blank("url"), _blank("sha256"), _in("source_tier", schema.TIERS)]
    return _validate(
        rows,
        schema.ARTICLE_SCHEMA,
        "article_id",
        schema.article_id,
        rules,
        f"{len(rows)} article row(s) failed validation",
    )


def validate_article_figures(
    rows: list[dict], *, known_categories: Collection[str] | None = None
) -> pa.Table:
    """Figure rows as an Arrow table with exactly ARTICLE_FIGURE_SCHEMA; ValidationFailed otherwise.

    Change figures (change_pct, change_abs) may be negative; the period may be unknown (null).
    Categories are checked only when `known_categories` is given.
    """
    rules = [*_measure_rules(known_categories), _in("kind", schema.FIGURE_KINDS)]
    return _validate(
        rows,
        schema.ARTICLE_FIGURE_SCHEMA,
        "figure_id",
        schema.figure_id,
        rules,
        f"{len(rows)} article figure row(s) failed validation",
    )


def validate_documents(rows: list[dict]) -> pa.Table:
    """Document rows as an Arrow table with exactly DOCUMENT_SCHEMA; ValidationFailed otherwise."""
    rules = [_blank("url"), _blank("sha256"), _blank("source_id")]
    return _validate(
        rows,
        schema.DOCUMENT_SCHEMA,
        "document_id",
        schema.document_id,
        rules,
        f"{len(rows)} document row(s) failed validation",
    )
