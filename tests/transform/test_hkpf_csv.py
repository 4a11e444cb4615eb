"""HKPF crime CSV files: headers read by meaning, strict encodings, loud drift (issue 3 "Sources")."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.document import Document
from transform.exceptions import LayoutChanged
from transform.parsers import get_parser
from transform.parsers.hkpf_csv import (
    _COUNT_WORDS,
    _LABEL_WORDS,
    _OTHER_METRIC_WORDS,
    _YEAR_WORDS,
    PARSER_VERSION,
    _has,
    parse_detail_annual,
    parse_overall_monthly,
)
from transform.schema import OBSERVATION_SCHEMA, observation_id

FIXTURES = Path(__file__).parents[1] / "fixtures"
DETAIL_URL = "https://www.police.gov.hk/info/doc/crime_details.csv"
MONTHLY_URL = "https://www.police.gov.hk/info/doc/crime_details_overall.csv"
FETCHED = datetime(2025, 3, 1, tzinfo=UTC)

# /work/shared/reference/published_figures.csv, annual rows
OVERALL = {
    "2013": 72911,
    "2014": 67740,
    "2015": 66439,
    "2016": 60646,
    "2017": 56017,
    "2018": 54225,
    "2019": 59225,
    "2020": 63232,
    "2021": 64428,
    "2022": 70048,
    "2023": 90276,
    "2024": 94747,
    "2025": 89137,
}
VIOLENT = {"2019": 9690, "2020": 9391, "2022": 8830, "2024": 10485, "2025": 8823}
DECEPTION = {
    "2014": 8861,
    "2018": 8372,
    "2019": 8216,
    "2020": 15553,
    "2021": 19249,
    "2022": 27923,
    "2023": 39824,
    "2024": 44480,
    "2025": 43212,
}
# SOURCES.md 1.2: the monthly values seen
MONTHLY = {
    ("overall_crime", "2022-01"): 5815,
    ("violent_crime", "2022-01"): 775,
    ("overall_crime", "2022-02"): 3297,
    ("violent_crime", "2022-02"): 464,
    ("overall_crime", "2023-06"): 7127,
    ("violent_crime", "2023-06"): 888,
    ("overall_crime", "2024-12"): 8107,
    ("violent_crime", "2024-12"): 786,
}


def make_doc(
    body: bytes,
    url: str = DETAIL_URL,
    source_id: str = "hkpf_crime_detail_annual",
    encoding: str | None = None,
) -> Document:
    return Document(
        source_id=source_id,
        url=url,
        body=body,
        sha256=hashlib.sha256(body).hexdigest(),
        fetched_at=FETCHED,
        content_type="text/csv",
        encoding=encoding,
    )


def fixture(path: str) -> bytes:
    return (FIXTURES / path).read_bytes()


def detail_doc(body: bytes | None = None) -> Document:
    return make_doc(fixture("site/www.police.gov.hk/info/doc/crime_details.csv") if body is None else body)


def monthly_doc(body: bytes | None = None) -> Document:
    body = fixture("site/www.police.gov.hk/info/doc/crime_details_overall.csv") if body is None else body
    return make_doc(body, MONTHLY_URL, "hkpf_crime_overall_monthly")


def by_category(rows: list[dict]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for row in rows:
        out.setdefault(row["category"], {})[row["period_label"]] = row["value"]
    return out


def test_registry_names_both_parsers():
    assert get_parser("hkpf_detail_annual_csv") is parse_detail_annual
    assert get_parser("hkpf_overall_monthly_csv") is parse_overall_monthly


def test_detail_fixture_is_big5_and_gives_the_published_annual_numbers():
    body = detail_doc().body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    result = parse_detail_annual(detail_doc())
    assert by_category(result.observations) == {
        "overall_crime": OVERALL,
        "violent_crime": VIOLENT,
        "deception": DECEPTION,
    }
    assert result.unknown_labels == []


def test_detail_rows_carry_provenance_labels_and_year_periods():
    doc = detail_doc()
    rows = parse_detail_annual(doc).observations
    first = rows[0]
    assert first["source_label"] == "Overall Crime / 整體罪案"
    assert (first["period_label"], first["period_start"], first["period_end"], first["period_type"]) == (
        "2013",
        date(2013, 1, 1),
        date(2013, 12, 31),
        "year",
    )
    for row in rows:
        assert (row["source_id"], row["source_tier"], row["document_url"]) == (
            "hkpf_crime_detail_annual",
            "official_table",
            DETAIL_URL,
        )
        assert (row["raw_sha256"], row["fetched_at"], row["published_at"]) == (doc.sha256, FETCHED, None)
        assert (row["metric"], row["unit"], row["qualifier"], row["jurisdiction"]) == (
            "cases",
            "count",
            "exact",
            "HK",
        )
        assert row["parser_version"] == PARSER_VERSION and row["observation_id"] == observation_id(row)
    assert pa.Table.from_pylist(rows, schema=OBSERVATION_SCHEMA).num_rows == len(rows)


def test_detail_wide_layout_with_chinese_headers_and_alternative_label():
    text = '罪行,2013年,2014年\r\n總體罪案,"72,911",67 740\r\n'
    rows = parse_detail_annual(detail_doc(text.encode("big5hkscs"))).observations
    assert by_category(rows) == {"overall_crime": {"2013": 72911, "2014": 67740}}
    assert {r["source_label"] for r in rows} == {"總體罪案"}


def test_detail_unknown_label_is_kept_and_reported():
    text = "Year,Offence,罪行,Number\r\n2013,Some New Offence,新罪行,72911\r\n"
    result = parse_detail_annual(detail_doc(text.encode("big5hkscs")))
    assert [(r["category"], r["value"], r["source_label"]) for r in result.observations] == [
        ("unknown", 72911, "Some New Offence / 新罪行")
    ]
    assert result.unknown_labels == ["Some New Offence / 新罪行"]


def test_detail_trailing_note_line_is_skipped_with_a_note():
    text = "Year,Offence,Number\r\n2013,Overall Crime,72911\r\nNote: provisional figures,,\r\n"
    result = parse_detail_annual(detail_doc(text.encode("big5hkscs")))
    assert len(result.observations) == 1
    assert any("skipped" in n for n in result.notes)


def test_detail_detection_rate_column_is_not_read_as_cases():
    text = "Year,Offence,No. of cases,Detection rate (%)\r\n2013,Overall Crime,72911,45.2\r\n"
    result = parse_detail_annual(detail_doc(text.encode("big5hkscs")))
    assert [r["value"] for r in result.observations] == [72911]
    assert any("Detection rate" in n for n in result.notes)


def test_detail_unrecognised_header_quotes_what_was_seen():
    with pytest.raises(LayoutChanged) as err:
        parse_detail_annual(detail_doc(fixture("drift/crime_details_unknown_header.csv")))
    assert err.value.url == DETAIL_URL
    assert "Col1" in err.value.found and "offence" in err.value.expected


def test_detail_in_the_wrong_encoding_fails_naming_it():
    with pytest.raises(LayoutChanged) as err:
        parse_detail_annual(detail_doc(fixture("drift/crime_details_utf8.csv")))
    assert "big5hkscs" in err.value.expected and err.value.url == DETAIL_URL


def test_detail_ignores_a_western_charset_from_http():
    doc = make_doc(detail_doc().body, encoding="iso-8859-1")
    assert len(parse_detail_annual(doc).observations) == len(OVERALL) + len(VIOLENT) + len(DECEPTION)


def test_detail_non_numeric_count_names_the_line():
    text = "Year,Offence,Number\r\n2013,Overall Crime,about 70k\r\n"
    with pytest.raises(LayoutChanged, match=r"line 2 .*Overall Crime.*about 70k"):
        parse_detail_annual(detail_doc(text.encode("big5hkscs")))


def test_monthly_fixture_gives_the_seen_months_without_summing():
    result = parse_overall_monthly(monthly_doc())
    got = {(r["category"], r["period_label"]): r["value"] for r in result.observations}
    assert got == MONTHLY
    row = result.observations[0]
    assert (row["period_start"], row["period_end"], row["period_type"]) == (
        date(2022, 1, 1),
        date(2022, 1, 31),
        "month",
    )
    assert (
        row["source_label"] == "Overall Crime 整體罪案" and row["source_id"] == "hkpf_crime_overall_monthly"
    )
    assert {r["period_type"] for r in result.observations} == {"month"}  # no year or half-year totals made


@pytest.mark.parametrize(
    "text",
    [
        "year,month,overall_crime,violent_crime\n2022,Jan,5815,775\n",  # the derived copy's header
        "年份,月份,整體罪案,暴力罪案\n2022,一月,5815,775\n",
        "Month,Overall crime,Violent crime\n2022-01,5815,775\n",
        "年/月,總體罪案,暴力罪案\n2022年1月,5815,775\n",
    ],
)
def test_monthly_headers_and_month_formats(text):
    rows = parse_overall_monthly(monthly_doc(text.encode("utf-8"))).observations
    assert {(r["category"], r["period_label"]): r["value"] for r in rows} == {
        ("overall_crime", "2022-01"): 5815,
        ("violent_crime", "2022-01"): 775,
    }


def test_monthly_unrecognised_header_fails():
    with pytest.raises(LayoutChanged) as err:
        parse_overall_monthly(monthly_doc(fixture("drift/crime_details_overall_unknown_header.csv")))
    assert "Subtotal" in err.value.found and err.value.url == MONTHLY_URL


def test_monthly_bad_month_names_the_line():
    with pytest.raises(LayoutChanged, match=r"line 2.*'Foo'"):
        parse_overall_monthly(monthly_doc(b"Year,Month,Overall Crime\n2022,Foo,5815\n"))


def test_monthly_bad_encoding_fails():
    with pytest.raises(LayoutChanged, match="utf-8"):
        parse_overall_monthly(monthly_doc("年份,月份,整體罪案\n2022,1,5815\n".encode("big5hkscs")))


def test_detail_hierarchy_columns_take_the_most_specific_label():
    text = "Year,Crime category,Offence,Number\r\n2014,Overall Crime,Deception,8861\r\n"
    rows = parse_detail_annual(detail_doc(text.encode("big5hkscs"))).observations
    assert [(r["category"], r["source_label"], r["value"]) for r in rows] == [
        ("deception", "Overall Crime / Deception", 8861)
    ]


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["Deception", "詐騙"], "deception"),
        (["Deception", "新式騙案名稱"], "deception"),  # a new Chinese wording beside a known English label
        (["Deception", "Some new scam type"], None),  # an unknown offence under a known group
        (["Overall Crime", "Deception"], "deception"),  # group then offence: the offence decides
        (["", "Deception"], "deception"),
    ],
)
def test_row_labels_in_two_languages_or_a_hierarchy(labels, expected):
    from transform.parsers.hkpf_csv import _category

    assert _category(labels) == expected


@pytest.mark.parametrize(
    ("make", "old", "new", "url"),
    [
        (detail_doc, b"\r\n2013,", b"\r\n1923,", DETAIL_URL),
        (monthly_doc, b"\r\n2022,1,", b"\r\n1922,1,", MONTHLY_URL),
    ],
)
def test_a_year_out_of_range_is_a_layout_change_naming_url_and_line(make, old, new, url):
    # found by fuzzing (issue 13 run): period_from_label's error escaped without the URL
    body = make().body
    assert old in body
    parse = parse_detail_annual if make is detail_doc else parse_overall_monthly
    with pytest.raises(LayoutChanged, match=r"on line \d+.*19") as err:
        parse(make(body.replace(old, new, 1)))
    assert err.value.url == url


_HEADINGS = st.lists(
    st.sampled_from(["a", "Year", "no.", "num", "ber", "rate", "s", " ", "-", "年份", "率", "罪", "Ⅰ"]),
    max_size=6,
).map("".join)


@given(_HEADINGS)
def test_heading_words_are_found_as_a_search_for_each_word_finds_them(cell):
    # one pattern per vocabulary (issue 13) must find what a search for each word did
    low = cell.lower()
    for words in (_YEAR_WORDS, _COUNT_WORDS, _OTHER_METRIC_WORDS, _LABEL_WORDS):
        one_by_one = any(
            re.search(rf"(?<![a-z]){re.escape(w)}", low) if w.isascii() else w in low for w in words
        )
        assert _has(cell, words) == one_by_one
