"""What keeps a long run of loads flat in memory (issue 13): bounded row groups, few malloc arenas."""

from __future__ import annotations

import platform
from pathlib import Path

import duckdb
import pytest

from tests.bench.data import real_observations, replicated_table
from transform.parquet_store import write_observations
from warehouse import allocator
from warehouse.db import LOAD_ROW_GROUP_SIZE
from warehouse.load import load_parquet


def row_groups(db: Path, table: str = "observations") -> list[int]:
    """Rows per row group of `table`, in order, as any connection reads the file."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        sql = (
            "SELECT row_group_id, sum(count) FROM pragma_storage_info(?) "
            "WHERE column_id = 0 AND segment_type <> 'VALIDITY' GROUP BY 1 ORDER BY 1"
        )
        return [int(n) for _, n in con.execute(sql, [table]).fetchall()]
    finally:
        con.close()


def test_a_load_writes_row_groups_of_the_load_size(tmp_path: Path):
    db, base = tmp_path / "w.duckdb", real_observations()
    n = 2 * LOAD_ROW_GROUP_SIZE + 1000
    write_observations(replicated_table(base, n), tmp_path / "big")
    load_parquet(db, tmp_path / "big")
    groups = row_groups(db)
    assert sum(groups) == n and max(groups) <= LOAD_ROW_GROUP_SIZE  # DuckDB's own size: one group


def test_the_row_groups_of_small_loads_are_merged_within_the_load_size(tmp_path: Path):
    """Each load appends row groups of its own; the loads' checkpoints merge them (so a table of
    many loads is not one group per load), never past the load size (what a merge holds in memory)."""
    db, base, start = tmp_path / "w.duckdb", real_observations(), 0
    write_observations(replicated_table(base, LOAD_ROW_GROUP_SIZE), tmp_path / "first")
    load_parquet(db, tmp_path / "first")
    start = LOAD_ROW_GROUP_SIZE
    for i in range(12):
        root = tmp_path / f"small-{i}"
        write_observations(replicated_table(base, 700, start=start), root)
        load_parquet(db, root)
        start += 700
    groups = row_groups(db)
    assert sum(groups) == start
    assert max(groups) <= LOAD_ROW_GROUP_SIZE
    assert len(groups) < 1 + 12  # merged: fewer than the first group plus one per small load


@pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="a glibc setting"
)
def test_malloc_arenas_are_capped_once_unless_the_environment_chose(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    allocator.limit_malloc_arenas.cache_clear()
    assert allocator.limit_malloc_arenas() is False
    monkeypatch.delenv("MALLOC_ARENA_MAX")
    allocator.limit_malloc_arenas.cache_clear()
    assert allocator.limit_malloc_arenas() is True
    assert allocator.limit_malloc_arenas.cache_info().currsize == 1  # once per process


def test_malloc_arenas_are_left_alone_on_another_c_library(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(platform, "libc_ver", lambda: ("", ""))
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    allocator.limit_malloc_arenas.cache_clear()
    try:
        assert allocator.limit_malloc_arenas() is False
    finally:
        allocator.limit_malloc_arenas.cache_clear()
