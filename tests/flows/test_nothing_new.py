"""A scheduled re-run with nothing changed costs lookups only: no parse, no Parquet, no load (issue 13).

Through the Prefect engine, as the schedule runs it: the same flows, against a private copy of the
fixture site. The second run must download no body, parse no document, write no Parquet file, leave
the DuckDB file as it was (same inode, same mtime, no ledger row) and say "nothing new"; a page
changed after that is fetched, parsed and published by the next run.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from pathlib import Path

import pytest

import flows.stages
from flows.nothing_new import nothing_new, nothing_new_report, publish_unless_nothing_new
from flows.reports import RunReport, SourceReport
from flows.runner import report_of
from flows.stages import SourceBatch
from tests.flows.helpers import copy_site, scalar
from tests.site_server import FixtureSite

HKCERT = "www.hkcert.org/datagovhk/monthly_incident_report_en.json"


def _files(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


def _bodies(site: FixtureSite) -> list[str]:
    """Paths answered with a body (200), robots.txt left aside."""
    return [r.path for r in site.requests if r.status == 200 and not r.path.endswith("robots.txt")]


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Every document handed to a parser in this process (the flows' tasks run in threads here)."""
    seen: list[str] = []
    real = flows.stages.parse_document

    def counting(doc, source):
        seen.append(doc.url)
        return real(doc, source)

    monkeypatch.setattr(flows.stages, "parse_document", counting)
    return seen


@pytest.mark.prefect
def test_a_rerun_with_nothing_changed_touches_nothing_and_a_change_is_picked_up(
    tmp_path, monkeypatch, prefect_harness, parses
):
    from flows.pipeline import pipeline_flow, stats_flow

    root = copy_site(tmp_path)
    home = tmp_path / "home"
    db = home / "warehouse.duckdb"
    with FixtureSite(root) as site:
        monkeypatch.setenv("CYBERSTATS_HOME", str(home))
        monkeypatch.setenv("CYBERSTATS_URL_MAP", site.url_map_setting)
        monkeypatch.setenv("CYBERSTATS_MIN_INTERVAL", "0")
        cold = pipeline_flow(return_state=True)
        assert cold.is_completed(), cold.message
        assert parses and _bodies(site)
        before_files, before_db = _files(home / "parquet"), db.stat()
        loads = scalar(db, "SELECT count(*) FROM loads")

        site.requests.clear()
        parses.clear()
        again = pipeline_flow(return_state=True)
        assert again.is_completed(), again.message
        assert again.message.count("nothing new") == 2  # stats and news
        assert "warehouse not touched" in again.message
        assert _bodies(site) == [] and parses == []
        not_modified = [r for r in site.requests if r.status == 304]
        assert len(not_modified) >= 13  # every catalogue URL asked conditionally
        after_db = db.stat()
        assert (after_db.st_ino, after_db.st_mtime_ns) == (before_db.st_ino, before_db.st_mtime_ns)
        assert _files(home / "parquet") == before_files
        assert scalar(db, "SELECT count(*) FROM loads") == loads

        stats = report_of(stats_flow(return_state=True))
        assert stats is not None and stats.nothing_new and stats.load_id is None
        assert sum(r.not_modified for r in stats.sources.values()) == 7
        assert all(r.fetched == r.parsed == 0 for r in stats.sources.values())

        page = root / HKCERT  # the same figures, re-serialised: new bytes a re-run must pick up
        page.write_text(json.dumps(json.loads(page.read_text(encoding="utf-8"))), encoding="utf-8")
        site.requests.clear()
        parses.clear()
        changed = stats_flow(return_state=True)
        report = report_of(changed)
        assert changed.is_completed(), changed.message
        assert report is not None and not report.nothing_new and "nothing new" not in changed.message
        assert parses == ["http://" + HKCERT]
        assert _bodies(site) == ["/" + HKCERT.split("/", 1)[1]]
        assert db.stat().st_ino != before_db.st_ino  # the load swapped in a new file
        assert scalar(db, "SELECT count(*) FROM loads WHERE status = 'completed'") == loads + 1
        shas = scalar(db, "SELECT list(sha256) FROM documents WHERE url = ?", "http://" + HKCERT)
        assert hashlib.sha256(page.read_bytes()).hexdigest() in shas  # the new bytes are published


def _batch(source_id: str = "hkpf_csc_en", **report) -> SourceBatch:
    return SourceBatch(SourceReport(source_id, **report))


def test_only_batches_without_anything_to_publish_are_nothing_new():
    assert nothing_new([_batch(not_modified=1), _batch("hkpf_csc_tc", unchanged=2)])
    assert not nothing_new([_batch(not_modified=1), _batch(fetched=1)])  # a new body, even unparsed
    assert not nothing_new([_batch(recovered=1)])  # archived bytes no load published yet
    with_cursor = _batch(not_modified=1)
    with_cursor.cursor_update = ("gia_rss_en", None, "https://www.info.gov.hk/x")  # type: ignore[assignment]
    assert not nothing_new([with_cursor])  # a feed cursor to save is a write


def test_a_nothing_new_report_says_so_and_counts_the_lookups():
    report = nothing_new_report([_batch(not_modified=3), _batch("hkpf_csc_tc", unchanged=1)])
    assert report is not None and report.nothing_new and report.ok
    line = report.summary_line()
    assert line == (
        "nothing new (2 sources, 3 not modified (304), 1 unchanged bodies, 0 bodies downloaded); "
        "warehouse not touched"
    )
    assert nothing_new_report([_batch(fetched=1)]) is None


def test_nothing_new_is_not_published_and_publishes_take_turns():
    calls: list[str] = []

    def publish() -> RunReport:
        calls.append("publish")
        return RunReport()

    assert publish_unless_nothing_new([_batch(not_modified=1)], publish).nothing_new
    assert calls == []

    inside = threading.Event()
    overlapped: list[bool] = []

    def slow_publish() -> RunReport:
        overlapped.append(inside.is_set())
        inside.set()
        time.sleep(0.05)
        inside.clear()
        return RunReport()

    batches = [_batch(fetched=1)]
    threads = [
        threading.Thread(target=publish_unless_nothing_new, args=(batches, slow_publish)) for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlapped == [False] * 4  # each publish ran alone
