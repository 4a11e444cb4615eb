"""The public surface of transform.figures (issue 4): exports, and `python -m transform.figures`."""

from __future__ import annotations

import json
import subprocess
import sys

import transform.figures as figures_pkg
from transform.figures.__main__ import main, read_text

TEXT = "Technology crime cases in the first half of 2024 reached 16,182, with losses of HK$2.66 billion."


def test_public_names_are_exactly_the_contract():
    assert sorted(figures_pkg.__all__) == ["Figure", "extract_figures"]


def test_json_output(tmp_path, capsys):
    path = tmp_path / "item.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main(["--json", "--ref-date", "2024-08-20", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(f["metric"], f["value"], f["unit"], f["period"]) for f in out["figures"]] == [
        ("cases", 16182, "count", "2024-H1"),
        ("loss", 2.66e9, "HKD", "2024-H1"),
    ]


def test_human_output_has_one_line_per_figure(tmp_path, capsys):
    path = tmp_path / "item.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert main([str(path)]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 2


def test_html_is_reduced_to_text(tmp_path):
    path = tmp_path / "item.html"
    path.write_text(
        f"<html><head><script>var x = 99999;</script></head><body><p>{TEXT}</p></body></html>",
        encoding="utf-8",
    )
    text = read_text(str(path))
    assert "16,182" in text and "99999" not in text and "<p>" not in text


def test_a_missing_file_is_a_clear_error(tmp_path, capsys):
    missing = tmp_path / "nowhere.txt"
    assert main([str(missing)]) == 2
    assert f"cannot read {missing}" in capsys.readouterr().err


def test_reads_stdin_as_a_module():
    proc = subprocess.run(
        [sys.executable, "-m", "transform.figures", "--json", "-"],
        input=TEXT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(json.loads(proc.stdout)["figures"]) == 2
