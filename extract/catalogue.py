"""The source catalogue: every URL the pipeline may fetch, and which parser reads it.

Only hosts named here are ever contacted (DESIGN section 6). A source entry is data, not code:
the flow layer looks up `parser` in `transform.parsers.PARSERS` by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Source:
    """One published document or feed, with how often it changes and how to read it."""

    source_id: str
    urls: tuple[str, ...]
    parser: str
    tier: str  # official_table | official_text | media | discovery
    language: str = "en"
    schedule: str = "daily"
    description: str = ""
    # for discovery sources: which source id fetches the documents they point to
    follows: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)


POLICE = "https://www.police.gov.hk"
GIA = "https://www.info.gov.hk/gia"

SOURCES: tuple[Source, ...] = (
    Source(
        "datagovhk_ckan",
        ("https://data.gov.hk/en-data/api/3/action/package_show?id=hk-hkpf-stat-crm-stat-detail",),
        parser="ckan_package",
        tier="discovery",
        description="CKAN metadata of the HKPF crime dataset: resource URLs and last_modified.",
    ),
    Source(
        "datagovhk_history",
        (),  # URLs made per resource and date range: datagovhk_history.file_versions_url
        parser="datagovhk_file_versions",
        tier="discovery",
        schedule="on demand",
        description="data.gov.hk historical archive: past versions of the two HKPF crime CSV files.",
    ),
    Source(
        "hkpf_crime_overall_monthly",
        (f"{POLICE}/info/doc/crime_details_overall.csv",),
        parser="hkpf_overall_monthly_csv",
        tier="official_table",
        description="Monthly overall and violent crime, UTF-8, from 2022.",
    ),
    Source(
        "hkpf_crime_detail_annual",
        (f"{POLICE}/info/doc/crime_details.csv",),
        parser="hkpf_detail_annual_csv",
        tier="official_table",
        language="en+tc",
        description="Annual counts by offence, English and Chinese labels, Big5.",
    ),
    Source(
        "hkpf_csc_en",
        (f"{POLICE}/ppp_en/09_statistics/csc.html",),
        parser="hkpf_csc",
        tier="official_table",
        language="en",
        description="Crime Statistics Comparison page (English); replaced every half-year.",
    ),
    Source(
        "hkpf_csc_tc",
        (f"{POLICE}/ppp_tc/09_statistics/csc.html",),
        parser="hkpf_csc",
        tier="official_table",
        language="tc",
        description="Crime Statistics Comparison page (Traditional Chinese).",
    ),
    Source(
        "hkpf_csc_sc",
        (f"{POLICE}/ppp_sc/09_statistics/csc.html",),
        parser="hkpf_csc",
        tier="official_table",
        language="sc",
        description="Crime Statistics Comparison page (Simplified Chinese).",
    ),
    Source(
        "hkcert_incidents_monthly",
        ("http://www.hkcert.org/datagovhk/monthly_incident_report_en.json",),
        parser="hkcert_monthly_json",
        tier="official_table",
        description="HKCERT monthly security incidents (not police cases; own categories).",
    ),
    Source(
        "gia_rss_en",
        (f"{GIA}/rss/general_en.xml",),
        parser="rss_feed",
        tier="discovery",
        language="en",
        schedule="hourly",
        follows="gia_press_release",
        description="Government press releases RSS (English).",
    ),
    Source(
        "gia_rss_zh",
        (f"{GIA}/rss/general_zh.xml",),
        parser="rss_feed",
        tier="discovery",
        language="tc",
        schedule="hourly",
        follows="gia_press_release",
        description="Government press releases RSS (Chinese).",
    ),
    Source(
        "gia_daily_index",
        (),  # URLs made per date by the backfill flow: {GIA}/general/YYYYMM/DD.htm
        parser="gia_daily_index",
        tier="discovery",
        schedule="on demand",
        follows="gia_press_release",
        description="Daily press-release index pages, for backfills over a date range.",
    ),
    Source(
        "gia_press_release",
        (),  # article URLs come from the feeds and index pages
        parser="gia_press_release",
        tier="official_text",
        schedule="hourly",
        description="A Government press release (PRHeadline + pressrelease body).",
    ),
    Source(
        "newsgov_law_order_rss",
        ("https://www.news.gov.hk/en/categories/law_order/html/articlelist.rss.xml",),
        parser="rss_feed",
        tier="discovery",
        schedule="hourly",
        follows="newsgov_article",
        description="news.gov.hk Law & Order feed.",
    ),
    Source(
        "newsgov_article",
        (),
        parser="media_article",
        tier="official_text",
        schedule="hourly",
        description="A news.gov.hk article (Government news service).",
    ),
    Source(
        "rthk_local_en_rss",
        ("https://rthk.hk/rthk/news/rss/e_expressnews_elocal.xml",),
        parser="rss_feed",
        tier="discovery",
        schedule="hourly",
        follows="rthk_article",
        description="RTHK local news feed (English).",
    ),
    Source(
        "rthk_local_zh_rss",
        ("https://rthk.hk/rthk/news/rss/c_expressnews_clocal.xml",),
        parser="rss_feed",
        tier="discovery",
        language="tc",
        schedule="hourly",
        follows="rthk_article",
        description="RTHK local news feed (Chinese).",
    ),
    Source(
        "rthk_article",
        (),
        parser="media_article",
        tier="media",
        schedule="hourly",
        description="An RTHK news article.",
    ),
    Source(
        "scmp_hk_rss",
        ("https://www.scmp.com/rss/2/feed",),
        parser="rss_feed",
        tier="discovery",
        schedule="hourly",
        follows="scmp_article",
        description="SCMP Hong Kong feed.",
    ),
    Source(
        "scmp_article",
        (),
        parser="media_article",
        tier="media",
        schedule="hourly",
        description="An SCMP article (ads and teasers stripped by trafilatura).",
    ),
)

BY_ID: dict[str, Source] = {s.source_id: s for s in SOURCES}

# Hosts that documents may be fetched from, including those only reached by following a feed.
ALLOWED_HOSTS: frozenset[str] = frozenset(
    {
        "www.police.gov.hk",
        "data.gov.hk",
        "api.data.gov.hk",
        "www.hkcert.org",
        "www.info.gov.hk",
        "www.news.gov.hk",
        "rthk.hk",
        "news.rthk.hk",
        "www.scmp.com",
        "scmp.com",
    }
)


def get_source(source_id: str) -> Source:
    """The catalogue entry for `source_id`, or a KeyError listing the known ids."""
    try:
        return BY_ID[source_id]
    except KeyError:
        raise KeyError(f"unknown source {source_id!r}; known: {', '.join(sorted(BY_ID))}") from None


def host_allowed(url: str) -> bool:
    """True when the URL's host is one the catalogue names."""
    return (urlsplit(url).hostname or "").lower() in ALLOWED_HOSTS
