"""What a pipeline run asks of Prefect, with and without anything new (issue 13).

A run that finds nothing new is one flow run: its collect tasks (the fetches that found out), no
publish task, no subflow, two artifacts, one question about the server's limits. A run that finds
something still runs every stage: its collect tasks and a publish task per part that brought
something, loaded as before. Through the engine against the session's temporary API, on a private
copy of the fixture site.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest

from flows.concurrency import HostGate, ServerLimits
from flows.reports import Part, RunReport, SourceReport, combined
from tests.flows.helpers import copy_site, scalar
from tests.site_server import FixtureSite

HKCERT = "www.hkcert.org/datagovhk/monthly_incident_report_en.json"


@contextmanager
def api_calls() -> Iterator[list[str]]:
    """Every Prefect API request made in this process meanwhile, as 'METHOD /api/path'."""
    from prefect.client.base import PrefectHttpxAsyncClient, PrefectHttpxSyncClient

    seen: list[str] = []
    real_async, real_sync = PrefectHttpxAsyncClient.send, PrefectHttpxSyncClient.send

    async def send_async(self, request, *args, **kwargs):
        seen.append(f"{request.method} {request.url.path}")
        return await real_async(self, request, *args, **kwargs)

    def send_sync(self, request, *args, **kwargs):
        seen.append(f"{request.method} {request.url.path}")
        return real_sync(self, request, *args, **kwargs)

    PrefectHttpxAsyncClient.send, PrefectHttpxSyncClient.send = send_async, send_sync  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        PrefectHttpxAsyncClient.send, PrefectHttpxSyncClient.send = real_async, real_sync  # type: ignore[method-assign]


def _kinds(calls: list[str]) -> Counter:
    """Calls by kind, ids left out: 'POST /api/flow_runs/{id}/set_state'."""
    out: Counter = Counter()
    for call in calls:
        method, path = call.split(" ", 1)
        parts = ["{id}" if len(p) == 36 and p.count("-") == 4 else p for p in path.split("/")]
        out[f"{method} {'/'.join(parts)}"] += 1
    return out


def _records(flow_run_id, expect_tasks: int) -> SimpleNamespace:
    """The flow runs, task runs and artifacts the server holds for this pipeline run."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        FlowRunFilter,
        FlowRunFilterId,
        FlowRunFilterParentFlowRunId,
    )

    this_run = FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
    with get_client(sync_client=True) as client:
        deadline = time.monotonic() + 30
        while True:  # the server records task runs from their events, a moment later
            tasks = client.read_task_runs(flow_run_filter=this_run)
            done = len(tasks) >= expect_tasks and all(t.state and t.state.is_final() for t in tasks)
            if done or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        children = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(parent_flow_run_id=FlowRunFilterParentFlowRunId(any_=[flow_run_id]))
        )
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    return SimpleNamespace(
        task_names=sorted(re.sub(r"-[0-9a-f]{3}$", "", t.name) for t in tasks),  # publish-2c1: publish
        subflows=children,
        artifacts=sorted(a.key for a in artifacts),
    )


@pytest.mark.prefect
def test_a_run_with_nothing_new_is_one_flow_run_of_fetches_and_a_changed_run_runs_every_stage(
    tmp_path, monkeypatch, prefect_harness
):
    from flows.pipeline import NEWS_FEEDS, STATS_SOURCES, pipeline_flow

    collects = sorted(f"collect {sid}" for sid in STATS_SOURCES + NEWS_FEEDS)
    root = copy_site(tmp_path)
    db = tmp_path / "home" / "warehouse.duckdb"
    with FixtureSite(root) as site:
        monkeypatch.setenv("CYBERSTATS_HOME", str(tmp_path / "home"))
        monkeypatch.setenv("CYBERSTATS_URL_MAP", site.url_map_setting)
        monkeypatch.setenv("CYBERSTATS_MIN_INTERVAL", "0")
        cold = pipeline_flow(return_state=True)
        assert cold.is_completed(), cold.message
        cold_runs = _records(cold.state_details.flow_run_id, len(collects) + 2)
        assert cold_runs.task_names == sorted([*collects, "publish", "publish"])  # stats and news published
        assert scalar(db, "SELECT count(*) FROM loads WHERE status = 'completed'") == 2

        with api_calls() as calls:
            again = pipeline_flow(return_state=True)
        assert again.is_completed(), again.message
        assert again.message.count("nothing new") == 2 and again.message.startswith("stats: ")
        runs = _records(again.state_details.flow_run_id, len(collects))
        assert runs.task_names == collects  # the fetches, nothing else: no publish
        assert runs.subflows == [] and cold_runs.subflows == []
        assert runs.artifacts == ["run-summary", "sources"]
        kinds = _kinds(calls)
        assert kinds["POST /api/flow_runs/"] == 1  # this run's own flow run, no subflow's
        assert kinds["POST /api/task_runs/"] == 0  # no task run tracking a subflow
        assert kinds["POST /api/artifacts/"] == 2
        limits = [k for k in kinds if "/concurrency_limits/" in k]
        assert limits == ["POST /api/v2/concurrency_limits/filter"] and kinds[limits[0]] == 1
        assert sum(kinds.values()) <= 16, kinds  # was 39, with the two subflows and a lookup per host
        assert scalar(db, "SELECT count(*) FROM loads") == 2

        page = root / HKCERT  # the same figures, re-serialised: new bytes the next run must load
        page.write_text(json.dumps(json.loads(page.read_text(encoding="utf-8"))), encoding="utf-8")
        changed = pipeline_flow(return_state=True)
        assert changed.is_completed(), changed.message
        assert changed.message.count("nothing new") == 1  # news found nothing, statistics did
        runs = _records(changed.state_details.flow_run_id, len(collects) + 1)
        assert runs.task_names == sorted([*collects, "publish"])
        assert scalar(db, "SELECT count(*) FROM loads WHERE status = 'completed'") == 3
        shas = scalar(db, "SELECT list(sha256) FROM documents WHERE url = ?", "http://" + HKCERT)
        assert len(shas) == 2  # the new bytes are published beside the old


def test_finding_the_flows_imports_no_publish_step_arrow_or_parser():
    """`cyberstats run` imports the flows before the run starts; what only a publish or a parse
    uses (Arrow, numpy, Parquet, validation, lxml, the figure reader) waits until it is used."""
    probe = (
        "import sys\n"
        "from flows.runner import import_flows\n"
        "import_flows()\n"
        "print(sorted(m for m in ('pyarrow', 'numpy', 'flows.publish', 'transform.validate', 'lxml',"
        " 'transform.figures', 'trafilatura') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).parents[2],
        check=True,
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr[-1500:]


def test_the_server_is_asked_about_its_limits_once_for_every_host():
    pages: list[tuple[int, int]] = []
    police = SimpleNamespace(name="cyberstats-host-www.police.gov.hk", slot_decay_per_second=1.0, active=True)

    def listing(limit: int, offset: int) -> list:
        pages.append((limit, offset))
        return [police] if offset == 0 else []

    acquired: list[str] = []
    gate = HostGate(lookup=ServerLimits(listing), acquire=lambda name, timeout: acquired.append(name))
    for host in ("www.police.gov.hk", "www.hkcert.org", "data.gov.hk", "www.police.gov.hk"):
        gate(host)
    assert pages == [(200, 0)]  # one request, whatever the number of hosts
    assert acquired == [police.name, police.name]  # only the host with a limit takes its slot
    assert gate.enabled_limits() == [police.name]


def test_a_long_list_of_limits_is_read_page_by_page_and_a_failed_listing_is_not_repeated():
    many = [SimpleNamespace(name=f"limit-{i}") for i in range(250)]
    pages: list[int] = []

    def listing(limit: int, offset: int) -> list:
        pages.append(offset)
        return many[offset : offset + limit]

    limits = ServerLimits(listing)
    assert limits("limit-249") is many[249] and limits("limit-0") is many[0] and limits("other") is None
    assert pages == [0, 200]

    tries: list[int] = []

    def no_server(limit: int, offset: int) -> list:
        tries.append(offset)
        raise ConnectionError("All connection attempts failed")

    gone = ServerLimits(no_server)
    for name in ("a", "b"):
        with pytest.raises(ConnectionError):
            gone(name)
    assert tries == [0]  # asked once; every host then counts as "no server to ask"


def test_parts_combine_into_one_report_and_a_part_that_stopped_fails_by_name():
    stats = RunReport(
        sources={"hkcert_incidents_monthly": SourceReport("hkcert_incidents_monthly", fetched=1)}
    )
    stats.inserted, stats.load_id = {"observations": 3}, "load-1"
    news = RunReport(sources={"gia_rss_en": SourceReport("gia_rss_en", not_modified=1)}, nothing_new=True)
    whole = combined([stats, news])
    assert list(whole.sources) == ["hkcert_incidents_monthly", "gia_rss_en"]
    assert (
        whole.inserted == {"observations": 3} and whole.load_ids == ["load-1"] and whole.load_id == "load-1"
    )
    assert not whole.nothing_new and whole.ok
    assert combined([news]).nothing_new

    def broken() -> RunReport:
        raise OSError("disk full")

    part = Part.of("news", broken)
    assert not part.ok and part.message == "news: OSError: disk full"
    assert Part.of("stats", lambda: news).message.startswith("stats: nothing new (1 sources")
