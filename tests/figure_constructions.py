"""The figure reader on the ways a report states a figure, generated (`make figures-constructions`).

The dev corpus has been read fold by fold, and its rewrites (`tests/figure_invariance.py`) change
only the surface of passages the rules were written on. A passage nobody has seen differs in more
than its surface: it puts the same figures in other constructions (the change before the level,
the period at the end, the earlier figure first, the counted noun sentences before, a headline's
colon). This module writes those constructions out, in English and Chinese, around the real
published figures of `../shared/reference/published_figures.csv` and the year-on-year changes they
imply, each with the figures a careful reader records (`../shared/corpus/ANNOTATION.md`), and
scores the reader on them with the shared evaluator's matching.

It is a grammar of this project's own, so its score measures how the reader handles these
constructions, not a score on real text; its worth is that every construction is crossed with every
fact, period phrase, category name and direction of change, so that a rule that holds for one
wording and not for its neighbours shows. The score as first measured is recorded in the README
("Constructions, crossed").

    python -m tests.figure_constructions              # the score, by language and by template
    python -m tests.figure_constructions -v Z4        # every miss and extra of the templates named
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType

from tests.figure_invariance import Item, score
from tests.figure_model import evaluator

# --- facts: real published figures, each with the same period a year before -------------------------


@dataclass(frozen=True)
class Fact:
    """A series' count (and loss, where published) for a period and the same period a year before."""

    category: str
    period: str  # the gold label: "2023", "2023-H1", "2022-01/2022-09"
    prev: str
    cases: int
    prev_cases: int
    ref_date: str  # when a report of it was published: "this year" / "last year" resolve from it
    loss: int | None = None
    prev_loss: int | None = None

    @property
    def pct(self) -> float:
        return round((self.cases - self.prev_cases) / self.prev_cases * 100, 1)

    @property
    def loss_pct(self) -> float | None:
        if self.loss is None or self.prev_loss is None:
            return None
        return round((self.loss - self.prev_loss) / self.prev_loss * 100, 1)

    @property
    def year(self) -> int:
        return int(self.period[:4])

    @property
    def span(self) -> str:
        """ "year", "H1" or "Q1-Q3": which period phrases fit."""
        if len(self.period) == 4:
            return "year"
        return "H1" if self.period.endswith("H1") else "Q1-Q3"


# Every value is a row of ../shared/reference/published_figures.csv (the loss of 2022-H1 is not
# published there, so that fact states no earlier loss).
FACTS = (
    Fact("technology_crime", "2023-H1", "2022-H1", 15637, 10613, "2023-08-20", 2030000000),
    Fact("technology_crime", "2024-H1", "2023-H1", 16182, 15637, "2024-08-12", 2660000000, 2030000000),
    Fact("technology_crime", "2012", "2011", 3015, 2206, "2013-02-05", 238000000, 148000000),
    Fact("technology_crime", "2020", "2019", 12916, 8322, "2021-02-01", 2960000000),
    Fact("deception", "2023", "2022", 39824, 27923, "2024-02-01", 9000000000),
    Fact("deception", "2024-H1", "2023-H1", 19897, 18743, "2024-08-12", 4480000000, 2690000000),
    Fact("deception", "2022-01/2022-09", "2021-01/2021-09", 19444, 13920, "2022-10-25"),
    Fact("overall_crime", "2024", "2023", 94747, 90276, "2025-01-25"),
    Fact("overall_crime", "2025", "2024", 89137, 94747, "2026-01-28"),
    Fact("overall_crime", "2023-H1", "2022-H1", 42923, 31434, "2023-08-20"),
    Fact("violent_crime", "2025", "2024", 8823, 10485, "2026-01-28"),
)

# --- how each language names the series, the periods and the direction of a change --------------------

# (a plural count noun, a mass subject): "15,637 {count}" / "{subject} rose".
EN_NAMES = {
    "technology_crime": [
        ("technology crime cases", "technology crime"),
        ("cases of cybercrime", "cybercrime"),
        ("technology-related crimes", "technology-related crime"),
    ],
    "deception": [("deception cases", "deception"), ("fraud cases", "fraud"), ("scams", "fraud")],
    "overall_crime": [("crimes", "overall crime"), ("crime cases", "the overall crime figure")],
    "violent_crime": [("violent crimes", "violent crime"), ("cases of violent crime", "violent crime")],
}
ZH_NAMES = {
    "technology_crime": ["科技罪案", "科技罪行"],
    "deception": ["詐騙案", "騙案"],
    "overall_crime": ["整體罪案"],
    "violent_crime": ["暴力罪案"],
}


def _months(fact: Fact) -> tuple[str, str]:
    return {"H1": ("January", "June"), "Q1-Q3": ("January", "September")}[fact.span]


def en_periods(fact: Fact) -> list[str]:
    """Phrases that date a figure to `fact.period`, as of `fact.ref_date` ("in ..." forms)."""
    y, this_year = fact.year, int(fact.ref_date[:4]) == fact.year
    if fact.span == "year":
        return [f"in {y}", "last year", f"for the whole of {y}", f"in {y} as a whole"]
    first, last = _months(fact)
    part = "first half" if fact.span == "H1" else "first three quarters"
    months = "six" if fact.span == "H1" else "nine"
    forms = [f"in the {part} of {y}", f"in the first {months} months of {y}", f"from {first} to {last} {y}"]
    if this_year:
        forms += [f"in the {part} of this year", f"between {first} and {last} this year"]
    return forms


def en_prev(fact: Fact) -> list[tuple[str, str]]:
    """(an "in ..." phrase, a bare noun phrase) for the same period a year before."""
    p = fact.year - 1
    if fact.span == "year":
        return [(f"in {p}", str(p)), ("a year earlier", "the previous year"), (f"in {p}", f"{p}'s total")]
    part = "first half" if fact.span == "H1" else "first three quarters"
    return [
        ("in the same period last year", "the same period last year"),
        (f"in the {part} of {p}", f"the {part} of {p}"),
        (f"in the corresponding period of {p}", f"the corresponding period of {p}"),
    ]


def en_bare_period(fact: Fact) -> str:
    """A period as a headline names it: "first half of 2023", "2024"."""
    if fact.span == "year":
        return str(fact.year)
    part = "first half" if fact.span == "H1" else "first three quarters"
    return f"{part} of {fact.year}"


def zh_periods(fact: Fact) -> list[str]:
    y, this_year = fact.year, int(fact.ref_date[:4]) == fact.year
    if fact.span == "year":
        return [f"{y}年", "去年", f"{y}年全年", "去年全年"]
    n, last = ("六", 6) if fact.span == "H1" else ("九", 9)
    forms = [f"{y}年首{n}個月", f"{y}年1月至{last}月"]
    forms += [f"{y}年上半年"] if fact.span == "H1" else [f"{y}年首三季"]
    if this_year:
        forms += [f"今年首{n}個月", f"今年1至{last}月"] + (["今年上半年"] if fact.span == "H1" else [])
    return forms


def zh_prev(fact: Fact) -> list[str]:
    p = fact.year - 1
    if fact.span == "year":
        return [f"{p}年", f"{p}年全年"] + (["前年"] if int(fact.ref_date[:4]) == fact.year + 1 else [])
    return ["去年同期", f"{p}年同期"]


def en_count(n: int) -> str:
    return f"{n:,}"


def en_money(v: int) -> str:
    if v >= 1_000_000_000:
        return f"HK${v / 1e9:g} billion"
    return f"HK${v / 1e6:g} million"


def zh_money(v: int) -> str:
    return f"{v / 1e8:g}億元"


def en_pct(p: float, i: int) -> str:
    return f"{abs(p):g}%" if i % 2 == 0 else f"{abs(p):g} per cent"


@dataclass(frozen=True)
class Words:
    """One fact in one choice of words: the slots every template fills."""

    fact: Fact
    i: int  # which variant of each slot (cycled), so facts meet different wordings

    def pick(self, options: list, salt: int = 0):
        return options[(self.i + salt) % len(options)]

    # English
    @property
    def count_np(self) -> str:
        return self.pick(EN_NAMES[self.fact.category])[0]

    @property
    def subject(self) -> str:
        return self.pick(EN_NAMES[self.fact.category])[1]

    @property
    def period(self) -> str:
        return self.pick(en_periods(self.fact), 1)

    @property
    def prev_in(self) -> str:
        return self.pick(en_prev(self.fact), 2)[0]

    @property
    def prev_np(self) -> str:
        return self.pick(en_prev(self.fact), 2)[1]

    @property
    def up(self) -> bool:
        return self.fact.pct > 0

    def verb(self) -> str:
        return self.pick(
            ["rose", "increased", "climbed", "jumped"]
            if self.up
            else ["fell", "dropped", "decreased", "declined"],
            3,
        )

    def adverb(self) -> str:
        return "up" if self.up else "down"

    # Chinese
    @property
    def zh_name(self) -> str:
        return self.pick(ZH_NAMES[self.fact.category])

    @property
    def zh_period(self) -> str:
        return self.pick(zh_periods(self.fact), 1)

    @property
    def zh_prev(self) -> str:
        return self.pick(zh_prev(self.fact), 2)

    def zh_verb(self) -> str:
        return self.pick(["上升", "增加", "上升"] if self.up else ["下跌", "減少", "下降"], 3)

    def zh_to(self) -> str:
        return "增至" if self.up else "跌至"


# --- gold figures -----------------------------------------------------------------------------------


def level(fact: Fact, prev: bool = False) -> dict:
    value = fact.prev_cases if prev else fact.cases
    return _gold("level", "cases", value, "count", fact.prev if prev else fact.period, fact)


def pct(fact: Fact) -> dict:
    return _gold("change_pct", "cases", fact.pct, "percent", fact.period, fact)


def change(fact: Fact) -> dict:
    return _gold("change_abs", "cases", fact.cases - fact.prev_cases, "count", fact.period, fact)


def loss(fact: Fact, prev: bool = False) -> dict:
    value = fact.prev_loss if prev else fact.loss
    return _gold("level", "loss", value, "HKD", fact.prev if prev else fact.period, fact)


def loss_pct(fact: Fact) -> dict:
    return _gold("change_pct", "loss", fact.loss_pct, "percent", fact.period, fact)


def _gold(kind: str, metric: str, value: float | None, unit: str, period: str, fact: Fact) -> dict:
    return {
        "kind": kind,
        "metric": metric,
        "category": fact.category,
        "value": value,
        "unit": unit,
        "period": period,
    }


# --- templates: (id, language, applies to, text, gold) -------------------------------------------------

Template = tuple[str, str, Callable[[Fact], bool], Callable[[Words], str], Callable[[Fact], list[dict]]]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _always(_f: Fact) -> bool:
    return True


def _has_loss(f: Fact) -> bool:
    return f.loss is not None


def _has_loss_change(f: Fact) -> bool:
    return f.loss_pct is not None


def _scam_series(f: Fact) -> bool:
    """Series whose reports list the tricks used (a list of examples is no figure's category)."""
    return f.category in ("technology_crime", "deception")


def _fewer(w: Words) -> str:
    return "more" if w.up else "fewer"


EN_TEMPLATES: list[Template] = [
    (
        "E1",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.period)}, {en_count(w.fact.cases)} {w.count_np} were recorded, {w.adverb()} "
            f"{en_pct(w.fact.pct, w.i)} from {en_count(w.fact.prev_cases)} {w.prev_in}."
        ),
        lambda f: [level(f), level(f, prev=True), pct(f)],
    ),
    (
        "E2",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.subject)} {w.verb()} {en_pct(w.fact.pct, w.i)} to {en_count(w.fact.cases)} cases "
            f"{w.period}, from {en_count(w.fact.prev_cases)} {w.prev_in}."
        ),
        lambda f: [level(f), level(f, prev=True), pct(f)],
    ),
    (
        "E3",
        "EN",
        _always,
        lambda w: (
            f"Police figures show {en_count(w.fact.cases)} {w.count_np} {w.period}, compared with "
            f"{en_count(w.fact.prev_cases)} {w.prev_in}."
        ),
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "E4",
        "EN",
        _always,
        lambda w: (
            f"The number of {w.count_np} {w.verb()} by {en_pct(w.fact.pct, w.i)} year on year to "
            f"{en_count(w.fact.cases)} {w.period}."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "E5",
        "EN",
        _always,
        lambda w: (
            f"There were {en_count(w.fact.cases)} {w.count_np} {w.period}, {en_pct(w.fact.pct, w.i)} "
            f"{_fewer(w)} than the {en_count(w.fact.prev_cases)} recorded {w.prev_in}."
        ),
        lambda f: [level(f), level(f, prev=True), pct(f)],
    ),
    (
        "E6",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.subject)} {w.verb()} {en_pct(w.fact.pct, w.i)} year on year {w.period}. "
            f"A total of {en_count(w.fact.cases)} such cases were reported."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "E7",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.period)}, police handled {en_count(w.fact.cases)} {w.count_np}, "
            f"{'an increase' if w.up else 'a decrease'} of {en_count(abs(w.fact.cases - w.fact.prev_cases))} "
            f"cases or {en_pct(w.fact.pct, w.i)} over {w.prev_np}."
        ),
        lambda f: [level(f), change(f), pct(f)],
    ),
    (
        "E8",
        "EN",
        _always,
        lambda w: (
            f"{en_count(w.fact.cases)} {w.count_np} were reported {w.period}, {w.adverb()} from "
            f"{en_count(w.fact.prev_cases)} {w.prev_in}."
        ),
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "E9",
        "EN",
        _always,
        lambda w: (
            f"The number of {w.count_np} went {w.adverb()} from {en_count(w.fact.prev_cases)} "
            f"{w.prev_in} to {en_count(w.fact.cases)} {w.period}."
        ),
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "E10",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.subject)}, {en_bare_period(w.fact)}: {en_count(w.fact.cases)} cases against "
            f"{en_count(w.fact.prev_cases)} in {w.prev_np}, {'+' if w.up else '-'}{abs(w.fact.pct):g}%."
        ),
        lambda f: [level(f), level(f, prev=True), pct(f)],
    ),
    (
        "E11",
        "EN",
        _has_loss,
        lambda w: (
            f"{_cap(w.period)}, {en_count(w.fact.cases)} {w.count_np} were recorded. Losses amounted to "
            f"{en_money(w.fact.loss or 0)}"
            + (
                f", {'up' if (w.fact.loss_pct or 0) > 0 else 'down'} "
                f"{abs(w.fact.loss_pct or 0):g}% year on year."
                if w.fact.loss_pct is not None
                else "."
            )
        ),
        lambda f: [level(f), loss(f)] + ([loss_pct(f)] if f.loss_pct is not None else []),
    ),
    (
        "E12",
        "EN",
        _has_loss_change,
        lambda w: (
            f"Victims of {w.subject} lost {en_money(w.fact.loss or 0)} {w.period}, "
            f"{abs(w.fact.loss_pct or 0):g}% more than the {en_money(w.fact.prev_loss or 0)} "
            f"lost {w.prev_in}."
        ),
        lambda f: [loss(f), loss(f, prev=True), loss_pct(f)],
    ),
    (
        "E13",
        "EN",
        _has_loss,
        lambda w: (
            f"{_cap(w.period)}, {en_count(w.fact.cases)} {w.count_np} involving losses of "
            f"{en_money(w.fact.loss or 0)} were recorded."
        ),
        lambda f: [level(f), loss(f)],
    ),
    (
        "E14",
        "EN",
        _scam_series,
        lambda w: (
            f"Police said {w.count_np} continued to rise. Common tricks included fake shopping "
            f"sites, phishing messages and bogus investment platforms. "
            f"{_cap(w.period)}, {en_count(w.fact.cases)} cases were recorded."
        ),
        lambda f: [level(f)],
    ),
    (
        "E15",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.period)}, {w.subject} {'rose' if w.up else 'fell'} {en_pct(w.fact.pct, w.i)} "
            f"to {en_count(w.fact.cases)} cases, police said on Tuesday."
        ),
        lambda f: [level(f), pct(f)],
    ),
]


ZH_TEMPLATES: list[Template] = [
    (
        "Z1",
        "ZH",
        _always,
        lambda w: (
            f"{w.zh_period}共錄得{w.fact.cases}宗{w.zh_name}，較{w.zh_prev}的{w.fact.prev_cases}宗"
            f"{w.zh_verb()}{abs(w.fact.pct):g}%。"
        ),
        lambda f: [level(f), level(f, prev=True), pct(f)],
    ),
    (
        "Z2",
        "ZH",
        _always,
        lambda w: f"{w.zh_name}{w.zh_period}錄得{w.fact.cases}宗，按年{w.zh_verb()}{abs(w.fact.pct):g}%。",
        lambda f: [level(f), pct(f)],
    ),
    (
        "Z3",
        "ZH",
        _always,
        lambda w: f"{w.zh_period}{w.zh_name}有{w.fact.cases}宗，{w.zh_prev}則有{w.fact.prev_cases}宗。",
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "Z4",
        "ZH",
        _always,
        lambda w: (
            f"警方{w.zh_period}接獲{w.fact.cases}宗{w.zh_name}舉報，{w.zh_prev}為{w.fact.prev_cases}宗，"
            f"{'升幅' if w.up else '跌幅'}達{abs(w.fact.pct):g}%。"
        ),
        lambda f: [level(f), level(f, prev=True), pct(f)],
    ),
    (
        "Z5",
        "ZH",
        _always,
        lambda w: (
            f"{w.zh_name}由{w.zh_prev}的{w.fact.prev_cases}宗{w.zh_to()}{w.zh_period}的{w.fact.cases}宗，"
            f"{w.zh_verb()}{abs(w.fact.pct):g}%。"
        ),
        lambda f: [level(f), level(f, prev=True), pct(f)],
    ),
    (
        "Z6",
        "ZH",
        _always,
        lambda w: f"{w.zh_period}{w.zh_name}數字按年{w.zh_verb()}{abs(w.fact.pct):g}%至{w.fact.cases}宗。",
        lambda f: [level(f), pct(f)],
    ),
    (
        "Z7",
        "ZH",
        _always,
        lambda w: (
            f"{w.zh_period}{w.zh_name}共錄得{w.fact.cases}宗，較{w.zh_prev}"
            f"{'增加' if w.up else '減少'}{abs(w.fact.cases - w.fact.prev_cases)}宗，"
            f"{'升幅' if w.up else '跌幅'}為{abs(w.fact.pct):g}%。"
        ),
        lambda f: [level(f), change(f), pct(f)],
    ),
    (
        "Z8",
        "ZH",
        _has_loss,
        lambda w: (
            f"{w.zh_period}{w.zh_name}共{w.fact.cases}宗，損失金額達{zh_money(w.fact.loss or 0)}"
            + (
                f"，按年{'上升' if (w.fact.loss_pct or 0) > 0 else '下跌'}{abs(w.fact.loss_pct or 0):g}%。"
                if w.fact.loss_pct is not None
                else "。"
            )
        ),
        lambda f: [level(f), loss(f)] + ([loss_pct(f)] if f.loss_pct is not None else []),
    ),
    (
        "Z9",
        "ZH",
        _has_loss_change,
        lambda w: (
            f"{w.zh_period}{w.zh_name}涉及金額{zh_money(w.fact.loss or 0)}，較{w.zh_prev}的"
            f"{zh_money(w.fact.prev_loss or 0)}多{abs(w.fact.loss_pct or 0):g}%。"
        ),
        lambda f: [loss(f), loss(f, prev=True), loss_pct(f)],
    ),
    (
        "Z10",
        "ZH",
        _always,
        lambda w: (
            f"{w.zh_name}（{w.zh_period}）：{w.fact.cases}宗，"
            f"按年{'+' if w.up else '-'}{abs(w.fact.pct):g}%。"
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "Z11",
        "ZH",
        _scam_series,
        lambda w: (
            f"警方表示，{w.zh_name}持續{'上升' if w.up else '回落'}，常見手法包括虛假購物網站、釣魚短訊及"
            f"假投資平台。{w.zh_period}，這類案件共有{w.fact.cases}宗。"
        ),
        lambda f: [level(f)],
    ),
    (
        "Z12",
        "ZH",
        _always,
        lambda w: (
            f"根據警方數字，{w.zh_period}{w.zh_name}{w.zh_verb()}{abs(w.fact.pct):g}%，"
            f"由{w.fact.prev_cases}宗{w.zh_to()}{w.fact.cases}宗。"
        ),
        lambda f: [level(f), level(f, prev=True), pct(f)],
    ),
]

# The second set: wordings news reports use around the same figures, written before any was read.
EN_TEMPLATES_2: list[Template] = [
    (
        "E16",
        "EN",
        _has_loss_change,
        lambda w: (
            f"{_cap(w.count_np)} {w.verb()} {en_pct(w.fact.pct, w.i)} year-on-year to "
            f"{en_count(w.fact.cases)} "
            f"{w.period}, with losses rising {abs(w.fact.loss_pct or 0):g}% to {en_money(w.fact.loss or 0)}."
        ),
        lambda f: [level(f), pct(f), loss(f), loss_pct(f)],
    ),
    (
        "E17",
        "EN",
        _always,
        lambda w: (
            f"Police recorded {en_count(w.fact.cases)} {w.count_np} {w.period}, {w.adverb()} from "
            f"{en_count(w.fact.prev_cases)} a year ago."
        ),
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "E18",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.subject)} continued to {'climb' if w.up else 'ease'}. The figure {w.period} was "
            f"{en_count(w.fact.cases)}, compared with {en_count(w.fact.prev_cases)} {w.prev_in}."
        ),
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "E19",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.subject)}, {en_bare_period(w.fact)}: {en_count(w.fact.cases)} cases "
            f"({'+' if w.up else '-'}{abs(w.fact.pct):g}%)."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "E20",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.period)}, there was {'an increase' if w.up else 'a decrease'} of "
            f"{en_pct(w.fact.pct, w.i)} in {w.count_np}, to {en_count(w.fact.cases)}."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "E21",
        "EN",
        _always,
        lambda w: (
            f"The police received {en_count(w.fact.cases)} reports of {w.subject} {w.period}, a "
            f"{abs(w.fact.pct):g} per cent {'increase' if w.up else 'decrease'} on {w.prev_np}."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "E22",
        "EN",
        _always,
        lambda w: (
            f"Hong Kong saw {en_count(w.fact.cases)} {w.count_np} {w.period}, {w.adverb()} by "
            f"{en_count(abs(w.fact.cases - w.fact.prev_cases))} cases, or {en_pct(w.fact.pct, w.i)}, "
            f"compared to {w.prev_np}."
        ),
        lambda f: [level(f), change(f), pct(f)],
    ),
    (
        "E23",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.period)}, police logged {en_count(w.fact.cases)} {w.count_np} versus "
            f"{en_count(w.fact.prev_cases)} {w.prev_in}."
        ),
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "E24",
        "EN",
        _has_loss,
        lambda w: (
            f"{_cap(w.period)}, victims of {w.subject} were cheated of {en_money(w.fact.loss or 0)} in "
            f"{en_count(w.fact.cases)} cases."
        ),
        lambda f: [level(f), loss(f)],
    ),
    (
        "E25",
        "EN",
        _has_loss,
        lambda w: (
            f"A total of {en_count(w.fact.cases)} {w.count_np} were reported {w.period}. The money "
            f"involved totalled {en_money(w.fact.loss or 0)}."
        ),
        lambda f: [level(f), loss(f)],
    ),
    (
        "E26",
        "EN",
        _always,
        lambda w: (
            f"According to the police, {w.count_np} {w.period} numbered {en_count(w.fact.cases)}, "
            f"{'a rise' if w.up else 'a drop'} of {en_pct(w.fact.pct, w.i)} year on year."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "E27",
        "EN",
        _always,
        lambda w: (
            f"Figures released by the police show that {w.count_np} {w.verb()} to "
            f"{en_count(w.fact.cases)} {w.period} from {en_count(w.fact.prev_cases)} {w.prev_in}."
        ),
        lambda f: [level(f), level(f, prev=True)],
    ),
]

ZH_TEMPLATES_2: list[Template] = [
    (
        "Z13",
        "ZH",
        _has_loss,
        lambda w: (
            f"{w.zh_period}，{w.zh_name}數字錄得{w.fact.cases}宗，較{w.zh_prev}的{w.fact.prev_cases}宗"
            f"{w.zh_verb()}{abs(w.fact.pct):g}%，涉及金額{zh_money(w.fact.loss or 0)}。"
        ),
        lambda f: [level(f), level(f, prev=True), pct(f), loss(f)],
    ),
    (
        "Z14",
        "ZH",
        _always,
        lambda w: (
            f"{w.zh_period}{w.zh_name}按年{'急升' if w.up else '回落'}{abs(w.fact.pct):g}%，"
            f"達{w.fact.cases}宗。"
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "Z15",
        "ZH",
        _always,
        lambda w: (
            f"{w.zh_period}{w.zh_name}共{w.fact.cases}宗，按年{'升' if w.up else '跌'}{abs(w.fact.pct):g}%。"
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "Z16",
        "ZH",
        _always,
        lambda w: (
            f"{w.zh_period}{w.zh_name}較{w.zh_prev}{w.zh_verb()}{abs(w.fact.pct):g}%，至{w.fact.cases}宗。"
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "Z17",
        "ZH",
        _always,
        lambda w: (
            f"{w.zh_period}{w.zh_name}的數目由{w.zh_prev}的{w.fact.prev_cases}宗"
            f"{'上升' if w.up else '下降'}至{w.fact.cases}宗。"
        ),
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "Z18",
        "ZH",
        _always,
        lambda w: (
            f"{w.zh_period}錄得的{w.zh_name}有{w.fact.cases}宗，比{w.zh_prev}"
            f"{'多' if w.up else '少'}{abs(w.fact.cases - w.fact.prev_cases)}宗。"
        ),
        lambda f: [level(f), change(f)],
    ),
    (
        "Z19",
        "ZH",
        _has_loss_change,
        lambda w: (
            f"{w.zh_period}{w.zh_name}有{w.fact.cases}宗，損失金額則由{w.zh_prev}的"
            f"{zh_money(w.fact.prev_loss or 0)}"
            f"增至{zh_money(w.fact.loss or 0)}。"
        ),
        lambda f: [level(f), loss(f, prev=True), loss(f)],
    ),
    (
        "Z20",
        "ZH",
        _always,
        lambda w: f"{w.zh_name}方面，{w.zh_period}共有{w.fact.cases}宗，{w.zh_prev}為{w.fact.prev_cases}宗。",
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "Z21",
        "ZH",
        _has_loss,
        lambda w: (
            f"警方{w.zh_period}共接獲{w.fact.cases}宗{w.zh_name}，市民合共損失{zh_money(w.fact.loss or 0)}。"
        ),
        lambda f: [level(f), loss(f)],
    ),
    (
        "Z22",
        "ZH",
        _always,
        lambda w: (
            f"警方公布，{w.zh_period}{w.zh_name}{w.fact.cases}宗，按年{w.zh_verb()}百分之{abs(w.fact.pct):g}。"
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "Z23",
        "ZH",
        _always,
        lambda w: (
            f"{w.zh_name}持續{'上升' if w.up else '回落'}。{w.zh_period}，相關案件有{w.fact.cases}宗，"
            f"較{w.zh_prev}{w.zh_verb()}{abs(w.fact.pct):g}%。"
        ),
        lambda f: [level(f), pct(f)],
    ),
]

TEMPLATES = EN_TEMPLATES + ZH_TEMPLATES + EN_TEMPLATES_2 + ZH_TEMPLATES_2

# --- two series in one passage ---------------------------------------------------------------------------

# Facts of the same period and publication (indexes into FACTS), the second a series of its own.
PAIRS = ((0, 9), (1, 5), (8, 10))
# A series and the overall crime of the same period: its share of all crime is a real derived figure.
SHARES = ((0, 9), (10, 8))
PairTemplate = tuple[str, str, Callable[[Words, Words], str], Callable[[Fact, Fact], list[dict]]]


def share(a: Fact, whole: Fact) -> str:
    return f"{a.cases / whole.cases * 100:.1f}"


PAIR_TEMPLATES: list[PairTemplate] = [
    (
        "P1",
        "EN",
        lambda a, b: (
            f"{_cap(a.period)}, {a.subject} {a.verb()} {en_pct(a.fact.pct, a.i)} to "
            f"{en_count(a.fact.cases)} cases, while {b.subject} {b.verb()} {en_pct(b.fact.pct, b.i)} to "
            f"{en_count(b.fact.cases)}."
        ),
        lambda f, g: [level(f), pct(f), level(g), pct(g)],
    ),
    (
        "P2",
        "EN",
        lambda a, b: (
            f"{_cap(a.subject)} and {b.subject} {'rose' if a.up else 'fell'} to {en_count(a.fact.cases)} and "
            f"{en_count(b.fact.cases)} cases respectively {a.period}."
        ),
        lambda f, g: [level(f), level(g)],
    ),
    (
        "P3",
        "EN",
        lambda a, b: (
            f"Police released the crime figures for {'' if a.fact.span == 'year' else 'the '}"
            f"{en_bare_period(a.fact)} on Tuesday. "
            f"{_cap(a.count_np)} {a.verb()} {en_pct(a.fact.pct, a.i)} to {en_count(a.fact.cases)}, and "
            f"{b.count_np} numbered {en_count(b.fact.cases)}."
        ),
        lambda f, g: [level(f), pct(f), level(g)],
    ),
    (
        "P4",
        "ZH",
        lambda a, b: (
            f"{a.zh_period}{a.zh_name}及{b.zh_name}分別錄得{a.fact.cases}宗及{b.fact.cases}宗，"
            f"按年分別{'上升' if a.up else '下跌'}{abs(a.fact.pct):g}%及{'上升' if b.up else '下跌'}"
            f"{abs(b.fact.pct):g}%。"
        ),
        lambda f, g: [level(f), level(g), pct(f), pct(g)],
    ),
    (
        "P5",
        "ZH",
        lambda a, b: (
            f"警方今日公布{a.zh_period}的罪案數字。{a.zh_name}錄得{a.fact.cases}宗，按年{a.zh_verb()}"
            f"{abs(a.fact.pct):g}%；{b.zh_name}則有{b.fact.cases}宗。"
        ),
        lambda f, g: [level(f), pct(f), level(g)],
    ),
]

SHARE_TEMPLATES: list[PairTemplate] = [
    (
        "S1",
        "EN",
        lambda a, w: (
            f"{_cap(a.period)}, {en_count(a.fact.cases)} {a.count_np} were recorded. They made up "
            f"{share(a.fact, w.fact)}% of all crime."
        ),
        lambda f, g: [level(f)],
    ),
    (
        "S2",
        "EN",
        lambda a, w: (
            f"{_cap(a.subject)} accounted for {share(a.fact, w.fact)} per cent of the "
            f"{en_count(w.fact.cases)} crimes recorded {a.period}."
        ),
        lambda f, g: [level(g)],
    ),
    (
        "S3",
        "ZH",
        lambda a, w: f"{a.zh_period}{a.zh_name}有{a.fact.cases}宗，佔整體罪案{share(a.fact, w.fact)}%。",
        lambda f, g: [level(f)],
    ),
    (
        "S4",
        "ZH",
        lambda a, w: f"{a.zh_period}整體罪案共{w.fact.cases}宗，其中{a.zh_name}佔{share(a.fact, w.fact)}%。",
        lambda f, g: [level(g)],
    ),
]
# How many wordings of each (template, fact): each one moves every slot on by one.
VARIANTS = 2


def items(templates: list[Template] = TEMPLATES, variants: int = VARIANTS) -> Iterator[Item]:
    """Every template crossed with every fact it applies to, in `variants` wordings each."""
    for tid, lang, applies, text, gold in templates:
        for n, fact in enumerate(FACTS):
            if not applies(fact):
                continue
            for v in range(variants):
                words = Words(fact, n + v)
                yield {
                    "id": f"{tid}-{n}-{v}",
                    "lang": lang,
                    "ref_date": fact.ref_date,
                    "text": text(words),
                    "expected": gold(fact),
                }


# --- the text around a figure: a date of an event, "as of", a headline, the year before stated apart -------


def _after_2017(f: Fact) -> bool:
    """Facts after the Anti-Deception Coordination Centre opened (July 2017): a date in the text."""
    return f.year >= 2018


def _so_far_this_year(f: Fact) -> bool:
    """Facts of the first months of the year they were published in: "as of the end of June"."""
    return f.span != "year" and int(f.ref_date[:4]) == f.year


def _last_month(f: Fact) -> tuple[str, int]:
    return ("June", 6) if f.span == "H1" else ("September", 9)


CONTEXT_TEMPLATES: list[Template] = [
    (
        "C1",
        "EN",
        _after_2017,
        lambda w: (
            f"The Anti-Deception Coordination Centre was set up in July 2017. {_cap(w.period)}, "
            f"{en_count(w.fact.cases)} {w.count_np} were recorded, {w.adverb()} {en_pct(w.fact.pct, w.i)} "
            f"on {w.prev_np}."
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "C2",
        "EN",
        _so_far_this_year,
        lambda w: (
            f"As of the end of {_last_month(w.fact)[0]}, {en_count(w.fact.cases)} {w.count_np} had been "
            f"recorded this year."
        ),
        lambda f: [level(f)],
    ),
    (
        "C3",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.subject)} {w.adverb()} {abs(w.fact.pct):g}% {w.period}\n\n"
            f"Police recorded {en_count(w.fact.cases)} {w.count_np} {w.period}, compared with "
            f"{en_count(w.fact.prev_cases)} {w.prev_in}, according to figures released on Monday."
        ),
        lambda f: [level(f), level(f, prev=True), pct(f)],
    ),
    (
        "C4",
        "EN",
        _always,
        lambda w: (
            f"{_cap(w.period)}, {en_count(w.fact.cases)} {w.count_np} were recorded. The figure for "
            f"{w.prev_np} was {en_count(w.fact.prev_cases)}."
        ),
        lambda f: [level(f), level(f, prev=True)],
    ),
    (
        "C5",
        "ZH",
        _after_2017,
        lambda w: (
            f"反詐騙協調中心於2017年7月成立。{w.zh_period}{w.zh_name}錄得{w.fact.cases}宗，"
            f"按年{w.zh_verb()}{abs(w.fact.pct):g}%。"
        ),
        lambda f: [level(f), pct(f)],
    ),
    (
        "C6",
        "ZH",
        _so_far_this_year,
        lambda w: f"截至今年{_last_month(w.fact)[1]}月底，{w.zh_name}共錄得{w.fact.cases}宗。",
        lambda f: [level(f)],
    ),
    (
        "C7",
        "ZH",
        _always,
        lambda w: (
            f"{w.zh_period}{w.zh_name}按年{w.zh_verb()}{abs(w.fact.pct):g}%\n"
            f"警方周一公布，{w.zh_period}{w.zh_name}共{w.fact.cases}宗，{w.zh_prev}為{w.fact.prev_cases}宗。"
        ),
        lambda f: [level(f), level(f, prev=True), pct(f)],
    ),
    (
        "C8",
        "ZH",
        _always,
        lambda w: f"{w.zh_period}{w.zh_name}錄得{w.fact.cases}宗。{w.zh_prev}的數字為{w.fact.prev_cases}宗。",
        lambda f: [level(f), level(f, prev=True)],
    ),
]


def pair_items(templates: list[PairTemplate], pairs: tuple, variants: int = VARIANTS) -> Iterator[Item]:
    """Every two-series template crossed with every pair of facts, in `variants` wordings each."""
    for tid, lang, text, gold in templates:
        for n, (a, b) in enumerate(pairs):
            for v in range(variants):
                fa, fb = FACTS[a], FACTS[b]
                yield {
                    "id": f"{tid}-{n}-{v}",
                    "lang": lang,
                    "ref_date": fa.ref_date,
                    "text": text(Words(fa, n + v), Words(fb, n + v + 1)),
                    "expected": gold(fa, fb),
                }


def every_item() -> list[Item]:
    """All the generated texts, each once (a template with few slots can word two variants alike)."""
    every = [
        *items(),
        *pair_items(PAIR_TEMPLATES, PAIRS),
        *pair_items(SHARE_TEMPLATES, SHARES),
        *items(CONTEXT_TEMPLATES),
    ]
    return list({i["text"]: i for i in every}.values())


def template_of(item: Item) -> str:
    return item["id"].split("-")[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("template", nargs="*", help="only these templates (E1..., Z1...)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each text with its misses and extras")
    args = ap.parse_args()
    ev = evaluator()
    every = every_item()
    chosen = [i for i in every if not args.template or template_of(i) in args.template]
    if args.verbose:
        for item in chosen:
            print("  ", item["id"], item["text"])
            score(ev, [item], verbose=True)
    print_scores(ev, chosen)


def print_scores(ev: ModuleType, chosen: list[Item]) -> None:
    """The score of `chosen` over all, by language and by template (first part of each id)."""
    t = score(ev, chosen)
    print(f"all  recall {t.recall():.3f} precision {t.precision():.3f} ({len(chosen)} texts)")
    for lang in ("EN", "ZH"):
        if lang in t.counts:
            print(f"{lang}   recall {t.recall(lang):.3f} precision {t.precision(lang):.3f}")
    for tid in dict.fromkeys(template_of(i) for i in chosen):
        s = score(ev, [i for i in chosen if template_of(i) == tid])
        print(f"  {tid:<4} recall {s.recall():.3f} precision {s.precision():.3f}")


if __name__ == "__main__":
    main()
