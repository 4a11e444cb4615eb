"""The category of a number: the counted noun phrase of its own clause, else the sentence's subject,
else an anaphor's antecedent ("such cases", 相關騙案), never a category named only in a list of
examples ("offences such as hacking"). Crimes outside the series are dropped or named on request.
"""

from __future__ import annotations

import re

from transform.categories import lookup_category
from transform.figures import categories_text as cats
from transform.figures.kind import is_base_number, level_reached
from transform.figures.model import CJK, Figure, SentenceView
from transform.figures.numbers import NumberMention
from transform.figures.segment import Sentence
from transform.regex_gate import fold_sentence, folded_words, gated_compile, may_hold

_ANAPHORA_BEFORE = gated_compile(
    r"(?:\b(?:such|these|those|this|similar|related|the\s+same)\s+(?:(?:type|kind|sort|form)s?\s+of\s+)?|該類|此類|這類|这类|该类|此类|相關|相关|有關|有关|上述|該等|该等|這些|这些|同類|同类)$",
    re.IGNORECASE,
)


# A sentence that points back at the crime the sentence before named: 該類案件 / 這類騙案 / "such cases" /
# "By 2020 the number had climbed to 12,916".
_POINTER = (
    r"(?:該類|此類|這類|这类|该类|此类|同類|同类)(?:案件|個案|个案|騙案|骗案|罪案|案)"
    r"|\b(?:such|these|those)\s+(?:cases|crimes|scams|offences|frauds|reports)\b"
)
POINTS_BACK = gated_compile(
    rf"{_POINTER}|\bthe\s+(?:number|figure|total|amount|sum|tally|count)\b(?!\s+of\b)"
    # "There were 1,138 of them", "2,880 of those": the sentence's first number counts what the sentence
    # before named
    r"|^\D*\d[\d,.]*\s+of\s+(?:them|those|these)\b(?!\s+(?:involved|involving|concerned|related)"
    r"|\s+(?:were|was)\s+(?!reported|recorded|received|logged))",
    re.IGNORECASE,
)


# Words that open a new clause between a number and a later category word: "up 47.3 per cent in the first
# half as online scams surge" speaks of online scams in another clause, not of the 47.3 per cent.
_WHOLE_BEFORE = gated_compile(r"\b(?:among(?:st)?|of\s+all)\s+(?:the\s+|all\s+)?(?:\w+\s+)?$", re.IGNORECASE)


# A clause joined after the number's own: what it names does not apply backwards ("Crime edged up 1.9 per
# cent ..., as deception rose 23.8 per cent").
# ", and investment scams alone ... cost victims HK$3.2 billion": after "and" a crime named opens a clause
# of its own (when the clause names none, the sentence's subject stays).
_LATER_CLAUSE = gated_compile(r",\s*(?:as|while|whereas|but|and)\b|;|；|，\s*而|，\s*但", re.IGNORECASE)


AGENT_NOUN = gated_compile(
    r"(?:fraudster|scammer|swindler|conman|con\s+artist)s?|騙徒|骗徒|騙子|骗子", re.IGNORECASE
)


# ... and after the number a headline opens its next clause without a comma ("crime jumps 29pc as
# scams surge"): the crime named there is that clause's subject, not the number's.
_CLAUSE_AFTER = gated_compile(
    r",\s*(?:as|while|whereas|but|and)\b|;|；|，\s*而|，\s*但|\s(?:as|while|whereas)\s", re.IGNORECASE
)
# "..., with online fraud making up the bulk of the cases": a crime named in an aside as the larger
# part of what was counted is no subject of the sentence's numbers (after "with" only: "Online
# shopping fraud accounted for much of the rise: 6,678 cases ..." opens on its subject)
_BULK_AFTER = gated_compile(
    r"\s+(?:making|made|make|makes|accounting|accounted|accounts?)\s+(?:up\s+)?(?:for\s+)?(?:the\s+|a\s+)?"
    r"(?:bulk|most|majority|much|lion's\s+share|large(?:st)?\s+(?:part|share))\b",
    re.IGNORECASE,
)


def _a_part_described_otherwise(
    text: str, sent: Sentence, num: NumberMention, terms: list[cats.Term], c_end: int
) -> bool:
    """ "Callers posing as officials were behind 212 of the cases": a part described by what is no
    crime, with no crime named before it or in its clause ("26 of the cases involved ransomware" names
    one); a sentence that opens on "Fifty of the cases ..." goes on counting the cases before it."""
    return (
        bool(_PARTITIVE_AFTER.match(text, num.end))
        and bool(text[sent.start : num.start].strip(" \t\n\"'“‘"))
        and not any(sent.start <= t.start < c_end and not (num.start <= t.start < num.end) for t in terms)
    )


_WITH_BEFORE = gated_compile(r"\bwith\s+$", re.IGNORECASE)
# "Callers posing as officials were behind 212 of the cases": a part described by what is no crime
_PARTITIVE_AFTER = gated_compile(r"\s+of\s+(?:the|these|those)\s+cases\b", re.IGNORECASE)
_PART_OF = gated_compile(r"\s*of\s+(?:the|all|all\s+the|these|those)?\s*$", re.IGNORECASE)


_ZH_LIST_JOIN = gated_compile(r"[及和、与與或]|以及")


_NOT_DECEPTION = frozenset({"overall_crime", "violent_crime", "technology_crime", "unknown", "hacking"})


_NEW_CLAUSE_WORD = gated_compile(
    r"\b(?:as|while|whereas|after|amid|because|since|when|but|although|though|with)\b|[而但]",
    re.IGNORECASE,
)


_CONJUNCTION = gated_compile(r"\b(?:and|or)\b|及|以及|和|與|与", re.IGNORECASE)


# Words that open a list of examples: what they name illustrates the figure, it is not what was counted
# ("offences such as hacking and online theft", 主要涉網購、求職及投資騙案等, "much of it from e-mail scams").
_EXAMPLES_OPEN = gated_compile(
    r"\b(?:such\s+as|including|includ(?:es|ed)|like|e\.g\.|for\s+example|for\s+instance"
    r"|(?:mainly|mostly|largely|primarily|chiefly)\s+(?:involving|including|related\s+to|from)"
    r"|(?:much|most|some|part|half)\s+of\s+(?:it|them|which)\s+(?:came\s+)?(?:from|in|through|via))\b"
    r"|主要(?:涉及|涉|是|為|为|包括)|包括|例如|諸如|诸如|比如|大多涉及?|多涉及?"
    r"|(?:主要|大多|大部分|多)(?:來自|来自|源於|源于|源自)",
    re.IGNORECASE,
)


# 升幅主要來自詐騙案，首三個月錄得8,886宗: the crime a rise "came from" is an example of the rise in its
# own clause, and the subject of the clauses after it
_SOURCE_OPEN = gated_compile(r"(?:主要|大多|大部分|多)?(?:來自|来自|源於|源于|源自)")


def _source_named_before(text: str, view: SentenceView, c_start: int) -> list[cats.Term]:
    """The one crime named by a "came from" clause that ends before the number's clause."""
    found = []
    for m in _SOURCE_OPEN.finditer(text, view.sentence.start, c_start):
        close = _EXAMPLES_CLOSE.search(text, m.end(), c_start + 1)
        end = close.start() if close else c_start
        named = [t for t in view.categories if m.end() <= t.start and t.end <= end]
        if len(named) == 1 and not re.search(r"[、及和與与或]", text[m.end() : end]):
            found.append(named[0])
    return found


_EXAMPLES_WORDS = folded_words(_EXAMPLES_OPEN)
_EXAMPLES_CLOSE = gated_compile(r"等|etc\.?|[,;，；。:：]")


def example_spans(text: str, sent: Sentence, terms: list[cats.Term]) -> list[tuple[int, int]]:
    """Spans of the sentence that list examples, from the opening word to 等 or the end of the clause."""
    spans: list[tuple[int, int]] = []
    if not may_hold(_EXAMPLES_WORDS, fold_sentence(sent.text)):
        return spans  # no "such as", "including", 包括 ... in the sentence
    for m in _EXAMPLES_OPEN.finditer(text, sent.start, sent.end):
        close = _EXAMPLES_CLOSE.search(text, m.end(), sent.end)
        end = _example_end(close, sent.end)
        if not CJK.match(text[m.start()]):
            if close and close.group() == ",":
                # an English list runs on over commas: "such as hacking, phishing and online theft"
                end = _list_end(text, m.end(), sent.end)
            end = _last_item_end(text, m.end(), end, terms)
        spans.append((m.start(), end))
    return spans


def sentence_examples(text: str, view: SentenceView) -> list[tuple[int, int]]:
    """`example_spans` of the view's sentence and category words, found once per sentence: each number
    of the sentence asks (choose_category), and so does the subject carried after it."""
    if view.examples is None:
        view.examples = example_spans(text, view.sentence, view.categories)
    return view.examples


def _last_item_end(text: str, start: int, end: int, terms: list[cats.Term]) -> int:
    """An English list ends with the crime named after its "and" / "or": in "Crimes such as online
    shopping fraud and phishing drove deception cases to 39,824" the deception cases are not an example."""
    joiner = re.search(r"\b(?:and|or)\b", text[start:end])
    if joiner is None:
        return end
    after = start + joiner.end()
    last = next((t for t in terms if after <= t.start < end), None)
    if last is None:
        return end
    bracket = re.match(r"\s*[(（][^()（）]*[)）]", text[last.end : last.end + 60])  # "and theft (up 15.1%)"
    return last.end + (bracket.end() if bracket else 0)


def _example_end(close: re.Match[str] | None, stop: int) -> int:
    """Where a list of examples ends: after 等, else before the punctuation that closes its clause."""
    if close is None:
        return stop
    return close.end() if close.group().startswith("等") else close.start()


def _list_end(text: str, start: int, stop: int) -> int:
    m = re.search(r"\band\b|\bor\b", text[start:stop])
    if m is None:
        return text.find(",", start, stop) if "," in text[start:stop] else stop
    tail = re.search(r"[,;]|\.(?!\d)", text[start + m.end() : stop])  # not the point of "15.1"
    return start + m.end() + (tail.start() if tail else stop - start - m.end())


def category_for(
    text: str, view: SentenceView, num: NumberMention, carried: cats.Term | None = None
) -> cats.Term | None:
    """The category word a number belongs to; `carried` is the subject of the sentences before."""
    return choose_category(text, view, num, carried)[0]


# "詐騙案繼續是罪案上升的主因", "fraud remained the main driver of crime": the crime the subject drives
# is in the predicate; the numbers after it are the subject's.
_DRIVEN_AFTER = gated_compile(
    r"(?:上升|增加|增長|增长|升幅|下跌|跌幅)?的(?:主因|主要原因|原因|元兇|元凶|推手|主要來源|主要来源|動力|动力)"
)
_DRIVER_BEFORE = gated_compile(
    r"\b(?:driver|drivers|cause|source|engine)\s+(?:of|behind)\s+(?:the\s+|all\s+)?(?:rise\s+in\s+)?$",
    re.IGNORECASE,
)


# 宗數雖不及網購騙案，但損失高達32億元: the crime compared with is not the subject of a later clause.
_COMPARED_OBJECT_BEFORE = gated_compile(
    r"(?:不及|不如|少於|少于|多於|多于|高於|高于|低於|低于|遜於|逊于|僅次於|仅次于)\s*$"
    r"|\b(?:fewer|more|less|higher|lower|smaller|larger)\s+than\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _compared_with_in_another_clause(text: str, sent: Sentence, term: cats.Term, num: NumberMention) -> bool:
    if not _COMPARED_OBJECT_BEFORE.search(text, max(sent.start, term.start - 16), term.start):
        return False
    return sent.clause_bounds(term.start) != sent.clause_bounds(num.start)


def _what_it_drives(text: str, term: cats.Term) -> bool:
    return bool(
        _DRIVEN_AFTER.match(text, term.end)
        or _DRIVER_BEFORE.search(text, max(0, term.start - 40), term.start)
    )


def _clause_of_the_change_reaching(view: SentenceView, num: NumberMention, c_start: int) -> int:
    """ "deception rose only about 7 per cent, to 8,699": the level a change reaches after a comma is in
    the change's clause."""
    before = [n for n in view.numbers if n.end <= num.start]
    if before and before[-1].form == "percent" and level_reached(view, before[-1]) is num:
        return min(c_start, view.sentence.clause_bounds(before[-1].start)[0])
    return c_start


def choose_category(
    text: str, view: SentenceView, num: NumberMention, carried: cats.Term | None = None
) -> tuple[cats.Term | None, str]:
    """(category word, the rule that chose it: a key of confidence.CATEGORY_RULES)."""
    sent = view.sentence
    examples = [(s, e) for s, e in sentence_examples(text, view) if not s <= num.start < e]
    terms = [
        t
        for t in view.categories
        if not any(s <= t.start < e for s, e in view.masked)
        and not any(s <= t.start < e for s, e in examples)
        and not refers_back(text, t)
        and not (_BULK_AFTER.match(text, t.end) and _WITH_BEFORE.search(text, max(0, t.start - 8), t.start))
        and not _what_it_drives(text, t)
        and not _compared_with_in_another_clause(text, sent, t, num)
    ]
    c_start, c_end = sent.clause_bounds(num.start)
    c_start = _clause_of_the_change_reaching(view, num, c_start)
    if _a_part_described_otherwise(text, sent, num, terms, c_end):
        return None, "none"
    attached = [
        t
        for t in sorted(terms + _whole_of_share(view, num, examples), key=lambda t: t.start)
        if num.end <= t.start < c_end
        and re.fullmatch(r"[^\d]{0,30}", text[num.end : t.start])
        and len(text[num.end : t.start].split()) <= 4
        and not _NEW_CLAUSE_WORD.search(text[num.end : t.start])
        # "fraud rose 20 per cent and investment fraud 30 per cent": the crime after "and" has its own
        and not _CONJUNCTION.search(text[num.end : t.start])
        # a space in Chinese opens a new clause (headline "詐騙案急升89.3% 網購騙案多逾兩倍")
        and not (view.zh and re.search(r"\s", text[num.end : t.start]))
        # the next item of a Chinese list: “求職騙案”1706宗、“投資騙案”1271宗及“電話騙案”786宗
        and not (view.zh and _ZH_LIST_JOIN.search(text[num.end : t.start]))
        # a bar ends a list item: "網購騙案：8950宗｜投資騙案：6330宗", "Online shopping 8,950 | Investment"
        and "|" not in text[num.end : t.start]
        and "｜" not in text[num.end : t.start]
        # ... and so does a middle dot: "online shopping fraud 8,950 · investment fraud 6,330"
        and not _ITEM_DOT.search(text, num.end, t.start)
        # "e-mail scams accounted for 169 of the crimes": the crimes are the whole, not what was counted
        and not _PART_OF.match(text[num.end : t.start])
    ]
    if attached:
        return attached[0], "attached"
    if _POINTER_AFTER.match(text, num.end):
        # "E-mail scams ... made up much of it: there were 1,153 such cases": the crime the sentence
        # opened on, else the one before the sentence ("..., part of a wider rise in technology crime"
        # is not it)
        before = [
            t
            for t in terms
            if view.sentence.start <= t.start and t.end <= num.start and not AGENT_NOUN.fullmatch(t.label)
        ]
        if before or carried is not None:
            return (before[0], "anaphor") if before else (carried, "anaphor")
    changed = _changed_after(text, num, terms, c_end)
    if changed is not None:
        return changed, "attached"
    named = [t for t in view.categories if not any(s <= t.start < e for s, e in view.masked)]
    pointed_back = _antecedent_in_sentence(text, view, num, c_start, named)
    if pointed_back is not None:
        return pointed_back, "anaphor"
    subset = _subset_adjective(text, num)
    if subset is not None:
        return subset, "subset_adjective"
    pointed = _of_them_antecedent(text, num, terms)
    if pointed is not None:
        return pointed, "anaphor"
    labelled = _list_label(text, num, terms)
    if labelled is not None:
        return labelled, "list_item"
    antecedent = _which_antecedent(text, num, c_start, terms)
    if antecedent is not None:
        return antecedent, "own_clause"
    in_clause = [t for t in terms if c_start <= t.start and t.end <= num.start]
    in_clause = [t for t in in_clause if not _own_number_between(view, t, num)] or in_clause
    if in_clause:
        term = _most_specific(in_clause)
        return (carried, "carried") if _kind_of_fraud_before(term, carried) else (term, "own_clause")
    # In brackets, and in Chinese run-on sentences (clauses joined by commas, each with its own
    # subject), the nearest earlier category word; in English the subject of the sentence, since a
    # comma there usually opens an aside ("Technology crimes, mainly involving online scams, rose ...").
    opened = _subject_after_a_comparison(text, view, num, terms)
    if opened is not None:
        return opened, "sentence_subject"
    if sent.in_brackets(num.start) or view.zh:
        earlier = [t for t in terms if t.end <= num.start] + _source_named_before(text, view, c_start)
        earlier.sort(key=lambda t: t.start)
        # "电话骗案 3213宗 诈骗案总数 39824宗": a crime followed by a number of its own is that number's
        earlier = [t for t in earlier if not _own_number_between(view, t, num)] or earlier
        if earlier:
            return _nearest_clause_term(sent, earlier), "earlier_in_sentence"
        if view.zh and carried is not None:  # Chinese names the topic first: a later word is a new clause's
            return carried, "carried"
    compared = _noun_of_the_level_compared(text, view, num, terms)
    if compared is not None:
        return compared, "own_clause"
    subject = _english_subject(text, view, num, terms)
    if subject is not None and _kind_of_fraud_before(subject, carried):
        return carried, "carried"
    if subject is not None:
        return subject, "sentence_subject"
    return carried, "carried"


def _noun_of_the_level_compared(
    text: str, view: SentenceView, num: NumberMention, terms: list[cats.Term]
) -> cats.Term | None:
    """ "... that 49 927 crimes were recorded in the first nine months, compared with 47 840": a level
    compared with counts what the level before it counts, named right after that level, whatever an
    opening clause ("In response to enquiries on the rise in deception") was about."""
    if not is_base_number(text, view.sentence, num):
        return None
    level = next(
        (
            n
            for n in reversed(view.numbers)
            if n.end <= num.start and n.form == num.form and n.start >= view.sentence.start
        ),
        None,
    )
    if level is None:
        return None
    return next(
        (t for t in terms if level.end <= t.start and _NOUN_RIGHT_AFTER.fullmatch(text, level.end, t.start)),
        None,
    )


_NOUN_RIGHT_AFTER = gated_compile(r"\s*")


# 與2014年的1 239宗相比，社交媒體騙案……; "Compared with 1,239 in 2014, social media frauds ...": a clause
# that opens the sentence on the level compared with, before the subject.
_COMPARISON_CLAUSE_OPENS = gated_compile(r"\W*(?:與|与|同|跟|和|(?i:compared\s+(?:with|to)|against)\b)")


def _subject_after_a_comparison(
    text: str, view: SentenceView, num: NumberMention, terms: list[cats.Term]
) -> cats.Term | None:
    """The crime of the main clause, for a level in an opening clause that compares with it."""
    sent = view.sentence
    c_start, c_end = sent.clause_bounds(num.start)
    if c_start != sent.start or not _COMPARISON_CLAUSE_OPENS.match(text, c_start):
        return None
    if any(c_start <= t.start < c_end for t in terms):
        return None  # the clause names its own crime
    zh_end = text[num.end : c_end + 1]
    if view.zh and not re.search(r"相比|比較|比较", zh_end):
        return None
    after = [t for t in terms if c_end <= t.start and not AGENT_NOUN.fullmatch(t.label)]
    return after[0] if after and sent.clause_bounds(after[0].start)[0] <= c_end + 2 else None


# the pointer words of POINTS_BACK right after a number: "1,153 such cases", 1 153宗此類案件
_POINTER_AFTER = gated_compile(
    rf"\s*(?:宗|起)?(?:{_POINTER})|\s+similar\s+(?:cases|crimes|scams|frauds|offences|reports)\b",
    re.IGNORECASE,
)


def _antecedent_in_sentence(
    text: str, view: SentenceView, num: NumberMention, c_start: int, terms: list[cats.Term]
) -> cats.Term | None:
    """ "most of it from e-mail scams ...; those scams alone cost businesses HK$570 million": "those scams"
    in the number's clause points at the crime the sentence named before it, a kind of fraud for a
    word of fraud. The crime may be one named as an example ("most of it from"): it is what the words
    point at."""
    pointer = next(
        (t for t in view.categories if c_start <= t.start < num.start and refers_back(text, t)), None
    )
    if pointer is None:
        return None
    before = [
        t
        for t in terms
        if view.sentence.start <= t.start
        and t.end <= pointer.start
        and not refers_back(text, t)
        and not (pointer.key == "deception" and t.key in _NOT_DECEPTION)
        and not AGENT_NOUN.fullmatch(t.label)
    ]
    return before[-1] if before else None


# "Scams drive 28.9pc jump in Hong Kong crime", "fuelled a 40 per cent rise in deception": the change is
# of the crime after "in", whatever drove it.
_CHANGE_IN_AFTER = gated_compile(
    r"\s*(?:[a-z-]+\s+)?(?:jump|rise|increase|surge|growth|climb|fall|drop|decline|decrease)\s+in\s+"
    r"(?:the\s+(?:number\s+of\s+)?)?(?:(?:hong\s+kong|local|reported|recorded)(?:'s)?\s+)?",
    re.IGNORECASE,
)


def _changed_after(text: str, num: NumberMention, terms: list[cats.Term], c_end: int) -> cats.Term | None:
    m = _CHANGE_IN_AFTER.match(text, num.end)
    if m is None:
        return None
    return next((t for t in terms if t.start == m.end() and t.start < c_end), None)


# A list item's label right before its value: "online shopping, 3,954 cases; investment, 1,271",
# "Investment: 6,330 | Phishing: 4,322", a table flattened to "Investment fraud | 6 330 | Phishing | 4 322"
# (the label and its value are two clauses of the sentence).
_LABEL_TO_VALUE = gated_compile(r"\s*[,:：|]\s*(?:HK\$|US\$|\$)?\s*")


# "a broader rise in technology crime, which reached 5,133 cases": the clause counts the noun before
# "which", not the sentence's subject ("The scams were part of ...").
_WHICH_OPENS = gated_compile(r"\s*(?:which|that)\b(?:[^,;]|(?<=\d),(?=\d)){0,60}$", re.IGNORECASE)


def _which_antecedent(
    text: str, num: NumberMention, c_start: int, terms: list[cats.Term]
) -> cats.Term | None:
    if not _WHICH_OPENS.match(text, c_start, num.start):
        return None
    before = [t for t in terms if t.end <= c_start]
    if before and re.fullmatch(r"\s*[,，]?\s*", text[before[-1].end : c_start]):
        return before[-1]
    return None


_ITEM_DOT = re.compile(r"[·•・‧]")


def _list_label(text: str, num: NumberMention, terms: list[cats.Term]) -> cats.Term | None:
    before = [t for t in terms if t.end <= num.start]
    if before and _LABEL_TO_VALUE.fullmatch(text, before[-1].end, num.start):
        return before[-1]
    return None


def _whole_of_share(
    view: SentenceView, num: NumberMention, examples: list[tuple[int, int]]
) -> list[cats.Term]:
    """ "Scams made up 44 per cent of the 90,276 crimes": the words after a share are masked, since they
    name the whole and not the subject, but a number in the whole is counted by the noun after it."""
    masks = [(s, e) for s, e in view.masked if s <= num.start < e]
    return [
        t
        for t in view.categories
        if any(s <= t.start < e for s, e in masks) and not any(s <= t.start < e for s, e in examples)
    ]


def _kind_of_fraud_before(subject: cats.Term, carried: cats.Term | None) -> bool:
    """An agent noun ("swindlers pocketed HK$20.3 million") says only that some fraud was done: when the
    sentences before named a kind of fraud, the sentence goes on about that kind."""
    return (
        carried is not None
        and AGENT_NOUN.fullmatch(subject.label) is not None
        and carried.key not in _NOT_DECEPTION
        and carried.key != "deception"
    )


_GENERIC = frozenset({"deception", "overall_crime"})


def _own_number_between(view: SentenceView, term: cats.Term, num: NumberMention) -> bool:
    return any(term.end <= n.start and n.end <= num.start for n in view.numbers)


def _nearest_clause_term(sent: Sentence, earlier: list[cats.Term]) -> cats.Term:
    """The category of the nearest earlier clause that names one, the kind of fraud before the generic
    word: in 其中因網上裸聊而遭到詐騙的案件,就有317宗 the clause before the number counts naked-chat cases."""
    c_start, _ = sent.clause_bounds(earlier[-1].start)
    return _most_specific([t for t in earlier if t.start >= c_start])


def _most_specific(terms: list[cats.Term]) -> cats.Term:
    """The last category word of a clause, unless a kind of fraud is named there beside the generic word:
    其中因網上裸聊而遭到詐騙的案件 counts naked-chat cases, not all deception."""
    specific = [t for t in terms if t.key not in _GENERIC and t.key != "unknown"]
    if terms[-1].key in _GENERIC and specific:
        return specific[-1]
    return terms[-1]


_OF_THEM = gated_compile(  # not "of these crimes": a noun after "these" is the whole pointed back at
    r"\s+of\s+(?:them|which|these)\s+(?:were\s+|being\s+)?"
    r"(?!(?:cases?|crimes?|scams?|frauds?|offences?|reports?|incidents?|reported|recorded|received|logged)\b)"
    r"(?P<adj>[a-z-]+)",
    re.IGNORECASE,
)


def _subset_adjective(text: str, num: NumberMention) -> cats.Term | None:
    """ "8,107 crimes were reported, 786 of them violent": the word after "of them" names the part's
    category when, as an adjective of "crimes", it is a category's name."""
    m = _OF_THEM.match(text, num.end)
    if m is None:
        return None
    found = cats.find_category_terms(f"{m.group('adj')} crimes")
    if not found or found[0].start != 0:
        return None
    return cats.Term(m.start("adj"), m.end("adj"), found[0].key, m.group("adj"))


# "a sharp drop in phone scams: there were 1,138 of them": "of them" with nothing after it points at the
# crime named last before it in the sentence, not at the sentence's subject.
_BARE_OF_THEM = gated_compile(r"\s+of\s+them\b(?!\s+(?:were\s+)?[a-z-]+\s+(?:cases|crimes))", re.IGNORECASE)


def _of_them_antecedent(text: str, num: NumberMention, terms: list[cats.Term]) -> cats.Term | None:
    if not _BARE_OF_THEM.match(text, num.end):
        return None
    before = [t for t in terms if t.end <= num.start]
    return before[-1] if before else None


def fraud_named(view: SentenceView, num: NumberMention) -> cats.Term | None:
    """The fraud word of the sentence nearest the number: money lost to crime "in general" in a sentence
    that names swindlers or a scam was lost to them, not to all crimes."""
    frauds = [
        t
        for t in view.categories
        if t.key not in _NOT_DECEPTION and not any(s <= t.start < e for s, e in view.masked)
    ]
    return min(frauds, key=lambda t: abs(t.start - num.start), default=None)


_COLON = gated_compile(r":\s")
# "While overall crime fell 3.2 per cent to 54,225 cases, deception went the other way, rising 18.1 per
# cent": the concession ends at the first comma after its own figure; the main clause has its subject.
CONCESSION_OPENS = gated_compile(
    r"\W*(?:(?:last|this)\s+year,?\s+|in\s+(?:19|20)\d\d,?\s+)?"
    r"(?:while|although|though|whereas|雖然|虽然|儘管|尽管)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_CLAUSE_COMMA = re.compile(r",\s")


def _main_clause_start(text: str, sent: Sentence, num: NumberMention) -> int | None:
    """Where the main clause after an opening concession starts, when `num` is in it."""
    opening = CONCESSION_OPENS.match(text, sent.start)
    if opening is None:
        return None
    digit = _DIGIT.search(text, opening.end(), num.start)
    if digit is None:
        return None
    comma = _CLAUSE_COMMA.search(text, digit.end(), num.start)  # not the comma inside "54,225"
    return comma.end() if comma else None


_AND_A_NEW_SUBJECT = gated_compile(
    r"[^.;:]{0,40}?(?:,?\s+(?:and|while|but|whereas)|;)\s+(?:the\s+)?", re.IGNORECASE
)


def _english_subject(
    text: str, view: SentenceView, num: NumberMention, terms: list[cats.Term]
) -> cats.Term | None:
    """The subject of the part of an English sentence a number is in.

    Items of a list split by semicolons each name their own subject ("6,678 online shopping fraud cases,
    involving HK$120 million; 212 investment scams ..."), and the whole a list is drawn from ("Among
    the technology crimes last year, ...") is not the subject of its items.
    """
    sent = view.sentence
    main = _main_clause_start(text, sent, num)
    if main is not None:
        in_main = [t for t in terms if main <= t.start < num.start]
        if in_main:
            return in_main[0]
    joins = [m.end() for m in _LATER_CLAUSE.finditer(text, sent.start, num.start)]  # "; 212 ...", ", as ..."
    # "the threat is not limited to scams: ransomware cases nearly quadrupled ..., to 26 from seven"
    joins += [m.end() for m in _COLON.finditer(text, sent.start, num.start)]
    # "Violent crime dropped 15.9 per cent and deception, still the largest category, fell 2.9 per cent":
    # a crime named after another figure's number opens the part of the sentence that is its own
    joins += [
        n.end
        for n in view.numbers
        if n.end <= num.start
        and any(_AND_A_NEW_SUBJECT.fullmatch(text, n.end, t.start) for t in terms if t.end <= num.start)
    ]
    seg_start = max(joins, default=sent.start)
    in_segment = [t for t in terms if seg_start <= t.start < num.start]
    if seg_start > sent.start and in_segment:
        return in_segment[0]
    terms = [t for t in terms if t.start < num.start or not _CLAUSE_AFTER.search(text[num.end : t.start])]
    own = [t for t in terms if not _WHOLE_BEFORE.search(text[max(sent.start, t.start - 20) : t.start])]
    # "Fraudsters out to con companies through e-mail deception": the kind of fraud named is the subject
    own = [t for t in own if not AGENT_NOUN.fullmatch(t.label)] or own
    chosen = own or terms
    return chosen[0] if chosen else None


def refers_back(text: str, term: cats.Term) -> bool:
    """ "such scams", 該類騙案: a generic word that points back to the category already named."""
    return term.key in ("deception", "overall_crime") and bool(
        _ANAPHORA_BEFORE.search(text[max(0, term.start - 24) : term.start])
    )


def other_crimes(figures: list[Figure], include_other: bool) -> list[Figure]:
    """Figures about a crime outside the series (category "unknown"): dropped, or on request named by
    the shipped category file (blackmail, burglary ...)."""
    if not include_other:
        return [f for f in figures if f.category != "unknown"]
    for fig in figures:
        if fig.category == "unknown" and fig.source_label:
            fig.category = lookup_category(fig.source_label) or "unknown"
    return figures
