"""Backfill with parsing on a Dask cluster: same warehouse as the plain backfill, parse work on workers."""

from __future__ import annotations

import re
import threading
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("prefect_dask", reason="the optional extra cyberstats[dask] is not installed")
distributed = pytest.importorskip("distributed")

from flows import dask_runner, stages  # noqa: E402
from tests.flows.helpers import copy_site, table_rows  # noqa: E402
from tests.site_server import FIXTURE_SITE_ROOT, FixtureSite  # noqa: E402

DAY = date(2024, 2, 6)
GIA = FIXTURE_SITE_ROOT / "www.info.gov.hk"
INDEX = "gia/general/202402/06.htm"
# the other press releases of the fixture site, listed on the 2024-02-06 index page of a private copy
EXTRA_RELEASES = [
    "gia/general/202102/02/P2021020200749.htm",
    "gia/general/202107/27/P2021072700621.htm",
    "gia/general/202210/20/P2022102000615.htm",
]
VOLATILE = ("load_id", "fetched_at")  # differ between two live runs by design
# One worker with two threads, in this process, every listener on 127.0.0.1 (issue 12): TCP on a
# loopback host (the in-process transport asks distributed.utils.get_ip, which probes 8.8.8.8),
# and the HTTP servers that scheduler and worker start even without a dashboard on 127.0.0.1:0
# (dashboard_address=None still binds 0.0.0.0).
LOCAL_CLUSTER = {
    "n_workers": 1,
    "threads_per_worker": 2,
    "processes": False,
    "protocol": "tcp://",
    "host": "127.0.0.1",
    "dashboard_address": "127.0.0.1:0",
    "worker_dashboard_address": "127.0.0.1:0",
}


def _index_with_more_releases() -> bytes:
    """The fixture index page plus links to the other fixture releases, each under its own title."""
    html = (GIA / INDEX).read_text(encoding="utf-8")
    anchors = []
    for rel in EXTRA_RELEASES:
        title = re.search(r"<title>([^<]*)", (GIA / rel).read_text(encoding="utf-8")).group(1)
        anchors.append(f'<li><a href="/{rel}">{title}</a></li>')
    return html.replace("</body>", "<ul>" + "".join(anchors) + "</ul></body>").encode("utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_site(
        tmp_path_factory.mktemp("dask"), {f"www.info.gov.hk/{INDEX}": _index_with_more_releases()}
    )
    with FixtureSite(root) as served:
        yield served


def _settings_env(monkeypatch, home: Path, site: FixtureSite) -> None:
    monkeypatch.setenv("CYBERSTATS_HOME", str(home))
    monkeypatch.setenv("CYBERSTATS_URL_MAP", site.url_map_setting)
    monkeypatch.setenv("CYBERSTATS_MIN_INTERVAL", "0.05")


def test_documents_are_split_into_batches_in_order():
    docs = list(range(5))
    assert list(dask_runner.batches_of(docs, 2)) == [[0, 1], [2, 3], [4]]
    assert list(dask_runner.batches_of([], 2)) == []
    with pytest.raises(ValueError, match="batch_size must be at least 1, got 0"):
        list(dask_runner.batches_of(docs, 0))


@pytest.mark.prefect
def test_dask_backfill_parses_on_workers_and_builds_the_same_warehouse(
    prefect_harness, site, tmp_path, monkeypatch
):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.pipeline import backfill_flow

    plain_home, dask_home = tmp_path / "plain", tmp_path / "dask"
    _settings_env(monkeypatch, plain_home, site)
    plain = backfill_flow(DAY, DAY, return_state=True)
    assert plain.is_completed(), plain.message

    # The task is shipped to the worker pickled (by value), so it reports through a file, not a list.
    log = tmp_path / "parsed-on.tsv"

    def parse_on_worker(batch, doc, source):
        # distributed.get_worker() raises ValueError outside a Dask worker: this shows where parsing ran
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{distributed.get_worker().address}\t{threading.current_thread().name}\t{doc.url}\n")
        return stages.parse_into(batch, doc, source)

    monkeypatch.setattr(dask_runner, "parse_into", parse_on_worker)
    _settings_env(monkeypatch, dask_home, site)
    state = dask_runner.run_backfill_on_dask(DAY, DAY, cluster_kwargs=LOCAL_CLUSTER, batch_size=2)
    assert state.is_completed(), state.message

    # the four relevant releases were parsed on the Dask worker (the index page in the flow itself)
    where = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]
    assert sorted(url.rsplit("/", 1)[1] for _, _, url in where) == [
        "P2021020200749.htm",
        "P2021072700621.htm",
        "P2022102000615.htm",
        "P2024020600468.htm",
    ]
    assert all(address.startswith("tcp://127.0.0.1:") for address, _, _ in where)
    assert threading.current_thread().name not in {thread for _, thread, _ in where}
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id]))
        )
    assert sorted(r.name for r in runs if r.name.startswith("parse batch")) == [
        "parse batch 0",
        "parse batch 1",
    ]

    for table in ("observations", "articles"):
        plain_rows = table_rows(plain_home / "warehouse.duckdb", table, exclude=VOLATILE)
        assert plain_rows, table
        assert table_rows(dask_home / "warehouse.duckdb", table, exclude=VOLATILE) == plain_rows
    articles = {row[0] for row in table_rows(dask_home / "warehouse.duckdb", "articles", exclude=VOLATILE)}
    assert len(articles) == 4


@pytest.mark.prefect
def test_a_drifted_release_is_quarantined_on_the_worker_and_fails_the_run_by_name(
    prefect_harness, tmp_path, monkeypatch
):
    root = copy_site(tmp_path, {f"www.info.gov.hk/{INDEX}": _index_with_more_releases()})
    # one release replaced by a page with no release body: the parser refuses it
    (root / "www.info.gov.hk" / EXTRA_RELEASES[0]).write_text(
        "<html><head><title>Moved</title></head><body><p>This page has moved.</p></body></html>",
        encoding="utf-8",
    )
    with FixtureSite(root) as drifted:
        _settings_env(monkeypatch, tmp_path / "home", drifted)
        state = dask_runner.run_backfill_on_dask(
            DAY,
            DAY,
            cluster_kwargs=LOCAL_CLUSTER,
            batch_size=2,
        )
    assert state.is_failed()
    assert "failed: gia_daily_index" in state.message
    rows = table_rows(tmp_path / "home" / "warehouse.duckdb", "articles", exclude=VOLATILE)
    assert len(rows) == 3  # the other releases are loaded
