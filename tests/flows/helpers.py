"""Running the pipeline's stages against the fixture site, without the Prefect engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from extract.archive import RawArchive
from extract.catalogue import SOURCES
from extract.http import PoliteClient
from flows.publish import publish_batches
from flows.reports import RunReport
from flows.stages import collect_source
from tests.site_server import FIXTURE_SITE_ROOT
from warehouse.queries import loaded_documents

STATS = [s.source_id for s in SOURCES if s.tier == "official_table" or s.source_id == "datagovhk_ckan"]
FEEDS = [s.source_id for s in SOURCES if s.tier == "discovery" and s.follows and s.urls]


def run_live(home: Path, url_map: dict[str, str], sources: list[str], **client_options: object) -> RunReport:
    """One live run over the fixture site: collect each source, then the publish step.

    No politeness pause and short backoffs: the fixture server is local (the client's own tests
    check the spacing with a fake clock).
    """
    options = {"min_interval": 0.0, "backoff_base": 0.01, "backoff_cap": 0.05, **client_options}
    archive = RawArchive(home / "raw")
    client = PoliteClient(archive, url_map=url_map, **options)
    loaded = loaded_documents(home / "warehouse.duckdb")
    batches = [collect_source(client, sid, loaded=loaded) for sid in sources]
    return publish_batches(batches, home / "parquet", home / "warehouse.duckdb", archive)


def copy_site(tmp: Path, replace: dict[str, Path | bytes] | None = None) -> Path:
    """A private copy of the fixture site with some files replaced (relative path -> file or bytes)."""
    root = tmp / "site"
    shutil.copytree(FIXTURE_SITE_ROOT, root)
    for rel, new in (replace or {}).items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(new if isinstance(new, bytes) else new.read_bytes())
    return root


def scalar(db: Path, sql: str, *params: object) -> object:
    """One value from the warehouse, read-only."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(sql, list(params)).fetchone()
    finally:
        con.close()
    return None if row is None else row[0]


def table_rows(db: Path, table: str, exclude: tuple[str, ...] = ("load_id",)) -> list[tuple]:
    """All rows of a table, sorted, without the columns in `exclude` (for comparing warehouses)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = [c for (c,) in con.execute(f"SELECT column_name FROM (DESCRIBE {table})").fetchall()]
        keep = ", ".join(c for c in cols if c not in exclude)
        return con.execute(f"SELECT {keep} FROM {table} ORDER BY ALL").fetchall()
    finally:
        con.close()
