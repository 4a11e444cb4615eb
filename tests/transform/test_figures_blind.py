"""Rules read from passages written blind (issue 8, session 9).

Three helpers who had not seen the reader wrote 108 passages around published figures in the
styles they chose (news, briefs, live blogs, editorials, LegCo replies, press releases, Simplified
reports) and annotated them by ANNOTATION.md; they were scored once before anyone looked at their
errors (README "Written blind"). The misses and extras became the rules tested here, each in words
of this file's own, not the passages': the series' figures are published ones
(../shared/reference/published_figures.csv), the quantities beside them are made up.
"""

from __future__ import annotations

from datetime import date

import pytest

from transform.figures.extractor import Figure, extract_figures


def _figs(text: str, ref: str) -> list[Figure]:
    return [f for f in extract_figures(text, ref_date=date.fromisoformat(ref)) if f.confidence >= 0.55]


def _keys(text: str, ref: str) -> set[tuple]:
    return {(f.jurisdiction, f.category, f.metric, f.kind, f.value, f.period) for f in _figs(text, ref)}


# --- how a series is named ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "社交網絡騙案去年有1 239宗，損失約7 000萬元。",
        "透過社交媒體進行的騙案去年有1 239宗，損失約7 000萬元。",
        "經社交網站進行的騙案去年有1 239宗，損失約7 000萬元。",
        "Frauds committed through social media numbered 1,239 last year, with losses of HK$70 million.",
        "Scams carried out on social networking sites numbered 1,239 last year, losses HK$70 million.",
    ],
)
def test_fraud_through_social_networks_is_social_media_deception(text) -> None:
    keys = {k for k in _keys(text, "2015-01-28") if k[0] == "HK"}
    assert ("HK", "social_media_deception", "cases", "level", 1239, "2014") in keys
    assert ("HK", "social_media_deception", "loss", "level", 70e6, "2014") in keys


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Reported crime in the city rose last year to 90,276 cases.", 90276),
        ("Recorded crime fell 8.7 per cent last year to 60,646.", 60646),
        ("The crime count reached 90,276 last year.", 90276),
    ],
)
def test_reported_or_recorded_crime_and_the_crime_count_are_overall_crime(text, value) -> None:
    ref = "2017-01-25" if value == 60646 else "2024-02-07"
    year = "2016" if value == 60646 else "2023"
    assert ("HK", "overall_crime", "cases", "level", value, year) in _keys(text, ref)


def test_a_headline_about_fraud_does_not_name_the_counted_thing_of_a_sentence_about_reported_crime() -> None:
    text = "Scams drive the city's crime up\n\nReported crime climbed last year, with 90,276 cases recorded."
    keys = _keys(text, "2024-02-07")
    assert ("HK", "overall_crime", "cases", "level", 90276, "2023") in keys
    assert not any(k[1] == "deception" for k in keys)


# --- a place word in one item of a Chinese list does not place the next --------------------------


def test_a_chinese_numbered_list_item_starts_afresh_after_a_place_word_about_victims() -> None:
    text = (
        "去年騙案升幅主要來自兩類：\n"
        "一、電話騙案2 880宗，按年上升29.7%，受害人多為內地來港的學生；\n"
        "二、社交網絡騙案1 422宗，按年增加183宗。"
    )
    keys = _keys(text, "2016-01-27")
    assert ("HK", "social_media_deception", "cases", "level", 1422, "2015") in keys
    assert ("HK", "social_media_deception", "cases", "change_abs", 183, "2015") in keys


# --- what a bracket says -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "今年上半年主要數字（括號內為去年同期）：詐騙案19 897宗（18 743宗）；暴力罪案5 156宗（4 759宗）。",
        "今年上半年主要數字如下，括號內的數字為去年同期：\n"
        "詐騙案19 897宗（18 743宗）\n暴力罪案5 156宗（4 759宗）",
        "First-half figures (numbers in brackets are for the same period last year): deception 19,897 "
        "cases (18,743); violent crime 5,156 cases (4,759).",
    ],
)
def test_a_bracket_legend_dates_the_values_in_brackets_and_not_the_first_number(text) -> None:
    keys = _keys(text, "2024-08-11")
    assert ("HK", "deception", "cases", "level", 19897, "2024-H1") in keys
    assert ("HK", "deception", "cases", "level", 18743, "2023-H1") in keys
    assert ("HK", "violent_crime", "cases", "level", 5156, "2024-H1") in keys
    assert ("HK", "violent_crime", "cases", "level", 4759, "2023-H1") in keys


def test_a_period_labelling_a_value_in_brackets_is_not_the_sentence_period() -> None:
    text = (
        "Deception in the first half of 2024 rose again.\n"
        "Violent crime: 5,156 cases (first half of 2023: 4,759)."
    )
    keys = _keys(text, "2024-08-11")
    assert ("HK", "violent_crime", "cases", "level", 5156, "2024-H1") in keys
    assert ("HK", "violent_crime", "cases", "level", 4759, "2023-H1") in keys


# --- a Chinese difference without 較 ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("今年上半年詐騙案有19 897宗，按年多1 154宗。", 1154),
        ("今年上半年詐騙案由去年同期的18 743宗增至19 897宗，多1 154宗。", 1154),
        ("今年上半年詐騙案有19 897宗，按年少1 154宗。", -1154),
    ],
)
def test_duo_or_shao_opening_a_clause_is_an_absolute_change(text, value) -> None:
    keys = _keys(text, "2024-08-11")
    assert ("HK", "deception", "cases", "change_abs", value, "2024-H1") in keys
    assert not any(k[3] == "level" and k[4] == abs(value) for k in keys)


# --- a list of the kinds of fraud, each labelled by its bare modifier -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Main types of fraud last year: online shopping, 8,950 cases; investment, 6,330; telephone, 3,213.",
        "Fraud by type, last year\nOnline shopping: 8,950 | Investment: 6,330 | Telephone: 3,213 | "
        "All deception: 39,824",
        "去年騙案按類別：網購8 950宗、投資6 330宗、電話3 213宗。",
    ],
)
def test_a_list_of_kinds_of_fraud_labels_each_value_by_its_kind(text) -> None:
    keys = _keys(text, "2024-02-08")
    assert ("HK", "online_shopping_fraud", "cases", "level", 8950, "2023") in keys
    assert ("HK", "investment_fraud", "cases", "level", 6330, "2023") in keys
    assert ("HK", "telephone_deception", "cases", "level", 3213, "2023") in keys


def test_a_bare_modifier_outside_a_sentence_about_fraud_names_no_kind() -> None:
    # "investment, 6,330" in a sentence that names no fraud: a list of something else
    keys = _keys(
        "Last year the city's banks handled: investment, 6,330 cases; telephone, 3,213.", "2024-02-08"
    )
    assert not any(k[1] in ("investment_fraud", "telephone_deception") for k in keys)


# --- a sentence that counts "such cases" keeps the subject fresh for the next -------------------------


@pytest.mark.parametrize("counted", ["15,637 such cases", "15,637 of these crimes"])
def test_a_sentence_counting_the_carried_subject_keeps_it_for_the_next_sentence(counted) -> None:
    text = (
        "Technology crime jumped 47.3 per cent in the first half of 2023. "
        f"Police logged {counted} between January and June. Losses came to HK$2.03 billion."
    )
    assert ("HK", "technology_crime", "loss", "level", 2.03e9, "2023-H1") in _keys(text, "2023-08-16")


# --- days are no calendar months ------------------------------------------------------------------


@pytest.mark.parametrize(
    "later",
    [
        "In the first 12 days of December, a further 1,100 cases were reported.",
        "Over the past five days another 1,100 cases came in.",
        "十二月首12日再有1 100宗。",
        "過去三天再錄得1 100宗。",
        "Yesterday alone, 1,100 more cases were reported.",
        "昨日再接獲1 100宗。",
    ],
)
def test_a_count_of_some_days_or_of_one_day_is_not_read(later) -> None:
    text = f"There were 36,405 deception cases from January to October. {later}"
    values = {k[4] for k in _keys(text, "2024-12-13")}
    assert 36405 in values
    assert 1100 not in values


@pytest.mark.parametrize(
    "text",
    [
        "Police said yesterday that 39,824 deception cases were recorded last year.",
        "警方昨日公布，去年共錄得39 824宗騙案。",
        "警方今日（6日）指，去年共錄得39 824宗騙案。",
    ],
)
def test_the_day_figures_are_told_does_not_date_them(text) -> None:
    assert ("HK", "deception", "cases", "level", 39824, "2023") in _keys(text, "2024-02-06")


def test_duo_after_an_year_on_year_word_and_a_category_is_an_absolute_change() -> None:
    keys = _keys("今年上半年詐騙案按年多1 154宗，升6.2%。", "2024-08-11")
    assert ("HK", "deception", "cases", "change_abs", 1154, "2024-H1") in keys


# --- a class of crime is no crime named ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "今年首九個月，騙案是升幅最大的罪案類別，由去年同期的13 920宗增至19 444宗。",
        "In the first nine months, deception was the crime category that grew fastest, from 13,920 cases "
        "a year earlier to 19,444.",
    ],
)
def test_the_words_crime_category_do_not_make_a_count_overall_crime(text) -> None:
    keys = _keys(text, "2022-10-27")
    assert ("HK", "deception", "cases", "level", 19444, "2022-01/2022-09") in keys
    assert not any(k[1] == "overall_crime" for k in keys)


# --- the part of a sentence after ； that opens on its period ----------------------------------------


@pytest.mark.parametrize(
    "later",
    [
        "去年同期只有690宗，損失約4 600萬元，個案是去年的三倍多。",
        "二〇二一年同期的數字分別為690宗及4 600萬元。",
    ],
)
def test_a_part_opening_on_the_same_period_a_year_before_dates_all_its_figures(later) -> None:
    text = f"今年首九個月共接獲2 252宗求職騙案，損失3.37億元；{later}"
    keys = _keys(text, "2022-11-30")
    assert ("HK", "employment_fraud", "cases", "level", 690, "2021-01/2021-09") in keys
    assert ("HK", "employment_fraud", "loss", "level", 46e6, "2021-01/2021-09") in keys


# --- a change told by its noun, then its size; the day figures came out -----------------------------


def test_a_percentage_apposed_to_the_noun_of_a_change_is_that_change() -> None:
    text = (
        "Police figures released last month show 27,923 deception cases in 2022. "
        "That is a sharp increase, 45.1 per cent on the 19,249 cases of 2021."
    )
    keys = _keys(text, "2023-03-01")
    assert ("HK", "deception", "cases", "change_pct", 45.1, "2022") in keys
    assert ("HK", "deception", "cases", "level", 19249, "2021") in keys


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Figures published last month show 39,824 deception cases.", None),  # the month they came out
        ("Police released the figures for the first half of 2023: 15,637 technology crimes.", "2023-H1"),
    ],
)
def test_the_month_figures_came_out_is_not_their_period(text, period) -> None:
    figs = extract_figures(text, ref_date=date.fromisoformat("2023-08-20"))
    assert [f.period for f in figs if f.value in (39824, 15637)] == [period]


# --- fact boxes and flattened tables ----------------------------------------------------------------


def test_each_bullet_of_a_chinese_fact_box_is_its_own_line() -> None:
    text = "【數字一覽】去年騙案\n・網購騙案：8 950宗\n・投資騙案：6 330宗\n・電話騙案：3 213宗"
    keys = _keys(text, "2024-02-20")
    assert ("HK", "online_shopping_fraud", "cases", "level", 8950, "2023") in keys
    assert ("HK", "investment_fraud", "cases", "level", 6330, "2023") in keys
    assert ("HK", "telephone_deception", "cases", "level", 3213, "2023") in keys


def test_a_table_flattened_with_bars_pairs_each_label_with_the_value_after_it() -> None:
    text = (
        "Deception cases recorded in 2023 by major type: Type | Cases | Online shopping fraud | 8 950 | "
        "Investment fraud | 6 330 | Telephone deception | 3 213 | All deception cases | 39 824"
    )
    keys = _keys(text, "2024-04-15")
    assert ("HK", "online_shopping_fraud", "cases", "level", 8950, "2023") in keys
    assert ("HK", "investment_fraud", "cases", "level", 6330, "2023") in keys
    assert ("HK", "telephone_deception", "cases", "level", 3213, "2023") in keys
    assert ("HK", "deception", "cases", "level", 39824, "2023") in keys


def test_an_amount_in_yi_without_a_classifier_is_money_not_cases() -> None:
    text = "去年騙案損失約48億元。按手法計，投資騙案損失約18億，電話騙案約10億。"
    keys = _keys(text, "2023-02-15")
    assert ("HK", "telephone_deception", "loss", "level", 1e9, "2022") in keys
    assert not any(k[2] == "cases" and k[4] >= 1e7 for k in keys)


def test_duo_after_the_count_compared_with_is_an_absolute_change() -> None:
    keys = _keys("今年上半年騙案共19 897宗，較去年同期的18 743宗多1 154宗，升6.2%。", "2024-08-10")
    assert ("HK", "deception", "cases", "change_abs", 1154, "2024-H1") in keys


def test_benao_is_macao() -> None:
    keys = _keys("司法警察局公佈，今年上半年本澳錄得詐騙案700宗，按年減少一成。", "2024-08-02")
    assert not any(k[0] == "HK" for k in keys)


# --- the same quarter, the same months --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ref", "period"),
    [
        (
            "Police received 474 telephone deception reports in the first quarter, 21 per cent fewer than in "
            "the same quarter last year.",
            "2024-05-14",
            "2024-Q1",
        ),
        (
            "Between January and October, police received 1,369 romance scam reports, up 80 per cent on the "
            "same months of 2020.",
            "2021-12-03",
            "2021-01/2021-10",
        ),
    ],
)
def test_the_same_quarter_or_months_of_a_year_before_is_the_comparison(text, ref, period) -> None:
    changes = [k for k in _keys(text, ref) if k[3] == "change_pct"]
    assert [k[5] for k in changes] == [period]


def test_crimes_over_the_same_months_are_of_the_period_in_force() -> None:
    text = (
        "Macao recorded 5 912 crimes in the first half of this year. Hong Kong reported 42 923 crimes over "
        "the same six months, up from 31 434 in the first half of 2022."
    )
    assert ("HK", "overall_crime", "cases", "level", 42923, "2023-H1") in _keys(text, "2023-08-12")


# --- number-first lines: "19,080: technology crime cases", "15.9% - the drop in violent crime" --------


def test_number_first_lines_are_items_each_saying_what_its_number_counts() -> None:
    text = (
        "In figures: technology crime this year\n"
        "19,080: technology crime cases reported from January to July\n"
        "0.9%: the fall in those cases on a year earlier\n"
        "26: ransomware cases over the same seven months"
    )
    keys = _keys(text, "2025-09-27")
    assert ("HK", "technology_crime", "cases", "level", 19080, "2025-01/2025-07") in keys
    assert ("HK", "technology_crime", "cases", "change_pct", -0.9, "2025-01/2025-07") in keys
    assert ("HK", "ransomware", "cases", "level", 26, "2025-01/2025-07") in keys


def test_a_percentage_before_a_dash_and_the_noun_of_a_change_is_that_change() -> None:
    text = "Crime in 2025 in figures\n89,137 - crimes recorded in 2025\n15.9% - the drop in violent crime"
    keys = _keys(text, "2026-02-13")
    assert ("HK", "violent_crime", "cases", "change_pct", -15.9, "2025") in keys


# --- the comparison's own period, written once for two figures or in a "when" clause --------------


def test_a_count_and_amount_compared_share_the_period_written_after_both() -> None:
    text = (
        "Last year police received 980 investment fraud reports, compared with 208 cases "
        "and HK$125 million in 2017."
    )
    keys = _keys(text, "2022-05-08")
    assert ("HK", "investment_fraud", "cases", "level", 208, "2017") in keys
    assert ("HK", "investment_fraud", "loss", "level", 125e6, "2017") in keys


def test_a_when_clause_dates_its_count_by_the_year_since() -> None:
    text = (
        "Deception reached 39 824 cases in 2023. It has grown almost fivefold since "
        "2018, when 8 372 cases were recorded."
    )
    assert ("HK", "deception", "cases", "level", 8372, "2018") in _keys(text, "2024-03-04")


def test_the_year_of_a_figure_compared_as_a_multiple_is_not_the_sentence_period() -> None:
    text = (
        "Overall crime rose in 2020. A total of 15 553 deception cases were recorded, "
        "almost double the 2019 figure of 8 216."
    )
    keys = _keys(text, "2021-06-30")
    assert ("HK", "deception", "cases", "level", 15553, "2020") in keys


@pytest.mark.parametrize(
    "source",
    ["Citing figures from the Police, the HKMA said", "The HKMA said, according to police figures,"],
)
def test_another_body_citing_the_police_passes_on_the_police_count(source) -> None:
    text = f"{source} 474 telephone deception cases were reported in the first quarter of 2024."
    assert ("HK", "telephone_deception", "cases", "level", 474, "2024-Q1") in _keys(text, "2024-05-20")


def test_another_body_giving_its_own_count_is_still_refused() -> None:
    text = "The HKMA said banks handled 474 suspicious transfers in the first quarter of 2024."
    assert not _keys(text, "2024-05-20")


def test_duo_yu_after_a_from_to_pair_is_a_bounded_absolute_change() -> None:
    keys = _keys("今年上半年詐騙案由去年同期的8699宗增至12326宗，上升41.7%，多逾3000宗。", "2022-07-27")
    assert ("HK", "deception", "cases", "change_abs", 3000, "2022-H1") in keys


def test_a_period_in_a_later_clause_of_a_part_dates_only_that_clause() -> None:
    text = "去年本港科技罪案共有5133宗，較前年的3015宗大幅增加；損失金額約8.63億元，前年則為2.38億元。"
    keys = _keys(text, "2014-01-30")
    assert ("HK", "technology_crime", "loss", "level", 8.63e8, "2013") in keys
    assert ("HK", "technology_crime", "loss", "level", 2.38e8, "2012") in keys


# --- a part by victim; "N more"; "above"; a relative clause's year ------------------------------------


@pytest.mark.parametrize(
    "part",
    [
        "Older victims reported about 800 such cases and lost more than HK$400 million.",
        "Victims aged 60 or over reported about 800 of them.",
    ],
)
def test_a_part_of_a_series_by_victim_is_not_read(part) -> None:
    text = f"Telephone deception cases totalled 3,213 last year. {part}"
    values = {k[4] for k in _keys(text, "2024-06-10")}
    assert 3213 in values
    assert not values & {800, 400e6}


def test_victims_with_their_age_range_are_all_the_victims() -> None:
    text = (
        "In 2018 there were 143 job scams, in which 220 victims aged 11 to 60 were "
        "cheated of HK$19.2 million."
    )
    assert ("HK", "employment_fraud", "loss", "level", 19.2e6, "2018") in _keys(text, "2019-05-23")


def test_n_more_ending_a_clause_is_an_absolute_change() -> None:
    text = (
        "Police logged 19,897 deception cases in the first half of 2024, up from 18,743: "
        "1,154 more, or 6.2 per cent."
    )
    keys = _keys(text, "2024-08-11")
    assert ("HK", "deception", "cases", "change_abs", 1154, "2024-H1") in keys


def test_a_percentage_above_the_year_before_is_a_rise() -> None:
    text = "Police logged 11,559 online shopping fraud cases in 2024, 29 per cent above the 2023 total."
    assert ("HK", "online_shopping_fraud", "cases", "change_pct", 29, "2024") in _keys(text, "2025-04-17")


def test_a_year_in_a_relative_clause_does_not_date_the_sentences_after() -> None:
    text = (
        "Crime fell 8.7 per cent in 2016, to 60,646 cases. Telephone scams, which had "
        "surged in 2015, fell back. "
        "Police put the number of such cases at 1,138."
    )
    assert ("HK", "telephone_deception", "cases", "level", 1138, "2016") in _keys(text, "2017-01-25")


def test_a_count_of_transfers_is_no_count_of_cases() -> None:
    text = (
        "Deception cases rose to 19,897 in the first half of 2024. One retiree made more than 20 transfers."
    )
    assert 20 not in {k[4] for k in _keys(text, "2024-08-11")}


# --- a heading over a fact box -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "box",
    [
        "Technology crime, first half of 2023\nCases: 15,637\nLosses: HK$2.03 billion",
        "Technology crime, first half of 2023\n• Cases: 15,637\n• Losses: HK$2.03 billion",
        "Technology crime, first half of 2023\nCases: 15,637\nLosses (HK$): 2.03 billion",
    ],
)
def test_the_lines_under_a_heading_count_what_it_names_in_its_period(box) -> None:
    figs = _figs(box, "2023-08-20")
    keys = {(f.category, f.metric, f.value, f.period) for f in figs}
    assert ("technology_crime", "cases", 15637, "2023-H1") in keys
    assert ("technology_crime", "loss", 2.03e9, "2023-H1") in keys
    assert all(f.evidence["category_rule"] == "heading" for f in figs)


def test_a_sentence_after_a_fact_box_is_no_longer_under_its_heading() -> None:
    text = (
        "Technology crime, first half of 2023\nCases: 15,637\nOfficers also spoke at 300 schools this year."
    )
    rules = [f.evidence["category_rule"] for f in extract_figures(text, ref_date=date(2023, 8, 20))]
    assert rules == ["heading"]


# --- outlets outside Hong Kong, and a review over the years --------------------------------------------


def test_the_month_hong_kong_police_released_figures_does_not_date_them() -> None:
    text = "香港警方上月底公布，今年首七個月當地共錄得19 080宗科技罪案，按年微跌0.9%。"
    keys = _keys(text, "2025-10-05")
    assert ("HK", "technology_crime", "cases", "change_pct", -0.9, "2025-01/2025-07") in keys


def test_our_country_in_a_paper_elsewhere_is_not_hong_kong() -> None:
    text = "我國去年接獲的詐騙舉報超過四萬六千宗。香港警方公布，去年全港共錄得39 824宗詐騙案。"
    keys = _keys(text, "2024-02-20")
    assert ("HK", "deception", "cases", "level", 39824, "2023") in keys
    assert not any(k[0] == "HK" and k[4] == 46000 for k in keys)


def test_where_much_of_an_amount_came_from_is_not_its_category() -> None:
    text = (
        "Technology crime reached 5,133 cases in 2013, when losses approached HK$863 "
        "million, much of it from e-mail scams."
    )
    keys = _keys(text, "2021-05-10")
    assert ("HK", "technology_crime", "loss", "level", 863e6, "2013") in keys


def test_a_year_later_is_the_year_after_the_period_in_force() -> None:
    text = (
        "In 2015 police recorded 2,880 telephone deception cases. "
        "A year later the count had fallen to 1,138, and victims lost HK$220 million."
    )
    keys = _keys(text, "2025-01-10")
    assert ("HK", "telephone_deception", "cases", "level", 1138, "2016") in keys
    assert ("HK", "telephone_deception", "loss", "level", 220e6, "2016") in keys


def test_a_count_apposed_to_the_number_of_cases_counts_cases() -> None:
    text = (
        "Telephone scams fell back. By 2021 the number of telephone deception cases, "
        "1,140, was almost unchanged."
    )
    assert ("HK", "telephone_deception", "cases", "level", 1140, "2021") in _keys(text, "2025-01-10")


def test_a_which_clause_counts_the_noun_before_it() -> None:
    text = (
        "Companies lost HK$760 million last year to e-mail scams. The scams were part of a rise in "
        "technology crime, which reached 5,133 cases last year from 3,015 in 2012."
    )
    keys = _keys(text, "2014-02-05")
    assert ("HK", "technology_crime", "cases", "level", 5133, "2013") in keys
    assert ("HK", "technology_crime", "cases", "level", 3015, "2012") in keys


def test_by_the_end_of_a_year_is_that_whole_year() -> None:
    text = (
        "Employment fraud losses were HK$337 million in the first nine months. By the "
        "end of 2022 they had reached HK$480 million."
    )
    assert ("HK", "employment_fraud", "loss", "level", 480e6, "2022") in _keys(text, "2023-11-15")


def test_a_report_on_last_years_figures_is_no_comparison_with_last_year() -> None:
    text = "Your report on last year's crime figures led with the rise in overall crime, up 8.7 per cent."
    assert ("HK", "overall_crime", "cases", "change_pct", 8.7, "2022") in _keys(text, "2023-03-01")
