"""data.gov.hk CKAN package_show: links to the crime CSVs and change detection (issue 3 "Sources").

The fixture file is named `package_show` (query string dropped): the fixture site serves it for
`package_show?id=hk-hkpf-stat-crm-stat-detail`.
"""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extract.document import Document
from transform.exceptions import LayoutChanged
from transform.parsers import get_parser
from transform.parsers.ckan import parse_package, resources_changed

FIXTURES = Path(__file__).parents[1] / "fixtures"
URL = "https://data.gov.hk/en-data/api/3/action/package_show?id=hk-hkpf-stat-crm-stat-detail"
DETAIL = "https://www.police.gov.hk/info/doc/crime_details.csv"
OVERALL = "https://www.police.gov.hk/info/doc/crime_details_overall.csv"


def package() -> dict:
    return json.loads((FIXTURES / "site/data.gov.hk/en-data/api/3/action/package_show").read_bytes())


def make_doc(body: bytes) -> Document:
    return Document(
        source_id="datagovhk_ckan",
        url=URL,
        body=body,
        sha256=hashlib.sha256(body).hexdigest(),
        fetched_at=datetime(2025, 3, 1, tzinfo=UTC),
        content_type="application/json",
    )


def test_registry_names_this_parser():
    assert get_parser("ckan_package") is parse_package


def test_links_point_each_csv_at_its_source_and_nothing_else():
    result = parse_package(make_doc(json.dumps(package()).encode()))
    assert result.observations == []
    assert result.links == [(DETAIL, "hkpf_crime_detail_annual"), (OVERALL, "hkpf_crime_overall_monthly")]


def test_notes_carry_last_modified_and_the_ignored_resource():
    notes = parse_package(make_doc(json.dumps(package()).encode())).notes
    assert any(DETAIL in n and "2025-02-12T09:30:00" in n for n in notes)
    assert any(OVERALL in n and "2025-02-10T10:00:00" in n for n in notes)
    assert any("ignored" in n and "Data_Dictionary" in n for n in notes)
    assert any("metadata_modified '2025-02-12T09:30:00'" in n for n in notes)


def test_success_false_is_a_layout_change():
    body = (FIXTURES / "drift/ckan_package_show_not_found.json").read_bytes()
    with pytest.raises(LayoutChanged) as err:
        parse_package(make_doc(body))
    assert err.value.url == URL and "success False" in err.value.found and "Not found" in err.value.found


@pytest.mark.parametrize(
    ("mutate", "found"),
    [
        (lambda p: p.pop("result"), "result keys"),
        (lambda p: p["result"].pop("resources"), "result keys"),
        (lambda p: p["result"].update(resources=[]), "result keys"),
        (lambda p: p["result"]["resources"][0].pop("url"), "format"),
    ],
)
def test_missing_result_or_resources_is_a_layout_change(mutate, found):
    data = package()
    mutate(data)
    with pytest.raises(LayoutChanged, match=found):
        parse_package(make_doc(json.dumps(data).encode()))


def test_not_json_is_a_layout_change():
    with pytest.raises(LayoutChanged, match="invalid JSON"):
        parse_package(make_doc(b"<html>maintenance</html>"))


def test_first_run_reports_every_resource_as_new():
    changes = resources_changed(None, package())
    assert changes == [
        f"new resource crime_details.csv: {DETAIL}",
        f"new resource crime_details_overall.csv: {OVERALL}",
        "new resource data_dictionary_for_crime_statistics_in_detail_2020.pdf: "
        "https://www.police.gov.hk/info/psi/meta/Data_Dictionary_for_Crime_Statistics_in_Detail_2020.pdf",
    ]


def test_unchanged_package_reports_nothing():
    assert resources_changed(package(), package()) == []
    assert resources_changed(package()["result"], package()) == []  # the result object alone works too


def test_changed_last_modified_url_and_removed_resource():
    before, after = package(), copy.deepcopy(package())
    resources = after["result"]["resources"]
    resources[0]["last_modified"] = "2025-08-12T09:30:00"
    resources[1]["url"] = OVERALL.replace("https://", "http://")
    del resources[2]
    assert resources_changed(before, after) == [
        "resource removed data_dictionary_for_crime_statistics_in_detail_2020.pdf: "
        "https://www.police.gov.hk/info/psi/meta/Data_Dictionary_for_Crime_Statistics_in_Detail_2020.pdf",
        "crime_details.csv: last_modified '2025-02-12T09:30:00' -> '2025-08-12T09:30:00'",
        f"crime_details_overall.csv: url '{OVERALL}' -> '{OVERALL.replace('https://', 'http://')}'",
    ]
