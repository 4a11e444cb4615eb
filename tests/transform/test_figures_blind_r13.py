"""Rules read from blind round 13's errors in session 15 (issue 8).

Round 13 was written while round 11 was read and scored with the reader at session 15's start
(470eddf); round 15 was written while it was read, and scored with the reader after rounds 11 and 12's
rules (0e315c7). Each rule is tested in words of this file's own, not the passages': the series'
figures are published ones (the dev corpus' expected lists), the quantities beside them (one victim's
savings) are made up.
"""

from __future__ import annotations

from tests.transform.test_figures_blind import _keys

# --- when ----------------------------------------------------------------------------------------


def test_the_year_before_named_alone_is_the_year_compared_with() -> None:
    text = (
        "Police recorded 63,232 crimes in 2020, 4,007 more than the year before. "
        "The total for 2019 had been 59,225. "
        "Violent crime fell 3.1 per cent to 9,391 cases."
    )
    keys = _keys(text, "2021-02-03")
    assert ("HK", "overall_crime", "cases", "level", 59225, "2019") in keys
    assert ("HK", "violent_crime", "cases", "level", 9391, "2020") in keys
    assert ("HK", "violent_crime", "cases", "change_pct", -3.1, "2020") in keys


def test_the_year_before_last_after_a_semicolon_does_not_date_the_next_sentence() -> None:
    text = (
        "去年全港罪案共77 630宗，較前年下跌1.1%。"
        "暴力罪案有14 193宗，跌1.6%；前年為14 429宗。"
        "騙案則增加477宗至5 130宗，升幅為10.3%。"
    )
    keys = _keys(text, "2010-01-28")
    assert ("HK", "violent_crime", "cases", "level", 14429, "2008") in keys
    assert ("HK", "deception", "cases", "level", 5130, "2009") in keys
    assert ("HK", "deception", "cases", "change_abs", 477, "2009") in keys


def test_a_year_named_in_a_sentence_without_figures_is_not_a_year_compared_with() -> None:
    text = (
        "Our volunteers visited 46 estates this year. Police figures show that telephone deception "
        "cases in 2021 totalled 1,140, 4.4 per cent fewer than the year before."
    )
    assert ("HK", "telephone_deception", "cases", "level", 1140, "2021") in _keys(text, "2022-06-30")


# --- which measure and crime ---------------------------------------------------------------------


def test_losses_in_those_cases_measure_losses() -> None:
    text = (
        "Police recorded 4,515 investment fraud cases in the first ten months of 2025, up 20 per cent, "
        "and the losses in those cases rose 30 per cent."
    )
    keys = _keys(text, "2025-12-23")
    assert ("HK", "investment_fraud", "loss", "change_pct", 30, "2025-01/2025-10") in keys
    assert ("HK", "investment_fraud", "cases", "change_pct", 20, "2025-01/2025-10") in keys


def test_bogus_job_offers_are_employment_fraud() -> None:
    text = (
        "Deception cases reached 27,923 last year. Investment scams cost victims about HK$1.8 billion. "
        "Bogus job offers, often promising easy commissions, drained about HK$480 million."
    )
    assert ("HK", "employment_fraud", "loss", "level", 480000000, "2022") in _keys(text, "2023-02-15")


def test_wang_lian_is_online_romance() -> None:
    text = "網戀騙案半年急增九成\n\n警方表示，網上情緣騙案今年上半年共錄得822宗，升幅達91.6%。"
    keys = _keys(text, "2021-07-28")
    assert ("HK", "romance_scam", "cases", "change_pct", 91.6, "2021-H1") in keys
    assert not [k for k in keys if k[1] == "deception"]


# --- not statistics ------------------------------------------------------------------------------


def test_a_retired_teacher_s_savings_are_one_victim_s() -> None:
    text = (
        "今年首十個月，全港錄得36,405宗騙案，損失逾70億元。"
        "一名退休教師在社交平台認識一名自稱導師的人，結果被騙走二百萬元積蓄。"
    )
    keys = _keys(text, "2024-12-13")
    assert ("HK", "deception", "cases", "level", 36405, "2024-01/2024-10") in keys
    assert not [k for k in keys if k[4] == 2000000]


def test_a_small_count_in_words_compared_with_one_in_words() -> None:
    text = (
        "Twenty-six ransomware attacks were reported in the first half of 2024, against seven a year before."
    )
    keys = _keys(text, "2024-09-03")
    assert ("HK", "ransomware", "cases", "level", 26, "2024-H1") in keys
    assert ("HK", "ransomware", "cases", "level", 7, "2023-H1") in keys


def test_of_those_points_at_what_drove_the_change_before() -> None:
    text = (
        "Deception climbed 5.6 per cent to 9,353 cases in 2015, driven by telephone scams. "
        "There were 2,880 of those, up 29.7 per cent."
    )
    keys = _keys(text, "2016-01-27")
    assert ("HK", "telephone_deception", "cases", "level", 2880, "2015") in keys
    assert ("HK", "telephone_deception", "cases", "change_pct", 29.7, "2015") in keys
