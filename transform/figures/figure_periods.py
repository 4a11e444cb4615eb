"""The period of a number: one written next to it ("2,206 in 2011"), else its sentence's, else the
one in force from earlier sentences. A comparison period ("compared with 2018") and an event date
("set up in 2017") are never a figure's own period; a change belongs to the newer period and names
the older one in `compared_with`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from transform.figures.kind import is_base_number
from transform.figures.lines import is_box_line
from transform.figures.model import Context, Figure, SentenceView, rescore
from transform.figures.numbers import NumberMention
from transform.figures.segment import Sentence
from transform.periods import (
    LaterRef,
    MonthRef,
    Period,
    SamePeriodRef,
    shift_year,
)
from transform.regex_gate import fold_case, folded_words, gated_compile, may_hold

# "over" compares after a change ("up 5% over 2022"); after the things counted it spans the period
# ("15,637 cases over the first half of 2023").
# ... and after a level ("to 8,699 over the same six months")
_OVER = r"(?<!cases\s)(?<!crimes\s)(?<!scams\s)(?<!frauds\s)(?<!offences\s)(?<!reports\s)(?<!\d\s)\bover"
_COMPARISON_BEFORE_PERIOD = gated_compile(
    # "on" compares after a change ("up 5% on 2022", "a rise on 2022"), not after a report ("a report on")
    rf"(?:\bfrom|\bcompared\s+(?:with|to)|\bthan(?:\s+in)?|\bagainst|{_OVER}"
    r"|(?:%|\bper\s?cent|\bpercent|\d|\bchange)\s+on"  # after up/down/rise ...: the rule below
    r"|\bversus|\bvs\.?|\bbetween"
    r"|\babove|\bbelow"
    # "almost double the 2019 figure"
    r"|\b(?:double|twice|triple|treble|half|(?:\w+\s+)?times)(?:\s+that\s+of)?"
    r"|\b(?:up|down|rise|increase|decrease|drop|fall)\s+(?:from|on|over)"
    r"|較|较|比|與|与|由|從|从|相對於?|相对于?|相比|相較於?|相较于?|對比|对比)"
    r"\s*(?:the\s+)?(?:(?:figures?|numbers?|totals?|levels?|counts?)\s+(?:of|for|in|recorded\s+in)\s+"
    r"|(?:that|those)\s+(?:of|in)\s+)?$",
    re.IGNORECASE,
)
_COMPARISON_WORDS = folded_words(_COMPARISON_BEFORE_PERIOD)  # "from", "than", 較 ...: one is in every match


def compared_before(text: str, start: int, view: SentenceView | None = None) -> bool:
    """Whether the words before the period phrase at `start` compare with it ("from 2022", 較去年).

    With the sentence's `view`, the answer is kept on it: each number of the sentence asks about its
    period, then each pass over the sentence's periods asks again, and a scan of a pattern ending in
    "$" tries every position of the 30 characters."""
    if view is not None and start in view.compared:
        return view.compared[start]
    before = text[max(0, start - 30) : start]
    # the words first: a scan of the pattern costs as much as twenty substring tests
    found = may_hold(_COMPARISON_WORDS, fold_case(before)) and bool(_COMPARISON_BEFORE_PERIOD.search(before))
    if view is not None:
        view.compared[start] = found
    return found


_EN_FOLLOW_GAP = gated_compile(r"^[^\d,;:()\[\]。，；（）：\n]{0,45}$")  # a line break ends the phrase


# The count or amount a figure is paired with may stand between it and its period: "HK$20.3 million in
# 350 cases in 2021", "78 cases involving HK$36.4 million in the same period last year".
_PAIRED_FIGURE = gated_compile(
    r"\s+(?:in|across|involving|totalling|totaling)\s+(?:a\s+total\s+of\s+|some\s+|about\s+)?"
    r"(?:(?:HK\$|\$)\d[\d,]*(?:\.\d+)?\s*(?:million|billion|mil|bn|m)?|\d[\d,]*\s+(?:\w+\s+)?(?:cases|reports|complaints))"
    r"(?:\s+in\s+(?:losses|total))?"
    # "compared with 208 cases and HK$125 million in 2017": the amount paired after "and" shares the period
    r"|\s+(?:cases|reports|complaints|crimes)\s+and\s+(?:HK\$|\$)\d[\d,]*(?:\.\d+)?\s*(?:million|billion|mil|bn|m)?"
    r"(?:\s+(?:lost|in\s+losses))?",
    re.IGNORECASE,
)


# An amount converted into another currency, in brackets after the amount: "HK$451 million (US$57.6 million)".
_CONVERSION = gated_compile(
    r"^\s*\((?:about\s+|approx\.?\s+)?(?:US|RM|S|NT|A|C)?[$€£¥]?\s?\d[\d,]*(?:\.\d+)?\s*"
    r"(?:million|billion|mil|mln|bn|m|b)?\)",
    re.IGNORECASE,
)


def _gap_after(text: str, num: NumberMention, start: int) -> str:
    """The words between a number and a later period, without a bracketed currency conversion or the
    case count / amount the number is paired with."""
    gap = _CONVERSION.sub("", text[num.end : start], 1)
    return _PAIRED_FIGURE.sub("", gap, 1)


# no bracket between: in 66 439宗（2014年：67 740宗） the bracket's year labels the value inside it
_ZH_PRECEDE_GAP = gated_compile(r"^[^\d,;:()\[\]。，；（）：【】]{0,12}$")


# A clause that says what happened in the period just named: "in 2022, when 70,048 cases were reported".
_WHEN_GAP = gated_compile(
    r"\s*,?\s*(?:when|at\s+which\s+time)\s+[^\d,;:()]{0,30}?"
    # "..., when 110 cases and losses of $35.9 million were recorded": the amount paired with the count
    r"(?:\d[\d,]*\s+(?:cases|reports|crimes)\s+and\s+[^\d,;:()]{0,20}?)?(?:HK\$|\$)?",
    re.IGNORECASE,
)
# 去年同期則為170宗及8,450萬元: the amount after the count it is paired with shares the count's period.
_ZH_PAIRED_GAP = gated_compile(
    r"^[^\d,;:()\[\]。，；（）：【】]{0,8}\d[\d, ]*宗\s*(?:及|和|與|与|、)\s*(?:損失|损失)?$"
)


_LABEL_GAP = gated_compile(r"\s*[:：]\s*(?:HK\$|US\$|\$)?\s*")


# "a rise of 523 cases when compared with 2009, particularly in the fourth quarter of 2010": a period
# named as an aside says when most of it happened, not which period the sentence's figures are of.
_ASIDE_BEFORE_PERIOD = gated_compile(
    r"\b(?:particularly|especially|notably|mostly|mainly|in\s+particular)\s*,?\s*(?:in|during|over)?\s*(?:the\s+)?$"
    r"|(?:尤其是?|特別是|特别是|主要在)\s*$"
    # "Telephone scams, which had surged in 2015, fell back": a relative clause's year is an aside
    r"|,\s*(?:which|who)\s+[^,;.\d]{0,30}$"
    # "That is over five times the 8,372 cases of 2018": the year of a multiple's base, no period of its own
    r"|\b(?:times|double|twice|triple|treble)\s+(?:the\s+|that\s+of\s+)?(?:about\s+|some\s+)?\d[\d,]*(?:\.\d+)?\s+"
    r"(?:[a-z]+\s+){0,2}?(?:of|in|recorded\s+in|reported\s+in)\s+$",
    re.IGNORECASE,
)


# A period right before its value: a possessive, or the value in brackets after it.
_PERIOD_OWNS_GAP = gated_compile(
    r"['’]s\s*(?:HK\$|\$)?|\s*[(（]\s*(?:HK\$|\$)?"
    r"|\s+(?:figure|total|tally|count|level)\s+of\s+(?:HK\$|\$)?",  # "the 2019 figure of 8,216"
    re.IGNORECASE,
)


_GAPPED_GAP = gated_compile(r"\s+(?:HK\$|US\$|\$)?")


def _attached_period(text: str, view: SentenceView, num: NumberMention):
    """A period written right next to the number: after it in English, before it in Chinese."""
    following = [(s, e, v) for s, e, v in view.periods if s >= num.end]
    preceding = [(s, e, v) for s, e, v in view.periods if e <= num.start]
    after = next(
        ((s, e, v) for s, e, v in following if _EN_FOLLOW_GAP.match(_gap_after(text, num, s))),
        None,
    )
    before = next(
        ((s, e, v) for s, e, v in reversed(preceding) if _ZH_PRECEDE_GAP.match(text[e : num.start])), None
    )
    if before is None and view.zh and preceding and _ZH_PAIRED_GAP.match(text[preceding[-1][1] : num.start]):
        before = preceding[-1]
    if (
        view.zh
        and before is not None
        and len(preceding) > 1
        and _ON_THE_YEAR.fullmatch(text[before[0] : before[1]])
    ):
        # 首八個月的按年升幅為34.6%: the period whose change "on the year" it is
        owner = preceding[preceding.index(before) - 1] if before in preceding[1:] else None
        if owner is not None and re.fullmatch(r"的?", text[owner[1] : before[0]]):
            before = owner
    if preceding and _LABEL_GAP.fullmatch(text[preceding[-1][1] : num.start]):
        return preceding[-1]  # "(2022: 27,923)", 2023年：39 824宗: a period as the label of its value
    if view.zh:
        return before or (after if after and _ZH_PRECEDE_GAP.match(text[num.end : after[0]]) else None)
    if preceding and _PERIOD_OWNS_GAP.fullmatch(text[preceding[-1][1] : num.start]):
        return preceding[-1]  # "2019's 59,225", "those of 2021 (19,249)"
    if after is None and preceding and _WHEN_GAP.fullmatch(text[preceding[-1][1] : num.start]):
        return preceding[-1]  # "than in 2022, when 70,048 cases were reported"
    if after is None and preceding and _GAPPED_GAP.fullmatch(text[preceding[-1][1] : num.start]):
        return preceding[
            -1
        ]  # "In 2013 there were 477, and last year 638": the verb left out, the period stays
    return after


def resolve_period(
    value: Period | SamePeriodRef, current: Period | None, ref_date: date | None
) -> Period | None:
    """A period, or what a same-period marker means next to `current`.

    去年同期 / 前年同期 name a year counted back from the publication date; when that is not before
    the figure's own year (a text about last year saying "the same period last year"), the marker
    means one year before the figure's period.
    """
    if isinstance(value, Period):
        return value
    if current is None:
        return None
    if value.year is None and ref_date is not None:
        year = ref_date.year - value.years_back
        if year < current.start.year:
            return shift_year(current, year - current.start.year)
        return shift_year(current, -1)
    return value.resolve(current)


@dataclass
class SentencePeriods:
    """The periods of one sentence: the one its figures belong to, the one they are compared with,
    the periods written next to single numbers, and the numbers that are comparison levels."""

    current: Period | None
    base: Period | None
    attached: dict[int, tuple[Period | SamePeriodRef, bool]]  # number start -> (period, is a comparison)
    base_numbers: set[int]  # "from X", "compared with X", 較X
    own: bool  # the sentence names its own period (else it carries the one before)
    carried: Period | None = None  # the period in force before the sentence (or the text's first)
    source: str = "sentence"  # where `current` came from: a key of confidence.PERIOD_RULES
    segmented: set[int] = field(default_factory=set)  # numbers dated by their part of the sentence (;)
    base_start: int | None = None  # where the period compared with is written, when the text names one


# "In the same period, victims lost HK$2.03 billion", 同期損失20.3億元: "the same period" with no year
# and no word of comparison before it is the period the text is about, not the one a year before.
_BARE_SAME_PERIOD = gated_compile(
    r"(?:the\s+)?(?:same|corresponding|comparable)\s+(?:period|quarter|half|(?:\w+\s+)?months)|同期",
    re.IGNORECASE,
)
# ... in a clause that compares nothing ("compared with 27,923 in the same period" is a year before)
# ("over" after the things counted spans the period: "crimes over the same months")
_COMPARING = gated_compile(
    rf"\b(?:compared\s+(?:with|to)|than|against|versus|from|on)\b|{_OVER}\b|較|较|比|與|与|相比|由|從|从",
    re.IGNORECASE,
)


# "Ransomware attacks totalled 26 over the same period": "over" compares only after a change
# ("up 5% over the same period"); after a count it spans the period.
_CHANGE_CUE = gated_compile(
    r"%|\bper\s?cent|\b(?:up|down|rise|rose|risen|increase[sd]?|decrease[sd]?|fell|fall(?:en)?|drop(?:ped)?"
    r"|higher|lower|more|fewer|less|grew|growth|jump(?:ed)?|surge[sd]?|climb(?:ed)?|decline[sd]?)\b",
    re.IGNORECASE,
)


def _compares(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] (a clause up to a bare "the same period") compares with it."""
    word = _COMPARING.search(text, start, end)
    if word is None:
        return False
    if word.group().lower() != "over" or _COMPARING.search(text, word.end(), end):
        return True
    return bool(_CHANGE_CUE.search(text, start, word.start()))


def _in_force(text: str, view: SentenceView, in_force: Period | None) -> None:
    """Read each bare "the same period" of the sentence as `in_force`, the period of the sentences before."""
    if in_force is None or not any(isinstance(v, SamePeriodRef) for _, _, v in view.periods):
        return
    view.periods = [
        (s, e, in_force)
        if isinstance(v, SamePeriodRef)
        and _BARE_SAME_PERIOD.fullmatch(text[s:e].strip())
        and not _compares(text, view.sentence.clause_bounds(s)[0], s)
        else (s, e, v)
        for s, e, v in view.periods
    ]


# A legend saying whose the bracketed values are: （括號內為去年同期）, "(figures in brackets are for the
# same period of 2023)". The period it names dates every value alone in brackets after it, not the
# number it stands beside.
_BRACKET_LEGEND = gated_compile(
    r"(?:括號|括号|括弧)內?(?:的)?(?:數字|数字|數目|数目|數據|数据)?\s*(?:為|为|是|乃|指)"
    r"|\b(?:figures?|numbers?|values?)\s+in\s+(?:brackets|parenthes[ie]s)\s*(?:are\s+|is\s+|refer\s+to\s+)?"
    r"(?:for\s+|those\s+of\s+|of\s+)?|\bin\s+(?:brackets|parenthes[ie]s)\s*[:：]\s*",
    re.IGNORECASE,
)
_LEGEND_REACH = 6  # characters between the legend's words and its period ("the ", "同期" follows)
# A value alone in its brackets: （42 923宗）, "(4,759 cases)", (HK$1.09 billion).
_ALONE_IN_BRACKETS = gated_compile(r"^[(（]\s*(?:約|约|about\s+)?$")
_CLOSES_AFTER = gated_compile(r"\s*(?:宗|起|cases?|crimes?|元|港元)?\s*[)）]", re.IGNORECASE)


# ... or after its period: "with the first half of 2023 in brackets", "last year's figures in parentheses"
_IN_BRACKETS_AFTER = gated_compile(
    r"(?:['’]s)?\s*(?:figures?\s+|numbers?\s+|values?\s+)?in\s+(?:brackets|parenthes[ie]s)\b"
    r"|\s*(?:的)?(?:數字|数字)?(?:在|於|于)?括號內",
    re.IGNORECASE,
)


def _read_bracket_legend(text: str, view: SentenceView, ctx: Context) -> None:
    """Take a bracket legend's period out of the sentence's periods and keep it for the values after it."""
    m = _BRACKET_LEGEND.search(view.sentence.text)
    legend = None
    if m is not None:  # "figures in brackets are for 2023", "in brackets: 2023"
        at = view.sentence.start + m.end()
        legend = next((p for p in view.periods if at <= p[0] <= at + _LEGEND_REACH), None)
    if legend is None:  # "with the same period last year in brackets:"
        legend = next((p for p in view.periods if _IN_BRACKETS_AFTER.match(text, p[1])), None)
    if legend is not None:
        ctx.bracket_period = legend[2]
        view.periods = [p for p in view.periods if p is not legend]


def _alone_in_brackets(text: str, view: SentenceView, num: NumberMention) -> bool:
    start = max(view.sentence.start, num.start - 6)
    opening = max(text.rfind("(", start, num.start), text.rfind("（", start, num.start))
    return (
        opening >= 0
        and bool(_ALONE_IN_BRACKETS.match(text[opening : num.start]))
        and bool(_CLOSES_AFTER.match(text, num.end))
    )


def _labels_in_brackets(text: str, view: SentenceView, attached: dict) -> set[int]:
    """Starts of the periods that label a value inside brackets: "(first half of 2023: 4,759)". Such a
    period is that value's, not the sentence's."""
    labels = set()
    for num in view.numbers:
        hit = attached.get(num.start)
        if hit is None or not view.sentence.in_brackets(num.start):
            continue
        for s, e, v in view.periods:
            if v is hit[0] and view.sentence.in_brackets(s) and _LABEL_GAP.fullmatch(text[e : num.start]):
                labels.add(s)
    return labels


# 升幅由首季的48.4%……: "the rise, from the first quarter's 48.4 per cent": 由 opens the rise's own periods
_A_RISE_FROM = gated_compile(r"(?:升幅|增幅|跌幅|降幅|減幅|减幅)\s*(?:由|從|从)\s*$")


def sentence_periods(text: str, view: SentenceView, ctx: Context, main: Period | None) -> SentencePeriods:
    """Which period each number of a sentence belongs to, and which it is compared with."""
    _read_bracket_legend(text, view, ctx)
    _in_force(text, view, ctx.current or main)
    base_numbers = {
        n.start
        for n in view.numbers
        if n.form in ("count", "money") and is_base_number(text, view.sentence, n)
    }
    attached: dict[int, tuple[Period | SamePeriodRef, bool]] = {}
    for num in view.numbers:
        hit = _attached_period(text, view, num)
        if hit is not None and num.start in base_numbers and _topic_before_base(text, view, hit[1], num):
            continue  # 上半年詐騙案由8699宗增加至12326宗: the period is the sentence's, 8699 is a year before
        if hit is not None:
            s, e, value = hit
            is_cmp = (
                isinstance(value, SamePeriodRef)
                or (compared_before(text, s, view) and not _A_RISE_FROM.search(text, max(0, s - 4), s))
                or num.start in base_numbers
            ) and not _WHOLE_YEAR.search(text, max(view.sentence.start, s - 16), s)
            # 升幅較首八個月的34.6%收窄: a rate "of" the period compared with is that period's own rate
            if num.form == "percent" and text[e : num.start].strip() == "的":
                is_cmp = False
            attached[num.start] = (value, is_cmp)
    if ctx.bracket_period is not None:
        for num in view.numbers:
            if _alone_in_brackets(text, view, num):
                attached[num.start] = (ctx.bracket_period, True)
    _span_ends(text, view, ctx, attached)
    _pair_the_loss(text, view, attached)
    _share_topic(text, view, attached, base_numbers)
    labels = _labels_in_brackets(text, view, attached)
    for num in view.numbers:
        hit = attached.get(num.start)
        # "romance scams numbered 520 (2017: 170)": a bracketed year's value is a level compared with,
        # of the same months as the sentence's when that is part of a year
        if (
            hit is not None
            and num.form in ("count", "money")
            and view.sentence.in_brackets(num.start)
            and any(v is hit[0] for s, _, v in view.periods if s in labels)
        ):
            attached[num.start] = (hit[0], True)
    if labels and ctx.bracket_period is None and is_box_line(view.sentence.text):
        # "Overall crime: 45,315 (first half of 2023: 42,923)" over "Violent crime: 5,156 (4,759)": the
        # first line's bracket label is the legend of the brackets in the lines under it
        ctx.bracket_period = next(v for s, _, v in view.periods if s in labels)
    base_spans = {s for s, _, v in view.periods if any(v is a and c for a, c in attached.values())}
    current = base = None
    base_start: int | None = None
    relative_base = False
    for s, e, value in view.periods:
        if not isinstance(value, Period) or s in labels:
            continue
        if s in base_spans or compared_before(text, s, view) or (base is not None and value == base):
            # 比前年少1 268宗……而前年的損失是91.5億元: the year compared with, named again, is still the base
            relative_base = relative_base or (base is None and not re.search(r"\d|[〇零一二]{4}", text[s:e]))
            base_start = s if base is None else base_start
            base = base or value
        elif current is None and not _ASIDE_BEFORE_PERIOD.search(text[max(0, s - 50) : s]):
            current = value
    if current is not None and unfinished_year(current, view.ref_date):
        current = _part_of_the_year(view, current, labels, base_spans) or current
    in_force = ctx.current if ctx.current in ctx.figure_periods else None  # a period figures were read in
    if base is None and current is not None and in_force is not None and current == shift_year(in_force, -1):
        # "The 2019 total was 59,225." in a story of 2020, ……；前年為14 429宗 in one of 去年: the year before
        # the one in force, named alone, is the year compared with, not a new period for the text
        base, current = current, None
        named_at = next(s for s, _, v in view.periods if v is base or v == base)
        next_named = min((s for s, _, _ in view.periods if s > named_at), default=view.sentence.end)
        for num in view.numbers:  # the levels after it are of that year ("The 2019 total was 59,225")
            after = named_at < num.start < next_named
            if num.form in ("count", "money") and after and num.start not in attached:
                attached[num.start] = (base, True)
    own = current is not None
    source = "sentence" if own else ("carried" if ctx.current is not None else "text")
    if current is None:
        current = ctx.current or main
        if ctx.current is None and current == base:
            current = None  # the text's first period is the one this sentence compares with, not its own
    if current is None and base is not None and relative_base:
        current = shift_year(base, 1)  # 較前年下跌3.1%: the figure is of the year after the one compared with
    if base is None and current is not None:
        markers = [v for _, _, v in view.periods if isinstance(v, SamePeriodRef)]
        if markers:
            base = resolve_period(markers[0], current, view.ref_date)
        elif not own and ctx.base is not None:
            base = ctx.base
        else:
            base = shift_year(current, -1)
    so_far = year_to_date(current, view.ref_date, ctx.current or main)
    if so_far is not None:  # "940 cases this year" in a review of January to June
        current, source = so_far, "year_to_date"
        if base is not None and base.type == "year" and base.end < so_far.start:
            base = shift_year(so_far, base.start.year - so_far.start.year)
    named_base = base if base_start is not None else None
    segmented = _segment_periods(
        text, view, ctx.current or main, (current, base, named_base), attached, base_spans
    )
    carried = ctx.current or main
    return SentencePeriods(current, base, attached, base_numbers, own, carried, source, segmented, base_start)


# "from 2,206 in 2011 to 12,916 last year", 由2011年的2 206宗增至去年的12 916宗: two numbers, the
# first after "from", the second after "to", with nothing but a period and a unit between.
_FROM_BEFORE = gated_compile(
    r"(?:\bfrom|由|從|从)\s*(?:the\s+)?(?:[^\s\d,.;，。；]+\s*){0,3}$", re.IGNORECASE
)
_TO_BETWEEN = gated_compile(
    r"^[^,;，；。]{0,40}?(?:\bto|增至|升至|增加至|上升至|降至|減至|减至|跌至|下降至|至)\s*(?:the\s+)?[^\s\d]{0,12}\s*$",
    re.IGNORECASE,
)
# the second sentence says it spans the same years: "over the same period", 同期
_OVER_THE_SAME = gated_compile(
    r"\b(?:over|in|during)\s+the\s+same\s+(?:period|years|time)|同期|同一期間|同一期间", re.IGNORECASE
)


def _from_to_pair(text: str, view: SentenceView) -> tuple[NumberMention, NumberMention] | None:
    """The two numbers of a "from N to M" in the sentence, or None."""
    for first, second in zip(view.numbers, view.numbers[1:], strict=False):
        lead = text[max(view.sentence.start, first.start - 40) : first.start]
        if _FROM_BEFORE.search(lead) and _TO_BETWEEN.match(text[first.end : second.start]):
            return first, second
    return None


def _ends_before(view: SentenceView, first: NumberMention, attached: dict) -> tuple[Period, Period] | None:
    """The earliest and the latest period dating numbers of the sentence before `first`, or None."""
    dated = [
        v[0]
        for n in view.numbers
        if n.end <= first.start and (v := attached.get(n.start)) is not None and isinstance(v[0], Period)
    ]
    if len(dated) < 2:
        return None
    earliest, latest = min(dated, key=lambda p: p.start), max(dated, key=lambda p: p.start)
    return (earliest, latest) if earliest.end < latest.start else None


def _span_ends(text: str, view: SentenceView, ctx: Context, attached: dict) -> None:
    """Date a "from N to M over the same period" by the ends of the span the sentence before went
    over ("from 2,206 in 2011 to 12,916 last year"), and keep such ends for the sentence after."""
    pair = _from_to_pair(text, view)
    ends = ctx.span_ends
    ctx.span_ends = None
    if pair is None:
        return
    first, second = pair
    dated = [attached.get(first.start), attached.get(second.start)]
    if all(d is not None and isinstance(d[0], Period) for d in dated):
        a, b = dated[0][0], dated[1][0]  # type: ignore[index]
        if a.end < b.start:
            ctx.span_ends = (a, b)
        return
    named = any(d is not None and isinstance(d[0], Period) for d in dated)  # a bare "same period" is not
    # "2 206 cases in 2011 and 12 916 in 2020, while losses rose from ... over the same period"
    ends = _ends_before(view, first, attached) or ends
    if ends is not None and not named and _OVER_THE_SAME.search(view.sentence.text):
        attached[first.start], attached[second.start] = (ends[0], True), (ends[1], False)
        ctx.span_ends = ends


# "against HK$2.3 million for the whole of 2014", 2014年全年: the whole year, not its months that match
_WHOLE_YEAR = gated_compile(r"\bthe\s+(?:whole|entirety)\s+of\s+$", re.IGNORECASE)


# A sentence that opens with its period: "2023年同期則有7361宗，損失8.3億元", "In the same period of 2023",
# or with the figure it dates: "The figure for the same period last year was 10,613".
_TOPIC_LEAD = gated_compile(
    r"^\W{0,3}(?:(?:the\s+)?(?:corresponding\s+|comparable\s+)?(?:figures?|numbers?|totals?|tally|count)\s+)?"
    r"(?:in|during|for|而|至於|至于|另外|另)?\W{0,3}$",
    re.IGNORECASE,
)


def _share_topic(
    text: str,
    view: SentenceView,
    attached: dict[int, tuple[Period | SamePeriodRef, bool]],
    base_numbers: set[int],
) -> None:
    """The period a sentence opens with is that of every number after it that names none of its own and
    has no other period between: the loss in "2023年同期則有7361宗，損失8.3億元" is 2023-Q1's too, not
    the period carried from the sentence before."""
    if not view.periods or not view.numbers:
        return
    s, e, value = view.periods[0]
    first = view.numbers[0]
    if e > first.start or not _TOPIC_LEAD.match(text[view.sentence.start : s]):
        return
    later = [ps for ps, _, _ in view.periods[1:]]
    for num in view.numbers:
        if num.start in attached or any(ps < num.start for ps in later):
            continue
        if num.start in base_numbers and not isinstance(value, SamePeriodRef):
            continue  # "2022年上半年詐騙案由8699宗增加至...": the level compared with is of the year before
        attached[num.start] = (value, isinstance(value, SamePeriodRef))


_SEGMENT_CUT = gated_compile(r"[;；]")


def _segment_periods(
    text: str,
    view: SentenceView,
    carried: Period | None,
    current_and_base: tuple[Period | None, Period | None, Period | None],
    attached: dict[int, tuple[Period | SamePeriodRef, bool]],
    comparison_spans: set[int],
) -> set[int]:
    """Parts of a sentence split by ；/; keep their own period: a part that names one is of it ("In 2022
    ... 27 923; in 2023 they rose to 39 824"), a part that names none takes the one of the part before
    it, else the one in force before the sentence, never one named in a later part
    ("當中網購騙案有6 678宗；前年則只有2 194宗": 前年 is not the period of the 6 678).

    A part that names the sentence's own period and then the one it is compared with (科技罪案（2023年
    上半年）：15 637宗，2022年上半年為10 613宗；損失20.3億元) passes on its own period, not the comparison's.

    A change in a part dated by the period the sentence compares with (較前年少1 268宗；……前年則為91.5億元，
    減少11.3%) is of the sentence's own period: a change is of the newer of the two.

    Returns the numbers it dated (added to `attached`)."""
    current, base, named_base = current_and_base
    sent = view.sentence
    bracketed = _dated_brackets(text, view)
    cuts = sorted(
        {sent.start, *(m.end() for m in _SEGMENT_CUT.finditer(text, sent.start, sent.end))}
        | {c for span in bracketed for c in span}
        | _contrasted_periods(text, view)
    )
    inside = {i for i, c in enumerate(cuts) if c in {open_ for open_, _ in bracketed}}
    dated: set[int] = set()
    if len(cuts) == 1 or current is None:
        return dated
    named: dict[int, list[tuple[int, Period]]] = {}  # segment index -> its periods (not comparisons)
    for s, e, value in view.periods:
        if _ON_THE_YEAR.fullmatch(text[s:e]):
            continue  # 按年升130%: "on the year" names no part's period (the next part is not last year's)
        seg = max(i for i, c in enumerate(cuts) if c <= s)
        # 去年同期 opening a part ("；去年同期只有690宗") names that part's period as a year named does
        v = resolve_period(value, current, view.ref_date)
        opens = seg > 0 and bool(_TOPIC_LEAD.match(text[cuts[seg] : s]))
        if (
            isinstance(v, Period)
            and (s not in comparison_spans or opens)
            and not compared_before(text, s, view)
            and not (v == base and named.get(seg, [(0, None)])[-1][1] == current)
        ):
            named.setdefault(seg, []).append((s, v))
    anything = {max(i for i, c in enumerate(cuts) if c <= s) for s, _, _ in view.periods}
    for num in view.numbers:
        seg = max(i for i, c in enumerate(cuts) if c <= num.start)
        if (num.start in attached and not _on_the_year_of_its_part(num, attached)) or (
            seg in anything and seg not in named
        ):
            continue
        if seg in inside and num.form == "percent":
            continue  # （2024年：91.5億元，跌11.3%）: the change is of the period outside the bracket
        # a bracket that named its own period dates only what is inside it, not the words after it
        earlier = [named[i][-1][1] for i in range(seg) if i in named and i not in inside]
        # a later part that names its own period ("...; in 2023 they rose to 39 824") is of that period:
        # the one named last before the number, else its first (；去年同期690宗，損失4,600萬元，是去年的三倍)
        own = _segment_own(named[seg], num, sent.clause_bounds(num.start)[1]) if seg in named else None
        own = own or (earlier[-1] if earlier else carried)
        if own is not None and own == named_base and num.form == "percent":
            continue
        if own is not None and own != current:
            attached[num.start] = (own, False)
            dated.add(num.start)
    return dated


def _on_the_year_of_its_part(num: NumberMention, attached: dict) -> bool:
    """A rate whose only period is "on the year" (；2014年增至638宗，按年上升34%): the part's year is its
    own, and the year before that part's is the one it is compared with."""
    value, is_cmp = attached[num.start]
    return num.form == "percent" and is_cmp and isinstance(value, SamePeriodRef)


# "，而去年全年只有15宗，損失100萬元", ", while in 2017 there were 15 cases, with losses of HK$1 million": a
# clause that opens on a contrast and a period turns the rest of the sentence to that period, as a
# semicolon does.
_CONTRAST_OPENS = gated_compile(
    r"[，,]\s*(?:而|但|至於|至于|while\s+(?:in\s+)?|whereas\s+(?:in\s+)?)", re.IGNORECASE
)


def _contrasted_periods(text: str, view: SentenceView) -> set[int]:
    """Where each clause opening on a contrast and then a period starts (a cut of `_segment_periods`)."""
    # a period, not a word that says "on the year" (但按年上升54%)
    starts = {s for s, e, _ in view.periods if not _ON_THE_YEAR.fullmatch(text[s:e])}
    return {
        m.end()
        for m in _CONTRAST_OPENS.finditer(text, view.sentence.start, view.sentence.end)
        if any(m.end() <= s <= m.end() + 4 for s in starts)
    }


# 去年同期只有78宗，損失3,640萬元: the loss named right after a count compared with is of the same period
_ITS_LOSS_AFTER = gated_compile(r"\s*(?:宗|起)?\s*[，,]\s*(?:損失|损失|涉款)(?:約|约|達|达|逾|為|为)?\s*")


def _pair_the_loss(text: str, view: SentenceView, attached: dict) -> None:
    """Give the loss that follows a compared count the count's period (`_ITS_LOSS_AFTER`), when the
    count's clause opens on that period (not 較去年同期增加33宗，損失逾1.4億元: a change, then this
    period's loss)."""
    numbers = view.numbers
    for count, after in zip(numbers, numbers[1:], strict=False):
        hit = attached.get(count.start)
        if (
            hit is None
            or not hit[1]
            or count.form != "count"
            or after.start in attached
            or not _ITS_LOSS_AFTER.fullmatch(text, count.end, after.start)
        ):
            continue
        c_start = view.sentence.clause_bounds(count.start)[0]
        opens = any(
            v is hit[0]
            and c_start <= s
            and not text[c_start:s].strip()
            and not _ON_THE_YEAR.fullmatch(text[s:e])
            for s, e, v in view.periods
        )
        # ……損失約4.171億元，去年同期則為8 450萬元: a loss given its own comparison after it is this period's
        compared_after = any(s > after.end for s, _, _ in view.periods)
        if opens and not compared_after:
            attached[after.start] = hit


# A bracket that opens on a period: （去年同期690宗，損失4600萬元）, "(2022: 27,923 cases, HK$4.8 billion)".
_BRACKET = gated_compile(r"[（(][^（）()]{1,80}[）)]")
_ON_THE_YEAR = gated_compile(r"按年|同比|year[\s-]+(?:on|over)[\s-]+year", re.IGNORECASE)


def _dated_brackets(text: str, view: SentenceView) -> list[tuple[int, int]]:
    """(start, end) inside each bracket of the sentence that opens on a period phrase: the period dates
    every number in the bracket, as a part of a sentence after a semicolon does (`_segment_periods`)."""
    # a period or the same period of another year, not a word that says "on the year" (按年, 同比)
    starts = {s for s, e, _ in view.periods if not _ON_THE_YEAR.fullmatch(text[s:e])}
    return [
        (m.start() + 1, m.end() - 1)
        for m in _BRACKET.finditer(text, view.sentence.start, view.sentence.end)
        if any(m.start() + 1 <= s <= m.start() + 3 for s in starts)
        # a bracket of a period alone labels what is outside it: 科技罪案（2023年上半年）：15 637宗
        and any(m.start() < n.start < m.end() for n in view.numbers)
    ]


def _segment_own(periods: list[tuple[int, Period]], num: NumberMention, clause_end: int) -> Period | None:
    """The period of a number's part of the sentence: the last named before it, else one named after it
    in its own clause (not one of a later clause: "損失約8.63億元，前年則為2.38億元")."""
    before = [v for s, v in periods if s < num.start]
    if before:
        return before[-1]
    return next((v for s, v in periods if s < clause_end), None)


def year_on_year(period: Period | None, compared: Period | None) -> bool:
    """A change compared with the same period one year earlier (or with nothing named: the default)."""
    return period is None or compared is None or compared == shift_year(period, -1)


def _part_of_the_year(
    view: SentenceView, year: Period, labels: set[int], base_spans: set[int]
) -> Period | None:
    """ "The trend has continued this year: 50 cases were recorded in the first four months": in a year
    not yet over, the part of it the sentence names is the period counted."""
    parts = [
        v
        for s, _, v in view.periods
        if isinstance(v, Period) and s not in labels and s not in base_spans and is_part_of(v, year)
    ]
    return parts[0] if parts else None


def is_part_of(part: Period | None, whole: Period | None) -> bool:
    """Whether `part` is some months of `whole` (not the whole itself)."""
    if part is None or whole is None or part == whole:
        return False
    return whole.start <= part.start and part.end <= whole.end


def unfinished_year(period: Period | None, ref_date: date | None) -> bool:
    return period is not None and ref_date is not None and period.type == "year" and ref_date < period.end


def year_to_date(period: Period | None, ref_date: date | None, carried: Period | None) -> Period | None:
    """A year not over when the text was published has no full-year figure yet: "940 cases this year"
    in a review of January to June means January to June, the part of the year the text is about.
    None when the rule does not apply."""
    if period is None or ref_date is None or carried is None or period.type != "year":
        return None
    if ref_date >= period.end or carried == period:
        return None
    inside = period.start <= carried.start and carried.end <= period.end
    return carried if inside else None


_ZH_BASE_MARKER = gated_compile(r"由|從|从|較|较|比")


def _topic_before_base(text: str, view: SentenceView, period_end: int, num: NumberMention) -> bool:
    """A Chinese period written before the 由/較 that opens a comparison dates the sentence's topic,
    not the level compared with."""
    return view.zh and period_end <= num.start and bool(_ZH_BASE_MARKER.search(text[period_end : num.start]))


def _apart(sent: Sentence, a: int, b: int) -> bool:
    """Whether a semicolon parts two offsets of the sentence (they are in different statements)."""
    lo, hi = sorted((a, b))
    return bool(_SEGMENT_CUT.search(sent.text, lo - sent.start, hi - sent.start))


def for_its_clause(periods: SentencePeriods, view: SentenceView, num: NumberMention) -> SentencePeriods:
    """ "去年詐騙案上升42.6%，較2018年多出近四倍": a period compared with in a later clause that has a number
    of its own is that number's; a change before it is compared with the year before its own."""
    sent = view.sentence
    at = periods.base_start
    # "較去年第四季則只微升約2%；詐騙案……升幅達65%": a quarter compared with in another part of the
    # sentence is not what the change after the semicolon is compared with
    if (
        at is not None
        and periods.current is not None
        and _apart(sent, at, num.start)
        and not year_on_year(periods.current, periods.base)
    ):
        return replace(periods, base=shift_year(periods.current, -1))
    if at is None or periods.current is None or at < sent.clause_bounds(num.start)[1]:
        return periods
    clause_start, clause_end = sent.clause_bounds(at)
    if not any(clause_start <= n.start < clause_end and n.start > at for n in view.numbers):
        return periods
    return replace(periods, base=shift_year(periods.current, -1))


# "8,322 in 2019, then 12,916 last year, a jump of 55 per cent": a change in apposition to a level.
_APPOSED_CHANGE_GAP = gated_compile(
    r"[^\d.;:。；]{0,30}?,\s*(?:an?\s+(?:jump|rise|increase|surge|climb|drop|fall|decrease|decline)\s+of|up|down)"
    r"\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+)?",
    re.IGNORECASE,
)


def apposed_level_period(
    text: str, view: SentenceView, num: NumberMention, periods: SentencePeriods
) -> Period | None:
    """The period of the level a change is written in apposition to, when the level has a period of
    its own that is not the sentence's (and the change has none): the change is that period's."""
    if num.start in periods.attached:
        return None
    before = [n for n in view.numbers if n.end <= num.start]
    if not before or before[-1].form not in ("count", "money"):
        return None
    level = before[-1]
    own = periods.attached.get(level.start)
    if own is None or own[1] or not isinstance(own[0], Period) or own[0] == periods.current:
        return None
    return own[0] if _APPOSED_CHANGE_GAP.fullmatch(text, level.end, num.start) else None


def period_of(num: NumberMention, kind: str, periods: SentencePeriods, ref_date: date | None):
    """(period, compared_with, rule) of one number: a change belongs to the newer period and names the
    older; the rule is a key of confidence.PERIOD_RULES."""
    value, is_cmp = periods.attached.get(num.start, (None, num.start in periods.base_numbers))
    attached = resolve_period(value, periods.current, ref_date) if value is not None else None
    attached_rule = "segment" if num.start in periods.segmented else "attached"
    current_rule = periods.source if periods.current is not None else "none"
    if kind in ("change_pct", "change_abs", "fold"):
        if (
            attached is not None
            and attached_rule == "segment"
            and periods.current is not None
            and attached == periods.base != periods.current
            and _a_compared_level_of(attached, periods, ref_date)
        ):
            # "上半年詐騙案共8 129宗，而去年同期只有3 855宗，增加4 274宗": a change after the level compared
            # with is the change of the figure's own period, not of the one it is compared with
            return periods.current, attached, "sentence"
        if attached is not None and not is_cmp:
            base = periods.base
            if (
                base is None
                or attached != periods.current
                or (base.start.month, base.end.month) != (attached.start.month, attached.end.month)
            ):
                # the sentence's comparison is of its own period or of another span of months
                # ("rose 9 per cent in 2019 and 7 per cent in 2020": each on the year before it)
                base = shift_year(attached, -1)
            return attached, base, attached_rule
        compared = attached or periods.base
        if (
            attached is not None
            and periods.current is not None
            and not year_on_year(periods.current, attached)
        ):
            # "60 in 2012, 477 in 2013 and 638 last year, a 34 per cent rise on 2013": a change on a year
            # belongs to the year after it when the sentence gives that year a level
            after = shift_year(attached, 1)
            if any(after == v for v, cmp in periods.attached.values() if not cmp):
                return after, attached, "attached"
        if compared is not None and compared == periods.current and compared.type == "year":
            # "crimes in 2022 increased by 8.7 per cent as compared with last year" in 2023: the year before
            compared = shift_year(compared, -1)
        return periods.current, compared, current_rule
    if attached is not None:
        if is_cmp:
            attached = _same_months(attached, periods.current)
        return attached, None, attached_rule
    if is_cmp:
        base = _same_months(periods.base, periods.current)
        return base, None, ("sentence" if base is not None else "none")
    return periods.current, None, current_rule


def _a_compared_level_of(period: Period, periods: SentencePeriods, ref_date: date | None) -> bool:
    """The sentence has a level compared with, dated `period` ("而去年同期只有3 855宗"); not a level of
    its own year after a semicolon ("；2022年則有27 923宗，上升45.1%")."""
    return any(
        is_cmp and value is not None and resolve_period(value, periods.current, ref_date) == period
        for value, is_cmp in periods.attached.values()
    )


def _same_months(compared: Period | None, current: Period | None) -> Period | None:
    """A comparison level dated by the year before the figure's, in a text about some months of a
    year, is of the same months: "up from 170 in 2017" in a text about January to October 2018.
    A year further back ("compared to HK$100,000 in 2012") is that whole year."""
    if (
        compared is not None
        and current is not None
        and compared.type == "year"
        and current.type != "year"
        and compared.start.year == current.start.year - 1
    ):
        return shift_year(current, -1)
    return compared


def set_period(fig: Figure, period: Period) -> None:
    """Give a figure another period; a change is then compared with the same period a year before."""
    fig.period, fig.period_start, fig.period_end, fig.period_type = (
        period.label,
        period.start,
        period.end,
        period.type,
    )
    fig.compared_with = shift_year(period, -1).label if fig.kind != "level" else None
    rescore(fig, period_rule="list_item", period=period.label)


# "Over the same nine months, telephone deception rose ...": a bare same-period phrase opening the
# sentence, with no year after it, is the span just named, not a year earlier.
_OPENING_SAME_SPAN = gated_compile(
    r"\W*(?:over|during|in|for|across)\s+(?:the\s+)?same\s+(?:period|(?:\w+\s+)?months|quarter|half)\s*,",
    re.IGNORECASE,
)


def same_time_frame(text: str, start: int, end: int) -> bool:
    """Bare 同期 ("in the same period") not after 較/比/與 names the figure's own period, not last year's;
    so does "Over the same nine months," opening a sentence."""
    if text[start:end] == "同期":
        return not re.search(r"(?:較|较|比|與|与|對比|对比)\s*$", text[:start])
    opening = _OPENING_SAME_SPAN.match(text)
    return opening is not None and start < opening.end() and end >= opening.end() - 2


# A year that dates an event, not a statistic: "since 2012", "set up in July 2017", 自2012年起, 2015年成立,
# "figures released last month", 上月公布.
_EVENT_BEFORE = gated_compile(
    r"\b(?:since|established|establishment|set\s+up|founded|launched|began|begun|started|upgraded|created|formed"
    r"|introduced|met|opened|inaugurated)\b[^.,;:\d]{0,30}$"
    # "figures released last month" (not "released the figures for the first half"): the day they came out
    r"|\b(?:released|published|announced|issued|unveiled)\s+(?:on\s+|in\s+|earlier\s+)?$"
    # "Police said last month that ...", "told lawmakers on Friday": the day the figures were told
    r"|\b(?:said|told(?:\s+(?:lawmakers|legislators|reporters|councillors|a\s+\w+|the\s+\w+))?|warned|revealed"
    r"|disclosed|noted|stated)\s+(?:on\s+|in\s+|earlier\s+)?$"
    r"|(?<!from )\buntil\s+$|(?:自|自從|自从)\s*$",
    re.IGNORECASE,
)
_EVENT_WORDS = folded_words(_EVENT_BEFORE)


_EVENT_AFTER = gated_compile(
    # 上月底公布, 上月底指出: the day figures came out or were told
    r"^\s*(?:底|初|中|末)?\s*(?:起|以來|以来|開始|开始|成立|設立|设立|公布|公佈|發表|发表|發布|发布"
    r"|指出|表示|透露|宣布|提到)"
    r"|^\s+(?:released|published|announced|issued)\b"
)


_WHEN_AFTER = gated_compile(r"\s*,?\s*when\b", re.IGNORECASE)


def dates_an_event(text: str, start: int, end: int) -> bool:
    """A period that dates an event ("set up in 2005", "since 2012") is no statistic's period, unless a
    "when" clause counts in it ("almost fivefold since 2018, when 8 372 cases were recorded")."""
    before = text[max(0, start - 45) : start]
    if _WHEN_AFTER.match(text, end):
        return False
    return bool(
        (may_hold(_EVENT_WORDS, fold_case(before)) and _EVENT_BEFORE.search(before))
        or _EVENT_AFTER.match(text[end : end + 4])
    )


def with_years(
    mentions: list[tuple[int, int, Period | SamePeriodRef | MonthRef | LaterRef]],
    around: Period | None,
    ref_date: date | None,
) -> list[tuple[int, int, Period | SamePeriodRef]]:
    """Months named without a year ("In December alone", 2月) get the year of the period named last
    before them in the sentence, else of the period the text is about, else the latest such month
    ended by ref_date; one that cannot be dated is dropped (nothing is guessed). "A year later" is the
    year after the period named last before it."""
    out: list[tuple[int, int, Period | SamePeriodRef]] = []
    for s, e, v in mentions:
        if isinstance(v, LaterRef):  # "a year later": a year after the period named before it, if any
            if around is not None:
                out.append((s, e, v.resolve(around)))
            continue
        if isinstance(v, MonthRef):
            dated = v.resolve(around) if around is not None else v.latest(ref_date) if ref_date else None
            if dated is not None:
                out.append((s, e, dated))
            continue
        if isinstance(v, Period):
            around = v
        out.append((s, e, v))
    return out


def main_period(
    text: str, text_periods: list[tuple[int, int, Period | SamePeriodRef | MonthRef | LaterRef]]
) -> Period | None:
    """The first period the text is about: not one it is compared with ("較前年", "from 2019")."""
    found = [
        v
        for s, e, v in text_periods
        if e <= 2000
        and isinstance(v, Period)
        and not compared_before(text, s)
        and not dates_an_event(text, s, e)
    ]
    return found[0] if found else None
