"""prefect.yaml: the deployments, their schedules in Hong Kong time, pools, limits and entrypoints.

Next run times are computed with the Prefect server's own schedule model (the code its scheduler
runs), so a cron or time-zone slip shows up here rather than as a run at the wrong hour.
"""

from __future__ import annotations

import asyncio
import importlib
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
HKT = ZoneInfo("Asia/Hong_Kong")
EXPECTED = {
    "stats-daily": ("flows/pipeline.py:stats_flow", "stats"),
    "news-hourly": ("flows/pipeline.py:news_flow", "news"),
    "backfill": ("flows/pipeline.py:backfill_flow", "backfill"),
    "pipeline-on-demand": ("flows/pipeline.py:pipeline_flow", "pipeline"),
}


@pytest.fixture(scope="module")
def deployments() -> dict[str, dict]:
    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    return {d["name"]: d for d in config["deployments"]}


def _next_runs(deployment: dict, after: datetime, n: int) -> list[datetime]:
    """The next `n` run times from `after` on, in Hong Kong time, as the Prefect scheduler computes them."""
    from prefect.server.schemas.schedules import CronSchedule

    (spec,) = deployment["schedules"]
    schedule = CronSchedule(cron=spec["cron"], timezone=spec["timezone"])
    dates = asyncio.run(schedule.get_dates(n=n, start=after))
    return [d.astimezone(HKT) for d in dates]


def _hkt(*args: int) -> datetime:
    return datetime(*args, tzinfo=HKT)


def test_the_expected_deployments_and_nothing_else(deployments):
    assert set(deployments) == set(EXPECTED)


def test_scheduled_deployments_use_hong_kong_time(deployments):
    for name in ("stats-daily", "news-hourly"):
        (spec,) = deployments[name]["schedules"]
        assert spec["timezone"] == "Asia/Hong_Kong", name
        assert spec.get("active", True) is True, name


def test_statistics_run_daily_at_0730_hong_kong_time(deployments):
    runs = _next_runs(deployments["stats-daily"], _hkt(2026, 11, 29, 0, 0), 2)
    assert runs == [_hkt(2026, 11, 29, 7, 30), _hkt(2026, 11, 30, 7, 30)]
    # 07:30 HKT is 23:30 UTC the day before: the schedule is not read as UTC
    assert runs[0].astimezone(ZoneInfo("UTC")) == datetime(2026, 11, 28, 23, 30, tzinfo=ZoneInfo("UTC"))
    # after today's run, the next is tomorrow's
    assert _next_runs(deployments["stats-daily"], _hkt(2026, 11, 29, 8, 0), 1) == [_hkt(2026, 11, 30, 7, 30)]


def test_news_runs_hourly_at_ten_past(deployments):
    runs = _next_runs(deployments["news-hourly"], _hkt(2026, 11, 29, 0, 0), 3)
    assert runs == [_hkt(2026, 11, 29, 0, 10), _hkt(2026, 11, 29, 1, 10), _hkt(2026, 11, 29, 2, 10)]
    # across midnight and a month end
    assert _next_runs(deployments["news-hourly"], _hkt(2026, 11, 30, 23, 30), 1) == [_hkt(2026, 12, 1, 0, 10)]


def test_on_demand_deployments_have_no_schedule(deployments):
    for name in ("backfill", "pipeline-on-demand"):
        assert not deployments[name].get("schedules"), name


def test_every_deployment_is_in_the_process_pool_and_never_overlaps_itself(deployments):
    for name, d in deployments.items():
        assert d["work_pool"]["name"] == "cyberstats", name
        assert d["concurrency_limit"] == 1, name


def test_no_remote_pull_step(deployments):
    """A local checkout deploys as it is: no git clone or other remote pull step anywhere."""
    config = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    steps = [step for key in ("pull", "build", "push") for step in (config.get(key) or [])]
    for step in steps:
        (name,) = step
        assert name == "prefect.deployments.steps.set_working_directory", name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_entrypoints_import_the_named_flows_and_accept_the_parameters(deployments, name):
    from prefect import Flow

    entrypoint, flow_name = EXPECTED[name]
    assert deployments[name]["entrypoint"] == entrypoint
    path, _, attr = entrypoint.partition(":")
    assert (REPO / path).is_file()
    flow = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), attr)
    assert isinstance(flow, Flow)
    assert flow.name == flow_name  # `prefect deployment run '<flow>/<deployment>'` uses this name
    params = flow.validate_parameters(deployments[name].get("parameters") or {})
    if name == "backfill":
        assert params == {"start": date(2023, 8, 1), "end": date(2023, 8, 31), "versions": True}
