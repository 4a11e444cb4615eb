"""CSC page: a heading typo is refused, a second heading row is not data (issue 12)."""

from __future__ import annotations

import pytest

from tests.drift import csc_page
from tests.transform.test_csc import csc_doc, values_by
from transform.exceptions import LayoutChanged
from transform.parsers.csc import parse_csc


def test_a_year_typo_in_one_heading_is_layout_drift_not_a_new_period():
    with pytest.raises(LayoutChanged, match=r"one year apart.*found 2023-H1 \(half\) then 2025-H1"):
        parse_csc(csc_doc("en", body=csc_page("csc_en_heading_year_typo")))


@pytest.mark.parametrize(
    ("a", "b"),
    [("January to June 2023", "January to December 2024"), ("January to June 2022", "January to June 2024")],
)
def test_periods_must_be_the_same_span_a_year_apart(a, b):
    page = (
        csc_doc("en")
        .body.decode("latin-1")
        .replace("January to June<br>2023", a)
        .replace("January to June<br>2024", b)
    )
    with pytest.raises(LayoutChanged, match="one year apart"):
        parse_csc(csc_doc("en", body=page.encode("latin-1")))


def test_a_second_header_row_of_th_cells_is_not_a_data_row():
    result = parse_csc(csc_doc("en", body=csc_page("csc_en_second_header_row")))
    plain = parse_csc(csc_doc("en"))
    assert values_by(result) == values_by(plain)
    assert values_by(result)["overall_crime"] == (42923, 45315)
    assert len(result.observations) == len(plain.observations)


def test_a_data_row_whose_label_is_a_th_cell_is_still_read():
    page = (
        csc_doc("en")
        .body.decode("latin-1")
        .replace(
            '<td><font size="2">Overall Crime</font></td>', '<th><font size="2">Overall Crime</font></th>', 1
        )
    )
    assert values_by(parse_csc(csc_doc("en", body=page.encode("latin-1"))))["overall_crime"] == (42923, 45315)
