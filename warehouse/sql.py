"""SQL lives in warehouse/sql/*.sql; this reads it by name."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_sql(name: str) -> str:
    """The text of warehouse/sql/<name>.sql (name given with or without the suffix)."""
    filename = name if name.endswith(".sql") else f"{name}.sql"
    return resources.files("warehouse").joinpath("sql", filename).read_text(encoding="utf-8")
