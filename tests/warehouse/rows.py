"""Observation rows for warehouse tests, built from REAL published figures.

Values come from /work/shared/reference/published_figures.csv (and SOURCES.md section 1.2 for the
monthly overall-crime series and its sums). Where a test needs provenance that no real document
offers (two parts in one document, a media repeat of an official figure), the URL is a local test
URL under http://127.0.0.1/ so no real page is misattributed.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime

SCMP_TECH_2022H1 = "https://www.scmp.com/news/hong-kong/law-and-crime/article/3192902/"
SCMP_TECH_2023Q1 = "https://www.scmp.com/news/hong-kong/law-and-crime/article/3222496/"
SCMP_TECH_2023H1 = (
    "https://www.scmp.com/news/hong-kong/law-and-crime/article/3233523/technology-related-crimes-hong-kong-"
    "surged-473-first-half-2023-police-pointing-growing-online"
)
RTHK_TECH_2025 = "https://news.rthk.hk/rthk/en/component/k2/1824873-20250926.htm"
CSC_TC = "https://www.police.gov.hk/ppp_tc/09_statistics/csc.html"
ISD_2022H1 = "https://sc.isd.gov.hk/gb/www.info.gov.hk/gia/general/202308/11/P2023081100638p.htm"
GIA_FY2023 = "https://www.info.gov.hk/gia/general/202402/06/P2024020600468.htm"
OFFBEAT_2024 = "https://police.gov.hk/offbeat/1275/eng/index.html"
MONTHLY_CSV = "https://www.police.gov.hk/info/doc/crime_details_overall.csv"
TEST_DOC = "http://127.0.0.1/test-document"


def period(label: str) -> tuple[date, date, str]:
    """(start, end, type) of a canonical period label; a tiny stand-in for transform.periods."""
    if "/" in label:
        a, b = label.split("/")
        (s, _, _), (_, e, _) = period(a), period(b)
        return s, e, "span"
    year = int(label[:4])
    if len(label) == 4:
        return date(year, 1, 1), date(year, 12, 31), "year"
    kind, n = label[5], label[6:]
    if kind == "H":
        first = 1 + 6 * (int(n) - 1)
        last, typ = first + 5, "half"
    elif kind == "Q":
        first = 1 + 3 * (int(n) - 1)
        last, typ = first + 2, "quarter"
    else:
        first = last = int(label[5:7])
        typ = "month"
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]), typ


def obs(
    category: str,
    metric: str,
    label: str,
    value: float,
    *,
    url: str,
    tier: str,
    published: str,
    unit: str | None = None,
    qualifier: str = "exact",
    source_id: str = "test_source",
) -> dict:
    """One observation row in the Parquet contract (observation_id left for validation to fill)."""
    start, end, typ = period(label)
    published_at = datetime.fromisoformat(published).replace(tzinfo=UTC)
    return {
        "jurisdiction": "HK",
        "category": category,
        "source_label": category.replace("_", " "),
        "metric": metric,
        "unit": unit or ("HKD" if metric == "loss" else "count"),
        "period_label": label,
        "period_start": start,
        "period_end": end,
        "period_type": typ,
        "value": float(value),
        "qualifier": qualifier,
        "source_id": source_id,
        "source_tier": tier,
        "document_url": url,
        "published_at": published_at,
        "fetched_at": published_at,
        "raw_sha256": None,
        "quote": None,
        "derived_from": None,
        "parser_version": "test-1",
    }


def headline_rows() -> list[dict]:
    """A small real data set: the period-over-period cases named in the task."""
    return [
        obs(
            "technology_crime",
            "cases",
            "2022-H1",
            10613,
            url=SCMP_TECH_2022H1,
            tier="media",
            published="2022-08-25",
            source_id="scmp",
        ),
        obs(
            "technology_crime",
            "cases",
            "2023-Q1",
            7361,
            url=SCMP_TECH_2023Q1,
            tier="media",
            published="2023-05-24",
            source_id="scmp",
        ),
        obs(
            "technology_crime",
            "cases",
            "2023-H1",
            15637,
            url=SCMP_TECH_2023H1,
            tier="media",
            published="2023-08-11",
            source_id="scmp",
        ),
        obs(
            "technology_crime",
            "loss",
            "2023-H1",
            2030000000,
            url=SCMP_TECH_2023H1,
            tier="media",
            published="2023-08-11",
            source_id="scmp",
        ),
        obs(
            "technology_crime",
            "cases",
            "2025-01/2025-07",
            19080,
            url=RTHK_TECH_2025,
            tier="media",
            published="2025-09-26",
            source_id="rthk",
        ),
        obs(
            "technology_crime",
            "loss",
            "2025-01/2025-07",
            3600000000,
            url=RTHK_TECH_2025,
            tier="media",
            published="2025-09-26",
            qualifier="more_than",
            source_id="rthk",
        ),
        obs(
            "overall_crime",
            "cases",
            "2022-H1",
            31434,
            url=ISD_2022H1,
            tier="official_table",
            published="2023-08-11",
            source_id="hkpf_csc",
        ),
        obs(
            "overall_crime",
            "cases",
            "2023-H1",
            42923,
            url=CSC_TC,
            tier="official_table",
            published="2024-08-09",
            source_id="hkpf_csc",
        ),
        obs(
            "overall_crime",
            "cases",
            "2024-H1",
            45315,
            url=CSC_TC,
            tier="official_table",
            published="2024-08-09",
            source_id="hkpf_csc",
        ),
        obs(
            "overall_crime",
            "cases",
            "2023",
            90276,
            url=GIA_FY2023,
            tier="official_text",
            published="2024-02-06",
            source_id="gia",
        ),
        obs(
            "violent_crime",
            "cases",
            "2023-H1",
            4759,
            url=CSC_TC,
            tier="official_table",
            published="2024-08-09",
            source_id="hkpf_csc",
        ),
        obs(
            "violent_crime",
            "cases",
            "2024-H1",
            5156,
            url=CSC_TC,
            tier="official_table",
            published="2024-08-09",
            source_id="hkpf_csc",
        ),
    ]


def restated_2024() -> list[dict]:
    """Overall crime 2024 as first published (94 747) and as the later monthly file sums it (94 948)."""
    return [
        obs(
            "overall_crime",
            "cases",
            "2024",
            94747,
            url=OFFBEAT_2024,
            tier="official_text",
            published="2025-02-20",
        ),
        obs(
            "overall_crime",
            "cases",
            "2024",
            94948,
            url=MONTHLY_CSV,
            tier="official_table",
            published="2025-06-30",
        ),
    ]
