"""What the figure reader hands out and carries while it reads: a `Figure`, the per-text
`Context` that passes from one sentence to the next, and a `SentenceView` of one sentence's mentions.

`rescore` is here because every stage that changes a decision (a list spreading a period, a table)
must score the figure again from its evidence (confidence.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

from transform.figures import categories_text as cats
from transform.figures.confidence import confidence
from transform.figures.numbers import NumberMention
from transform.figures.segment import Sentence
from transform.periods import LaterRef, MonthRef, Period, SamePeriodRef
from transform.regex_gate import gated_compile

__all__ = [
    "CJK",
    "MAX_NUMBERS_PER_SENTENCE",
    "MAX_TEXT_CHARS",
    "Context",
    "Figure",
    "SentenceView",
    "TextMentions",
    "rescore",
]


# Bounds that keep the reader's time linear in hostile input: a press release is under 30 000
# characters and a sentence of prose holds a handful of numbers.
MAX_TEXT_CHARS = 400_000
MAX_NUMBERS_PER_SENTENCE = 60


@dataclass
class Figure:
    """One figure read from a text, with the sentence it came from and the span of its number."""

    jurisdiction: str
    category: str
    source_label: str | None
    metric: str
    value: float
    unit: str
    period: str | None
    period_start: date | None
    period_end: date | None
    period_type: str | None
    qualifier: str
    kind: str
    compared_with: str | None
    quote: str
    char_start: int
    char_end: int
    confidence: float = 1.0
    evidence: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """A JSON-serialisable dict (dates as ISO strings), keys in field order.

        Built field by field rather than with `dataclasses.asdict`, which deep-copies every value and
        took an eighth of `figures_in_input`: the fields are immutable values but for `evidence`, a
        dict of strings, which is copied so that the caller may change it."""
        out = {f.name: getattr(self, f.name) for f in _FIGURE_FIELDS}
        out["evidence"] = dict(self.evidence)
        for key in ("period_start", "period_end"):
            out[key] = None if out[key] is None else out[key].isoformat()
        return out


_FIGURE_FIELDS = fields(Figure)


CJK = gated_compile(r"[\u4e00-\u9fff]")


@dataclass
class Context:
    """What carries from one sentence to the next: period in force, its comparison, subject, metric."""

    current: Period | None = None
    base: Period | None = None
    category: cats.Term | None = None
    previous: cats.Term | None = None  # the crime the last sentence named, even a part ("當中網購騙案...")
    metric: str | None = None
    place: str | None = None
    paragraph: int = -1
    figure_periods: list[Period] = field(default_factory=list)  # the periods of the last sentence's figures
    anaphor: bool = False  # this sentence points back ("such cases"): `category` is its antecedent
    category_age: int = 0  # sentences since `category` was named (0: the sentence just before)
    remarks: int = 0  # of those, sentences with no number, crime or period, in the paragraph that named it
    category_paragraph: int = -1
    # （括號內為去年同期）, "(figures in brackets: same period last year)": the period of bracketed values
    bracket_period: Period | SamePeriodRef | None = None
    # "rose from 2,206 in 2011 to 12,916 last year": the two ends of the span the sentence went over, for
    # "losses climbed from HK$148 million to HK$2.96 billion over the same period" after it
    span_ends: tuple[Period, Period] | None = None
    # the lines since a heading that names a series ("Technology crime, first half of 2023" over
    # "Cases: 15,637"): each line counts what the heading names, in the heading's period
    under_heading: bool = False
    # "Q: And the same period a year ago?" with no number: the period the answer after it is about
    asked: Period | None = None


@dataclass(frozen=True)
class TextMentions:
    """What is found once per text and then taken sentence by sentence: the period phrases (in text
    order), and which category/metric needles and place terms the text holds at all."""

    periods: list[tuple[int, int, Period | SamePeriodRef | MonthRef | LaterRef]]
    needles: cats.Needles
    place_terms: frozenset[str]


@dataclass
class SentenceView:
    """One sentence as the deciding rules see it: its numbers, periods, category and metric words
    (absolute offsets), whether it is Chinese, and the spans masked from category lookups."""

    sentence: Sentence
    numbers: list[NumberMention]
    periods: list[tuple[int, int, Period | SamePeriodRef]]
    categories: list[cats.Term]
    metrics: list[cats.Term]
    zh: bool
    ref_date: date | None
    masked: list[tuple[int, int]] = field(default_factory=list)
    place_terms: frozenset[str] | None = None  # the text's place terms (find_places tests only these)
    # Answers about the whole sentence that each of its numbers asks again, found once
    # (subject.sentence_examples, figure_periods.compared_before).
    examples: list[tuple[int, int]] | None = None
    compared: dict[int, bool] = field(default_factory=dict)


def rescore(fig: Figure, **evidence: str) -> None:
    """Record a later decision about a figure (a list spread over its items) and score it again."""
    fig.evidence.update(evidence)
    fig.confidence = confidence(
        fig.evidence.get("category_rule", "carried"),
        fig.evidence.get("period_rule", "none"),
        fig.evidence.get("jurisdiction_rule", "default"),
    )
