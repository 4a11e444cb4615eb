"""Numbers written in words become digits once, before reading (transform/numerals.py)."""

from __future__ import annotations

import pytest

from transform.numerals import NotANumeral, chinese_to_number, spell_out


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("三萬四千", 34_000),
        ("四百六十六", 466),
        ("六億九千萬", 690_000_000),
        ("三萬三千一百廿六", 33_126),
        ("一億七千萬", 170_000_000),
        ("2億5千3百萬", 253_000_000),
        ("四十一點四", 41.4),
        ("十二", 12),
        ("五萬零三百七十六", 50_376),
        ("二零二三", 2023),
    ],
)
def test_chinese_numerals_have_their_value(numeral, value):
    assert chinese_to_number(numeral) == pytest.approx(value)


@pytest.mark.parametrize("bad", ["萬", "點", ""])
def test_a_scale_or_point_alone_is_not_a_number(bad):
    with pytest.raises(NotANumeral):
        chinese_to_number(bad)


@pytest.mark.parametrize(
    ("text", "rewritten"),
    [
        ("共錄得三萬四千宗", "共錄得3.4萬宗"),  # the scale stays: it marks a large count or an amount
        ("損失六億九千萬元", "損失6.9億元"),
        ("涉款一億七千多萬元", "涉款逾1.7億元"),  # 多 inside the numeral: "over"
        ("上升一點四倍", "上升1.4倍"),
        ("百分之四十一點四", "41.4%"),  # a percentage in words: the form every rule reads
        ("up six per cent to Fifty cases", "up 6 per cent to 50 cases"),
        ("twenty-five reports", "25 reports"),
        # as a newsreader says it, thousands and all
        ("thirteen thousand, eight hundred and sixty-six crimes", "13866 crimes"),
        ("twenty-one thousand cases", "21000 cases"),
        # a small count compared with one in digits just before it
        ("Ransomware cases rose to 26 from seven.", "Ransomware cases rose to 26 from 7."),
        (
            "26 cases in the first half of the year, up from seven a year before",
            "26 cases in the first half of the year, up from 7 a year before",
        ),
    ],
)
def test_numbers_in_words_are_rewritten_as_digits(text, rewritten):
    assert spell_out(text).text == rewritten


@pytest.mark.parametrize(
    "text",
    [
        "一宗案件",  # "one case": a single case, a word
        "萬一發現",  # "in case"
        "千萬不要轉賬",  # "by all means do not"
        "數十萬元",  # "several hundred thousand": no number
        "one of the victims",
        "in two operations",
        "up from seven a year before",  # no count in digits before it: nothing says what it counts
        "rose to 26 from seven of them",
        "2023年上半年",  # digits already
    ],
)
def test_words_that_only_look_like_numbers_are_left_alone(text):
    assert spell_out(text).text == text


def test_spans_map_back_to_the_words_in_the_original():
    original = "警方錄得三萬四千宗騙案"
    spelled = spell_out(original)
    start = spelled.text.index("3.4萬")
    s, e = spelled.original_span(start, start + len("3.4萬"))
    assert original[s:e] == "三萬四千"
    after = spelled.text.index("宗")
    assert original[spelled.original_span(after, after + 1)[0]] == "宗"


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("二十點三億", 2_030_000_000),
        ("一百二十點五萬", 1_205_000),
        ("十點五", 10.5),
        ("一千二百點五", 1200.5),
    ],
)
def test_a_point_after_tens_or_hundreds_keeps_them_as_the_whole_part(numeral: str, value: float) -> None:
    assert chinese_to_number(numeral) == value


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("三萬九", 39_000), ("一億二", 120_000_000), ("三千五", 3_500), ("三百五", 350), ("三萬零九", 30_009)],
)
def test_a_last_digit_right_after_a_scale_counts_in_the_scale_below(numeral: str, value: float) -> None:
    assert chinese_to_number(numeral) == value


@pytest.mark.parametrize(
    ("text", "digits"), [("逾萬宗", "逾1萬宗"), ("過萬宗", "過1萬宗"), ("近億元", "近1億元")]
)
def test_a_scale_alone_after_a_bound_is_one_of_it(text: str, digits: str) -> None:
    assert spell_out(text).text == digits


@pytest.mark.parametrize("words", ["千萬不要受騙", "萬一被騙", "上萬人"])
def test_scale_words_that_are_not_amounts_stay_words(words: str) -> None:
    assert spell_out(words).text == words
