"""Tables for people: `check` and `compare` with the provenance of every value they show.

A fact-checker reads where each number came from in the table itself, not only in `--json`: the
jurisdiction of every figure, the verdict and the tier it stands on, and the source compared with
(URL and tier, and the quote); `compare` gives the URL and tier of both values and the reason for
an empty one. Pages this project wrote (sample data) are marked "[sample]" wherever they appear.
"""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table

from extract.sample import is_sample_url

__all__ = ["check_table", "compare_table", "fmt_number"]


def fmt_number(value: float | None, unit: str | None) -> str:
    """15 637, HK$2 030 000 000, 47.3% (space thousands, as the Government writes them)."""
    if value is None:
        return "—"
    if unit == "percent":
        return f"{value:g}%"
    text = f"{value:,.0f}".replace(",", " ") if float(value).is_integer() else f"{value:,}".replace(",", " ")
    return f"HK${text}" if unit == "HKD" else text


def _source(url: str | None, tier: str | None) -> str:
    if not url:
        return ""
    return f"{tier or '?'}{' [sample]' if is_sample_url(url) else ''}\n{url}"


def _quote(text: str | None, url: str | None) -> str:
    if not text:
        return ""
    return f"[sample text] “{text}”" if is_sample_url(url) else f"“{text}”"


def _figure_unit(fig: dict) -> str | None:
    return "percent" if fig.get("kind") == "change_pct" else fig.get("unit")


def _compared_with(fig: dict) -> tuple[str, str]:
    """(value and source, quote) of what a figure was judged against: the official one, else the others."""
    sources = fig.get("sources") or []
    shown = [s for s in sources if not s.get("agrees", True)][:1] or sources[:1]
    if not shown:
        return "", ""
    src = shown[0]
    extra = f"\n(+{len(sources) - 1} more)" if len(sources) > 1 else ""
    value = fmt_number(src.get("value"), _figure_unit(fig))
    where = _source(src.get("document_url"), src.get("source_tier"))
    return f"{value}, {where}{extra}", _quote(src.get("quote"), src.get("document_url"))


def _verdict(fig: dict) -> str:
    verdict = fig["verdict"]
    if fig.get("agreeing_sources") and verdict in ("corroborated", "single_source", "disputed"):
        verdict += f" ({len(fig['agreeing_sources'])} agree: {', '.join(fig['agreeing_sources'])})"
    if fig.get("likely_cause"):
        verdict += f"\nlikely cause: {fig['likely_cause']}"
    if fig.get("unclear_reason"):
        verdict += f"\n{fig['unclear_reason']}"
    return verdict


def _add_row(table: Table, *cells: str) -> None:
    """Cells as plain text: "[sample text]" and URLs must never be read as rich markup."""
    table.add_row(*(escape(c) for c in cells))


def check_table(checked: list[dict], title: str) -> Table:
    """One line per figure: what it says, the verdict and its tier, and what it was compared with."""
    table = Table(title=title, show_lines=True)
    for col in ("jurisdiction", "figure", "value", "verdict", "basis"):
        table.add_column(col, overflow="fold")
    table.add_column("compared with: value, tier, URL", overflow="fold", min_width=30)
    table.add_column("quote", overflow="fold", min_width=28)
    for fig in checked:
        what = " ".join(str(fig.get(k) or "") for k in ("category", "metric", "period"))
        _add_row(
            table,
            fig.get("jurisdiction") or "",
            f"{what}\n({fig.get('kind') or ''})",
            fmt_number(fig.get("value"), _figure_unit(fig)),
            _verdict(fig),
            fig.get("basis") or "",
            *_compared_with(fig),
        )
    return table


def _change(row: dict) -> str:
    if row.get("change_pct") is not None:
        return f"{row['change_pct']:+.1f}%"
    if row.get("published_change_pct") is not None:
        return f"{row['published_change_pct']:+g}% (published)"
    return ""


def compare_table(rows: list[dict], title: str) -> Table:
    """Period-over-period lines with the URL and tier of both values and why a value is missing."""
    table = Table(title=title, show_lines=True)
    columns = ("period", "value", "source", "prior period", "prior value", "prior source")
    for col in (*columns, "change", "change %"):
        right = "value" in col or "change" in col
        table.add_column(col, overflow="fold", justify="right" if right else "left")
    table.add_column("reason / note", overflow="fold")
    for r in rows:
        change_source = ""
        if r.get("change_pct") is None and r.get("published_change_url"):
            change_source = "change " + _source(r["published_change_url"], r.get("published_change_tier"))
        note = "\n".join(x for x in (r.get("reason") or "", change_source) if x)
        _add_row(
            table,
            r["period_label"],
            fmt_number(r["value"], r["unit"]),
            _source(r.get("document_url"), r["source_tier"]) + (" (derived)" if r.get("is_derived") else ""),
            r["prior_period_label"] or "",
            fmt_number(r["prior_value"], r["unit"]),
            _source(r.get("prior_document_url"), r.get("prior_source_tier"))
            + (" (derived)" if r.get("prior_is_derived") else ""),
            fmt_number(r["change_abs"], r["unit"]) if r["change_abs"] is not None else "—",
            _change(r),
            note,
        )
    return table
