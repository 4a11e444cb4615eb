"""Replays in bounded batches (issue 13): the same warehouse as one publish of everything, batch by
batch; vintages and the CSC language cross-check across batch boundaries; a failed batch stops the
run with the earlier ones loaded and is named; one bad document fails only itself."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import flows.publish
from extract.archive import ManifestEntry, RawArchive, utc_iso
from extract.http import PoliteClient
from flows.news import collect_backfill
from flows.publish import publish_batches
from flows.reports import RunReport
from flows.runner import DEMO_SNAPSHOT
from flows.settings import load_settings
from flows.stages import replay_batches
from flows.streaming import Flusher, plan_replay, replay_streaming
from tests.drift import csc_page
from tests.flows.helpers import copy_site, scalar, table_rows
from tests.site_server import FixtureSite
from warehouse.queries import loaded_documents

SITE = Path(__file__).parents[1] / "fixtures" / "site"
DRIFT = Path(__file__).parents[1] / "fixtures" / "drift"
TABLES = ("observations", "articles", "article_figures", "documents")
COUNTS = (
    "fetched",
    "parsed",
    "observations",
    "articles",
    "article_figures",
    "new_observations",
    "quarantined",
)
OVERALL_URL = "https://www.police.gov.hk/info/doc/crime_details_overall.csv"
OVERALL = (SITE / "www.police.gov.hk/info/doc/crime_details_overall.csv").read_bytes()
CSC_URL = "https://www.police.gov.hk/ppp_{lang}/09_statistics/csc.html"
CSC_FILE = SITE / "www.police.gov.hk/ppp_{lang}/09_statistics/csc.html"
HKCERT_URL = "https://www.hkcert.org/datagovhk/monthly_incident_report_en.json"
HKCERT = (SITE / "www.hkcert.org/datagovhk/monthly_incident_report_en.json").read_bytes()


def legacy_replay(archive: Path, home: Path) -> RunReport:
    """Everything parsed, then one publish: the path a replay took before it streamed."""
    batches = list(replay_batches(archive).values())
    return publish_batches(batches, home / "parquet", home / "warehouse.duckdb", RawArchive(archive))


def stream(archive: Path, home: Path, batch_size: int, sources: list[str] | None = None) -> RunReport:
    return replay_streaming(archive, home / "parquet", home / "warehouse.duckdb", sources, batch_size)


def tables(home: Path, exclude: tuple[str, ...] = ("load_id",)) -> dict[str, list[tuple]]:
    return {t: table_rows(home / "warehouse.duckdb", t, exclude) for t in TABLES}


LIVE_VOLATILE = ("load_id", "fetched_at")  # two live runs fetch at different times, by design


def archive_of(root: Path, docs: list[tuple[str, str, bytes, str | None]]) -> Path:
    """A raw archive of (source_id, url, body, content_type) fetches, one second apart, in order."""
    archive = RawArchive(root)
    start = datetime(2025, 7, 1, tzinfo=UTC)
    for i, (source_id, url, body, content_type) in enumerate(docs):
        sha = archive.store_body(body)
        fetched = utc_iso(start + timedelta(seconds=i))
        archive.record(ManifestEntry(url, source_id, fetched, 200, sha256=sha, content_type=content_type))
    return root


def csc(lang: str, body: bytes | None = None) -> tuple[str, str, bytes, str | None]:
    page = body if body is not None else Path(str(CSC_FILE).format(lang=lang)).read_bytes()
    charset = "" if lang == "en" else "; charset=utf-8"
    return (f"hkpf_csc_{lang}", CSC_URL.format(lang=lang), page, "text/html" + charset)


def overall(body: bytes) -> tuple[str, str, bytes, str | None]:
    return ("hkpf_crime_overall_monthly", OVERALL_URL, body, "text/csv")


def hkcert(n: int) -> tuple[str, str, bytes, str | None]:
    return ("hkcert_incidents_monthly", f"{HKCERT_URL}?copy={n}", HKCERT, "application/json")


def test_a_replay_in_batches_loads_exactly_what_one_publish_of_everything_loads(tmp_path):
    one = legacy_replay(DEMO_SNAPSHOT, tmp_path / "one")
    streamed = stream(DEMO_SNAPSHOT, tmp_path / "batched", batch_size=4)
    assert one.ok and streamed.ok, (one.summary_line(), streamed.summary_line())
    assert streamed.planned_batches == streamed.batches == len(plan_replay(DEMO_SNAPSHOT, batch_size=4)) > 5
    assert tables(tmp_path / "batched") == tables(tmp_path / "one")
    assert tables(tmp_path / "one")["observations"]  # not two empty warehouses
    # the run report adds up its batches to what one publish reported
    for sid, rep in one.sources.items():
        assert {c: getattr(streamed.sources[sid], c) for c in COUNTS} == {c: getattr(rep, c) for c in COUNTS}
        assert sorted(streamed.sources[sid].unknown_labels) == sorted(rep.unknown_labels)
    assert streamed.inserted == one.inserted
    db = tmp_path / "batched" / "warehouse.duckdb"
    loads = scalar(db, "SELECT list(load_id ORDER BY started_at) FROM loads WHERE status = 'completed'")
    assert loads == streamed.load_ids and len(loads) == streamed.planned_batches  # a load per batch


def test_a_batch_holds_at_most_batch_size_documents_and_every_document_once(tmp_path):
    plan = plan_replay(DEMO_SNAPSHOT, batch_size=4)
    keys = [(e.url, e.sha256) for m in plan for e in m.entries]
    assert keys and len(keys) == len(set(keys)) == len(list(RawArchive(DEMO_SNAPSHOT).document_entries()))
    assert all(0 < len(m.entries) <= 4 for m in plan)
    assert [m.number for m in plan] == list(range(1, len(plan) + 1))
    with pytest.raises(ValueError, match="at least 1"):
        plan_replay(DEMO_SNAPSHOT, batch_size=0)


def test_vintages_and_revisions_come_out_the_same_across_batch_boundaries(tmp_path):
    markup_only = OVERALL + b"\n\n"  # same numbers, other bytes: no new vintage
    revised = OVERALL.replace(b"2022,1,5815,775", b"2022,1,5816,775")  # one number revised
    assert revised != OVERALL
    docs = [overall(OVERALL), hkcert(1), overall(markup_only), hkcert(2), overall(revised)]
    archive = archive_of(tmp_path / "raw", docs)
    one = legacy_replay(archive, tmp_path / "one")
    streamed = stream(archive, tmp_path / "batched", batch_size=1)  # each fetch in its own batch
    assert streamed.ok and streamed.planned_batches == 5
    assert tables(tmp_path / "batched") == tables(tmp_path / "one")
    db = tmp_path / "batched" / "warehouse.duckdb"
    overall_rows = "FROM observations WHERE source_id = 'hkpf_crime_overall_monthly'"
    values = scalar(
        db,
        f"SELECT list(value ORDER BY fetched_at) {overall_rows} "
        "AND metric = 'cases' AND category = 'overall_crime' AND period_label = '2022-01'",
    )
    assert values == [5815, 5816]  # the markup-only fetch added nothing, the revision one row
    by_fetch = scalar(
        db, f"SELECT list(n ORDER BY f) FROM (SELECT fetched_at f, count(*) n {overall_rows} GROUP BY f)"
    )
    assert len(by_fetch) == 2 and by_fetch[0] > 1 and by_fetch[1] == 1
    rep = streamed.sources["hkpf_crime_overall_monthly"]
    assert rep.new_observations == one.sources["hkpf_crime_overall_monthly"].new_observations == sum(by_fetch)
    assert rep.revisions == one.sources["hkpf_crime_overall_monthly"].revisions == 0  # one run: no revision


def test_a_revision_of_an_earlier_run_is_still_counted_in_a_batched_run(tmp_path):
    revised = OVERALL.replace(b"2022,1,5815,775", b"2022,1,5816,775")
    home = tmp_path / "home"
    assert stream(archive_of(tmp_path / "a", [overall(OVERALL)]), home, batch_size=1).ok
    later = archive_of(tmp_path / "b", [hkcert(1), overall(revised), hkcert(2)])
    report = stream(later, home, batch_size=1)
    assert report.sources["hkpf_crime_overall_monthly"].revisions == 1
    assert report.sources["hkpf_crime_overall_monthly"].new_observations == 1


def test_csc_language_pages_are_replayed_together_after_the_rest(tmp_path):
    docs = [hkcert(1), csc("en"), hkcert(2), csc("tc"), hkcert(3), hkcert(4), csc("sc"), hkcert(5)]
    plan = plan_replay(archive_of(tmp_path / "raw", docs), batch_size=3)
    assert [[e.source_id[-2:] for e in m.entries] for m in plan] == [
        ["ly", "ly", "ly"],
        ["ly", "ly"],
        ["en", "tc", "sc"],
    ]


@pytest.mark.parametrize("batch_size", [200, 12])  # 12: the later English page in a batch of its own
def test_a_disagreeing_language_version_is_refused_across_batches_as_in_one_publish(tmp_path, batch_size):
    shifted = csc("en", csc_page("csc_en_headings_shifted"))  # the English page updated alone, with a typo
    docs = [hkcert(1), csc("en"), hkcert(2), csc("tc"), csc("sc"), hkcert(3), shifted]
    archive = archive_of(tmp_path / "raw", docs)
    csc_batches = [
        m
        for m in plan_replay(archive, batch_size=batch_size)
        if m.entries[0].source_id != "hkcert_incidents_monthly"
    ]
    assert len(csc_batches) == (1 if batch_size == 200 else 2)
    one = legacy_replay(archive, tmp_path / "one")
    streamed = stream(archive, tmp_path / "batched", batch_size=batch_size)
    assert one.failed_sources == streamed.failed_sources == ["hkpf_csc_en"]
    (failure,) = streamed.sources["hkpf_csc_en"].failures
    assert failure.kind == "LanguagesDisagree" and "2025-H1" in failure.message
    assert tables(tmp_path / "batched") == tables(tmp_path / "one")
    db = tmp_path / "batched" / "warehouse.duckdb"
    assert scalar(db, "SELECT count(*) FROM observations WHERE period_label = '2025-H1'") == 0
    assert (
        scalar(db, "SELECT count(*) FROM observations WHERE source_id = 'hkpf_csc_en'") > 0
    )  # the first one


def test_csc_batches_never_split_a_fetch_round(tmp_path):
    docs = [csc("en"), csc("tc"), csc("sc"), csc("en", csc_page("csc_en_headings_shifted")), hkcert(1)]
    docs += [csc("tc", csc_page("csc_tc_big5_declared_utf8")), csc("sc", csc_page("csc_sc_value_differs"))]
    plan = plan_replay(archive_of(tmp_path / "raw", docs), batch_size=16)  # CSC batches of 4
    assert [[e.source_id[-2:] for e in m.entries] for m in plan] == [
        ["ly"],
        ["en", "tc", "sc"],
        ["en", "tc", "sc"],
    ]


def test_a_failed_batch_stops_the_run_with_the_earlier_batches_loaded_and_is_named(tmp_path, monkeypatch):
    archive = archive_of(tmp_path / "raw", [hkcert(n) for n in range(7)])
    plan = plan_replay(archive, batch_size=2)
    assert len(plan) == 4
    real, calls = flows.publish.load_parquet, []

    def failing_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(flows.publish, "load_parquet", failing_third)
    home = tmp_path / "home"
    report = stream(archive, home, batch_size=2)
    assert not report.ok and report.failed_batch == 3 and len(calls) == 3  # batch 4 never tried
    assert "batch 3 of 4" in report.publish_error and "No space left" in report.publish_error
    assert "batches 1-2 loaded" in report.publish_error and "1 not tried" in report.publish_error
    assert "publish failed: batch 3 of 4" in report.summary_line()
    db = home / "warehouse.duckdb"
    loaded = {e.url for m in plan[:2] for e in m.entries}
    assert set(scalar(db, "SELECT list(url) FROM documents")) == loaded
    assert scalar(db, "SELECT count(*) FROM loads WHERE status = 'completed'") == 2
    assert set(scalar(db, "SELECT list(DISTINCT document_url) FROM observations")) == loaded
    # the batch's Parquet files were removed: only batches 1-2 are on disk
    parquet_docs = set(
        scalar(db, f"SELECT list(DISTINCT url) FROM read_parquet('{home}/parquet/documents/**/*.parquet')")
    )
    assert parquet_docs == loaded
    # running it again loads the rest: the same warehouse as an unbroken replay
    monkeypatch.setattr(flows.publish, "load_parquet", real)
    assert stream(archive, home, batch_size=2).ok
    assert stream(archive, tmp_path / "unbroken", batch_size=2).ok
    assert tables(home) == tables(tmp_path / "unbroken")


def test_a_bad_document_fails_only_itself_in_its_batch(tmp_path):
    bad = (DRIFT / "crime_details_overall_unknown_header.csv").read_bytes()
    docs = [hkcert(1), overall(bad), hkcert(2), hkcert(3)]
    archive = archive_of(tmp_path / "raw", docs)
    never_stored = hashlib.sha256(b"a body the archive lost").hexdigest()
    fetched = utc_iso(datetime(2025, 8, 1, tzinfo=UTC))
    lost = ManifestEntry(
        f"{HKCERT_URL}?copy=9", "hkcert_incidents_monthly", fetched, 200, sha256=never_stored
    )
    RawArchive(archive).record(lost)
    report = stream(archive, tmp_path / "home", batch_size=2)
    assert report.planned_batches == 3
    assert report.failed_sources == ["hkcert_incidents_monthly", "hkpf_crime_overall_monthly"]
    (parse_failure,) = report.sources["hkpf_crime_overall_monthly"].failures
    assert parse_failure.stage == "parse" and parse_failure.url == OVERALL_URL
    (replay_failure,) = report.sources["hkcert_incidents_monthly"].failures
    assert replay_failure.stage == "replay" and replay_failure.url == f"{HKCERT_URL}?copy=9"
    assert report.publish_error is None  # every batch was published
    db = tmp_path / "home" / "warehouse.duckdb"
    urls = set(scalar(db, "SELECT list(url) FROM documents"))
    assert urls == {f"{HKCERT_URL}?copy={n}" for n in (1, 2, 3)}  # the neighbours of both were loaded


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_a_bad_batch_size_setting_is_an_error_naming_it(value):
    with pytest.raises(ValueError, match=f"CYBERSTATS_BATCH_SIZE={value!r}"):
        load_settings({"CYBERSTATS_BATCH_SIZE": value})
    assert load_settings({}).batch_size == 200
    assert load_settings({"CYBERSTATS_BATCH_SIZE": "50"}).batch_size == 50


# --- live backfills: publish every N parsed documents (Flusher) ---------------------------------
DAY = date(2024, 2, 6)
INDEX = "www.info.gov.hk/gia/general/202402/06.htm"
MORE = ("202102/02/P2021020200749.htm", "202107/27/P2021072700621.htm", "202210/20/P2022102000615.htm")


@pytest.fixture(scope="module")
def busy_day(tmp_path_factory):
    """The fixture site with the 2024-02-06 index page also listing three other fixture releases."""
    html = (SITE / INDEX).read_text(encoding="utf-8")
    links = []
    for rel in MORE:
        page = (SITE / "www.info.gov.hk/gia/general" / rel).read_text(encoding="utf-8")
        title = re.search(r"<title>([^<]*)", page).group(1)
        links.append(f'<li><a href="/gia/general/{rel}">{title}</a></li>')
    index = html.replace("</body>", "<ul>" + "".join(links) + "</ul></body>").encode("utf-8")
    with FixtureSite(copy_site(tmp_path_factory.mktemp("busy"), {INDEX: index})) as site:
        yield site.url_map


def _backfill(home: Path, url_map: dict[str, str], flusher: Flusher | None) -> RunReport:
    """A one-day backfill (an index page and the releases it lists), published as the flow does it."""
    archive = RawArchive(home / "raw")
    client = PoliteClient(archive, url_map=url_map, min_interval=0.0)
    parquet, db = home / "parquet", home / "warehouse.duckdb"
    batches = [collect_backfill(client, DAY, DAY, loaded_documents(db), on_parsed=flusher)]

    def publisher(parts: list, earlier: list[str] | None) -> RunReport:
        return publish_batches(parts, parquet, db, archive, earlier_loads=earlier)

    return flusher.finish(batches, publisher) if flusher else publisher(batches, None)


def _flusher(home: Path, size: int) -> Flusher:
    archive = RawArchive(home / "raw")
    return Flusher(
        size,
        lambda parts, earlier: publish_batches(
            parts, home / "parquet", home / "warehouse.duckdb", archive, earlier_loads=earlier
        ),
    )


def test_a_backfill_publishing_every_few_documents_loads_what_one_publish_loads(tmp_path, busy_day):
    url_map = busy_day
    one = _backfill(tmp_path / "one", url_map, None)
    streamed = _backfill(tmp_path / "batched", url_map, _flusher(tmp_path / "batched", 2))
    assert one.ok and streamed.ok, (one.summary_line(), streamed.summary_line())
    assert tables(tmp_path / "batched", LIVE_VOLATILE) == tables(tmp_path / "one", LIVE_VOLATILE)
    assert tables(tmp_path / "one")["observations"]
    for sid, rep in one.sources.items():
        assert {c: getattr(streamed.sources[sid], c) for c in COUNTS} == {c: getattr(rep, c) for c in COUNTS}
    assert streamed.inserted == one.inserted
    db = tmp_path / "batched" / "warehouse.duckdb"
    n_loads = scalar(db, "SELECT count(*) FROM loads WHERE status = 'completed'")
    parsed = streamed.sources["gia_daily_index"].parsed
    assert n_loads == len(streamed.load_ids) == streamed.batches >= parsed // 2  # a load per 2 documents


def test_a_failed_backfill_flush_is_named_and_nothing_after_it_is_published(tmp_path, busy_day, monkeypatch):
    real, calls = flows.publish.load_parquet, []

    def failing_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(flows.publish, "load_parquet", failing_second)
    home = tmp_path / "home"
    report = _backfill(home, busy_day, _flusher(home, 2))
    assert not report.ok and report.failed_batch == 2 and len(calls) == 2  # nothing published after it
    assert (
        report.publish_error.startswith("batch 2: OSError") and "batches 1-1 loaded" in report.publish_error
    )
    db = home / "warehouse.duckdb"
    assert scalar(db, "SELECT count(*) FROM loads WHERE status = 'completed'") == 1
    published = set(scalar(db, "SELECT list(source_id) FROM documents"))
    assert scalar(db, "SELECT count(*) FROM documents") == 2 and published == {"gia_press_release"}
    # the next run parses the archived, unpublished rest again (`recovered`) and loads it
    monkeypatch.setattr(flows.publish, "load_parquet", real)
    archive = RawArchive(home / "raw")
    client = PoliteClient(archive, url_map=busy_day, min_interval=0.0)
    (again,) = [collect_backfill(client, DAY, DAY, loaded_documents(db))]
    assert publish_batches([again], home / "parquet", db, archive).ok
    # the index page was held back, so it is parsed again and leads to the two releases not loaded
    assert again.report.recovered == 3 and again.report.parsed == 3
    unbroken = _complete(tmp_path / "unbroken", busy_day)
    assert tables(home, LIVE_VOLATILE) == tables(unbroken, LIVE_VOLATILE)


def _complete(home: Path, url_map: dict[str, str]) -> Path:
    assert _backfill(home, url_map, None).ok
    return home


# --- through the Prefect engine ------------------------------------------------------------------
@pytest.mark.prefect
def test_the_replay_flow_runs_a_task_per_batch_and_builds_the_same_warehouse(
    prefect_harness, tmp_path, monkeypatch
):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.pipeline import replay_flow
    from flows.runner import report_of

    monkeypatch.setenv("CYBERSTATS_HOME", str(tmp_path / "flow"))
    state = replay_flow(str(DEMO_SNAPSHOT), None, 8, return_state=True)
    assert state.is_completed(), state.message
    report = report_of(state)
    planned = len(plan_replay(DEMO_SNAPSHOT, batch_size=8))
    assert report is not None and report.planned_batches == report.batches == planned > 3
    assert f"{planned} of {planned} batches" in (state.message or "")
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id]))
        )
    names = sorted(r.name for r in runs)
    assert names == sorted(f"replay batch {n} of {planned}" for n in range(1, planned + 1))  # nothing else
    assert stream(DEMO_SNAPSHOT, tmp_path / "direct", batch_size=8).ok
    assert tables(tmp_path / "flow") == tables(tmp_path / "direct")


@pytest.mark.prefect
def test_a_backfill_asks_the_server_about_the_writer_limit_once_for_all_its_publishes(
    prefect_harness, tmp_path, busy_day, monkeypatch
):
    """Each flush of a backfill is a publish; asking about `duckdb-writer` is a new client and a request
    each time (issue 13): one question per run, as a replay's `WriterSlot` asks."""
    import flows.concurrency
    from flows.pipeline import backfill_flow
    from flows.runner import report_of

    real, asked = flows.concurrency.server_limit, []

    def counted(name: str):
        asked.append(name)
        return real(name)

    monkeypatch.setattr(flows.concurrency, "server_limit", counted)
    monkeypatch.setenv("CYBERSTATS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CYBERSTATS_URL_MAP", ",".join(f"{host}={base}" for host, base in busy_day.items()))
    monkeypatch.setenv("CYBERSTATS_MIN_INTERVAL", "0.05")
    monkeypatch.setenv("CYBERSTATS_BATCH_SIZE", "2")
    state = backfill_flow(DAY, DAY, return_state=True)
    assert state.is_completed(), state.message
    report = report_of(state)
    assert report is not None and report.batches >= 3  # two flushes of 2 releases, then the index page
    assert scalar(tmp_path / "home" / "warehouse.duckdb", "SELECT count(*) FROM loads") == report.batches
    assert [name for name in asked if name == "duckdb-writer"] == ["duckdb-writer"]
