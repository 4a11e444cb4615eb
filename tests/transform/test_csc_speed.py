"""CSC headings read without the general period reader give its periods (issue 13)."""

from __future__ import annotations

import pytest

from transform.exceptions import TransformError
from transform.parsers.csc import _EN_MONTHS, _ZH_MONTHS, _printed_heading
from transform.periods import parse_period

_ZH_YEAR = str.maketrans("0123456789", "零一二三四五六七八九")


def _headings(year: int):
    for i, first in enumerate(_EN_MONTHS):
        for j, last in enumerate(_EN_MONTHS):
            zh_year = str(year).translate(_ZH_YEAR)
            in_order = i <= j
            yield f"{first} to {last} {year}", in_order
            yield f"{zh_year}年 ({_ZH_MONTHS[i]}月至{_ZH_MONTHS[j]}月)", in_order
            yield f"{zh_year.replace('零', '〇')}年 ({_ZH_MONTHS[i]}月至{_ZH_MONTHS[j]}月)", in_order


@pytest.mark.parametrize("year", [1990, 2000, 2009, 2023, 2024, 2099])
def test_a_printed_heading_gives_the_period_parse_period_gives(year):
    for text, in_order in _headings(year):
        printed = _printed_heading(text)
        try:
            expected = parse_period(text)
        except (TransformError, ValueError):
            expected = None
        assert printed == (expected if in_order else None), text  # months out of order: parse_period's say


def test_other_headings_are_left_to_parse_period():
    others = ("January to June<br>2023", "January - June 2023", "2023年1月至6月", "June to January 2023")
    for text in others:
        assert _printed_heading(text) is None
