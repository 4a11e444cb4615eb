"""The public surface of transform.figures, and `cyberstats figures` as its one command line."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import transform.figures as figures_pkg
from flows.cli import app

TEXT = "Technology crime cases in the first half of 2024 reached 16,182, with losses of HK$2.66 billion."
runner = CliRunner()


def test_public_names_are_exactly_the_contract():
    assert sorted(figures_pkg.__all__) == ["Figure", "extract_figures"]
    assert figures_pkg.extract_figures.__name__ == "extract_figures"


def test_json_output_carries_confidence_and_evidence(tmp_path):
    path = tmp_path / "item.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["figures", "--json", "--ref-date", "2024-08-20", str(path)])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["figures"]
    assert [(f["metric"], f["value"], f["unit"], f["period"]) for f in figures] == [
        ("cases", 16182, "count", "2024-H1"),
        ("loss", 2.66e9, "HKD", "2024-H1"),
    ]
    for fig in figures:
        assert 0 < fig["confidence"] <= 1
        assert fig["evidence"]["category"].lower() == "technology crime"
        assert fig["evidence"]["period_rule"] == "sentence"
        assert fig["evidence"]["jurisdiction_rule"] == "default"


def test_min_confidence_holds_back_figures_below_it(tmp_path):
    path = tmp_path / "item.txt"
    path.write_text(TEXT, encoding="utf-8")
    everything = json.loads(runner.invoke(app, ["figures", "--json", str(path)]).stdout)["figures"]
    strict = json.loads(
        runner.invoke(app, ["figures", "--json", "--min-confidence", "0.99", str(path)]).stdout
    )["figures"]
    assert len(everything) == 2 and strict == []


def test_human_output_has_one_row_per_figure_with_its_confidence(tmp_path):
    path = tmp_path / "item.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["figures", "--ref-date", "2024-08-20", str(path)])
    assert result.exit_code == 0
    assert "2 figures" in result.stdout and "confidence" in result.stdout


def test_kinds_outside_the_tracked_series_are_printed_only_with_all(tmp_path):
    # DESIGN section 3's series by default; e-banking fraud or fake customer service only with --all
    path = tmp_path / "item.txt"
    path.write_text(
        "In 2023 there were 1,500 fake customer service scams and 39,824 deception cases.", "utf-8"
    )
    shown = {}
    for flag in ([], ["--all"]):
        result = runner.invoke(app, ["figures", "--json", "--ref-date", "2024-02-05", *flag, str(path)])
        assert result.exit_code == 0, result.output
        shown[bool(flag)] = {(f["category"], f["value"]) for f in json.loads(result.stdout)["figures"]}
    assert shown[False] == {("deception", 39824)}
    assert shown[True] >= {("deception", 39824), ("impersonating_customer_service", 1500)}
