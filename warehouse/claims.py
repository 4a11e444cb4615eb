"""Checking figures in news against the warehouse (DESIGN section 5, `check`), in tiers.

1. **Official.** Levels against the official best observation (official_table > official_text);
   changes against the official period-over-period change (both values official; year_ago unless
   the figure names its base), else against a change an official release stated itself ("losses up
   28%" when last year's loss was never published). Verdict `consistent` or `inconsistent`.
2. **Other sources**, where nothing official exists: every other publisher of the same
   (jurisdiction, category, metric, period) — media observations for levels, stated changes for
   changes. `corroborated` (two or more independent publishers agree, named), `single_source`
   (one publisher has it and agrees), `disputed` (at least one disagrees: which, by how much, the
   likely cause). Publishers are independent when their catalogue source ids differ (two SCMP
   articles are one publisher).
3. `no_official_data` when no source has it at all; `unclear` when the figure reader was not
   confident of the figure (its `confidence` below `UNCLEAR_BELOW`, the reader's own threshold;
   a figure without a confidence is taken as confident). The comparison is still shown for an unclear figure.

Each result says the tier its verdict stands on (`basis`) and lists the `sources` it was compared
with (URL, tier, value, quote, whether it agrees; `sample` for pages this project wrote).

A figure is compared at the precision it was published with: "HK$2.03 billion" agrees with
2 030 456 789, "about 15,600" with 15 637, "more than HK$9 billion" with anything from 9 to
10 billion, "nearly 50 per cent" with 47.3. When it disagrees, the most likely cause is named:

* change_read_as_level - the level equals the official change (absolute or %) for that period;
* wrong_unit           - off by a factor of a thousand or a million (million written for billion);
* rounding             - one step of its own precision away (rounded the wrong way or too coarsely);
* digit_slip           - same number of digits at the same precision, one or two of them differ
                         (38 824 for 39 824; 15 673 for 15 637);
* None                 - none of these.

The SQL view `article_figure_checks` (sql/claims.sql) applies the same rules to stored figures.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from extract.sample import is_sample_url
from transform.figures.confidence import THRESHOLD as CONFIDENCE_THRESHOLD
from warehouse.db import connect
from warehouse.sql import load_sql

__all__ = [
    "OFFICIAL_TIERS",
    "UNCLEAR_BELOW",
    "apply_claim_views",
    "check_figure",
    "check_figures",
    "corroborate",
    "mark_unclear",
    "rounding_step",
]

OFFICIAL_TIERS = ("official_table", "official_text")
# A figure the reader scored below its own threshold (transform.figures `confidence`, 0..1) gets
# verdict `unclear`; sql/claims.sql uses the same number.
UNCLEAR_BELOW = CONFIDENCE_THRESHOLD
_TIER_RANK = {"official_table": 1, "official_text": 2, "media": 3}
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
        result["official_source"] = _source_entry(official, official_value)
    result["basis"] = official.get("source_tier")
    if _consistent(float(fig["value"]), fig.get("qualifier"), official_value):
        return {**result, "verdict": "consistent"}
    return {**result, "verdict": "inconsistent", "likely_cause": _cause(fig, official, official_value)}


def _source_entry(row: dict, value: float | None) -> dict:
    """What a figure was compared with: the document, its tier and quote, and the value it gives."""
    entry = {
        "document_url": row.get("document_url"),
        "source_tier": row.get("source_tier"),
        "source_id": row.get("source_id"),
        "value": value,
        "quote": row.get("quote"),
        "sample": is_sample_url(row.get("document_url")),
    }
    if row.get("prior_document_url"):
        entry["prior_document_url"] = row["prior_document_url"]
        entry["prior_source_tier"] = row.get("prior_source_tier")
    return entry


def _agrees(fig: dict, other: dict) -> bool:
    """Two publications of one number agree when either reads as the other at its own precision."""
    value, other_value = float(fig["value"]), float(other["value"])
    return _consistent(value, fig.get("qualifier"), other_value) or _consistent(
        other_value, other.get("qualifier"), value
    )


def corroborate(fig: dict, others: list[dict]) -> dict:
    """The figure judged against the other (non-official) publications of the same thing.

    `others` are rows with source_id, source_tier, document_url, value, qualifier, quote. Verdict:
    `disputed` when any disagrees, else `corroborated` (two or more publishers) or `single_source`
    (one); `no_official_data` when there are none.
    """
    result = {**fig, "official_value": None, "official_source": None, "likely_cause": None, "basis": None}
    if fig.get("value") is None or not others:
        return {**result, "verdict": "no_official_data", "sources": []}
    sources = [_compared(fig, other) for other in others]
    agreeing = sorted({s["source_id"] for s in sources if s["agrees"]})
    disagreeing = [s for s in sources if not s["agrees"]]
    basis = min((s["source_tier"] for s in sources), key=lambda t: _TIER_RANK.get(t, 9))
    result.update(sources=sources, agreeing_sources=agreeing, basis=basis)
    if disagreeing:  # the cause named is that of the first disagreeing document by URL (as in SQL)
        first = min(disagreeing, key=lambda s: s["document_url"] or "")
        return {**result, "verdict": "disputed", "likely_cause": first["likely_cause"]}
    return {**result, "verdict": "corroborated" if len(agreeing) >= 2 else "single_source"}


def _compared(fig: dict, other: dict) -> dict:
    """One other publication, with whether it agrees, by how much it differs and the likely cause."""
    entry = {**_source_entry(other, float(other["value"])), "qualifier": other.get("qualifier")}
    entry["published_at"] = other.get("published_at")
    entry["agrees"] = _agrees(fig, other)
    difference = float(fig["value"]) - float(other["value"])
    entry["difference"] = None if entry["agrees"] else difference
    entry["difference_pct"] = (
        None if entry["agrees"] or not other["value"] else round(difference / abs(other["value"]) * 100, 1)
    )
    entry["likely_cause"] = None if entry["agrees"] else _cause(fig, {}, float(other["value"]))
    return entry


def mark_unclear(result: dict, threshold: float = UNCLEAR_BELOW) -> dict:
    """Verdict `unclear` when the reader's confidence in the figure is below `threshold`.

    The comparison stays in the result (what it would have been is in `verdict_if_read_right`); a
    figure without a confidence (readers before it was added) is taken as confident.
    """
    confidence = result.get("confidence")
    if confidence is None or float(confidence) >= threshold:
        return result
    return {
        **result,
        "verdict": "unclear",
        "verdict_if_read_right": result["verdict"],
        "unclear_reason": f"the figure reader's confidence {float(confidence):.2f} is below {threshold}",
    }


def _params(fig: dict) -> dict | None:
    if not fig.get("period") or fig.get("category") in (None, "", "unknown") or fig.get("value") is None:
        return None
    return {
        "jurisdiction": fig.get("jurisdiction") or "HK",
        "category": fig["category"],
        "metric": fig.get("metric"),
        "period": fig["period"],
        "unit": fig.get("unit") if fig.get("kind") == "level" else None,
    }


def _rows(con: duckdb.DuckDBPyConnection, sql_name: str, params: dict) -> list[dict]:
    rel = con.execute(load_sql(sql_name), params)
    columns = [d[0] for d in rel.description]
    return [dict(zip(columns, row, strict=True)) for row in rel.fetchall()]


def _lookup(con: duckdb.DuckDBPyConnection, fig: dict) -> dict | None:
    """Official level and change for the figure's jurisdiction, category, metric and period."""
    params = _params(fig)
    if params is None:
        return None
    level = _rows(con, "claims_official_level", params)
    change = _rows(con, "claims_official_change", {**params, "compared_with": fig.get("compared_with")})
    official = dict(level[0]) if level else {}
    if change:
        official.update(change_pct=change[0]["change_pct"], change_abs=change[0]["change_abs"])
        if fig.get("kind") != "level":  # a change's source: the documents of both values
            official.update({k: change[0][k] for k in change[0] if k not in ("change_pct", "change_abs")})
    if fig.get("kind") in ("change_pct", "change_abs") and official.get(fig["kind"]) is None:
        stated = _stated_changes(con, fig, params, official=True)
        if stated:  # the prior level is not stored: the change the release stated itself
            official.update({**stated[0], fig["kind"]: stated[0]["value"]})
    return official or None


def _stated_changes(con: duckdb.DuckDBPyConnection, fig: dict, params: dict, *, official: bool) -> list[dict]:
    """Changes of the figure's kind that stored documents stated, official ones or the others."""
    wanted = {k: v for k, v in params.items() if k != "unit"}
    wanted.update(kind=fig.get("kind"), compared_with=fig.get("compared_with"), official=official)
    own = fig.get("document_url")  # a stored figure is not its own confirmation (as in the SQL view)
    return [r for r in _rows(con, "claims_stated_change", wanted) if own is None or r["document_url"] != own]


def _others(con: duckdb.DuckDBPyConnection, fig: dict) -> list[dict]:
    """Non-official publications of the figure's key: observations for levels, stated changes else."""
    params = _params(fig)
    if params is None:
        return []
    if fig.get("kind") == "level":
        rows = _rows(con, "claims_other_levels", params)
        own = fig.get("document_url")  # a stored figure is not its own corroboration
        return [r for r in rows if own is None or r["document_url"] != own]
    return _stated_changes(con, fig, params, official=False)


def check_one(con: duckdb.DuckDBPyConnection, fig: dict) -> dict:
    """One figure through the tiers: official, else the other sources; then `unclear` if not confident."""
    result = check_figure(fig, _lookup(con, fig))
    if result["verdict"] == "no_official_data":
        result = corroborate(fig, _others(con, fig))
    else:
        result["sources"] = [result["official_source"]] if result["official_source"] else []
    return mark_unclear(result)


def check_figures(db_path: Path, figures: list[dict]) -> list[dict]:
    """Each figure checked against the warehouse at `db_path` (opened read-only), in input order.

    Figures are dicts with at least jurisdiction, category, metric, unit, period (label), value,
    qualifier, kind and compared_with, as `cyberstats figures --json` prints them.
    """
    con = connect(Path(db_path), read_only=True)
    try:
        return [check_one(con, fig) for fig in figures]
    finally:
        con.close()


def apply_claim_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the claim-check macros and the `article_figure_checks` view; run after views.sql."""
    con.execute(load_sql("claims"))
