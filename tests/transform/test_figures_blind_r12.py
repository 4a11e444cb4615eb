"""Rules read from blind round 12's errors in session 15 (issue 8).

Round 12 was written in session 14's last hour, scored with the reader after rounds 9 and 10's rules
(1ddc247) and left unread until round 11 had been read in session 15; round 14 was written while it
was read, and scored with the reader after round 11's rules (f9e0e4a). Each rule is tested in words of
this file's own, not the passages': the series' figures are published ones (the dev corpus' expected
lists), the quantities beside them (an insurer's limits, a study's sample) are made up.
"""

from __future__ import annotations

from tests.transform.test_figures_blind import _figs, _keys

# --- when ----------------------------------------------------------------------------------------


def test_an_answer_to_a_question_about_a_year_ago_is_a_year_ago_s() -> None:
    text = (
        "Q: How many romance scams did police see this year?\n"
        "A: 822 in the first six months.\n"
        "Q: And the same period a year ago?\n"
        "A: 429. So it nearly doubled."
    )
    keys = _keys(text, "2021-08-02")
    assert ("HK", "romance_scam", "cases", "level", 429, "2020-H1") in keys
    assert ("HK", "romance_scam", "cases", "level", 822, "2021-H1") in keys


def test_a_bare_amount_answering_what_was_lost_is_a_loss() -> None:
    text = (
        "Q: How many romance scams did police see this year?\n"
        "A: 822 in the first six months.\n"
        "Q: And the money?\n"
        "A: Over HK$288 million lost."
    )
    keys = _keys(text, "2021-08-02")
    assert ("HK", "romance_scam", "loss", "level", 288000000, "2021-H1") in keys


def test_each_line_of_a_list_by_year_has_the_year_that_opens_it() -> None:
    text = (
        "How naked chat blackmail grew\n\n"
        "Reports to the police and sums lost:\n"
        "2012: 60 cases, HK$100,000\n"
        "2013: 477 cases, HK$1.7 million\n"
        "2014: 638 cases, HK$2.3 million\n"
    )
    keys = _keys(text, "2015-11-01")
    assert ("HK", "naked_chat_blackmail", "cases", "level", 60, "2012") in keys
    assert ("HK", "naked_chat_blackmail", "cases", "level", 477, "2013") in keys
    assert ("HK", "naked_chat_blackmail", "loss", "level", 1700000, "2013") in keys
    assert ("HK", "naked_chat_blackmail", "cases", "level", 638, "2014") in keys


def test_a_row_of_a_year_table_may_be_labelled_by_months() -> None:
    text = (
        "裸聊勒索舉報數字：\n"
        "年份 | 舉報個案 | 損失金額（港元）\n"
        "2014 | 638 | 230萬\n"
        "2015年1月至6月 | 506 | 160萬\n"
    )
    keys = _keys(text, "2015-10-27")
    assert ("HK", "naked_chat_blackmail", "cases", "level", 638, "2014") in keys
    assert ("HK", "naked_chat_blackmail", "cases", "level", 506, "2015-H1") in keys
    assert ("HK", "naked_chat_blackmail", "loss", "level", 1600000, "2015-H1") in keys
    assert not [k for k in keys if k[4] == 1600000 and k[2] == "cases"]


def test_a_clause_opening_on_the_same_period_a_year_before_dates_the_clauses_after_it() -> None:
    text = "今年上半年網上情緣騙案有272宗，損失1.37億元；去年同期只有78宗，損失3,640萬元。"
    keys = _keys(text, "2018-07-25")
    assert ("HK", "romance_scam", "loss", "level", 36400000, "2017-H1") in keys
    zh = "今年上半年網上情緣騙案有272宗，損失1.37億元，去年同期只有78宗，損失3,640萬元。"
    zh_keys = _keys(zh, "2018-07-25")
    assert ("HK", "romance_scam", "loss", "level", 36400000, "2017-H1") in zh_keys
    assert ("HK", "romance_scam", "cases", "level", 78, "2017-H1") in zh_keys
    # ... but a loss given its own comparison after it is this period's
    own = "今年首十個月網上情緣騙案有520宗，去年同期只有170宗，損失約4.171億元，去年同期則為8 450萬元。"
    assert ("HK", "romance_scam", "loss", "level", 417100000, "2018-01/2018-10") in _keys(own, "2018-12-10")


# --- which measure -------------------------------------------------------------------------------


def test_a_caseload_is_a_number_of_cases() -> None:
    text = (
        "Technology crime reached 12,916 cases in 2020, with losses of HK$2.96 billion. "
        "That caseload was 55 per cent higher than the year before."
    )
    keys = _keys(text, "2021-03-01")
    assert ("HK", "technology_crime", "cases", "change_pct", 55, "2020") in keys
    assert not [k for k in keys if k[2] == "loss" and k[3] == "change_pct"]


def test_amounts_in_yi_and_wan_after_a_loss_subject_are_money() -> None:
    text = "詐騙案去年有43 212宗。損失金額就由前年嘅91.5億，跌到去年大約81.2億，即係跌咗11.3%。"
    keys = _keys(text, "2026-02-11")
    assert ("HK", "deception", "loss", "level", 9150000000, "2024") in keys
    assert ("HK", "deception", "loss", "level", 8120000000, "2025") in keys
    assert ("HK", "deception", "loss", "change_pct", -11.3, "2025") in keys
    wan = "今年一、二月網上情緣騙案有100宗。不過損失金額就跌咗約15%，係2 100萬。"
    assert ("HK", "romance_scam", "loss", "level", 21000000, "2020-01/2020-02") in _keys(wan, "2020-05-01")


def test_a_count_in_words_compared_with_is_read() -> None:
    text = (
        "Police received 26 ransomware reports in the first half of 2024, "
        "against just seven in the same period a year earlier."
    )
    assert ("HK", "ransomware", "cases", "level", 7, "2023-H1") in _keys(text, "2024-09-10")


# --- not statistics ------------------------------------------------------------------------------


def test_the_rest_of_a_list_by_type_is_not_the_whole() -> None:
    text = (
        "Deception cases by type, 2023: online shopping 8,950; investment 6,330; "
        "telephone 3,213; others 9,707."
    )
    keys = _keys(text, "2024-06-15")
    assert ("HK", "online_shopping_fraud", "cases", "level", 8950, "2023") in keys
    assert not [k for k in keys if k[4] == 9707]


def test_an_insurer_s_limits_are_not_losses() -> None:
    for text in (
        "Employment scams cost victims HK$337 million in the first nine months of 2022. "
        "Our add-on covers direct financial loss from online fraud up to HK$100,000.",
        "Technology crime losses reached HK$830 million in the first quarter of 2023. "
        "Our policy covers funds transfer fraud. Limits from HK$500,000 to HK$10 million.",
    ):
        keys = _keys(text, "2023-05-01")
        assert not [k for k in keys if k[4] in (100000, 500000, 10000000)], text


def test_a_study_s_interviews_responses_and_sample_are_not_cases() -> None:
    for text in (
        "We draw on police statistics and 31 interviews with investigators about technology crime in 2020.",
        "Using police data and 1,200 survey responses, we study romance scams in the first half of 2021.",
        "Our sample of 86 prosecuted e-mail scam cases from 2013 shows funds moved within 48 hours.",
    ):
        assert not _figs(text, "2022-03-15"), text
