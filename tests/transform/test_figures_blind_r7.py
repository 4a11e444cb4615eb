"""Rules read from blind round 7's errors in session 13 (issue 8).

Round 7 was written and scored in session 12 and left unread until this session; round 8 was written
and scored before any of these rules existed and stays unread. Each rule is tested in words of this
file's own, not the passages': the series' figures are published ones
(../shared/reference/published_figures.csv), the quantities beside them are made up.
"""

from __future__ import annotations

from tests.transform.test_figures_blind import _figs, _keys

# --- which period --------------------------------------------------------------------------------


def test_the_year_compared_with_named_again_stays_the_year_compared_with() -> None:
    """比前年多……而前年的數字是: the second 前年 names the base again, not the sentence's own year."""
    text = "警方公布去年數字。詐騙案錄得39 824宗，比前年多11 901宗，升42.6%，而前年的數字是27 923宗。"
    keys = _keys(text, "2024-02-10")
    assert ("HK", "deception", "cases", "level", 39824, "2023") in keys
    assert ("HK", "deception", "cases", "change_abs", 11901, "2023") in keys
    assert ("HK", "deception", "cases", "change_pct", 42.6, "2023") in keys
    assert ("HK", "deception", "cases", "level", 27923, "2022") in keys


def test_a_change_after_the_base_s_own_part_is_of_the_newer_year() -> None:
    """；前年則為27 923宗，上升42.6%: the part is dated by the year compared with, its change is not."""
    text = "去年詐騙案錄得39 824宗，較前年多11 901宗；前年則為27 923宗，上升42.6%。"
    keys = _keys(text, "2024-02-10")
    assert ("HK", "deception", "cases", "change_pct", 42.6, "2023") in keys
    assert ("HK", "deception", "cases", "level", 27923, "2022") in keys


def test_a_year_of_its_own_after_a_semicolon_keeps_its_change() -> None:
    """Guard: a part that names a year not compared with keeps its own change."""
    text = "2023年詐騙案有39 824宗，上升42.6%；2022年則有27 923宗，上升45.1%。"
    keys = _keys(text, "2024-02-10")
    assert ("HK", "deception", "cases", "change_pct", 45.1, "2022") in keys
    assert ("HK", "deception", "cases", "change_pct", 42.6, "2023") in keys


# --- one person's story, or the series told by someone else ---------------------------------------


def test_a_judge_quoting_the_series_is_quoting_the_series() -> None:
    text = (
        "Sentencing the defendant, the judge noted that 39,824 deception cases had been reported last "
        "year, with more than HK$9 billion lost."
    )
    keys = _keys(text, "2024-05-20")
    assert ("HK", "deception", "loss", "level", 9_000_000_000, "2023") in keys
    zh = "法官判刑時引述警方數字指，去年騙案有39 824宗，損失逾90億元。"
    assert ("HK", "deception", "loss", "level", 9_000_000_000, "2023") in _keys(zh, "2024-05-20")


def test_a_court_s_own_amounts_are_still_one_case_s() -> None:
    """Guard: a court story with no figures cited keeps refusing its amounts."""
    assert (
        _keys("The court heard the woman lost HK$3 million to the syndicate in 2023.", "2024-05-20") == set()
    )
    assert not _keys("法官指，被告去年協助騙案集團清洗300萬元。", "2024-05-20")


def test_in_this_case_opens_one_case_s_story() -> None:
    text = "法官判刑時引述警方數字指，去年騙案有39 824宗。案中三名受害人合共被騙去約50萬元。"
    keys = _keys(text, "2024-05-20")
    assert ("HK", "deception", "cases", "level", 39824, "2023") in keys
    assert not any(k[4] == 500_000 for k in keys)


def test_a_firm_citing_police_figures_is_no_firm_s_loss() -> None:
    text = "一家保險公司引用警方數據指出，去年騙案損失逾90億元。"
    assert ("HK", "deception", "loss", "level", 9_000_000_000, "2023") in _keys(text, "2024-05-20")
    assert not _keys("去年一家物流公司在騙案中損失300萬元。", "2024-05-20")


# --- tables --------------------------------------------------------------------------------------


def test_a_chinese_table_across_full_width_bars_with_years_in_nian() -> None:
    text = (
        "（一）過去三年的科技罪案數字如下：\n"
        "年份：2011年｜2012年｜2013年\n"
        "案件宗數：2 206｜3 015｜5 133\n"
        "損失金額（百萬元）：148｜238｜約863\n"
    )
    figures = _figs(text, "2014-03-19")
    keys = {(f.category, f.metric, f.value, f.period) for f in figures}
    assert {
        ("technology_crime", "cases", 2206, "2011"),
        ("technology_crime", "cases", 3015, "2012"),
        ("technology_crime", "cases", 5133, "2013"),
        ("technology_crime", "loss", 148_000_000, "2011"),
        ("technology_crime", "loss", 238_000_000, "2012"),
        ("technology_crime", "loss", 863_000_000, "2013"),
    } <= keys
    assert next(f.qualifier for f in figures if f.value == 863_000_000) == "approx"


# --- kind ----------------------------------------------------------------------------------------


def test_climbed_by_is_a_change_and_to_its_level() -> None:
    keys = _keys("Deception cases climbed by 11,901 to 39,824 last year.", "2024-02-06")
    assert ("HK", "deception", "cases", "change_abs", 11901, "2023") in keys
    assert ("HK", "deception", "cases", "level", 39824, "2023") in keys


def test_making_up_a_share_and_a_proportion_that_rises_are_shares() -> None:
    assert not _keys("Deception now makes up about 44 per cent of all reported crime.", "2024-02-06")
    assert not _keys("去年騙案佔整體罪案的比例已升至接近四成。", "2024-02-06")


def test_a_rise_after_representing_is_still_a_change() -> None:
    """Guard: the share markers do not swallow a change told after them."""
    keys = _keys(
        "Deception cases reached 39,824 last year, representing a rise of 42.6 per cent.", "2024-02-06"
    )
    assert ("HK", "deception", "cases", "change_pct", 42.6, "2023") in keys


# --- category ------------------------------------------------------------------------------------


def test_a_jump_in_crime_driven_by_scams_is_crime_s() -> None:
    text = "Scams drive 28.9pc jump in Hong Kong crime\n\nHong Kong recorded 90,276 crimes last year."
    keys = _keys(text, "2024-02-06")
    assert ("HK", "overall_crime", "cases", "change_pct", 28.9, "2023") in keys
    assert not any(k[1] == "deception" for k in keys)


def test_an_amount_paired_in_a_when_clause_is_of_its_period() -> None:
    text = (
        "In the first half of 2024 there were 19,897 deception cases, against 18,743 in the same period "
        "of 2023, when 18,743 cases and losses of HK$2.69 billion were recorded."
    )
    keys = _keys(text, "2024-08-10")
    assert ("HK", "deception", "loss", "level", 2_690_000_000, "2023-H1") in keys


def test_an_amount_paired_with_a_count_after_a_chinese_period_is_of_it() -> None:
    text = "今年上半年騙案有19 897宗，損失44.8億元，去年同期則為18 743宗及26.9億元。"
    keys = _keys(text, "2024-08-10")
    assert ("HK", "deception", "loss", "level", 2_690_000_000, "2023-H1") in keys
    assert ("HK", "deception", "cases", "level", 18743, "2023-H1") in keys


def test_a_clause_opening_on_a_contrast_and_a_period_dates_the_rest() -> None:
    text = "今年上半年騙案有19 897宗，損失44.8億元，而去年同期只有18 743宗，損失26.9億元。"
    keys = _keys(text, "2024-08-10")
    assert ("HK", "deception", "loss", "level", 2_690_000_000, "2023-H1") in keys
    assert ("HK", "deception", "loss", "level", 4_480_000_000, "2024-H1") in keys


def test_but_on_the_year_is_no_period_to_turn_to() -> None:
    """Guard: 但按年上升 contrasts, but 按年 names no period: the amount stays the sentence's."""
    text = "黑客入侵案去年只有37宗，但按年上升54%，涉及損失210萬元。"
    assert ("HK", "hacking", "loss", "level", 2_100_000, "2023") in _keys(text, "2024-03-25")


# --- where ---------------------------------------------------------------------------------------


def test_the_mainland_named_from_hong_kong_does_not_make_the_text_the_mainland_s() -> None:
    """假冒內地官員 in one sentence and 內地公安部門 in another: one sentence is about the Mainland."""
    text = (
        "首季電話騙案474宗\n"
        "警方指，今年首季共接獲474宗電話騙案，按年下跌21%，假冒內地官員的騙案仍佔多數。\n"
        "內地公安部門亦表示，全國電信詐騙案去年偵破逾10萬宗。"
    )
    keys = _keys(text, "2024-05-10")
    assert ("HK", "telephone_deception", "cases", "level", 474, "2024-Q1") in keys
    assert ("HK", "telephone_deception", "cases", "change_pct", -21, "2024-Q1") in keys


# --- how a series is named, and what is no statistic ---------------------------------------------


def test_cases_of_swindling_by_a_named_means_are_that_series() -> None:
    text = "2014年利用社交網站行騙的案件有1 239宗，損失約7 000萬元。"
    keys = _keys(text, "2015-02-05")
    assert ("HK", "social_media_deception", "cases", "level", 1239, "2014") in keys
    assert ("HK", "social_media_deception", "loss", "level", 70_000_000, "2014") in keys


def test_an_amount_in_wan_after_the_word_for_loss_is_money() -> None:
    text = "今年上半年求職騙案有1,625宗，損失2.116億元。去年同期只有350宗，損失二千零三十萬。"
    assert ("HK", "employment_fraud", "loss", "level", 20_300_000, "2021-H1") in _keys(text, "2022-08-15")


def test_the_sum_the_arrested_are_linked_to_is_the_operation_s() -> None:
    text = "上半年網購騙案有4 872宗。警方上月採取行動，拘捕31名涉嫌經營虛假網店的人士，涉款約300萬元。"
    keys = _keys(text, "2023-08-21")
    assert not any(k[2] == "loss" for k in keys)
    en = "Police arrested 31 people last month over fake online shops, involving about HK$3 million."
    assert not _keys(en, "2023-08-21")


def test_counts_of_calls_schools_and_mules_are_no_cases() -> None:
    assert not _keys(
        "Filters blocked more than 2 million suspected scam calls in the first quarter of 2024.", "2024-05-20"
    )
    assert not _keys(
        "More than 1,300 ambassadors from over 200 schools joined the anti-scam drive last year.",
        "2025-03-08",
    )
    assert not _keys(
        "Over 10,000 suspected money mules were investigated in scam cases last year.", "2024-02-20"
    )


def test_money_kept_from_swindlers_is_no_loss() -> None:
    text = "Deception cases reached 39,824 last year, and police helped victims avoid losing HK$400 million."
    assert _keys(text, "2024-03-01") == {("HK", "deception", "cases", "level", 39824, "2023")}
    zh = "騙案去年有39 824宗，警方協助市民避免損失4億元。"
    assert _keys(zh, "2024-03-01") == {("HK", "deception", "cases", "level", 39824, "2023")}


# --- which crime a clause counts -----------------------------------------------------------------


def test_a_crime_named_after_and_is_the_subject_of_its_clause() -> None:
    text = (
        "Police recorded 39,824 deception cases last year, and investment scams alone, "
        "more than 6,000 of them, cost victims HK$4.8 billion."
    )
    keys = _keys(text, "2024-04-25")
    assert ("HK", "investment_fraud", "loss", "level", 4_800_000_000, "2023") in keys
    assert ("HK", "deception", "cases", "level", 39824, "2023") in keys


def test_a_clause_after_and_naming_no_crime_keeps_the_subject() -> None:
    """Guard: "and victims lost" names no crime; the sentence's subject stays."""
    text = "Police recorded 39,824 deception cases last year, and victims lost more than HK$9 billion."
    assert ("HK", "deception", "loss", "level", 9_000_000_000, "2023") in _keys(text, "2024-04-25")


def test_those_scams_point_at_the_kind_named_earlier_in_the_sentence() -> None:
    text = (
        "Technology crime losses came to HK$2.03 billion in the first half of 2023, much of it from "
        "investment scams run through chat groups; those scams alone took HK$1.2 billion."
    )
    keys = _keys(text, "2023-08-15")
    assert ("HK", "investment_fraud", "loss", "level", 1_200_000_000, "2023-H1") in keys
    assert ("HK", "technology_crime", "loss", "level", 2_030_000_000, "2023-H1") in keys


def test_premiums_and_payout_caps_are_no_losses() -> None:
    text = (
        "Police recorded 39,824 deception cases last year. Scam insurance premiums run from HK$300 to "
        "HK$800 a year, with payouts capped at HK$100,000."
    )
    assert _keys(text, "2024-04-25") == {("HK", "deception", "cases", "level", 39824, "2023")}


def test_the_sum_of_the_kinds_listed_is_no_series() -> None:
    text = "2023年網購騙案有8,950宗，投資騙案有6,330宗。上述兩類合共逾一萬五千宗，佔騙案總數近四成。"
    keys = _keys(text, "2024-02-10")
    assert ("HK", "online_shopping_fraud", "cases", "level", 8950, "2023") in keys
    assert not any(k[4] == 15000 for k in keys)
    en = "In 2023 the two types together accounted for more than 15,000 deception cases."
    assert not _keys(en, "2024-02-10")


def test_the_day_figures_were_told_is_not_their_period() -> None:
    """香港警方上月底指出: the end of last month is when the police spoke, not what they counted."""
    text = "香港警方上月底指出，今年首七個月共錄得科技罪案19,080宗，但損失金額超過36億港元，按年增加逾18%。"
    keys = _keys(text, "2025-10-05")
    assert ("HK", "technology_crime", "loss", "change_pct", 18, "2025-01/2025-07") in keys
    assert all(k[5] == "2025-01/2025-07" for k in keys)


# --- a rate of change as the subject -------------------------------------------------------------


def test_a_rise_that_narrows_from_one_period_to_another_is_each_period_s_change() -> None:
    text = (
        "Over the year the annual rise in overall crime eased, from 48.4 per cent in the first quarter "
        "to 34.6 per cent for the first eight months."
    )
    keys = _keys(text, "2023-12-15")
    assert ("HK", "overall_crime", "cases", "change_pct", 48.4, "2023-Q1") in keys
    assert ("HK", "overall_crime", "cases", "change_pct", 34.6, "2023-01/2023-08") in keys
    zh = "整體罪案的升幅由首季的48.4%逐步回落，首八個月的按年升幅為34.6%。"
    keys = _keys(zh, "2023-12-15")
    assert ("HK", "overall_crime", "cases", "change_pct", 48.4, "2023-Q1") in keys
    assert ("HK", "overall_crime", "cases", "change_pct", 34.6, "2023-01/2023-08") in keys


def test_a_rate_or_a_share_after_the_rise_is_not_the_rise() -> None:
    """Guard: the rise is the subject only up to a rate or a share named after it."""
    text = (
        "The year-on-year rise in deception was steep, "
        "and deception made up 44 per cent of all crime in 2023."
    )
    assert not any(k[3] == "change_pct" and k[4] == 44 for k in _keys(text, "2024-02-06"))
