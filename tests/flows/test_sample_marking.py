"""A warehouse built from the bundled snapshot says it is sample data in every output (issue 9, part 3).

The demo warehouse is built here the way `cyberstats demo` builds it (the snapshot copied into the
home's raw archive, replayed through the same parse and publish code), without the Prefect engine;
`tests/flows/test_demo_and_replay.py` checks `demo` itself. A warehouse filled from the fixture site
by a live run is the control: it is not sample data and must not say so.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from extract.archive import RawArchive
from extract.sample import SAMPLE_HOST, is_sample_url, modelled_url, sample_url
from flows.cli import app
from flows.runner import DEMO_SNAPSHOT
from tests.flows.helpers import FEEDS, STATS, run_live

runner = CliRunner()
BANNER = "SAMPLE DATA"
REAL_PUBLISHERS = (
    "https://www.scmp.com/",
    "https://www.info.gov.hk/",
    "https://news.rthk.hk/",
    "https://www.news.gov.hk/",
)


@pytest.fixture(scope="module")
def demo_home(demo_warehouse_home) -> Path:
    return demo_warehouse_home


@pytest.fixture(scope="module")
def live_home(tmp_path_factory, fixture_site_server) -> Path:
    home = tmp_path_factory.mktemp("sample-live")
    assert run_live(home, fixture_site_server.url_map, STATS + FEEDS).ok
    return home


def cli(home: Path, *args: str):
    return runner.invoke(app, list(args), env={"CYBERSTATS_HOME": str(home)})


def _rows(home: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# ---- the snapshot and the rows: no sentence of ours under a real publisher's address -------------


def test_the_snapshot_stores_no_page_under_a_real_publishers_address():
    urls = [e.url for e in RawArchive(DEMO_SNAPSHOT).entries()]
    assert urls and all(is_sample_url(u) for u in urls)
    assert not any(u.startswith(REAL_PUBLISHERS) for u in urls)


def test_every_demo_row_points_at_the_sample_host(demo_home):
    for table, column in (
        ("observations", "document_url"),
        ("articles", "url"),
        ("article_figures", "document_url"),
    ):
        urls = [u for (u,) in _rows(demo_home, f"SELECT DISTINCT {column} FROM {table}")]
        assert urls and all(u.startswith(f"https://{SAMPLE_HOST}/") for u in urls), table


def test_a_sample_address_names_the_layout_it_models():
    real = "https://www.scmp.com/news/hong-kong/law-and-crime/article/3233523/slug?x=1"
    assert (
        sample_url(real)
        == f"https://{SAMPLE_HOST}/www.scmp.com/news/hong-kong/law-and-crime/article/3233523/slug?x=1"
    )
    assert modelled_url(sample_url(real)) == real and sample_url(sample_url(real)) == sample_url(real)


def test_warehouse_info_records_sample_data(demo_home, live_home):
    ((sample, n_sample, n_docs, note),) = _rows(
        demo_home, "SELECT sample, sample_documents, documents, note FROM warehouse_info"
    )
    assert sample and n_sample == n_docs > 0 and "SAMPLE DATA" in note
    assert _rows(live_home, "SELECT sample, sample_documents, note FROM warehouse_info") == [(False, 0, None)]


# ---- every command that reads the warehouse says so --------------------------------------------


def test_compare_says_sample(demo_home, live_home):
    args = ("compare", "--category", "technology_crime", "--metric", "cases")
    table = cli(demo_home, *args)
    assert table.exit_code == 0 and "SAMPLE DATA" in table.stdout and BANNER in table.stderr
    data = json.loads(cli(demo_home, *args, "--json").stdout)
    rows = [dict(zip(data["columns"], r, strict=True)) for r in data["rows"]]  # the one JSON shape
    assert data["sample"] is True and rows and all(r["sample"] for r in rows)
    control = json.loads(cli(live_home, *args, "--json").stdout)
    control_rows = [dict(zip(control["columns"], r, strict=True)) for r in control["rows"]]
    assert control["sample"] is False and not any(r["sample"] for r in control_rows)
    assert BANNER not in cli(live_home, *args).stderr


def test_query_says_sample_on_stderr_and_in_json_but_keeps_csv_clean(demo_home, live_home):
    sql = "SELECT count(*) AS n FROM observations"
    table = cli(demo_home, "query", sql)
    assert BANNER in table.stderr and "SAMPLE DATA" in table.stdout
    assert json.loads(cli(demo_home, "query", sql, "--json").stdout)["sample"] is True
    as_csv = cli(demo_home, "query", sql, "--csv")
    assert BANNER in as_csv.stderr and list(csv.reader(as_csv.stdout.splitlines()))[0] == ["n"]
    assert json.loads(cli(live_home, "query", sql, "--json").stdout)["sample"] is False


def test_check_says_sample_and_marks_sample_quotes(demo_home, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Police recorded 15 637 technology crime cases in the first half of 2023.", encoding="utf-8"
    )
    table = cli(demo_home, "check", "--ref-date", "2023-08-15", str(article))
    assert table.exit_code == 0, table.output
    assert "SAMPLE DATA" in table.stdout and "[sample text]" in table.stdout and BANNER in table.stderr
    data = json.loads(cli(demo_home, "check", "--ref-date", "2023-08-15", str(article), "--json").stdout)
    assert data["sample"] is True
    (fig,) = data["figures"]
    assert fig["official_source"]["sample"] is True and is_sample_url(fig["official_source"]["document_url"])


def test_export_gives_every_file_a_sample_column(demo_home, live_home, tmp_path):
    result = cli(demo_home, "export", "--to", str(tmp_path / "demo"))
    assert result.exit_code == 0 and BANNER in result.stderr
    relations = sorted((tmp_path / "demo" / "parquet").iterdir())  # parquet/<relation>/[year=YYYY/]part-*
    assert relations
    for path in relations:
        table = pq.read_table(path)
        if path.name == "warehouse_info":
            assert table.column("sample").to_pylist() == [True]
            continue
        assert "sample" in table.column_names, path.name
        assert set(table.column("sample").to_pylist()) <= {True}, path.name
    observations = pq.read_table(tmp_path / "demo" / "parquet" / "observations")
    assert observations.num_rows and all(observations.column("sample").to_pylist())
    cli(live_home, "export", "--to", str(tmp_path / "live"), "--format", "csv")
    values = set()
    for part in (tmp_path / "live" / "csv" / "observations").rglob("*.csv"):
        with part.open(encoding="utf-8", newline="") as fh:
            values |= {r["sample"] for r in csv.DictReader(fh)}
    assert values == {"false"}


def test_report_carries_a_banner_and_marks_sample_quotes(demo_home, live_home, tmp_path):
    assert cli(demo_home, "report", "--out", str(tmp_path / "demo.html")).exit_code == 0
    page = (tmp_path / "demo.html").read_text(encoding="utf-8")
    assert 'class="sample-banner"' in page and "SAMPLE DATA" in page and "sample text</span>" in page
    assert cli(live_home, "report", "--out", str(tmp_path / "live.html")).exit_code == 0
    live = (tmp_path / "live.html").read_text(encoding="utf-8")
    assert 'class="sample-banner"' not in live and "sample text</span>" not in live
