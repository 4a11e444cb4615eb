"""Checking figures in news against the official numbers in the warehouse (DESIGN section 5, `check`).

A figure is compared at the precision it was published with: "HK$2.03 billion" agrees with
2 030 456 789, "about 15,600" with 15 637, "more than HK$9 billion" with anything from 9 to
10 billion, "nearly 50 per cent" with 47.3. When it disagrees, the most likely cause is named:

* change_read_as_level - the level equals the official change (absolute or %) for that period;
* wrong_unit           - off by a factor of a thousand or a million (million written for billion);
* rounding             - one step of its own precision away (rounded the wrong way or too coarsely);
* digit_slip           - same number of digits at the same precision, one or two of them differ
                         (38 824 for 39 824; 15 673 for 15 637);
* None                 - none of these.

Levels are checked against official-tier best observations; changes against the official
period-over-period change (year_ago unless the figure names the period it compares with).
The SQL view `article_figure_checks` (sql/claims.sql) applies the same rules to stored figures.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.db import connect
from warehouse.sql import load_sql

__all__ = ["OFFICIAL_TIERS", "apply_claim_views", "check_figure", "check_figures", "rounding_step"]

OFFICIAL_TIERS = ("official_table", "official_text")
_UNIT_FACTORS = (1e3, 1e6, 1e-3, 1e-6)
_EPS = 1e-9


def rounding_step(value: float | None) -> float:
    """The place value of the last significant digit (2 030 000 000 -> 1e7; 47.3 -> 0.1; 15 637 -> 1).

    Same rule as the warehouse macro `rounding_step`.
    """
    if not value:
        return 1.0
    for k in range(15, -4, -1):
        step = 10.0**k
        if abs(value - round(value / step) * step) < _EPS * max(1.0, abs(value)):
            return step
    return 1e-3


def _consistent(value: float, qualifier: str | None, official: float | None) -> bool:
    """Does `official` agree with `value` read at its own precision and qualifier?"""
    if official is None:
        return False
    step, eps = rounding_step(value), _EPS * max(1.0, abs(official))
    if qualifier == "more_than":
        return value - step / 2 - eps <= official <= value + step + eps
    if qualifier == "less_than":
        return value - step - eps <= official <= value + step / 2 + eps
    return abs(official - value) <= step / 2 + eps


def _digits_differing(a: int, b: int) -> int | None:
    sa, sb = str(abs(a)), str(abs(b))
    return sum(x != y for x, y in zip(sa, sb, strict=True)) if len(sa) == len(sb) else None


def _cause(fig: dict, official: dict, official_value: float) -> str | None:
    value, qualifier, kind = float(fig["value"]), fig.get("qualifier"), fig.get("kind")
    changes = (official.get("change_pct"), official.get("change_abs"))
    if kind == "level" and any(_consistent(value, qualifier, c) for c in changes):
        return "change_read_as_level"
    if (
        kind == "level"
        and fig.get("unit") != "percent"
        and any(_consistent(value * f, qualifier, official_value) for f in _UNIT_FACTORS)
    ):
        return "wrong_unit"
    step = rounding_step(value)
    a, b = round(value / step), round(official_value / step)
    if step > rounding_step(official_value):  # a rounded figure: one step off is rounding, more is not a slip
        return "rounding" if abs(a - b) <= 1 else None
    if (_digits_differing(a, b) or 0) in (1, 2):
        return "digit_slip"
    return None


def _official_value(kind: str | None, official: dict) -> float | None:
    if kind == "change_pct":
        return official.get("change_pct")
    if kind == "change_abs":
        return official.get("change_abs")
    if kind == "fold":  # government English: "a 3.8-fold increase" is an increase of 380%
        pct = official.get("change_pct")
        return None if pct is None else pct / 100
    return official.get("value")


def check_figure(fig: dict, official: dict | None) -> dict:
    """The figure with official_value, official_source, verdict and likely_cause added.

    `official` holds what the warehouse says for the figure's period: `value` (official best
    observation), `change_pct` and `change_abs` (official period-over-period change), and the
    `document_url` and `source_tier` of the official value; None when nothing official exists.
    """
    official = official or {}
    official_value = _official_value(fig.get("kind"), official)
    result = {**fig, "official_value": official_value, "official_source": None, "likely_cause": None}
    if official_value is None or fig.get("value") is None:
        return {**result, "verdict": "no_official_data"}
    if official.get("document_url"):
        result["official_source"] = {
            "document_url": official["document_url"],
            "source_tier": official.get("source_tier"),
        }
    if _consistent(float(fig["value"]), fig.get("qualifier"), official_value):
        return {**result, "verdict": "consistent"}
    return {**result, "verdict": "inconsistent", "likely_cause": _cause(fig, official, official_value)}


def _lookup(con: duckdb.DuckDBPyConnection, fig: dict) -> dict | None:
    """Official level and change for the figure's jurisdiction, category, metric and period."""
    if not fig.get("period") or fig.get("category") in (None, "", "unknown"):
        return None
    params = {
        "jurisdiction": fig.get("jurisdiction") or "HK",
        "category": fig["category"],
        "metric": fig.get("metric"),
        "period": fig["period"],
        "unit": fig.get("unit") if fig.get("kind") == "level" else None,
    }
    level = con.execute(load_sql("claims_official_level"), params).fetchone()
    change = con.execute(
        load_sql("claims_official_change"), {**params, "compared_with": fig.get("compared_with")}
    ).fetchone()
    if level is None and change is None:
        return None
    official = dict(zip(("value", "document_url", "source_tier"), level or (None,) * 3, strict=True))
    official.update(zip(("change_pct", "change_abs"), change or (None, None), strict=True))
    return official


def check_figures(db_path: Path, figures: list[dict]) -> list[dict]:
    """Each figure checked against the warehouse at `db_path` (opened read-only), in input order.

    Figures are dicts with at least jurisdiction, category, metric, unit, period (label), value,
    qualifier, kind and compared_with, as `cyberstats figures --json` prints them.
    """
    con = connect(Path(db_path), read_only=True)
    try:
        return [check_figure(fig, _lookup(con, fig)) for fig in figures]
    finally:
        con.close()


def apply_claim_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the claim-check macros and the `article_figure_checks` view; run after views.sql."""
    con.execute(load_sql("claims"))
