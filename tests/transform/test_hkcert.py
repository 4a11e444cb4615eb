"""HKCERT incident JSON (layout inferred): year and month records, hkcert_* categories (issue 3 "Sources")."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from extract.document import Document
from transform.exceptions import LayoutChanged
from transform.parsers import get_parser
from transform.parsers.hkcert import PARSER_VERSION, parse_monthly
from transform.schema import OBSERVATION_SCHEMA, observation_id

FIXTURES = Path(__file__).parents[1] / "fixtures"
URL = "http://www.hkcert.org/datagovhk/monthly_incident_report_en.json"
FETCHED = datetime(2025, 3, 1, tzinfo=UTC)
# SOURCES.md 3.4: annual incidents handled
ANNUAL = {"2016": 6058, "2017": 6506, "2021": 7725, "2022": 8393}


def make_doc(body: bytes) -> Document:
    return Document(
        source_id="hkcert_incidents_monthly",
        url=URL,
        body=body,
        sha256=hashlib.sha256(body).hexdigest(),
        fetched_at=FETCHED,
    )


def from_json(data) -> Document:
    return make_doc(json.dumps(data).encode())


def test_registry_names_this_parser():
    assert get_parser("hkcert_monthly_json") is parse_monthly


def test_year_only_records_give_annual_totals():
    doc = make_doc((FIXTURES / "site/www.hkcert.org/datagovhk/monthly_incident_report_en.json").read_bytes())
    rows = parse_monthly(doc).observations
    assert {r["period_label"]: r["value"] for r in rows} == ANNUAL
    assert {(r["category"], r["metric"], r["unit"], r["period_type"]) for r in rows} == {
        ("hkcert_total", "incidents", "count", "year")
    }
    for row in rows:
        assert (row["source_id"], row["source_tier"], row["document_url"]) == (
            "hkcert_incidents_monthly",
            "official_table",
            URL,
        )
        assert (row["raw_sha256"], row["fetched_at"], row["parser_version"]) == (
            doc.sha256,
            FETCHED,
            PARSER_VERSION,
        )
        assert row["source_label"] == "Total" and row["observation_id"] == observation_id(row)
    assert pa.Table.from_pylist(rows, schema=OBSERVATION_SCHEMA).num_rows == 4


@pytest.mark.parametrize(
    "record",
    [
        {"Year": 2022, "Month": 1, "Incident Type": "Total", "Number of Incidents": 8393},
        {"Year": "2022", "Month": "Jan", "Type": "Total", "Count": "8 393"},
        {"Date": "2022-01", "Category": "Total", "Value": 8393},
        {"Period": "January 2022", "Incident Type": "Total", "Number of Incidents": 8393},
    ],
)
def test_month_records_give_month_periods(record):
    (row,) = parse_monthly(from_json({"data": [record]})).observations
    assert (row["period_label"], row["period_start"], row["period_end"], row["period_type"]) == (
        "2022-01",
        date(2022, 1, 1),
        date(2022, 1, 31),
        "month",
    )
    assert (row["category"], row["value"]) == ("hkcert_total", 8393)


def test_wide_records_map_each_incident_type_to_its_own_category():
    record = {"Year": 2022, "Month": 12, "Phishing": 8393, "Botnet": 6058, "Web Defacement/Intrusion": 7725}
    rows = parse_monthly(from_json([record])).observations
    assert {r["category"]: r["value"] for r in rows} == {
        "hkcert_phishing": 8393,
        "hkcert_botnet": 6058,
        "hkcert_defacement": 7725,
    }  # never the police "phishing"


def test_object_keyed_by_period():
    rows = parse_monthly(from_json({"2021": {"Total": 7725}})).observations
    assert [(r["period_label"], r["category"], r["value"]) for r in rows] == [("2021", "hkcert_total", 7725)]


def test_unknown_incident_type_is_kept_and_reported():
    result = parse_monthly(from_json([{"Year": 2016, "Incident Type": "Cryptojacking", "Count": 6058}]))
    assert [(r["category"], r["source_label"]) for r in result.observations] == [("unknown", "Cryptojacking")]
    assert result.unknown_labels == ["Cryptojacking"]


def test_record_without_a_period_fails_naming_its_keys():
    with pytest.raises(LayoutChanged) as err:
        parse_monthly(make_doc((FIXTURES / "drift/hkcert_no_period.json").read_bytes()))
    assert err.value.url == URL and "record 0" in err.value.expected and "Label" in err.value.found


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ({"title": "x"}, "list of incident records"),
        ([1, 2], "list of incident records"),
        ([{"Year": 2016, "Month": "Smarch", "Type": "Total", "Count": 6058}], "Smarch"),
        ([{"Year": 2016, "Type": "Total", "Count": "many"}], "many"),
        ([{"Year": 2016, "Type": "Total", "Count": -1}], "negative"),
    ],
)
def test_unreadable_layouts_fail_loudly(data, match):
    with pytest.raises(LayoutChanged, match=match):
        parse_monthly(from_json(data))


def test_not_json_fails():
    with pytest.raises(LayoutChanged, match="invalid JSON"):
        parse_monthly(make_doc(b"<html></html>"))


def test_a_year_of_400_digits_is_layout_drift_naming_the_url():
    """Found by fuzzing (issue 12): the period error named no URL."""
    doc = from_json([{"Year": "9" * 400, "Incident Type": "Phishing", "Number of Incidents": 1}])
    with pytest.raises(LayoutChanged, match=f"{re.escape(doc.url)}.*a year and month in record 0"):
        parse_monthly(doc)
