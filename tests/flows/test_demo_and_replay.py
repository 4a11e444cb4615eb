"""`cyberstats demo` and `run --replay` through the Prefect engine: the headline numbers, idempotent
re-runs, and a replay that rebuilds an identical warehouse (issue 2, "Done when")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.flows.helpers import scalar, table_rows

pytestmark = pytest.mark.prefect


@pytest.fixture(scope="module")
def cli(cli_env):
    """Run `cyberstats` as a user would, in its own process, against the session's Prefect API."""

    def run(home: Path, *args: str) -> subprocess.CompletedProcess:
        env = {**cli_env, "CYBERSTATS_HOME": str(home)}
        return subprocess.run(
            [sys.executable, "-m", "flows.cli", *args], env=env, capture_output=True, text=True, timeout=300
        )

    return run


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory, cli) -> Path:
    home = tmp_path_factory.mktemp("demo")
    result = cli(home, "demo")
    assert result.returncode == 0, result.stderr
    return home


def test_demo_prints_the_headline_comparisons(demo_home, cli):
    result = cli(demo_home, "demo", "--json")
    printed = json.loads(result.stdout)
    assert printed["sample"] is True  # every command's JSON says sample data the same way
    rows = [dict(zip(printed["columns"], row, strict=True)) for row in printed["rows"]]
    by_key = {(r["category"], r["metric"], r["period_label"]): r for r in rows}
    tech = by_key[("technology_crime", "cases", "2023-H1")]
    assert (tech["value"], tech["prior_period_label"], tech["prior_value"], tech["change_pct"]) == (
        15637,
        "2022-H1",
        10613,
        47.3,
    )
    assert all(isinstance(tech[k], int) for k in ("value", "prior_value", "change_abs"))
    loss = by_key[("technology_crime", "loss", "2023-H1")]
    assert isinstance(loss["value"], int) and isinstance(loss["published_change_pct"], float)
    assert (loss["value"], loss["change_pct"], loss["published_change_pct"]) == (2030000000, None, 28)
    overall = by_key[("overall_crime", "cases", "2024-H1")]
    assert (overall["value"], overall["prior_value"], overall["change_pct"]) == (45315, 42923, 5.6)


def test_demo_says_it_is_sample_data(demo_home, cli):
    # issue 9: the bundled snapshot is pages this project wrote; every output of it says so
    result = cli(demo_home, "demo", "--json")
    assert json.loads(result.stdout)["sample"] is True
    assert "SAMPLE DATA" in result.stderr
    assert "SAMPLE DATA" in cli(demo_home, "demo").stdout


def test_demo_table_output_for_people(demo_home, cli):
    text = cli(demo_home, "demo").stdout
    for needle in (
        "15 637",
        "10 613",
        "+47.3%",
        "HK$2 030 000 000",
        "+28% (published)",
        "45 315",
        "42 923",
        "+5.6%",
    ):
        assert needle in text


def test_demo_twice_changes_nothing(demo_home, cli):
    db = demo_home / "warehouse.duckdb"
    before = {t: table_rows(db, t) for t in ("observations", "articles", "article_figures")}
    assert cli(demo_home, "demo").returncode == 0
    after = {t: table_rows(db, t) for t in ("observations", "articles", "article_figures")}
    assert before == after
    last = scalar(
        db,
        "SELECT [observations_inserted, articles_inserted, article_figures_inserted] "
        "FROM loads WHERE status='completed' ORDER BY finished_at DESC LIMIT 1",
    )
    assert last == [0, 0, 0]


def test_replaying_the_archive_rebuilds_an_identical_warehouse(demo_home, tmp_path, cli):
    home = tmp_path / "rebuilt"
    result = cli(home, "run", "--replay", str(demo_home / "raw"))
    assert result.returncode == 0, result.stderr
    for table in ("observations", "articles", "article_figures"):
        assert table_rows(home / "warehouse.duckdb", table) == table_rows(
            demo_home / "warehouse.duckdb", table
        )


def test_replay_of_a_directory_that_is_not_an_archive_fails_clearly(tmp_path, cli):
    result = cli(tmp_path / "home", "run", "--replay", str(tmp_path))
    assert result.returncode != 0
    assert "not a raw archive" in result.stderr


def test_report_headline_shows_the_published_change_when_the_prior_level_is_missing(demo_home, cli, tmp_path):
    out = tmp_path / "report.html"
    result = cli(demo_home, "report", "--out", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    headline = html[html.index('id="headline"') : html.index('id="period-over-period"')]
    assert "+28.0% (published)" in headline and "15 637" in headline and "+47.3%" in headline
