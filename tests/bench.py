"""Benchmark of the hot paths (`make bench`, i.e. `python -m tests.bench [--rows N] [--repeat K]`).

Each case is reported as a RATIO against a baseline measured in the same process on the same
data, never as an absolute pass/fail time: machines differ, ratios travel. The table is printed
and written to bench-results/bench.json (gitignored).

Cases:
  load        load_parquet (stage + dedupe + MERGE + ledger, one transaction) of N observations
              vs `CREATE TABLE AS SELECT * FROM read_parquet(...)` of the same files
  load_again  the idempotent second load_parquet of the same files (0 new rows) vs the first
  pop         the whole period_over_period view vs a full scan of the observations table
  report      warehouse.report.render_report vs the period_over_period query alone
  figures     transform.figures.extract_figures over the fixture articles (chars/s) vs a plain
              regex number scan of the same text
  csc_parse   transform.parsers.csc.parse_csc of the three CSC pages vs BeautifulSoup(lxml) alone

Bench data is never invented: the observations are the real figures that the project's parsers
read from its own fixture site (tests/fixtures/site: CSC pages, HKPF CSVs, HKCERT, press releases,
news), replicated across synthetic documents `bench://doc/<i>`, each a later vintage (published a
day after the previous one), so ids differ while every value is a published one. Passages for
`figures` are the bodies of the fixture articles as the project's parsers extract them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import duckdb
import pyarrow as pa
from bs4 import BeautifulSoup

from extract.catalogue import get_source
from extract.document import Document
from transform import schema
from transform.figures import extract_figures
from transform.parquet_store import dataset_files, write_observations
from transform.parsers import get_parser
from transform.parsers.csc import parse_csc
from warehouse.db import connect
from warehouse.load import load_parquet
from warehouse.report import render_report

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "tests" / "fixtures" / "site"
DEFAULT_OUT = REPO / "bench-results" / "bench.json"
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
VINTAGE_BASE = datetime(2024, 1, 1, tzinfo=UTC)

# Fixture pages with observations: (path under tests/fixtures/site, catalogue source id).
OBSERVATION_PAGES = (
    ("www.police.gov.hk/ppp_en/09_statistics/csc.html", "hkpf_csc_en"),
    ("www.police.gov.hk/ppp_tc/09_statistics/csc.html", "hkpf_csc_tc"),
    ("www.police.gov.hk/ppp_sc/09_statistics/csc.html", "hkpf_csc_sc"),
    ("www.police.gov.hk/info/doc/crime_details_overall.csv", "hkpf_crime_overall_monthly"),
    ("www.police.gov.hk/info/doc/crime_details.csv", "hkpf_crime_detail_annual"),
    ("www.hkcert.org/datagovhk/monthly_incident_report_en.json", "hkcert_incidents_monthly"),
)
# Fixture news pages: their bodies are the passages for extract_figures (and they add observations).
ARTICLE_PAGES = (
    ("www.info.gov.hk/gia/general/202102/02/P2021020200749.htm", "gia_press_release"),
    ("www.info.gov.hk/gia/general/202107/27/P2021072700621.htm", "gia_press_release"),
    ("www.info.gov.hk/gia/general/202210/20/P2022102000615.htm", "gia_press_release"),
    ("www.info.gov.hk/gia/general/202402/06/P2024020600468.htm", "gia_press_release"),
    ("www.news.gov.hk/eng/2023/02/20230214/20230214_180710_007.html", "newsgov_article"),
    ("news.rthk.hk/rthk/en/component/k2/1824873-20250926.htm", "rthk_article"),
    ("www.scmp.com/news/hong-kong/law-and-crime/article/3222496/index.html", "scmp_article"),
    (
        "www.scmp.com/news/hong-kong/law-and-crime/article/3233523/"
        "technology-related-crimes-hong-kong-surged-473-first-half-2023-police-pointing-growing-online",
        "scmp_article",
    ),
)
CSC_PAGES = OBSERVATION_PAGES[:3]
T = TypeVar("T")
NUMBER_SCAN = re.compile(r"\d[\d,. ]*\d|\d")


@dataclass
class Case:
    """One measurement and its baseline (best of the repetitions, seconds per run)."""

    name: str
    measured: str
    seconds: float
    baseline: str
    baseline_seconds: float
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        """How many times slower than the baseline (1.0 = as fast)."""
        return self.seconds / self.baseline_seconds

    def as_json(self) -> dict:
        return asdict(self) | {"ratio": round(self.ratio, 3)}


# ---------------------------------------------------------------- bench data (real figures only)


def fixture_doc(rel: str, source_id: str) -> Document:
    """A fixture page as the fetch layer would hand it to a parser (URL = its canonical URL)."""
    body = (SITE / rel).read_bytes()
    url = "https://" + rel.removesuffix("index.html")
    return Document(source_id, url, body, hashlib.sha256(body).hexdigest(), FETCHED)


def parse_fixture(rel: str, source_id: str):
    return get_parser(get_source(source_id).parser)(fixture_doc(rel, source_id))


def real_observations() -> list[dict]:
    """Every observation the project's parsers read from the fixture site (published figures)."""
    rows: dict[str, dict] = {}
    for rel, source_id in OBSERVATION_PAGES + ARTICLE_PAGES:
        for row in parse_fixture(rel, source_id).observations:
            rows.setdefault(schema.observation_id(row), row)  # one copy of a figure read twice
    return list(rows.values())


def passages() -> list[tuple[str, date | None]]:
    """(article body, publication date) of every fixture news page, as the parsers extract them."""
    out = []
    for rel, source_id in ARTICLE_PAGES:
        (article,) = parse_fixture(rel, source_id).articles
        published = article.get("published_at")
        out.append((article["body"], published.date() if published else None))
    return out


def replicated_table(base: list[dict], n_rows: int) -> pa.Table:
    """`n_rows` observations: the real rows repeated, copy i published as bench://doc/<i>, a day later.

    Only provenance changes between copies (document_url, published_at, fetched_at, raw_sha256), so
    each copy is a new vintage with new ids and every value is still a published figure.
    """
    rows = []
    for i in range(n_rows):
        copy, row = divmod(i, len(base))
        stamp = VINTAGE_BASE + timedelta(days=copy)
        new = dict(base[row])
        new |= {"document_url": f"bench://doc/{copy}", "published_at": stamp, "fetched_at": stamp}
        new["observation_id"] = schema.observation_id(new)
        rows.append({name: new.get(name) for name in schema.OBSERVATION_COLUMNS})
    return pa.Table.from_pylist(rows, schema=schema.OBSERVATION_SCHEMA)


# ---------------------------------------------------------------- timing


def best_of(fn: Callable[[], object], repeat: int, min_time: float) -> float:
    """Seconds per call, best of `repeat` rounds; each round loops until it lasts at least min_time."""
    timer = timeit.Timer(fn)
    number = 1
    while True:
        elapsed = timer.timeit(number)
        if elapsed >= min_time:
            break
        number *= 2 if elapsed * 4 > min_time else 10
    rounds = [elapsed] + timer.repeat(repeat=max(repeat - 1, 0), number=number)
    return min(rounds) / number


def once(fn: Callable[[], T]) -> tuple[float, T]:
    """(seconds, result) of one call: for steps that change state and cannot be looped."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


# ---------------------------------------------------------------- cases


def bench_load(work: Path, parquet_root: Path, n_rows: int, repeat: int) -> tuple[list[Case], Path]:
    """load_parquet vs CTAS on the same files, and the idempotent second load vs the first."""
    files = [str(p) for p in dataset_files(parquet_root, "observations")]
    first, again, ctas = [], [], []
    db = work / "load-0.duckdb"
    for r in range(repeat):
        db = work / f"load-{r}.duckdb"
        t_first, s_first = once(lambda db=db: load_parquet(db, parquet_root))
        t_again, s_again = once(lambda db=db: load_parquet(db, parquet_root))
        inserted = (s_first.inserted["observations"], s_again.inserted["observations"])
        if inserted != (n_rows, 0):
            raise RuntimeError(f"load inserted {inserted} observations, expected ({n_rows}, 0)")
        first.append(t_first)
        again.append(t_again)
        ctas.append(once(lambda r=r: _ctas(work / f"ctas-{r}.duckdb", files))[0])
    extra = {"rows": n_rows, "files": len(files)}
    return [
        Case(
            "load",
            "load_parquet (MERGE, dedupe, ledger)",
            min(first),
            "CREATE TABLE AS SELECT * FROM read_parquet",
            min(ctas),
            extra,
        ),
        Case(
            "load_again",
            "second load_parquet, same files (0 new rows)",
            min(again),
            "first load_parquet",
            min(first),
            extra,
        ),
    ], db


def _ctas(db: Path, files: list[str]) -> None:
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE observations AS SELECT * FROM read_parquet($files, hive_partitioning = true)",
        {"files": files},
    )
    con.close()


def bench_queries(db: Path, repeat: int, min_time: float) -> list[Case]:
    """period_over_period vs a full scan, and the HTML report vs period_over_period."""
    con = connect(db, read_only=True)
    try:
        pop = best_of(lambda: con.execute("SELECT * FROM period_over_period").fetchall(), repeat, min_time)
        scan = best_of(
            lambda: con.execute("SELECT count(*), sum(value) FROM observations").fetchall(), repeat, min_time
        )
        (n_pop,) = con.execute("SELECT count(*) FROM period_over_period").fetchone()
        report = best_of(lambda: render_report(con), repeat, min_time)
    finally:
        con.close()
    return [
        Case(
            "pop",
            "SELECT * FROM period_over_period",
            pop,
            "SELECT count(*), sum(value) FROM observations",
            scan,
            {"pop_rows": n_pop},
        ),
        Case("report", "render_report (all sections)", report, "SELECT * FROM period_over_period", pop),
    ]


def bench_figures(texts: list[tuple[str, date | None]], repeat: int, min_time: float) -> Case:
    """extract_figures over every passage vs a regex number scan of the same text."""
    n_chars = sum(len(t) for t, _ in texts)
    n_figures = sum(len(extract_figures(t, ref_date=d)) for t, d in texts)
    extract = best_of(lambda: [extract_figures(t, ref_date=d) for t, d in texts], repeat, min_time)
    scan = best_of(lambda: [NUMBER_SCAN.findall(t) for t, _ in texts], repeat, min_time)
    extra = {
        "passages": len(texts),
        "chars": n_chars,
        "figures": n_figures,
        "chars_per_s": round(n_chars / extract),
        "baseline_chars_per_s": round(n_chars / scan),
    }
    return Case("figures", "extract_figures", extract, "regex number scan", scan, extra)


def bench_csc(repeat: int, min_time: float) -> Case:
    """parse_csc of the three CSC pages vs BeautifulSoup(lxml) of the same bytes."""
    docs = [fixture_doc(rel, source_id) for rel, source_id in CSC_PAGES]
    n_obs = sum(len(parse_csc(d).observations) for d in docs)
    parse = best_of(lambda: [parse_csc(d) for d in docs], repeat, min_time)
    soup = best_of(lambda: [BeautifulSoup(d.body, "lxml") for d in docs], repeat, min_time)
    extra = {"pages": len(docs), "bytes": sum(len(d.body) for d in docs), "observations": n_obs}
    return Case("csc_parse", "parse_csc", parse, "BeautifulSoup(body, 'lxml')", soup, extra)


# ---------------------------------------------------------------- running and reporting


def run(n_rows: int, repeat: int, min_time: float, work: Path) -> list[Case]:
    """All cases; the bench data is built first and never timed."""
    parquet_root = work / "parquet"
    write_observations(replicated_table(real_observations(), n_rows), parquet_root)
    load_cases, db = bench_load(work, parquet_root, n_rows, repeat)
    return [
        *load_cases,
        *bench_queries(db, repeat, min_time),
        bench_figures(passages(), repeat, min_time),
        bench_csc(repeat, min_time),
    ]


def _seconds(s: float) -> str:
    return f"{s * 1e3:.2f} ms" if s < 1 else f"{s:.2f} s"


def table(cases: list[Case]) -> str:
    """A plain-text table: case, measured, baseline, ratio."""
    lines = [f"{'case':<11} {'measured':>10} {'baseline':>10} {'ratio':>8}  what (vs baseline)"]
    for c in cases:
        lines.append(
            f"{c.name:<11} {_seconds(c.seconds):>10} {_seconds(c.baseline_seconds):>10} "
            f"{c.ratio:>7.2f}x  {c.measured} (vs {c.baseline})"
        )
    figures = next((c for c in cases if c.name == "figures"), None)
    if figures:
        lines.append(
            f"figures: {figures.extra['chars_per_s']:,} chars/s extracted vs "
            f"{figures.extra['baseline_chars_per_s']:,} chars/s scanned"
        )
    return "\n".join(lines)


def metadata(args: argparse.Namespace, wall: float) -> dict:
    return {
        "rows": args.rows,
        "repeat": args.repeat,
        "min_time": args.min_time,
        "wall_seconds": round(wall, 2),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "note": "ratios are measured/baseline in the same process; seconds are best of `repeat`",
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="observations to load (default 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per case, best kept (default 3)")
    parser.add_argument(
        "--min-time", type=float, default=0.2, help="seconds each timing round lasts at least (default 0.2)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON output (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    if args.rows < 1 or args.repeat < 1 or args.min_time <= 0:
        parser.error("--rows and --repeat must be at least 1, --min-time positive")
    return args


def main(argv: list[str] | None = None) -> dict:
    """Run the bench, print the table, write the JSON; returns what was written."""
    args = parse_args(argv)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cyberstats-bench-") as tmp:
        cases = run(args.rows, args.repeat, args.min_time, Path(tmp))
    result = {"meta": metadata(args, time.perf_counter() - start), "cases": [c.as_json() for c in cases]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(cases), flush=True)
    print(f"wrote {args.out} ({result['meta']['wall_seconds']} s)", file=sys.stderr)
    return result


if __name__ == "__main__":
    main()
