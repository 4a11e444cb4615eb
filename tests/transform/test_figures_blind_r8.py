"""Rules read from blind round 8's errors in session 13 (issue 8).

Round 8 was written and scored at this session's start (20bce3d), measured again after round 7's
rules while still unread, and then read; round 9 was written while it was being read. Each rule is
tested in words of this file's own, not the passages': the series' figures are published ones
(../shared/reference/published_figures.csv), the quantities beside them are made up.
"""

from __future__ import annotations

from tests.transform.test_figures_blind import _figs, _keys

# --- tables --------------------------------------------------------------------------------------

_TECH_YEARS = {
    ("HK", "technology_crime", "cases", "level", 2206, "2011"),
    ("HK", "technology_crime", "cases", "level", 3015, "2012"),
    ("HK", "technology_crime", "cases", "level", 5133, "2013"),
    ("HK", "technology_crime", "loss", "level", 148_000_000, "2011"),
    ("HK", "technology_crime", "loss", "level", 238_000_000, "2012"),
    ("HK", "technology_crime", "loss", "level", 863_000_000, "2013"),
}


def test_a_caption_line_is_not_wrapped_into_the_table_header_under_it() -> None:
    """A text laid out in lines joins wrapped prose; a caption over "Year | ..." is not prose going on."""
    text = (
        "The Security Bureau set out the figures in an annex to its written reply to the Council,\n"
        "covering each of the three years that the Member had asked about in the question tabled,\n"
        "with the Police's own definition of the crime given in the note under the table below.\n"
        "Technology crime cases and the losses involved in them, 2011 to 2013, as the Police count\n"
        "Year | Number of cases | Losses (HK$ million)\n"
        "2011 | 2 206 | 148\n"
        "2012 | 3 015 | 238\n"
        "2013 | 5 133 | 863\n"
        "Note: technology crime means crime in which a computer is the tool or the target of the crime.\n"
    )
    assert _keys(text, "2014-02-19") >= _TECH_YEARS


def test_a_note_in_brackets_after_a_cell_s_value_is_not_another_value() -> None:
    text = (
        "Technology crime, 2011 to 2013\n"
        "Year | Number of cases | Losses (HK$ million)\n"
        "2011 | 2 206 | 148\n"
        "2012 | 3 015 | 238\n"
        "2013 | 5 133 (provisional) | 863 (provisional)\n"
    )
    assert _keys(text, "2014-02-19") >= _TECH_YEARS


def test_a_change_column_after_two_period_columns_is_the_later_period_s_change() -> None:
    text = (
        "表一：主要罪案數字\n"
        "類別｜2020年上半年｜2021年上半年｜變幅\n"
        "整體罪案｜32 345｜30 871｜-4.6%\n"
        "詐騙｜8 129｜8 699｜+7.0%\n"
    )
    figures = _figs(text, "2021-07-27")
    keys = {(f.category, f.kind, f.value, f.period, f.compared_with) for f in figures}
    assert ("overall_crime", "change_pct", -4.6, "2021-H1", "2020-H1") in keys
    assert ("deception", "change_pct", 7.0, "2021-H1", "2020-H1") in keys
    assert ("deception", "level", 8129, "2020-H1", None) in keys
    assert ("overall_crime", "level", 30871, "2021-H1", None) in keys


def test_a_change_column_in_english_with_a_dash_for_no_change_given() -> None:
    text = (
        "Crime | January to June 2020 | January to June 2021 | % change\n"
        "Overall crime | 32,345 | 30,871 | -4.6%\n"
        "Deception | 8,129 | 8,699 | -\n"
    )
    keys = _keys(text, "2021-07-27")
    assert ("HK", "overall_crime", "cases", "change_pct", -4.6, "2021-H1") in keys
    assert ("HK", "deception", "cases", "level", 8699, "2021-H1") in keys
    assert not any(k[1] == "deception" and k[3] == "change_pct" for k in keys)


# --- which period --------------------------------------------------------------------------------


def test_the_same_period_last_year_in_brackets_is_a_legend_before_a_colon() -> None:
    text = (
        "Police statistics for January to June, with the same period last year in brackets:\n"
        "Overall crime: 45,315 (42,923)\n"
        "Violent crime: 5,156 (4,759)\n"
    )
    keys = _keys(text, "2024-09-10")
    assert ("HK", "overall_crime", "cases", "level", 42923, "2023-H1") in keys
    assert ("HK", "violent_crime", "cases", "level", 5156, "2024-H1") in keys
    assert ("HK", "violent_crime", "cases", "level", 4759, "2023-H1") in keys


def test_a_comparison_over_years_is_no_base_for_the_sentences_after_it() -> None:
    text = (
        "Deception cases fell to 43,212 last year. Cases last year were still more than five times the "
        "number recorded in 2019. Overall crime also eased, to 89,137 from 94,747."
    )
    keys = _keys(text, "2026-02-19")
    assert ("HK", "overall_crime", "cases", "level", 94747, "2024") in keys
    assert ("HK", "overall_crime", "cases", "level", 89137, "2025") in keys


def test_a_quarter_compared_with_before_a_semicolon_is_not_the_base_after_it() -> None:
    text = "首季整體罪案按年上升近五成，較去年第四季則只微升約2%；詐騙案有8 886宗，升幅達65%。"
    assert ("HK", "deception", "cases", "change_pct", 65, "2023-Q1") in _keys(text, "2023-05-17")


# --- what is no statistic ------------------------------------------------------------------------


def test_what_an_anti_scam_drive_fights_is_no_figure_s_crime() -> None:
    text = (
        "Police took their anti-scam roadshow to a school, telling students that naked chat blackmail "
        "is no rare crime. In the first half of this year such cases numbered 493, an increase of 287."
    )
    keys = _keys(text, "2021-08-05")
    assert ("HK", "naked_chat_blackmail", "cases", "level", 493, "2021-H1") in keys
    assert not any(k[1] == "deception" for k in keys)


def test_money_in_a_first_person_quote_or_after_a_time_phrase_and_a_person_is_one_story() -> None:
    text = "去年網購騙案有11 559宗。受害人陳小姐說：「我即刻過咗三千八百蚊，之後個account就消失咗。」"
    assert _keys(text, "2025-04-18") == {("HK", "online_shopping_fraud", "cases", "level", 11559, "2024")}
    en = (
        "Telephone deception cases numbered 609 in the first seven months. "
        "Last month a retired teacher lost more than $5 million to a caller posing as an official."
    )
    assert not any(k[2] == "loss" for k in _keys(en, "2017-08-30"))


def test_share_prices_districts_and_counts_of_charges_are_no_series() -> None:
    assert not _keys(
        "Deception rose last year. The bank's shares closed 0.8 per cent higher at HK$62.35.", "2024-03-05"
    )
    text = "今年首四個月全港共錄得17 280宗罪案；區內同期則有約1 000宗罪案。"
    keys = _keys(text, "2018-05-30")
    assert ("HK", "overall_crime", "cases", "level", 17280, "2018-01/2018-04") in keys
    assert not any(k[4] == 1000 for k in keys)
    assert not _keys("The defendant pleaded guilty to 15 counts of fraud last year.", "2025-04-22")


def test_what_victims_paid_out_is_a_loss() -> None:
    text = (
        "The force handled 638 naked chat blackmail cases last year, "
        "and victims paid out a total of HK$2.3 million."
    )
    assert ("HK", "naked_chat_blackmail", "loss", "level", 2_300_000, "2014") in _keys(text, "2015-06-10")


def test_guangdong_and_a_mainland_city_s_bureau_are_the_mainland() -> None:
    text = (
        "香港今年上半年共錄得詐騙案19 897宗。"
        "另據深圳市公安局通報，當地今年以來破獲電信網絡詐騙案件1.2萬餘起。"
    )
    keys = _keys(text, "2024-08-15")
    assert ("HK", "deception", "cases", "level", 19897, "2024-H1") in keys
    assert not any(k[0] == "HK" and k[4] == 12000 for k in keys)


def test_e_mails_blocked_and_a_citizen_s_purchase_are_no_series() -> None:
    en = "A vendor blocked 1.4 billion phishing e-mails in the first half of 2023."
    assert not _keys(en, "2023-08-25")
    zh = "今年首九個月網購騙案有6 050宗。有市民日前在社交平台以2.4萬元購買特價旅行團。"
    assert _keys(zh, "2022-11-20") == {
        ("HK", "online_shopping_fraud", "cases", "level", 6050, "2022-01/2022-09")
    }


def test_a_fee_named_after_an_amount_or_an_amount_nearly_paid_is_no_loss() -> None:
    text = (
        "Deception cases rose last year. "
        'A caller asked one member for a HK$300 "customs fee" to release a parcel.'
    )
    assert not any(k[2] == "loss" for k in _keys(text, "2019-06-01"))
    zh = "今年首十個月社交媒體騙案有1 777宗。其中一位會友差點匯出八萬元「通關費」。"
    assert not any(k[2] == "loss" for k in _keys(zh, "2018-12-20"))


def test_a_change_over_two_years_named_after_it_is_no_year_on_year_change() -> None:
    text = (
        "Technology crime cases reached 7,680 in the first quarter of 2025, "
        "a rise of roughly 4 per cent over two years."
    )
    keys = _keys(text, "2025-05-10")
    assert ("HK", "technology_crime", "cases", "level", 7680, "2025-Q1") in keys
    assert not any(k[3] == "change_pct" for k in keys)


def test_such_cases_right_after_a_number_point_back_not_forward() -> None:
    text = (
        "Hong Kong companies lost HK$760 million to e-mail scams last year. There were 1,153 such cases, "
        "part of a wider rise in technology crime."
    )
    assert ("HK", "email_scam", "cases", "level", 1153, "2013") in _keys(text, "2014-02-10")
    same = (
        "E-mail scams, in which fraudsters pose as suppliers, made up much of the money lost: there were "
        "1,153 such cases last year."
    )
    assert ("HK", "email_scam", "cases", "level", 1153, "2013") in _keys(same, "2014-02-10")


# --- which crime, and what it counts --------------------------------------------------------------


def test_a_crime_named_in_a_with_aside_as_the_bulk_is_no_subject() -> None:
    text = (
        "Technology crime cases reached 15,637 in the first half of 2023. Losses came to HK$2.03 billion, "
        "the force said, with online fraud making up the bulk of the cases."
    )
    keys = _keys(text, "2023-08-16")
    assert ("HK", "technology_crime", "loss", "level", 2_030_000_000, "2023-H1") in keys
    assert not any(k[1] == "internet_deception" for k in keys)


def test_a_part_described_by_what_is_no_crime_is_no_figure() -> None:
    text = (
        "There were 474 telephone deception cases in the first quarter of 2024. "
        "Callers posing as officials were behind 212 of the cases, police said."
    )
    keys = _keys(text, "2024-05-15")
    assert ("HK", "telephone_deception", "cases", "level", 474, "2024-Q1") in keys
    assert not any(k[4] == 212 for k in keys)


def test_a_part_opening_its_sentence_or_naming_its_crime_is_kept() -> None:
    """Guards: "Fifty of the cases were ..." goes on counting; "26 of the cases involved ransomware"."""
    text = (
        "Police recorded 19,080 technology crime cases in the first seven months of 2025. "
        "Twenty-six of the cases involved ransomware."
    )
    assert ("HK", "ransomware", "cases", "level", 26, "2025-01/2025-07") in _keys(text, "2025-09-20")


def test_a_crime_named_after_and_is_not_the_subject_of_a_number_before_it() -> None:
    text = (
        "Technology crime cases fell 0.9 per cent to 19,080 in the first seven months of 2025. But victims "
        "still handed over more than HK$3.6 billion, and ransomware is now hitting small clinics."
    )
    keys = _keys(text, "2025-10-05")
    assert ("HK", "technology_crime", "loss", "level", 3_600_000_000, "2025-01/2025-07") in keys


def test_an_increase_of_n_restates_the_count_of_its_sentence() -> None:
    text = (
        "Overall crime reached 32,345 cases in the first six months of 2020. Deception drove most of it. "
        "Cases climbed to 8,129 from 3,855 in the same period of 2019, an increase of 4,274."
    )
    keys = _keys(text, "2020-07-31")
    assert ("HK", "deception", "cases", "change_abs", 4274, "2020-H1") in keys
    text = (
        "There were 6,678 online shopping fraud cases in 2020, "
        "about three times the 2,194 of the year before."
    )
    assert ("HK", "online_shopping_fraud", "cases", "level", 2194, "2019") in _keys(text, "2021-05-04")


def test_after_an_opening_concession_the_main_clause_s_crime_goes_on() -> None:
    text = (
        "While overall crime fell 4.5 per cent to 33 126 cases in the first seven months, telephone "
        "deception moved the other way. From January to July there were 609 reports, 30 per cent more "
        "than a year earlier."
    )
    keys = _keys(text, "2017-08-30")
    assert ("HK", "telephone_deception", "cases", "level", 609, "2017-01/2017-07") in keys
    assert ("HK", "overall_crime", "cases", "level", 33126, "2017-01/2017-07") in keys


def test_on_the_year_names_no_period_for_the_parts_after_it() -> None:
    """按年升130% in one part of a line does not date the next part (；損失7.21億元) to last year."""
    text = (
        "警方公布今年首九個月的騙案數字，各類別如下：\n"
        "電話騙案：1 687宗（去年同期735宗），按年升130%；損失7.21億元，升8%；\n"
    )
    keys = _keys(text, "2022-11-30")
    assert ("HK", "telephone_deception", "loss", "level", 721_000_000, "2022-01/2022-09") in keys
    assert ("HK", "telephone_deception", "loss", "change_pct", 8, "2022-01/2022-09") in keys
    assert ("HK", "telephone_deception", "cases", "level", 735, "2021-01/2021-09") in keys
