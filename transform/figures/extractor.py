"""Read every statistical figure in a news or press-release text the way a careful reader would.

This module runs the reading: it finds the mentions of a text (numbers.py, categories_text.py,
jurisdictions.py, transform/periods.py, tables.py), then walks it sentence by sentence and, for each
number, asks the deciding modules in turn: kind.py (what kind of figure), refusals.py (not a
statistic), metric.py, subject.py (category), figure_periods.py and figure_places.py; table_reader.py
reads flattened tables. What it decides, from the words around each number:

* kind: a level, a change in percent, an absolute change, or a multiplier (fold);
* metric (cases, loss, arrests ...) and category (technology_crime, deception ...): the clause first,
  then the sentence's subject, then the subject of the sentences before;
* period: a period written right next to the number ("2,206 in 2011", "較去年同期2271宗"), else the
  sentence's period, else the one in force from earlier sentences. A "from X to Y" pair and a level
  after "compared with" belong to the comparison period; a change belongs to the newer period and
  names the older one in `compared_with`;
* qualifier (exact, approx, more_than, less_than) and jurisdiction (Hong Kong unless a place is named;
  a Simplified paragraph naming no place is not Hong Kong's unless the whole text is a Simplified text
  about Hong Kong, such as the Government's Simplified releases).

A count "N more than" / 較去年同期多N宗 is an absolute change; "respectively" / 分別 lists are spread over
the items they refer to (respectively.py); a comparison period alone is not the figure's own period.

Tables flattened to text (a line of years, then labelled rows, as in LegCo replies) are read column by
column first (tables.py) and hidden from the sentence reader. Parts of a sentence split by ；/; keep their
own period, and a category named in a later clause (", as ...", ", while ...") does not apply backwards.

Numbers that are not aggregate statistics are skipped: dates, ages, phone numbers, shares ("accounting
for 40% of"), amounts lost by a single victim, counts of one operation ("in a single operation, officers
arrested ..."), bounds on a change ("up more than 200 per cent", "the rise
of over 7,000 cases": a bound is not a measurement). Crimes outside the project's series (blackmail,
burglary ...) are left out unless `include_other_crimes` is set; then they carry the id the shipped
category file gives their words (blackmail, burglary ...), else "unknown".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date
from functools import partial

from transform.exceptions import TextTooLong
from transform.figures import categories_text as cats
from transform.figures.confidence import confidence
from transform.figures.figure_periods import (
    SentencePeriods,
    apposed_level_period,
    compared_before,
    dates_an_event,
    for_its_clause,
    is_part_of,
    main_period,
    period_of,
    resolve_period,
    same_time_frame,
    sentence_periods,
    set_period,
    unfinished_year,
    with_years,
    year_on_year,
    year_to_date,
)
from transform.figures.figure_places import (
    carried_place,
    is_hong_kong_simplified,
    place_of_text,
    read_jurisdiction,
)
from transform.figures.jurisdictions import find_places, place_terms_in, script_counts, script_of
from transform.figures.kind import is_aggregate_money, mask_shares, rate_named, read_kind, read_qualifier
from transform.figures.lines import is_box_line, join_wrapped_lines
from transform.figures.metric import changes_the_refused, metric_for, read_unit
from transform.figures.model import (
    CJK,
    MAX_NUMBERS_PER_SENTENCE,
    MAX_TEXT_CHARS,
    Context,
    Figure,
    SentenceView,
    TextMentions,
    rescore,
)
from transform.figures.numbers import NumberMention, find_numbers, normalise
from transform.figures.refusals import (
    counted_on_one_day,
    misstated,
    not_a_statistic,
    tells_one_story,
    untracked_part,
)
from transform.figures.respectively import has_list_marker, spread
from transform.figures.restated import drop_rounded_restatements
from transform.figures.script_fold import fold_spelling, fold_to_traditional, unfold_words
from transform.figures.segment import Sentence, split_sentences
from transform.figures.subject import (
    AGENT_NOUN,
    CONCESSION_OPENS,
    POINTS_BACK,
    choose_category,
    fraud_named,
    other_crimes,
    refers_back,
    sentence_examples,
)
from transform.figures.table_reader import figures_from_table
from transform.figures.tables import find_table_rows, table_spans
from transform.numerals import spell_out
from transform.periods import (
    Period,
    SamePeriodRef,
    find_period_mentions,
    period_from_label,
    shift_year,
)
from transform.regex_gate import fold_sentence, folded_words, gated_compile, may_hold

__all__ = ["MAX_NUMBERS_PER_SENTENCE", "MAX_TEXT_CHARS", "Figure", "extract_figures"]

# What one operation found is not a statistic: "In a single anti-scam operation, officers arrested 1,200",
# 警方在一次行動中拘捕 ...
_OPERATION = gated_compile(
    r"\b(?:in|during|through)\s+(?:a|an|one|the|this|that|its|their)\s+(?:single\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:operation|raid|crackdown|swoop)\b"
    r"|\b(?:those|the\s+persons?|the\s+people|the\s+suspects?)\s+arrested\b|\b(?:the\s+)?arrestees\b"
    r"|\b(?:they|the\s+suspects?|the\s+syndicates?|the\s+gangs?)\s+(?:were|was|are|is)\s+(?:allegedly\s+)?"
    r"(?:involved|linked|connected)\b"
    r"|\b(?:one|a\s+single|the\s+same)\s+(?:syndicate|gang|group|network)\b|單一集團|单一集团|同一集團|同一集团"
    r"|被捕人|被捕者|被捕的?人士|疑犯涉及|集團涉及|集团涉及|團伙涉及|团伙涉及|該集團|该集团"
    r"|行動中|行动中|一次行動|一次行动|是次行動|是次行动|該次行動|该次行动|此次行動|此次行动|這次行動|这次行动"
    # the sum of the cases the arrested are linked to: 拘捕31名……人士，涉款約300萬元; "arrested 31 people
    # ..., involving HK$3 million"
    r"|(?:拘捕|逮捕|搗破|捣破|瓦解)[^。；;]{0,40}?[，,]\s*(?:共|合共)?涉(?:款|及款項|及款项|及金額|及金额)"
    r"|\barrested\b[^.;]{0,60}?[,\s](?:involving|linked\s+to)\s+(?:about\s+|some\s+|more\s+than\s+)?(?:HK)?\$",
    re.IGNORECASE,
)
_OPERATION_WORDS = folded_words(_OPERATION)  # a sentence holding none of them is not scanned


# A sentence about a part of what came before ("Among them, online fraud ...") does not change the subject.
_SUBSET_START = gated_compile(
    r"^\W*(?:among\s+(?:them|these|which)|of\s+(?:these|them|which|the\s+\w+)|in\s+particular"
    r"|including|當中|当中|其中|包括|尤其)",
    re.IGNORECASE,
)


# An amount with a scale and no currency (增加17.9億, "losses of 9 billion"): the words say what it is.
_ZH_SCALED = gated_compile(r"[億亿萬万]|\b(?:million|billion|mn|bn)\b", re.IGNORECASE)


_NO_COUNT_OF_CASES = 1e7  # Hong Kong has 7.5 million people: a count this large is an amount of money

_MONEY_NOUN_AFTER = gated_compile(r"\s*(?:多|餘|余)?(?:港元|元)?(?:的)?(?:騙款|骗款|贓款|赃款|款項|款项)")
_MONEY_VERB_BEFORE = gated_compile(r"(?:呃|騙|骗)(?:走|去)(?:咗|了)?\s*(?:約|约|逾|近|成)?\s*$")
# 損失二千零三十萬, 涉款約300萬: an amount in 萬 or 億 right after the word for what was lost is money.
_LOSS_JUST_BEFORE = gated_compile(
    r"(?:損失|损失|涉款|騙款|骗款)(?:金額|金额)?\s*(?:約|约|達|达|逾|近|超過|超过|為|为|共|合共|高達|高达)?\s*$"
)


def _an_amount_lost(text: str, sent: Sentence, num: NumberMention) -> bool:
    """損失二千零三十萬: a count in 萬 or 億 right after the word for the loss is money, 元 or not."""
    return (
        num.form == "count"
        and bool(_ZH_SCALED.search(num.raw))
        and bool(_LOSS_JUST_BEFORE.search(text, sent.start, num.start))
    )


_CLASSIFIER_AFTER = gated_compile(r"^\s*(?:宗|起|人|名|個|个|單|单|次|件|項|项|部|份|間|间|張|张|條|条|隻)")


# A loss is a loss to a fraud when the sentence names one: "Victims lost $9 billion to fraudsters".
_BROAD_CATEGORIES = frozenset({"overall_crime", "violent_crime"})


def _agent_rule(term: cats.Term, view: SentenceView, num: NumberMention, ctx: Context) -> str:
    """ "scammers took HK$43 million" names who did it, not what was counted: on its own that is
    weak evidence (one syndicate, one case, a sub-type). It is the crime's total when the crime was
    also named as what is counted, earlier in the sentence (去年共錄得39 824宗騙案，……騙徒掠去的款項)
    or by the sentence just before ("Deception was the main driver ... Victims lost more than
    HK$9 billion to fraudsters"): two pieces of evidence that agree."""
    before = [ctx.previous, ctx.category if ctx.category_age == 0 else None]
    named = [t for t in view.categories if t.end <= num.start] + [t for t in before if t is not None]
    counted = {t.key for t in named if not AGENT_NOUN.fullmatch(t.label)}
    return "agent_agrees" if term.key in counted else "agent_noun"


def _read_number(
    text: str,
    view: SentenceView,
    num: NumberMention,
    ctx: Context,
    periods: SentencePeriods,
    include_other: bool,
) -> Figure | None:
    """The figure one number states, or None when it is not a statistic this project reads."""
    sent = view.sentence
    if not_a_statistic(text, sent, num):
        return None
    kind_sign = read_kind(text, sent, num)
    if kind_sign is None:
        return None
    kind, sign = kind_sign
    if may_hold(_OPERATION_WORDS, fold_sentence(sent.text)) and _OPERATION.search(
        text[sent.start : sent.clause_bounds(num.start)[1]]
    ):
        return None  # a count of one operation, not a statistic of a period
    qualifier = read_qualifier(text, num)
    if _an_amount_lost(text, sent, num):
        num = replace(num, form="money", currency="HKD", local_currency=True)
    metric = metric_for(text, view, num, ctx.metric)
    # 涉1億多騙款, 呃走1200萬, 俾人呃走咗44.8億: the money swindled, written without 元
    swindled = num.form == "count" and bool(
        _MONEY_NOUN_AFTER.match(text, num.end)
        or _MONEY_VERB_BEFORE.search(text[max(0, num.start - 6) : num.start])
    )
    if (
        num.form == "count"
        and _ZH_SCALED.search(num.raw)
        and not _CLASSIFIER_AFTER.match(text[num.end : num.end + 2])
    ):
        # 增加17.9億, 損失金額就由前年嘅91.5億: the sentence says what the amount is (a percentage's rule:
        # the nearest word), even where no word of counting is next to it
        nearest = metric_for(text, view, replace(num, form="percent"), ctx.metric)
        if metric is not None:
            metric = nearest or metric
        elif nearest == "loss":  # with no word of counting next to it, only as money (30萬份 count things)
            metric = nearest
        if metric == "cases" and num.value >= _NO_COUNT_OF_CASES:
            metric = "loss"  # 電話騙案約10億: no series counts ten million cases; an amount in 億 is money
    if metric is None:
        if not swindled:
            return None
        metric = "loss"
    if swindled:
        metric = "loss"
    if num.form == "count" and metric == "loss":  # 損失6.9億: an amount named as a loss is money
        num = replace(num, form="money", currency="HKD", local_currency=True)
        if not_a_statistic(text, sent, num):
            return None  # the refusals of money: one victim's loss (商人被假官員呃走1200萬) ...
    if num.form in ("percent", "points") and kind in ("level", "change_abs"):
        if not rate_named(view, num):
            return None  # a bare percentage that is neither a change nor a rate named in the sentence
        metric = "detection_rate"  # "the detection rate for deception was 13 per cent": the rate, not cases
    if num.form == "money" and not is_aggregate_money(text, sent, num, kind):
        return None
    if untracked_part(text, view, num):
        return None
    term, category_rule = choose_category(text, view, num, ctx.category)
    if term is None:
        return None  # no crime named in the sentence or before it: not a crime statistic
    if category_rule == "carried" and ctx.anaphor:
        category_rule = "anaphor"
    elif category_rule == "carried" and (
        ctx.category_age == 0 or (ctx.category_age == ctx.remarks and _OPENS_ON_A_MEASURE.match(sent.text))
    ):
        # the crime of the sentence before, or of the last one before a remark ("That sounds like
        # progress.") when this one opens on what was measured of it ("Losses rose by 40 per cent")
        category_rule = "carried_previous"
    if ctx.under_heading and category_rule in ("carried", "carried_previous"):
        category_rule = "heading"  # "Cases: 15,637" under "Technology crime, first half of 2023"
    if AGENT_NOUN.fullmatch(term.label):
        category_rule = _agent_rule(term, view, num, ctx)
    if metric == "loss" and term.key in _BROAD_CATEGORIES and (fraud := fraud_named(view, num)) is not None:
        term, category_rule = fraud, "fraud_named"
    category = term.key
    if category == "unknown" and not include_other:  # a crime outside the project's series
        return None  # (kept ones are named by _other_crimes once lists are spread)
    own_periods = for_its_clause(periods, view, num) if kind in ("change_pct", "change_abs") else periods
    period, compared, period_rule = period_of(num, kind, own_periods, view.ref_date)
    apposed = apposed_level_period(text, view, num, periods) if kind == "change_pct" else None
    if apposed is not None:
        period, compared, period_rule = apposed, shift_year(apposed, -1), "attached"
    if ctx.under_heading and period_rule == "carried":
        period_rule = "heading"
    so_far = year_to_date(period, view.ref_date, periods.carried)
    if so_far is not None:
        period, compared = so_far, (shift_year(so_far, -1) if kind != "level" else None)
        period_rule = "year_to_date"
    elif (
        unfinished_year(period, view.ref_date)
        and periods.current is not None
        and is_part_of(periods.current, period)
    ):
        # "this year: 50 cases were recorded in the first four months": the part the sentence names
        period, period_rule = periods.current, "sentence"
        compared = shift_year(periods.current, -1) if kind != "level" else None
    elif unfinished_year(period, view.ref_date):
        # "19,444 cases so far this year" in December: some months of the year, which the text does not say
        period, compared, period_rule = None, None, "none"
    if period is not None and compared is not None and compared.type == "year" and period.type != "year":
        compared = shift_year(
            period, compared.start.year - period.start.year
        )  # 較去年: the same period of it
    if period_rule in ("carried", "text") and counted_on_one_day(text, sent, num):
        return None  # "Yesterday three cases were reported": a day's count, not the carried period's
    if kind in ("change_pct", "change_abs") and not year_on_year(period, compared):
        return None  # "up 277 per cent from 2017", a quarter on the quarter before: not year on year
    value = round(num.value * (sign if kind in ("change_pct", "change_abs") else 1), 4)
    jurisdiction, place_rule, place_words = read_jurisdiction(view, num, ctx)
    evidence = {
        "category": term.label,
        "category_rule": category_rule,
        "period": period.label if period else "",
        "period_rule": period_rule,
        "jurisdiction": place_words,
        "jurisdiction_rule": place_rule,
    }
    return Figure(
        jurisdiction=jurisdiction,
        category=category,
        source_label=term.label if term else None,
        metric=metric,
        value=value,
        unit=read_unit(num, jurisdiction),
        period=period.label if period else None,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        period_type=period.type if period else None,
        qualifier=qualifier,
        kind=kind,
        compared_with=compared.label if compared else None,
        quote=text[sent.start : sent.end],
        char_start=num.start,
        char_end=num.end,
        confidence=confidence(category_rule, period_rule, place_rule),
        evidence=evidence,
    )


_WHOLE_YEAR_ALONE = gated_compile(r"全年度?|整年|the\s+(?:whole|full)\s+year", re.IGNORECASE)


def _whole_of_the_year_before(sentence: str, own: list) -> list:
    """全年 with no year of its own, after a year named in the sentence (十年前的二○一一年，全年只有2 206宗):
    the whole of that year, not of the year the text is about."""
    out, year = [], None
    for s, e, v in own:
        if isinstance(v, Period) and _WHOLE_YEAR_ALONE.fullmatch(sentence[s:e].strip()) and year is not None:
            v = year
        elif isinstance(v, Period) and v.type == "year" and not compared_before(sentence, s):
            year = v  # not a year compared with (較2022年上升，全年共錄得… is the text's year)
        out.append((s, e, v))
    return out


_THAT_YEAR = gated_compile(r"\b(?:that|the\s+same)\s+year\b|同年|當年|当年", re.IGNORECASE)


def _that_year(sentence: str, own: list) -> list:
    """ "When the centre opened in July 2017, ...: that year police recorded 208 cases": "that year" is
    the year of the period named before it in the sentence (an event's date gives its year), not of a
    year compared with (2018年……較2017年上升94%；同年…… is 2018)."""
    found = [(m.start(), m.end()) for m in _THAT_YEAR.finditer(sentence)]
    if not found:
        return own
    out = list(own)
    for start, end in found:
        before = [(s, v) for s, e, v in own if e <= start and isinstance(v, Period)]
        counted = [v for s, v in before if not compared_before(sentence, s)]
        named = counted or [v for _, v in before]
        if named and not any(s <= start < e for s, e, _ in own):
            out.append((start, end, period_from_label(str(named[-1].start.year))))
    return sorted(out, key=lambda item: item[0])


def _view(
    text: str,
    sent: Sentence,
    numbers: list[NumberMention],
    mentions: TextMentions,
    ref_date: date | None,
    around: Period | None = None,
) -> SentenceView:
    """What one sentence holds: its numbers, periods, category and metric words (absolute offsets).

    The period phrases come from one pass over the whole text (`mentions`), not one per sentence,
    and the category, metric and place lookups test only the words the whole text holds.
    """
    first = bisect_left(mentions.periods, sent.start, key=lambda m: m[0])
    own = []
    for s, e, v in mentions.periods[first:]:
        if s >= sent.end:
            break
        if e <= sent.end:
            own.append((s - sent.start, e - sent.start, v))
    own = _that_year(sent.text, _whole_of_the_year_before(sent.text, own))
    periods = with_years(
        [
            (s + sent.start, e + sent.start, v)
            for s, e, v in own
            if not same_time_frame(sent.text, s, e) and not dates_an_event(sent.text, s, e)
        ],
        around,
        ref_date,
    )
    lo = bisect_left(numbers, sent.start, key=lambda n: n.start)  # numbers are in text order
    hi = bisect_left(numbers, sent.end, lo=lo, key=lambda n: n.start)
    inside = [n for n in numbers[lo:hi] if not any(s <= n.start < e for s, e, _ in periods)]
    categories = [
        cats.Term(t.start + sent.start, t.end + sent.start, t.key, t.label)
        for t in cats.find_category_terms(sent.text, mentions.needles)
    ]
    metrics = [  # only a number asks what is counted: a sentence without one needs no metric words
        cats.Term(t.start + sent.start, t.end + sent.start, t.key, t.label)
        for t in (cats.find_metric_terms(sent.text, mentions.needles) if inside else ())
    ]
    zh = bool(CJK.search(sent.text))
    return SentenceView(
        sent, inside, periods, categories, metrics, zh, ref_date, place_terms=mentions.place_terms
    )


# An appeal to the public names a crime to beware of; the sentences after it do not count that crime.
_APPEAL = gated_compile(
    r"\b(?:appeal(?:s|ed)?\s+to|(?:urge[sd]?|remind(?:s|ed)?)\s+(?:the\s+)?(?:public|members|residents|people|citizens))"
    r"|呼籲|呼吁|提醒市民|提醒公眾|提醒公众",
    re.IGNORECASE,
)


_HEADING_END = gated_compile(r"[:：]\s*$")
# A part of the period in force named as an aside: 單是首季已有7680宗, "In the first quarter alone, ...",
# or compared with another part in words ("And the second quarter was worse than the first?"): the
# sentences after it still speak of the whole period ("同期", "over the same period", "in the half year").
_PERIOD_ASIDE = gated_compile(r"單是|单是|單單|单单|光是|僅是|仅是|\balone\b", re.IGNORECASE)
_PARTS_COMPARED = gated_compile(r"\bthan\b|比|較|较", re.IGNORECASE)
_QUESTION = gated_compile(r"[?？]\s*$")
# An interview's lines: a question ("Q: So the problem is shrinking?") or the words opening an answer
# ("A: Not in money terms."); each is its own paragraph, yet talks on about the crime before.
_AN_EXCHANGE = gated_compile(r"[?？]\s*$|^\W*(?:A|答)\s*[:：]")


def _an_aside_within(in_force: Period | None, periods: SentencePeriods, view: SentenceView) -> bool:
    """Whether the sentence's period is a part of the one in force, named as an aside (`_PERIOD_ASIDE`)."""
    current = periods.current
    return (
        in_force is not None
        and current is not None
        and in_force.start <= current.start
        and current.end <= in_force.end
        and current != in_force
        and bool(
            _PERIOD_ASIDE.search(view.sentence.text)
            or (not view.numbers and _PARTS_COMPARED.search(view.sentence.text))
        )
    )


# A sentence that opens on what was measured, not on a crime: "Losses rose ...", "But the money lost ...".
_OPENS_ON_A_MEASURE = gated_compile(
    r"\W{0,3}(?:but|and|yet|still)?\s*(?:the\s+)?(?:losses|(?:amount\s+of\s+)?money\s+lost|amount\s+lost"
    r"|sums?\s+lost|損失|损失|涉款|騙款|骗款)",
    re.IGNORECASE,
)


def _a_remark(view: SentenceView, periods: SentencePeriods, figures: list[Figure]) -> bool:
    """A sentence with no number, no crime and no period ("Some will read that as good news.")."""
    return not figures and not view.numbers and not view.categories and not periods.own


# A contrast opens the clause a sentence ends on: "電話騙案的跌幅超過六成，但網上情緣騙案急增。這類騙案…"
_CONTRAST = gated_compile(r"[，,]\s*(?:但|而|可是|不過|不过|but|while|whereas|however)", re.IGNORECASE)


def _main_clause_crime(text: str, view: SentenceView, figures: list[Figure]) -> cats.Term | None:
    """The crime of the main clause after an opening concession ("While overall crime fell 4.5 per cent,
    telephone deception moved the other way."), when that clause states no figure: the subject the next
    sentences go on counting ("From January to July we received 609 reports")."""
    if not CONCESSION_OPENS.match(view.sentence.text):
        return None
    comma = re.search(r"[,，]", view.sentence.text)
    if comma is None:
        return None
    return _crime_after(view, figures, view.sentence.start + comma.end())


def _named_last(text: str, view: SentenceView, figures: list[Figure]) -> cats.Term | None:
    """The crime a sentence turns to last, after a contrast, with no figure of its own there: what
    "such cases" in the next sentence points at (the sentence's subject stays the one it opened on)."""
    turns = [m.end() for m in _CONTRAST.finditer(text, view.sentence.start, view.sentence.end)]
    # "Deception rose 5.6 per cent, driven by telephone scams. There were 2,880 of those": what drove it
    turns += [m.end() for m in _DRIVEN_BY.finditer(text, view.sentence.start, view.sentence.end)]
    return _crime_after(view, figures, max(turns)) if turns else None


_DRIVEN_BY = gated_compile(
    r"\b(?:driven|fuelled|fueled|pushed|led)\s+(?:mainly\s+|largely\s+|chiefly\s+|above\s+all\s+)?by\s+",
    re.IGNORECASE,
)


def _crime_after(view: SentenceView, figures: list[Figure], turn: int) -> cats.Term | None:
    """The first crime named from `turn` on (not the people who did it), when no figure stands there."""
    if any(f.char_start >= turn for f in figures):
        return None
    after = [t for t in view.categories if t.start >= turn and not AGENT_NOUN.fullmatch(t.label)]
    return after[0] if after else None


# "one kind of fraud", "a particular type of scam", 一種騙案: a kind of a broad crime, not the broad crime
_A_KIND_OF_BEFORE = gated_compile(
    r"(?i:\b(?:kind|type|form|sort|variety)s?\s+of\s+)$|(?:一種|一种|一類|一类)\s*$"
)
_BROAD_KINDS = frozenset({"deception", "internet_deception", "technology_crime", "overall_crime"})


def _a_kind_of_the_kind_before(text: str, subject: cats.Term, carried: cats.Term | None) -> bool:
    """The sentence names "a kind of" a broad crime while the crime before it is one kind of it: the
    words describe that kind (a headline's "E-mail scams", then "one kind of fraud"), they do not widen it."""
    return (
        carried is not None
        and subject.key in _BROAD_KINDS
        and carried.key not in _BROAD_KINDS
        and bool(_A_KIND_OF_BEFORE.search(text, max(0, subject.start - 24), subject.start))
    )


def _answer_periods(text: str, view: SentenceView, ctx: Context, main: Period | None) -> SentencePeriods:
    """The sentence's periods; an answer that names none is about the period its question asked
    ("Q: And the same period a year ago?" "A: 429."), for this sentence only."""
    if ctx.asked is None or any(isinstance(v, Period) for _, _, v in view.periods):
        return sentence_periods(text, view, ctx, main)
    in_force, ctx.current = ctx.current, ctx.asked
    try:
        return sentence_periods(text, view, ctx, main)
    finally:
        ctx.current = in_force


def _period_asked(view: SentenceView, ctx: Context, figures: list[Figure]) -> Period | None:
    """The same period of another year that a question with no figure asks about (a speaker's label,
    "HOST 1:", is no figure)."""
    if figures or not _QUESTION.search(view.sentence.text):
        return None
    marker = next((v for _, _, v in view.periods if isinstance(v, SamePeriodRef)), None)
    return None if marker is None else resolve_period(marker, ctx.current, view.ref_date)


_ASKS_HOW_MANY = gated_compile(r"(?i:\bhow\s+many\b)|幾多宗|多少宗|幾多單|几多宗")
_ASKS_HOW_MUCH = gated_compile(
    r"(?i:\b(?:how\s+much|money|losses|lost)\b)|損失|损失|幾多錢|多少錢|几多钱|多少钱"
)


def _measure_asked(view: SentenceView) -> str | None:
    """What a question with no number asks to be counted: cases ("How many ...?") or money lost."""
    text = view.sentence.text
    if not _QUESTION.search(text):
        return None
    if _ASKS_HOW_MUCH.search(text):
        return "loss"
    return "cases" if _ASKS_HOW_MANY.search(text) else None


# A list's item number alone ("1.", "2)", "(3)", "二、"), split from its item.
_ITEM_MARK = re.compile(
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.)、]\s*|\s*[(（](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]\s*"
)


def _update_context(
    text: str, ctx: Context, view: SentenceView, periods: SentencePeriods, figures: list[Figure]
) -> None:
    """Carry the sentence's period, subject, metric and place to the sentences after it."""
    one_story = (
        not figures and any(n.form == "money" for n in view.numbers) and tells_one_story(view.sentence.text)
    )
    if periods.own and not one_story and not _an_aside_within(ctx.current, periods, view):
        # a comparison over years ("five times the number recorded in 2019") is no base for the
        # sentences after it ("Overall crime also eased, to 89,137 from 94,747" compares on the year),
        # unless a level of that year is stated (由2011年的2 206宗增至……。同期損失由1.48億元……)
        ctx.current = periods.current
        # (a rate of that period is no level: 升幅較首八個月的34.6%收窄 gives the next sentence no base)
        levels = {n.start for n in view.numbers if n.form in ("count", "money")}
        stated = any(value == periods.base and at in levels for at, (value, _) in periods.attached.items())
        ctx.base = periods.base if stated or year_on_year(periods.current, periods.base) else None
    measure_asked, period_asked = _measure_asked(view), _period_asked(view, ctx, figures)
    subject = _main_clause_crime(text, view, figures) or _counted_subject(text, view, figures, ctx.category)
    if subject is None and not view.numbers and (kind := cats.opening_modifier(view.sentence.text)):
        subject = replace(kind, start=kind.start + view.sentence.start, end=kind.end + view.sentence.start)
    kind_of = subject is not None and _a_kind_of_the_kind_before(text, subject, ctx.category)
    if kind_of:
        subject = ctx.category  # "one kind of fraud in particular" under "E-mail scams ...": that kind
    if not figures and _APPEAL.search(view.sentence.text):
        subject = None  # "Police appealed to the public to stay alert to fraud": advice, not a subject
    if subject is not None and not _SUBSET_START.match(view.sentence.text):
        ctx.category, ctx.category_age, ctx.remarks = subject, 0, 0
        ctx.category_paragraph = view.sentence.paragraph
    elif subject is None and _QUESTION.search(view.sentence.text):
        # "Q: And the money?" asks on about the crime talked of: the answer is about it, as fresh as
        # if the question had named it
        if measure_asked is not None or period_asked is not None:
            ctx.category_age = 0
    elif _ITEM_MARK.fullmatch(view.sentence.text):
        pass  # "2." before a list item: the item after it is as fresh as the one before
    else:
        ctx.category_age += 1
        if _a_remark(view, periods, figures) and (
            view.sentence.paragraph == ctx.category_paragraph or _AN_EXCHANGE.search(view.sentence.text)
        ):
            ctx.remarks += 1  # a remark in the crime's paragraph, or a question or answer about it
    ctx.previous = subject if kind_of else (_named_last(text, view, figures) or subject)
    if figures:
        ctx.metric = figures[-1].metric
        labels = dict.fromkeys(f.period for f in figures if f.period and f.kind == "level")
        ctx.figure_periods = [period_from_label(label) for label in labels]
    elif measure_asked is not None:
        # "How many romance scams ...?" "A: 822 ..."; "And the money?" "A: Over HK$288 million"
        ctx.metric = measure_asked
    elif _HEADING_END.search(view.sentence.text):
        # "Deception cases:" over a list of "2019: 8,216" lines: the lines count what the heading names
        # (a sentence with no number has its metric words looked up here only: `_view` skips them)
        named = [t.key for t in cats.find_metric_terms(view.sentence.text) if t.key in ("cases", "loss")]
        ctx.metric = named[-1] if named else ("cases" if view.categories else ctx.metric)
    ctx.place = carried_place(view, figures, ctx.place)
    ctx.asked = period_asked
    ctx.under_heading = _heads_lines(view, figures) or (ctx.under_heading and _a_line_of_a_box(view))


# A heading over a fact box: a short line with no number and no full stop ("Deception in 2023",
# "Technology crime, first half of 2023:"); the lines under it: `lines.is_box_line`.
_HEADING_LINE = gated_compile(r"[^.。!?！？]{3,70}[:：]?")


def _heads_lines(view: SentenceView, figures: list[Figure]) -> bool:
    return (
        not figures
        and not view.numbers
        and bool(view.categories)
        and bool(_HEADING_LINE.fullmatch(view.sentence.text))
    )


def _a_line_of_a_box(view: SentenceView) -> bool:
    return is_box_line(view.sentence.text)


def _refused_change(text: str, view: SentenceView, fig: Figure, read: set[int]) -> bool:
    num = next((n for n in view.numbers if n.start == fig.char_start), None)
    return num is not None and changes_the_refused(text, view, num, read)


def _unplaced_script(norm: str, written: str, start: int, mentions: TextMentions) -> tuple[str | None, bool]:
    """(the script of the paragraph from `start`, whether it mixes both scripts) when the paragraph names
    no Hong Kong place, else (None, False): a Simplified paragraph that names no place is not Hong Kong
    text (Mainland, Singapore, Malaysia). Only a mixed paragraph needs its sentences' own scripts read."""
    end = norm.find("\n", start) if "\n" in norm[start:] else len(norm)
    if written[start:end].isascii():
        return None, False  # no Chinese at all
    simp, trad = script_counts(written[start:end])
    if not simp or any(
        p.code in ("HK", "HK-REGION") for p in find_places(norm[start:end], mentions.place_terms)
    ):
        return None, False  # no Simplified writing, or Hong Kong named: the rule has nothing to do
    script = "simplified" if simp >= 2 and simp > trad else None
    return script, bool(trad)


def _place_by_script(sentence: str, place: str | None, text_place: str | None) -> str | None:
    """A sentence written in the other script than its paragraph decides by its own: a Traditional
    sentence beside Simplified ones ("...錄得15637宗。公安部表示，全国...") is Hong Kong's, a Simplified
    one in a Traditional paragraph is not (unless the whole text is about one place: a Macao paper's).
    A place the sentences before named (新加坡警方...) goes on."""
    script = script_of(sentence, least=1)
    if script == "traditional" and place == "unknown":
        return text_place
    if script == "simplified" and place is None and text_place is None:
        return "unknown"
    return place


# "Of all the technology crimes reported last year, e-mail scams did the most damage": the whole a
# sentence opens on is where its subject is picked from, not the subject.
_PARTITIVE_OPENING = gated_compile(
    r"\W{0,3}(?:of|among(?:st)?)\s+(?:all\s+)?the\s+[^,;:.]{3,80},"
    r"|\W{0,3}(?:在|於|于)?(?:各類|各类|眾多|众多|所有|各種|各种)[^，,。；;\d]{1,12}(?:之中|當中|当中|中)[，,]",
    re.IGNORECASE,
)


def _past_a_partitive(view: SentenceView, words: list[cats.Term]) -> list[cats.Term]:
    m = _PARTITIVE_OPENING.match(view.sentence.text)
    if m is None:
        return words
    end = view.sentence.start + m.end()
    after = [t for t in words if t.start >= end]
    return after or words


def _counted_subject(
    text: str, view: SentenceView, figures: list[Figure], carried: cats.Term | None = None
) -> cats.Term | None:
    """The crime a sentence is about, for the sentences after it: the category its last figure
    counted, else its first category word that is not an agent noun ("Fraudsters swindled HK$132
    million from victims of online investment scams" is about investment scams, not fraud in general).
    """
    # "Common tricks included fake shopping sites and phishing messages": examples are no subject
    examples = sentence_examples(text, view)
    words = [
        t
        for t in view.categories
        if not any(s <= t.start < e for s, e in view.masked)
        and not any(s <= t.start < e for s, e in examples)
        and not refers_back(text, t)  # "these crimes" names no new subject: it is the one carried
    ]
    if figures:
        counted = [t for t in words if t.key == figures[-1].category and t.start <= figures[-1].char_start]
        if counted:
            return counted[-1]
    words = _past_a_partitive(view, words)
    named = next((t for t in words if not AGENT_NOUN.fullmatch(t.label)), words[0] if words else None)
    if named is None and figures and carried is not None and figures[-1].category == carried.key:
        # "The city recorded 15,637 such cases": a sentence that counts the subject carried to it keeps
        # it as fresh as if it had named it, for the sentence after ("Losses reached HK$2.03 billion")
        return carried
    return named


def extract_figures(
    text: str,
    *,
    ref_date: date | None = None,
    language: str | None = None,
    include_other_crimes: bool = False,
) -> list[Figure]:
    """Every statistical figure in a news or press-release text, in text order.

    `ref_date` (the publication date) resolves relative periods ("last year", 今年上半年); without it
    they are left unresolved. `language` ("en"/"zh") is a hint only: each sentence is read by its own
    script, since Chinese passages quote English and the reverse.
    """
    del language  # each sentence decides by its own script
    if len(text) > MAX_TEXT_CHARS:
        raise TextTooLong(f"text of {len(text)} characters is over the reader's bound of {MAX_TEXT_CHARS}")
    plain = normalise(text)
    joined = join_wrapped_lines(plain)  # 較去年同\n期 -> 較去年同期 (a PDF's wrapped lines)
    # 三萬四千 -> 34000, "six per cent" -> "6 per cent"
    spelled = spell_out(plain) if joined is None else joined.then(spell_out(joined.text))
    written = spelled.text  # the script as written: Simplified writing is evidence of a place
    norm = fold_spelling(fold_to_traditional(written))  # 诈骗案 -> 詐騙案, offense -> offence, 千單 -> 千宗
    folded = norm is not written

    def original(start: int, end: int) -> str:
        o_start, o_end = spelled.original_span(start, end)
        return text[o_start:o_end]

    rows = find_table_rows(norm)
    table_figures = [
        f
        for i, row in enumerate(rows)
        for f in figures_from_table(
            norm,
            original,
            row,
            include_other_crimes,
            [r for r in rows[:i] if r.header_start == row.header_start],
        )
    ]
    for start, end in table_spans(rows):  # the sentence reader does not see the tables
        norm = norm[:start] + re.sub(r"[^\n]", " ", norm[start:end]) + norm[end:]
    numbers = find_numbers(norm)
    mentions = TextMentions(  # found once; each sentence takes its own
        find_period_mentions(norm, ref_date), cats.document_needles(norm), place_terms_in(norm)
    )
    main = main_period(norm, mentions.periods)
    starts = [n.start for n in numbers]
    hk_simplified = is_hong_kong_simplified(written)
    text_place = place_of_text(norm)  # the whole text's place: found once, restored at each paragraph
    ctx = Context(place=text_place)
    para_script, mixed = None, False
    figures: list[Figure] = []
    for sent in split_sentences(norm):
        in_sentence = bisect_left(starts, sent.end) - bisect_left(starts, sent.start)
        if in_sentence > MAX_NUMBERS_PER_SENTENCE:
            continue  # a run of numbers is a dump, not prose: reading it clause by clause is quadratic
        if sent.paragraph != ctx.paragraph:
            ctx.paragraph, ctx.place = sent.paragraph, text_place
            para_script, mixed = (
                (None, False) if hk_simplified else _unplaced_script(norm, written, sent.start, mentions)
            )
            if para_script == "simplified":
                ctx.place = "unknown"  # not Hong Kong (Mainland, Singapore, Malaysia ...), place not named
        if mixed:
            ctx.place = _place_by_script(written[sent.start : sent.end], ctx.place, text_place)
        view = _view(norm, sent, numbers, mentions, ref_date, ctx.current or main)
        # "such cases" points to the crime the sentence before named, or the one before that if the
        # sentence between named none ("單看宗數，似乎值得鬆一口氣。可是，這類案件...")
        antecedent = ctx.previous or (ctx.category if ctx.category_age <= 1 else None)
        points_back = antecedent is not None and bool(POINTS_BACK.search(sent.text))
        read_ctx = replace(ctx, category=antecedent, anaphor=True) if points_back else ctx
        view.numbers = mask_shares(norm, view)
        periods = _answer_periods(norm, view, ctx, main)
        keep_other = include_other_crimes or has_list_marker(sent.text)  # a list may name them in turn
        found = [f for n in view.numbers if (f := _read_number(norm, view, n, read_ctx, periods, keep_other))]
        read = {f.char_start for f in found}
        if any(n.form in ("count", "money") and n.start not in read for n in view.numbers):
            found = [f for f in found if not _refused_change(norm, view, f, read)]
        spread(
            norm,
            (sent.start, sent.end),
            found,
            view.periods,
            [t for t in view.categories if not any(s <= t.start < e for s, e in view.masked)],
            ctx.figure_periods,
            partial(resolve_period, current=periods.current, ref_date=ref_date),
            set_period,
        )
        for fig in found:
            rescore(fig)  # a list may have given a figure its category or period
        found = _without_conversions(norm, other_crimes(found, include_other_crimes))
        for fig in found:
            fig.quote = original(sent.start, sent.end)
        figures.extend(f for f in found if not misstated(norm, sent, f.char_start, f.char_end))
        _update_context(norm, ctx, view, periods, found)
    for fig in figures + table_figures:
        fig.char_start, fig.char_end = spelled.original_span(fig.char_start, fig.char_end)
        if folded:  # the words as published, not as folded
            fig.evidence = {k: unfold_words(v, norm, written) for k, v in fig.evidence.items()}
            if fig.source_label:
                fig.source_label = unfold_words(fig.source_label, norm, written)
    return drop_rounded_restatements(
        _dedupe(sorted(figures + table_figures, key=lambda f: f.char_start)), text
    )


# "HK$2.03 billion (US$259 million)", "HK$2,030m in 1H23 (US$260m)": a bracket opening in the same
# clause, at most a short period phrase after the amount.
_CONVERSION_GAP = gated_compile(
    r"^[^()（）,;.。；，]{0,30}?[(（]\s*(?:about|around|approximately|approx\.?|some|約|约|折合|相當於|相当于)?\s*$"
)


_MONEY_UNITS = frozenset({"HKD", "USD", "SGD", "MOP", "TWD", "CNY", "RMB", "EUR", "GBP"})


# The Hong Kong dollar is pegged to the US dollar at 7.75-7.85: "$94 million ($12 million)" converts.
_PEG = (7.6, 8.0)


def _restated_without_hk(norm: str, prev: Figure, fig: Figure) -> bool:
    """ "HK$94 million ($12 million)": a plain-dollar amount in brackets after an HK$ amount is the US
    dollar conversion an English outlet adds; so is one at the peg's rate after a plain-dollar amount
    ("$790 million ($101.1 million)")."""
    if norm.startswith("HK", prev.char_start) and not norm.startswith("HK", fig.char_start):
        return True
    return bool(fig.value) and _PEG[0] <= prev.value / fig.value <= _PEG[1]


def _without_conversions(norm: str, figures: list[Figure]) -> list[Figure]:
    """Drop an amount that only converts the one before it into another currency.

    "HK$2.03 billion (US$259 million)" states one loss, not two (DESIGN section 1): the bracketed
    amount right after a money figure, in another currency, is a conversion, not a second figure.
    """
    kept: list[Figure] = []
    for fig in figures:
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and prev.unit in _MONEY_UNITS
            and fig.unit in _MONEY_UNITS
            and (fig.unit != prev.unit or _restated_without_hk(norm, prev, fig))
            and prev.char_end <= fig.char_start
            and _CONVERSION_GAP.match(norm[prev.char_end : fig.char_start])
        ):
            continue
        kept.append(fig)
    return kept


def _dedupe(figures: list[Figure]) -> list[Figure]:
    """A figure restated later in the same text is one figure: keep its first mention."""
    seen: set[tuple] = set()
    out = []
    for f in figures:
        key = (f.jurisdiction, f.category, f.metric, f.kind, f.unit, f.period, round(f.value, 6))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
