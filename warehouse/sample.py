"""Is a warehouse sample data? Every command that reads one asks, and says so when it is.

A warehouse is sample data when a completed load published documents under the sample host
(extract/sample.py): the bundled demo snapshot, or a replay of it. The same fact is in the
`warehouse_info` view (sql/sample.sql) for SQL users and exports. The question is asked of the
`documents` table directly, so a warehouse built before the view existed still answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract.sample import SAMPLE_HOST, SAMPLE_PREFIX
from warehouse.db import connect
from warehouse.sql import load_sql

__all__ = ["SAMPLE_BANNER", "SampleStatus", "sample_status"]

SAMPLE_BANNER = (
    "SAMPLE DATA: this warehouse holds pages written by cyberstats in the layouts of the real sources "
    f"(real published figures, the project's own sentences, addresses under {SAMPLE_HOST}); "
    "its quotes are not the publishers' words"
)


@dataclass(frozen=True)
class SampleStatus:
    """How much of a warehouse is sample data: `sample` is true when any of it is."""

    sample_documents: int
    documents: int

    @property
    def sample(self) -> bool:
        return self.sample_documents > 0

    def to_dict(self) -> dict:
        return {"sample": self.sample, "sample_documents": self.sample_documents, "documents": self.documents}


def sample_status(db_path: Path) -> SampleStatus:
    """Count the published documents of the warehouse at `db_path` that are sample pages (read-only)."""
    con = connect(Path(db_path), read_only=True)
    try:
        row = con.execute(load_sql("sample_status"), {"prefix": SAMPLE_PREFIX}).fetchone()
        if row is None:
            raise RuntimeError("the sample_status query returned no row")
        sample, total = row
    finally:
        con.close()
    return SampleStatus(int(sample or 0), int(total or 0))
