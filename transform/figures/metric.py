"""The metric of a number (cases, loss, arrests, victims ...) and its unit: the counted noun of its
own clause first, then the word after it, then what the sentence before was counting.
"""

from __future__ import annotations

import re

from transform.figures.categories_text import Term
from transform.figures.kind import is_base_number, is_difference, level_reached
from transform.figures.model import SentenceView
from transform.figures.numbers import NumberMention
from transform.figures.subject import POINTS_BACK, category_for
from transform.regex_gate import gated_compile

# Chinese counts things with their own classifier; cases take 宗/起/單 (個案 is "case").
_THING_CLASSIFIER_AFTER = gated_compile(
    r"^\s*(?:逾|多)?(?:個(?!案)|个(?!案)|部|項|项|間|间|家|張|张|台|架|輛|辆|條|条|頁|页|份|本|封|則|则)"
)


# English counts of things that are not cases: "froze 32,607 bank accounts", "removed 60 servers".
_THINGS = (
    r"(?:accounts?|servers?|devices?|websites?|sites|computers?|phones?|handsets?"
    r"|cards?|calls?|messages?|texts|links|urls|platforms?|apps?|applications?|companies|firms|banks?"
    r"|shops?|users|participants|visitors|enquiries|inquiries|requests|seminars|talks|sessions|posters"
    # "phone numbers", not "Case numbers rose 41 per cent" (how many cases)
    r"|leaflets|videos|domains?|addresses|(?<!case\s)(?<!crime\s)(?<!scam\s)(?<!fraud\s)numbers"
    r"|transactions|transfers|payments"
    r"|(?:security|cyber(?:security)?)\s+incidents)"
)
# "474 phone scams", "12 e-mail frauds": a thing noun before a crime word names how the crime was done,
# not a thing counted ("39,824 computer hacking cases": a word or two may stand between them)
_NOT_A_MODIFIER = (
    r"(?![\s-]+(?:(?!(?:about|on|of|for|from|to|in|with|over|against|regarding|concerning|involving)\b)"
    r"[a-z]+[\s-]+){0,2}?(?:scams?|frauds?|deceptions?|swindles?|cases?|crimes?|offences?|hacking)\b)"
)
_THING_NOUN_AFTER = gated_compile(rf"^\s+(?:[a-z-]+\s+){{0,2}}?{_THINGS}\b{_NOT_A_MODIFIER}", re.IGNORECASE)


# What a Chinese count counts, after its classifier: 92 310宗查詢, 4 000個來電, 3 311宗投訴 are enquiries,
# calls and complaints, not cases.
_ZH_THING_AFTER = gated_compile(r"^\s*(?:宗|個|个|次|項|项)?(?:查詢|查询|諮詢|咨询|來電|来电|投訴|投诉|求助)")


_PERSONS_AFTER = gated_compile(r"^\s*(?:人|名|people\b|persons\b|individuals\b)", re.IGNORECASE)


def metric_for(text: str, view: SentenceView, num: NumberMention, prior: str | None) -> str | None:
    """cases, loss, arrests, victims, detection_rate or intercepted; None for a count that names nothing."""
    c_start, c_end = view.sentence.clause_bounds(num.start)
    if num.form == "money":
        stopped = any(
            t.key == "intercepted" and c_start <= t.start and t.end <= num.start for t in view.metrics
        )
        return "intercepted" if stopped else "loss"
    if num.form == "count":
        labelled = _labelled_amount(text, view, num)
        if labelled:
            return labelled
        return _count_metric(text, view, num, c_start, c_end) or _bare_count_goes_on(text, view, num, prior)
    return _change_metric(view, num, prior)


# "Losses (HK$): 9.1 billion", "損失（港元）：91億": an amount whose label gives the metric and the currency
_UNIT_LABEL = gated_compile(r"\s*[(（]\s*(?:HK\$|\$|HKD|港元|港幣|港币)\s*[)）]\s*[:：]\s*", re.IGNORECASE)


def _labelled_amount(text: str, view: SentenceView, num: NumberMention) -> str | None:
    before = [t for t in view.metrics if t.end <= num.start and t.key == "loss"]
    if before and _UNIT_LABEL.fullmatch(text, before[-1].end, num.start):
        return "loss"
    return None


_LABEL_COLON = gated_compile(  # "Cases: 15,637", "the number of cases, 1,140, was"
    r"\s*[:：,]\s*(?:(?:about|around|some|over|more\s+than|nearly|約|约|逾|近)\s*)?", re.IGNORECASE
)
_BARE_END = gated_compile(r"[ \t]*(?:[.;,。；，\n]|$)")


# a word, or a year as the value's label ("- 2019: 8,216" under "Deception cases:")
_WORD_OR_LABEL = gated_compile(r"[^\W\d_]|(?:19|20)\d\d\s*[:：]")


# "A: 822 in the first six months.", "HOST 2: 429.": a count that opens a speaker's answer
_ANSWER_OPENS = gated_compile(r"\W*(?:[A-Z][\w .]{0,14}[:：]|[\u4e00-\u9fff]{1,4}[:：])\s*")


def _bare_count_goes_on(text: str, view: SentenceView, num: NumberMention, prior: str | None) -> str | None:
    """ "Last year 39,824 deception cases were reported. The year before, there were 27,923.": a whole
    number with no word after it, in a sentence with no word of counting, goes on counting what the
    sentence before counted ("the detection rate rose to 35.7." is no count of cases); so does a
    difference ("That is 1,268 fewer than in 2024")."""
    if prior != "cases" or view.metrics or "." in num.raw:
        return None
    opens_answer = bool(_ANSWER_OPENS.fullmatch(text, view.sentence.start, num.start))
    if not (
        _BARE_END.match(text, num.end)
        or is_difference(text, num)
        or (opens_answer and _NO_NOUN_AFTER.match(text, num.end))
    ):
        return None
    if not _WORD_OR_LABEL.search(text[view.sentence.start : num.start]):
        return None  # "3. Robbery and burglary": a number opening its line numbers a section
    return prior


_CHANGE_RESTATED_BEFORE = gated_compile(
    r"\b(?:an?\s+(?:increase|rise|jump|drop|fall|decrease|decline|reduction)\s+of|up\s+by|down\s+by)\s+"
    r"(?:about\s+|some\s+|nearly\s+|almost\s+)?$",
    re.IGNORECASE,
)
_THE_ONE_OF = gated_compile(r"\b(?:times|double|half|triple)\s+the\s+$", re.IGNORECASE)


# "rose 94 per cent to 2,064 and cost victims HK$500 million": the victims belong to the next part
_NEXT_PART = gated_compile(r"[;；]|[,，](?!\d)|\b(?:and|but|while|cost(?:ing|s)?)\b", re.IGNORECASE)


# A clause that opens on "to" after a change: what it counts is what changed ("Cases more than doubled,
# to 243 from 110", "Reports rose sharply, to 4,872").
_REACHED_OPENS = gated_compile(
    r"[\s,，]*to\s+(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+)?", re.IGNORECASE
)
_CHANGED_BEFORE = gated_compile(
    r"\b(?:doubled|tripled|trebled|quadrupled|halved|rose|risen|grew|jumped|climbed|surged|soared|increased"
    r"|fell|dropped|declined|decreased|slipped|dipped|plunged|shrank)\b",
    re.IGNORECASE,
)


def _count_metric(text: str, view: SentenceView, num: NumberMention, c_start: int, c_end: int) -> str | None:
    """A count is a number of cases, arrests or victims: never a loss or a rate."""
    usable = [t for t in view.metrics if t.key in ("cases", "arrests", "victims")]
    in_clause = [t for t in usable if c_start <= t.start < c_end]
    if any(t.key == "intercepted" and c_start <= t.start < num.start for t in view.metrics):
        return "intercepted"  # "勸止了超過280宗騙案": frauds stopped by the anti-scam centre, not cases
    if (
        _THING_CLASSIFIER_AFTER.match(text[num.end : num.end + 3])
        or _ZH_THING_AFTER.match(text[num.end : num.end + 5])
        or _THING_NOUN_AFTER.match(text[num.end : num.end + 40])
    ):
        return None  # 60個服務器, 4000多部電腦, 3.9萬項網絡威脅: things counted, not cases
    if _THING_OPENS_CLAUSE.match(text, c_start, num.start) and not _NOUN_AFTER.match(text, num.end):
        return None  # "Mule accounts linked to the cases numbered 6,700": the accounts are counted
    if _PERSONS_AFTER.match(text[num.end : num.end + 12]):
        # 1 014人 / 3,400 people: persons, counted as arrests or victims only when the words say so
        return next((t.key for t in in_clause if t.key in ("arrests", "victims")), None)
    near_after = [
        t
        for t in in_clause
        if num.end <= t.start <= num.end + 30
        and not re.search(r"\d", text[num.end : t.start])
        and not _NEXT_PART.search(text, num.end, t.start)
    ]
    if near_after:
        return near_after[0].key
    before = [t for t in in_clause if t.end <= num.start]
    if before:
        return before[-1].key
    later = [t for t in in_clause if t.start >= num.end and not _NEXT_PART.search(text, num.end, t.start)]
    if later:
        return later[0].key
    earlier = [t for t in usable if t.end <= num.start]
    if earlier and _LABEL_COLON.fullmatch(text, earlier[-1].end, num.start):
        return earlier[-1].key  # "Cases: 15,637" in a fact box: the label says what is counted
    if earlier and is_base_number(text, view.sentence, num):
        return earlier[-1].key  # "6,678 reports ..., compared with 2,194 in 2019": the level compared with
    if earlier and (
        _CHANGE_RESTATED_BEFORE.search(text, c_start, num.start)
        or _THE_ONE_OF.search(text, c_start, num.start)
    ):
        # "Cases climbed to 8,129 ..., an increase of 4,274", "6,678 cases, three times the 2,194 of the
        # year before": the count restates what the sentence counted
        return earlier[-1].key
    if (
        earlier
        and _REACHED_OPENS.fullmatch(text, c_start, num.start)
        and _CHANGED_BEFORE.search(text, view.sentence.start, c_start)
    ):
        return earlier[-1].key  # "Cases more than doubled, to 243 from 110": the level the change reached
    listed = _previous_in_a_list_of_counts(text, view, num)
    if listed is not None:
        # "cases: 8,322 in 2019, then 12,916 last year"; "There were 638 in 2014, 477 in 2013": what the
        # value before counted
        if earlier:
            return earlier[-1].key
        return _count_metric(text, view, listed, *view.sentence.clause_bounds(listed.start))
    if (
        POINTS_BACK.search(view.sentence.text)
        or _reached_by_a_change(view, num)
        or _recorded_bare(text, view, num)
    ):
        return "cases"  # "the number had climbed to 12,916": the cases of the crime named before
    return "cases" if category_for(text, view, num) else None  # "the overall crime figure was 94 747"


# "Police recorded 12,916 in 2020", "numbered 3,015 last year": a verb of counting before a count with
# no noun after it counts the cases of the crime named before.
_RECORDING_VERB_BEFORE = gated_compile(
    r"\b(?:recorded|reported|registered|logged|handled|received|numbered|totall?ed"
    r"|there\s+(?:were|was|have\s+been|had\s+been)|compares?\s+with|compared\s+(?:with|to))\s+"
    r"(?:a\s+total\s+of\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?$",
    re.IGNORECASE,
)
# "cases: 8,322 in 2019, then 12,916 last year": the next value of a list of one count, with no noun
# ("638 cases in 2014 (losses: HK$2.3 million), 477 in 2013 and only 60 in 2012": a bracket between is
# an aside, and "and" may join the last value without a comma)
_LIST_GAP = gated_compile(
    r"(?:[^\d.;:。；]|(?<!\d)(?:19|20)\d\d(?!\d)){0,25}?"
    r"(?:,\s*(?:then|and|against|versus|vs\.?|compared\s+with)?|\s+(?:and|then|against|versus|vs\.?))\s*"
    r"(?:only\s+|just\s+|about\s+|some\s+)?",
    re.IGNORECASE,
)
_ASIDE = gated_compile(r"\([^()]*\)")


def _previous_in_a_list_of_counts(text: str, view: SentenceView, num: NumberMention) -> NumberMention | None:
    """The count `num` follows in a list of counts of one thing, or None."""
    before = [n for n in view.numbers if n.end <= num.start and not view.sentence.in_brackets(n.start)]
    if (
        before
        and before[-1].form == "count"
        and _LIST_GAP.fullmatch(_ASIDE.sub("", text[before[-1].end : num.start]))
        and _NO_NOUN_AFTER.match(text, num.end)
    ):
        return before[-1]
    return None


_NO_NOUN_AFTER = gated_compile(
    r"\s*(?:[.;,:)]|$|(?:in|for|during|over|between|from|last|this|up|down|compared|against|a\s+year)\b"
    r"|of\s+(?:those|them|these)\b)",  # "There were 2,880 of those": the cases just named
    re.IGNORECASE,
)


# "Mule accounts linked to the cases numbered 6,700": the clause's subject is a thing counted.
_THING_SUBJECT = gated_compile(rf"\b{_THINGS}\b{_NOT_A_MODIFIER}", re.IGNORECASE)
_THING_OPENS_CLAUSE = gated_compile(
    rf"\W*(?:the\s+)?(?:[a-z-]+\s+){{0,2}}?{_THINGS}\b{_NOT_A_MODIFIER}", re.IGNORECASE
)
_NOUN_AFTER = gated_compile(
    r"\s+(?:[a-z-]+\s+){0,2}?(?:cases?|crimes?|scams?|frauds?|offences?|reports?)\b", re.IGNORECASE
)


def _recorded_bare(text: str, view: SentenceView, num: NumberMention) -> bool:
    verb = _RECORDING_VERB_BEFORE.search(text, max(0, num.start - 40), num.start)
    if verb is None or not _NO_NOUN_AFTER.match(text, num.end):
        return False
    return not _THING_SUBJECT.search(text, view.sentence.clause_bounds(num.start)[0], verb.start())


def _reached_by_a_change(view: SentenceView, num: NumberMention) -> bool:
    """ "The tally rose 47.3% to 15,637": a count a change ends at is the level of what changed (not a
    bare decimal: "the detection rate increased by about 3.5 per cent, to 35.7" is a rate)."""
    if re.fullmatch(r"\d+\.\d+", num.raw):
        return False
    return any(n.form == "percent" and level_reached(view, n) is num for n in view.numbers)


def _level_metric_word(sentence: str, n: NumberMention, offset: int) -> str:
    """What the level before a percentage counts: money is a loss, "31 082人" persons (arrests or victims,
    never cases), any other count cases."""
    if n.form == "money":
        return "loss"
    return "persons" if _PERSONS_AFTER.match(sentence[n.end - offset : n.end - offset + 12]) else "cases"


# "Fraudsters took HK$4.48 billion from victims ..., a rise of 66.5 per cent": the people the money
# was taken from are not what the change counts
_WHOM_BEFORE = gated_compile(
    r"\b(?:from|cost(?:s|ing)?|cheat(?:ed|ing)|swindl(?:ed|ing)|defraud(?:ed|ing)|dup(?:ed|ing)|conn(?:ed|ing))"
    r"\s+(?:the\s+|their\s+|unsuspecting\s+)?$",
    re.IGNORECASE,
)


def _whom_from(view: SentenceView, term: Term) -> bool:
    """A word of victims that is the object of taking ("from victims", "cheated victims of")."""
    if term.key != "victims":
        return False
    offset = view.sentence.start
    return bool(
        _WHOM_BEFORE.search(view.sentence.text[max(0, term.start - offset - 30) : term.start - offset])
    )


# "cases of deception involving social media": what the cases involved, not an amount involved
_AN_AMOUNT_AFTER = gated_compile(
    r"\s*(?:(?:a\s+)?(?:total\s+of\s+)?(?:about|around|some|over|more\s+than|nearly|almost)?\s*"
    r"(?:HK\$|US\$|\$|\d)|\s*(?:losses|money|amounts?|sums?)\b)",
    re.IGNORECASE,
)


def _involving_a_thing(view: SentenceView, term: Term) -> bool:
    """A loss word "involving" that names what the cases involved, not an amount after it."""
    if term.key != "loss" or term.label.lower() not in ("involving", "involved"):
        return False
    return not _AN_AMOUNT_AFTER.match(view.sentence.text, term.end - view.sentence.start)


_LOSSES_IN = gated_compile(
    r"\s+(?:in|from|of)\s+(?:those|these|such|the|all\s+(?:the\s+)?)\s*", re.IGNORECASE
)


def _without_participles(terms: list[Term], text: str, offset: int) -> list[Term]:
    """ "the total losses reported rose 40 percent": a word of counting right after a loss word
    describes the loss, it does not make the change one of cases; nor do the cases the losses were
    in ("the losses in those cases rose 30 per cent")."""
    kept = terms[:1]
    for before, term in zip(terms, terms[1:], strict=False):
        gap = text[before.end - offset : term.start - offset]
        describes = term.key == "cases" and before.key == "loss" and term.start - before.end in (0, 1)
        whose = before.key == "loss" and term.key == "cases" and bool(_LOSSES_IN.fullmatch(gap))
        if not describes and not whose:
            kept.append(term)
    return kept


# ", up 12 per cent" after a level: a change written as the level's appositive (no digit, no stop,
# a comma before it).
_APPOSITIVE_GAP = gated_compile(r"^[^.;。；!?\d]{0,40}[,，][^.;。；!?\d]{0,20}$")


def changes_the_refused(text: str, view: SentenceView, num: NumberMention, read: set[int]) -> bool:
    """ "Students were cheated in 2,100 of the cases, up 12 per cent", 與案件有關的戶口有6 700個，按年減少3%:
    a percentage change written right after a level the reader refused (a part, things counted, one
    syndicate's cases), or ending at one ("rose 20% to 1,204"), is that level's change. `read`: the
    starts of the numbers the sentence's figures were read from."""
    if num.form != "percent":
        return False
    reached = level_reached(view, num)
    if reached is not None:
        return reached.start not in read
    before = [n for n in view.numbers if n.end <= num.start]
    if not before or before[-1].form not in ("count", "money") or before[-1].start in read:
        return False
    level = before[-1]
    gap = text[level.end : num.start]
    return bool(_APPOSITIVE_GAP.match(gap)) and not any(
        level.end <= t.start < num.start for t in view.categories
    )


_JOINING_WORDS = frozenset({"involving", "involved", "涉及"})


def _joins_a_crime(view: SentenceView, term: Term) -> bool:
    """ "cases involving online shopping fraud", 涉及網購的騙案: "involving" before a crime joins it to
    the cases; it is a loss word only before money ("involving HK$3 million")."""
    return term.label.lower() in _JOINING_WORDS and any(0 <= t.start - term.end <= 5 for t in view.categories)


# "losses from technology crime", "the number of deception cases": a crime after a metric word and a
# preposition says whose metric it is.
_WHOSE_GAP = gated_compile(
    r"^\s+(?:from|of|in|to|through|caused\s+by|due\s+to|related\s+to)\s+(?:the\s+|all\s+|these\s+|those\s+|such\s+)?$",
    re.IGNORECASE,
)


def _names_whose(view: SentenceView, metrics: list[Term], crime: Term) -> bool:
    sentence, offset = view.sentence.text, view.sentence.start
    return any(
        t.end <= crime.start and _WHOSE_GAP.match(sentence[t.end - offset : crime.start - offset])
        for t in metrics
    )


def _crime_opens_sentence(view: SentenceView, metrics: list[Term], num: NumberMention) -> bool:
    """A crime named before the change in its sentence, even outside the change's clause ("Telephone
    deception, by contrast, dropped ..."), is what changed: its cases, not the losses named after the
    change nor what the sentence before was counting."""
    return any(t.end <= num.start and not _names_whose(view, metrics, t) for t in view.categories)


_CASES_AFTER = gated_compile(r"\s*(?:(?:cases|reports|crimes)\b|宗|起)", re.IGNORECASE)


def _change_metric(view: SentenceView, num: NumberMention, prior: str | None) -> str:
    """What a percentage measures: a loss when it changes to an amount, else the nearest word or amount
    before it, else the words after, else the metric of the sentence before."""
    reached = level_reached(view, num)
    if reached is not None and reached.form == "money":
        return "loss"  # a count reached ("to 2,700多人") says only that persons or cases were counted
    if reached is not None and _CASES_AFTER.match(view.sentence.text, reached.end - view.sentence.start):
        return "cases"  # "rose 91.6 per cent to 822 cases": whatever money the sentence mentions before
    c_start = view.sentence.clause_bounds(num.start)[0]
    usable = _without_participles(
        [
            t
            for t in view.metrics
            if t.key != "intercepted" and not _joins_a_crime(view, t) and not _involving_a_thing(view, t)
        ],
        view.sentence.text,
        view.sentence.start,
    )
    evidence = [(t.end, t.key) for t in usable if t.end <= num.start and not _whom_from(view, t)]
    # "Tech crime up 47.3pc": a crime named in the clause with no other word is a number of cases;
    # in "Losses from technology crime climbed 28 per cent" the crime only says whose losses.
    evidence += [
        (t.end, "cases")
        for t in view.categories
        if c_start <= t.start and t.end <= num.start and not _names_whose(view, usable, t)
    ]
    evidence += [
        (n.end, _level_metric_word(view.sentence.text, n, view.sentence.start))
        for n in view.numbers
        if n.end <= num.start and (n.form == "money" or (n.form == "count" and n.raw[-1:].isdigit()))
    ]
    if evidence:
        return max(evidence)[1]
    if _crime_opens_sentence(view, usable, num):
        return "cases"  # "Telephone deception, by contrast, dropped by 60 per cent, with losses of ..."
    sentence, offset = view.sentence.text, view.sentence.start
    # "41 per cent higher than a year before, and victims lost ...": the victims are the next part's
    later = [
        t
        for t in usable
        if t.start >= num.end and not _NEXT_PART.search(sentence, num.end - offset, t.start - offset)
    ]
    if later:
        return later[0].key
    return prior or "cases"


_LOCAL_CURRENCY = {
    "CN": "CNY",
    "TW": "TWD",
    "MO": "MOP",
    "SG": "SGD",
    "US": "USD",
    "AU": "AUD",
    "GB": "GBP",
    "MY": "MYR",
    "JP": "JPY",
    "KR": "KRW",
    "TH": "THB",
}


def read_unit(num: NumberMention, jurisdiction: str) -> str:
    """count / percent / ratio, or the currency: "$" and 元 are the money of the place written about."""
    if num.form == "money" and num.local_currency:
        return _LOCAL_CURRENCY.get(jurisdiction, "HKD")
    return {"count": "count", "percent": "percent", "points": "percent", "fold": "ratio"}.get(
        num.form, num.currency or "HKD"
    )
