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
