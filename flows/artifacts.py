"""Run reports as Prefect artifacts: a table per source and a markdown summary."""

from __future__ import annotations

import logging
from pathlib import Path

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from flows.reports import RunReport
from warehouse.exceptions import WarehouseError
from warehouse.queries import demo_table, inconsistent_figures

log = logging.getLogger("cyberstats")


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}".replace(",", " ") if abs(value) >= 100 else f"{value:g}"


def summary_markdown(report: RunReport, db_path: Path, outcome: str | None = None) -> str:
    """Markdown: run outcome, latest period-over-period lines, news figures found inconsistent.

    `outcome`: the line that says how the run went (default: the report's summary line).
    """
    lines = [
        "# cyberstats run",
        "",
        f"**Outcome:** {'ok' if report.ok else 'FAILED'} — {outcome or report.summary_line()}",
        "",
    ]
    if report.nothing_new:  # the warehouse is as the last load left it: its summary still holds
        return "\n".join([*lines, "Nothing new since the last load: the warehouse was not touched."])
    try:
        pop = demo_table(db_path)
        bad = inconsistent_figures(db_path)
    except (WarehouseError, OSError) as exc:
        return "\n".join([*lines, f"_warehouse not readable: {exc}_"])
    lines += [
        "## Latest period-over-period (same period a year earlier)",
        "",
        "| category | metric | period | value | prior | change % | tier |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in pop:
        pct = "—" if r["change_pct"] is None else f"{r['change_pct']:+.1f}"
        lines.append(
            f"| {r['category']} | {r['metric']} | {r['period_label']} | {_fmt(r['value'])} | "
            f"{r['prior_period_label']}: {_fmt(r['prior_value'])} | {pct} | {r['source_tier']} |"
        )
    lines += ["", "## News figures inconsistent with official data", ""]
    if not bad:
        lines.append("None.")
    for r in bad:
        lines.append(
            f"- {r['category']} {r['metric']} {r['period_label']}: {_fmt(r['value'])} vs official "
            f"{_fmt(r['official_value'])} ({r.get('likely_cause') or 'cause unknown'}) — {r['document_url']}"
        )
    return "\n".join(lines)


def publish_run_artifacts(report: RunReport, db_path: Path, outcome: str | None = None) -> None:
    """Attach the per-source table and the summary to the current flow run."""
    rows = [rep.as_row() for rep in report.sources.values()]
    if rows:
        create_table_artifact(rows, key="sources", description="Per-source counts for this run")
    summary = summary_markdown(report, db_path, outcome)
    create_markdown_artifact(summary, key="run-summary", description="Run summary")
