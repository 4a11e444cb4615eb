"""prefect.yaml deployed to a real local Prefect server and run by a process worker, end to end.

The same commands the README gives, run as subprocesses: `prefect server start` on 127.0.0.1,
`prefect work-pool create`, `prefect --no-prompt deploy --all` from the checkout, `prefect
deployment run` and `prefect worker start --run-once`. The run fetches from the fixture site
served by this test process; its settings reach the flow-run process as job variables.
The failing-source path needs no deployment: it runs through the session's test harness.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import duckdb
import pytest

from flows.settings import PREFECT_SERVER_START_TIMEOUT_S
from tests.drift import csc_page
from tests.flows.helpers import copy_site
from tests.site_server import FixtureSite

REPO = Path(__file__).resolve().parents[2]
PREFECT = shutil.which("prefect", path=str(Path(sys.executable).parent)) or shutil.which("prefect")
STATS_SOURCES = {
    "datagovhk_ckan",
    "hkpf_crime_overall_monthly",
    "hkpf_crime_detail_annual",
    "hkpf_csc_en",
    "hkpf_csc_tc",
    "hkpf_csc_sc",
    "hkcert_incidents_monthly",
}
SERVER_START_TIMEOUT = PREFECT_SERVER_START_TIMEOUT_S
CLI_TIMEOUT = 60
WORKER_TIMEOUT = 90

needs_cli = pytest.mark.skipif(PREFECT is None, reason="the `prefect` command line is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    """Stop a process started in its own session: SIGINT to the group, then SIGKILL if it lingers."""
    for sig, wait in ((signal.SIGINT, 15), (signal.SIGKILL, 5)):
        if proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue


@dataclass
class Server:
    """A running `prefect server start` and the environment its clients use."""

    api_url: str
    env: dict[str, str]
    log: Path

    def cli(self, *args: str, env: dict[str, str] | None = None) -> str:
        """Run `prefect ARGS` from the repository root; fail the test with its output if it fails."""
        done = subprocess.run(
            [PREFECT, *args],
            cwd=REPO,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=CLI_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 0, f"prefect {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    @contextmanager
    def client(self) -> Iterator:
        """A sync Prefect client bound to this server, whatever API the rest of the session uses."""
        from prefect.client.orchestration import SyncPrefectClient

        with SyncPrefectClient(self.api_url) as client:
            yield client


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    """`prefect server start` on a free 127.0.0.1 port with its own PREFECT_HOME; always stopped."""
    home = tmp_path_factory.mktemp("prefect-server")
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CYBERSTATS_"))}
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_API_URL=api_url,
        DO_NOT_TRACK="1",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        # no scheduled runs: the worker below must pick up the run this test triggers and nothing else
        PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED="false",
        PREFECT_CLI_PROMPT="false",
    )
    log = home / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        _wait_healthy(proc, api_url, log)
        yield Server(api_url, env, log)
    finally:
        _stop(proc)


def _wait_healthy(proc: subprocess.Popen, api_url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"prefect server exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"prefect server not healthy at {api_url} after {SERVER_START_TIMEOUT} s:\n{log.read_text()}")


def _run_worker_once(server: Server, home: Path) -> str:
    """`prefect worker start --pool cyberstats --run-once`, bounded; the worker's output."""
    log = home / "worker.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [PREFECT, "worker", "start", "--pool", "cyberstats", "--run-once"],
            cwd=REPO,
            env=server.env,  # no CYBERSTATS_* here: the run's own job variables must carry them
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        proc.wait(timeout=WORKER_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"worker did not finish the run in {WORKER_TIMEOUT} s:\n{log.read_text(errors='replace')}"
        )
    finally:
        _stop(proc)
    return log.read_text(errors="replace")


@pytest.fixture(scope="module")
def deployed(server) -> str:
    """The work pool created and every deployment of prefect.yaml deployed; the deploy output."""
    server.cli("work-pool", "create", "cyberstats", "--type", "process")
    return server.cli("--no-prompt", "deploy", "--all")


def _trigger(server: Server, deployment: str, env: dict[str, str]) -> UUID:
    triggered = server.cli("deployment", "run", deployment, "--job-variable", f"env={json.dumps(env)}")
    return UUID(re.search(r"UUID: ([0-9a-f-]{36})", triggered).group(1))


@needs_cli
@pytest.mark.server
def test_deploy_all_and_run_stats_daily_end_to_end(server, deployed, fixture_site, tmp_path):
    for name in ("stats/stats-daily", "news/news-hourly", "backfill/backfill", "pipeline/pipeline-on-demand"):
        assert f"Deployment '{name}' successfully created" in deployed

    with server.client() as client:
        _assert_deployed(client)
    home = tmp_path / "home"
    env = {
        "CYBERSTATS_HOME": str(home),
        "CYBERSTATS_URL_MAP": fixture_site.url_map_setting,
        "CYBERSTATS_MIN_INTERVAL": "0.05",
        "DO_NOT_TRACK": "1",
    }
    flow_run_id = _trigger(server, "stats/stats-daily", env)

    worker_log = _run_worker_once(server, tmp_path)
    with server.client() as client:
        flow_run = client.read_flow_run(flow_run_id)
        assert flow_run.state.is_completed(), f"{flow_run.state!r}\n{worker_log}"
        assert flow_run.state.message.startswith("stats: 7 sources")
        _assert_artifacts(client, flow_run_id)
    _assert_warehouse(home / "warehouse.duckdb")
    assert {r.host for r in fixture_site.requests} >= {"www.police.gov.hk", "data.gov.hk", "www.hkcert.org"}


@needs_cli
@pytest.mark.server
def test_a_failing_run_under_the_worker_ends_failed_with_its_report_not_a_type_error(
    server, deployed, tmp_path
):
    root = copy_site(
        tmp_path, {"www.police.gov.hk/ppp_tc/09_statistics/csc.html": csc_page("csc_tc_no_table")}
    )
    home = tmp_path / "home"
    with FixtureSite(root) as site:
        env = {
            "CYBERSTATS_HOME": str(home),
            "CYBERSTATS_URL_MAP": site.url_map_setting,
            "CYBERSTATS_MIN_INTERVAL": "0.05",
            "DO_NOT_TRACK": "1",
        }
        flow_run_id = _trigger(server, "stats/stats-daily", env)
        worker_log = _run_worker_once(server, tmp_path)
    with server.client() as client:
        state = client.read_flow_run(flow_run_id).state
    assert state.is_failed(), f"{state!r}\n{worker_log}"
    assert "failed: hkpf_csc_tc" in state.message
    assert "Unexpected result for failed state" not in worker_log
    assert "TypeError" not in worker_log
    _assert_warehouse_without(home / "warehouse.duckdb", "hkpf_csc_tc")


def _assert_warehouse_without(db: Path, failed: str) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        loaded = {sid for (sid,) in con.execute("SELECT DISTINCT source_id FROM observations").fetchall()}
    finally:
        con.close()
    assert loaded == STATS_SOURCES - {"datagovhk_ckan", failed}


def _assert_deployed(client) -> None:
    deployment = client.read_deployment_by_name("stats/stats-daily")
    assert deployment.work_pool_name == "cyberstats"
    assert deployment.global_concurrency_limit.limit == 1
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 7 * * *", "Asia/Hong_Kong")
    # the only pull step: run from this checkout (no git clone, nothing remote)
    assert deployment.pull_steps == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(REPO)}}
    ]


def _assert_warehouse(db: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT source_id, value FROM observations WHERE category = 'overall_crime' AND metric = 'cases' "
            "AND period_label = '2024-H1' AND source_id LIKE 'hkpf_csc_%' ORDER BY source_id"
        ).fetchall()
        loaded = {sid for (sid,) in con.execute("SELECT DISTINCT source_id FROM observations").fetchall()}
    finally:
        con.close()
    # the CSC page, in all three languages, gives 45 315 cases of overall crime in 2024-H1
    assert rows == [("hkpf_csc_en", 45315.0), ("hkpf_csc_sc", 45315.0), ("hkpf_csc_tc", 45315.0)]
    assert loaded == STATS_SOURCES - {"datagovhk_ckan"}  # CKAN names the CSVs; it has no rows itself


def _assert_artifacts(client, flow_run_id: UUID) -> None:
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    artifacts = client.read_artifacts(
        artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
    )
    by_key = {a.key: a for a in artifacts}
    assert by_key["sources"].type == "table"
    table = by_key["sources"].data
    rows = json.loads(table) if isinstance(table, str) else table
    per_source = {r["source_id"]: r for r in rows}
    assert set(per_source) == STATS_SOURCES
    assert all(r["failures"] == "" for r in rows)
    assert per_source["hkpf_csc_en"]["fetched"] == 1
    assert per_source["hkpf_csc_en"]["new_observations"] > 0
    assert by_key["run-summary"].type == "markdown"
    assert "**Outcome:** ok" in by_key["run-summary"].data


# ---- the failing-source path, through the Prefect engine (session test harness) ------------------
@pytest.mark.prefect
def test_a_drifted_source_fails_the_run_by_name_after_the_others_load(prefect_harness, tmp_path, monkeypatch):
    from flows.pipeline import stats_flow

    root = copy_site(
        tmp_path, {"www.police.gov.hk/ppp_tc/09_statistics/csc.html": csc_page("csc_tc_no_table")}
    )
    home = tmp_path / "home"
    with FixtureSite(root) as site:
        monkeypatch.setenv("CYBERSTATS_HOME", str(home))
        monkeypatch.setenv("CYBERSTATS_URL_MAP", site.url_map_setting)
        monkeypatch.setenv("CYBERSTATS_MIN_INTERVAL", "0.05")
        state = stats_flow(return_state=True)

    assert state.is_failed()
    assert "failed: hkpf_csc_tc" in state.message
    assert "hkpf_csc_en" not in state.message.partition("failed:")[2]
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        loaded = {sid for (sid,) in con.execute("SELECT DISTINCT source_id FROM observations").fetchall()}
        csc_en = con.execute(
            "SELECT value FROM observations WHERE source_id = 'hkpf_csc_en' AND category = 'overall_crime' "
            "AND metric = 'cases' AND period_label = '2024-H1'"
        ).fetchall()
    finally:
        con.close()
    assert loaded == STATS_SOURCES - {"datagovhk_ckan", "hkpf_csc_tc"}
    assert csc_en == [(45315.0,)]
