"""Warehouse -> one Parquet or CSV file per table or main view, for BI tools.

Only rows of completed loads are exported (the visible_* views). Each file is written under a
temporary name and moved into place, so a reader never opens half a file.
"""

from __future__ import annotations

import os
from pathlib import Path

from extract.atomic import WriteRefused, atomic_path, check_target
from warehouse.db import connect
from warehouse.exceptions import ExportRefused, UnsupportedFormat

FORMATS = ("parquet", "csv")
# exported name -> relation it is read from
EXPORTS = {
    "observations": "visible_observations",
    "best_observations": "best_observations",
    "period_over_period": "period_over_period",
    "articles": "visible_articles",
    "article_figures": "visible_article_figures",
    "restatements": "restatements",
    "article_figure_checks": "article_figure_checks",
    "published_changes": "published_changes",
    "loads": "loads",
}
_COPY_OPTIONS = {"parquet": "(FORMAT parquet, COMPRESSION zstd)", "csv": "(FORMAT csv, HEADER true)"}


def export(db_path: Path, out_dir: Path, fmt: str = "parquet") -> list[Path]:
    """Write each exported relation to out_dir/<name>.<fmt>; returns the paths written."""
    if fmt not in FORMATS:
        raise UnsupportedFormat(f"unsupported export format {fmt!r}; expected one of {FORMATS}")
    out_dir = _prepared(Path(out_dir), fmt)
    con = connect(db_path, read_only=True)
    written = []
    try:
        for name, relation in EXPORTS.items():
            target = out_dir / f"{name}.{fmt}"
            with atomic_path(target) as tmp:
                # list columns (conflicting_values, parquet_files) become text in CSV
                quoted = str(tmp).replace("'", "''")
                con.execute(f"COPY (SELECT * FROM {relation}) TO '{quoted}' {_COPY_OPTIONS[fmt]}")
            written.append(target)
    except OSError as exc:
        raise ExportRefused(f"export to {out_dir} failed: {exc.strerror or exc}") from None
    finally:
        con.close()
    return written


def _prepared(out_dir: Path, fmt: str) -> Path:
    """The export directory, created if missing; ExportRefused when it cannot hold the files.

    Checked before the warehouse is read: an existing file given as the directory, a directory
    that cannot be created or written, or a target name that is not a regular file.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportRefused(f"--to {out_dir} is a file, not a directory")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportRefused(f"cannot create export directory {out_dir}: {exc.strerror or exc}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise ExportRefused(f"export directory {out_dir} is not writable")
    try:
        for name in EXPORTS:
            check_target(out_dir / f"{name}.{fmt}")
    except WriteRefused as exc:
        raise ExportRefused(str(exc)) from None
    return out_dir
