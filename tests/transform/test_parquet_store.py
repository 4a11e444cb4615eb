"""transform.parquet_store: content-addressed, hive-partitioned, atomic Parquet files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.warehouse.rows import GIA_FY2023, headline_rows, obs
from transform import schema
from transform.parquet_store import (
    StoreError,
    read_dataset,
    write_articles,
    write_observations,
    write_table,
)
from transform.validate import validate_articles, validate_observations

KNOWN = {"overall_crime", "technology_crime", "violent_crime"}


def table():
    return validate_observations(headline_rows(), known_categories=KNOWN)


def test_layout_partitions_by_source_and_data_year(tmp_path: Path):
    result = write_observations(table(), tmp_path)
    rel = sorted(str(p.relative_to(tmp_path).parent) for p in result.written)
    assert "observations/source_id=gia/year=2023" in rel  # FY 2023 published in 2024: data year wins
    assert "observations/source_id=rthk/year=2025" in rel
    assert all(p.name.startswith("part-") and p.suffix == ".parquet" for p in result.written)
    assert not list(tmp_path.rglob(".tmp-*"))


def test_rewrite_writes_nothing_new(tmp_path: Path):
    first = write_observations(table(), tmp_path)
    before = {p: p.read_bytes() for p in first.written}
    second = write_observations(table(), tmp_path)
    assert second.written == [] and sorted(second.existing) == sorted(first.written)
    assert {p: p.read_bytes() for p in first.written} == before


def test_same_content_in_any_order_gives_same_file(tmp_path: Path):
    a = write_observations(table(), tmp_path / "a")
    b = write_observations(
        validate_observations(headline_rows()[::-1], known_categories=KNOWN), tmp_path / "b"
    )
    names = lambda r, root: sorted(str(p.relative_to(root)) for p in r.written)  # noqa: E731
    assert names(a, tmp_path / "a") == names(b, tmp_path / "b")


def test_files_are_zstd_sorted_and_keep_source_id(tmp_path: Path):
    result = write_observations(table(), tmp_path)
    path = next(p for p in result.written if "source_id=hkpf_csc" in str(p) and "year=2024" in str(p))
    meta = pq.ParquetFile(path).metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"
    data = pq.read_table(path)
    assert data.column_names == list(schema.OBSERVATION_COLUMNS)  # year is path-only
    ids = data.column("observation_id").to_pylist()
    assert ids == sorted(ids)


def test_read_dataset_round_trips(tmp_path: Path):
    write_observations(table(), tmp_path)
    back = read_dataset(tmp_path, "observations")
    assert back.schema == schema.OBSERVATION_SCHEMA
    assert back.sort_by("observation_id").equals(table().sort_by("observation_id"))


def test_read_dataset_empty_has_schema(tmp_path: Path):
    empty = read_dataset(tmp_path, "articles")
    assert empty.num_rows == 0 and empty.schema == schema.ARTICLE_SCHEMA


def test_unknown_dataset_is_refused(tmp_path: Path):
    with pytest.raises(StoreError, match="unknown dataset 'posts'"):
        read_dataset(tmp_path, "posts")


def test_unsafe_partition_value_is_refused(tmp_path: Path):
    row = obs(
        "overall_crime",
        "cases",
        "2023",
        90276,
        url=GIA_FY2023,
        tier="official_text",
        published="2024-02-06",
        source_id="../escape",
    )
    with pytest.raises(StoreError, match="not a safe directory name"):
        write_observations(validate_observations([row], known_categories=KNOWN), tmp_path)
    assert not list(tmp_path.rglob("*.parquet"))


def test_missing_partition_column_is_refused(tmp_path: Path):
    with pytest.raises(StoreError, match=r"partition column\(s\) \['region'\]"):
        write_table(table(), tmp_path, "observations", ("region",))


def test_articles_without_publication_time_go_to_year_unknown(tmp_path: Path):
    rows = [
        {
            "url": GIA_FY2023,
            "source_id": "gia",
            "source_tier": "official_text",
            "sha256": "cd" * 32,
            "published_at": datetime(2024, 2, 6, 9, 0, tzinfo=UTC),
        },
        {"url": GIA_FY2023 + "?v=2", "source_id": "gia", "source_tier": "official_text", "sha256": "ef" * 32},
    ]
    result = write_articles(validate_articles(rows), tmp_path)
    dirs = sorted(p.parent.name for p in result.written)
    assert dirs == ["year=2024", "year=unknown"]
    assert read_dataset(tmp_path, "articles").num_rows == 2
