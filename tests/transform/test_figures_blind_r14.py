"""Rules read from blind round 14's errors (issue 8).

Round 14 was written while round 12 was read and scored with the reader after round 11's rules
(f9e0e4a); its extras were read at the end of session 15 and its misses at the start of session 16
(rounds 15-16 stayed unread then). Each rule is tested in words of this file's own, not the passages':
the series' figures are published ones (the dev corpus' expected lists), the quantities beside them
(a firm's profit, a drill's recipients) are made up.
"""

from __future__ import annotations

from tests.transform.test_figures_blind import _keys


def test_a_thread_s_item_numbers_are_labels() -> None:
    text = (
        "[Thread] The 2024 crime figures\n"
        "1/ Overall crime in 2024: 94,747 cases, up 5% on 2023.\n"
        "2/ Deception: 44,480 cases, up 11.7%."
    )
    keys = _keys(text, "2025-02-13")
    assert ("HK", "overall_crime", "cases", "level", 94747, "2024") in keys
    assert ("HK", "deception", "cases", "level", 44480, "2024") in keys
    assert not [k for k in keys if k[4] in (1, 2)]


def test_a_year_after_early_or_late_is_no_count() -> None:
    text = (
        "Investment scams jump in early 2022\nThere were 243 investment fraud cases in January and February."
    )
    assert not [k for k in _keys(text, "2022-05-07") if k[4] == 2022]


def test_a_firm_s_profit_and_visitors_are_not_the_series() -> None:
    text = (
        "Trader blames payment fraud for weaker results\n"
        "A Hong Kong-listed trader said its profit for 2012 fell 8 per cent to HK$412 million, partly "
        "because of a one-off loss after a fraudster diverted a payment. "
        "Police figures show e-mail scams rose about 177 per cent last year to 430 cases."
    )
    keys = _keys(text, "2013-02-06")
    assert ("HK", "email_scam", "cases", "level", 430, "2012") in keys
    assert not [k for k in keys if k[4] in (412000000, -8)]
    zh = "今年上半年訪港旅客人次按年大跌九成以上。警方公布，上半年整體罪案32 345宗，升27.9%。"
    assert not [k for k in _keys(zh, "2020-08-03") if k[4] == -90]


def test_a_place_whose_cases_continued_to_rise_is_where_the_story_is() -> None:
    text = (
        "Scam cases in Singapore continued to rise last year, its police said. About 51 500 scam cases "
        "were reported. The police noted joint operations with counterparts in Hong Kong."
    )
    assert not [k for k in _keys(text, "2025-06-04") if k[0] == "HK"]


def test_recipients_of_a_drill_are_no_cases() -> None:
    text = (
        "In October our IT office sent a mock phishing e-mail to 6,000 staff. "
        "1,150 recipients reported it, nearly twice as many as in last year's drill."
    )
    assert not [k for k in _keys(text, "2023-11-05") if k[4] == 1150]


# --- round 14's misses (session 16) ---------------------------------------------------------------


def test_a_crime_after_another_figure_and_and_is_the_subject_of_its_own_change() -> None:
    text = (
        "Violent crime fell 15.9 per cent in 2025 and deception, still the commonest offence, slipped "
        "2.9 per cent, with about HK$8.1 billion lost."
    )
    keys = _keys(text, "2026-02-20")
    assert ("HK", "violent_crime", "cases", "change_pct", -15.9, "2025") in keys
    assert ("HK", "deception", "cases", "change_pct", -2.9, "2025") in keys
    assert not [k for k in keys if k[4] == -2.9 and k[1:3] != ("deception", "cases")]


def test_a_crime_opening_its_sentence_changed_in_cases_not_in_the_money_before() -> None:
    text = (
        "Romance scams jumped in the first half of 2018: 272 cases, with HK$137 million lost. "
        "Telephone deception, on the other hand, fell by more than 60 per cent."
    )
    keys = _keys(text, "2018-07-30")
    assert ("HK", "telephone_deception", "cases", "change_pct", -60, "2018-H1") in keys
    assert not [k for k in keys if k[1] == "telephone_deception" and k[2] == "loss"]


def test_online_romance_and_online_shopping_cases_are_those_frauds() -> None:
    text = (
        "Online romance cases nearly doubled in the first half of 2021. "
        "There were 822 such cases, against 429 a year earlier."
    )
    keys = _keys(text, "2021-08-01")
    assert ("HK", "romance_scam", "cases", "level", 822, "2021-H1") in keys
    assert ("HK", "romance_scam", "cases", "level", 429, "2020-H1") in keys
    assert not [k for k in keys if k[1] == "deception"]
    shopping = _keys("Police logged 8,950 online shopping cases in 2023.", "2024-03-01")
    assert ("HK", "online_shopping_fraud", "cases", "level", 8950, "2023") in shopping


def test_the_from_level_of_a_multiple_is_the_year_before() -> None:
    keys = _keys("In 2020 online shopping fraud cases trebled to 6,678 from 2,194.", "2021-03-01")
    assert ("HK", "online_shopping_fraud", "cases", "level", 6678, "2020") in keys
    assert ("HK", "online_shopping_fraud", "cases", "level", 2194, "2019") in keys


def test_a_count_before_and_cost_victims_counts_cases() -> None:
    text = "Deception on social media grew 94 per cent in 2018 to 2,064 and cost victims HK$500 million."
    keys = _keys(text, "2019-02-01")
    assert ("HK", "social_media_deception", "cases", "level", 2064, "2018") in keys
    assert ("HK", "social_media_deception", "loss", "level", 500000000, "2018") in keys


def test_a_change_is_not_of_the_metric_named_after_and() -> None:
    text = (
        "Police recorded 474 telephone deception cases in the first quarter of 2024. That figure was "
        "21 per cent lower than a year before, and victims lost HK$789 million."
    )
    keys = _keys(text, "2024-05-01")
    assert ("HK", "telephone_deception", "cases", "change_pct", -21, "2024-Q1") in keys
    assert not [k for k in keys if k[2] == "victims"]


def test_an_interview_s_question_and_short_answer_keep_the_crime_in_hand() -> None:
    text = (
        "Q: How many phone scams were there in the first quarter of 2024?\n"
        "A: Police recorded 474 cases of telephone deception.\n\n"
        "Q: Is that good news?\n"
        "A: Only partly. Losses in the quarter came to HK$789 million."
    )
    keys = _keys(text, "2024-05-01")
    assert ("HK", "telephone_deception", "loss", "level", 789000000, "2024-Q1") in keys


def test_the_sum_extorted_from_victims_is_the_loss_of_the_crime_named() -> None:
    keys = _keys("去年全港錄得638宗裸聊勒索案，受害人被勒索金額約230萬元。", "2015-03-01")
    assert ("HK", "naked_chat_blackmail", "cases", "level", 638, "2014") in keys
    assert ("HK", "naked_chat_blackmail", "loss", "level", 2300000, "2014") in keys


def test_cases_after_a_percentage_and_or_are_the_same_change() -> None:
    keys = _keys(
        "Hong Kong recorded 63,232 crimes in 2020, up 6.8 per cent or 4,007 cases from 2019.", "2021-02-05"
    )
    assert ("HK", "overall_crime", "cases", "change_abs", 4007, "2020") in keys
    assert not [k for k in keys if k[3] == "level" and k[4] == 4007]


def test_a_one_off_loss_is_one_event() -> None:
    text = (
        "A listed retailer said its 2019 profit fell 12 per cent, partly because of a one-off loss of "
        "HK$2 million to an e-mail scam. Police recorded 8,216 deception cases in 2019."
    )
    keys = _keys(text, "2020-03-01")
    assert ("HK", "deception", "cases", "level", 8216, "2019") in keys
    assert not [k for k in keys if k[4] == 2000000]
