"""Rows -> Arrow tables that honour the contract of transform.schema, or a ValidationFailed that says why.

Plain checks rather than pandera: the rules are few, the rows are dicts straight from parsers (or an
Arrow table), and each broken rule must be reported with example rows (row number, category,
period, value, document_url), which is easier to shape by hand than to coax out of a pandera
failure-case frame.

Checks run by column (issue 13): each column is converted to Arrow once, and each rule is one
Arrow compute expression over the whole table giving a mask of the rows that break it; Python
touches single rows only to describe the few examples of a failure. A row loop over a million
observations took 693 s; the columns take about a second (as long as one DuckDB query asking
the same questions of the same table; `make bench`, case validate).

Conversions accepted per Arrow type (anything else is a "type" failure naming the column):
strings -> str; float64 -> int/float (not bool, not str); int32 -> int; date32 -> date, datetime or
ISO string; UTC timestamp -> aware datetime, naive datetime (taken as UTC) or ISO string. A column
whose Python values are all of the plain types goes to Arrow in one call; any other column is
converted value by value with the rules above, so a bad value is named with its row.
Exact duplicate rows (same id, same values) are dropped; the same id with different values fails.
Nothing is returned unless every row passes: a caller never loads part of a batch.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TypeAlias

import pyarrow as pa
import pyarrow.compute as pc

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

Rows: TypeAlias = Sequence[dict] | pa.Table
Mask: TypeAlias = pa.Array | pa.ChunkedArray  # boolean, True where a row BREAKS the rule (null = not broken)
Check: TypeAlias = Callable[[pa.Table], Iterator[tuple[str, Mask]]]  # (rule, mask) for each rule it checks


@dataclass
class _Report:
    """Broken rules, each with the number of rows breaking it and a few examples."""

    what: str
    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, rule: str, index: int, row: dict) -> None:
        """One row (number `index` of the input) breaks `rule`."""
        self.counts[rule] = self.counts.get(rule, 0) + 1
        shown = self.examples.setdefault(rule, [])
        if len(shown) < MAX_EXAMPLES:
            shown.append(_describe(index, row))

    def add_rows(self, rule: str, indices: pa.Array, table: pa.Table) -> None:
        """Rows `indices` of `table` (positions in the input) break `rule`: counted, a few described."""
        self.counts[rule] = self.counts.get(rule, 0) + len(indices)
        shown = self.examples.setdefault(rule, [])
        room = MAX_EXAMPLES - len(shown)
        if room > 0:
            picked = indices[:room]
            rows = table.take(picked).to_pylist()
            shown.extend(_describe(i, r) for i, r in zip(picked.to_pylist(), rows, strict=True))

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


def _describe(index: int, row: dict) -> str:
    """The example shape asked for by users reading a failure: which row, what, when, how much, where from."""
    return (
        f"row {index}: category={row.get('category')!r} period={row.get('period_label')!r} "
        f"value={row.get('value')!r} document_url={row.get('document_url') or row.get('url')!r}"
    )


# ---------------------------------------------------------------- conversion


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
    if not -(2**31) <= int(v) < 2**31:
        raise ValueError("out of the int32 range")
    return int(v)


def _to_str(v: object) -> str:
    if not isinstance(v, str):
        raise TypeError(type(v).__name__)
    return v


_NONE = type(None)


def _converter(typ: pa.DataType) -> tuple[Callable[[object], object], frozenset[type]]:
    """(value-by-value conversion, the Python types Arrow may convert in one call with the same result)."""
    if pa.types.is_timestamp(typ):
        return _to_ts, frozenset({datetime, _NONE})  # Arrow reads naive as UTC, aware as their instant
    if pa.types.is_date(typ):
        return _to_date, frozenset({date, _NONE})
    if pa.types.is_floating(typ):
        return _to_float, frozenset({float, int, _NONE})  # type(True) is bool: never in one call
    if pa.types.is_integer(typ):
        return _to_int, frozenset({int, _NONE})
    return _to_str, frozenset({str, _NONE})  # bytes would pass pa.array: not in one call


def _column(values: list, f: pa.Field, raw: Callable[[int], dict], report: _Report) -> pa.Array:
    """One column as Arrow; values that cannot be converted are reported (with their row) and null."""
    convert, plain = _converter(f.type)
    if set(map(type, values)) <= plain:
        try:
            return pa.array(values, type=f.type)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            pass  # e.g. an int too large: found and named value by value below
    out = []
    for i, v in enumerate(values):
        if v is not None:
            try:
                v = convert(v)
            except (TypeError, ValueError, OverflowError) as exc:
                report.add(
                    f"type: {f.name} must be {f.type}, got {type(v).__name__} {v!r} ({exc})", i, raw(i)
                )
                v = None
        out.append(v)
    return pa.array(out, type=f.type)


def _typed_from_rows(rows: Sequence[dict], sch: pa.Schema, report: _Report) -> list[pa.Array]:
    """Columns of the schema from dict rows; unknown keys are an error (a misspelt column would vanish)."""
    names = set(sch.names)
    if any(set(keys) - names for keys in set(map(tuple, rows))):
        for i, rec in enumerate(rows):
            extra = sorted(set(rec) - names)
            if extra:
                report.add(f"unknown column(s) {extra}", i, rec)
    return [_column([r.get(f.name) for r in rows], f, rows.__getitem__, report) for f in sch]


def _typed_from_table(table: pa.Table, sch: pa.Schema, report: _Report) -> list[pa.Array]:
    """Columns of the schema from an Arrow table: same-typed columns as they are, others converted."""
    extra = sorted(set(table.column_names) - set(sch.names))
    if extra:
        report.add_rows(f"unknown column(s) {extra}", pa.array(range(table.num_rows), pa.int64()), table)

    def raw(i: int) -> dict:
        return table.slice(i, 1).to_pylist()[0]

    out = []
    for f in sch:
        if f.name not in table.column_names:
            out.append(pa.nulls(table.num_rows, f.type))
            continue
        col = table.column(f.name)
        if col.type == f.type:
            out.append(col.combine_chunks())
        elif pa.types.is_null(col.type):
            out.append(pa.nulls(table.num_rows, f.type))
        else:
            out.append(_column(col.to_pylist(), f, raw, report))
    return out


def _fill_ids(
    columns: list[pa.Array],
    sch: pa.Schema,
    key: str,
    make_id: Callable[[dict], str],
    raw: Callable[[int], dict],
) -> None:
    """A missing or empty id is made from its row (the parsers' own recipe, transform.schema)."""
    at = sch.get_field_index(key)
    ids = columns[at]
    missing = pc.indices_nonzero(pc.fill_null(pc.equal(ids, ""), True)).to_pylist()
    if missing:
        filled = ids.to_pylist()
        for i in missing:
            filled[i] = make_id(raw(i))
        columns[at] = pa.array(filled, type=sch.field(key).type)


# ---------------------------------------------------------------- rules (Arrow compute over columns)


def _get(t: pa.Table, name: str) -> pa.ChunkedArray | pa.Array:
    """A column, or all nulls when the table has no such column (observations have no `kind`)."""
    return t.column(name) if name in t.column_names else pa.nulls(t.num_rows, pa.string())


def _isin(col: Mask, allowed: Iterable[str]) -> Mask:
    """True where `col` is one of `allowed`; False where it is null or anything else."""
    return pc.is_in(col, value_set=pa.array(sorted(allowed), pa.string()))


def _blank(col: Mask) -> Mask:
    """True where a string is empty or only whitespace (null: False)."""
    return pc.or_(pc.equal(col, ""), pc.utf8_is_space(col))


def _required(sch: pa.Schema) -> Check:
    def check(t: pa.Table) -> Iterator[tuple[str, Mask]]:
        for f in sch:
            if not f.nullable:
                yield f"{f.name} must not be null", pc.is_null(t.column(f.name))

    return check


def _in(column: str, allowed: Iterable[str]) -> Check:
    """Null is left to the required-column rule (some schemas allow it)."""
    allowed = tuple(allowed)

    def check(t: pa.Table) -> Iterator[tuple[str, Mask]]:
        col = t.column(column)
        yield f"{column} must be one of {allowed}", pc.and_(pc.is_valid(col), pc.invert(_isin(col, allowed)))

    return check


def _non_empty(column: str) -> Check:
    def check(t: pa.Table) -> Iterator[tuple[str, Mask]]:
        yield f"{column} must be non-empty", _blank(t.column(column))

    return check


def _ranges() -> list[tuple[str, float, float]]:
    """(what the range is for, low, high), in the order the error lists them."""
    ranges = [("a % change", *CHANGE_PCT_BOUNDS)]
    ranges += [(f"a change in {u}", -hi, hi) for u, (_lo, hi) in LEVEL_BOUNDS.items()]
    ranges += [(f"metric {m} in {u}", lo, hi) for (m, u), (lo, hi) in METRIC_BOUNDS.items()]
    ranges += [(f"unit {u}", lo, hi) for u, (lo, hi) in LEVEL_BOUNDS.items()]
    return ranges


def _range_of(t: pa.Table) -> dict[str, Mask]:
    """Which range applies to each row, by kind, then (metric, unit), then unit: what -> rows."""
    unit, kind, metric = t.column("unit"), _get(t, "kind"), t.column("metric")
    taken = pc.fill_null(pc.equal(kind, "change_pct"), False)
    groups = {"a % change": taken}

    def claim(what: str, cond: Mask) -> None:
        nonlocal taken
        rows = pc.and_(pc.fill_null(cond, False), pc.invert(taken))
        groups[what] = rows
        taken = pc.or_(taken, rows)

    for u in LEVEL_BOUNDS:
        claim(f"a change in {u}", pc.and_(pc.equal(kind, "change_abs"), pc.equal(unit, u)))
    for m, u in METRIC_BOUNDS:
        claim(f"metric {m} in {u}", pc.and_(pc.equal(metric, m), pc.equal(unit, u)))
    for u in LEVEL_BOUNDS:
        claim(f"unit {u}", pc.equal(unit, u))
    return groups


def _value_checks(t: pa.Table) -> Iterator[tuple[str, Mask]]:
    """Finite, not a negative level, within the plausible range that applies to the row."""
    value = t.column("value")
    finite = pc.fill_null(pc.is_finite(value), False)
    yield "value must be finite", pc.and_(pc.is_valid(value), pc.invert(finite))
    negative = pc.and_(
        pc.less(value, 0.0),
        pc.invert(pc.or_(_isin(t.column("unit"), SIGNED_UNITS), _isin(_get(t, "kind"), SIGNED_KINDS))),
    )
    negative = pc.fill_null(negative, False)
    yield "value must be >= 0 (only percent units and change figures may be negative)", negative
    checkable = pc.and_(finite, pc.invert(negative))  # other rules report missing, infinite, negative
    groups = _range_of(t)
    for what, lo, hi in _ranges():
        outside = pc.or_(pc.less(value, lo), pc.greater(value, hi))
        yield (
            f"value must be within [{lo:g}, {hi:g}] for {what}",
            pc.and_(pc.and_(groups[what], checkable), outside),
        )


def _period_order(t: pa.Table) -> Iterator[tuple[str, Mask]]:
    yield "period_end must be >= period_start", pc.less(t.column("period_end"), t.column("period_start"))


def _category(known: Collection[str]) -> Check:
    def check(t: pa.Table) -> Iterator[tuple[str, Mask]]:
        cat = t.column("category")
        unknown = pc.equal(cat, "unknown")
        no_label = pc.fill_null(_blank(t.column("source_label")), True)
        broken = pc.if_else(unknown, no_label, pc.invert(_isin(cat, known)))
        yield "category must be a known id, or 'unknown' with the raw label in source_label", broken

    return check


def _measure_checks(known: Collection[str] | None) -> list[Check]:
    """Checks shared by observations and article figures (the columns they share)."""
    checks = [
        _in("unit", schema.UNITS),
        _in("source_tier", schema.TIERS),
        _in("qualifier", schema.QUALIFIERS),
        _in("period_type", schema.PERIOD_TYPES),
        _value_checks,
        _period_order,
        _non_empty("document_url"),
    ]
    if known is not None:
        checks.append(_category(known))
    return checks


def _apply(t: pa.Table, checks: list[Check], report: _Report) -> None:
    """Every rule over the whole table; rules are listed in the order a row-by-row pass meets them."""
    broken = []
    for order, (rule, mask) in enumerate(m for check in checks for m in check(t)):
        rows = pc.indices_nonzero(pc.fill_null(mask, False))
        if len(rows):
            broken.append((rows[0].as_py(), order, rule, rows))
    for _first, _order, rule, rows in sorted(broken, key=lambda b: b[:2]):
        report.add_rows(rule, rows, t)


def _dedupe(t: pa.Table, key: str, report: _Report) -> pa.Table:
    """Drop exact repeats of an id (the first copy stays, in input order); the same id with
    different values is a broken rule, reported on the later rows."""
    ids = t.column(key)
    if pc.count_distinct(ids, mode="all").as_py() == t.num_rows:
        return t
    position = pa.array(range(t.num_rows), pa.int64())
    firsts = pa.table({key: ids, "_i": position}).group_by(key, use_threads=False).aggregate([("_i", "min")])
    first_of_row = pc.take(firsts["_i_min"], pc.index_in(ids, value_set=firsts[key]))
    later = pc.indices_nonzero(pc.not_equal(first_of_row, position))
    a, b = t.take(later), t.take(pc.take(first_of_row, later))
    differs = pa.repeat(False, len(later))
    for name in t.column_names:
        x, y = a.column(name), b.column(name)
        same = pc.fill_null(pc.equal(x, y), False)
        same = pc.or_(same, pc.and_(pc.is_null(x), pc.is_null(y)))
        differs = pc.or_(differs, pc.invert(same))
    bad = pc.filter(later, differs)
    if len(bad):
        report.add_rows(f"duplicate {key} with different values", bad, t)
    return t.take(pc.take(firsts["_i_min"], pc.sort_indices(firsts["_i_min"])))


def _validate(
    rows: Rows,
    sch: pa.Schema,
    key: str,
    make_id: Callable[[dict], str],
    checks: list[Check],
    what: str,
) -> pa.Table:
    report = _Report(what)
    if isinstance(rows, pa.Table):
        columns = _typed_from_table(rows, sch, report)
        _fill_ids(columns, sch, key, make_id, lambda i: rows.slice(i, 1).to_pylist()[0])
    else:
        columns = _typed_from_rows(rows, sch, report)
        _fill_ids(columns, sch, key, make_id, rows.__getitem__)
    typed = pa.Table.from_arrays(columns, schema=sch)
    _apply(typed, [_required(sch), *checks], report)
    unique = _dedupe(typed, key, report)
    report.raise_if_any()
    return unique


# ---------------------------------------------------------------- public


def validate_observations(rows: Rows, *, known_categories: Collection[str]) -> pa.Table:
    """Observation rows (dicts or an Arrow table) as an Arrow table with exactly OBSERVATION_SCHEMA;
    ValidationFailed otherwise."""
    return _validate(
        rows,
        schema.OBSERVATION_SCHEMA,
        "observation_id",
        schema.observation_id,
        _measure_checks(known_categories),
        f"{_count(rows)} observation row(s) failed validation",
    )


def validate_articles(rows: Rows) -> pa.Table:
    """Article rows as an Arrow table with exactly ARTICLE_SCHEMA; ValidationFailed otherwise."""
    checks = [_non_empty("url"), _non_empty("sha256"), _in("source_tier", schema.TIERS)]
    return _validate(
        rows,
        schema.ARTICLE_SCHEMA,
        "article_id",
        schema.article_id,
        checks,
        f"{_count(rows)} article row(s) failed validation",
    )


def validate_article_figures(rows: Rows, *, known_categories: Collection[str] | None = None) -> pa.Table:
    """Figure rows as an Arrow table with exactly ARTICLE_FIGURE_SCHEMA; ValidationFailed otherwise.

    Change figures (change_pct, change_abs) may be negative; the period may be unknown (null).
    Categories are checked only when `known_categories` is given.
    """
    checks = [*_measure_checks(known_categories), _in("kind", schema.FIGURE_KINDS)]
    return _validate(
        rows,
        schema.ARTICLE_FIGURE_SCHEMA,
        "figure_id",
        schema.figure_id,
        checks,
        f"{_count(rows)} article figure row(s) failed validation",
    )


def validate_documents(rows: Rows) -> pa.Table:
    """Document rows as an Arrow table with exactly DOCUMENT_SCHEMA; ValidationFailed otherwise."""
    checks = [_non_empty("url"), _non_empty("sha256"), _non_empty("source_id")]
    return _validate(
        rows,
        schema.DOCUMENT_SCHEMA,
        "document_id",
        schema.document_id,
        checks,
        f"{_count(rows)} document row(s) failed validation",
    )


def _count(rows: Rows) -> int:
    return rows.num_rows if isinstance(rows, pa.Table) else len(rows)
