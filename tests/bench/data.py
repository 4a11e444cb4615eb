"""Bench data, never invented: the real figures the project's parsers read from its fixture site.

Observations are replicated across synthetic documents `bench://doc/<i>`, each a later vintage
(published a day after the previous one), so ids differ while every value is a published one.
Passages for the figure reader are the bodies of the fixture articles as the parsers extract them.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

import pyarrow as pa

from extract.catalogue import get_source
from extract.document import Document
from tests.bench.core import SITE
from transform import schema
from transform.parsers import get_parser

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


def replicated_table(base: list[dict], n_rows: int, start: int = 0) -> pa.Table:
    """`n_rows` observations: the real rows repeated, copy i published as bench://doc/<i>, a day later.

    Only provenance changes between copies (document_url, published_at, fetched_at, raw_sha256), so
    each copy is a new vintage with new ids and every value is still a published figure. `start`
    skips that many rows: (base, n, n) is the next n rows after (base, n), without building both.
    """
    rows = []
    for i in range(start, start + n_rows):
        copy, row = divmod(i, len(base))
        stamp = VINTAGE_BASE + timedelta(days=copy)
        new = dict(base[row])
        new |= {"document_url": f"bench://doc/{copy}", "published_at": stamp, "fetched_at": stamp}
        new["observation_id"] = schema.observation_id(new)
        rows.append({name: new.get(name) for name in schema.OBSERVATION_COLUMNS})
    return pa.Table.from_pylist(rows, schema=schema.OBSERVATION_SCHEMA)
