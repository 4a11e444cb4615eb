"""warehouse.load: one transaction per load, idempotent, a ledger of what happened."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.conftest import CATEGORIES, store
from tests.warehouse.rows import GIA_FY2023, MONTHLY_CSV, OFFBEAT_2024, headline_rows, obs
from transform.parquet_store import dataset_files, write_article_figures, write_articles
from transform.validate import validate_article_figures, validate_articles
from warehouse.exceptions import LoadFailed, WarehouseError
from warehouse.load import load_parquet
from warehouse.queries import table_counts


def ledger(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT status, observations_read, observations_inserted, articles_inserted, note "
            "FROM loads ORDER BY started_at"
        ).fetchall()
    finally:
        con.close()


def overall_2024_official() -> dict:
    return obs(
        "overall_crime",
        "cases",
        "2024",
        94747,
        url=OFFBEAT_2024,
        tier="official_text",
        published="2025-02-20",
        source_id="offbeat",
    )


def test_second_load_of_same_parquet_inserts_nothing(tmp_path: Path):
    db, root = tmp_path / "w.duckdb", store(headline_rows(), tmp_path / "pq")
    first = load_parquet(db, root)
    counts = table_counts(db)
    second = load_parquet(db, root)
    assert first.inserted["observations"] == 12 and second.inserted["observations"] == 0
    assert second.read["observations"] == 12
    assert {k: v for k, v in table_counts(db).items() if k != "loads"} == {
        k: v for k, v in counts.items() if k != "loads"
    }
    assert [r[:3] for r in ledger(db)] == [("completed", 12, 12), ("completed", 12, 0)]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT DISTINCT load_id FROM observations").fetchall() == [(first.load_id,)]
    con.close()


def test_every_vintage_is_kept(tmp_path: Path):
    # the published 2024 total, and the sum of the 2024 monthly file (SOURCES 1.2): both kept
    later = obs(
        "overall_crime",
        "cases",
        "2024",
        94948,
        url=MONTHLY_CSV,
        tier="official_table",
        published="2025-06-30",
        source_id="hkpf_monthly",
    )
    db = tmp_path / "w.duckdb"
    summary = load_parquet(db, store([overall_2024_official(), later], tmp_path / "pq"))
    assert summary.inserted["observations"] == 2
    assert table_counts(db)["observations"] == 2 and table_counts(db)["best_observations"] == 1


def corrupt_article_file(root: Path) -> Path:
    bad = root / "articles" / "source_id=gia" / "year=2024" / "part-corrupt.parquet"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"PAR1 this is not a parquet file")
    return bad


def test_failure_mid_load_leaves_warehouse_unchanged_and_records_failure(tmp_path: Path):
    db, root = tmp_path / "w.duckdb", store(headline_rows(), tmp_path / "pq")
    load_parquet(db, root)
    before = table_counts(db)
    store([overall_2024_official()], root)  # new valid observations, merged before articles fail
    bad = corrupt_article_file(root)
    with pytest.raises(LoadFailed, match="rolled back") as err:
        load_parquet(db, root)
    after = table_counts(db)
    assert after["observations"] == before["observations"] == 12
    assert after["loads"] == before["loads"] + 1
    status, _, inserted, _, note = ledger(db)[-1]
    assert (status, inserted) == ("failed", 0)
    assert bad.name in note and err.value.load_id
    bad.unlink()
    assert load_parquet(db, root).inserted["observations"] == 1  # the retry brings the new row


def test_a_failed_period_over_period_refresh_drops_the_rows_it_followed(tmp_path: Path, monkeypatch):
    # the refresh runs on the copy after the rows commit there: a failure must drop the copy
    db, root = tmp_path / "w.duckdb", store(headline_rows(), tmp_path / "pq")
    load_parquet(db, root)
    before, table_before = table_counts(db), pop_rows(db)
    store([overall_2024_official()], root)

    def broken_refresh(con: duckdb.DuckDBPyConnection, load_id: str | None = None) -> None:
        con.execute("SELECT * FROM no_such_relation")

    monkeypatch.setattr("warehouse.load.refresh_period_over_period", broken_refresh)
    with pytest.raises(LoadFailed, match="period_over_period") as err:
        load_parquet(db, root)
    after = table_counts(db)
    assert after["observations"] == before["observations"] == 12 and pop_rows(db) == table_before
    assert after["loads"] == before["loads"] + 1
    status, _, inserted, _, note = ledger(db)[-1]
    assert (status, inserted) == ("failed", 0) and "no_such_relation" in note and err.value.load_id
    monkeypatch.undo()
    assert load_parquet(db, root).inserted["observations"] == 1  # the retry brings the new row
    assert pop_rows(db) != table_before  # and refreshes the table


def test_a_failed_refresh_that_cannot_be_recorded_says_so(tmp_path: Path, monkeypatch):
    db, root = tmp_path / "w.duckdb", store(headline_rows(), tmp_path / "pq")
    load_parquet(db, root)
    before = ledger(db)
    store([overall_2024_official()], root)

    def broken_refresh(con: duckdb.DuckDBPyConnection, load_id: str | None = None) -> None:
        con.execute("SELECT * FROM no_such_relation")

    def broken_record(*args) -> None:
        raise duckdb.IOException("disk full (provoked)")

    monkeypatch.setattr("warehouse.load.refresh_period_over_period", broken_refresh)
    monkeypatch.setattr("warehouse.load._record_failure", broken_record)
    with pytest.raises(LoadFailed, match="no_such_relation") as err:
        load_parquet(db, root)
    assert "could not be recorded in the ledger: IOException: disk full (provoked)" in str(err.value)
    assert ledger(db) == before and table_counts(db)["observations"] == 12


def pop_rows(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute("FROM period_over_period").fetchall(), key=repr)
    finally:
        con.close()


def test_rows_of_unfinished_loads_are_invisible(tmp_path: Path):
    db, root = tmp_path / "w.duckdb", store(headline_rows(), tmp_path / "pq")
    load_parquet(db, root)
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO loads (load_id, started_at, status) VALUES ('x', now(), 'running')")
    con.execute(
        "INSERT INTO observations SELECT * REPLACE ('x' AS load_id, 'other' AS observation_id, "
        "99999.0 AS value) FROM observations WHERE period_label = '2024-H1' AND category = 'overall_crime'"
    )
    (n,) = con.execute("SELECT count(*) FROM best_observations WHERE value = 99999").fetchone()
    (m,) = con.execute("SELECT count(*) FROM observations WHERE value = 99999").fetchone()
    con.close()
    assert (n, m) == (0, 1)


def test_explicit_file_list_loads_only_those(tmp_path: Path):
    db, root = tmp_path / "w.duckdb", store(headline_rows(), tmp_path / "pq")
    csc = [p for p in dataset_files(root, "observations") if "source_id=hkpf_csc" in str(p)]
    summary = load_parquet(db, root, files=csc)
    assert summary.inserted["observations"] == 5
    assert all("hkpf_csc" in f for f in summary.files)


def test_file_outside_any_dataset_is_refused(tmp_path: Path):
    stray = tmp_path / "stray.parquet"
    with pytest.raises(WarehouseError, match="cannot tell the dataset"):
        load_parquet(tmp_path / "w.duckdb", tmp_path, files=[stray])


def test_missing_parquet_root_is_an_error(tmp_path: Path):
    with pytest.raises(WarehouseError, match="does not exist"):
        load_parquet(tmp_path / "w.duckdb", tmp_path / "absent")


def test_completed_load_id_cannot_be_reused(tmp_path: Path):
    db, root = tmp_path / "w.duckdb", store(headline_rows(), tmp_path / "pq")
    load_parquet(db, root, load_id="L1")
    with pytest.raises(WarehouseError, match="already in the ledger"):
        load_parquet(db, root, load_id="L1")


def test_articles_and_figures_load_with_observations(tmp_path: Path):
    root = store(headline_rows(), tmp_path / "pq")
    art = {
        "url": GIA_FY2023,
        "source_id": "gia",
        "source_tier": "official_text",
        "sha256": "cd" * 32,
        "published_at": datetime(2024, 2, 6, tzinfo=UTC),
        "language": "en",
    }
    articles = validate_articles([art])
    write_articles(articles, root)
    fig = obs(
        "overall_crime", "cases", "2023", 90276, url=GIA_FY2023, tier="official_text", published="2024-02-06"
    )
    fig |= {"article_id": articles.column("article_id")[0].as_py(), "kind": "level"}
    write_article_figures(validate_article_figures([fig], known_categories=CATEGORIES), root)
    db = tmp_path / "w.duckdb"
    summary = load_parquet(db, root)
    assert summary.inserted == {"observations": 12, "articles": 1, "article_figures": 1, "documents": 0}
    assert load_parquet(db, root).rows_inserted == 0


def test_one_id_in_two_files_is_inserted_once_with_its_latest_fetch(tmp_path: Path):
    """The same published row fetched twice (a re-fetch of an unchanged document) lands in two
    Parquet files with one id; the load keeps one row, the later fetch (the dedupe clause of
    warehouse/sql/insert_new.sql, which only runs when some id is in two files)."""
    from datetime import timedelta

    rows = headline_rows()
    later = [{**r, "fetched_at": r["fetched_at"] + timedelta(days=1)} for r in rows]
    root = store(rows, tmp_path / "pq")
    store(later, root)
    assert len(dataset_files(root, "observations")) >= 2
    db = tmp_path / "w.duckdb"
    summary = load_parquet(db, root)
    assert summary.inserted["observations"] == len(rows) == 12
    con = duckdb.connect(str(db), read_only=True)
    fetched = {r[0] for r in con.execute("SELECT DISTINCT fetched_at FROM observations").fetchall()}
    con.close()
    assert fetched == {r["fetched_at"] for r in later}


def test_stored_ids_and_an_id_in_two_files_are_each_counted_once(tmp_path: Path):
    """A load that is not all new ids, each in one file, counts what its files hold by id: rows already
    stored are read but not inserted, and a new row fetched twice is inserted once, its later fetch
    (the insert is taken back and run again with the dedupe clause)."""
    from datetime import timedelta

    db, root = tmp_path / "w.duckdb", store(headline_rows(), tmp_path / "pq")
    load_parquet(db, root)
    new = overall_2024_official()
    store([new], root)
    store([{**new, "fetched_at": new["fetched_at"] + timedelta(days=1)}], root)
    summary = load_parquet(db, root)
    assert (summary.read["observations"], summary.inserted["observations"]) == (13, 1)
    assert [r[:3] for r in ledger(db)][-1] == ("completed", 13, 1)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT fetched_at FROM observations WHERE load_id = ?", [summary.load_id]).fetchall()
    con.close()
    assert rows == [(new["fetched_at"] + timedelta(days=1),)]


def test_a_refresh_failing_after_it_replaced_the_table_leaves_the_old_state(tmp_path: Path, monkeypatch):
    # the failure comes after period_over_period was rebuilt on the copy: nothing of it may show
    import warehouse.db

    db, root = tmp_path / "w.duckdb", store(headline_rows(), tmp_path / "pq")
    load_parquet(db, root)
    before, table_before = table_counts(db), pop_rows(db)
    store([overall_2024_official()], root)
    real_sql = warehouse.db.load_sql

    def failing_at_the_end(name: str) -> str:
        tail = "\nSELECT * FROM no_such_relation;" if name == "refresh_period_over_period" else ""
        return real_sql(name) + tail

    monkeypatch.setattr(warehouse.db, "load_sql", failing_at_the_end)
    with pytest.raises(LoadFailed, match="no_such_relation"):
        load_parquet(db, root)
    monkeypatch.undo()
    assert table_counts(db)["observations"] == before["observations"] and pop_rows(db) == table_before
    assert ledger(db)[-1][0] == "failed"
