"""The `cyberstats` command line: every command has --help, prints clean JSON/CSV, and fails with a
clear message and a non-zero exit (DESIGN section 5)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.flows.helpers import FEEDS, STATS, run_live

runner = CliRunner()
SITE = Path(__file__).parents[1] / "fixtures" / "site"
COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]


@pytest.fixture(scope="module")
def home(tmp_path_factory, fixture_site_server) -> Path:
    """A warehouse filled by one live run over the fixture site (no Prefect needed)."""
    home = tmp_path_factory.mktemp("cli")
    report = run_live(home, fixture_site_server.url_map, STATS + FEEDS)
    assert report.ok, report.summary_line()
    return home


def cli(home: Path | None, *args: str, stdin: str | None = None):
    env = {"CYBERSTATS_HOME": str(home)} if home else {}
    return runner.invoke(app, list(args), env=env, input=stdin)


def test_design_commands_all_exist():
    assert set(COMMANDS) == {
        "demo",
        "run",
        "compare",
        "query",
        "figures",
        "period",
        "check",
        "export",
        "report",
    }


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = cli(None, command, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command):
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"cyberstats {command}" in readme


def records(printed: dict) -> list[dict]:
    """The rows of a `{"columns", "rows"}` JSON output as dicts, checking the shape on the way."""
    columns, rows = printed["columns"], printed["rows"]
    assert all(isinstance(row, list) and len(row) == len(columns) for row in rows)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def test_period_json():
    result = cli(None, "period", "--ref-date", "2025-09-26", "the first seven months of this year", "--json")
    printed = json.loads(result.stdout)
    expected = {"label": "2025-01/2025-07", "start": "2025-01-01", "end": "2025-07-31", "type": "span"}
    assert records(printed) == [expected]
    # the DESIGN keys stay at the top level for the shared period evaluator
    assert {k: printed[k] for k in expected} == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["period", "sometime soon"], "sometime soon"),
        (["period", "--ref-date", "yesterday", "last year"], "--ref-date"),
    ],
)
def test_period_errors_name_what_was_wrong(args, message):
    result = cli(None, *args)
    assert result.exit_code == 1
    assert message in result.output


def test_period_reads_chinese_and_prints_label_start_end_type():
    # moved here from transform/periods.py's own argparse entry point, removed (issue 11: one CLI)
    result = cli(None, "period", "--ref-date", "2014-07-31", "今年上半年", "--json")
    out = json.loads(result.stdout)
    assert {k: out[k] for k in ("label", "start", "end", "type")} == {
        "label": "2014-H1",
        "start": "2014-01-01",
        "end": "2014-06-30",
        "type": "half",
    }
    human = cli(None, "period", "Jan–Sep 2016")
    assert human.exit_code == 0
    assert human.stdout.split() == ["2016-01/2016-09", "2016-01-01", "..", "2016-09-30", "(span)"]


def _runner_with_separate_stderr() -> CliRunner:
    """click < 8.2 mixes stderr into stdout unless told not to; 8.2 keeps them apart and has no flag."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def test_a_relative_period_without_a_date_fails_on_stderr_with_the_reason():
    result = _runner_with_separate_stderr().invoke(app, ["period", "last year", "--json"])
    assert result.exit_code == 1
    assert result.stdout == "" and "'last year'" in result.stderr and "ref_date" in result.stderr


def test_figures_from_stdin_text():
    text = "Technology crime cases rose 47.3 per cent to 15 637 in the first half of 2023."
    printed = json.loads(cli(None, "figures", "-", "--json", stdin=text).stdout)
    figures = printed["figures"]
    level = [f for f in figures if f["kind"] == "level"]
    assert level[0]["value"] == 15637 and level[0]["period"] == "2023-H1"
    assert level[0]["category"] == "technology_crime" and "15 637" in level[0]["quote"]
    # the same figures as columns and rows; a count is an integer, a percentage a float
    assert records(printed) == figures and printed["columns"][:5] == [
        "jurisdiction",
        "category",
        "metric",
        "kind",
        "value",
    ]
    assert isinstance(level[0]["value"], int)
    (pct,) = [f for f in figures if f["kind"] == "change_pct"]
    assert isinstance(pct["value"], float) and pct["value"] == 47.3


def test_figures_from_a_press_release_page_use_its_date_for_relative_periods():
    page = SITE / "www.info.gov.hk/gia/general/202402/06/P2024020600468.htm"
    figures = json.loads(cli(None, "figures", str(page), "--json").stdout)["figures"]
    overall = [f for f in figures if f["category"] == "overall_crime" and f["kind"] == "level"]
    assert {(f["period"], f["value"]) for f in overall} >= {("2023", 90276)}


def test_figures_of_a_missing_file_fail_clearly(tmp_path):
    result = cli(None, "figures", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "cannot read" in result.output


def test_query_json_and_csv(home):
    sql = "SELECT value FROM best_observations WHERE category='overall_crime' AND period_label='2024-H1'"
    printed = cli(home, "query", sql, "--json").stdout
    data = json.loads(printed)
    assert (data["columns"], data["rows"], data["sample"]) == (["value"], [[45315]], False)
    assert "45315.0" not in printed
    rows = list(csv.reader(io.StringIO(cli(home, "query", sql, "--csv").stdout)))
    assert rows == [["value"], ["45315.0"]]


def test_query_is_read_only(home):
    result = cli(home, "query", "DELETE FROM observations")
    assert result.exit_code == 1
    assert "read-only" in result.output


def test_query_without_a_warehouse_says_how_to_make_one(tmp_path):
    result = cli(tmp_path / "empty", "query", "SELECT 1")
    assert result.exit_code == 1
    assert "cyberstats demo" in result.output


def test_compare_json(home):
    result = cli(
        home, "compare", "--category", "overall_crime", "--metric", "cases", "--period", "2024-H1", "--json"
    )
    (row,) = records(json.loads(result.stdout))
    assert isinstance(row["value"], int) and isinstance(row["change_pct"], float)
    assert (row["value"], row["prior_period_label"], row["prior_value"], row["change_pct"]) == (
        45315,
        "2023-H1",
        42923,
        5.6,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--category", "no_such_thing", "--metric", "cases"], "available"),
        (["--category", "overall_crime", "--metric", "cases", "--vs", "sideways"], "year_ago or previous"),
        (["--category", "overall_crime", "--metric", "cases", "--period", "1999"], "periods available"),
    ],
)
def test_compare_errors(home, args, message):
    result = cli(home, "compare", *args)
    assert result.exit_code == 1
    assert message in result.output


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_writes_files_bi_tools_can_read(home, tmp_path, fmt):
    result = cli(home, "export", "--to", str(tmp_path / "out"), "--format", fmt)
    assert result.exit_code == 0, result.output
    part = tmp_path / "out" / fmt / "period_over_period" / "year=2024" / f"part-0.{fmt}"
    rows = (
        list(csv.DictReader(part.open(encoding="utf-8"))) if fmt == "csv" else pq.read_table(part).to_pylist()
    )
    assert any(r["category"] == "overall_crime" and r["period_label"] == "2024-H1" for r in rows)
    assert (tmp_path / "out" / "dictionary.md").exists()


def test_export_refuses_a_file_as_target_in_one_line(home, tmp_path):
    target = tmp_path / "taken.txt"
    target.write_text("x", encoding="utf-8")
    result = cli(home, "export", "--to", str(target))
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "not a directory" in result.output


def test_check_flags_a_digit_slip_and_confirms_a_rounded_figure(home):
    text = (
        "Overall crime rose 5.6 per cent to 45 135 cases in the first half of 2024. "
        "Deception cases rose to nearly 20 000 in the first half of 2024."
    )
    printed = json.loads(cli(home, "check", "-", "--json", stdin=text).stdout)
    checked = printed["figures"]
    assert records(printed) == checked
    by_value = {f["value"]: f for f in checked}
    assert by_value[45135]["verdict"] == "inconsistent"
    assert by_value[45135]["likely_cause"] == "digit_slip"
    assert by_value[45135]["official_value"] == 45315
    assert by_value[5.6]["verdict"] == "consistent"
    assert by_value[20000]["verdict"] == "consistent"


def test_report_writes_html(home, tmp_path):
    out = tmp_path / "report.html"
    result = cli(home, "report", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "45 315" in out.read_text(encoding="utf-8") or "45315" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("hkpf_csc_xx", "unknown source"),
        ("gia_press_release", "gia_rss_en"),
        ("datagovhk_history", "--since"),
    ],
)
def test_run_refuses_a_source_it_cannot_run_on_its_own(tmp_path, source, message):
    result = cli(tmp_path, "run", "--source", source)
    assert result.exit_code == 1
    assert message in result.output


@pytest.mark.parametrize(
    ("since", "message"), [("2999-01-01", "before it starts"), ("2001-01-01", "over 366")]
)
def test_run_refuses_a_backfill_start_it_cannot_serve(tmp_path, since, message):
    result = cli(tmp_path, "run", "--since", since)
    assert result.exit_code == 1
    assert message in result.output


def test_figures_list_tracked_series_by_default_and_everything_with_all():
    text = "In 2022 there were 27,923 deception cases. The overall detection rate in 2022 was 35.2 per cent."
    default = json.loads(cli(None, "figures", "-", "--json", stdin=text).stdout)["figures"]
    everything = json.loads(cli(None, "figures", "-", "--json", "--all", stdin=text).stdout)["figures"]
    assert [(f["metric"], f["value"]) for f in default] == [("cases", 27923)]
    assert ("detection_rate", 35.2) in [(f["metric"], f["value"]) for f in everything]


def _readme_sql() -> list[str]:
    """Every SQL statement in the README's ```sql blocks and `cyberstats query "..."` examples."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", readme, flags=re.S)
    blocks += re.findall(r'cyberstats query "\n?(.*?)"', readme, flags=re.S)
    statements = []
    for block in blocks:
        code = "\n".join(line for line in block.splitlines() if not line.strip().startswith("--"))
        statements += [s.strip() for s in code.split(";") if s.strip() and s.strip() != "SQL"]
    return statements


def test_readme_sql_examples_run_on_the_warehouse(home):
    statements = _readme_sql()
    assert len(statements) >= 5
    for sql in statements:
        result = cli(home, "query", sql, "--json")
        assert result.exit_code == 0, f"README query failed: {sql}\n{result.output}"
