"""Tables flattened to text in Legislative Council replies (SOURCES.md section 4.1): a line of years,
then rows of values with space-separated thousands. The figures are published ones
(reference/published_figures.csv); the surrounding prose is written for the tests."""

from __future__ import annotations

import pytest

from transform.figures import extract_figures
from transform.figures.tables import split_row_values


def _keys(text: str) -> list[tuple]:
    return [(f.kind, f.metric, f.category, f.value, f.unit, f.period) for f in extract_figures(text)]


def test_each_value_takes_its_own_column_year() -> None:
    text = (
        "The numbers of deception cases in the past four years are as follows:\n\n"
        "  2020 2021 2022 2023\n"
        "Deception cases 15 553 19 249 27 923 39 824\n"
    )
    assert _keys(text) == [
        ("level", "cases", "deception", 15553, "count", "2020"),
        ("level", "cases", "deception", 19249, "count", "2021"),
        ("level", "cases", "deception", 27923, "count", "2022"),
        ("level", "cases", "deception", 39824, "count", "2023"),
    ]


def test_money_row_takes_scale_from_label_and_category_from_the_lead_sentence() -> None:
    text = (
        "過去三年科技罪案的案件數字及損失如下：\n"
        "年份 2011 2012 2013\n"
        "案件數字 2 206 3 015 5 133\n"
        "損失金額（百萬元） 148 238 863\n"
    )
    assert _keys(text)[3:] == [
        ("level", "loss", "technology_crime", 148e6, "HKD", "2011"),
        ("level", "loss", "technology_crime", 238e6, "HKD", "2012"),
        ("level", "loss", "technology_crime", 863e6, "HKD", "2013"),
    ]
    assert [k[3] for k in _keys(text)[:3]] == [2206, 3015, 5133]


def test_english_money_row_in_hk_dollar_millions() -> None:
    text = "Technology crime figures are set out below:\n2011 2012\nLoss (HK$ million) 148 238\n"
    assert _keys(text) == [
        ("level", "loss", "technology_crime", 148e6, "HKD", "2011"),
        ("level", "loss", "technology_crime", 238e6, "HKD", "2012"),
    ]


def test_a_money_row_takes_the_category_of_the_count_row_above_it() -> None:
    # the crime is named only in the first row's label, the lines before the table name none
    text = (
        "The figures are set out below:\n"
        "Year 2011 2012\n"
        "Number of technology crime cases 2 206 3 015\n"
        "Amount lost ($ million) 148 238\n"
    )
    assert _keys(text) == [
        ("level", "cases", "technology_crime", 2206, "count", "2011"),
        ("level", "cases", "technology_crime", 3015, "count", "2012"),
        ("level", "loss", "technology_crime", 148e6, "HKD", "2011"),
        ("level", "loss", "technology_crime", 238e6, "HKD", "2012"),
    ]
    loss = [f for f in extract_figures(text) if f.metric == "loss"]
    assert {f.evidence["category_rule"] for f in loss} == {"table_row_above"}


def test_a_row_naming_its_own_crime_keeps_it_under_a_row_of_another() -> None:
    text = "2022 2023\nDeception cases 27 923 39 824\nTechnology crime cases 31 675 34 156\n"
    assert [k[2] for k in _keys(text)] == ["deception"] * 2 + ["technology_crime"] * 2


def test_table_years_do_not_become_the_period_of_later_sentences() -> None:
    text = "Deception:\n2021 2022\nNumber of cases 19 249 27 923\n\nIn 2023, deception cases rose to 39,824."
    assert _keys(text)[-1] == ("level", "cases", "deception", 39824, "count", "2023")


def test_split_uses_the_column_count() -> None:
    assert split_row_values("19 249 27 923 39 824", 3) == [(0, 6), (7, 13), (14, 20)]
    assert split_row_values("148 238 863", 3) == [(0, 3), (4, 7), (8, 11)]
    assert split_row_values("2 206 3 015", 2) == [(0, 5), (6, 11)]


def test_ambiguous_or_impossible_split_is_refused() -> None:
    assert split_row_values("148 238 863", 2) is None  # 148 238 | 863 or 148 | 238 863
    assert split_row_values("2 206 3 015", 4) is None  # "015" never starts a number
    text = "Technology crime:\n2012 2013\nNumber of cases 148 238 863\n"
    assert [k for k in _keys(text) if k[5] in ("2012", "2013")] == []


_YEARS_DOWN = {
    ("deception", "cases", 27923.0, "2022"),
    ("deception", "loss", 4_800_000_000.0, "2022"),
    ("deception", "cases", 39824.0, "2023"),
    ("deception", "loss", 9_000_000_000.0, "2023"),
}


@pytest.mark.parametrize(
    "table",
    [
        "Year | Deception cases | Loss ($ million)\n2022 | 27,923 | 4,800\n2023 | 39,824 | 9,000",
        "年份\t詐騙案數字\t損失金額（百萬元）\n2022\t27 923\t4 800\n2023\t39 824\t9 000",
        "Year  Number of deception cases  Amount lost ($ million)\n2022  27 923  4 800\n2023  39 824  9 000",
    ],
)
def test_a_table_with_years_down_its_first_column_is_read_column_by_column(table: str) -> None:
    figs = extract_figures(table)
    assert {(f.category, f.metric, f.value, f.period) for f in figs} == _YEARS_DOWN
    cell = next(f for f in figs if f.value == 39824)
    assert table[cell.char_start : cell.char_end].replace(" ", "").replace(",", "") == "39824"


def test_a_years_down_table_with_a_missing_value_is_refused_and_its_digits_are_not_read() -> None:
    table = "Year | Deception cases | Loss ($ million)\n2022 | 27,923\n2023 | 39,824 | 9,000"
    assert extract_figures(f"Deception cases in recent years:\n{table}") == []


def test_a_numbered_heading_is_not_a_count() -> None:
    text = "In 2022, 7 homicide cases were recorded.\n3. Robbery\nThere were 23 robberies."
    assert 3 not in [f.value for f in extract_figures(text, include_other_crimes=True)]
