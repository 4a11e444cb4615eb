"""`make bench` at a tiny size: it runs end to end and writes the JSON with a ratio per case.

No timing is asserted (ratios vary by machine); only that every case was measured against its
baseline and that the bench loaded exactly the rows it was asked to (tests/bench.py checks the
first load inserts them all and the second none).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import bench

CASES = {"load", "load_again", "pop", "report", "figures", "csc_parse"}


@pytest.mark.slow  # the whole benchmark, at a tiny size
def test_bench_runs_at_tiny_size_and_writes_ratios(tmp_path: Path, capsys):
    out = tmp_path / "bench.json"
    bench.main(["--rows", "600", "--repeat", "1", "--min-time", "0.001", "--out", str(out)])
    result = json.loads(out.read_text(encoding="utf-8"))
    assert {c["name"] for c in result["cases"]} == CASES
    for case in result["cases"]:
        assert case["ratio"] > 0 and case["seconds"] > 0 and case["baseline_seconds"] > 0
        assert case["ratio"] == pytest.approx(case["seconds"] / case["baseline_seconds"], rel=1e-2)
    assert result["meta"]["rows"] == 600
    by_name = {c["name"]: c for c in result["cases"]}
    assert by_name["load"]["extra"]["rows"] == 600
    assert by_name["figures"]["extra"]["figures"] > 0 and by_name["csc_parse"]["extra"]["observations"] > 0
    assert "load_again" in capsys.readouterr().out


def test_bench_data_repeats_real_figures_under_bench_urls():
    base = bench.real_observations()
    table = bench.replicated_table(base, 2 * len(base) + 1)
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
