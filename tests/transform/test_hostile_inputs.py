"""Hostile bytes in one document give the project's own error naming the URL, or a correct reading (issue 12).

Each input here used to escape as a library error (`_csv.Error`, AttributeError, RecursionError,
OverflowError, ValueError) that the flows did not expect.
"""

from __future__ import annotations

import re

import pytest

from tests.transform.test_ckan import make_doc as ckan_doc
from tests.transform.test_gia import GIA, _doc
from tests.transform.test_hkcert import make_doc as hkcert_doc
from tests.transform.test_hkpf_csv import DETAIL_URL, detail_doc, monthly_doc
from transform.exceptions import LayoutChanged
from transform.parsers.ckan import parse_package
from transform.parsers.gia import parse_press_release
from transform.parsers.hkcert import parse_monthly
from transform.parsers.hkpf_csv import parse_detail_annual, parse_overall_monthly
from transform.parsers.rss import _published


def _values(result) -> list[tuple]:
    return sorted((o["category"], o["period_label"], o["value"]) for o in result.observations)


def test_csv_with_lone_cr_line_ends_reads_the_same_rows():
    body = monthly_doc().body
    lone_cr = body.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    assert b"\n" not in lone_cr
    assert _values(parse_overall_monthly(monthly_doc(lone_cr))) == _values(
        parse_overall_monthly(monthly_doc())
    )


def test_csv_field_over_the_csv_limit_is_a_layout_change_naming_the_line():
    body = detail_doc().body + b'"' + b"x" * 200_000 + b'",1\r\n'
    with pytest.raises(LayoutChanged, match=r"line \d+: field larger than field limit") as err:
        parse_detail_annual(detail_doc(body))
    assert err.value.url == DETAIL_URL


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (b'{"success": false, "result": null}', "success False"),
        (b'{"success": true, "result": null}', "result null"),
        (b"[" * 100_000 + b"]" * 100_000, "depth 100000"),
    ],
)
def test_ckan_replies_without_a_result_are_layout_changes(body, found):
    with pytest.raises(LayoutChanged, match=re.escape(found)):
        parse_package(ckan_doc(body))


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested at most 64 deep"),
        (
            b'{"data": [{"Year": 2024, "Month": "", "Incident Type": "Total", "Number of Incidents": '
            + b"9" * 5000
            + b"}]}",
            "invalid JSON: Exceeds the limit",
        ),
    ],
)
def test_hkcert_json_that_python_cannot_hold_is_a_layout_change(body, found):
    with pytest.raises(LayoutChanged, match=re.escape(found)):
        parse_monthly(hkcert_doc(body))


@pytest.mark.parametrize(
    "raw",
    [
        "Tue, 06 Feb 99999999999999999999 15:30:00 +0800",
        "Tue, 06 Feb 99999 15:30:00 +0800",
        "Tue, 31 Feb 2024",
    ],
)
def test_an_absurd_pubdate_is_no_date(raw):
    assert _published(raw) is None


def test_a_400_digit_number_in_a_release_loads_no_infinite_value():
    url = f"{GIA}/202402/06/P2024020600468.htm"
    page = _doc(url).body
    body = page.replace(b"</span>", b" There were 1" + b"9" * 400 + b" deception cases in 2023.</span>", 1)
    result = parse_press_release(_doc(url, body))
    assert result.articles  # the release itself is kept
    assert all(o["value"] < 1e300 for o in result.observations + result.article_figures)
