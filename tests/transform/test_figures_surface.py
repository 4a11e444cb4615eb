"""The same figures however they are laid out or written (issue 8): wrapped lines, Simplified
characters, percentages and totals in Chinese words, straight quotes.

Each pattern was found by rewriting the dev corpus (`tests/figure_invariance.py`) and is pinned here
in this project's own words around real published figures (reference/published_figures.csv).
"""

from __future__ import annotations

from datetime import date

from transform.figures.extractor import Figure, extract_figures
from transform.figures.lines import join_wrapped_lines
from transform.figures.script_fold import fold_spelling, fold_to_traditional
from transform.numerals import rewrite_spans, spell_out


def _figs(text: str, ref: str = "2024-01-30") -> list[Figure]:
    return extract_figures(text, ref_date=date.fromisoformat(ref))


def _keys(figs: list[Figure]) -> set[tuple]:
    return {(f.category, f.metric, f.kind, f.value, f.period, f.jurisdiction) for f in figs}


# --- lines a PDF wrapped ------------------------------------------------------------------------------

_FLOWING_ZH = (
    "警方今日公布，二〇二三年全年共錄得90,276宗罪案，較二〇二二年上升28.9%，主要由詐騙案帶動。"
    "詐騙案有39,824宗，較去年同期上升42.6%，涉及金額超過90億元，當中約七成涉及網上騙案。"
    "科技罪案方面，去年共有34,112宗，損失金額達55億元。"
)


def _wrap_every(text: str, width: int) -> str:
    """Lines of `width` characters, as a PDF's text layer gives Chinese, never inside a number."""
    lines, start = [], 0
    while len(text) - start > width:
        cut = start + width
        while text[cut].isdigit() or text[cut] in ",.%，。":
            cut -= 1
        lines.append(text[start:cut])
        start = cut
    return "\n".join(lines + [text[start:]])


def test_chinese_lines_wrapped_between_any_two_characters_read_as_the_flowing_text():
    wrapped = _wrap_every(_FLOWING_ZH, 30)
    assert "去年同\n期" in wrapped or "\n" in wrapped  # the wrap really cuts words
    assert _keys(_figs(wrapped)) == _keys(_figs(_FLOWING_ZH))
    assert ("deception", "cases", "change_pct", 42.6, "2023", "HK") in _keys(_figs(wrapped))


def test_a_wrapped_figure_quotes_the_lines_as_published():
    wrapped = _wrap_every(_FLOWING_ZH, 30)
    fig = next(f for f in _figs(wrapped) if f.value == 39824)
    assert "\n" in fig.quote and fig.quote.replace("\n", "") in _FLOWING_ZH
    assert wrapped[fig.char_start : fig.char_end].replace(",", "") == "39824"


def test_english_lines_wrapped_before_a_capital_or_a_quote_stay_one_sentence():
    text = (
        "Police said a total of 39,824 deception cases were recorded in\n"
        "Hong Kong in 2023, an increase of 42.6 per cent compared with 2022, with\n"
        '"online shopping fraud" the most common kind and losses of more than\n'
        "HK$9 billion reported by victims across the year as a whole.\n"
    )
    keys = _keys(_figs(text))
    assert ("deception", "cases", "change_pct", 42.6, "2023", "HK") in keys
    assert ("deception", "cases", "level", 39824, "2023", "HK") in keys


def test_a_text_of_one_paragraph_per_line_is_left_as_it_is():
    text = "詐騙案急升\n二〇二三年詐騙案有39,824宗，較二〇二二年上升42.6%。\n網購騙案最多。"
    assert join_wrapped_lines(text) is None


def test_table_rows_headlines_and_list_items_are_not_joined():
    table = "\n".join(
        ["年份        詐騙案宗數      損失金額"]
        + [
            f"二〇{y}年      {n}宗      {m}億元"
            for y, n, m in (("二一", "27,923", "71"), ("二二", "27,923", "48"), ("二三", "39,824", "90"))
        ]
    )
    assert join_wrapped_lines(table) is None
    headline = "疫後詐騙案急升 網購騙案最多 警方加強宣傳防騙\n" + _wrap_every(_FLOWING_ZH, 30)
    joined = join_wrapped_lines(headline)
    assert joined is not None and joined.text.startswith("疫後詐騙案急升 網購騙案最多 警方加強宣傳防騙\n")
    items = _wrap_every(_FLOWING_ZH, 30) + "\n（一）網上購物騙案\n（二）投資騙案\n（三）求職騙案"
    joined = join_wrapped_lines(items)
    assert joined is not None and "\n（二）" in joined.text


def test_a_joined_text_maps_back_to_the_original():
    wrapped = _wrap_every(_FLOWING_ZH, 30)
    joined = join_wrapped_lines(wrapped)
    assert joined is not None and joined.text == _FLOWING_ZH
    at = joined.text.index("39,824")
    start, end = joined.original_span(at, at + 6)
    assert wrapped[start:end] == "39,824"


def test_rewrites_compose_back_to_the_first_original():
    first = rewrite_spans("a\nb 三萬九 c", [(1, 2, "")])  # "ab 三萬九 c"
    both = first.then(spell_out(first.text))  # "ab 3.9萬 c"
    assert both.text == "ab 3.9萬 c"
    at = both.text.index("3.9萬")
    assert both.original_span(at, at + 4) == (4, 7)  # 三萬九 in the first original
    assert both.original_span(0, 2) == (0, 3)  # "ab" stands for "a\nb"


# --- Simplified characters -----------------------------------------------------------------------------

_GOVERNMENT_ZH = "二〇二三年全年共录得39,824宗诈骗案，较二〇二二年上升42.6%。涉及金额超过90亿元。"


def test_simplified_text_is_read_with_the_words_of_traditional_text():
    traditional = (
        "香港警方公布，二〇二三年全年共錄得39,824宗詐騙案，較二〇二二年上升42.6%。涉及金額超過90億元。"
    )
    simplified = (
        "香港警方公布，二〇二三年全年共录得39,824宗诈骗案，较二〇二二年上升42.6%。涉及金额超过90亿元。"
    )
    assert _keys(_figs(simplified)) == _keys(_figs(traditional))
    assert ("deception", "loss", "level", 9_000_000_000, "2023", "HK") in _keys(_figs(simplified))


def test_a_simplified_figure_keeps_the_words_as_written_in_its_evidence():
    fig = next(f for f in _figs("香港警方公布，" + _GOVERNMENT_ZH) if f.value == 39824)
    assert fig.source_label is not None and "诈骗" in fig.source_label
    assert "诈骗" in fig.evidence["category"] and "詐騙" not in fig.evidence["category"]
    assert "录得39,824宗诈骗案" in fig.quote


def test_folding_keeps_every_offset():
    folded = fold_to_traditional(_GOVERNMENT_ZH)
    assert len(folded) == len(_GOVERNMENT_ZH) and "詐騙案" in folded and "較" in folded
    assert fold_to_traditional("二〇二三年詐騙案有39,824宗") == "二〇二三年詐騙案有39,824宗"


def test_a_simplified_text_naming_no_place_is_still_no_place_s():
    assert {f.jurisdiction for f in _figs(_GOVERNMENT_ZH)} == {"unknown"}


def test_hong_kong_s_own_words_make_a_simplified_text_hong_kong_s():
    for words in ("北角一名男子报案后，", "警方指港男中伏，", "根据港区国安法，", "网罪科表示，", "佢哋话，"):
        assert {f.jurisdiction for f in _figs(words + _GOVERNMENT_ZH)} == {"HK"}, words


def test_words_other_places_share_with_hong_kong_do_not():
    # 骗案, 宗 and 罪案 are written in Singapore too
    text = "去年整体罪案有所上升，网购骗案有9,783宗，较前年增加。" + _GOVERNMENT_ZH
    assert {f.jurisdiction for f in _figs(text)} == {"unknown"}


# --- numbers in Chinese words --------------------------------------------------------------------------


def test_a_total_written_in_words_after_zongshu_is_a_number():
    assert spell_out("罪案總數三萬七千四百四十三宗").text == "罪案總數3.7443萬宗"
    assert spell_out("涉款數十萬元").text == "涉款數十萬元"  # 數十萬: "several hundred thousand"
    keys = _keys(_figs("今年上半年罪案總數三萬零八百七十一宗，較去年同期下跌百分之四點六。", "2021-07-27"))
    assert ("overall_crime", "cases", "level", 30871, "2021-H1", "HK") in keys
    assert ("overall_crime", "cases", "change_pct", -4.6, "2021-H1", "HK") in keys


def test_a_percentage_in_words_is_read_as_its_digits_with_a_sign():
    assert spell_out("上升百分之四十八點四，百分之42.6，百分之五").text == "上升48.4%，42.6%，5%"
    words = "詐騙案分別較去年同期減少百分之二十八、百分之二十五及百分之三點七。"
    digits = "詐騙案分別較去年同期減少28%、25%及3.7%。"
    assert _keys(_figs(words, "2018-05-15")) == _keys(_figs(digits, "2018-05-15"))


def test_a_rate_of_change_that_falls_to_a_percentage_in_words_is_that_percentage():
    words = "罪案數字升幅持續收窄，由第一季的上升百分之四十八點四，下降至首八個月的百分之三十四點六。"
    digits = "罪案數字升幅持續收窄，由第一季的上升48.4%，下降至首八個月的34.6%。"
    assert _keys(_figs(words, "2023-09-20")) == _keys(_figs(digits, "2023-09-20"))


# --- quotes ---------------------------------------------------------------------------------------


def test_a_list_of_labels_in_straight_quotes_pairs_each_count_with_its_label():
    curly = "當中“網上購物騙案”3954宗、“求職騙案”1706宗及“投資騙案”1271宗。"
    straight = curly.replace("“", '"').replace("”", '"')
    text = "上半年詐騙案有12,326宗。"
    assert _keys(_figs(text + straight, "2022-07-25")) == _keys(_figs(text + curly, "2022-07-25"))
    assert ("employment_fraud", "cases", "level", 1706, "2022-H1", "HK") in _keys(
        _figs(text + straight, "2022-07-25")
    )


# --- dates -------------------------------------------------------------------------------------------


def test_a_date_glued_to_chinese_characters_is_no_count():
    text = "網上求職騙案急升 警方拘56人2022-11-16 13:14今年首三季網上求職騙案有2,252宗。"
    values = {f.value for f in _figs(text, "2022-11-16")}
    assert 2252 in values and not values & {2022, 11, 16}


# --- spellings and classifiers ----------------------------------------------------------------------


def test_american_spellings_read_as_the_british_ones():
    british = "Technology crime offences rose 47.3 per cent to 15,637 in the first half of 2023."
    american = british.replace("offences", "offenses")
    assert _keys(_figs(american, "2023-08-10")) == _keys(_figs(british, "2023-08-10"))
    assert fold_spelling("the Anti-Deception Coordination Center; defense") == (
        "the Anti-Deception Coordination Centre; defence"
    )


def test_the_cantonese_case_classifier_counts_cases_like_zong():
    zong = "今年上半年警方共接獲1,216宗電話騙案舉報，較去年同期上升411宗，升幅51.1%。"
    dan = zong.replace("宗", "單")
    assert _keys(_figs(dan, "2012-08-01")) == _keys(_figs(zong, "2012-08-01"))
    assert fold_spelling("3,954單，單一，100單位，錄得逾千單騙案") == "3,954宗，單一，100單位，錄得逾千宗騙案"


def test_a_thousand_written_k_before_a_counted_noun_is_a_count():
    keys = _keys(_figs("Technology crime hit 15.6k cases in the first half of 2023.", "2023-08-10"))
    assert ("technology_crime", "cases", "level", 15600, "2023-H1", "HK") in keys
    assert not _figs("He ran a 5k race in 2023 after reporting technology crime.", "2024-02-01")


# --- years written out where a relative word was ----------------------------------------------------


def test_a_difference_on_a_year_written_out_is_a_change_not_that_year_s_level():
    for compared in ("較2012年", "較前年"):
        text = f"香港2013年的罪案共有72,911宗，{compared}少3,000宗。"
        keys = _keys(_figs(text, "2014-01-20"))
        assert ("overall_crime", "cases", "change_abs", -3000, "2013", "HK") in keys, text
        assert not any(k[3] == 3000 and k[2] == "level" for k in keys), text


def test_a_respectively_list_compared_with_a_year_written_out_pairs_its_items():
    text = "今年首4個月，勒索、爆竊案及暴力罪案數字亦分別較2017年同期減少28%、25%及3.7%。"
    keys = _keys(extract_figures(text, ref_date=date(2018, 5, 15), include_other_crimes=True))
    assert ("violent_crime", "cases", "change_pct", -3.7, "2018-01/2018-04", "HK") in keys
    assert ("violent_crime", "cases", "change_pct", -28, "2018-01/2018-04", "HK") not in keys


def test_a_bracketed_amount_at_the_dollar_peg_is_a_conversion():
    text = "Losses from phone scams in the first quarter of 2024 reached $790 million ($101.1 million)."
    values = {f.value for f in _figs(text, "2024-05-13")}
    assert 790_000_000 in values and 101_100_000 not in values
    # a bracketed amount that is not at the peg's rate stays a figure of its own
    other = "Losses from phone scams in the first quarter of 2024 were $790 million ($300 million in 2023)."
    assert 300_000_000 in {f.value for f in _figs(other, "2024-05-13")}


def test_a_number_cut_by_a_line_break_is_one_number_whatever_the_layout():
    text = "今年上半年科技罪案有3,246宗，較去年同期升百分之四\n十二點九，損失金額6.9億元。"
    keys = _keys(_figs(text, "2014-07-31"))
    assert ("technology_crime", "cases", "change_pct", 42.9, "2014-H1", "HK") in keys
    joined = join_wrapped_lines("詐騙案有3,246\n宗，損失6.9億元。\n2023年\n2024年")
    assert joined is not None and joined.text == "詐騙案有3,246宗，損失6.9億元。\n2023年\n2024年"


def test_thousands_set_apart_by_a_space_survive_a_wrap_at_that_space():
    text = _FLOWING_ZH.replace("39,824", "39 824").replace("90,276", "90 276")
    at = text.index("39 824") + 3  # the line breaks at the space inside the number
    wrapped = _wrap_every(text[:at], 30) + "\n" + _wrap_every(text[at:], 30)
    assert ("deception", "cases", "level", 39824, "2023", "HK") in _keys(_figs(wrapped))


def test_a_city_or_a_currency_names_the_place_of_a_figure():
    text = "吉隆坡警方表示，去年全國共接獲2萬600宗詐騙案投報，涉及金額10億6000萬令吉。"
    assert {f.jurisdiction for f in _figs(text, "2017-03-20")} == {"MY"}
    text = "台北市警方指出，今年上半年詐騙案有1,234宗，損失新台幣3億元。"
    assert {f.jurisdiction for f in _figs(text, "2023-08-01")} == {"TW"}


# --- paragraphs that state no figure ----------------------------------------------------------------


def test_an_appeal_naming_a_crime_does_not_make_the_next_amount_that_crime_s():
    text = "Police appealed to the public to stay alert to fraud. In 2023 the force spent around $25 billion."
    assert not _figs(text, "2024-04-12")
    # the crime a sentence is about still carries: "Losses reached..." after a sentence on deception
    text = "Deception cases rose sharply in 2023.\nLosses reached $9 billion in 2023."
    assert ("deception", "loss", "level", 9_000_000_000, "2023", "HK") in _keys(_figs(text, "2024-02-01"))
