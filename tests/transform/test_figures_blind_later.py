"""Rules read from the blind rounds' errors in session 10 (issue 8).

Round 5 was written and scored before these were written (tests/figure_blind.py FIRST_MEASURED);
the errors read were those of the rounds already read (1-3) and of round 4, whose first measure
was taken in session 9. Each rule is tested here in words of this file's own, not the passages':
the series' figures are published ones (../shared/reference/published_figures.csv), the
quantities beside them are made up.
"""

from __future__ import annotations

from datetime import date

from transform.figures.extractor import Figure, extract_figures
from transform.periods import find_period_mentions


def _figs(text: str, ref: str) -> list[Figure]:
    return [f for f in extract_figures(text, ref_date=date.fromisoformat(ref)) if f.confidence >= 0.55]


def _keys(text: str, ref: str) -> set[tuple]:
    return {(f.jurisdiction, f.category, f.metric, f.kind, f.value, f.period) for f in _figs(text, ref)}


# --- periods ------------------------------------------------------------------------------------


def test_the_last_months_without_a_year_are_no_part_of_a_year() -> None:
    """Alone, "the last three months" are the three before the text's date, which no rule can place."""
    assert find_period_mentions("Over the last three months scams have surged.", date(2023, 5, 17)) == []


def test_a_comparison_with_the_end_of_last_year_does_not_date_the_sentences_after_it() -> None:
    text = (
        "Police logged 20,584 crimes of all kinds in the first quarter. "
        "Set against the last three months of 2022, the rise was slight, about 2 per cent. "
        "Technology crime accounted for 7,361 cases in the quarter, with HK$830 million lost."
    )
    keys = _keys(text, "2023-05-20")
    assert ("HK", "technology_crime", "cases", "level", 7361, "2023-Q1") in keys
    assert ("HK", "technology_crime", "loss", "level", 830e6, "2023-Q1") in keys
    assert not any(k[5].startswith("2022") for k in keys)  # nor is the 2% quarter-on-quarter a year-on-year change
