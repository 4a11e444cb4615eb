"""The `cyberstats` command line (DESIGN section 5): thin wiring over flows, transform and warehouse.

Data goes to stdout (tables for people, `--json`/`--csv` for programs); progress and errors go to
stderr, so `--json` output stays clean. Every failure exits non-zero with a message saying what
was wrong and where.
"""

from __future__ import annotations

import csv
import os
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from flows.json_shape import dumps, normalise_record, records_table
from flows.json_shape import table as json_table
from flows.settings import PREFECT_SERVER_START_TIMEOUT_S, load_settings
from transform.figures.confidence import THRESHOLD as CONFIDENCE_THRESHOLD

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help=__doc__.splitlines()[0]
)
out = Console(width=max(Console().width, 150))
err = Console(stderr=True, width=max(Console(stderr=True).width, 150))

_QUIET_PREFECT = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": str(PREFECT_SERVER_START_TIMEOUT_S),
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
}


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)  # one line, unwrapped
    return typer.Exit(code)


def _ref_date(value: str | None, option: str = "--ref-date") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{option} {value!r} is not a date (YYYY-MM-DD)") from None


def _print_json(obj: object) -> None:
    """Data as JSON on stdout, in the one shape of flows/json_shape.py."""
    sys.stdout.write(dumps(obj) + "\n")


def _rows_table(rows: list[dict], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for col in rows[0] if rows else []:
        table.add_column(str(col), overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    return table


def _read_input(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"cannot read {path}: {exc}") from None


def _prepare_prefect() -> None:
    """Offline, quiet Prefect: the ephemeral local API unless PREFECT_API_URL points at a server."""
    for key, value in _QUIET_PREFECT.items():
        os.environ.setdefault(key, value)


def _sample_notice(db_path: Path) -> bool:
    """Whether the warehouse is sample data; when it is, say so on stderr (data on stdout stays clean)."""
    from warehouse.sample import SAMPLE_BANNER, sample_status

    sample = sample_status(db_path).sample
    if sample:
        err.print(f"[bold yellow]{SAMPLE_BANNER}[/]", highlight=False)
    return sample


def _period_label(text: str | None) -> str | None:
    """The canonical label of a --period argument, read as `cyberstats period` reads it; a bad one fails."""
    from transform.exceptions import PeriodParseError
    from transform.periods import parse_period

    if text is None:
        return None
    try:
        return parse_period(text).label
    except PeriodParseError as exc:
        raise _fail(f"--period {text!r}: {exc}") from None


def _title(title: str, sample: bool) -> str:
    return f"SAMPLE DATA: {title}" if sample else title


# --- period / figures / check ------------------------------------------------------------------
@app.command()
def period(
    text: Annotated[str, typer.Argument(help="A period phrase, English or Chinese.")],
    ref_date: Annotated[
        str | None, typer.Option("--ref-date", help="Resolve relative phrases against this date.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Parse a period phrase into its canonical label, start, end and type."""
    from transform.exceptions import PeriodParseError
    from transform.periods import parse_period

    try:
        result = parse_period(text, _ref_date(ref_date)).to_dict()
    except PeriodParseError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        _print_json(records_table([result], **result))  # label/start/end/type also at the top level
    else:
        out.print(f"{result['label']}  {result['start']} .. {result['end']}  ({result['type']})")


# The columns a figure row always has (DESIGN section 5), first in `columns`; others follow.
FIGURE_COLUMNS = (
    "jurisdiction",
    "category",
    "metric",
    "kind",
    "value",
    "unit",
    "period",
    "qualifier",
    "compared_with",
    "quote",
)
DEMO_TITLE = "Sample data modelled on published layouts: same period a year earlier"


def _figures_json(found: list[dict]) -> dict:
    """The table shape, plus the `figures` list of objects that DESIGN and the shared evaluator read."""
    return records_table(found, FIGURE_COLUMNS, figures=[normalise_record(f) for f in found])


def _figures_of(path: str, ref_date: str | None, everything: bool = False) -> list[dict]:
    from flows.news_input import figures_in_input
    from transform.exceptions import TransformError

    when = _ref_date(ref_date)
    url = "file:///dev/stdin" if path == "-" else Path(path).resolve().as_uri()
    try:
        return figures_in_input(_read_input(path), when, everything=everything, url=url)
    except TransformError as exc:
        raise _fail(f"cannot read figures in {path}: {exc}") from None


@app.command()
def figures(
    file: Annotated[str, typer.Argument(help="A text or HTML news item, or - for stdin.")],
    ref_date: Annotated[
        str | None, typer.Option("--ref-date", help="Publication date for relative periods.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    everything: Annotated[
        bool,
        typer.Option(
            "--all", help="Also other offences (burglary...) and metrics (arrests, detection rate)."
        ),
    ] = False,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            help="Figures less confident than this (0-1) are listed apart, as held back.",
        ),
    ] = CONFIDENCE_THRESHOLD,
) -> None:
    """List the statistical figures found in a news item or press release (cases and losses by default).

    Each figure carries a confidence (0-1) and the evidence that decided its category, period and
    place. Figures below --min-confidence (default: the reader's threshold) are held back: listed
    apart, never loaded as official observations, and `check` calls them unclear."""
    found = _figures_of(file, ref_date, everything)
    kept = [f for f in found if (f.get("confidence") or 0) >= min_confidence]
    held = [f for f in found if (f.get("confidence") or 0) < min_confidence]
    if as_json:
        held_back = [normalise_record(f) for f in held]
        _print_json({**_figures_json(kept), "held_back": held_back, "min_confidence": min_confidence})
        return
    cols = (
        "jurisdiction",
        "category",
        "metric",
        "kind",
        "value",
        "unit",
        "period",
        "qualifier",
        "compared_with",
        "confidence",
    )
    out.print(_rows_table([{c: f.get(c) for c in cols} for f in kept], title=f"{len(kept)} figures"))
    if held:
        title = f"{len(held)} held back (confidence below {min_confidence})"
        out.print(_rows_table([{c: f.get(c) for c in cols} for f in held], title=title))


@app.command()
def check(
    file: Annotated[str, typer.Argument(help="A text or HTML news item, or - for stdin.")],
    ref_date: Annotated[
        str | None, typer.Option("--ref-date", help="Publication date for relative periods.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check the figures of a news item against the official numbers, else against other sources."""
    from flows.tables import check_table
    from warehouse.claims import check_figures
    from warehouse.exceptions import WarehouseError

    found = _figures_of(file, ref_date)
    db_path = load_settings().db_path
    try:
        checked = check_figures(db_path, found)
        sample = _sample_notice(db_path)
    except WarehouseError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        _print_json({**_figures_json(checked), "sample": sample})
        return
    out.print(check_table(checked, _title("checked figures", sample)))


@contextmanager
def _terminal_progress():
    """A live progress line on a terminal; nothing at all when stderr is a log file or a pipe."""
    if not err.is_terminal:
        yield
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from flows.progress import set_listener

    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")  # the bar replaces the INFO lines
    counts = {"fetched": 0, "parsed": 0, "source_done": 0}
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err, transient=True
    ) as progress:
        task = progress.add_task("starting", total=None)

        def on_event(event: str, detail: str) -> None:
            counts[event] = counts.get(event, 0) + 1
            progress.update(
                task,
                description=(
                    f"{counts['source_done']} sources done, {counts['fetched']} fetched, "
                    f"{counts['parsed']} parsed; {event}: {detail[-70:]}"
                ),
            )

        set_listener(on_event)
        try:
            yield
        finally:
            set_listener(None)


# --- run / demo ----------------------------------------------------------------------------------
def _run_and_report(state_fn, *args) -> None:
    """Run a flow, print its per-source report, exit non-zero when it failed."""
    _prepare_prefect()
    from flows.runner import import_flows
    from flows.tied_server import temporary_api

    with temporary_api(import_flows), _terminal_progress():  # the temporary API dies with this process
        state = state_fn(*args)
    from flows.runner import report_of

    report = report_of(state)
    if report is not None and report.sources:
        err.print(_sources_table(report))
    if state.is_failed():
        raise _fail(state.message or "run failed")
    err.print(f"[green]ok[/] {state.message or ''}", highlight=False)


def _sources_table(report) -> Table:
    """One line per source: what was fetched, parsed, loaded, refused."""
    table = Table(title="sources", title_justify="left")
    for col in ("source", "fetched", "304", "same", "parsed", "rows", "quarantined", "failures"):
        table.add_column(col, overflow="fold")
    for rep in report.sources.values():
        table.add_row(
            rep.source_id,
            str(rep.fetched),
            str(rep.not_modified),
            str(rep.unchanged),
            str(rep.parsed),
            str(rep.observations),
            str(rep.quarantined),
            "; ".join(map(str, rep.failures))[:300],
        )
    return table


@app.command()
def run(
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Only this catalogue source id (repeatable).")
    ] = None,
    replay: Annotated[
        Path | None, typer.Option("--replay", help="Rebuild from this raw archive instead of the network.")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Also backfill press releases from this date.")
    ] = None,
) -> None:
    """Collect, parse and load: live by default, or replay a raw archive."""
    from flows import runner

    for source_id in source or []:
        problem = runner.unrunnable_source(source_id)
        if problem:
            raise _fail(problem)
    since_date = _ref_date(since, "--since")
    if since_date is not None:
        problem = runner.bad_backfill_start(since_date)
        if problem:
            raise _fail(problem)
    if replay is not None:
        if not (replay / "manifest.jsonl").exists():
            raise _fail(f"--replay {replay}: no manifest.jsonl there (not a raw archive)")
        _run_and_report(runner.replay, replay, source)
        return
    _run_and_report(runner.live, source, since_date)


@app.command()
def demo(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Load the bundled sample snapshots and print a period-over-period table (no network)."""
    from flows import runner
    from warehouse.queries import demo_table

    settings = load_settings()
    archive = runner.install_demo_snapshot(settings.raw_dir)
    err.print(f"replaying bundled snapshot into {settings.home} ...")
    _run_and_report(runner.replay, archive, None)
    rows = demo_table(settings.db_path)
    sample = _sample_notice(settings.db_path)
    if as_json:
        _print_json(records_table(rows, sample=sample))
        return
    out.print(_pop_table(rows, _title("modelled on published layouts, same period a year earlier", sample)))


def _pop_table(rows: list[dict], title: str) -> Table:
    table = Table(title=title)
    for col in (
        "category",
        "metric",
        "period",
        "value",
        "prior period",
        "prior value",
        "change",
        "change %",
        "tier",
    ):
        table.add_column(col, justify="right" if "value" in col or "change" in col else "left")
    for r in rows:
        table.add_row(
            r["category"],
            r["metric"],
            r["period_label"],
            _num(r["value"], r["unit"]),
            r["prior_period_label"] or "",
            _num(r["prior_value"], r["unit"]),
            _num(r["change_abs"], r["unit"]),
            _pct(r),
            (r["source_tier"] or "")
            + (" (derived)" if r.get("is_derived") or r.get("prior_is_derived") else ""),
        )
    return table


def _pct(row: dict) -> str:
    """The computed change, or the change a release published when the prior value is not stored."""
    if row["change_pct"] is not None:
        return f"{row['change_pct']:+.1f}%"
    if row.get("published_change_pct") is not None:
        return f"{row['published_change_pct']:+g}% (published)"
    return ""


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    text = f"{value:,.0f}".replace(",", " ")
    return f"HK${text}" if unit == "HKD" else text


# --- compare / query / export / report ----------------------------------------------------------
@app.command()
def compare(
    category: Annotated[
        str, typer.Option("--category", help="Canonical category id, e.g. technology_crime.")
    ],
    metric: Annotated[str, typer.Option("--metric", help="cases, loss, ...")],
    period_label: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="A period as `cyberstats period` reads it: 2023-H1, 2023H1, 'first half of 2023'.",
        ),
    ] = None,
    vs: Annotated[str, typer.Option("--vs", help="year_ago or previous.")] = "year_ago",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Period-over-period for one category and metric, with the source of both values."""
    from flows.tables import compare_table
    from warehouse.exceptions import WarehouseError
    from warehouse.queries import compare as compare_rows

    if vs not in ("year_ago", "previous"):
        raise _fail(f"--vs must be year_ago or previous, not {vs!r}")
    period_label = _period_label(period_label)
    db_path = load_settings().db_path
    try:
        rows = compare_rows(db_path, category=category, metric=metric, period=period_label, vs=vs)
        sample = _sample_notice(db_path)
    except WarehouseError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        _print_json(records_table(rows, sample=sample))
    else:
        out.print(compare_table(rows, _title(f"{category} {metric}: {vs}", sample)))


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL to run on a read-only connection.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Stop the query after this many seconds.", min=0.1)
    ] = 60.0,
    max_rows: Annotated[
        int, typer.Option("--max-rows", help="Print at most this many rows (a note says when cut).", min=1)
    ] = 10_000,
) -> None:
    """Run read-only SQL on the warehouse, within a time limit and a row limit."""
    from warehouse.exceptions import WarehouseError
    from warehouse.queries import run_limited_query

    db_path = load_settings().db_path
    try:
        result = run_limited_query(db_path, sql, timeout=timeout, max_rows=max_rows)
        sample = _sample_notice(db_path)
    except WarehouseError as exc:
        raise _fail(str(exc)) from None
    columns, rows = result.columns, result.rows
    if result.truncated:
        err.print(f"[yellow]note:[/] only the first {max_rows} rows are shown (--max-rows)", highlight=False)
    records = [dict(zip(columns, r, strict=True)) for r in rows]
    if as_json:
        _print_json(json_table(columns, rows, sample=sample))
    elif as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        if sample:  # a title would wrap to the width of a narrow result
            out.print(_title("query result", sample), highlight=False)
        out.print(_rows_table(records))


@app.command()
def export(
    to: Annotated[Path, typer.Option("--to", help="Directory to write into.")],
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv or both.")] = "both",
) -> None:
    """Export the curated views as Parquet and CSV, hive-partitioned by data year, with a data dictionary."""
    from warehouse.exceptions import WarehouseError
    from warehouse.export import FORMATS
    from warehouse.export import export as export_tables

    if fmt not in (*FORMATS, "both"):
        raise _fail(f"--format must be parquet, csv or both, not {fmt!r}")
    db_path = load_settings().db_path
    try:
        paths = export_tables(db_path, to, FORMATS if fmt == "both" else (fmt,))
        _sample_notice(db_path)
    except WarehouseError as exc:
        raise _fail(str(exc)) from None
    for path in paths:
        out.print(str(path))


@app.command()
def report(out_file: Annotated[Path, typer.Option("--out", help="HTML file to write.")]) -> None:
    """Write an HTML report: trend charts, comparisons, conflicts, restatements, checked news figures."""
    from warehouse.exceptions import WarehouseError
    from warehouse.report import write_report

    db_path = load_settings().db_path
    try:
        write_report(db_path, out_file)
        _sample_notice(db_path)
    except WarehouseError as exc:
        raise _fail(str(exc)) from None
    out.print(str(out_file))


if __name__ == "__main__":
    app()
