"""`compare` with provenance (issue 9, part 4): published changes where no prior level is stored, the
URL and tier of both values, the reason for an empty value, and periods read as `cyberstats period`
reads them; a malformed period is an error, not "no value".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()
GIA = "/www.info.gov.hk/gia/general/"


def compare(home: Path, *args: str):
    return runner.invoke(app, ["compare", *args], env={"CYBERSTATS_HOME": str(home)})


def _rows(home: Path, *args: str) -> list[dict]:
    result = compare(home, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["rows"]


@pytest.mark.parametrize(
    "period", ["2023-H1", "2023H1", "2023h1", "first half of 2023", "H1 2023", "2023年上半年"]
)
def test_period_is_read_as_cyberstats_period_reads_it(demo_warehouse_home, period):
    rows = _rows(
        demo_warehouse_home, "--category", "technology_crime", "--metric", "cases", "--period", period
    )
    assert [(r["period_label"], r["value"], r["prior_value"], r["change_pct"]) for r in rows] == [
        ("2023-H1", 15637, 10613, 47.3)
    ]


@pytest.mark.parametrize("period", ["2023-H3", "sometime", "2023-13"])
def test_a_malformed_period_is_a_one_line_error(demo_warehouse_home, period):
    result = compare(
        demo_warehouse_home, "--category", "technology_crime", "--metric", "cases", "--period", period
    )
    assert result.exit_code != 0
    assert result.stdout == "" and period in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_well_formed_period_without_data_names_the_periods_there_are(demo_warehouse_home):
    result = compare(
        demo_warehouse_home, "--category", "technology_crime", "--metric", "cases", "--period", "2016"
    )
    assert result.exit_code != 0 and "'2016'" in result.stderr and "2023-H1" in result.stderr


def test_the_published_change_stands_where_no_prior_level_is_stored(demo_warehouse_home):
    (row,) = _rows(
        demo_warehouse_home, "--category", "technology_crime", "--metric", "loss", "--period", "2023H1"
    )
    assert (row["value"], row["prior_value"], row["change_pct"]) == (2.03e9, None, None)
    assert row["reason"] == "no prior period published"
    assert (row["published_change_pct"], row["published_change_tier"]) == (28, "official_text")
    assert GIA in row["published_change_url"]
    table = compare(
        demo_warehouse_home, "--category", "technology_crime", "--metric", "loss", "--period", "2023H1"
    )
    assert "+28% (published)" in table.stdout and "no prior period" in table.stdout


def test_both_values_carry_their_source_url_and_tier(demo_warehouse_home):
    (row,) = _rows(
        demo_warehouse_home, "--category", "technology_crime", "--metric", "cases", "--period", "2020"
    )
    assert (row["value"], row["prior_period_label"], row["prior_value"], row["change_pct"]) == (
        12916,
        "2019",
        8322,
        55.2,
    )
    assert (row["source_tier"], row["prior_source_tier"]) == ("official_text", "official_text")
    assert (
        row["document_url"].endswith("P2021031700512.htm")
        and row["prior_document_url"] == row["document_url"]
    )
    (h1,) = _rows(
        demo_warehouse_home, "--category", "technology_crime", "--metric", "cases", "--period", "2023-H1"
    )
    assert GIA in h1["prior_document_url"] or "/www.news.gov.hk/" in h1["prior_document_url"]
    table = compare(demo_warehouse_home, "--category", "technology_crime", "--metric", "cases").stdout
    assert "official_text" in table and "[sample]" in table and "https://sample.cybers" in table
