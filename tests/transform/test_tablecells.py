"""Table cells: typeset numbers, sign cells, strict decoding, revision dates (issue 3 "Sources")."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.document import Document
from transform.categories import lookup_category, split_footnotes
from transform.periods import parse_period
from transform.schema import observation_id
from transform.tablecells import (
    _NUMBER,
    HK_TZ,
    SPACES,
    OfficialRows,
    _printed_ascii,
    id_label_part,
    may_show_revision_date,
    normalise_space,
    official_row,
    parse_count,
    parse_sign,
    revision_date,
)

URL = "https://www.police.gov.hk/ppp_tc/09_statistics/csc.html"


@pytest.mark.parametrize(
    ("text", "value", "nil", "bracketed"),
    [
        ("42 923", 42923, False, False),
        ("1 005", 1005, False, False),
        ("1\u00a0005", 1005, False, False),  # &nbsp; between thousands
        ("72,911", 72911, False, False),
        ("2 030 000", 2030000, False, False),
        ("0", 0, False, False),
        ("5.6", 5.6, False, False),
        ("50.0", 50.0, False, False),
        ("-", 0, True, False),
        ("\u2212", 0, True, False),
        ("(264)", 264, False, True),
        ("( 1 005 )", 1005, False, True),
        (" 16 ", 16, False, False),
    ],
)
def test_number_cells(text, value, nil, bracketed):
    cell = parse_count(text)
    assert (cell.value, cell.nil, cell.bracketed, cell.empty) == (value, nil, bracketed, False)


def test_empty_cell_has_no_value():
    for text in ("", "   ", "\u00a0"):
        assert parse_count(text).empty and parse_count(text).value is None


@pytest.mark.parametrize("text", ["16a", "42 92", "1,00", "1 234,567", "n/a", "+5", "5%", "()"])
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError, match="not a table number"):
        parse_count(text)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("+", 1),
        ("\uff0b", 1),
        ("-", -1),
        ("\u2212", -1),
        ("\uff0d", -1),
        ("\u2013", -1),
        ("", 0),
        ("\u00a0", 0),
    ],
)
def test_sign_cells(text, sign):
    assert parse_sign(text) == sign


def test_a_sign_cell_holding_a_number_is_refused():
    with pytest.raises(ValueError, match="not a sign cell"):
        parse_sign("5")


def test_space_normalisation():
    assert normalise_space("\u00a0 傷\u3000人 \n") == "傷 人"


@pytest.mark.parametrize(
    ("raw", "clean", "category"),
    [
        ("兇殺案 (1)", "兇殺案", "homicide"),
        ("Homicide (1)", "Homicide", "homicide"),
        ("傷人及嚴重毆打 (1)", "傷人及嚴重毆打", "wounding_and_serious_assault"),
        ("強 姦 (1)", "強 姦", "rape"),
    ],
)
def test_footnote_markers_are_split_off_by_the_categories_helper(raw, clean, category):
    label, markers = split_footnotes(raw)
    assert normalise_space(label) == clean and markers
    assert lookup_category(label) == category


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Last revision date: 30-08-2024", datetime(2024, 8, 30, tzinfo=HK_TZ)),
        ("Last revision date : 1 September 2022", datetime(2022, 9, 1, tzinfo=HK_TZ)),
        ("修訂日期：2024年8月30日", datetime(2024, 8, 30, tzinfo=HK_TZ)),
        ("修订日期: 2024-08-30", datetime(2024, 8, 30, tzinfo=HK_TZ)),
        ("no date on this page", None),
        ("Last revision date: 31-02-2024", None),
    ],
)
def test_revision_date(text, expected):
    assert revision_date(text) == expected


@pytest.mark.parametrize(
    ("source", "may"),
    [
        ("<p>Last revision date: 30-08-2024</p>", True),
        ("<P>LAST REVISION DATE : 1 September 2022</P>", True),
        ("<p>Last Updated 2024-08-30</p>", True),
        ("<p>修訂日期：2024年8月30日</p>", True),
        ("<p>修订日期：2024年8月30日</p>", True),
        ("<p>更新日期: 2024-08-30</p>", True),
        ("<p>總體罪案 42 923</p><p>Overall Crime</p>", False),
        ("<p>REV\u0130SION</p>", False),  # str.lower() makes it "revi\u0307sion": no hint either way
    ],
)
def test_the_revision_date_hint_is_case_blind_and_reads_chinese_pages(source, may):
    assert may_show_revision_date(source) is may
    assert may_show_revision_date(source.encode("utf-8")) is may  # the page as UTF-8 bytes (CSC)
    assert any(h in source.lower() for h in ("revision", "update", "修訂日期", "修订日期", "更新日期")) is may


def test_rows_of_one_document_are_the_rows_official_row_builds():
    doc = Document(
        source_id="hkpf_csc_tc",
        url=URL + "?q={0}}",  # braces: the id's text is built by str.format
        body=b"x",
        sha256="ab" * 32,
        fetched_at=datetime(2024, 8, 20, 2, 0, tzinfo=HK_TZ),
    )
    period = parse_period("2023年上半年")
    published = datetime(2024, 8, 30, tzinfo=HK_TZ)
    rows = OfficialRows(doc, parser_version="csc/1", published_at=published)
    for category, label, metric, value in [
        ("robbery", "劫案 [reference]", "cases", 59),
        ("x", None, "arrests", 1.5),
    ]:
        expected = official_row(
            doc,
            category=category,
            source_label=label,
            metric=metric,
            period=period,
            value=value,
            parser_version="csc/1",
            published_at=published,
        )
        got = rows.row(category, label, metric, period, value)
        assert list(got.items()) == list(expected.items())  # the same keys in the same order
        assert got["observation_id"] == observation_id(got)
        if label is not None:  # for_period takes str labels only
            fixed = rows.for_period(period)(category, label, metric, value)
            assert list(fixed.items()) == list(expected.items())
            part = id_label_part(category, label)  # the id's label part given, as parse_csc does
            assert list(rows.for_period(period)(category, label, metric, value, part).items()) == list(
                expected.items()
            )


def test_rows_of_one_period_keep_their_own_period_and_id():
    doc = Document("s", URL, b"x", "cd" * 32, datetime(2024, 8, 20, 2, 0, tzinfo=HK_TZ))
    rows = OfficialRows(doc, parser_version="csc/1")
    first, second = parse_period("2023年上半年"), parse_period("2024年上半年")
    a = rows.for_period(first)("robbery", "劫案", "cases", 59)
    b = rows.for_period(second)("robbery", "劫案", "cases", 44)
    assert (a["period_label"], a["value"], b["period_label"], b["value"]) == (
        "2023-H1",
        59.0,
        "2024-H1",
        44.0,
    )
    assert a["observation_id"] != b["observation_id"]
    assert [r["observation_id"] for r in (a, b)] == [observation_id(r) for r in (a, b)]


_SPACED = st.text(
    st.sampled_from(
        [
            "a",
            "1",
            ",",
            "-",
            " ",
            "\t",
            "\n",
            "\r",
            "\x1c",
            "\x85",
            "\u00a0",
            "\u2000",
            "\u200a",
            "\u200b",
            "\u2028",
            "\u202f",
            "\u205f",
            "\u3000",
            "\ufeff",
            "\u180e",
            "傷",
        ]
    ),
    max_size=12,
)


@given(_SPACED)
def test_spaces_are_collapsed_exactly_as_the_spaces_pattern_says(text):
    # normalise_space splits by str.split (issue 13); SPACES is the definition it must keep
    assert normalise_space(text) == SPACES.sub(" ", text).strip()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789 ,.", max_size=12))
def test_the_ascii_shortcut_reads_exactly_what_the_number_pattern_reads(text):
    # issue 13: the common printed numbers are read without the pattern; it must agree with it
    expected = float(text.replace(" ", "").replace(",", "")) if _NUMBER.fullmatch(text) else None
    assert _printed_ascii(text) == expected
    if text and expected is not None:
        assert parse_count(text).value == expected
