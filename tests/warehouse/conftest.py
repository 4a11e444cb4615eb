"""Fixtures: Parquet stores and warehouses built from real figures in a temp dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.warehouse.rows import headline_rows
from transform.parquet_store import write_observations
from transform.validate import validate_observations
from warehouse.load import load_parquet

CATEGORIES = {"technology_crime", "overall_crime", "violent_crime", "deception", "robbery_genuine_firearms"}


def store(rows: list[dict], root: Path) -> Path:
    """Validate and write rows as Parquet under root; returns root."""
    write_observations(validate_observations(rows, known_categories=CATEGORIES), root)
    return root


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse loaded once with the headline rows, shared by tests that only read it."""
    base = tmp_path_factory.mktemp("headline")
    db = base / "warehouse.duckdb"
    load_parquet(db, store(headline_rows(), base / "parquet"))
    return db
