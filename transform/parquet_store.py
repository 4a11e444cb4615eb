"""Validated Arrow tables -> content-addressed, hive-partitioned Parquet files.

Layout: `root/<dataset>/<col>=<value>/.../part-<content-hash>.parquet`. Rows are sorted by the
dataset's id and written with fixed settings (zstd), so the same content gives the same bytes and
therefore the same file name; a file that already exists is never rewritten, so a re-run writes
nothing new. Files are written to a temporary name in `root/.tmp/` (outside every dataset's glob)
and moved into place with os.replace (extract.atomic), so a reader never sees half a file and a
killed run's leftovers are never counted; `sweep_temps` removes them at the next publish.

Partition values come from the data, never from the clock: observations by source_id and the
year of period_start; articles and article figures by source_id and the year of published_at
(UTC), or `unknown` when there is no publication time. Columns that exist only to name a
directory (`year`) are left out of the files; real columns used as partitions (`source_id`) stay
in them, so each file is self-describing.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from extract import atomic
from transform import schema
from transform.exceptions import TransformError

DATASETS: dict[str, tuple[pa.Schema, str]] = {
    "observations": (schema.OBSERVATION_SCHEMA, "observation_id"),
    "articles": (schema.ARTICLE_SCHEMA, "article_id"),
    "article_figures": (schema.ARTICLE_FIGURE_SCHEMA, "figure_id"),
    "documents": (schema.DOCUMENT_SCHEMA, "document_id"),
}
_SAFE_VALUE = re.compile(r"^[A-Za-z0-9_.\-]+$")


@dataclass
class WriteResult:
    """Files this call created, and files whose identical content was already on disk."""

    written: list[Path] = field(default_factory=list)
    existing: list[Path] = field(default_factory=list)


class StoreError(TransformError):
    """A table cannot be stored as asked (unsafe partition value, unknown dataset, missing column)."""


def _parquet_bytes(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd", use_dictionary=True, write_statistics=True)
    return buf.getvalue()


def temp_dir(root: Path) -> Path:
    """Where part files are written before being moved into place: beside the datasets, not in them.

    A glob over a dataset (`read_parquet('parquet/observations/**')`) can then never see a
    half-written or orphaned temporary file.
    """
    return Path(root) / ".tmp"


def sweep_temps(root: Path) -> list[Path]:
    """Remove temporary files that killed runs left (in `.tmp/`, and old-style `.tmp-*.parquet`)."""
    removed = atomic.sweep_temps(temp_dir(root))
    for dataset in DATASETS:
        removed += atomic.sweep_temps(Path(root) / dataset, recursive=True)
    return removed


def _partition_dir(base: Path, names: tuple[str, ...], values: tuple[object, ...]) -> Path:
    for name, value in zip(names, values, strict=True):
        text = "unknown" if value is None else str(value)
        if not _SAFE_VALUE.match(text):
            raise StoreError(f"partition value {name}={text!r} is not a safe directory name ([A-Za-z0-9_.-])")
        base = base / f"{name}={text}"
    return base


def write_table(
    table: pa.Table,
    root: Path,
    dataset: str,
    partition_by: tuple[str, ...],
    *,
    sort_by: str | None = None,
    path_only: tuple[str, ...] = (),
) -> WriteResult:
    """Write `table` as one content-addressed file per partition under root/dataset.

    `partition_by` names columns of `table`; `path_only` lists those that only name a directory
    and are dropped from the file content. Rows are sorted by `sort_by` (default: first column).
    """
    missing = [c for c in partition_by if c not in table.column_names]
    if missing:
        raise StoreError(
            f"dataset {dataset}: partition column(s) {missing} not in table {table.column_names}"
        )
    result = WriteResult()
    if table.num_rows == 0:
        return result
    sort_key = sort_by or table.column_names[0]
    keys = list(zip(*(table.column(c).to_pylist() for c in partition_by), strict=True))
    for values in sorted(set(keys), key=lambda v: tuple("" if x is None else str(x) for x in v)):
        mask = pa.array([k == values for k in keys])
        part = table.filter(mask).drop_columns(list(path_only)).sort_by(sort_key)
        data = _parquet_bytes(part)
        target = _partition_dir(Path(root) / dataset, partition_by, values)
        path = target / f"part-{hashlib.sha256(data).hexdigest()[:24]}.parquet"
        if path.exists():
            result.existing.append(path)
            continue
        atomic.atomic_write(path, data, tmp_dir=temp_dir(root))
        result.written.append(path)
    return result


def _with_year(table: pa.Table, column: str) -> pa.Table:
    """Add the path-only `year` column: the data's year, `unknown` when the date is missing."""
    years = pc.year(table.column(column))
    text = pc.fill_null(pc.cast(years, pa.string()), "unknown")
    return table.append_column("year", text)


def _write(table: pa.Table, root: Path, dataset: str, date_column: str) -> WriteResult:
    sch, key = DATASETS[dataset]
    if table.schema != sch:
        table = table.select(sch.names).cast(sch)
    return write_table(
        _with_year(table, date_column), root, dataset, ("source_id", "year"), sort_by=key, path_only=("year",)
    )


def write_observations(table: pa.Table, root: Path) -> WriteResult:
    """Observations partitioned by source_id and the year of period_start (the data's year)."""
    return _write(table, root, "observations", "period_start")


def write_articles(table: pa.Table, root: Path) -> WriteResult:
    """Articles partitioned by source_id and the UTC year of published_at (`unknown` when absent)."""
    return _write(table, root, "articles", "published_at")


def write_article_figures(table: pa.Table, root: Path) -> WriteResult:
    """Article figures partitioned by source_id and the UTC year of published_at (`unknown` when absent)."""
    return _write(table, root, "article_figures", "published_at")


def write_documents(table: pa.Table, root: Path) -> WriteResult:
    """Published documents partitioned by source_id and the UTC year they were fetched."""
    return _write(table, root, "documents", "fetched_at")


def dataset_files(root: Path, dataset: str) -> list[Path]:
    """Every part file of a dataset, in a stable order (temporary files excluded)."""
    base = Path(root) / dataset
    return sorted(base.rglob("part-*.parquet")) if base.is_dir() else []


def read_dataset(root: Path, dataset: str) -> pa.Table:
    """All rows of a dataset with its schema (an empty table with the schema when nothing exists).

    Rows are returned as stored: a row written by two runs into different files appears twice
    (the warehouse load deduplicates by id).
    """
    if dataset not in DATASETS:
        raise StoreError(f"unknown dataset {dataset!r}; known: {sorted(DATASETS)}")
    sch, _ = DATASETS[dataset]
    tables = [pq.read_table(p).select(sch.names).cast(sch) for p in dataset_files(root, dataset)]
    return pa.concat_tables(tables) if tables else sch.empty_table()
