"""Rules read from blind round 5's errors in session 12 (issue 8).

Round 5 was scored once in session 10 and left unread through session 11; round 7 was written and
scored before any of these rules existed, and rounds 6 and 7 stay unread. Each rule is tested in
words of this file's own, not the passages': the series' figures are published ones
(../shared/reference/published_figures.csv), the quantities beside them are made up.
"""

from __future__ import annotations

from datetime import date

from tests.transform.test_figures_blind import _keys
from transform.figures.lines import join_wrapped_lines
from transform.figures.tables import find_table_rows
from transform.periods import parse_period

# --- the lines of a fact box ----------------------------------------------------------------------

_BOX = (
    "Crime at mid-year, as the police gave it\n"
    "The figures below cover January to June 2023:\n"
    "Overall crime: 42,923 cases\n"
    "Deception: 18,743 cases, with losses of HK$2.69 billion\n"
    "Technology crime: 15,637 cases, with losses of HK$2.03 billion\n"
    "Officers said the second quarter was busier than the first, and that most of it was online."
)


def test_long_label_and_value_lines_are_a_box_not_wrapped_prose() -> None:
    """Lines of "Label: value" about as long as one another look like a wrapped layout; each is a
    line of its own, so no value is read with the next line's label or period."""
    joined = join_wrapped_lines(_BOX)
    assert joined is None or "billion\nTechnology" in joined.text


def test_each_line_of_the_box_keeps_its_own_category_and_the_period_above() -> None:
    keys = _keys(_BOX, "2023-08-14")
    assert ("HK", "deception", "loss", "level", 2.69e9, "2023-H1") in keys
    assert ("HK", "technology_crime", "loss", "level", 2.03e9, "2023-H1") in keys
    assert ("HK", "technology_crime", "cases", "level", 15637, "2023-H1") in keys


def test_chinese_box_lines_end_at_their_line_breaks() -> None:
    text = (
        "首九個月主要騙案數字\n"
        "網購騙案：6050宗，按年升42%；損失5100萬元，按年跌15%\n"
        "電話騙案：1687宗，按年升130%；損失7.21億元，按年升8%\n"
        "求職騙案：2252宗，按年升226%；損失3.37億元，按年升633%\n"
        "網上情緣騙案：1176宗，按年跌5%；損失5.12億元\n"
        "註：數字涵蓋今年1月至9月，由警方提供。"
    )
    keys = _keys(text, "2022-11-16")
    assert ("HK", "online_shopping_fraud", "loss", "change_pct", -15, "2022-01/2022-09") in keys
    assert ("HK", "telephone_deception", "loss", "change_pct", 8, "2022-01/2022-09") in keys


def test_a_wrapped_paragraph_still_joins() -> None:
    text = (
        "The Security Bureau said in its written reply to the panel that the number\n"
        "of technology crime cases reported to the police had gone on rising, and it\n"
        "added that officers had recorded 34 112 such cases in the whole of 2023.\n"
    )
    joined = join_wrapped_lines(text)
    assert joined is not None and "number of technology" in joined.text


# --- tables with years down the first column -----------------------------------------------------


def _cells(text: str) -> dict[str, tuple]:
    return {row.label: tuple((v, y) for v, _s, _e, y in row.cells) for row in find_table_rows(text)}


def test_columns_apart_by_runs_of_spaces_with_a_decimal_below_one() -> None:
    text = (
        "Year     Number of cases     Amount involved (HK$ million)\n"
        "2013     477     1.7\n"
        "2014     638     0.4\n"
    )
    cells = _cells(text)
    assert cells["Number of cases"] == ((477, "2013"), (638, "2014"))
    assert cells["Amount involved (HK$ million)"] == ((1.7, "2013"), (0.4, "2014"))


def test_cells_written_as_amounts_and_cells_not_given() -> None:
    """ "about HK$180 million" is a whole amount (no scale from the label); "-(1)" gives no value
    for that year, and the rest of the column still stands."""
    text = (
        "Year\tNo. of cases\tAmount involved\n"
        "2012\t430\tabout HK$180 million\n"
        "2013\t1 153\tHK$760 million\n"
        "2014\t1 095\t-(1)\n"
    )
    cells = _cells(text)
    assert cells["No. of cases"] == ((430, "2012"), (1153, "2013"), (1095, "2014"))
    assert cells["Amount involved"] == ((180e6, "2012"), (760e6, "2013"))


def test_a_year_with_its_months_in_brackets_heads_a_row_of_those_months() -> None:
    text = "Year\tNo. of cases\n2014\t1 095\n2015 (Jan-Jun)\t489\n"
    assert _cells(text)["No. of cases"] == ((1095, "2014"), (489, "2015-H1"))


def test_a_cell_of_words_refuses_the_table() -> None:
    text = "Year\tNo. of cases\tAmount involved\n2013\t1 153\tHK$760 million\n2014\t1 095\tsee note\n"
    assert _cells(text) == {"No. of cases": (), "Amount involved": ()}


def test_email_scam_table_gives_figures_with_the_lead_category() -> None:
    text = (
        "(a) The number of email scam cases and the amounts involved are as follows:\n"
        "Year\tNo. of cases\tAmount involved\n"
        "2012\t430\tabout HK$180 million\n"
        "2013\t1 153\tHK$760 million\n"
    )
    keys = _keys(text, "2015-11-04")
    assert ("HK", "email_scam", "cases", "level", 1153, "2013") in keys
    assert ("HK", "email_scam", "loss", "level", 760e6, "2013") in keys


# --- periods -------------------------------------------------------------------------------------


def test_two_months_listed_with_a_dunhao_are_the_span_of_both() -> None:
    ref = date(2022, 3, 20)
    assert parse_period("今年一、二月", ref_date=ref).label == "2022-01/2022-02"
    assert parse_period("2022年1、2月", ref_date=ref).label == "2022-01/2022-02"


def test_the_year_before_in_chinese_is_a_comparison_with_the_year_the_text_is_about() -> None:
    """前一年 dates the base of a change to one year before the figure's own year, not the text's."""
    text = "2025年詐騙案有43212宗；損失金額由前一年的91.5億元降至81.2億元，下跌11.3%。"
    keys = _keys(text, "2026-02-10")
    assert ("HK", "deception", "loss", "level", 9.15e9, "2024") in keys
    assert ("HK", "deception", "loss", "level", 8.12e9, "2025") in keys
    assert ("HK", "deception", "loss", "change_pct", -11.3, "2025") in keys


def test_a_quarter_named_as_an_aside_leaves_the_months_in_force() -> None:
    """單是首季 ("the first quarter alone") is a part of the months the text is about; 同期 in the
    next sentence is those months, not the quarter."""
    text = "今年首七個月共有19080宗科技罪案。單是首季已有7000多宗。同期勒索軟件個案有26宗。"
    keys = _keys(text, "2025-09-26")
    assert ("HK", "ransomware", "cases", "level", 26, "2025-01/2025-07") in keys


def test_the_english_aside_alone_does_the_same() -> None:
    text = (
        "Technology crime cases totalled 19,080 in the first seven months of the year. "
        "In the first quarter alone there were more than 7,000. "
        "Ransomware cases numbered 26 over the same period."
    )
    assert ("HK", "ransomware", "cases", "level", 26, "2025-01/2025-07") in _keys(text, "2025-09-26")


def test_over_the_same_period_after_a_count_spans_the_period_in_force() -> None:
    text = (
        "Technology crime fell 0.9 per cent in the first seven months to 19,080. "
        "Ransomware attacks totalled 26 over the same period."
    )
    assert ("HK", "ransomware", "cases", "level", 26, "2025-01/2025-07") in _keys(text, "2025-09-26")


def test_over_the_same_period_after_a_change_still_compares() -> None:
    """ "up 3.5 per cent over the same period": the period compared with, a year before."""
    text = (
        "Police recorded 16,182 technology crime cases in the first half of 2024, "
        "up 3.5 per cent over the same period."
    )
    keys = _keys(text, "2024-08-20")
    assert ("HK", "technology_crime", "cases", "change_pct", 3.5, "2024-H1") in keys
    assert not any(k[5] == "2023-H1" and k[3] == "level" and k[4] == 16182 for k in keys)


def test_a_difference_with_a_bound_between_less_and_the_number() -> None:
    """比2015年少逾1740宗: a change of more than 1,740 on 2015, not a count of 2015."""
    text = "2016年電話騙案只有1138宗，比2015年少逾1740宗。"
    keys = _keys(text, "2017-01-24")
    assert ("HK", "telephone_deception", "cases", "change_abs", -1740, "2016") in keys
    assert not any(k[5] == "2015" for k in keys)


# --- what a number counts ------------------------------------------------------------------------


def test_a_crime_named_after_the_number_across_as_is_another_clause_s() -> None:
    """ "Hong Kong crime jumps 29pc as scams surge": the scams are the next clause's subject; the
    29pc is not theirs (with no crime named before it, it is not listed at all)."""
    text = (
        "Hong Kong crime jumps 29pc as scams surge\n"
        "Hong Kong recorded 90,276 crimes last year, up 28.9 per cent from 70,048 in 2022."
    )
    keys = _keys(text, "2024-02-06")
    assert not any(k[1] == "deception" for k in keys)
    assert ("HK", "overall_crime", "cases", "change_pct", 28.9, "2023") in keys


def test_of_them_points_at_the_crime_named_just_before() -> None:
    text = (
        "Deception fell to 7,260 cases last year, helped by a drop in telephone deception: "
        "there were 1,138 of them, with losses of HK$220 million."
    )
    keys = _keys(text, "2017-01-25")
    assert ("HK", "telephone_deception", "cases", "level", 1138, "2016") in keys
    assert ("HK", "deception", "cases", "level", 1138, "2016") not in keys


# --- text out of a PDF ---------------------------------------------------------------------------

_WRAPPED_REPLY = (
    "(1) With the growing use of online services, the number of tech-\n"
    "nology crime cases has continued to rise. In 2023, the Police recorded 34 112\n"
    "such cases, an increase of 50 per cent over the previous year, with the\n"
    "total amount involved reaching about HK$5.5 billion. Most of these were on-\n"
    "line, and the officers of the Police's own specialist anti-\n"
    "deception teams followed each of them up with the banks.\n"
)


def test_a_word_hyphenated_at_a_line_break_is_one_word_again() -> None:
    joined = join_wrapped_lines(_WRAPPED_REPLY)
    assert joined is not None
    assert "number of technology crime cases" in joined.text
    assert "were online" in joined.text
    assert "anti-deception" in joined.text  # a prefix keeps its hyphen


def test_the_category_of_a_hyphen_split_name_is_read() -> None:
    keys = _keys(_WRAPPED_REPLY, "2024-03-20")
    assert ("HK", "technology_crime", "cases", "level", 34112, "2023") in keys
    assert ("HK", "technology_crime", "cases", "change_pct", 50, "2023") in keys


# --- brackets ------------------------------------------------------------------------------------


def test_a_bracket_that_opens_on_a_period_dates_every_number_inside_it() -> None:
    """（去年同期690宗，損失4600萬元）: both values are of the same months a year before."""
    text = "首九個月求職騙案有2252宗，損失3.37億元（去年同期690宗，損失4600萬元）。"
    keys = _keys(text, "2022-11-16")
    assert ("HK", "employment_fraud", "loss", "level", 4.6e7, "2021-01/2021-09") in keys
    assert ("HK", "employment_fraud", "loss", "level", 3.37e8, "2022-01/2022-09") in keys


def test_a_change_in_such_a_bracket_is_of_the_period_outside_it() -> None:
    text = "2025年騙案損失：81.2億元（2024年：91.5億元，跌11.3%）"
    keys = _keys(text, "2026-02-11")
    assert ("HK", "deception", "loss", "change_pct", -11.3, "2025") in keys
    assert ("HK", "deception", "loss", "level", 9.15e9, "2024") in keys


# --- a span gone over twice ----------------------------------------------------------------------


def test_from_to_over_the_same_period_takes_the_ends_of_the_span_before() -> None:
    text = (
        "Technology crime cases rose from 2,206 in 2011 to 12,916 last year, police figures show. "
        "Losses climbed from HK$148 million to HK$2.96 billion over the same period."
    )
    keys = _keys(text, "2021-05-05")
    assert ("HK", "technology_crime", "loss", "level", 1.48e8, "2011") in keys
    assert ("HK", "technology_crime", "loss", "level", 2.96e9, "2020") in keys


def test_the_same_in_chinese() -> None:
    text = "科技罪案由2011年的2 206宗增至去年的12 916宗。同期損失由1.48億元增至29.6億元。"
    keys = _keys(text, "2021-05-05")
    assert ("HK", "technology_crime", "loss", "level", 1.48e8, "2011") in keys
    assert ("HK", "technology_crime", "loss", "level", 2.96e9, "2020") in keys


def test_without_a_span_before_from_to_keeps_its_year_on_year_reading() -> None:
    text = (
        "Technology crime losses climbed from HK$2.03 billion to HK$2.66 billion in the first half of 2024."
    )
    keys = _keys(text, "2024-08-20")
    assert ("HK", "technology_crime", "loss", "level", 2.03e9, "2023-H1") in keys
    assert ("HK", "technology_crime", "loss", "level", 2.66e9, "2024-H1") in keys


def test_the_level_after_a_change_restated_in_cases_is_no_range() -> None:
    """ "went up 52.1 per cent, an increase of 147, to 429": ", to 429" is where the count went."""
    keys = _keys(
        "Romance scams went up 52.1 per cent in the first half of 2020, an increase of 147, to 429.",
        "2020-07-30",
    )
    assert ("HK", "romance_scam", "cases", "level", 429, "2020-H1") in keys
    assert ("HK", "romance_scam", "cases", "change_abs", 147, "2020-H1") in keys


# --- numbers that count nothing of the series ----------------------------------------------------


def test_a_table_number_and_a_footnote_mark_count_nothing() -> None:
    text = (
        "In 2023, a total of 39 824 deception cases were recorded.\n"
        "Table 1: Deception cases by type, 2023(1)\n"
        "Notes:\n"
        "(1) Provisional figures.\n"
    )
    keys = _keys(text, "2024-04-22")
    assert keys == {("HK", "deception", "cases", "level", 39824, "2023")}


def test_counts_of_alerts_and_uses_are_not_cases() -> None:
    text = (
        "From January to October 2025 the Police received 35 831 reports of deception. "
        "The scam-checking tool had been used 5 000 000 times, and some 400 000 alerts had been issued."
    )
    keys = _keys(text, "2025-12-23")
    assert keys == {("HK", "deception", "cases", "level", 35831, "2025-01/2025-10")}


def test_so_many_in_each_hundred_is_a_share() -> None:
    text = "去年整體罪案共94747宗。換言之，每一百宗罪案之中，差不多有47宗是騙案。"
    keys = _keys(text, "2025-02-12")
    assert keys == {("HK", "overall_crime", "cases", "level", 94747, "2024")}
