"""data.gov.hk historical archive: version lists read by meaning, links to every version, version times.

The response shape is inferred (SOURCES.md 1.4), so the parser accepts the plausible shapes and
fails with LayoutChanged naming the keys it saw for anything else.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from extract.catalogue import get_source, host_allowed
from extract.document import Document
from transform.exceptions import LayoutChanged
from transform.parsers import get_parser
from transform.parsers.datagovhk_history import (
    file_versions_url,
    get_file_url,
    listed_timestamps,
    parse_file_versions,
    version_timestamp,
)
from transform.parsers.hkpf_csv import parse_detail_annual, parse_overall_monthly

FIXTURES = Path(__file__).parents[1] / "fixtures"
LIVE_DOC = FIXTURES / "site/www.police.gov.hk/info/doc"
DETAIL = "https://www.police.gov.hk/info/doc/crime_details.csv"
OVERALL = "https://www.police.gov.hk/info/doc/crime_details_overall.csv"
START, END = date(2026, 1, 1), date(2026, 6, 30)
HK_OFFSET = timedelta(hours=8)


def make_doc(body: bytes | object, url: str | None = None, source_id: str = "datagovhk_history") -> Document:
    """A fetched document; `body` is raw bytes, or anything else to be sent as JSON."""
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
    return Document(
        source_id=source_id,
        url=url or file_versions_url(DETAIL, START, END),
        body=body,
        sha256=hashlib.sha256(body).hexdigest(),
        fetched_at=datetime(2026, 11, 29, tzinfo=UTC),
        content_type="application/json",
    )


def fixture_list(resource: str) -> bytes:
    """The list-file-versions fixture of `resource` (see tests/fixtures/history/README.md)."""
    name = f"list-file-versions?url={resource.replace('://', ':/')}&start=20260101&end=20260630"
    return (FIXTURES / "history/site/api.data.gov.hk/v1/historical-archive" / name).read_bytes()


# ---- catalogue and registry ---------------------------------------------------------------------


def test_catalogue_and_registry_name_the_history_source():
    source = get_source("datagovhk_history")
    assert (source.parser, source.tier, source.schedule, source.urls) == (
        "datagovhk_file_versions",
        "discovery",
        "on demand",
        (),
    )
    assert get_parser("datagovhk_file_versions") is parse_file_versions
    assert host_allowed(file_versions_url(DETAIL, START, END))


# ---- URLs ---------------------------------------------------------------------------------------


def test_list_url_encodes_the_resource_and_the_date_range():
    url = file_versions_url(DETAIL, START, END)
    assert url == (
        "https://api.data.gov.hk/v1/historical-archive/list-file-versions"
        "?url=https%3A%2F%2Fwww.police.gov.hk%2Finfo%2Fdoc%2Fcrime_details.csv&start=20260101&end=20260630"
    )
    assert parse_qs(urlsplit(url).query) == {"url": [DETAIL], "start": ["20260101"], "end": ["20260630"]}


def test_get_file_url_carries_the_timestamp_as_listed():
    url = get_file_url(OVERALL, "20260305-1000")
    assert url.startswith("https://api.data.gov.hk/v1/historical-archive/get-file?")
    assert parse_qs(urlsplit(url).query) == {"url": [OVERALL], "time": ["20260305-1000"]}


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("20260210-0915", datetime(2026, 2, 10, 9, 15)),
        ("20260305-100005", datetime(2026, 3, 5, 10, 0, 5)),
    ],
)
def test_version_timestamp_is_hong_kong_time(stamp, expected):
    when = version_timestamp(get_file_url(DETAIL, stamp))
    assert when.utcoffset() == HK_OFFSET
    assert when.replace(tzinfo=None) == expected
    assert when.astimezone(UTC) == expected.replace(tzinfo=UTC) - HK_OFFSET


@pytest.mark.parametrize(
    "url",
    [
        DETAIL,  # the live file: no version time
        file_versions_url(DETAIL, START, END),  # the list, not a version
        "https://example.org/v1/historical-archive/get-file?url=x&time=20260210-0915",
        "https://api.data.gov.hk/v1/historical-archive/get-file?url=x&time=2026-02-10",
        "https://api.data.gov.hk/v1/historical-archive/get-file?url=x&time=20261340-0915",  # no such date
        "https://api.data.gov.hk/v1/historical-archive/get-file?url=x",
    ],
)
def test_version_timestamp_is_none_for_anything_but_a_version(url):
    assert version_timestamp(url) is None


# ---- the version list ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("resource", "source_id", "stamps"),
    [
        (DETAIL, "hkpf_crime_detail_annual", ["20260210-0915", "20260305-1000"]),
        (OVERALL, "hkpf_crime_overall_monthly", ["20260305-1000"]),
    ],
)
def test_fixture_list_links_every_version_to_its_csv_source(resource, source_id, stamps):
    result = parse_file_versions(make_doc(fixture_list(resource), file_versions_url(resource, START, END)))
    assert result.observations == []
    assert result.links == [(get_file_url(resource, s), source_id) for s in stamps]
    assert result.notes[0].startswith(f"{len(stamps)} versions of {resource} -> {source_id}")


@pytest.mark.parametrize(
    "payload",
    [
        ["20260305-1000", "20260210-0915"],
        {"timestamps": ["20260305-1000", "20260210-0915", "20260305-1000"]},
        {"Versions": [{"timestamp": "20260210-0915"}, {"timestamp": "20260305-1000"}]},
        {"files": [{"time": "20260210-0915", "size": 961}, {"time": "20260305-1000", "size": 961}]},
        {"result": {"versions": [{"version": "20260210-0915"}, {"version": "20260305-1000"}]}},
        {"data": ["20260210-0915", "20260305-1000"]},
        {"success": True, "result": ["20260305-1000", {"Time": "20260210-0915"}]},
    ],
)
def test_list_shapes_read_by_meaning_give_distinct_timestamps_oldest_first(payload):
    assert listed_timestamps(payload, "u") == ["20260210-0915", "20260305-1000"]


def test_an_empty_list_is_no_versions_not_an_error():
    result = parse_file_versions(make_doc({"url": DETAIL, "version-count": 0, "timestamps": []}))
    assert result.links == []
    assert result.notes == [f"0 versions of {DETAIL} -> hkpf_crime_detail_annual"]


def test_a_version_count_that_disagrees_with_the_list_is_noted():
    payload = {"url": DETAIL, "version-count": 5, "timestamps": ["20260210-0915", "20260305-1000"]}
    result = parse_file_versions(make_doc(payload))
    assert len(result.links) == 2
    assert "says 5 versions but lists 2" in result.notes[-1]


@pytest.mark.parametrize(
    ("payload", "found"),
    [
        ({"error": "rate limited", "message": "try later"}, "keys ['error', 'message']"),
        ({"result": {"count": 2}}, "keys ['count'] inside 'result' (top-level keys ['result'])"),
        ("no versions", "a JSON str"),
        ({"timestamps": [{"size": 961}]}, "keys ['size']"),
        ({"timestamps": ["2026-02-10T09:15"]}, "item '2026-02-10T09:15'"),
        ({"timestamps": [20260210]}, "item 20260210"),
    ],
)
def test_unknown_shapes_fail_naming_what_was_seen(payload, found):
    url = file_versions_url(DETAIL, START, END)
    with pytest.raises(LayoutChanged) as err:
        parse_file_versions(make_doc(payload, url))
    assert err.value.url == url
    assert found in err.value.found


def test_invalid_json_fails_with_the_url():
    with pytest.raises(LayoutChanged, match="invalid JSON") as err:
        parse_file_versions(make_doc(b"<html>Service Unavailable</html>"))
    assert err.value.url == file_versions_url(DETAIL, START, END)


def test_a_list_about_another_file_is_refused():
    payload = {"url": OVERALL, "timestamps": ["20260305-1000"]}
    with pytest.raises(LayoutChanged, match=f"versions of {OVERALL}"):
        parse_file_versions(make_doc(payload, file_versions_url(DETAIL, START, END)))


@pytest.mark.parametrize(
    "url",
    [
        "https://api.data.gov.hk/v1/historical-archive/list-file-versions?start=20260101&end=20260630",
        file_versions_url("https://www.police.gov.hk/info/doc/other.csv", START, END),
    ],
)
def test_a_list_url_not_naming_a_known_csv_is_refused(url):
    with pytest.raises(LayoutChanged, match="url= query naming one of") as err:
        parse_file_versions(make_doc({"timestamps": ["20260305-1000"]}, url))
    assert err.value.url == url


# ---- the CSV parsers read a version with its publication time ------------------------------------


@pytest.mark.parametrize(
    ("parse", "name", "resource", "source_id"),
    [
        (parse_detail_annual, "crime_details.csv", DETAIL, "hkpf_crime_detail_annual"),
        (parse_overall_monthly, "crime_details_overall.csv", OVERALL, "hkpf_crime_overall_monthly"),
    ],
)
def test_csv_rows_of_a_version_carry_its_time_and_are_a_separate_vintage(parse, name, resource, source_id):
    body = (LIVE_DOC / name).read_bytes()
    version_url = get_file_url(resource, "20260305-1000")
    version = parse(make_doc(body, version_url, source_id)).observations
    live = parse(make_doc(body, resource, source_id)).observations
    published = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)
    assert {o["published_at"] for o in version} == {published}
    assert {o["published_at"] for o in live} == {None}
    assert [o["value"] for o in version] == [o["value"] for o in live]
    assert {o["document_url"] for o in version} == {version_url}
    assert not {o["observation_id"] for o in version} & {o["observation_id"] for o in live}
