"""How numbers are written in Hong Kong news (issue 4, DESIGN section 1 "Traps"): values, units, forms.

These strings are notations, not statements about any period: they test the reading of the digits.
"""

from __future__ import annotations

import pytest

from transform.figures.numbers import find_numbers, normalise, parse_chinese_amount


def _only(text: str):
    found = find_numbers(text)
    assert len(found) == 1, f"expected one number in {text!r}, found {found}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "form", "currency"),
    [
        ("15 637", 15637, "count", None),  # space thousands separator (GIS since 2022)
        ("2,206", 2206, "count", None),
        ("30\u00a0871", 30871, "count", None),  # no-break space
        ("HK$2.03 billion", 2.03e9, "money", "HKD"),
        ("HK$148 million", 148e6, "money", "HKD"),
        ("HK$5.1bn", 5.1e9, "money", "HKD"),
        ("US$259 million", 259e6, "money", "USD"),
        ("$9 billion", 9e9, "money", "HKD"),  # Government English: $ is HK dollars
        ("36億", 3.6e9, "count", None),  # a scaled amount; the words decide whether it is money
        ("6.9億元", 6.9e8, "money", "HKD"),
        ("26億9千萬元", 2.69e9, "money", "HKD"),
        ("6亿5180万元", 6.518e8, "money", "HKD"),
        ("1.3萬", 13000, "count", None),
        ("5万零376", 50376, "count", None),
        ("3億1,795萬元", 3.1795e8, "money", "HKD"),  # a thousands group before its scale after 億
        ("2億1,160萬元", 2.116e8, "money", "HKD"),
        ("2億1千160萬元", 2.116e8, "money", "HKD"),  # 萬 closes its section: 1千160萬 is 1 160萬
        ("4億8千萬元", 4.8e8, "money", "HKD"),
        ("3.85億新元", 3.85e8, "money", "SGD"),
        ("47.3 per cent", 47.3, "percent", None),
        ("5.6 percent", 5.6, "percent", None),
        ("28%", 28, "percent", None),
        ("６６．５％", 66.5, "percent", None),  # full-width forms
        ("兩成八", 28, "percent", None),
        ("三成", 30, "percent", None),
        ("四成四", 44, "percent", None),
        ("近3成", 30, "percent", None),
        ("百分之三十", 30, "percent", None),
        ("5.3個百分點", 5.3, "points", None),  # points, not a percent change
        ("2.1 percentage points", 2.1, "points", None),
        ("3.8-fold", 3.8, "fold", None),
        ("tenfold", 10, "fold", None),
        ("20 times", 20, "fold", None),
        ("quadrupled", 4, "fold", None),
        ("一倍", 1, "fold", None),
    ],
)
def test_values_units_and_forms(text, value, form, currency):
    num = _only(text)
    assert num.value == pytest.approx(value)
    assert (num.form, num.currency) == (form, currency)


@pytest.mark.parametrize(
    ("text", "sign"), [("(+6.8%)", 1), ("(-3.1%)", -1), ("(+570 cases)", 1), ("6.8%", 0)]
)
def test_written_signs_are_kept(text, sign):
    assert find_numbers(text)[0].sign == sign


@pytest.mark.parametrize(
    ("text", "qualifier"), [("3萬多宗", "more_than"), ("4萬宗以上", "more_than"), ("4萬宗", None)]
)
def test_chinese_suffix_qualifiers(text, qualifier):
    assert _only(text).suffix_qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "June 21",  # date
        "21 June",
        "8月10日",
        "at 20:16",  # time
        "3pm",
        "aged 65",  # ages
        "a 65-year-old",
        "65歲",
        "the hotline 18222",  # phone numbers
        "致電 2860 5012",
        "LCQ19",  # identifiers glued to letters
        "COVID-19",
        "the 4th",  # ordinal
        "成功",  # 成 that is not "tenths"
    ],
)
def test_non_statistics_are_not_numbers(text):
    assert find_numbers(text) == []


def test_spans_point_into_the_original_text():
    text = "損失約２６億９千萬元，上升兩成八"
    spans = [text[n.start : n.end] for n in find_numbers(text)]
    assert spans == ["２６億９千萬元", "兩成八"]


def test_a_space_between_numbers_of_a_table_row_is_not_a_thousands_separator():
    assert [n.value for n in find_numbers("1 449 2 375 1 911")] == [1449, 2375, 1911]


@pytest.mark.parametrize(
    ("raw", "value"),
    [("26億9千萬", 2.69e9), ("36億", 3.6e9), ("1.3萬", 13000), ("5万零376", 50376), ("44 480", 44480)],
)
def test_parse_chinese_amount(raw, value):
    assert parse_chinese_amount(raw) == pytest.approx(value)


def test_normalise_keeps_length():
    text = "２０２３年　上升６．８％"
    assert len(normalise(text)) == len(text) and normalise(text) == "2023年 上升6.8%"


def test_arabic_digits_after_bai_fen_zhi_are_a_percentage() -> None:
    # 百分之四十二點六 is spelled out to 百分之42.6 before reading: still 42.6 per cent, not a count
    found = find_numbers("詐騙案上升百分之42.6。")
    assert [(n.value, n.form, n.raw) for n in found] == [(42.6, "percent", "百分之42.6")]


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("HKD2.03bn", 2.03e9, "HKD"),
        ("MOP300m", 3e8, "MOP"),
        ("2.03 billion HKD", 2.03e9, "HKD"),
        ("港幣20.3億", 2.03e9, "HKD"),
        ("人民幣1億元", 1e8, "CNY"),
        ("新台幣88億", 8.8e9, "TWD"),
    ],
)
def test_currencies_written_before_or_after_the_number_in_codes_and_chinese(text, value, currency) -> None:
    [n] = find_numbers(text)
    assert (n.form, n.currency, n.local_currency) == ("money", currency, False)
    assert n.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("39.8k deception cases", 39800),  # a short scale counts what a few words later name
        ("15.6k technology crime cases", 15600),
        ("1.2m fraud reports", 1.2e6),
    ],
)
def test_a_short_scale_counts_a_noun_a_few_words_after_it(text, value) -> None:
    assert _only(text).value == value


@pytest.mark.parametrize("text", ["She ran the 10k race in May.", "a 5k charity run"])
def test_a_short_scale_with_no_counted_noun_after_it_is_no_count(text) -> None:
    assert find_numbers(text) == []
