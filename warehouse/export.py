"""Warehouse -> Parquet and CSV datasets for BI tools, hive-partitioned by data year, with a dictionary.

    DIR/parquet/<relation>/year=2023/part-0.parquet     (zstd)
    DIR/csv/<relation>/year=2023/part-0.csv              (UTF-8, header)
    DIR/dictionary.json, DIR/dictionary.md               (every column: type, meaning, example)

The curated views (best_observations with their provenance, period_over_period,
article_figure_checks: news figures with verdicts, restatements) and the tables and views behind
them. Only rows of completed loads are exported (the visible_* views). Partitions are by the year
the data is about (`year`, from the period), so `WHERE year = 2023` reads one folder; relations
without a data period (articles, loads) are one file each. A view with no rows still gets a
zero-row file, so readers see its columns rather than a missing folder.

Everything is written into a staging folder inside DIR and moved into place at the end: a reader
never sees half an export, and a failed export leaves the previous one as it was.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path

import duckdb

from warehouse import dictionary
from warehouse.db import connect
from warehouse.exceptions import ExportRefused, UnsupportedFormat

FORMATS = ("parquet", "csv")
# exported name -> relation it is read from
EXPORTS = {
    "best_observations": "best_observations",
    "period_over_period": "period_over_period",
    "article_figure_checks": "article_figure_checks",
    "restatements": "restatements",
    "observations": "visible_observations",
    "article_figures": "visible_article_figures",
    "published_changes": "published_changes",
    "articles": "visible_articles",
    "loads": "loads",
    "warehouse_info": "warehouse_info",
}
# exported name -> the URL columns whose documents make a row sample data (sql/sample.sql); every
# file carries a `sample` column, so a BI tool never shows a sample sentence as a publisher's
SAMPLE_URLS = {
    "observations": ("document_url",),
    "best_observations": ("document_url",),
    "period_over_period": ("document_url", "prior_document_url"),
    "articles": ("url",),
    "article_figures": ("document_url",),
    "restatements": ("first_document_url", "later_document_url"),
    "article_figure_checks": ("document_url", "official_document_url"),
    "published_changes": ("published_change_url",),
}
# exported name -> SQL for its partition year (the year the data is about); absent: one file
_YEAR_FROM_START = "year(period_start)"
_YEAR_FROM_LABEL = "TRY_CAST(left(period_label, 4) AS INTEGER)"
PARTITION_YEAR = {
    "best_observations": _YEAR_FROM_START,
    "observations": _YEAR_FROM_START,
    "article_figures": _YEAR_FROM_START,
    "period_over_period": _YEAR_FROM_LABEL,
    "article_figure_checks": _YEAR_FROM_LABEL,
    "restatements": _YEAR_FROM_LABEL,
    "published_changes": _YEAR_FROM_LABEL,
}
PARTITION_COLUMN = "year"
_COPY_OPTIONS = {"parquet": "FORMAT parquet, COMPRESSION zstd", "csv": "FORMAT csv, HEADER true"}


def _check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UnsupportedFormat(f"unsupported export format {bad or formats!r}; expected one of {FORMATS}")
    return tuple(dict.fromkeys(formats))


def _writable_dir(out_dir: Path) -> Path:
    """out_dir, created when missing; refused in one line when it is a file or cannot be written."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportRefused(f"--to {out_dir}: is an existing file, not a directory")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportRefused(f"--to {out_dir}: cannot create the directory ({exc.strerror})") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise ExportRefused(f"--to {out_dir}: directory is not writable")
    return out_dir


_LEDGER_SAMPLE = "(SELECT sample FROM warehouse_info)"  # relations without a URL: the warehouse's flag


def _select(name: str) -> str:
    """SELECT of one exported relation with its `sample` column (issue 9) and partition year."""
    year = PARTITION_YEAR.get(name)
    relation = EXPORTS[name]
    columns = "*"
    if name != "warehouse_info":
        urls = SAMPLE_URLS.get(name)
        flag = (
            " OR ".join(f"is_sample_url({c})" for c in urls)
            if urls
            else "(SELECT sample FROM warehouse_info)"
        )
        columns = f"*, {flag} AS sample"
    return (
        f"SELECT {columns}, {year} AS {PARTITION_COLUMN} FROM {relation}"
        if year
        else f"SELECT {columns} FROM {relation}"
    )


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _copy(con: duckdb.DuckDBPyConnection, name: str, fmt: str, target: Path) -> None:
    """One relation in one format under target/ (partitioned, or one part-0 file)."""
    select = _select(name)
    options = _COPY_OPTIONS[fmt]
    target.parent.mkdir(parents=True, exist_ok=True)
    if name not in PARTITION_YEAR:
        target.mkdir(parents=True)
        con.execute(f"COPY ({select}) TO {_quoted(target / f'part-0.{fmt}')} ({options})")
        return
    con.execute(
        f"COPY ({select}) TO {_quoted(target)} "
        f"({options}, PARTITION_BY ({PARTITION_COLUMN}), FILENAME_PATTERN 'part-{{i}}')"
    )
    if not target.exists() or not any(target.iterdir()):
        # no rows: one zero-row file with every column (year included), so readers see the columns
        # (a lone NULL partition folder would leave pyarrow unable to type `year`)
        target.mkdir(parents=True, exist_ok=True)
        con.execute(f"COPY ({select} LIMIT 0) TO {_quoted(target / f'part-0.{fmt}')} ({options})")


def _write_staged(con: duckdb.DuckDBPyConnection, staging: Path, formats: tuple[str, ...]) -> list[Path]:
    """Every relation in every format, and the dictionary, under staging/; returns top-level names."""
    docs = []
    for name in EXPORTS:
        for fmt in formats:
            _copy(con, name, fmt, staging / fmt / name)
        docs.append(
            dictionary.describe(
                con,
                name,
                _select(name),
                partitioned_by=PARTITION_COLUMN if name in PARTITION_YEAR else None,
                paths={fmt: f"{fmt}/{name}/" for fmt in formats},
            )
        )
    (staging / "dictionary.json").write_text(dictionary.to_json(docs), encoding="utf-8")
    (staging / "dictionary.md").write_text(dictionary.to_markdown(docs), encoding="utf-8")
    return [Path(fmt) for fmt in formats] + [Path("dictionary.json"), Path("dictionary.md")]


def _move_into_place(staging: Path, out_dir: Path, names: list[Path]) -> list[Path]:
    """Replace each top-level folder or file of a previous export by the staged one."""
    written = []
    for name in names:
        source, target = staging / name, out_dir / name
        if target.is_dir():
            target.rename(staging / f"old-{name}")
        os.replace(source, target)
        written.append(target)
    return written


def export(db_path: Path, out_dir: Path, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write the export under out_dir; returns the format folders and dictionary files written.

    Raises ExportRefused when out_dir is a file or cannot be written, UnsupportedFormat for a
    format other than parquet or csv, WarehouseMissing when there is no warehouse yet.
    """
    formats = _check_formats(formats)
    out_dir = _writable_dir(Path(out_dir))
    con = connect(db_path, read_only=True)
    staging = out_dir / f".export-{uuid.uuid4().hex[:12]}"
    try:
        staging.mkdir()
        names = _write_staged(con, staging, formats)
        return _move_into_place(staging, out_dir, names)
    finally:
        con.close()
        shutil.rmtree(staging, ignore_errors=True)
