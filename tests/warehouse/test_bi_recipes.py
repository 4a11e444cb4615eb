"""The README's BI recipes run as written, each in its own Python process, from a folder that holds
`data/demo/warehouse.duckdb` and `export/` (`cyberstats export --to export`), as a user would."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.warehouse.conftest import store
from tests.warehouse.rows import headline_rows
from warehouse.export import export
from warehouse.load import load_parquet

README = Path(__file__).parents[2] / "README.md"


def recipes() -> list[str]:
    """The ```python blocks of the README's "BI recipes" section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## BI recipes\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("bi")
    db = base / "data" / "demo" / "warehouse.duckdb"
    load_parquet(db, store(headline_rows(), base / "parquet"))
    export(db, base / "export")
    return base


def run(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_there_is_a_recipe_for_each_tool():
    found = recipes()
    for library in ("import duckdb", "import pandas", "import polars", "from sqlalchemy"):
        assert sum(library in code for code in found) == 1, library
    assert not re.search(r"duckdb -readonly", README.read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", recipes(), ids=lambda c: re.search(r"(?:import|from) (\w+)", c).group(1))
def test_recipe_runs_and_prints_the_headline_comparison(code: str, folder: Path):
    done = run(code, folder)
    assert done.returncode == 0, done.stderr
    # technology crime cases, 2023-H1: 15 637 against 10 613 in 2022-H1, +47.3%
    assert "15637" in done.stdout and "47.3" in done.stdout, done.stdout
    assert "15637.0" not in done.stdout  # counts are shown as counts


def test_the_sqlalchemy_url_is_read_only(folder: Path):
    (url,) = re.findall(r'create_engine\("([^"]+)"\)', "\n".join(recipes()))
    code = (
        "from sqlalchemy import create_engine, text\n"
        f"engine = create_engine({url!r})\n"
        "with engine.connect() as conn:\n"
        "    conn.execute(text('CREATE TABLE scratch (a INTEGER)'))\n"
    )
    done = run(code, folder)
    assert done.returncode != 0 and "read-only" in done.stderr.lower()
