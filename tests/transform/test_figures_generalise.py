"""Rules of the figure reader that carry over to text nobody tuned for (issue 8), one pattern a test.

Each sentence is written here in this project's own words around real published figures; each test
names the pattern it handles, never a passage.
"""

from __future__ import annotations

from datetime import date

import pytest

from transform.articles import figures_to_rows
from transform.figures.confidence import THRESHOLD
from transform.figures.extractor import Figure, extract_figures


def _figs(text: str, ref: str | None = None) -> list[Figure]:
    return extract_figures(text, ref_date=date.fromisoformat(ref) if ref else None)


def _keys(figs: list[Figure]) -> set[tuple]:
    return {(f.category, f.metric, f.kind, f.value, f.period) for f in figs}


# --- numbers written in words ---------------------------------------------------------------------


def test_chinese_numerals_are_read_as_counts_and_amounts():
    figs = _figs("警方今年上半年共處理三千二百四十六宗科技罪案，損失六億九千萬元。", "2014-07-31")
    assert _keys(figs) >= {
        ("technology_crime", "cases", "level", 3246, "2014-H1"),
        ("technology_crime", "loss", "level", 690_000_000, "2014-H1"),
    }


def test_english_number_words_before_a_unit_are_figures():
    figs = _figs("In 2020, technology crime rose by sixty per cent.")
    assert ("technology_crime", "cases", "change_pct", 60, "2020") in _keys(figs)


# --- what the counted thing is --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("In 2023, 4,000 cases of deception on social media were reported.", "social_media_deception"),
        ("In 2023, scam cases concerning online shopping numbered 4,000.", "online_shopping_fraud"),
        ("2023年涉及網購的騙案有4000宗。", "online_shopping_fraud"),
        ("In 2020, 12,916 crimes related to technology were reported.", "technology_crime"),
        ("In 2020, online dating scams reached 1,000.", "romance_scam"),
    ],
)
def test_a_kind_of_fraud_is_read_around_its_head_word(text, category):
    assert [f.category for f in _figs(text)] == [category]


@pytest.mark.parametrize(
    "text",
    [
        "In 2020, mask scams numbered 1,000.",
        "2019年「猜猜我是誰」電話騙案有500宗。",
        "In 2022, romance-investment scams rose to 900 cases.",
    ],
)
def test_a_named_sub_type_is_never_its_parent_series(text):
    assert _figs(text) == []


def test_a_category_named_only_as_an_example_is_not_the_figure_s_category():
    figs = _figs(
        "In 2020, 12,916 technology crimes were reported, involving offences such as hacking and phishing."
    )
    assert [f.category for f in figs] == ["technology_crime"]
    figs = _figs(
        "2025年首7個月錄得約1.9萬宗科技罪案，主要涉網購及投資騙案等，損失金額約36億元。", "2025-09-27"
    )
    assert {f.category for f in figs} == {"technology_crime"}


def test_a_generic_word_beside_a_specific_kind_counts_the_specific_kind():
    figs = _figs("2014年首7個月，其中因網上裸聊而遭到詐騙的案件有317宗。", "2014-08-30")
    assert [f.category for f in figs] == ["naked_chat_blackmail"]


def test_names_of_police_units_are_not_categories():
    figs = _figs(
        "Online investment fraud rose in 2021. The money lost rose 268 per cent, "
        "according to the Anti-Deception Coordination Centre."
    )
    assert [f.category for f in figs if f.kind == "change_pct"] == ["investment_fraud"]


def test_a_part_described_by_something_outside_the_series_is_not_a_figure():
    figs = _figs("2012年上半年電郵詐騙案有310宗，其中169宗涉及商業機構。", "2012-08-03")
    assert [f.value for f in figs] == [310]


# --- not statistics of a series -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2024年首季，一名老婦被騙2.65億元。",  # one victim's loss
        "In 2021, the arrestees were involved in 37 cases.",  # the cases of one operation
        "2021年上半年，反詐騙熱線勸止了超過280宗騙案。",  # frauds stopped, not cases
        "2023年，警方移除了60個釣魚網站。",  # things counted with their own classifier
    ],
)
def test_counts_that_are_not_statistics_of_a_series(text):
    assert [f for f in _figs(text) if f.metric in ("cases", "loss")] == []


def test_a_police_region_is_a_part_of_hong_kong_not_hong_kong():
    figs = _figs("以新界南總區為例，2023年首2個月的詐騙案有1230宗。")
    assert [f.jurisdiction for f in figs] == ["HK-REGION"]


def test_a_place_named_in_passing_does_not_move_the_story_there():
    figs = _figs(
        "In 2024, one victim flew to Thailand after a call. "
        "Overall there were 36,405 cases of fraud from January to October 2024."
    )
    assert [(f.value, f.jurisdiction, f.period) for f in figs] == [(36405, "HK", "2024-01/2024-10")]


# --- periods --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ref", "period"),
    [
        ("As of October 2024, deception cases numbered 36,405.", None, "2024-01/2024-10"),
        ("今年首7月錄得約1.9萬宗科技罪案。", "2025-09-27", "2025-01/2025-07"),
        ("截至2024年10月，詐騙案有36405宗。", None, "2024-01/2024-10"),
    ],
)
def test_year_to_date_phrases_are_spans_from_january(text, ref, period):
    assert [f.period for f in _figs(text, ref)] == [period]


def test_this_year_in_a_text_about_a_part_of_an_unfinished_year_is_that_part():
    figs = _figs(
        "In the first half of 2015, 4,875 deception cases were recorded. "
        "Social media deception rose from 466 cases in the first half of 2014 to 940 cases this year.",
        "2015-07-29",
    )
    assert ("social_media_deception", "cases", "level", 940, "2015-H1") in _keys(figs)
    assert ("social_media_deception", "cases", "level", 466, "2014-H1") in _keys(figs)


def test_a_change_against_anything_but_a_year_before_is_not_listed():
    figs = _figs("Online investment fraud losses increased 277 per cent to HK$472 million in 2021 from 2017.")
    assert [f.kind for f in figs] == ["level"]


def test_a_bare_last_year_in_a_same_period_comparison_means_the_same_period():
    figs = _figs("今年首7月錄得約1.9萬宗科技罪案，較去年微跌0.9%。", "2025-09-27")
    change = next(f for f in figs if f.kind == "change_pct")
    assert (change.value, change.period, change.compared_with) == (-0.9, "2025-01/2025-07", "2024-01/2024-07")


def test_the_headline_form_dates_every_figure_to_the_newer_period():
    figs = _figs(
        "Technology crime, first half of 2023: 15 637 cases against 10 613 in the first half of 2022, "
        "+47.3%; losses HK$2.03 billion, +28%."
    )
    assert _keys(figs) == {
        ("technology_crime", "cases", "level", 15637, "2023-H1"),
        ("technology_crime", "cases", "level", 10613, "2022-H1"),
        ("technology_crime", "cases", "change_pct", 47.3, "2023-H1"),
        ("technology_crime", "loss", "level", 2_030_000_000, "2023-H1"),
        ("technology_crime", "loss", "change_pct", 28, "2023-H1"),
    }


@pytest.mark.parametrize("text", ["今年初警方公布數字。", "Early this year police said so."])
def test_a_point_in_a_year_is_not_a_period(text):
    from transform.periods import find_periods

    assert find_periods(text, date(2023, 4, 28)) == []


def test_half_a_tenth_is_five_per_cent():
    figs = _figs("2022年詐騙案上升4成半。")
    assert [(f.kind, f.value) for f in figs] == [("change_pct", 45)]


# --- confidence and evidence ----------------------------------------------------------------------


def test_evidence_names_the_words_and_rules_that_decided():
    (fig,) = _figs("In 2020, there were 12,916 technology crime cases.")
    assert fig.evidence["category"] == "technology crime"
    assert fig.evidence["category_rule"] == "attached"
    assert (fig.evidence["period"], fig.evidence["period_rule"]) == ("2020", "attached")  # opens the sentence
    assert fig.evidence["jurisdiction_rule"] == "default"


def test_a_subject_carried_from_sentences_before_is_less_sure_than_one_named():
    named, carried = _figs(
        "Technology crime reached 12,916 cases in 2020. The loss was HK$2.96 billion in 2020."
    )
    assert named.evidence["category_rule"] != "carried"
    assert carried.evidence["category_rule"] == "carried_previous"
    assert carried.confidence < named.confidence


def _rows(figs: list[Figure]) -> tuple[list[dict], list[dict]]:
    article = {"article_id": "a1", "published_at": None, "body": ""}
    return figures_to_rows(
        figs,
        article=article,
        source_id="gia_press_release",
        source_tier="official_text",
        document_url="https://www.info.gov.hk/gia/general/202101/01/P1.htm",
        fetched_at=None,
        raw_sha256=None,
        parser_version="test",
    )


def test_a_figure_below_the_threshold_is_stored_but_never_an_observation():
    (fig,) = _figs("In 2020, there were 12,916 technology crime cases.")
    observations, stored = _rows([fig])
    assert len(observations) == 1 and stored[0]["confidence"] == fig.confidence
    assert '"category_rule": "attached"' in stored[0]["evidence"]
    fig.confidence = THRESHOLD - 0.01
    observations, stored = _rows([fig])
    assert observations == [] and len(stored) == 1


# --- hostile input --------------------------------------------------------------------------------


def test_a_run_of_numbers_is_not_read_as_prose():
    assert _figs("Technology crime rose in 2023. " + "1 " * 5000) == []


def test_an_absurd_number_is_no_figure():
    assert _figs("In 2023, HK$1" + "9" * 400 + " was lost to scams.") == []


def test_a_text_over_the_bound_is_refused_whole():
    from transform.exceptions import TextTooLong
    from transform.figures.extractor import MAX_TEXT_CHARS

    with pytest.raises(TextTooLong, match="over the reader's bound"):
        _figs("a" * (MAX_TEXT_CHARS + 1))


# --- the subject a sentence hands on, and weak words for it ----------------------------------------


def test_the_subject_handed_on_is_what_the_figures_counted_not_the_agent_noun():
    figs = _figs(
        "Fraudsters took HK$690 million from victims of online investment scams in the first half of "
        "2014. The amount rose 30 per cent on the same period last year.",
        "2014-08-01",
    )
    assert ("investment_fraud", "loss", "change_pct", 30, "2014-H1") in _keys(figs)


def test_an_agent_noun_yields_to_the_kind_of_fraud_named_before():
    figs = _figs(
        "In the first half of 2022, 1,706 employment fraud cases were reported. "
        "Swindlers pocketed HK$20.3 million in 350 cases in the same period of 2021.",
        "2022-08-01",
    )
    assert _keys(figs) >= {
        ("employment_fraud", "loss", "level", 20_300_000, "2021-H1"),
        ("employment_fraud", "cases", "level", 350, "2021-H1"),
    }


def test_this_type_of_scam_points_back_and_is_not_the_subject():
    figs = _figs(
        "This type of scam pushed online shopping fraud to 3,954 cases in the first half of 2022, "
        "involving HK$100 million in losses.",
        "2022-08-01",
    )
    assert {f.category for f in figs} == {"online_shopping_fraud"}


def test_a_chinese_clause_before_the_number_names_the_kind_of_fraud_beside_the_generic_word():
    figs = _figs("2022年上半年，騙案有12326宗。當中因網上求職而被騙的個案，共有1706宗。", "2022-08-01")
    assert ("employment_fraud", "cases", "level", 1706, "2022-H1") in _keys(figs)


# --- the period of a comparison level --------------------------------------------------------------


def test_a_comparison_level_after_an_adverb_takes_the_comparison_period():
    figs = _figs(
        "Deception cases reached 12,326 in the first half of this year, compared with just 8,699 cases "
        "involving HK$1 billion in the same period last year.",
        "2022-08-01",
    )
    assert ("deception", "cases", "level", 8699, "2021-H1") in _keys(figs)


@pytest.mark.parametrize(
    ("comparison", "period"),
    [("up from 13,920 in 2021", "2021-01/2021-09"), ("up from 8,216 in 2019", "2019")],
)
def test_a_comparison_year_is_the_same_months_only_when_it_is_the_year_before(comparison, period):
    figs = _figs(f"From January to September 2022, 19,444 deception cases were reported, {comparison}.")
    value = int(comparison.split()[2].replace(",", ""))
    assert ("deception", "cases", "level", value, period) in _keys(figs)


def test_a_bracketed_conversion_does_not_hide_the_period_after_an_amount():
    figs = _figs(
        "Online employment fraud reached 1,706 cases in the first half of this year. Swindlers pocketed "
        "HK$20.3 million (US$2.6 million) in 350 cases in the same period of 2021.",
        "2022-08-01",
    )
    assert ("employment_fraud", "loss", "level", 20_300_000, "2021-H1") in _keys(figs)


def test_a_chinese_period_before_the_comparison_dates_the_topic_not_the_level_compared_with():
    figs = _figs("2022年上半年詐騙案由8699宗增加至12326宗，上升41.7%。", "2022-07-26")
    assert _keys(figs) == {
        ("deception", "cases", "level", 8699, "2021-H1"),
        ("deception", "cases", "level", 12326, "2022-H1"),
        ("deception", "cases", "change_pct", 41.7, "2022-H1"),
    }


def test_a_chinese_list_item_takes_the_label_before_its_number_not_the_next_items():
    text = "2022年上半年，當中「求職騙案」1706宗、「投資騙案」1271宗及「電話騙案」786宗。"
    figs = _figs(text, "2022-07-26")
    assert {(f.value, f.category) for f in figs} == {
        (1706, "employment_fraud"),
        (1271, "investment_fraud"),
        (786, "telephone_deception"),
    }


# --- shares and changes around a bound -------------------------------------------------------------


@pytest.mark.parametrize(
    "share",
    [
        "More than 70% of the reports were Internet-related.",
        "Scams on one platform accounted for more than 40 percent of the cases.",
    ],
)
def test_a_share_after_a_bound_is_not_a_change(share):
    figs = _figs(f"In 2022, there were 27,923 deception cases. {share}")
    assert _keys(figs) == {("deception", "cases", "level", 27923, "2022")}


def test_a_bound_before_a_year_on_year_increase_is_a_qualifier_of_the_change():
    (change,) = _figs("Online shopping fraud in 2024 - a more than 29 percent year-on-year increase.")
    assert (change.kind, change.value, change.qualifier) == ("change_pct", 29, "more_than")


def test_a_change_of_the_losses_reported_is_a_change_of_losses():
    figs = _figs("In 2021 there were 1,140 telephone fraud cases, but the losses reported rose 40 percent.")
    assert ("telephone_deception", "loss", "change_pct", 40, "2021") in _keys(figs)


# --- amounts and counts that are not statistics of a series ----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "She then sent HK$232,500 to an account overseas.",
        "In one of the cases, the fraudster obtained a loan of HK$100,000.",
        "Officers have frozen HK$17 million in bank accounts.",
    ],
)
def test_one_persons_money_and_frozen_money_are_not_losses(sentence):
    figs = _figs(f"In 2023, there were 39,824 deception cases. {sentence}")
    assert _keys(figs) == {("deception", "cases", "level", 39824, "2023")}


def test_a_crime_rate_is_not_a_number_of_cases():
    figs = _figs("In 2018, the crime rate measured by crimes per 100,000 population stood at 728 cases.")
    assert figs == []


def test_a_plain_dollar_amount_in_brackets_after_an_hk_dollar_amount_is_a_conversion():
    figs = _figs("In 2023, losses to online shopping fraud reached HK$94 million ($12 million).")
    assert _keys(figs) == {("online_shopping_fraud", "loss", "level", 94_000_000, "2023")}


# --- changes: what they are compared with -----------------------------------------------------------


def test_a_rise_in_the_number_of_cases_by_n_is_an_absolute_change():
    figs = _figs("In 2010 there was a rise in the number of telephone deception cases by 523.")
    assert ("telephone_deception", "cases", "change_abs", 523, "2010") in _keys(figs)


def test_each_change_with_its_own_year_is_compared_with_the_year_before_it():
    figs = _figs(
        "The number of crimes increased by 9 per cent in 2019 and continued to increase by 7 per cent "
        "in 2020."
    )
    assert _keys(figs) == {
        ("overall_crime", "cases", "change_pct", 9, "2019"),
        ("overall_crime", "cases", "change_pct", 7, "2020"),
    }


def test_last_year_in_a_comparison_about_last_year_is_the_year_before_it():
    figs = _figs(
        "The overall crimes in 2022 increased by 8.7 per cent as compared with last year.", "2023-04-12"
    )
    assert _keys(figs) == {("overall_crime", "cases", "change_pct", 8.7, "2022")}


def test_that_of_a_year_is_a_comparison_period():
    figs = _figs(
        "In 2023, 39 824 deception cases were recorded, an increase of 42.6 per cent compared with "
        "that of 2022."
    )
    assert ("deception", "cases", "change_pct", 42.6, "2023") in _keys(figs)


def test_a_change_on_the_previous_quarter_is_still_not_year_on_year():
    figs = _figs("香港警方2024年第一季錄得474宗電話騙案，比上一季度減少三成。", "2024-05-13")
    assert [f.kind for f in figs] == ["level"]


def test_a_means_noun_before_a_fraud_word_is_not_a_thing_counted():
    figs = _figs("Hong Kong logged 474 phone scams from January through March 2024.")
    assert _keys(figs) == {("telephone_deception", "cases", "level", 474, "2024-Q1")}


@pytest.mark.parametrize(
    "sentence", ["The monthly average of 13 cases is lower.", "There was an average of 13 cases a month."]
)
def test_an_average_is_not_the_count_of_a_period(sentence):
    figs = _figs(f"Hong Kong logged 474 phone scams in the first quarter of 2024. {sentence}")
    assert _keys(figs) == {("telephone_deception", "cases", "level", 474, "2024-Q1")}


def test_the_whole_after_of_the_is_not_the_category_of_the_part():
    figs = _figs("In the first half of 2012, commercial e-mail scams accounted for 169 of the crimes.")
    assert _keys(figs) == {("email_scam", "cases", "level", 169, "2012-H1")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Reports were referred to the Police between 2019-06-14 and 2019-07-26.",
        "Nearly one out of every two crime cases involved deception.",
        "Victims lost amounts ranging from HK$500 to HK$70,000.",
        "Officers will hand out 300,000 leaflets on Friday.",
        "The centre handled 12 536 security incidents.",
    ],
)
def test_dates_ranges_proportions_and_things_are_not_counts_of_cases(sentence):
    figs = _figs(f"In 2023, there were 39,824 deception cases. {sentence}")
    assert _keys(figs) == {("deception", "cases", "level", 39824, "2023")}


@pytest.mark.parametrize(
    "sentence",
    ["受害人損失由數百元至七萬元不等。", "警方周五派發30萬份單張。", "事主轉帳共3000萬元至不同帳戶。"],
)
def test_chinese_ranges_copies_and_one_victims_money_are_not_figures(sentence):
    figs = _figs(f"2023年詐騙案有39824宗。{sentence}", "2024-02-01")
    assert _keys(figs) == {("deception", "cases", "level", 39824, "2023")}


def test_money_cheated_out_of_many_victims_is_still_a_loss():
    figs = _figs("In the first half of 2018, romance scammers cheated 272 people out of HK$137 million.")
    assert ("romance_scam", "loss", "level", 137_000_000, "2018-H1") in _keys(figs)


@pytest.mark.parametrize(
    "sentence",
    [
        "Excluding deception, overall crime fell by 185 cases in 2024.",
        "去除詐騙類案件後，2024年整體罪案減少185宗。",
    ],
)
def test_a_total_with_a_part_taken_out_is_not_the_series(sentence):
    figs = _figs(f"In 2024, there were 44,480 deception cases. {sentence}", "2025-02-01")
    assert _keys(figs) == {("deception", "cases", "level", 44480, "2024")}


# --- lists of changes --------------------------------------------------------------------------------


def test_later_members_of_a_list_of_changes_keep_the_direction_of_the_first():
    figs = _figs(
        "In the first four months of 2018, burglary and violent crime fell by 25% and 3.7% respectively."
    )
    assert _keys(figs) == {("violent_crime", "cases", "change_pct", -3.7, "2018-01/2018-04")}


def test_a_chinese_list_of_crimes_after_the_sentence_total_is_spread_over_its_own_members():
    text = (
        "香港今年首4個月共發生17280宗罪案，而勒索、爆竊案及暴力罪案數字亦分別較去年同期減少28%、25%及3.7%。"
    )
    assert _keys(_figs(text, "2018-05-20")) == {
        ("overall_crime", "cases", "level", 17280, "2018-01/2018-04"),
        ("violent_crime", "cases", "change_pct", -3.7, "2018-01/2018-04"),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Other crimes fell by about 14.3% to 44.5% against 2018.",
        "其他騙案升幅介乎四成至1.8倍。",
        "The rate of increase in the past three years was well above 30 per cent.",
        "The loss per capita represented a 67.7 percent increase from the previous year.",
    ],
)
def test_ranges_of_rates_multi_year_rates_and_per_head_changes_are_not_year_on_year_changes(sentence):
    figs = _figs(f"In 2022, there were 27,923 deception cases. {sentence}", "2023-02-01")
    assert _keys(figs) == {("deception", "cases", "level", 27923, "2022")}


def test_an_amount_that_was_swindled_is_a_loss_but_a_person_who_was_swindled_is_one_victim():
    lead = "Police recorded 477 naked chat blackmail cases in 2013."
    assert ("naked_chat_blackmail", "loss", "level", 1_700_000, "2013") in _keys(
        _figs(f"{lead} Meanwhile HK$1.7 million was swindled in 2013.")
    )
    assert _keys(_figs(f"{lead} A clerk was swindled out of HK$1.7 million in 2013.")) == {
        ("naked_chat_blackmail", "cases", "level", 477, "2013")
    }


@pytest.mark.parametrize(
    ("text", "value"),
    [("2023年「電話騙案」(3,213宗)。", 3213), ("In 2023, telephone scams rose to 3,213.", 3213)],
)
def test_the_telephone_crime_before_a_number_is_not_a_phone_number(text, value):
    assert ("telephone_deception", "cases", "level", value, "2023") in _keys(_figs(text, "2024-02-06"))


def test_a_number_after_a_hotline_is_still_a_phone_number():
    assert _figs("In 2023, deception victims could call the hotline 18222 for help.") == []


# --- a change and the level it reaches --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Losses from technology crime climbed 28 per cent to HK$2.03bn in January-June.", "loss"),
        ("Technology crime climbed 28 per cent to HK$2.03 billion in the first half.", "loss"),
        ("今年上半年，科技罪案上升28%至20.3億元。", "loss"),
        ("Technology crime climbed 47.3 per cent to 15,637 cases in the first half.", "cases"),
        ("Technology crime climbed 47.3 per cent in the first half.", "cases"),
    ],
)
def test_a_percentage_change_measures_the_level_it_reaches_or_the_noun_whose_crime_is_named(text, metric):
    changes = [f for f in _figs(text, "2023-08-10") if f.kind == "change_pct"]
    assert [(f.category, f.metric, f.period, f.compared_with) for f in changes] == [
        ("technology_crime", metric, "2023-H1", "2022-H1")
    ]


def test_cases_involving_a_kind_of_fraud_are_still_cases():
    figs = _figs(
        "Last year there were 4,000 cases involving online shopping fraud, a 29 percent rise.", "2024-02-01"
    )
    assert ("online_shopping_fraud", "cases", "change_pct", 29, "2023") in _keys(figs)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Technology crimes went up by 5,024, or 47.3%, year on year to 15,637 in the first half.",
            {("change_abs", 5024), ("change_pct", 47.3), ("level", 15637)},
        ),
        (
            "Technology crimes rose 47.3 per cent, or 5,024 cases, in the first half.",
            {("change_pct", 47.3), ("change_abs", 5024)},
        ),
        ("今年上半年科技罪案增加5024宗，即47.3%。", {("change_abs", 5024), ("change_pct", 47.3)}),
    ],
)
def test_a_number_after_or_restates_the_change_before_it(text, expected):
    figs = _figs(text, "2023-08-10")
    assert {(f.kind, f.value) for f in figs} == expected
    assert {(f.category, f.metric, f.period) for f in figs} == {("technology_crime", "cases", "2023-H1")}


@pytest.mark.parametrize(
    "text",
    [
        "Scams made up 44 per cent of the 90,276 crimes recorded last year.",
        "Deception accounted for 44% of the 90,276 crimes recorded last year.",
    ],
)
def test_a_number_in_the_whole_of_a_share_is_counted_by_the_noun_after_it(text):
    assert _keys(_figs(text, "2024-02-05")) == {("overall_crime", "cases", "level", 90276, "2023")}


@pytest.mark.parametrize(
    ("noun", "sign"),
    [("surge", 1), ("year-on-year jump", 1), ("spike", 1), ("decline", -1), ("year-on-year dip", -1)],
)
def test_the_noun_of_a_change_after_a_percentage_makes_it_a_change(noun, sign):
    figs = _figs(f"Crime rose last year, driven by a 42.6 per cent {noun} in deception.", "2024-02-05")
    assert ("deception", "cases", "change_pct", 42.6 * sign, "2023") in _keys(figs)


def test_a_restated_change_may_carry_a_qualifier():
    figs = _figs("Deception cases last year rose by 11,901, or about 43 per cent, to 39,824.", "2024-02-05")
    assert {(f.kind, f.value, f.qualifier) for f in figs} >= {
        ("change_abs", 11901, "exact"),
        ("change_pct", 43, "approx"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Fraud cases in 2023: 39,824 (2022: 27,923).",
        "Fraud cases, 2023: 39,824; 2022: 27,923.",
        "詐騙案（2023年：39,824宗；2022年：27,923宗）",
    ],
)
def test_a_period_written_as_the_label_of_a_value_dates_it(text):
    assert _keys(_figs(text, "2024-02-05")) == {
        ("deception", "cases", "level", 39824, "2023"),
        ("deception", "cases", "level", 27923, "2022"),
    }


def test_a_conversion_after_a_short_period_phrase_is_still_a_conversion():
    figs = _figs("Technology crime losses hit HK$2,030m in 1H23 (US$260m).", "2023-08-10")
    assert [(f.unit, f.value, f.period) for f in figs] == [("HKD", 2_030_000_000, "2023-H1")]


@pytest.mark.parametrize(
    ("text", "period_of_16182"),
    [
        (
            "The losses in the first six months amounted to $2.66 billion, from 16,182 technology crimes.",
            "2024-H1",
        ),
        (
            "Technology crimes rose from 16,182 in the first half of last year to 17,000 in the first half.",
            "2023-H1",
        ),
        ("In the first half, technology crimes were up from 16,182 a year earlier.", "2023-H1"),
    ],
)
def test_from_names_a_compared_level_only_around_a_change(text, period_of_16182):
    figs = [f for f in _figs(text, "2024-08-01") if f.value == 16182]
    assert [(f.category, f.metric, f.period) for f in figs] == [
        ("technology_crime", "cases", period_of_16182)
    ]


# --- numbers that are not the series' statistics -----------------------------------------------------

_LEAD = "Deception cases rose to 39,824 in 2023."
_LEAD_KEY = ("deception", "cases", "level", 39824, "2023")


@pytest.mark.parametrize(
    "sentence",
    [
        "The Anti-Scam Helpline 18222 took many calls last year.",
        "One victim, a retired teacher, lost HK$12 million to fake investment advisers.",
        "An elderly woman handed HK$3 million to a fake official.",
        "Young people aged under 30 made up 40 per cent of the victims.",
        "HKCERT handled 7,000 security incidents in 2023, including 3,000 phishing cases.",
        "The Privacy Commissioner received 2,000 complaints about fraud calls last year.",
        "The Consumer Council logged 1,500 complaints about online shopping scams in 2023.",
    ],
)
def test_helplines_one_persons_story_ages_and_other_bodies_counts_are_not_figures(sentence):
    assert _keys(_figs(f"{_LEAD} {sentence}", "2024-02-05")) == {_LEAD_KEY}


@pytest.mark.parametrize(
    "sentence",
    ["一名退休男子被騙去1,200萬元。", "私隱專員公署去年接獲2,000宗涉及詐騙電話的投訴。"],
)
def test_one_persons_story_and_other_bodies_counts_are_not_figures_in_chinese(sentence):
    assert _keys(_figs(f"去年本港詐騙案上升至39,824宗。{sentence}", "2024-02-05")) == {_LEAD_KEY}


def test_a_percentage_level_of_a_named_rate_is_the_rate():
    figs = _figs(f"{_LEAD} The detection rate for deception was 13 per cent in 2023.", "2024-02-05")
    assert ("deception", "detection_rate", "level", 13, "2023") in _keys(figs)
    assert ("deception", "cases", "level", 13, "2023") not in _keys(figs)


@pytest.mark.parametrize(
    "text",
    [
        "Crimes such as online shopping fraud and phishing drove deception cases to 39,824 last year.",
        "Scams including romance scams or investment scams pushed deception cases to 39,824 last year.",
    ],
)
def test_an_english_list_of_examples_ends_with_the_crime_after_its_and(text):
    assert _keys(_figs(text, "2024-02-05")) == {("deception", "cases", "level", 39824, "2023")}


def test_list_items_with_their_own_brackets_keep_their_own_figures():
    text = "In 2009, crimes on the rise included deception (up 10.3 per cent) and theft (up 14.9 per cent)."
    assert ("deception", "cases", "change_pct", 10.3, "2009") in _keys(_figs(text, "2010-02-01"))
    assert ("overall_crime", "cases", "change_pct", 14.9, "2009") not in _keys(_figs(text, "2010-02-01"))


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("The year before, there were 27,923.", {("deception", "cases", "level", 27923, "2022")}),
        ("The detection rate rose to 35.7.", set()),
        ("The year before, there were 27,923 officers.", set()),
    ],
)
def test_a_bare_whole_number_goes_on_counting_what_the_sentence_before_counted(second, expected):
    figs = _figs(f"Last year 39,824 deception cases were reported. {second}", "2024-02-05")
    assert _keys(figs) == {("deception", "cases", "level", 39824, "2023")} | expected


def test_scams_that_cost_victims_an_amount_caused_a_loss():
    text = (
        "Investment scams caused the biggest losses last year, at HK$4 billion,"
        " while online shopping scams cost victims HK$300 million."
    )
    assert _keys(_figs(text, "2024-02-05")) == {
        ("investment_fraud", "loss", "level", 4_000_000_000, "2023"),
        ("online_shopping_fraud", "loss", "level", 300_000_000, "2023"),
    }


def test_the_cost_of_something_else_is_not_a_loss():
    assert _figs("In 2023, the anti-fraud campaign cost HK$30 million.", "2024-02-05") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Online scams cost Hongkongers HK$3.3 billion in less than a year.",
        "Over the past 16 months police recorded 193 job scams.",
        "Within six months, 1,000 romance scams were reported.",
        "短短數月內，網上情緣騙案已有1,000宗。",
    ],
)
def test_a_span_that_is_no_calendar_period_gives_no_figure(sentence):
    assert _figs(f"In 2023 the city saw many scams. {sentence}", "2024-02-05") == []


def test_a_percentage_written_in_chinese_numerals_with_a_decimal_is_a_change():
    figs = _figs("去年詐騙案上升百分之四十二點六。", "2024-02-05")
    assert _keys(figs) == {("deception", "cases", "change_pct", 42.6, "2023")}


@pytest.mark.parametrize(
    "sentence",
    [
        "Police receive 20 to 30 romance scam reports a month.",
        "Phone and e-mail scams together made up 6,000 cases.",
        "Companies were the victims in 3,000 of the cases.",
        "In the past month alone, there were 3,500 cases.",
    ],
)
def test_ranges_rates_per_month_combined_totals_parts_by_victim_and_the_past_month_are_not_figures(sentence):
    assert _keys(_figs(f"{_LEAD} {sentence}", "2024-02-05")) == {_LEAD_KEY}


@pytest.mark.parametrize("sentence", ["當中涉及長者的個案有2,000宗。", "網上情緣騙案每月約有20至30宗。"])
def test_a_part_by_victim_and_a_monthly_range_are_not_figures_in_chinese(sentence):
    assert _keys(_figs(f"去年本港詐騙案上升至39,824宗。{sentence}", "2024-02-05")) == {_LEAD_KEY}


@pytest.mark.parametrize(
    "text",
    [
        "9月至今，警方接獲1,200宗網購騙案。",
        "Since 1 September, police have received 1,200 online shopping fraud reports.",
    ],
)
def test_a_month_to_date_count_is_not_a_figure(text):
    assert _figs(text, "2023-10-20") == []


def test_a_change_from_one_count_to_another_is_no_range():
    figs = _figs(
        "In the first half of 2021, deception cases rose by 7% from 8 129 to 8 699 cases.", "2021-08-01"
    )
    assert {("level", 8129, "2020-H1"), ("level", 8699, "2021-H1")} <= {
        (f.kind, f.value, f.period) for f in figs
    }


def test_a_chinese_headline_line_passes_on_its_own_period_not_the_one_compared_with():
    text = "科技罪案（2023年上半年）：15 637宗，2022年上半年為10 613宗，升47.3%；損失20.3億元，升28%。"
    assert _keys(_figs(text, "2023-08-10")) == {
        ("technology_crime", "cases", "level", 15637, "2023-H1"),
        ("technology_crime", "cases", "level", 10613, "2022-H1"),
        ("technology_crime", "cases", "change_pct", 47.3, "2023-H1"),
        ("technology_crime", "loss", "level", 2_030_000_000, "2023-H1"),
        ("technology_crime", "loss", "change_pct", 28, "2023-H1"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "去年詐騙案損失達3.4億元。警方指，約3.4億元的損失大多來自網上騙案。",
        "Deception losses were HK$340 million last year. The HK$340 million came mostly from online scams.",
    ],
)
def test_where_an_amount_mostly_came_from_is_not_its_category(text):
    assert _keys(_figs(text, "2024-02-05")) == {("deception", "loss", "level", 340_000_000, "2023")}


@pytest.mark.parametrize(
    "sentence",
    ["Globally, ransomware attacks rose 30 per cent last year.", "同期全球網上詐騙交易僅增長4.3%。"],
)
def test_a_figure_for_the_whole_world_is_not_hong_kongs(sentence):
    figs = _figs(f"{_LEAD} {sentence}", "2024-02-05")
    assert {f.jurisdiction for f in figs if f.value != 39824} == {"WORLD"}
    assert [f.value for f in figs if f.jurisdiction == "HK"] == [39824]


@pytest.mark.parametrize(
    ("words", "category"),
    [("cyber fraud cases", "internet_deception"), ("e-commerce fraud cases", "online_shopping_fraud")],
)
def test_more_names_of_kinds_of_fraud(words, category):
    assert _keys(_figs(f"There were 1,234 {words} last year.", "2024-02-05")) == {
        (category, "cases", "level", 1234, "2023")
    }


# --- text copied with its line breaks ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Technology crime cases in the first half of 2023 reached\n15,637, with losses of\nHK$2.03 billion.",
        "今年上半年，警方共錄得科技罪案一萬五千六百三十七宗，較去年同期\n上升百分之四十七點三，損失金額達二十點三億元。",
    ],
)
def test_a_sentence_wrapped_across_lines_is_read_as_one(text):
    assert ("technology_crime", "cases", "level", 15637, "2023-H1") in _keys(_figs(text, "2023-08-10"))
    assert ("technology_crime", "loss", "level", 2_030_000_000, "2023-H1") in _keys(_figs(text, "2023-08-10"))


@pytest.mark.parametrize(
    "text",
    [
        "Scams soar in Hong Kong\n2023-08-10\nTechnology crime cases reached 15,637 in the first half.",
        "科技罪案急升 警方籲市民提高警覺 今年上半年逾萬五宗\n2023年8月10日\n今年上半年科技罪案有15,637宗。",
    ],
)
def test_a_headline_and_a_dateline_stay_lines_of_their_own(text):
    figs = _figs(text, "2023-08-10")
    assert ("technology_crime", "cases", "level", 15637, "2023-H1") in _keys(figs)
    assert all(not f.quote.startswith(("Scams soar", "科技罪案急升")) or f.value != 15637 for f in figs)


@pytest.mark.parametrize(
    "sentence",
    [
        "One in three cases involved social media.",
        "Police logged 39,824 frauds in 2023, more than two in five of all crimes.",
    ],
)
def test_one_in_three_is_a_proportion_not_a_count(sentence):
    assert _keys(_figs(f"{_LEAD} {sentence}", "2024-02-05")) == {_LEAD_KEY}


def test_a_count_followed_by_in_and_a_year_is_still_a_count():
    assert _keys(_figs("Police recorded 2,206 technology crime cases in 2011.", "2012-02-01")) == {
        ("technology_crime", "cases", "level", 2206, "2011")
    }


# --- lists without "respectively" ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Online shopping fraud and investment fraud rose 20 per cent and 30 per cent last year.",
            {("online_shopping_fraud", 20), ("investment_fraud", 30)},
        ),
        (
            "Cases of online shopping fraud and investment fraud last year numbered 8,000 and 3,500.",
            {("online_shopping_fraud", 8000), ("investment_fraud", 3500)},
        ),
        (
            "Last year, online shopping fraud rose 20 per cent and investment fraud 30 per cent.",
            {("online_shopping_fraud", 20), ("investment_fraud", 30)},
        ),
    ],
)
def test_a_list_of_crimes_before_a_list_of_numbers_pairs_them_in_order(text, expected):
    assert {(f.category, f.value) for f in _figs(text, "2024-02-05")} == expected


def test_a_list_of_numbers_by_year_is_not_paired_with_the_crimes():
    # as many years as numbers: the list may be by year, so the crimes are not paired (nothing guessed)
    text = "Online shopping fraud and investment fraud cases numbered 8,000 and 3,500 in 2022 and 2023."
    figs = _figs(text, "2024-02-05")
    assert {f.value for f in figs} == {8000, 3500}
    assert [f.evidence["category_rule"] for f in figs if f.evidence["category_rule"] == "list_item"] == []


@pytest.mark.parametrize(
    "aside",
    ["particularly in the fourth quarter", "especially in the second half of the year", "尤其是第四季"],
)
def test_a_period_named_as_an_aside_does_not_date_the_sentences_figures(aside):
    figs = _figs(f"In 2010, telephone deception cases rose by 523, {aside}.", "2011-02-01")
    assert [(f.kind, f.value, f.period) for f in figs] == [("change_abs", 523, "2010")]


def test_a_simplified_text_about_a_police_region_is_still_hong_kong_text():
    text = (
        "新界南诈骗案首两月1230宗\n"
        "警务处长发布2022年全年罪案数字，骗案超过27900宗，相对2021年上升4成半，"
        "其中以新界南总区为例，今年首2个月的诈骗案有1230宗。"
    )
    hk = {(f.kind, f.value, f.period) for f in _figs(text, "2023-04-28") if f.jurisdiction == "HK"}
    assert hk == {("level", 27900, "2022"), ("change_pct", 45, "2022")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("去年詐騙案涉1億多騙款。", {("loss", 100_000_000)}),
        ("去年詐騙案有3萬宗。一名商人被假官員呃走1200萬。", {("cases", 30_000)}),
    ],
)
def test_money_written_without_yuan_is_read_by_its_noun_or_verb(text, expected):
    assert {(f.metric, f.value) for f in _figs(text, "2024-02-05")} == expected


@pytest.mark.parametrize(
    "text",
    ["Deception cases in 2023 increased by 11,901 to 39,824.", "2023年詐騙案增加11,901宗至39,824宗。"],
)
def test_a_change_and_the_level_it_reached_are_no_range(text):
    assert {(f.kind, f.value) for f in _figs(text, "2024-02-01")} == {("change_abs", 11901), ("level", 39824)}


@pytest.mark.parametrize(
    "text",
    [
        "In the first quarter, technology crime cases rose 10 per cent quarter on quarter to 7,361.",
        "今年第一季科技罪案有7,361宗，按季上升10%。",
        "今年第一季科技罪案有7,361宗，較上季上升10%。",
    ],
)
def test_a_change_on_the_quarter_before_is_no_figure_but_the_level_is(text):
    assert _keys(_figs(text, "2023-05-15")) == {("technology_crime", "cases", "level", 7361, "2023-Q1")}


def test_a_comparison_in_a_later_clause_with_its_own_number_is_that_numbers():
    figs = _figs("去年詐騙案上升42.6%，較2018年多出375%。", "2024-02-05")
    assert [(f.kind, f.value, f.period, f.compared_with) for f in figs] == [
        ("change_pct", 42.6, "2023", "2022")
    ]


# --- found by the generated constructions (tests/figure_constructions.py) --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Last year 39,824 deception cases involving losses of HK$9 billion were recorded.",
        "Last year 39,824 deception cases were recorded, involving HK$9 billion.",
    ],
)
def test_an_amount_in_the_clause_of_a_count_is_its_loss_not_a_part_of_it(text):
    """A part of a figure is in the figure's unit ("of which 169 were ..."): cases are no whole of money."""
    assert {(f.metric, f.value) for f in _figs(text, "2024-02-01")} == {("cases", 39824), ("loss", 9e9)}


@pytest.mark.parametrize(
    "text",
    [
        "Technology crime kept rising. Common tricks included phishing messages and fake shopping "
        "sites. In 2012, 3,015 cases were recorded.",
        "科技罪案持續上升，常見手法包括釣魚短訊及假購物網站。2012年共有3015宗。",
    ],
)
def test_examples_listed_in_a_sentence_without_figures_do_not_become_the_subject(text):
    assert _keys(_figs(text, "2013-02-05")) == {("technology_crime", "cases", "level", 3015, "2012")}


@pytest.mark.parametrize(
    ("text", "value"),
    [("暴力罪案（2025年）：8823宗，按年-15.9%。", -15.9), ("暴力罪案（2025年）：8823宗，按年+15.9%。", 15.9)],
)
def test_a_sign_written_after_a_chinese_word_is_the_changes_sign(text, value):
    figs = _figs(text, "2026-01-28")
    assert [(f.kind, f.value) for f in figs if f.kind == "change_pct"] == [("change_pct", value)]


def test_a_list_of_changes_with_a_direction_before_each_member_is_spread_in_order():
    figs = _figs("去年整體罪案及暴力罪案分別錄得89137宗及8823宗，按年分別下跌5.9%及下跌15.9%。", "2026-01-28")
    assert {(f.category, f.value) for f in figs if f.kind == "change_pct"} == {
        ("overall_crime", -5.9),
        ("violent_crime", -15.9),
    }


@pytest.mark.parametrize(
    "text",
    [
        "In 2024, 94,747 crimes were recorded. The figure for the previous year was 90,276.",
        "In 2024, 94,747 crimes were recorded. The corresponding figure for the same period last year "
        "was 90,276.",
    ],
)
def test_the_figure_for_a_comparison_period_is_of_that_period(text):
    assert {(f.value, f.period) for f in _figs(text, "2025-01-25")} == {(94747, "2024"), (90276, "2023")}


@pytest.mark.parametrize(
    "text",
    ["Last year scammers cheated victims out of HK$9 billion.", "去年騙徒共騙走90億元。"],
)
def test_a_figure_that_names_only_the_people_who_did_it_is_kept_but_held_back(text):
    figs = _figs(text, "2024-02-01")
    assert [(f.metric, f.value) for f in figs] == [("loss", 9e9)]
    assert figs[0].evidence["category_rule"] == "agent_noun" and figs[0].confidence < THRESHOLD


def test_a_figure_that_names_the_crime_beside_the_people_is_not_held_back():
    figs = _figs("Last year fraud cases rose to 39,824 as scammers moved online.", "2024-02-01")
    assert [(f.value, f.evidence["category"]) for f in figs] == [(39824, "fraud")]
    assert figs[0].confidence >= THRESHOLD


@pytest.mark.parametrize(
    ("words", "category"),
    [
        ("internet crimes", "technology_crime"),
        ("online crimes", "technology_crime"),
        ("cyber-related crimes", "technology_crime"),
        ("computer-related crimes", "technology_crime"),
        ("computer hacking cases", "hacking"),
        ("crimes of violence", "violent_crime"),
    ],
)
def test_other_common_names_of_a_series_name_it(words, category):
    figs = _figs(f"In 2023, police recorded 39,824 {words}.", "2024-02-01")
    assert [(f.category, f.value) for f in figs] == [(category, 39824)]


@pytest.mark.parametrize(
    ("words", "category"),
    [("網騙", "internet_deception"), ("網上欺詐案", "internet_deception"), ("網絡罪行", "technology_crime")],
)
def test_other_common_chinese_names_of_a_series_name_it(words, category):
    figs = _figs(f"2023年警方共接獲39,824宗{words}。", "2024-02-01")
    assert [(f.category, f.value) for f in figs] == [(category, 39824)]


def test_a_number_after_in_before_a_half_year_code_is_no_proportion():
    """ "1 in 5" is a proportion; "in 1H23" is the first half of 2023."""
    figs = _figs("Technology crime cases numbered 15,637 in 1H23.", "2023-08-20")
    assert [(f.value, f.period) for f in figs] == [(15637, "2023-H1")]
