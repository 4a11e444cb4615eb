"""Rules read from blind round 11's errors in session 15 (issue 8).

Round 11 was written in session 14 while round 10 was read, scored with the reader before round 10's
rules (60c0c2e) and left unread until this session; round 13 was written while it was read and scored
with the reader at the session's start (470eddf). Each rule is tested in words of this file's own, not
the passages': the series' figures are published ones (../shared/reference/published_figures.csv and
the dev corpus' expected lists), the quantities beside them (a vendor's detections, an audit's sample,
one district's crimes) are made up.
"""

from __future__ import annotations

from tests.transform.test_figures_blind import _figs, _keys

# --- where ---------------------------------------------------------------------------------------


def test_a_place_heading_a_paragraph_of_briefs_owns_that_paragraph() -> None:
    text = (
        "REGIONAL ROUND-UP\n\n"
        "HONG KONG - Police logged 39,824 deception cases in 2023, up 42.6 per cent.\n\n"
        "MACAO - Its Judiciary Police said fraud cases rose to 1,460 last year.\n\n"
        "KUALA LUMPUR - Malaysian police reported 34,497 online fraud cases last year."
    )
    keys = _keys(text, "2024-02-09")
    assert ("HK", "deception", "cases", "level", 39824, "2023") in keys
    assert not [k for k in keys if k[0] == "HK" and k[4] in (1460, 34497)]


def test_south_korea_and_its_won_are_another_place() -> None:
    text = (
        "Voice phishing losses in South Korea dropped last year, the regulator said. "
        "Victims lost about 196 billion won in 2023, against 215 billion won a year before."
    )
    assert not [k for k in _keys(text, "2024-07-01") if k[0] == "HK"]


def test_a_place_that_ends_the_subject_moves_the_story_there() -> None:
    text = (
        "Online fraud in Thailand climbed sharply last year, officials in Bangkok said. "
        "Fraud cases numbered 37,800, and losses reached 8.2 billion."
    )
    assert not [k for k in _keys(text, "2024-03-01") if k[0] == "HK"]


def test_a_legislative_council_paper_is_hong_kong_s_beside_a_macao_paragraph() -> None:
    text = (
        "Legislative Council Panel on Security\n"
        "Telephone deception: 474 cases were recorded in the first quarter of 2024.\n"
        "In Macao,\nthe Judiciary Police recorded 150 such cases in the same quarter."
    )
    keys = _keys(text, "2024-05-20")
    assert ("HK", "telephone_deception", "cases", "level", 474, "2024-Q1") in keys
    assert not [k for k in keys if k[0] == "HK" and k[4] == 150]


# --- when ----------------------------------------------------------------------------------------


def test_a_year_named_after_recent_years_dates_the_change() -> None:
    text = "裸聊勒索近年有增無減，去年全年錄得638宗，較前年多34%。"
    assert ("HK", "naked_chat_blackmail", "cases", "change_pct", 34, "2014") in _keys(text, "2015-06-15")


def test_a_bracketed_year_beside_part_of_a_year_is_the_same_part_of_that_year() -> None:
    text = (
        "From January to October 2018 police received 1,777 reports of deception on social media; "
        "romance scams among them numbered 520 (2017: 170)."
    )
    keys = _keys(text, "2018-12-12")
    assert ("HK", "romance_scam", "cases", "level", 170, "2017-01/2017-10") in keys


def test_the_year_of_a_multiple_compared_with_is_no_period_for_the_next_sentence() -> None:
    text = (
        "Deception reached 44,480 cases last year. That is over five times the 8,372 cases of 2018. "
        "Overall crime rose 5 per cent to 94,747."
    )
    keys = _keys(text, "2025-02-13")
    assert ("HK", "overall_crime", "cases", "level", 94747, "2024") in keys
    assert ("HK", "overall_crime", "cases", "change_pct", 5, "2024") in keys


def test_over_the_same_months_closing_a_sentence_are_the_months_just_named() -> None:
    text = (
        "In the first half of this year police recorded 30,871 crimes, against 32,345 a year earlier. "
        "Fraud cases rose about 7 per cent to 8,699 over the same six months."
    )
    keys = _keys(text, "2021-08-10")
    assert ("HK", "deception", "cases", "level", 8699, "2021-H1") in keys


def test_the_same_year_is_the_year_counted_not_the_year_compared_with() -> None:
    text = "2018年社交媒體騙案有2 064宗，較2017年上升94%；同年投資騙案只有212宗，損失卻達17.7億元。"
    keys = _keys(text, "2019-06-12")
    assert ("HK", "investment_fraud", "cases", "level", 212, "2018") in keys
    assert ("HK", "investment_fraud", "loss", "level", 1770000000, "2018") in keys


def test_each_clause_of_a_list_of_years_has_its_own_year() -> None:
    text = "裸聊勒索個案2013年有477宗；2014年增至638宗，按年上升34%。"
    keys = _keys(text, "2015-12-01")
    assert ("HK", "naked_chat_blackmail", "cases", "change_pct", 34, "2014") in keys
    assert not [k for k in keys if k[3] == "change_pct" and k[5] != "2014"]


def test_a_change_on_the_year_before_last_is_last_year_s_change() -> None:
    text = "警方指，裸聊勒索去年錄得638宗，較前年上升34%。"
    assert ("HK", "naked_chat_blackmail", "cases", "change_pct", 34, "2014") in _keys(text, "2015-06-10")


# --- which crime ---------------------------------------------------------------------------------


def test_such_frauds_point_to_the_crime_a_sentence_without_numbers_just_named() -> None:
    text = (
        "Police counted 12,916 technology crimes last year. Online shopping followed the same path. "
        "There were 6,678 such frauds, against 2,194 in 2019."
    )
    keys = _keys(text, "2021-05-06")
    assert ("HK", "online_shopping_fraud", "cases", "level", 6678, "2020") in keys
    assert ("HK", "online_shopping_fraud", "cases", "level", 2194, "2019") in keys


def test_a_label_before_its_number_in_a_barred_list_is_that_number_s() -> None:
    keys = _keys("Scams by type, 2023 | Investment 6,330 | Employment 3,930 | Telephone 3,213", "2024-02-12")
    assert ("HK", "investment_fraud", "cases", "level", 6330, "2023") in keys
    assert ("HK", "employment_fraud", "cases", "level", 3930, "2023") in keys
    assert ("HK", "telephone_deception", "cases", "level", 3213, "2023") in keys
    zh = _keys("2023年各類騙案：求職騙案：3930宗｜電話騙案：3213宗｜投資騙案：6330宗", "2024-02-12")
    assert ("HK", "employment_fraud", "cases", "level", 3930, "2023") in zh
    assert ("HK", "telephone_deception", "cases", "level", 3213, "2023") in zh
    assert ("HK", "investment_fraud", "cases", "level", 6330, "2023") in zh


def test_the_whole_of_a_partitive_is_not_the_part_s_count() -> None:
    text = (
        "Police recorded 19 080 technology crime cases in the first seven months of 2025. "
        "Of the 19 080 cases, 26 involved ransomware."
    )
    keys = _keys(text, "2025-10-15")
    assert not [k for k in keys if k[4] == 19080 and k[1] != "technology_crime"]
    zh = "今年首七個月科技罪案共有19 080宗。在這19 080宗案件中，26宗涉及勒索軟件。"
    assert not [k for k in _keys(zh, "2025-10-15") if k[4] == 19080 and k[1] != "technology_crime"]


def test_a_kind_of_fraud_described_in_the_body_is_the_kind_the_headline_names() -> None:
    text = (
        "Business e-mail scams on the rise\n\n"
        "Companies are being warned about one kind of fraud in particular. "
        "Police say such cases have multiplied: 430 were reported last year."
    )
    keys = _keys(text, "2013-02-05")
    assert ("HK", "email_scam", "cases", "level", 430, "2012") in keys
    assert not [k for k in keys if k[1] == "deception"]


def test_a_level_compared_with_takes_the_crime_of_the_clause_it_opens() -> None:
    text = "投資騙案去年有212宗。與2014年的1 239宗相比，社交媒體騙案四年間增加八百多宗。"
    assert ("HK", "social_media_deception", "cases", "level", 1239, "2014") in _keys(text, "2019-06-12")


def test_a_change_in_apposition_to_cases_counts_cases_before_a_loss_phrase() -> None:
    text = (
        "Police counted 2,064 cases of fraud involving social media last year, up 94 per cent, "
        "with losses of about HK$500 million."
    )
    keys = _keys(text, "2019-03-11")
    assert ("HK", "social_media_deception", "cases", "change_pct", 94, "2018") in keys
    assert not [k for k in keys if k[2] == "loss" and k[3] == "change_pct"]


def test_crime_after_a_dateline_s_dash_opens_the_sentence() -> None:
    text = (
        "HONG KONG - Crime climbed last year, with police recording 90,276 offences, "
        "28.9 per cent more than in 2022."
    )
    keys = _keys(text, "2024-02-07")
    assert ("HK", "overall_crime", "cases", "level", 90276, "2023") in keys
    assert ("HK", "overall_crime", "cases", "change_pct", 28.9, "2023") in keys


# --- numbers -------------------------------------------------------------------------------------


def test_so_many_fewer_cases_after_a_level_is_a_change_in_cases() -> None:
    text = "Violent crime fell 10.3 per cent to 1,840 cases in the first quarter, which is 212 fewer cases."
    keys = _keys(text, "2022-05-12")
    assert ("HK", "violent_crime", "cases", "change_abs", -212, "2022-Q1") in keys
    assert not [k for k in keys if k[3] == "level" and k[4] == 212]


def test_that_is_so_many_fewer_than_the_year_before_is_a_change() -> None:
    text = (
        "We recorded 43,212 deception cases in 2025. That is 1,268 fewer than in 2024, "
        "a fall of 2.9 per cent."
    )
    keys = _keys(text, "2026-02-12")
    assert ("HK", "deception", "cases", "change_abs", -1268, "2025") in keys
    assert ("HK", "deception", "cases", "change_pct", -2.9, "2025") in keys


def test_a_row_with_no_change_given_is_still_a_row_of_the_table() -> None:
    text = (
        "| Category | 2023 | 2024 | Change |\n"
        "| Deception | 39 824 | 44 480 | +11.7% |\n"
        "| Money lost to deception ($ million) | 9 180 | 9 150 | |"
    )
    keys = _keys(text, "2025-03-04")
    assert ("HK", "deception", "loss", "level", 9180000000, "2023") in keys
    assert ("HK", "deception", "loss", "level", 9150000000, "2024") in keys
    assert not [k for k in keys if k[4] in (9180, 9150)]


def test_a_span_of_decades_is_not_a_count() -> None:
    keys = _keys("去年整體罪案72,911宗，為三十多年來最低。", "2014-01-29")
    assert ("HK", "overall_crime", "cases", "level", 72911, "2013") in keys
    assert not [k for k in keys if k[4] == 30]


def test_a_list_of_counts_by_year_goes_on_after_a_bracket() -> None:
    text = (
        "Naked chat blackmail cases reached 506 in the first half of 2015, police said. There were 638 "
        "in the whole of 2014 (losses: HK$2.3 million), 477 in 2013 and just 60 in 2012."
    )
    keys = _keys(text, "2015-11-03")
    assert ("HK", "naked_chat_blackmail", "cases", "level", 477, "2013") in keys
    assert ("HK", "naked_chat_blackmail", "cases", "level", 60, "2012") in keys


# --- not statistics ------------------------------------------------------------------------------


def test_an_audit_sample_is_not_a_count_of_the_series() -> None:
    en = "Auditors examined 50 deception cases closed in 2022 and found delays in 18 of them."
    assert not _figs(en, "2023-11-22")
    zh = "審計署抽查了2020年的60宗科技罪案個案，發現其中14宗調查超過一年。"
    assert not _figs(zh, "2021-11-24")


def test_one_police_district_s_crimes_are_not_the_territory_s() -> None:
    for text in (
        "In Kwun Tong Police District, 2 418 crimes were recorded in the first half of 2024.",
        "In Sham Shui Po District, 3 870 crimes were recorded in 2011.",
    ):
        assert not _figs(text, "2024-09-10"), text


def test_a_writer_s_own_data_are_not_police_figures() -> None:
    for text in (
        "Our telemetry logged a 12 per cent rise in phishing pages in the first half of 2024.",
        "Across our client base, ransomware incidents rose to 14 in the third quarter of 2025.",
        "Across our cardholders, disputed online payments rose 18 per cent in 2024.",
    ):
        assert not _figs(text, "2025-10-05"), text


def test_a_friend_s_or_a_caller_s_loss_is_one_victim_s() -> None:
    text = (
        "Police recorded 2,252 employment fraud cases in the first nine months of 2022.\n"
        "- A caller from Sha Tin said she had been asked to pay HK$800 for a training course.\n"
        "A friend of mine lost HK$60,000 to a fake delivery message in July."
    )
    keys = _keys(text, "2022-11-30")
    assert ("HK", "employment_fraud", "cases", "level", 2252, "2022-01/2022-09") in keys
    assert not [k for k in keys if k[4] in (800, 60000)]


def test_customers_of_a_business_are_not_cases() -> None:
    text = "今年上半年勒索軟件案件有26宗。有保險公司表示，今年查詢相關保險的企業客戶較去年多約四成。"
    assert not [k for k in _keys(text, "2024-09-18") if k[4] == 40]


def test_a_judge_citing_the_territory_s_count_cites_the_series() -> None:
    text = "法官判刑時指出，去年全港共錄得39 824宗詐騙案，損失金額達91億元，被告罪責不輕。"
    keys = _keys(text, "2024-03-01")
    assert ("HK", "deception", "loss", "level", 9100000000, "2023") in keys
