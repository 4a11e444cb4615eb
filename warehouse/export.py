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
_COPY_OPTIONS = {"parquet": "(FORMAT parquet, COMPRESSION zstd)", "csv": "(FORMAT csv, HEADER true)"}


def _select(name: str, relation: str) -> str:
    """SELECT of one exported relation with its `sample` column (the warehouse's flag for the ledger)."""
    if name == "warehouse_info":
        return f"SELECT * FROM {relation}"
    urls = SAMPLE_URLS.get(name)
    flag = " OR ".join(f"is_sample_url({c})" for c in urls) if urls else "(SELECT sample FROM warehouse_info)"
    return f"SELECT *, {flag} AS sample FROM {relation}"


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
            con.execute(f"COPY ({_select(name, relation)}) TO '{quoted}' {_COPY_OPTIONS[fmt]}")
            os.replace(tmp, target)
            written.append(target)
    finally:
        con.close()
    return written
