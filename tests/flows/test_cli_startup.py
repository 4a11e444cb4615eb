"""Commands that run no flow never import Prefect (issue 13): `import prefect` alone costs ~1-1.5 s,
and its temporary API server 4-13 s more; only `run` and `demo` need them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs the CLI in a fresh interpreter and reports, at exit, which Prefect modules were imported.
PROBE = """
import atexit, sys
atexit.register(lambda: sys.stderr.write(
    "PREFECT_MODULES=%d\\n" % sum(m == "prefect" or m.startswith("prefect.") for m in sys.modules)))
from flows.cli import app
app()
"""
ARTICLE = "Police logged 15,637 technology crimes in the first half of 2023, up 47.3 per cent."


def _prefect_modules(args: list[str], home: Path) -> tuple[int, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CYBERSTATS_")}
    env["CYBERSTATS_HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, timeout=300
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("PREFECT_MODULES=")]
    assert lines, done.stderr[-2000:]
    return int(lines[-1].split("=")[1]), done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["run", "--help"],
        ["period", "first half of 2023", "--json"],
        ["query", "SELECT count(*) FROM observations", "--json"],
        ["compare", "--category", "technology_crime", "--metric", "cases", "--json"],
        ["figures", "{article}", "--ref-date", "2023-08-15", "--json"],
        ["check", "{article}", "--ref-date", "2023-08-15", "--json"],
        ["export", "--to", "{tmp}/export"],
        ["report", "--out", "{tmp}/report.html"],
        ["query", "SELECT nonsense FROM nowhere"],  # an error exit imports nothing more
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_commands_that_run_no_flow_do_not_import_prefect(args, demo_warehouse_home, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    argv = [a.format(article=article, tmp=tmp_path) for a in args]
    loaded, stderr = _prefect_modules(argv, demo_warehouse_home)
    assert loaded == 0, f"{' '.join(args)} imported {loaded} prefect modules:\n{stderr[-1500:]}"


def test_the_probe_sees_prefect_when_it_is_imported(demo_warehouse_home, monkeypatch):
    """The probe can fail: the same command with `import prefect` slipped in is counted."""
    env_probe = PROBE.replace("from flows.cli import app", "import prefect\nfrom flows.cli import app")
    monkeypatch.setattr(sys.modules[__name__], "PROBE", env_probe)
    loaded, _ = _prefect_modules(["query", "SELECT 1"], demo_warehouse_home)
    assert loaded > 0
