"""The seed question, answered on a fresh demo warehouse (issue 9, "Done when").

"Police logged 15,637 technology crimes in the first half of 2023, HK$2.03 billion lost, +47.3% and
+28%": all four consistent against named official sources with URL and quote; the doctored copy
(16,637 cases, HK$2.03 million) inconsistent with the likely cause. The demo warehouse is built as
`cyberstats demo` builds it (test_sample_marking.py says why without the Prefect engine).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extract.sample import is_sample_url
from flows.cli import app

runner = CliRunner()
SEED = (
    "Police logged 15,637 technology crimes in the first half of 2023, up 47.3 per cent on a year "
    "earlier. Losses from technology crime reached HK$2.03 billion, up 28 per cent."
)
DOCTORED = SEED.replace("15,637", "16,637").replace("HK$2.03 billion", "HK$2.03 million")
# the police's review of the half-year and the news.gov.hk story of it (tests/fixtures/site/README.md)
OFFICIAL_H1_2023 = ("/202308/11/P2023081100527.htm", "/20230811/20230811_190512_214.html")
KEYS = [("cases", "level"), ("cases", "change_pct"), ("loss", "level"), ("loss", "change_pct")]


@pytest.fixture(scope="module")
def demo_home(demo_warehouse_home) -> Path:
    return demo_warehouse_home


def _check(home: Path, text: str, tmp_path: Path) -> dict[tuple[str, str], dict]:
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["check", "--ref-date", "2023-08-15", str(article), "--json"], env={"CYBERSTATS_HOME": str(home)}
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["figures"]
    return {(f["metric"], f["kind"]): f for f in figures if f["category"] == "technology_crime"}


def test_the_seed_figures_are_all_consistent_with_named_official_sources(demo_home, tmp_path):
    checked = _check(demo_home, SEED, tmp_path)
    assert sorted(checked) == sorted(KEYS)
    for key, fig in checked.items():
        assert (fig["verdict"], fig["basis"], fig["jurisdiction"]) == ("consistent", "official_text", "HK"), (
            key
        )
        source = fig["official_source"]
        assert source["source_tier"] == "official_text" and source["quote"], key
        assert is_sample_url(source["document_url"]) and source["document_url"].endswith(OFFICIAL_H1_2023), (
            key
        )
    assert checked["cases", "level"]["official_value"] == 15637
    assert checked["loss", "level"]["official_value"] == 2.03e9
    assert checked["cases", "change_pct"]["official_value"] == 47.3
    # last year's loss was never published: the +28% is the change the release stated itself
    loss_pct = checked["loss", "change_pct"]
    assert loss_pct["official_value"] == 28 and "28 per cent" in loss_pct["official_source"]["quote"]


def test_the_doctored_copy_is_inconsistent_with_the_likely_cause(demo_home, tmp_path):
    checked = _check(demo_home, DOCTORED, tmp_path)
    verdicts = {key: (f["verdict"], f["likely_cause"]) for key, f in checked.items()}
    assert verdicts == {
        ("cases", "level"): ("inconsistent", "digit_slip"),
        ("cases", "change_pct"): ("consistent", None),
        ("loss", "level"): ("inconsistent", "wrong_unit"),
        ("loss", "change_pct"): ("consistent", None),
    }
    for key in (("cases", "level"), ("loss", "level")):
        source = checked[key]["official_source"]
        assert source["document_url"] and source["quote"] and source["source_tier"] == "official_text"


def test_the_table_names_the_source_and_quote_of_each_verdict(demo_home, tmp_path):
    article = tmp_path / "doctored.txt"
    article.write_text(DOCTORED, encoding="utf-8")
    result = runner.invoke(
        app, ["check", "--ref-date", "2023-08-15", str(article)], env={"CYBERSTATS_HOME": str(demo_home)}
    )
    for needle in (
        "HK",
        "digit_slip",
        "wrong_unit",
        "official_text [sample]",
        "[sample text]",
        "https://sample.",
    ):
        assert needle in result.stdout, needle
