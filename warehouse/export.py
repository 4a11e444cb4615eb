"""Warehouse -> one Parquet or CSV file per table or main view, for BI tools.

Only rows of completed loads are exported (the visible_* views). Each file is written under a
temporary name and moved into place, so a reader never opens half a file.
"""

from __future__ import annotations

import os
from pathlib import Path

from warehouse.db import connect
from warehouse.exceptions import UnsupportedFormat

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
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect(db_path, read_only=True)
    written = []
    try:
        for name, relation in EXPORTS.items():
            target = out_dir / f"{name}.{fmt}"
            tmp = out_dir / f".{name}.{fmt}.tmp"
            # list columns (conflicting_values, parquet_files) become text in CSV
            quoted = str(tmp).replace("'", "''")
            con.execute(f"COPY (SELECT * FROM {relation}) TO '{quoted}' {_COPY_OPTIONS[fmt]}")
            os.replace(tmp, target)
            written.append(target)
    finally:
        con.close()
    return written
