"""series_best: each series' best observation per period, kept up to date by the loads (issue 13).

The oracle is what the refresh computed before the table: best_observations (best_observations_of
over every vintage), period_over_period_of over the views, and the view chain of before issue 13
(period_over_period_v1.sql). Checked on generated warehouses with many vintages loaded batch by
batch (restatements, ties on the day and on the instant, copies in three languages, undated and
unfetched vintages, tiers, bounds, unknown labels), on the bench's own workloads, after a failed
refresh, after a migration, and on what a load recomputes (only the keys of its rows).

Every value is a published figure (the parsers' readings of the fixture site, SOURCES 1.2's
restated 2024 total); only provenance is varied, and a press rounding is an `approx` of the figure.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from tests.bench.data import real_observations, replicated_table
from tests.warehouse.rows import headline_rows, restated_2024
from tests.warehouse.test_period_over_period_table import COLUMNS, differences
from transform import schema
from transform.parquet_store import write_observations
from warehouse import db as warehouse_db
from warehouse.db import connect, refresh_period_over_period
from warehouse.exceptions import LoadFailed
from warehouse.load import load_parquet
from warehouse.sql import load_sql

BOOKKEEPING = "winner, key_values, last_day"
KEY = ("jurisdiction", "category", "metric", "unit", "period_label")
DAY0 = datetime(2025, 3, 1, tzinfo=UTC)
CSC = ("hkpf_csc_en", "hkpf_csc_tc", "hkpf_csc_sc")


# --- generated vintages ----------------------------------------------------------------------------


def base_rows() -> list[dict]:
    """Every published figure the tests have: the fixture site's readings, the headline rows and the
    two publications of the 2024 overall total (a restatement)."""
    rows = [*real_observations(), *headline_rows(), *restated_2024()]
    return [{c: r.get(c) for c in schema.OBSERVATION_COLUMNS if c != "observation_id"} for r in rows]


def _instant(rng: random.Random) -> datetime | None:
    """One of few days and few times of day, so that vintages tie on the day and on the instant."""
    if rng.random() < 0.15:
        return None
    return DAY0 + timedelta(days=rng.randrange(4), hours=rng.choice((0, 8, 8, 17)))


def _rounded(value: float) -> float:
    """The figure as a press report rounds it (three significant digits)."""
    digits = max(len(str(int(abs(value)))) - 3, 0)
    return float(round(value, -digits))


def vintage(base: dict, rng: random.Random, n: int) -> dict:
    """A later reading of the published figure `base`: another copy, language, tier, time, wording."""
    row = dict(base)
    if row["source_id"] in CSC:
        row["source_id"] = rng.choice(CSC)
    english = row["source_id"].endswith("_en") or rng.random() < 0.2
    row["document_url"] = f"http://127.0.0.1/vintage/{rng.randrange(3)}" + ("/ppp_en/" if english else "/")
    row["raw_sha256"] = hashlib.sha256(f"vintage {n}".encode()).hexdigest()  # its own document bytes
    roll = rng.random()
    if roll < 0.15:
        row["source_tier"] = rng.choice(("official_table", "official_text", "media"))
    if 0.15 <= roll < 0.25:
        row |= {"value": _rounded(row["value"]), "qualifier": "approx"}
    elif 0.25 <= roll < 0.3:
        row |= {"value": _rounded(row["value"]) * 0.98, "qualifier": "more_than"}
    elif 0.3 <= roll < 0.4:  # a press rounding the reader took as exact: disagrees beyond rounding
        row |= {"value": _rounded(row["value"])}
    row["published_at"] = _instant(rng)
    row["fetched_at"] = _instant(rng) if rng.random() < 0.9 else None
    if row["category"] == "deception" and row["period_label"] == "2023":
        row["published_at"] = row["fetched_at"] = None  # a key whose every vintage is undated
    if rng.random() < 0.03:
        row["category"] = "unknown"
    return row


def as_table(rows: list[dict]) -> pa.Table:
    out = []
    for row in rows:
        row = dict(row)
        row["observation_id"] = schema.observation_id(row)
        out.append({c: row.get(c) for c in schema.OBSERVATION_COLUMNS})
    return pa.Table.from_pylist(out, schema=schema.OBSERVATION_SCHEMA)


def load_rows(db: Path, rows: list[dict], root: Path) -> None:
    """One load of `rows` (its own Parquet root, so that only they are loaded)."""
    write_observations(as_table(rows), root)
    load_parquet(db, root)


def generated_batches(seed: int, n_batches: int, per_batch: int) -> list[list[dict]]:
    """Batches of vintages of the published figures, drawn with replacement (repeats and all)."""
    rng, base = random.Random(seed), base_rows()
    batches, n = [], 0
    for _ in range(n_batches):
        batch = []
        for _ in range(per_batch):
            batch.append(vintage(rng.choice(base), rng, n))
            n += 1
        batches.append(batch)
    return batches


# --- the checks --------------------------------------------------------------------------------------


def mismatches(db: Path) -> dict[str, tuple[int, int, int]]:
    """Per check, (rows, rows only in the new result, rows only in the old): all zero but the rows."""
    con = duckdb.connect(str(db), read_only=True)
    stored = f"SELECT * EXCLUDE ({BOOKKEEPING}) FROM series_best WHERE observation_id IS NOT NULL"
    pairs = {
        # the stored table against best_observations_of over every vintage (the view)
        "series_best": (stored, "FROM best_observations"),
        # what a later load needs, against every vintage
        "bookkeeping": (
            f"SELECT {', '.join(KEY)}, winner, n_vintages, key_values, last_day FROM series_best",
            f"SELECT {', '.join(KEY)}, min(vintage_order(source_id, source_tier, value, qualifier, "
            "published_at, fetched_at, observation_id)), "
            "count(*), list_sort(list(DISTINCT {'value': value, 'qualifier': qualifier})), "
            f"max(vintage_day(published_at, fetched_at)) FROM known_observations GROUP BY {', '.join(KEY)}",
        ),
        # the refreshed table against the old computation from the views
        "period_over_period": (
            f"SELECT {COLUMNS} FROM period_over_period",
            "FROM period_over_period_of('best_and_derived', 'period_calendar')",
        ),
    }
    out = {}
    try:
        for name, (new, old) in pairs.items():
            (n,) = con.execute(f"SELECT count(*) FROM ({new})").fetchone()
            (extra,) = con.execute(f"SELECT count(*) FROM ({new} EXCEPT ALL {old})").fetchone()
            (missing,) = con.execute(f"SELECT count(*) FROM ({old} EXCEPT ALL {new})").fetchone()
            out[name] = (n, extra, missing)
    finally:
        con.close()
    return out


def rows_of(db: Path, sql: str) -> list:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


def rebuilt(db: Path, tmp_path: Path) -> Path:
    """A copy of `db` whose series_best and period_over_period are rebuilt from every vintage."""
    copy = tmp_path / f"rebuilt-{db.name}"
    shutil.copyfile(db, copy)
    con = connect(copy)
    refresh_period_over_period(con)  # no load: every key from every vintage
    con.close()
    return copy


def assert_same(db: Path, tmp_path: Path) -> dict[str, int]:
    found = mismatches(db)
    assert {name: m[1:] for name, m in found.items()} == {name: (0, 0) for name in found}
    assert differences(db, tmp_path)[1:] == ([], [])  # and the view chain of before issue 13
    # the table kept up load by load is the table built at once from every vintage
    assert rows_of(db, "FROM series_best") == rows_of(rebuilt(db, tmp_path), "FROM series_best")
    return {name: m[0] for name, m in found.items()}


def count(db: Path, sql: str, params: list | None = None) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params).fetchone()[0]
    finally:
        con.close()


# --- equivalence -------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [13, 2024])
def test_loads_of_many_vintages_keep_the_refresh_identical_to_the_old_one(tmp_path: Path, seed: int):
    db = tmp_path / "w.duckdb"
    for i, batch in enumerate(generated_batches(seed, n_batches=8, per_batch=150)):
        load_rows(db, batch, tmp_path / f"b{i}")
        if i in (0, 3, 7):
            sizes = assert_same(db, tmp_path)
    assert sizes["series_best"] > 100 and sizes["period_over_period"] > 200
    # the generated data exercises what the picks turn on
    assert count(db, "SELECT count(*) FROM best_observations WHERE conflict") > 5
    assert count(db, "SELECT count(*) FROM series_best WHERE observation_id IS NULL") >= 1  # undated keys
    assert count(db, "SELECT count(*) FROM best_observations WHERE n_vintages > 5") > 20
    ties = "SELECT count(*) FROM (SELECT 1 FROM observations GROUP BY ALL HAVING count(*) > 1)"
    assert count(db, ties.replace("ALL", "category, metric, period_label, published_at")) > 20


def test_the_bench_load_workload_gives_the_old_rows(tmp_path: Path):
    # make bench's load and load_more: every copy a later vintage of every figure, a day apart
    db, base = tmp_path / "w.duckdb", real_observations()
    write_observations(replicated_table(base, 3 * len(base)), tmp_path / "a")
    load_parquet(db, tmp_path / "a")
    write_observations(replicated_table(base, 3 * len(base), start=3 * len(base)), tmp_path / "b")
    load_parquet(db, tmp_path / "b")
    sizes = assert_same(db, tmp_path)
    assert sizes["series_best"] == count(db, "SELECT count(*) FROM best_observations") > 100
    assert count(db, "SELECT min(n_vintages) FROM series_best") >= 6


def test_the_bench_backfill_workload_gives_the_old_rows(tmp_path: Path):
    # backfill_memory's archive: every copy of a snapshot page a same-day vintage, replayed in batches
    from flows.streaming import replay_streaming
    from tests.bench.flow_data import build_archive

    archive = build_archive(tmp_path / "archive", 60).root
    report = replay_streaming(archive, tmp_path / "parquet", tmp_path / "w.duckdb", None, 10)
    assert report.ok and report.planned_batches >= 6
    sizes = assert_same(tmp_path / "w.duckdb", tmp_path)
    assert sizes["period_over_period"] > 50


# --- built at once, or merged ----------------------------------------------------------------------


def merged_into_empty_and_built(db: Path, tmp_path: Path) -> tuple[list, list]:
    """series_best from every vintage of `db` two ways, on a copy: the merge's two statements over an
    emptied table (every row new), and the one-statement build a new home's first load runs."""
    copy = tmp_path / f"both-{db.name}"
    shutil.copyfile(db, copy)
    con = connect(copy)
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(load_sql("refresh_sources").format(visible="visible_observations"))
        con.execute("DELETE FROM series_best")
        n_merged = warehouse_db._merge_series_best(con, "SELECT * FROM pop_known", None)
        merged = sorted(con.execute("FROM series_best").fetchall(), key=repr)
        n_built = con.execute(load_sql("series_best_build")).fetchone()[0]
        built = sorted(con.execute("FROM series_best").fetchall(), key=repr)
        con.execute("ROLLBACK")
    finally:
        con.close()
    assert n_merged == n_built == len(built)
    return merged, built


@pytest.mark.parametrize("seed", [5, 31])
def test_the_build_gives_the_rows_of_the_merge(tmp_path: Path, seed: int):
    db = tmp_path / "w.duckdb"
    for i, batch in enumerate(generated_batches(seed, n_batches=4, per_batch=200)):
        load_rows(db, batch, tmp_path / f"b{i}")
    merged, built = merged_into_empty_and_built(db, tmp_path)
    assert merged == built and len(built) > 100
    assert any(row[0] is None for row in built)  # keys whose every vintage is undated, built too
    assert rows_of(db, "FROM series_best") == built  # and the table the loads kept, batch by batch


def test_the_bench_workload_is_built_as_merged(tmp_path: Path):
    db, base = tmp_path / "w.duckdb", real_observations()
    write_observations(replicated_table(base, 3 * len(base)), tmp_path / "a")
    load_parquet(db, tmp_path / "a")
    merged, built = merged_into_empty_and_built(db, tmp_path)
    assert merged == built == rows_of(db, "FROM series_best")
    assert len(built) > 100 and count(db, "SELECT min(n_vintages) FROM series_best") >= 3


def sql_read_by_loads(monkeypatch, db: Path, batches: list[list[dict]], root: Path) -> list[set[str]]:
    """The names of the SQL files of series_best that each load of `batches` into `db` read."""
    real, read = warehouse_db.load_sql, []

    def spy(name: str) -> str:
        if name.startswith("series_best"):
            read[-1].add(name)
        return real(name)

    monkeypatch.setattr(warehouse_db, "load_sql", spy)
    for i, batch in enumerate(batches):
        read.append(set())
        load_rows(db, batch, root / f"b{i}")
    return read


def test_a_new_home_is_built_at_once_and_later_loads_merge(tmp_path: Path, monkeypatch):
    db = tmp_path / "w.duckdb"
    batches = generated_batches(17, n_batches=3, per_batch=150)
    first, second, third = sql_read_by_loads(monkeypatch, db, batches, tmp_path)
    assert "series_best_build" in first and "series_best_keys" not in first
    for later in (second, third):
        assert {"series_best_keys", "series_best_merge"} <= later and "series_best_build" not in later
    assert_same(db, tmp_path)


def test_a_load_into_rows_without_a_stored_best_builds_from_every_row(tmp_path: Path, monkeypatch):
    # series_best emptied by hand while the warehouse holds rows: the next load builds it from all
    db = tmp_path / "w.duckdb"
    load_rows(db, generated_batches(23, 1, 200)[0], tmp_path / "a")
    con = connect(db)
    con.execute("DELETE FROM series_best")
    con.close()
    (read,) = sql_read_by_loads(monkeypatch, db, [[copy(EN, at(1, 8))]], tmp_path)
    assert "series_best_build" in read and "series_best_keys" not in read
    assert count(db, "SELECT sum(n_vintages) FROM series_best") == count(
        db, "SELECT count(*) FROM known_observations"
    )
    assert_same(db, tmp_path)


def test_vintage_day_is_the_utc_day_a_cast_gives(tmp_path: Path):
    # vintage_day reads the day from the instant's microseconds (no time zone calendar): the day a
    # cast to DATE gives in a UTC session, around midnight, before 1970, and for infinities
    con = connect(tmp_path / "w.duckdb")
    instants = (
        "SELECT TIMESTAMPTZ '1969-12-30 00:00:00+00' + i * INTERVAL 7 MINUTE AS t FROM range(1500) AS r(i) "
        "UNION ALL SELECT TIMESTAMPTZ '1900-01-01 00:00:00+00' + i * INTERVAL 997 HOUR "
        "FROM range(2000) AS r(i) "
        "UNION ALL SELECT unnest([TIMESTAMPTZ 'infinity', TIMESTAMPTZ '-infinity', NULL])"
    )
    (n, differ, from_fetched) = con.execute(
        f"SELECT count(*), count(*) FILTER (vintage_day(t, NULL) IS DISTINCT FROM CAST(t AS DATE)), "
        f"count(*) FILTER (vintage_day(NULL, t) IS DISTINCT FROM CAST(t AS DATE)) FROM ({instants})"
    ).fetchone()
    con.close()
    assert (n, differ, from_fetched) == (3503, 0, 0)


# --- each way a load's rows meet the stored row --------------------------------------------------


def figure(**changes) -> dict:
    """The 2024 overall crime total as the police first published it (SOURCES 1.2), re-published."""
    row = {c: v for c, v in restated_2024()[0].items() if c in schema.OBSERVATION_COLUMNS}
    return row | {"source_id": "hkpf_csc_tc", "source_tier": "official_table"} | changes


def at(day: int, hour: int) -> datetime:
    return DAY0 + timedelta(days=day, hours=hour)


def shown(db: Path) -> tuple:
    """(document_url, value, n_vintages, conflict) of the stored best 2024 overall crime total."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT document_url, value, n_vintages, conflict FROM series_best "
            "WHERE category = 'overall_crime' AND metric = 'cases' AND period_label = '2024'"
        ).fetchone()
    finally:
        con.close()


EN = "http://127.0.0.1/copy/ppp_en/"
TC = "http://127.0.0.1/copy/ppp_tc/"


def copy(url: str, when: datetime, **changes) -> dict:
    """A copy of the figure in the language of `url`, published and fetched at `when`."""
    source = "hkpf_csc_en" if "ppp_en" in url else "hkpf_csc_tc"
    row = figure(document_url=url + str(when.hour), source_id=source, published_at=when, fetched_at=when)
    return row | changes


@pytest.mark.parametrize(
    ("first", "later", "expected_url"),
    [
        # the stored winner stands; a new English copy of its publication is shown instead
        ([copy(TC, at(1, 9))], [copy(EN, at(1, 8))], EN + "8"),
        # a new copy wins in the stored row's own group: the stored English copy is still shown
        ([copy(EN, at(1, 8))], [copy(TC, at(1, 9))], EN + "8"),
        # a new copy wins on a later day than every older vintage: nothing older to look at
        ([copy(EN, at(1, 8))], [copy(TC, at(2, 9))], TC + "9"),
        # a new copy wins on a day an older copy of the same figure shares, while another value
        # had won: the older English copy of the new winner's group is found by a lookup
        ([copy(EN, at(1, 8)), copy(TC, at(1, 10), value=94948.0)], [copy(TC, at(1, 11))], EN + "8"),
        # a better tier wins on an older day that an older copy shares
        (
            [
                copy(EN, at(1, 8), source_tier="official_text"),
                copy(TC, at(2, 8), source_tier="official_text"),
            ],
            [copy(TC, at(1, 9))],
            TC + "9",
        ),
        # every older vintage undated (no row shown), then a dated one
        ([copy(EN, at(1, 8), published_at=None, fetched_at=None)], [copy(TC, at(1, 9))], TC + "9"),
    ],
)
def test_each_way_a_new_vintage_meets_the_stored_row(tmp_path, first, later, expected_url):
    db = tmp_path / "w.duckdb"
    load_rows(db, first, tmp_path / "a")
    load_rows(db, later, tmp_path / "b")
    assert shown(db)[0] == expected_url
    assert shown(db)[2] == len(first) + len(later)
    assert_same(db, tmp_path)


def test_a_restatement_then_the_first_value_again_flags_the_conflict(tmp_path: Path):
    first, restated = restated_2024()
    db = tmp_path / "w.duckdb"
    load_rows(db, [first], tmp_path / "a")
    assert shown(db)[1:] == (94747.0, 1, False)
    load_rows(db, [restated], tmp_path / "b")
    assert shown(db)[1:] == (94948.0, 2, True)  # the official table wins; the first value disagrees
    later = first | {  # the first figure again, in a later official table (its own document bytes)
        "source_tier": "official_table",
        "published_at": datetime(2025, 7, 1, tzinfo=UTC),
        "raw_sha256": hashlib.sha256(b"a later table").hexdigest(),
    }
    load_rows(db, [later], tmp_path / "c")
    assert shown(db)[1:] == (94747.0, 3, True)
    assert_same(db, tmp_path)


# --- what a load recomputes ----------------------------------------------------------------------


def test_a_load_recomputes_only_the_keys_of_its_rows(tmp_path: Path):
    db = tmp_path / "w.duckdb"
    load_rows(db, base_rows(), tmp_path / "a")
    con = connect(db)
    # a mark a recompute would drop: the disagreeing values are worked out afresh for every key it writes
    con.execute("UPDATE series_best SET conflicting_values = [-1.0]")
    n_keys = con.execute("SELECT count(*) FROM series_best").fetchone()[0]
    con.close()
    n_before = shown(db)[2]
    load_rows(db, [copy(EN, at(1, 8))], tmp_path / "b")  # one key: overall crime cases 2024
    con = duckdb.connect(str(db), read_only=True)
    recomputed = con.execute(
        "SELECT category, metric, period_label, n_vintages FROM series_best "
        "WHERE conflicting_values <> [-1.0]"
    ).fetchall()
    con.close()
    assert recomputed == [("overall_crime", "cases", "2024", n_before + 1)] and n_keys > 100
    # and through the refresh itself: one load's rows, one key recomputed
    con = connect(db)
    con.execute("INSERT INTO loads (load_id, started_at, status) VALUES ('by-hand', now(), 'completed')")
    con.execute(
        "INSERT INTO observations SELECT * REPLACE ('by-hand' AS load_id, 'hand-1' AS observation_id, "
        "published_at + INTERVAL 1 DAY AS published_at) FROM observations WHERE document_url = ?",
        [EN + "8"],
    )
    assert refresh_period_over_period(con, "by-hand") == 1
    assert refresh_period_over_period(con) == n_keys  # by hand, without a load: every key, rebuilt
    con.close()


def test_rows_written_by_hand_are_counted_by_the_next_load(tmp_path: Path):
    # a load that finds series_best short of the visible rows rebuilds it from every vintage
    db = tmp_path / "w.duckdb"
    load_rows(db, base_rows()[:100], tmp_path / "a")
    con = connect(db)
    con.execute(
        "INSERT INTO observations SELECT * REPLACE ('hand-' || observation_id AS observation_id, "
        "published_at + INTERVAL 1 DAY AS published_at) FROM observations"
    )
    con.close()
    load_rows(db, [copy(EN, at(1, 8))], tmp_path / "b")
    assert count(db, "SELECT sum(n_vintages) FROM series_best") == count(
        db, "SELECT count(*) FROM known_observations"
    )
    assert_same(db, tmp_path)


# --- crashes and migration -----------------------------------------------------------------------


def snapshot(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in ("observations", "series_best", "period_over_period")
        }
    finally:
        con.close()


@pytest.mark.parametrize("failing", ["series_best_replace", "refresh_period_over_period"])
def test_a_refresh_that_fails_leaves_the_warehouse_as_it_was(tmp_path: Path, monkeypatch, failing: str):
    db = tmp_path / "w.duckdb"
    load_rows(db, base_rows(), tmp_path / "a")
    before = snapshot(db)
    real = warehouse_db.load_sql

    def broken(name: str) -> str:
        if name == failing:  # after the merge has written sb_next (and, for the second, series_best)
            return real(name) + "\nSELECT error('disk gone in the middle of the refresh');"
        return real(name)

    monkeypatch.setattr(warehouse_db, "load_sql", broken)
    with pytest.raises(LoadFailed, match="refreshing period_over_period"):
        # a restatement published after every vintage the fixture site gives (fetched 2026-01-01)
        load_rows(db, [copy(EN, at(1, 8)), copy(TC, at(400, 8), value=94948.0)], tmp_path / "b")
    monkeypatch.setattr(warehouse_db, "load_sql", real)
    assert snapshot(db) == before  # no row, no stored best, no refreshed table: nothing partial
    failed = "SELECT count(*) FROM loads WHERE status = 'failed' AND note LIKE '%disk gone%'"
    assert count(db, failed) == 1
    load_parquet(db, tmp_path / "b")  # the same files again: loaded, and consistent
    assert shown(db)[0] == TC + "8"
    assert_same(db, tmp_path)


def test_a_warehouse_made_before_the_table_gets_it_on_its_next_open(tmp_path: Path):
    db = tmp_path / "old.duckdb"
    load_rows(db, generated_batches(7, 1, 300)[0], tmp_path / "a")
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE series_best")  # as a version before issue 13's second pass left it
    con.execute("UPDATE cyberstats_schema SET version = 'a version before series_best'")
    con.close()
    old = shutil.copyfile(db, tmp_path / "read-only.duckdb")
    ro = connect(old, read_only=True)  # readers of an old file never need the table
    assert ro.execute("SELECT count(*) FROM period_over_period").fetchone()[0] > 100
    ro.close()
    connect(db).close()  # the next read-write open (a load's copy) sets the schema up: the table
    sizes = assert_same(db, tmp_path)
    assert sizes["series_best"] > 50
    for i, batch in enumerate(generated_batches(8, 2, 100)):  # and later loads keep it up
        load_rows(db, batch, tmp_path / f"b{i}")
    assert_same(db, tmp_path)
