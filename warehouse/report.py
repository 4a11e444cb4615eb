"""The warehouse as one self-contained HTML page for analysts and journalists (`cyberstats report`).

One file, inline CSS, no scripts, no external assets: it can be mailed, archived or opened offline.
Every number links to the document it was published in (a derived value links to the cumulative
release it was computed from, and its lineage is in the link's title), so a reader can check any
figure at its source. All text from the warehouse is HTML-escaped: quotes and titles come from news
pages. Only http(s) URLs become links; anything else is shown as text.

The queries are in warehouse/sql/report_*.sql and run on a read-only connection; the page is
written to a temporary file next to the target and moved into place, so a reader never sees half
a report.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from extract.atomic import WriteRefused, atomic_write, check_target
from extract.sample import SAMPLE_PREFIX, is_sample_url
from warehouse.charts import render_chart, series_of
from warehouse.db import connect
from warehouse.exceptions import ReportRefused
from warehouse.sample import SAMPLE_BANNER
from warehouse.sql import load_sql

__all__ = ["write_report", "render_report"]

JURISDICTION = "HK"
QUALIFIER_WORDS = {"exact": "", "approx": "about ", "more_than": "over ", "less_than": "under "}
CURRENCY = {"HKD": "HK$", "USD": "US$"}
LINK_SCHEMES = ("http", "https")

CSS = """
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans TC",sans-serif;margin:2rem auto;
max-width:78rem;padding:0 1rem;color:#1d2430;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.6rem;margin-bottom:.2rem}
h2{margin-top:2.4rem;border-bottom:2px solid #d5dbe5;padding-bottom:.2rem}
p.meta{color:#5a6473;margin-top:0}nav ul{columns:2;padding-left:1.2rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.88rem}
th,td{border-bottom:1px solid #e3e7ee;padding:.3rem .4rem;text-align:left;vertical-align:top;
overflow-wrap:break-word}
th{background:#f3f5f9;position:sticky;top:0}td.num,th.num{text-align:right}
td.quote{max-width:32rem;min-width:14rem;overflow-wrap:anywhere}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(34rem,100%),1fr));gap:1rem}
figure.chart{margin:0;border:1px solid #e3e7ee;border-radius:.3rem;padding:.4rem;min-width:0}
figure.chart figcaption{font-weight:600;margin-bottom:.2rem}
figure.chart svg{width:100%;height:auto;display:block}
.key span{margin-right:1rem}a{color:#0b57d0}.up{color:#a0261d}.down{color:#1b6e2d}
.tag{display:inline-block;padding:0 .35rem;border-radius:.25rem;background:#eef1f6;font-size:.82rem}
.inconsistent,.disputed{background:#fde7e4}.consistent,.corroborated{background:#e4f4e8}
.no_official_data,.single_source,.unclear{background:#f1f1f1}
.failed{background:#fde7e4}.running{background:#fff4d6}.completed{background:#e4f4e8}
dl.counts{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.4rem 1rem}
dl.counts div{background:#f6f8fb;padding:.4rem .6rem;border-radius:.3rem}
dl.counts dt{font-size:.8rem;color:#5a6473}
dl.counts dd{margin:0;font-size:1.2rem;font-weight:600}.empty{color:#5a6473;font-style:italic}
.sample-banner{background:#fff4d6;border:2px solid #d9a400;padding:.6rem .8rem;font-weight:600}
.tag.sample{background:#fff4d6}
"""


# ---------------------------------------------------------------- escaping and formatting


def esc(value: object) -> str:
    """Text made safe for HTML element content and quoted attributes (None shows as empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


def link(text_html: str, url: str | None, title: str | None = None) -> str:
    """`text_html` (already escaped) linked to `url` when it is an http(s) URL, else shown plainly.

    A non-web URL (javascript:, data:, a bench:// placeholder) never becomes an href; it is kept
    in the title so the provenance is still visible.
    """
    hover = " ".join(part for part in (title, None if _linkable(url) else url) if part)
    title_attr = f' title="{esc(hover)}"' if hover else ""
    if _linkable(url):
        return f'<a href="{esc(url)}"{title_attr}>{text_html}</a>'
    return f"<span{title_attr}>{text_html}</span>"


def _linkable(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme.lower() in LINK_SCHEMES and bool(urlsplit(url).netloc)


def fmt_number(value: float | None, unit: str | None = None, *, signed: bool = False) -> str:
    """A published number as HK sources print it: space thousands separator, HK$ for money, % for percent.

    15637 -> '15 637'; 2030000000 HKD -> 'HK$2 030 000 000'; 47.3 percent -> '47.3%'.
    `signed` puts '+' before positive values (changes).
    """
    if value is None:
        return "—"
    sign = "-" if value < 0 else ("+" if signed and value > 0 else "")
    magnitude = abs(float(value))
    if unit == "percent":
        return f"{sign}{magnitude:.1f}%"
    digits = f"{int(magnitude):,}" if magnitude.is_integer() else f"{magnitude:,.3f}".rstrip("0").rstrip(".")
    return f"{sign}{CURRENCY.get(unit or '', '')}{digits.replace(',', ' ')}"


def fmt_value(value: float | None, unit: str | None, qualifier: str | None) -> str:
    """A value with its qualifier in words ('over HK$3 600 000 000'), escaped."""
    if value is None:
        return "—"
    return esc(QUALIFIER_WORDS.get(qualifier or "exact", "") + fmt_number(value, unit))


def fmt_time(value: datetime | None) -> str:
    """A UTC instant as 'YYYY-MM-DD HH:MM' (date only at midnight); plain text, escape before use."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d" if (value.hour, value.minute) == (0, 0) else "%Y-%m-%d %H:%M")


def label(value: object) -> str:
    """An id such as technology_crime in words, escaped."""
    return esc(str(value).replace("_", " ")) if value is not None else ""


def tag(value: object, css: str = "tag") -> str:
    """A short id (tier, status, verdict) as a badge, underscores shown as spaces."""
    return f'<span class="{esc(css)}">{label(value)}</span>' if value is not None else ""


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class Column:
    """A table column: heading and a function from a row to escaped cell HTML."""

    heading: str
    cell: Callable[[dict], str]
    css: str = ""


@dataclass(frozen=True)
class Section:
    """One part of the report: a query (warehouse/sql/<sql>.sql) shown as a table."""

    anchor: str
    title: str
    sql: str
    intro: str
    empty: str
    columns: tuple[Column, ...]
    by_jurisdiction: bool = False
    row_class: Callable[[dict], str] | None = None


def render_table(rows: list[dict], columns: tuple[Column, ...], row_class=None) -> str:
    """Rows as an HTML table; cell functions return escaped HTML."""
    head = "".join(f'<th class="{c.css}">{esc(c.heading)}</th>' for c in columns)
    body = []
    for row in rows:
        css = f' class="{esc(row_class(row))}"' if row_class else ""
        cells = "".join(f'<td class="{c.css}">{c.cell(row)}</td>' for c in columns)
        body.append(f"<tr{css}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _value_cell(row: dict, prefix: str = "") -> str:
    """The value (or prior value) of a comparison row, linked to its document, lineage on hover."""
    value = row[f"{prefix}value"]
    derived = row.get(f"{prefix}derived_from")
    title = f"derived: {derived}" if derived else None
    text = fmt_value(value, row["unit"], row.get(f"{prefix}qualifier"))
    return link(text, row.get(f"{prefix}document_url"), title)


def _change_cell(row: dict) -> str:
    if row["change_abs"] is None:
        return ""
    return esc(fmt_number(row["change_abs"], row["unit"], signed=True))


def _pct_cell(row: dict) -> str:
    """The computed change, else the change the release published itself (linked to it)."""
    pct = row["change_pct"]
    if pct is None:
        published = row.get("published_change_pct")
        if published is None:
            return ""
        text = f"{fmt_number(published, 'percent', signed=True)} (published)"
        return link(
            esc(text), row.get("published_change_url"), "stated in the release; prior level not stored"
        )
    css = "up" if pct > 0 else ("down" if pct < 0 else "")
    return f'<span class="{css}">{esc(fmt_number(pct, "percent", signed=True))}</span>'


def _derived_cell(row: dict) -> str:
    """'derived' with its lineage, and a warning when its parts come from different vintages."""
    notes = []
    if row["is_derived"]:
        notes.append(f'<span class="tag" title="{esc(row["derived_from"])}">derived</span>')
        if row.get("mixed_vintage"):
            notes.append('<span class="tag" title="parts come from different documents">mixed vintage</span>')
    if row.get("prior_is_derived"):
        notes.append(f'<span class="tag" title="{esc(row["prior_derived_from"])}">prior derived</span>')
    return " ".join(notes)


def _series_columns(with_comparison: bool) -> tuple[Column, ...]:
    first = (Column("Comparison", lambda r: label(r["comparison"])),) if with_comparison else ()
    return (
        Column("Category", lambda r: label(r["category"])),
        Column("Metric", lambda r: label(r["metric"])),
        *first,
        Column("Period", lambda r: esc(r["period_label"])),
        Column("Value", _value_cell, "num src"),
        Column("Prior period", lambda r: esc(r["prior_period_label"])),
        Column("Prior value", lambda r: _value_cell(r, "prior_"), "num src"),
        Column("Change", _change_cell, "num"),
        Column("Change %", _pct_cell, "num"),
        Column("Tier", lambda r: tag(r["source_tier"])),
        Column("Derived", _derived_cell),
        Column("Note", lambda r: esc(r["reason"])),
    )


def _cell_link(value_key: str, url_key: str, qualifier_key: str, date_key: str | None = None):
    """A cell function: the value at value_key linked to url_key, with the publication date on hover."""

    def cell(row: dict) -> str:
        title = f"published {fmt_time(row[date_key])}" if date_key and row.get(date_key) else None
        return link(fmt_value(row[value_key], row["unit"], row.get(qualifier_key)), row[url_key], title)

    return cell


def _quote_cell(row: dict) -> str:
    """The sentence the figure came from, then the article it is in (title, linked)."""
    article = link(esc(row.get("article_title") or row["document_url"]), row["document_url"])
    if not row["quote"]:
        return article
    marker = '<span class="tag sample">sample text</span> ' if is_sample_url(row["document_url"]) else ""
    return f"{marker}<q>{esc(row['quote'])}</q><br>{article}"


def _official_cell(row: dict) -> str:
    if row["official_value"] is None:
        return ""
    unit = "percent" if row["kind"] == "change_pct" else row["unit"]
    text = esc(fmt_number(row["official_value"], unit))
    return link(text, row["official_document_url"], row.get("official_source_tier"))


def _figure_cell(row: dict) -> str:
    unit = "percent" if row["kind"] == "change_pct" else row["unit"]
    return link(fmt_value(row["value"], unit, row["qualifier"]), row["document_url"])


SECTIONS: tuple[Section, ...] = (
    Section(
        "headline",
        "Headline: same period a year earlier",
        "report_headline",
        "For each series, the newest period that can be compared with the same period one year earlier. "
        "A series with nothing to compare shows its newest value and the reason.",
        "No observations yet.",
        _series_columns(with_comparison=False),
        by_jurisdiction=True,
    ),
    Section(
        "conflicts",
        "Conflicts between sources",
        "report_conflicts",
        "Periods for which another document gives a value that differs beyond rounding from the value "
        "used (chosen by tier, then latest publication).",
        "No conflicting values.",
        (
            Column("Jurisdiction", lambda r: esc(r["jurisdiction"])),
            Column("Category", lambda r: label(r["category"])),
            Column("Metric", lambda r: label(r["metric"])),
            Column("Period", lambda r: esc(r["period_label"])),
            Column("Value used", _cell_link("value", "document_url", "qualifier", "published_at"), "num src"),
            Column("Tier", lambda r: tag(r["source_tier"])),
            Column(
                "Conflicting value",
                _cell_link("other_value", "other_document_url", "other_qualifier", "other_published_at"),
                "num src",
            ),
            Column("Its tier", lambda r: tag(r["other_source_tier"])),
            Column("Vintages", lambda r: esc(r["n_vintages"]), "num"),
        ),
    ),
    Section(
        "restatements",
        "Restatements",
        "report_restatements",
        "A later document giving a different value for a period than its first publication.",
        "No restatements.",
        (
            Column("Jurisdiction", lambda r: esc(r["jurisdiction"])),
            Column("Category", lambda r: label(r["category"])),
            Column("Metric", lambda r: label(r["metric"])),
            Column("Period", lambda r: esc(r["period_label"])),
            Column(
                "First published",
                _cell_link("first_value", "first_document_url", "first_qualifier", "first_published_at"),
                "num src",
            ),
            Column(
                "Later",
                _cell_link("later_value", "later_document_url", "later_qualifier", "later_published_at"),
                "num src",
            ),
            Column("Change", lambda r: esc(fmt_number(r["change_abs"], r["unit"], signed=True)), "num"),
            Column("Later published", lambda r: esc(fmt_time(r["later_published_at"]))),
        ),
    ),
    Section(
        "news-checks",
        "News figures checked",
        "report_figure_checks",
        "Figures found in news items, checked against the best official figure for the same thing, "
        "else against the other publishers of it (corroborated, single source, disputed; Basis names the "
        'tier). A figure is consistent when it matches at its own precision ("HK$2.03 billion" is rounded).',
        "No news figures stored.",
        (
            Column("Verdict", lambda r: tag(r["verdict"])),
            Column("Likely cause", lambda r: label(r["likely_cause"])),
            Column("Jurisdiction", lambda r: esc(r["jurisdiction"])),
            Column("Category", lambda r: label(r["category"])),
            Column("Metric", lambda r: label(r["metric"])),
            Column("Period", lambda r: esc(r["period_label"])),
            Column("Kind", lambda r: label(r["kind"])),
            Column("Figure", _figure_cell, "num src"),
            Column("Official", _official_cell, "num src"),
            Column("Quote and article", _quote_cell, "quote"),
            Column("Basis", lambda r: label(r["basis"])),
        ),
        row_class=lambda r: r["verdict"],
    ),
    Section(
        "period-over-period",
        "All comparisons (Hong Kong)",
        "report_period_over_period",
        "Every published or derived value against the same period a year earlier (year ago) and against "
        "the preceding period of the same kind (previous). Comparisons join on the period calendar: a "
        "missing period gives no comparison, never one against the wrong period.",
        "No observations yet.",
        _series_columns(with_comparison=True),
        by_jurisdiction=True,
    ),
    Section(
        "unknown-labels",
        "Unknown labels",
        "report_unknown_labels",
        "Published rows whose label is not in the category list. They are kept with the raw label; add "
        "the label to transform/categories.csv to give them a category.",
        "Every label was recognised.",
        (
            Column("Raw label", lambda r: esc(r["source_label"])),
            Column("Source", lambda r: esc(r["source_id"])),
            Column("Metric", lambda r: label(r["metric"])),
            Column("Period", lambda r: esc(r["period_label"])),
            Column("Value", _cell_link("value", "document_url", "qualifier", "published_at"), "num src"),
            Column("Tier", lambda r: tag(r["source_tier"])),
        ),
    ),
    Section(
        "loads",
        "Loads",
        "report_loads",
        "Every load into the warehouse. Readers see rows of completed loads only; a failed load was "
        "rolled back and left the warehouse unchanged.",
        "Nothing has been loaded.",
        (
            Column("Load", lambda r: esc(r["load_id"])),
            Column("Status", lambda r: tag(r["status"])),
            Column("Started", lambda r: esc(fmt_time(r["started_at"]))),
            Column("Finished", lambda r: esc(fmt_time(r["finished_at"]))),
            Column(
                "Observations new / read",
                lambda r: esc(f"{r['observations_inserted']} / {r['observations_read']}"),
                "num",
            ),
            Column(
                "Articles new / read",
                lambda r: esc(f"{r['articles_inserted']} / {r['articles_read']}"),
                "num",
            ),
            Column(
                "Figures new / read",
                lambda r: esc(f"{r['article_figures_inserted']} / {r['article_figures_read']}"),
                "num",
            ),
            Column("Files", lambda r: esc(r["n_files"]), "num"),
            Column("Note", lambda r: esc(r["note"])),
        ),
        row_class=lambda r: r["status"],
    ),
)

SUMMARY_LABELS = {
    "observations": "Observations",
    "periods": "Series periods",
    "conflicts": "Conflicts",
    "restatements": "Restatements",
    "articles": "News items",
    "figures_checked": "News figures checked",
    "figures_inconsistent": "Inconsistent figures",
    "unknown_labels": "Unknown labels",
    "loads_completed": "Loads completed",
    "loads_failed": "Loads failed",
}


# ---------------------------------------------------------------- assembling the page


def _dicts(con: duckdb.DuckDBPyConnection, sql_name: str, params: dict | None = None) -> list[dict]:
    rel = con.execute(load_sql(sql_name), params)
    columns = [d[0] for d in rel.description]
    return [dict(zip(columns, row, strict=True)) for row in rel.fetchall()]


def _section_html(section: Section, rows: list[dict]) -> str:
    body = (
        render_table(rows, section.columns, section.row_class)
        if rows
        else f'<p class="empty">{esc(section.empty)}</p>'
    )
    return (
        f'<section id="{section.anchor}"><h2>{esc(section.title)} ({len(rows)})</h2>'
        f"<p>{esc(section.intro)}</p>{body}</section>"
    )


def _summary_html(summary: dict) -> str:
    items = "".join(
        f"<div><dt>{esc(text)}</dt><dd>{esc(fmt_number(summary[key]))}</dd></div>"
        for key, text in SUMMARY_LABELS.items()
    )
    return f'<dl class="counts">{items}</dl>'


CHARTS_INTRO = (
    "Cases and losses per series, by year and by half-year, as the warehouse uses them. "
    "Filled blue circles are official figures, orange triangles media figures for periods with no "
    "official one, hollow circles (dashed line) derived values never published as such (H2 = full "
    "year − H1), orange crosses what the press printed beside an official figure."
)


def _charts_html(con: duckdb.DuckDBPyConnection) -> tuple[str, int]:
    """The trend charts section (first in the page) and how many charts it holds."""
    series = series_of(_dicts(con, "report_chart_points", {"jurisdiction": JURISDICTION}))
    figures = "".join(
        f'<figure class="chart" id="{esc(s.anchor)}"><figcaption>{esc(s.title)}</figcaption>'
        f"{render_chart(s)}</figure>"
        for s in series
    )
    body = (
        f'<div class="charts">{figures}</div>' if series else '<p class="empty">No series to chart yet.</p>'
    )
    heading = f"<h2>Trends ({len(series)} series)</h2><p>{esc(CHARTS_INTRO)}</p>"
    html_text = f'<section id="charts">{heading}{body}</section>'
    return html_text, len(series)


def _page(
    summary: dict,
    charts: tuple[str, int],
    sections: list[tuple[Section, list[dict]]],
    generated_at: datetime,
    sample: bool = False,
) -> str:
    banner = f'<p class="sample-banner" role="note">{esc(SAMPLE_BANNER)}.</p>' if sample else ""
    nav = f'<li><a href="#charts">Trends</a> ({charts[1]})</li>' + "".join(
        f'<li><a href="#{s.anchor}">{esc(s.title)}</a> ({len(rows)})</li>' for s, rows in sections
    )
    last = esc(fmt_time(summary["last_completed_at"]) or "never")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>cyberstats report: Hong Kong cybercrime statistics</title>"
        f"<style>{CSS}</style></head><body>"
        "<header><h1>Hong Kong cybercrime statistics</h1>"
        f'<p class="meta">Generated {esc(fmt_time(generated_at))} UTC from the cyberstats warehouse; '
        f"last completed load {last} UTC. Every number links to the document it was published in; "
        "a derived value (for example H2 = full year − H1) links to the cumulative release it was "
        "computed from, with its lineage shown on hover.</p>"
        f"{banner}</header>"
        f"{_summary_html(summary)}<nav><ul>{nav}</ul></nav>{charts[0]}"
        + "".join(_section_html(s, rows) for s, rows in sections)
        + "</body></html>\n"
    )


def render_report(con: duckdb.DuckDBPyConnection, generated_at: datetime | None = None) -> str:
    """The report page as HTML text, from an open (read-only is enough) warehouse connection."""
    con.execute(load_sql("report_views"))
    params = {"jurisdiction": JURISDICTION}
    sections = [(s, _dicts(con, s.sql, params if s.by_jurisdiction else None)) for s in SECTIONS]
    (summary,) = _dicts(con, "report_summary")
    (sample_documents, _), *_ = con.execute(load_sql("sample_status"), {"prefix": SAMPLE_PREFIX}).fetchall()
    return _page(
        summary, _charts_html(con), sections, generated_at or datetime.now(UTC), sample=sample_documents > 0
    )


def write_report(db_path: Path, out_file: Path) -> Path:
    """Write the HTML report of the warehouse at `db_path` to `out_file` (atomically); returns the path.

    Raises WarehouseMissing (from connect) when there is no warehouse file yet, and ReportRefused
    when `out_file` is not a regular file (a directory, /dev/full) or cannot be written; the target
    is checked before the warehouse is read.
    """
    out_file = Path(out_file)
    _check_out(out_file)
    con = connect(db_path, read_only=True)
    try:
        page = render_report(con)
    finally:
        con.close()
    try:
        atomic_write(out_file, page)
    except OSError as exc:
        raise ReportRefused(f"cannot write report {out_file}: {exc.strerror or exc}") from None
    return out_file


def _check_out(out_file: Path) -> None:
    try:
        check_target(out_file)
    except WriteRefused as exc:
        raise ReportRefused(str(exc)) from None
