"""What kind of figure a number is: a level, a change in percent, an absolute change, a multiplier;
and what it is not of its own (a share of a whole, a base "from X"). Also its qualifier (exact,
approx, more_than, less_than).

The kind decides where a number's period and metric come from, so it is read first.
"""

from __future__ import annotations

import re

from transform.figures.model import SentenceView
from transform.figures.numbers import NumberMention
from transform.figures.qualifiers import change_direction, direction_after, qualifier_after, qualifier_before
from transform.figures.refusals import cites_figures
from transform.figures.segment import Sentence
from transform.regex_gate import gated_compile

_CHANGE_BEFORE_ABS = gated_compile(
    r"(?:\b(?:increase[sd]?|rise|rose|risen|jump(?:ed)?|surge[sd]?|grew|growth|upsurge|drop(?:ped)?|"
    r"decrease[sd]?|decline[sd]?|fell|fall|reduction|down"
    r"|climb(?:ed|s)?|soar(?:ed|s)?|spike[sd]?|plunge[sd]?|plummeted|dipped|slid|shrank|slump(?:ed|s)?|slipped"
    # the participles: "Violent crime went the other way, falling by 569 cases to 4,084"
    r"|rising|falling|increasing|decreasing|declining|dropping|climbing|growing|jumping|soaring|surging"
    r"|plunging|sliding|dipping"
    r"|(?<!made )(?<!make )(?<!makes )(?<!making )(?<!set )up)"
    r"(?:\s+(?:of|by))?"
    r"|增加|增長|上升|急升|飆升|減少|减少|下跌|下降|多出|多了|少了|增|減|减|升|跌"
    r"|(?:即|亦即|即是|也就是)\s*(?:多|少))"  # 上升13.5%，即多537宗: the same change in cases
    r"(?:(?<=[^\x00-\x7f])了)?"
    r"\s*(?:(?:some|about|around|nearly|almost|over|more\s+than|less\s+than|逾|約|约|近|超過|超过)\s*)?$",
    re.IGNORECASE,
)


_LEVEL_BEFORE = gated_compile(
    r"(?:\b(?:to|at|reached|reaching|totalled|totaling|totalling|was|were|total\s+of)"
    r"|[至到達达為为是有])\s*(?:(?:some|about|around|nearly|almost|over|more\s+than|約|约|近|逾)\s*)?$",
    re.IGNORECASE,
)


_BASE_BEFORE = gated_compile(
    r"(?:\bfrom(?:\s+the)?|\bcompared\s+(?:with|to)(?:\s+the)?"
    r"|(?<!more )(?<!less )(?<!fewer )\bthan(?:\s+the)?"
    r"|\b(?:more|less|fewer)\s+than\s+(?:the|those|that\s+of)"
    r"|\bagainst(?:\s+the)?|(?:%|\bper\s?cent|\bpercent)\s+(?:on|over)(?:\s+the)?|"  # "45.1 per cent on the"
    r"\b(?:double|twice|triple|treble)\s+the|"  # "almost double the 8,216 of 2019"
    r"\bversus|\bvs\.?|較|较|比|由|從|从|與|与|對比|对比|相對於?|相对于?|相比)\s*(?:(?:just|only|merely|a\s+mere|some|about|around|nearly|almost|over|more\s+than|"
    r"約|约|近|逾)\s*)?$",
    re.IGNORECASE,
)


# The change named before its subject and the number after "by": "a rise in the number of X cases by 523".
_RISE_IN_THE_NUMBER_BY = gated_compile(
    r"\b(?:an?\s+)?(?P<noun>rise|increase|growth|drop|decrease|fall|decline|reduction)\s+in\s+"
    r"(?:the\s+)?(?:number|count|total)\s+of\s+[^\d,;:()]{0,60}?\s+by\s*$",
    re.IGNORECASE,
)


_SHARE_BEFORE = gated_compile(
    r"(?:\baccount(?:s|ed|ing)?\s+for|\brepresent(?:s|ed|ing)?|\bmade\s+up|\bmak(?:e|es|ing)\s+up|"
    r"(?P<ratio>\bshare\s+of|\bproportion|比例|比率)|佔|占|當中|当中|其中)(?P<gap>[^0-9]{0,12})$",
    re.IGNORECASE,
)


_RATIO_WORD = gated_compile(r"\bshare\b|\bproportion\b|比例|比率", re.IGNORECASE)


_SHARE_AFTER = gated_compile(
    r"^\s*(?:of\b|涉及|為|为|是|屬|属|來自|来自|的(?:受害人|個案|案件|事主))", re.IGNORECASE
)


_SINGLE_CASE = gated_compile(
    r"\b(?:a|an|one)\s+(?:\d+-year-old\s+|local\s+|young\s+|elderly\s+|female\s+|male\s+)*"
    r"(?:woman|man|victim|company|firm|person|student|retiree|housewife|resident|businessman|businesswoman|clerk|"
    r"teenager|girl|boy|lady|customer|employee|worker|professional|doctor|nurse|teacher|pensioner|individual|case)\b"
    r"|\b(?:single|largest|biggest|highest)\s+(?:single\s+)?(?:case|loss|victim)|\bin\s+one\s+case"
    r"|\bone\s+of\s+(?:which|them|the\s+cases)\b"
    r"|\b(?:on\s+)?average\b|\bper\s+(?:victim|case|person|head)\b|\beach\b"
    r"|\b(?:the\s+)?(?:largest|biggest|highest|single\s+largest)\b"
    r"|平均|每人|每宗|每名|一名|一宗|單一|单一|最大一宗|最高一宗|男子|女子|婦人|妇人|老婦|老妇|老翁|婆婆|少女"
    r"|一間公司|一间公司|一名事主|金額最高|金额最高|最高金額|最高金额|最大金額|最大金额|損失最多|损失最多|最大宗",
    re.IGNORECASE,
)


# Money that is not a loss to crime: penalties, bail, rewards, prices, budgets.
_NOT_A_LOSS = gated_compile(
    # "scams cost victims HK$300 million", "costing victims HK$19 million", "cost firms HK$760 million" is
    # a loss: "cost" before the people (or firms) who paid it
    r"\bcost(?:s|ing)?\b(?!\s+(?:the\s+)?(?:victims?|public|people|residents|citizens|them|Hongkongers|consumers|investors"
    r"|firms|companies|businesses|enterprises|employers)\b)"
    r"|\b(?:fine[sd]?|penalty|bail|reward|bounty|salary|salaries|wages?|(?<!victims\s)paid\s+\w+|price[sd]?|budget|"
    r"funding|allocat\w+|grant|compensation|worth|commission|fee|froze|frozen|freez\w+|seized|confiscated"
    r"|typical(?:ly)?"
    r"|premiums?|payouts?|capped|insured|subscriptions?)\b"
    r"|\b(?:market|street)\s+value\b|\bvalued\s+at\b|\b(?:recovered|retrieved|returned|refunded)\b"
    r"|追回|截回|退回|取回|討回|讨回"
    # money kept, not lost: "helped her grandmother avoid losing HK$500,000", 避免損失
    r"|\b(?:avoid(?:ed|ing)?|prevent(?:ed|ing)?|spar(?:e|ed|ing))\s+(?:\w+\s+){0,3}?(?:from\s+)?losing\b"
    r"|避免(?:了)?(?:損失|损失)|免(?:於|于)(?:損失|损失)"
    r"|罰款|罰|保釋|懸紅|薪金|月薪|工資|報酬|佣金|價格|售價|預算|撥款|資助|成本|賠償|凍結|冻结|充公|沒收|没收|市值"
    r"|保費|保费|保額|保额|賠償上限|赔偿上限",
    re.IGNORECASE,
)


# A sentence about a court case speaks of one case, however large.
_COURT = gated_compile(
    r"\b(?:sentenced|jailed|convicted|pleaded|magistrate|court|judge)\b|判囚|判監|判刑|被控|法庭|裁判|提堂",
    re.IGNORECASE,
)


# A count that is a difference: "2,392 more than", "397 cases or 8.3% more than", 較去年同期多2 392宗.
_DIFFERENCE_AFTER = gated_compile(
    r"^\s*(?:(?:cases?|reports?|crimes?|people|persons)\s+)?"
    r"(?:,?\s*or\s+\d+(?:\.\d+)?\s?(?:%|per\s?cent|percent)\s+)?(?P<dir>more|fewer|less|higher|lower)"
    # "up from 18,743: 1,154 more, or a rise of 6.2 per cent"; "which is 212 fewer cases"
    r"(?:\s+than\b|\s+(?:cases?|crimes?|reports?|offences|frauds|scams)\b|\s*(?=[,;.)]|$))",
    re.IGNORECASE,
)


def is_difference(text: str, num: NumberMention) -> bool:
    """ "1,268 fewer than in 2024", "212 fewer cases": the number is a difference of counts."""
    return bool(_DIFFERENCE_AFTER.match(text[num.end : num.end + 40]))


# The year compared with may be written out: 較2012年少3000宗 is 較前年少3000宗.
_ZH_DIFFERENCE_BEFORE = gated_compile(
    r"(?:較|较|比)(?:(?:19|20)\d\d\s*年|[^，。,;；\d]){0,12}(?P<dir>多|少)(?:了|出|咗)?"
    r"\s*(?:逾|超過|超过|近|約|约|接近)?\s*$"  # 比2015年少逾1740宗: a bound before the number
)


# 按年多1 154宗, 較去年同期的18 743宗多1 154宗, and a clause that opens on 多/少 after a comparison
# (由3 855宗增至8 129宗，多4 274宗).
_ZH_DIFFERENCE_OPENS = gated_compile(
    r"(?:按年|按年計|按年计|同比|宗)(?P<dir>多|少)(?:了|出|咗)?\s*(?:逾|超過|超过|近|約|约)?\s*$"
    r"|^\s*(?P<dir2>多|少)(?:了|出|咗)?\s*(?:逾|超過|超过|近|約|约)?\s*$"
)


# A share's earlier level: "up from roughly 15 per cent", "由約一成半".
_FROM_BEFORE = gated_compile(
    r"\b(?:up|down|rising|falling|risen|fallen)\s+from\s+(?:about\s+|roughly\s+|around\s+|some\s+|nearly\s+)?$"
    r"|(?:由|從|从)\s*(?:約|约)?$",
    re.IGNORECASE,
)


_SHARE_WORD = gated_compile(
    r"\baccount(?:s|ed|ing)?\s+for\b|\bma(?:k(?:e|es|ing)|de)\s+up\b|\bshare\s+of\b|\bproportion\b|佔|占|比例|比率",
    re.IGNORECASE,
)


def _share_start(text: str, sent: Sentence, num: NumberMention) -> int | None:
    """Where a share phrase starts ("accounting for 40% of", 佔整體罪案43.9%, 62.3%涉及), or None.

    A share is not a figure of its own, and the category it names after the marker is the whole it is
    a share of, not the subject: the words from the marker to the end of the clause are masked.
    """
    c_start, _ = sent.clause_bounds(num.start)
    before = text[c_start : num.start]
    marker = _SHARE_BEFORE.search(before)
    # "representing a rise of 5%", "representing a 42.6% increase": a change, not a share
    # ... but a proportion that rises is still a proportion: 佔整體罪案的比例已升至接近四成
    ratio = marker is not None and (marker.group("ratio") or _RATIO_WORD.search(marker.group("gap")))
    changes = change_direction(marker.group("gap")) if marker and not ratio else 0
    if marker and not changes and not direction_after(text[num.end : num.end + 20]):
        return c_start + marker.start()
    after = text[num.end : num.end + 12]
    if _SHARE_AFTER.match(after) and change_direction(before) == 0 and num.sign == 0:
        return num.start
    if _FROM_BEFORE.search(before) and _SHARE_WORD.search(text, sent.start, c_start):
        return num.start  # "accounts for nearly half of all crime, up from roughly 15 per cent in 2018"
    return None


# "climbed 28 per cent to HK$2.03 billion", 上升28%至20.3億元: the level reached after the change.
_TO_LEVEL_GAP = gated_compile(
    r"^\s*[,，]?\s*(?:year[\s-]+on[\s-]+year\s+|from\s+a\s+year\s+(?:earlier|ago)\s+)?(?:to|至|到)\s*"
    r"(?:about|around|some|nearly|almost|over|more\s+than|約|约|逾|超過|超过|近)?\s*$",
    re.IGNORECASE,
)


def level_reached(view: SentenceView, num: NumberMention) -> NumberMention | None:
    """The level a change ends at, written right after it ("up 28% to HK$2.03bn"), or None."""
    sentence, offset = view.sentence.text, view.sentence.start
    for n in view.numbers:
        if n.start >= num.end and n.form in ("count", "money"):
            gap = sentence[num.end - offset : n.start - offset]
            return n if len(gap) <= 30 and _TO_LEVEL_GAP.match(gap) else None
    return None


def is_base_number(text: str, sent: Sentence, num: NumberMention) -> bool:
    c_start, _ = sent.clause_bounds(num.start)
    window = text[max(0, c_start - 1, num.start - 40) : num.start]
    m = _BASE_BEFORE.search(window)
    if m is None:
        return False
    if m.group().lower().startswith("from"):
        return _from_compares(text, sent, num)
    return True


def _from_compares(text: str, sent: Sentence, num: NumberMention) -> bool:
    """ "up from 27,923", "doubled from 466 cases in 2014 to 940": "from" names a level compared with
    when a change is told before it or a "to" level follows; "HK$2.66 billion was lost, from 16,182
    crimes" says where the amount came from."""
    before = text[sent.start : num.start]
    return (
        bool(change_direction(before))
        or bool(_MULTIPLIED.search(before))
        or bool(_FROM_TO.match(text[num.end : min(sent.end, num.end + 60)]))
    )


_FROM_TO = gated_compile(r"[^,;.，；。]{0,45}?(?:\bto\b|至|到)", re.IGNORECASE)
# "tripled to 6,678 from 2,194": a multiple is a change too, and its "from" level the one compared with
_MULTIPLIED = gated_compile(r"\b(?:doubled|tripled|trebled|quadrupled|halved)\b", re.IGNORECASE)


# "降幅大約有6%", "升幅達13.5%", "rose by 7%": the words name a rate of change, not a level.
_RATE_OF_CHANGE_BEFORE = gated_compile(
    r"(?:幅|by)\s*(?:更|亦|也|則|则|仍|再|都)?\s*(?:大約|大约|約|约|接近|近|高)?\s*(?:達|达|為|为|有|是)?"
    r"\s*(?:大約|大约|約|约|接近|近)?\s*$"
)


# A sentence about a rate of change: "The year-on-year rise in overall crime has narrowed, from 48.4 per
# cent in the first quarter to 34.6 per cent for the first eight months", 升幅由首季的48.4%逐步回落. Its
# percentages are that change in each period, not shares.
_RATE_OF_CHANGE_SUBJECT = gated_compile(
    r"\b(?:year[\s-]+on[\s-]+year|annual|yearly)\s+(?:(?P<up>rise|increase|growth|jump)|(?P<down>fall|drop|decline"
    r"|decrease))\b"
    r"|(?P<zh_up>升幅|增幅)\s*(?:由|從|从)|(?P<zh_down>跌幅|降幅|減幅|减幅)\s*(?:由|從|从)",
    re.IGNORECASE,
)
_A_RATE_BETWEEN = gated_compile(rf"\brates?\b|率|佔|占|{_RATIO_WORD.pattern}", re.IGNORECASE)


def _rate_of_change_subject(text: str, sent: Sentence, num: NumberMention) -> int:
    """The sign of the rate of change the sentence is about before the number, or 0."""
    m = max(
        _RATE_OF_CHANGE_SUBJECT.finditer(text, sent.start, num.start), key=lambda m: m.start(), default=None
    )
    if m is None or _A_RATE_BETWEEN.search(text, m.end(), num.start):
        return 0
    return 1 if (m.group("up") or m.group("zh_up")) else -1


# 2022年的升幅為8.7%，2020年則為6.8%: a later clause that says "was" again speaks of the same rate.
_ZH_AGAIN_BEFORE = gated_compile(r"(?:則|则|亦|也|就)\s*(?:為|为|是|有|達|达)\s*$")
_ZH_RATE_NOUN = gated_compile(r"(?P<up>升幅|增幅)|(?P<down>跌幅|降幅|減幅|减幅)")


def _rate_named_again(text: str, sent: Sentence, num: NumberMention, before: str) -> int:
    """The sign of the rate of change an earlier clause named, when this clause says it again; or 0."""
    if not _ZH_AGAIN_BEFORE.search(before):
        return 0
    c_start = sent.clause_bounds(num.start)[0]
    m = max(_ZH_RATE_NOUN.finditer(text, sent.start, c_start), key=lambda m: m.start(), default=None)
    if m is None:
        return 0
    return 1 if m.group("up") else -1


def read_kind(text: str, sent: Sentence, num: NumberMention) -> tuple[str, int] | None:
    """(kind, sign) of a number, or None when a percentage is neither a change nor a rate."""
    c_start, _ = sent.clause_bounds(num.start)
    before = text[c_start : num.start]
    if num.form == "fold":
        return "fold", 1
    if num.form in ("count", "money"):
        if num.sign:
            return "change_abs", num.sign
        m = _CHANGE_BEFORE_ABS.search(text[max(0, num.start - 30) : num.start])
        if m:
            return "change_abs", change_direction(m.group()) or 1
        by = _RISE_IN_THE_NUMBER_BY.search(before)
        if by:  # "a rise in the number of telephone deception cases by 523"
            return "change_abs", change_direction(by.group("noun"))
        m = _DIFFERENCE_AFTER.match(text[num.end : num.end + 40])
        if m:
            return "change_abs", 1 if m.group("dir").lower() in ("more", "higher") else -1
        m = _ZH_DIFFERENCE_BEFORE.search(text[max(c_start, num.start - 20) : num.start])
        if m:
            return "change_abs", 1 if m.group("dir") == "多" else -1
        m = _ZH_DIFFERENCE_OPENS.search(before)
        if m:
            return "change_abs", 1 if (m.group("dir") or m.group("dir2")) == "多" else -1
        if _PERCENT_OR_BEFORE.search(before) and change_direction(before):
            return "change_abs", change_direction(before)  # "up 6.8 per cent or 4,007 cases from 2019"
        if _restates(sent, num, before):
            # "up 52.1 per cent (6 417 cases)", "rose 47.3%, or 5,024 cases": the change restated in cases;
            # "grew more modestly, by 1,154": a clause opening on "by" is the size of the change before it
            prev = text[max(sent.start, c_start - 25) : c_start]
            if _BY_OPENS.match(before) or re.search(r"(?:%|per\s?cent|percent)\s*\W?$", prev, re.IGNORECASE):
                direction = change_direction(text[sent.clause_bounds(c_start - 2)[0] : c_start])
                if direction:
                    return "change_abs", direction
        return "level", 1
    if num.form == "points":
        return "change_abs", num.sign or change_direction(before) or direction_after(
            text[num.end : num.end + 20]
        )
    if num.sign:
        return "change_pct", num.sign
    after_dir = direction_after(text[num.end : num.end + 30])  # " year-on-year increase" is 22
    if after_dir:
        return "change_pct", after_dir
    rate_of_change = _rate_of_change_subject(text, sent, num)
    if rate_of_change:
        return "change_pct", rate_of_change
    again = _rate_named_again(text, sent, num, before)
    if again:
        return "change_pct", again
    if _LEVEL_BEFORE.search(before[-20:]) and not _RATE_OF_CHANGE_BEFORE.search(before):
        return "level", 1
    direction = change_direction(before) or _list_direction(text, sent, num)
    if not direction and (_restates(sent, num, before) or _apposed_to_a_change(text, sent, num, before)):
        # "rose by 11 901 cases (42.6 per cent)", "went up by 5,024, or 47.3%": the same change restated
        direction = change_direction(text[sent.clause_bounds(c_start - 2)[0] : c_start])
    return ("change_pct", direction) if direction else ("level", 1)


# ", or 47.3%", ", i.e. 5 024 cases", "，即": the number after it restates the change before it; so does
# a clause opening on "by" ("Violent crime fell more sharply, by 10.3 per cent").
_RESTATES = gated_compile(
    r"^\s*(?:(?:or|i\.e\.,?|that\s+is,?|即|亦即)\s*(?:by\s+)?|by\s+)"
    r"(?:(?:about|around|nearly|almost|some|roughly|approximately|over|more\s+than|約|约|近|逾)\s*)?$",
    re.IGNORECASE,
)


# "That is a steep rise, 45.1 per cent on the 19,249 cases of 2021": a clause opening on the number
# after a clause that ends on the noun of a change says how large that change was.
_CHANGE_NOUN_ENDS = gated_compile(
    r"\b(?:rise|increase|jump|surge|climb|growth|fall|drop|decline|decrease|slide|dip)\s*[,，:]\s*$",
    re.IGNORECASE,
)


def _apposed_to_a_change(text: str, sent: Sentence, num: NumberMention, before: str) -> bool:
    c_start, _ = sent.clause_bounds(num.start)
    return (
        not before.strip()
        and c_start > sent.start
        and bool(_CHANGE_NOUN_ENDS.search(text, sent.start, c_start))
    )


_BY_OPENS = gated_compile(r"^\s*by\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+)?$", re.IGNORECASE)


# "up 6.8 per cent or 4,007 cases": a change in per cent, then "or" and the same change in cases
_PERCENT_OR_BEFORE = gated_compile(r"(?:%|\bper\s?cent|\bpercent)\s*,?\s+or\s+(?:by\s+)?$", re.IGNORECASE)


def _restates(sent: Sentence, num: NumberMention, before: str) -> bool:
    """The number restates the change of the clause before it: a bracket opening on the number
    ("(42.6 per cent)"), or the words of `_RESTATES` (", or 47.3%")."""
    return (sent.in_brackets(num.start) and not before.strip()) or bool(_RESTATES.match(before))


_PCT = r"\d+(?:\.\d+)?\s*(?:%|per\s?cent|percent)"
_JOIN = r"\s*(?:[、,，]|\band\b|及|和|與|与|以及)\s*"
# The members before a number in a list of percentages: "fell by 28%, 25% and " / 減少28%、25%及
_PERCENT_LIST_BEFORE = gated_compile(rf"{_PCT}(?:{_JOIN}{_PCT})*{_JOIN}$", re.IGNORECASE)


def _list_direction(text: str, sent: Sentence, num: NumberMention) -> int:
    """A later member of a list of changes has the direction of the first: "fell by 28%, 25% and 3.7%"."""
    prefix = text[max(sent.start, num.start - 80) : num.start]
    m = _PERCENT_LIST_BEFORE.search(prefix)
    if m is None:
        return 0
    first = num.start - len(prefix) + m.start()
    return change_direction(text[sent.clause_bounds(first)[0] : first])


# What an amount is, named right after it (matched at the amount's end, so no ^): 'a HK$300 "customs
# fee"', 八萬元「通關費」; and an amount
# nearly paid (差點匯出八萬元) was not lost.
_NOT_A_LOSS_AFTER = gated_compile(
    r"\s*[\"“「]?\s*(?:[a-z-]+\s+)?(?:fees?|charges?|deposits?|fines?|rewards?|bail|ransom|premiums?)\b"
    r"|\s*(?:的)?[「“\"]?(?:手續費|手续费|通關費|通关费|保證金|保证金|訂金|订金|按金|罰款|罚款|贖金|赎金)",
    re.IGNORECASE,
)
_NEARLY_BEFORE = gated_compile(
    r"(?:差點|差点|險些|险些|幾乎|几乎|\bnearly\s+(?:lost|paid|sent))[^，,。；]{0,6}$", re.IGNORECASE
)


def is_aggregate_money(text: str, sent: Sentence, num: NumberMention, kind: str) -> bool:
    """A total lost or involved, not one victim's loss, a fine, a bail, a reward or a price."""
    clause_before = text[sent.clause_bounds(num.start)[0] : num.start]
    if _NOT_A_LOSS.search(clause_before) or (_COURT.search(sent.text) and not cites_figures(sent.text)):
        return False
    if _NOT_A_LOSS_AFTER.match(text, num.end) or _NEARLY_BEFORE.search(clause_before):
        return False
    return kind != "level" or not _SINGLE_CASE.search(clause_before)


def rate_named(view: SentenceView, num: NumberMention) -> bool:
    return any(t.key == "detection_rate" and t.end <= num.start for t in view.metrics)


def mask_shares(text: str, view: SentenceView) -> list[NumberMention]:
    """Drop shares, and mask the words after them: "68 per cent were related to online fraud" names a
    part, not the subject. A percentage that is neither a change nor a named rate is read as a share."""
    kept = []
    for num in view.numbers:
        start = _share_start(text, view.sentence, num) if num.form == "percent" else None
        if start is None and num.form == "percent" and not rate_named(view, num):
            kind = read_kind(text, view.sentence, num)
            start = num.start if kind is not None and kind[0] == "level" else None
        if start is not None:
            view.masked.append((start, view.sentence.clause_bounds(num.start)[1]))
        else:
            kept.append(num)
    return kept


def read_qualifier(text: str, num: NumberMention) -> str:
    return (
        qualifier_before(text[max(0, num.start - 25) : num.start])
        or num.suffix_qualifier
        or qualifier_after(text[num.end : num.end + 10])
        or "exact"
    )
