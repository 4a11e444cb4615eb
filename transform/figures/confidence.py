"""How sure the reader is of a figure, from the rules that decided it.

Each figure's category, period and jurisdiction is decided by one named rule (the words right next
to the number, its own clause, the subject carried from an earlier sentence ...). Rules that look
further from the number are wrong more often, so each has a score; a figure's confidence is the
product of the scores of its three decisions. The scores are a small table on purpose: they say in
one place how much each kind of evidence is trusted, and the dev folds measure them
(README, "Figures in text").

Below `THRESHOLD` a figure is still printed and stored, but it never becomes an official_text
observation and `check` gives it the verdict `unclear` rather than a verdict it cannot stand on.
"""

from __future__ import annotations

__all__ = ["CATEGORY_RULES", "JURISDICTION_RULES", "PERIOD_RULES", "THRESHOLD", "confidence"]

# The category: the words that name what was counted.
CATEGORY_RULES: dict[str, float] = {
    "attached": 0.97,  # "6,678 online shopping fraud cases", 網購騙案有6 678宗
    "own_clause": 0.93,  # the clause the number is in names it
    "subset_adjective": 0.9,  # "786 of them violent"
    "earlier_in_sentence": 0.85,  # a Chinese run-on sentence or a bracket: the nearest earlier word
    "sentence_subject": 0.85,  # the subject of the English sentence
    "fraud_named": 0.8,  # money lost to the fraud the sentence names
    "anaphor": 0.8,  # "such cases", 該類案件: the crime the sentence before named
    "table_row": 0.95,  # a row label of a flattened table
    "table_row_above": 0.9,  # the label of a row above in the same table ("... cases" above "Amount lost")
    "table_lead": 0.85,  # the words just before a table
    "heading": 0.85,  # the heading over a fact box's lines ("Technology crime, first half of 2023")
    "list_item": 0.85,  # "A and B rose X% and Y% respectively"
    "carried_previous": 0.75,  # nothing in the sentence: the subject the sentence just before named
    "carried": 0.65,  # nothing in the sentence: a subject named two or more sentences before
    # Only the people are named ("scammers cheated victims of ...", 騙徒): on the dev corpus none of the
    # figures so named was one a careful reader records (0 of 5; one case, one syndicate, a sub-type),
    # so they are held back (below THRESHOLD with any period and place), not dropped.
    "agent_noun": 0.55,
    # ... unless the crime was also named as what is counted, in the sentence or the one before
    "agent_agrees": 0.8,
}
# The period: where the words that date the figure are.
PERIOD_RULES: dict[str, float] = {
    "attached": 0.97,  # "2,206 in 2011", 較去年同期2271宗
    "sentence": 0.93,  # the sentence names its period
    "segment": 0.9,  # the part of the sentence before a semicolon
    "year_to_date": 0.85,  # "this year" in a text about January to June
    "table_column": 0.95,  # the year heading a table column
    "heading": 0.9,  # the period of the heading over a fact box's lines
    "list_item": 0.85,
    "carried": 0.8,  # the period in force from the sentences before
    "text": 0.7,  # the first period the text names
    "none": 0.2,  # no period at all: the figure cannot be placed in a series
}
# The place: Hong Kong unless the words name another place.
JURISDICTION_RULES: dict[str, float] = {
    "named": 0.95,  # a place word in the sentence
    "currency": 0.95,  # NT$, S$, MOP: the money of a place
    "default": 0.92,  # no place named anywhere near: Hong Kong
    "carried": 0.8,  # the place of the sentences before
    "unnamed_simplified": 0.6,  # a Simplified paragraph naming no place: not Hong Kong, place unknown
}

THRESHOLD = 0.55


def confidence(category_rule: str, period_rule: str, jurisdiction_rule: str) -> float:
    """The product of the three decisions' scores, rounded to 3 places."""
    score = CATEGORY_RULES[category_rule] * PERIOD_RULES[period_rule] * JURISDICTION_RULES[jurisdiction_rule]
    return round(score, 3)
