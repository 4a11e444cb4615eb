"""`make bench` at a tiny size: it runs end to end and writes the JSON with a ratio per case.

No timing is asserted (ratios vary by machine); only that every case was measured against its
baseline and that the bench loaded exactly the rows it was asked to
(tests/bench/warehouse_cases.py checks the first load inserts them all and the second none).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.bench import data as bench_data
from tests.bench import runner as bench

CASES = {
    "load",
    "load_again",
    "load_more",
    "validate",
    "validate_rows",
    "pop",
    "report",
    "figures",
    "figures_vs_old",
    "csc_parse",
    "csv_parse",
    "hkcert_parse",
    "gia_parse",
    "media_parse",
    "backfill_memory",
    "prefect_overhead",
    "prefect_share",
    "no_change_run",
    "no_change_cli",
    "no_change_work",
    "no_change_startup",
    "polite_crawl",
}


def _has_old_reader() -> bool:
    """figures_vs_old needs the pre-issue-8 revision in the checkout's history (absent when shallow)."""
    from tests.bench.figure_cases import OLD_READER

    found = subprocess.run(["git", "cat-file", "-e", f"{OLD_READER}^{{commit}}"], capture_output=True)
    return found.returncode == 0


@pytest.mark.slow  # the whole benchmark, at a tiny size
def test_bench_runs_at_tiny_size_and_writes_ratios(tmp_path: Path, capsys, monkeypatch):
    out = tmp_path / "bench.json"
    md = tmp_path / "BENCHMARKS.md"
    monkeypatch.setenv("CYBERSTATS_BENCH_MIN_INTERVAL", "0.2")  # run cases: a shorter politeness floor
    args = ["--rows", "600", "--repeat", "1", "--min-time", "0.001", "--scale", "0.02"]
    bench.main([*args, "--out", str(out), "--markdown", str(md)])
    result = json.loads(out.read_text(encoding="utf-8"))
    table = md.read_text(encoding="utf-8")
    for case in result["cases"]:  # one Markdown row per case, with its ratio and goal verdict
        row = next(line for line in table.splitlines() if line.startswith(f"| {case['name']} |"))
        # the table writes the ratio as bench.json holds it (rounded to 3 places), so both agree
        assert f"{case['ratio']:.2f}x" in row
        if case["goal_met"] is not None:
            assert ("NOT met" in row) is (not case["goal_met"])
    assert {c["name"] for c in result["cases"]} == CASES - (
        set() if _has_old_reader() else {"figures_vs_old"}
    )
    for case in result["cases"]:
        assert case["ratio"] > 0 and case["seconds"] > 0 and case["baseline_seconds"] > 0
        assert case["ratio"] == pytest.approx(case["seconds"] / case["baseline_seconds"], rel=1e-2)
    assert result["meta"]["rows"] == 600
    by_name = {c["name"]: c for c in result["cases"]}
    assert by_name["load"]["extra"]["rows"] == 600
    load = by_name["load"]["extra"]  # the parts a CTAS does not do, each timed (values vary: not compared)
    assert load["template_prebuilt"] in (True, False)
    assert min(load["schema_setup_ms"], load["new_home_ms"], load["pop_refresh_ms"]) > 0
    assert by_name["figures"]["extra"]["figures"] > 0 and by_name["csc_parse"]["extra"]["observations"] > 0
    if "figures_vs_old" in by_name:  # both readers read the same passages and found figures in them
        old = by_name["figures_vs_old"]["extra"]
        assert old["figures"] > 0 and old["old_figures"] > 0 and old["chars_per_s"] > 0
    assert by_name["backfill_memory"]["extra"]["documents"] == "10 / 100"  # two sizes ten times apart
    assert by_name["backfill_memory"]["unit"] == "MB" and "MB" in table
    assert by_name["prefect_overhead"]["extra"]["observations"] > 0  # both ways loaded the same rows
    assert "load_again" in capsys.readouterr().out
    no_change, cold = by_name["no_change_run"]["extra"], by_name["polite_crawl"]["extra"]
    assert no_change["documents"] == cold["documents"] == 4  # 200 releases at --scale 0.02
    assert no_change["bodies_downloaded"] == 0 and no_change["not_modified"] >= 13
    assert cold["requests"] > no_change["requests"] and no_change["min_interval_s"] == 0.2
    assert no_change["work_beyond_requests_s"] > 0 and no_change["startup_s"] > 0  # the probe's clocks
    work = by_name["no_change_work"]
    assert work["seconds"] == no_change["work_beyond_requests_s"] and work["goal"] == "< 1 s"


def test_bench_data_repeats_real_figures_under_bench_urls():
    base = bench_data.real_observations()
    table = bench_data.replicated_table(base, 2 * len(base) + 1)
    urls = set(table.column("document_url").to_pylist())
    assert urls == {"bench://doc/0", "bench://doc/1", "bench://doc/2"}
    assert len(set(table.column("observation_id").to_pylist())) == table.num_rows
    assert set(table.column("value").to_pylist()) == {float(r["value"]) for r in base}
    # a published figure of the CSC fixture page (SOURCES 2.1): overall crime, first half of 2023
    assert 42923.0 in set(table.column("value").to_pylist())


def test_bench_refuses_a_non_positive_size(capsys):
    with pytest.raises(SystemExit):
        bench.main(["--rows", "0"])
    assert "--rows" in capsys.readouterr().err


def test_a_case_is_met_only_within_its_goal():
    from tests.bench.core import Case

    assert Case("x", "m", 3.0, "b", 1.0, goal_ratio=1.5).goal_met is False  # 3x
    assert Case("x", "m", 3.0, "b", 2.0, goal_ratio=1.5).goal_met is True  # 1.5x: at the goal
    assert Case("x", "m", 2.0, "b", 2.0, goal_ratio=1.5).goal_met is True
    assert Case("x", "m", 1.0, "b", 2.0).goal_met is None  # no goal: no verdict
    assert Case("x", "m", 1.0, "b", 2.0, goal="fast", met=False).goal_met is False


def test_bench_data_continues_from_a_start_row():
    base = bench_data.real_observations()
    n = len(base) + 3
    whole = bench_data.replicated_table(base, 2 * n)
    assert bench_data.replicated_table(base, n, start=n).equals(whole.slice(n))


def test_the_run_probe_counts_overlapping_fetch_time_once():
    from tests.bench.run_probe import union_seconds

    # two threads fetching at once (1-3 and 2-4), one later (6-7); the flow ran from 0 to 10
    assert union_seconds([(2.0, 4.0), (1.0, 3.0), (6.0, 7.0)], 0.0, 10.0) == pytest.approx(4.0)
    assert union_seconds([(1.0, 3.0), (1.5, 2.0)], 0.0, 10.0) == pytest.approx(2.0)  # one inside another
    assert union_seconds([(-1.0, 1.0), (9.0, 12.0)], 0.0, 10.0) == pytest.approx(2.0)  # clipped to the flow
    assert union_seconds([], 0.0, 10.0) == 0.0


def _one_case(ctx) -> list:
    from tests.bench.core import Case

    return [Case("tiny", "a sleep", 0.002, "a shorter sleep", 0.001)]


def test_a_partial_run_leaves_the_full_table_alone(tmp_path: Path, monkeypatch, capsys):
    """`--only figures` must not replace BENCHMARKS.md (the record of a full run) with one group's rows."""
    table = tmp_path / "BENCHMARKS.md"
    table.write_text("the full run's table\n", encoding="utf-8")
    monkeypatch.setattr(bench, "DEFAULT_MARKDOWN", table)
    monkeypatch.setattr(bench, "GROUPS", {"one": _one_case, "two": _one_case})
    bench.main(["--only", "one", "--out", str(tmp_path / "bench.json")])
    assert table.read_text(encoding="utf-8") == "the full run's table\n"
    assert "left as it was" in capsys.readouterr().err
    bench.main(["--out", str(tmp_path / "bench.json")])  # every group: the table is written
    assert "| tiny |" in table.read_text(encoding="utf-8")
    asked = tmp_path / "partial.md"
    bench.main(["--only", "two", "--out", str(tmp_path / "bench.json"), "--markdown", str(asked)])
    assert "| tiny |" in asked.read_text(encoding="utf-8")
