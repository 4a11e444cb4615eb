"""Every command given bad input: one line naming what was wrong, a non-zero exit, no traceback,
and nothing written where it must not be (issue 12)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.flows.helpers import run_live

runner = CliRunner()
RECURSIVE = "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t"


@pytest.fixture(scope="module")
def home(tmp_path_factory, fixture_site_server) -> Path:
    home = tmp_path_factory.mktemp("bad-input")
    assert run_live(home, fixture_site_server.url_map, ["hkpf_csc_en"]).ok
    return home


def cli(home: Path, *args: str):
    return runner.invoke(app, list(args), env={"CYBERSTATS_HOME": str(home)})


def one_line_error(result, *needles: str) -> str:
    """The error line of a failed command; fails the test unless it is one line without a traceback."""
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def test_empty_query(home):
    one_line_error(cli(home, "query", ""), "empty query")
    one_line_error(cli(home, "query", "   \n "), "empty query")


def test_a_query_that_never_ends_is_stopped_by_the_time_limit(home):
    one_line_error(cli(home, "query", RECURSIVE, "--timeout", "1"), "--timeout of 1 s")


def test_a_large_result_is_cut_at_the_row_limit_with_a_note(home):
    result = cli(home, "query", "SELECT * FROM range(1000000)", "--max-rows", "5", "--csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["range", "0", "1", "2", "3", "4"]
    assert "only the first 5 rows" in result.stderr


def test_bad_sql_is_one_line(home):
    one_line_error(cli(home, "query", "SELEC 1"), "query failed", "SELEC")


def test_export_to_an_existing_file(home, tmp_path):
    target = tmp_path / "exists.txt"
    target.write_text("keep me")
    one_line_error(cli(home, "export", "--to", str(target)), str(target), "not a directory")
    assert target.read_text() == "keep me"


def test_export_to_a_path_that_cannot_be_created(home):
    one_line_error(cli(home, "export", "--to", "/proc/cyberstats-export"), "/proc/cyberstats-export")


def test_report_to_a_directory(home, tmp_path):
    one_line_error(cli(home, "report", "--out", str(tmp_path)), str(tmp_path), "is a directory")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_report_to_a_device_never_replaces_the_device_node(home):
    before = os.lstat("/dev/full")
    one_line_error(cli(home, "report", "--out", "/dev/full"), "/dev/full", "not a regular file")
    after = os.lstat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_report_into_a_directory_that_cannot_be_written(home):
    one_line_error(cli(home, "report", "--out", "/proc/cyberstats/report.html"), "/proc/cyberstats")


def test_figures_on_html_without_text(home, tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><div></div></body></html>")
    one_line_error(cli(home, "figures", str(page)), str(page), "no main text")


def test_figures_of_a_missing_file(home, tmp_path):
    one_line_error(cli(home, "figures", str(tmp_path / "nope.txt")), "cannot read", "nope.txt")


def test_run_since_not_a_date_names_since(home):
    line = one_line_error(cli(home, "run", "--since", "notadate"), "--since", "notadate")
    assert "--ref-date" not in line


def test_figures_ref_date_not_a_date(home, tmp_path):
    one_line_error(cli(home, "figures", "-", "--ref-date", "2024-13-01"), "--ref-date")


def test_compare_unknown_series(home):
    one_line_error(cli(home, "compare", "--category", "nonsense", "--metric", "cases"), "nonsense")


def test_period_that_means_nothing(home):
    one_line_error(cli(home, "period", "no period here"))


def test_commands_on_a_home_without_warehouse(tmp_path):
    for args in (["query", "SELECT 1"], ["compare", "--category", "deception", "--metric", "cases"]):
        one_line_error(cli(tmp_path, *args), "no warehouse")
