"""A figure stated twice, once rounded: the headline's "up nearly 50%" over the body's 47.3%.

ANNOTATION.md lists a figure stated twice in one passage once, at its most precise value. Exact
repeats are one figure already (`extractor._dedupe`); this module finds the rounded restatements: a
headline or a summary that gives the same series, metric, kind and period with fewer significant
digits ("Fraud cases up nearly 40 per cent" over "up 39.7 per cent"; 騙案損失逾20億 over 20.3億元;
"top HK$800 million" over HK$811 million; 去年罪案九萬宗 over 90,276宗). The rounded one is dropped.

A value is a rounding of another when it has fewer significant digits and the other lies where its
words put it: within half a unit of its last digit ("nearly", "about", or no word: 40 for 39.7),
at or above it and below one unit more ("more than", 逾: 800 million for 811 million, and with no
word a headline's leading digits: 七萬二千宗 for 72 911), or at or below it ("under", 不足). Two
figures of one series, metric, kind and period that differ by more are left alone: they are two
figures, one of which the reader may have placed wrongly. A rounded figure is kept when the precise
one is held back and it is not (the reader is surer of the headline).
"""

from __future__ import annotations

import math

from transform.figures.confidence import THRESHOLD
from transform.figures.model import Figure

__all__ = ["drop_rounded_restatements", "is_rounding_of"]


def _significant_digits(value: float) -> int:
    """Digits of `value` between its first and last non-zero digit: 90 000 -> 1, 2.03e9 -> 3, 39.7 -> 3."""
    digits = f"{abs(value):.6f}".replace(".", "").strip("0")
    return max(1, len(digits))


def _last_digit_unit(value: float) -> float:
    """The place value of the last significant digit of `value`: 90 000 -> 10 000, 39.7 -> 0.1."""
    magnitude = math.floor(math.log10(abs(value)))
    return 10.0 ** (magnitude - _significant_digits(value) + 1)


def _written_unit(written: str) -> float | None:
    """The unit a percentage written in 成 was rounded to: 六成 to ten points, 六成半 to five."""
    if "成" not in written:
        return None
    return 5.0 if "半" in written else 10.0


def is_rounding_of(rough: Figure, precise: Figure, written: str = "") -> bool:
    """Whether `rough` states `precise` again with fewer digits, as its qualifier says it does.
    `written`: the rough figure's words as published (六成半 is 65 rounded to five points)."""
    if not rough.value or not precise.value or (rough.value > 0) != (precise.value > 0):
        return False
    if _significant_digits(rough.value) >= _significant_digits(precise.value):
        return False
    r, p, unit = abs(rough.value), abs(precise.value), _last_digit_unit(rough.value)
    if rough.unit == "percent" and (in_tenths := _written_unit(written)) is not None:
        unit = in_tenths
    # a bound ending in 5 is a half step: 逾六成半 (over 65%) stands for 65-70, "over 15,000" for 15-20 000
    step = 5 * unit if round(r / unit) % 10 == 5 else unit
    if rough.qualifier == "more_than":
        return r <= p < r + step
    if rough.qualifier == "less_than":
        return r - step < p <= r
    # ... or a count or an amount cut to its leading digits, as headlines do (去年罪案跌至七萬二千宗 over
    # 72 911宗; not a percentage: 六成 is no restatement of 66.5%)
    truncated = rough.unit != "percent" and r <= p < r + unit
    return abs(p - r) <= unit / 2 + 1e-9 * r or truncated


def _outranks(precise: Figure, rough: Figure) -> bool:
    """The precise figure stands in for the rough one unless it alone is held back."""
    return precise.confidence >= min(rough.confidence, THRESHOLD)


def _key(f: Figure) -> tuple:
    return (f.jurisdiction, f.category, f.metric, f.kind, f.unit, f.period)


def drop_rounded_restatements(figures: list[Figure], text: str = "") -> list[Figure]:
    """`figures` without those that another figure of the same series, metric, kind and period
    states more precisely (order kept). `text`: the text the figures' spans point into."""
    by_key: dict[tuple, list[Figure]] = {}
    for f in figures:
        by_key.setdefault(_key(f), []).append(f)
    rounded = {
        id(f)
        for group in by_key.values()
        if len(group) > 1
        for f in group
        if any(
            other is not f
            and _outranks(other, f)
            and is_rounding_of(f, other, text[f.char_start : f.char_end])
            for other in group
        )
    }
    return [f for f in figures if id(f) not in rounded]
