"""Rules read from blind round 6's errors in session 12 (issue 8).

Round 6 was written and scored in session 11 and left unread until this session; round 7 was written
and scored before any of these rules existed and stays unread. Each rule is tested in words of this
file's own, not the passages': the series' figures are published ones
(../shared/reference/published_figures.csv), the quantities beside them are made up.
"""

from __future__ import annotations

from datetime import date

from tests.transform.test_figures_blind import _keys
from transform.numerals import spell_out
from transform.periods import find_period_mentions

# --- said aloud ----------------------------------------------------------------------------------


def test_a_year_said_aloud_is_a_year() -> None:
    assert spell_out("cases in twenty twenty-three.").text == "cases in 2023."
    assert spell_out("since nineteen ninety-seven").text == "since 1997"
    assert spell_out("in two thousand and twenty-three").text == "in 2023"


def test_a_count_said_aloud_is_dated_by_the_year_said_aloud() -> None:
    text = (
        "GUEST: Police had six thousand, three hundred and thirty investment fraud cases "
        "in twenty twenty-three."
    )
    assert ("HK", "investment_fraud", "cases", "level", 6330, "2023") in _keys(text, "2024-05-20")


# --- which period --------------------------------------------------------------------------------


def test_the_same_stretch_last_year_is_a_comparison_but_at_the_same_time_is_none() -> None:
    text = "down 0.9 per cent on the same stretch last year, and at the same time losses rose"
    mentions = find_period_mentions(text, ref_date=date(2025, 10, 2))
    assert len(mentions) == 1 and text[mentions[0][0] : mentions[0][1]] == "the same stretch last year"


def test_a_change_on_the_same_stretch_last_year_is_of_the_months_in_force() -> None:
    text = (
        "Technology crime cases came to 19,080 from January to July 2025, "
        "down 0.9 per cent on the same stretch last year."
    )
    assert ("HK", "technology_crime", "cases", "change_pct", -0.9, "2025-01/2025-07") in _keys(
        text, "2025-10-02"
    )


def test_a_legend_after_its_period_dates_the_values_in_brackets() -> None:
    """ "with the first half of 2023 in brackets": the brackets hold that half; the lines are of the
    period the text is about."""
    text = (
        "Police released the figures for January to June 2024, with the first half of 2023 in brackets.\n"
        "Overall crime: 45,315 (42,923)\n"
        "Deception: 19,897 (18,743)\n"
    )
    keys = _keys(text, "2024-08-12")
    assert ("HK", "overall_crime", "cases", "level", 45315, "2024-H1") in keys
    assert ("HK", "overall_crime", "cases", "level", 42923, "2023-H1") in keys
    assert ("HK", "deception", "cases", "level", 19897, "2024-H1") in keys


def test_a_period_left_before_its_value_when_the_verb_is_left_out() -> None:
    """ "In 2013 there were 477, and last year 638": the second clause leaves out its verb."""
    text = "Police recorded 60 naked chat blackmail cases in 2012. In 2013 there were 477, and last year 638."
    keys = _keys(text, "2015-06-10")
    assert ("HK", "naked_chat_blackmail", "cases", "level", 638, "2014") in keys
    assert ("HK", "naked_chat_blackmail", "cases", "level", 477, "2013") in keys


def test_a_quarter_compared_in_words_leaves_the_half_year_in_force() -> None:
    text = (
        "Between January and June 2023 we handled 15,637 technology crime cases. "
        "And the second quarter was worse than the first? "
        "Yes. Online shopping fraud reports came to 4,872 in the half year."
    )
    keys = _keys(text, "2023-08-21")
    assert ("HK", "online_shopping_fraud", "cases", "level", 4872, "2023-H1") in keys


# --- which crime ---------------------------------------------------------------------------------


def test_crime_overall_is_all_crime() -> None:
    text = (
        "Investment fraud cost HK$1.77 billion last year. "
        "That sits against falling crime overall, with 54,225 offences, down 3.2 per cent."
    )
    keys = _keys(text, "2019-03-05")
    assert ("HK", "overall_crime", "cases", "level", 54225, "2018") in keys
    assert ("HK", "overall_crime", "cases", "change_pct", -3.2, "2018") in keys


# --- numbers said aloud ------------------------------------------------------------------------


def test_number_words_before_attacks_and_before_more_than() -> None:
    assert spell_out("Twenty-six such attacks were reported.").text == "26 such attacks were reported."
    assert spell_out("thirty-three more than a year earlier").text == "33 more than a year earlier"


def test_a_hundred_and_so_many_is_a_number_but_a_hundred_alone_stays_a_word() -> None:
    assert spell_out("a hundred and eighty-three more than").text == "183 more than"
    assert spell_out("more than a hundred and forty million dollars").text == "more than 140 million dollars"
    assert spell_out("a hundred cases").text == "a hundred cases"


def test_a_difference_said_aloud_is_a_change() -> None:
    text = (
        "Telephone scams crept up in the first half of 2017: four hundred and forty-three cases, "
        "thirty-three more than a year earlier."
    )
    keys = _keys(text, "2017-07-30")
    assert ("HK", "telephone_deception", "cases", "change_abs", 33, "2017-H1") in keys


# --- a remark between two sentences about one crime --------------------------------------------


def test_losses_after_a_remark_are_of_the_crime_before_it() -> None:
    """ "Some will read that as good news." names nothing; "Losses rose ..." goes on about the crime
    of the sentence before the remark, as sure as if it followed it."""
    text = (
        "Police figures for 2021 show 1,140 telephone deception cases, a decrease of 4.4 per cent. "
        "Some will read that as good news. Losses rose by more than 40 per cent to HK$811 million."
    )
    keys = _keys(text, "2022-02-20")
    assert ("HK", "telephone_deception", "loss", "level", 811e6, "2021") in keys
    assert ("HK", "telephone_deception", "loss", "change_pct", 40, "2021") in keys


def test_a_remark_in_a_new_paragraph_does_not_carry_the_crime_as_surely() -> None:
    text = (
        "Police figures for 2021 show 1,140 telephone deception cases.\n\n"
        "Some will read that as good news. Losses rose by more than 40 per cent to HK$811 million."
    )
    assert not any(k[2] == "loss" for k in _keys(text, "2022-02-20"))


def test_such_cases_point_at_the_crime_a_contrast_turned_to() -> None:
    """電話騙案…，但網上情緣騙案急增。這類騙案…: the crime after 但 is what 這類 points at."""
    text = (
        "今年上半年電話騙案跌幅超過六成，但網上情緣騙案急增。"
        "警方指，這類騙案上半年共有272宗，損失金額達1.37億元。"
    )
    keys = _keys(text, "2018-07-25")
    assert ("HK", "romance_scam", "cases", "level", 272, "2018-H1") in keys
    assert ("HK", "romance_scam", "loss", "level", 1.37e8, "2018-H1") in keys


# --- tables --------------------------------------------------------------------------------------


def test_a_two_column_annex_table_apart_by_one_space() -> None:
    text = "附件\n二○二一年至二○二三年詐騙案宗數\n年份 宗數\n2021 19 249\n2022 27 923\n2023 39 824\n"
    keys = _keys(text, "2024-03-20")
    assert ("HK", "deception", "cases", "level", 19249, "2021") in keys
    assert ("HK", "deception", "cases", "level", 39824, "2023") in keys


def test_one_space_apart_is_no_table_when_the_header_has_more_words() -> None:
    """ "Year on year the count rose" is prose that opens on the word "Year", not a header."""
    text = "Year on year the count rose.\n2022 27 923\n2023 39 824\n"
    assert not any(k[4] == 27923 for k in _keys(text, "2024-03-20"))


def test_from_to_over_the_same_period_within_the_sentence_that_named_its_ends() -> None:
    text = (
        "Police recorded 2 206 technology crime cases in 2011 and 12 916 in 2020, "
        "while losses rose from HK$148 million to HK$2.96 billion over the same period."
    )
    keys = _keys(text, "2021-05-10")
    assert ("HK", "technology_crime", "loss", "level", 1.48e8, "2011") in keys
    assert ("HK", "technology_crime", "loss", "level", 2.96e9, "2020") in keys


# --- Cantonese and lists -------------------------------------------------------------------------


def test_cantonese_last_year_and_a_difference_with_zo() -> None:
    """舊年 is 去年; 多咗 is 多了."""
    text = "警方話今年上半年騙案有19897宗，比舊年同期多咗1154宗，舊年同期係18743宗。"
    keys = _keys(text, "2024-08-10")
    assert ("HK", "deception", "cases", "change_abs", 1154, "2024-H1") in keys
    assert ("HK", "deception", "cases", "level", 18743, "2023-H1") in keys


def test_a_crime_followed_by_its_own_number_is_not_the_next_numbers() -> None:
    """A flattened list "A 3213宗 B總數 39824宗": the total is B's, though A is the more specific word."""
    text = "2023年主要騙案類別的案件數如下：網購騙案 8950宗 電話騙案 3213宗 詐騙案總數 39824宗。"
    keys = _keys(text, "2024-02-07")
    assert ("HK", "deception", "cases", "level", 39824, "2023") in keys
    assert ("HK", "telephone_deception", "cases", "level", 3213, "2023") in keys


def test_a_money_figure_after_its_crimes_count_keeps_the_crime() -> None:
    text = "去年網購騙案有8950宗，損失5.6億元。"
    assert ("HK", "online_shopping_fraud", "loss", "level", 5.6e8, "2023") in _keys(text, "2024-02-07")


def test_a_paragraph_number_at_the_start_of_its_line_counts_nothing() -> None:
    text = (
        "Deception\n"
        "3. Deception cases rose 11.7 per cent in 2024 to 44 480.\n"
        "4) Online shopping fraud was the most common type, with 11 559 cases.\n"
    )
    keys = _keys(text, "2025-02-20")
    assert not any(k[4] in (3, 4) for k in keys)
    assert ("HK", "deception", "cases", "level", 44480, "2024") in keys


def test_a_small_count_opening_a_line_of_a_box_is_still_a_count() -> None:
    """ "7 cases" or "26: ransomware" open a line with a number that counts (no "N." marker)."""
    text = "Ransomware, first half of 2024\n26 cases reported\n"
    assert ("HK", "ransomware", "cases", "level", 26, "2024-H1") in _keys(text, "2024-08-20")


def test_a_table_with_periods_across_its_bar_parted_header() -> None:
    """Periods head the columns (not bare years), crimes head the rows, amounts are written in their
    cells (44.8億元); the lines are a table, not Chinese prose wrapped."""
    text = (
        "二○二四年上半年罪案統計\n"
        "罪案類別｜2024年1月至6月｜2023年1月至6月\n"
        "整體罪案｜45 315｜42 923\n"
        "詐騙｜19 897｜18 743\n"
        "詐騙案損失金額｜44.8億元｜26.9億元\n"
        "註：數字由警方提供。"
    )
    keys = _keys(text, "2024-08-10")
    assert ("HK", "overall_crime", "cases", "level", 45315, "2024-H1") in keys
    assert ("HK", "overall_crime", "cases", "level", 42923, "2023-H1") in keys
    assert ("HK", "deception", "loss", "level", 4.48e9, "2024-H1") in keys
    assert ("HK", "deception", "loss", "level", 2.69e9, "2023-H1") in keys


def test_the_same_in_english() -> None:
    text = (
        "Crime | January to June 2024 | January to June 2023\n"
        "Overall crime | 45,315 | 42,923\n"
        "Deception losses | HK$4.48 billion | HK$2.69 billion\n"
    )
    keys = _keys(text, "2024-08-10")
    assert ("HK", "overall_crime", "cases", "level", 42923, "2023-H1") in keys
    assert ("HK", "deception", "loss", "level", 4.48e9, "2024-H1") in keys


def test_a_row_with_a_cell_of_words_is_refused() -> None:
    text = "Crime | January to June 2024 | January to June 2023\nOverall crime | 45,315 | see note\n"
    assert not any(k[4] == 45315 for k in _keys(text, "2024-08-10"))


def test_the_whole_of_a_year_compared_with_a_half_stays_the_whole_year() -> None:
    text = (
        "In the first half of 2015 alone, 506 naked chat blackmail cases were reported, with victims "
        "losing HK$1.6 million, against HK$2.3 million for the whole of 2014."
    )
    keys = _keys(text, "2015-11-02")
    assert ("HK", "naked_chat_blackmail", "loss", "level", 2.3e6, "2014") in keys


def test_a_year_compared_with_a_half_is_still_its_same_months() -> None:
    """ "against HK$1.1 million in 2014" in a text about a half year: the same half of 2014."""
    text = (
        "In the first half of 2015, victims of naked chat blackmail lost HK$1.6 million, "
        "against HK$1.1 million in 2014."
    )
    keys = _keys(text, "2015-11-02")
    assert ("HK", "naked_chat_blackmail", "loss", "level", 1.1e6, "2014-H1") in keys


def test_yuan_then_the_currency_name_is_that_currency() -> None:
    from transform.figures.numbers import find_numbers

    nums = find_numbers("阻截損失約800億元人民幣（約925億港元），另有3億元新台幣")
    assert [(n.value, n.currency) for n in nums] == [(8e10, "CNY"), (9.25e10, "HKD"), (3e8, "TWD")]


def test_the_whole_year_after_a_year_named_in_the_sentence_is_that_year() -> None:
    text = "去年科技罪案有12 916宗。十年前的二○一一年，全年只有2 206宗。"
    assert ("HK", "technology_crime", "cases", "level", 2206, "2011") in _keys(text, "2021-05-02")


def test_the_whole_year_after_a_year_compared_with_is_the_texts_year() -> None:
    text = "2023年詐騙案較2022年上升，全年共錄得39824宗。"
    assert ("HK", "deception", "cases", "level", 39824, "2023") in _keys(text, "2024-02-06")
