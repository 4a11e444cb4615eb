"""Read every statistical figure in a news or press-release text the way a careful reader would.

For each number (see numbers.py) the extractor decides, from the words around it:

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
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import partial

from transform.categories import lookup_category
from transform.exceptions import TextTooLong
from transform.figures import categories_text as cats
from transform.figures.confidence import confidence
from transform.figures.jurisdictions import find_places, looks_simplified
from transform.figures.numbers import NumberMention, find_numbers, normalise
from transform.figures.qualifiers import change_direction, direction_after, qualifier_after, qualifier_before
from transform.figures.respectively import has_list_marker, spread
from transform.figures.segment import Sentence, split_sentences
from transform.figures.tables import TableRow, find_table_rows, table_spans
from transform.numerals import spell_out
from transform.periods import (
    MonthRef,
    Period,
    SamePeriodRef,
    find_period_mentions,
    period_from_label,
    shift_year,
)

__all__ = ["MAX_NUMBERS_PER_SENTENCE", "MAX_TEXT_CHARS", "Figure", "extract_figures"]

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
        """A JSON-serialisable dict (dates as ISO strings)."""
        out = asdict(self)
        for key in ("period_start", "period_end"):
            out[key] = None if out[key] is None else out[key].isoformat()
        return out


# --- word patterns --------------------------------------------------------------------------------------

_CHANGE_BEFORE_ABS = re.compile(
    r"(?:\b(?:increase[sd]?|rise|rose|risen|jump(?:ed)?|surge[sd]?|grew|growth|upsurge|drop(?:ped)?|"
    r"decrease[sd]?|decline[sd]?|fell|fall|reduction|down"
    r"|(?<!made )(?<!make )(?<!makes )(?<!making )(?<!set )up)"
    r"(?:\s+(?:of|by))?"
    r"|增加|增長|上升|急升|飆升|減少|减少|下跌|下降|多出|多了|少了|增|減|减|升|跌)"
    r"(?:(?<=[^\x00-\x7f])了)?"
    r"\s*(?:(?:some|about|around|nearly|almost|over|more\s+than|less\s+than|逾|約|约|近|超過|超过)\s*)?$",
    re.IGNORECASE,
)
_LEVEL_BEFORE = re.compile(
    r"(?:\b(?:to|at|reached|reaching|totalled|totaling|totalling|was|were|total\s+of)"
    r"|[至到達达為为是有])\s*(?:(?:some|about|around|nearly|almost|over|more\s+than|約|约|近|逾)\s*)?$",
    re.IGNORECASE,
)
_BASE_BEFORE = re.compile(
    r"(?:\bfrom(?:\s+the)?|\bcompared\s+(?:with|to)(?:\s+the)?"
    r"|(?<!more )(?<!less )(?<!fewer )\bthan(?:\s+the)?"
    r"|\b(?:more|less|fewer)\s+than\s+(?:the|those|that\s+of)"
    r"|\bagainst(?:\s+the)?|"
    r"\bversus|\bvs\.?|較|较|比|由|從|从|與|与|對比|对比|相對於?|相对于?|相比)\s*(?:(?:some|about|around|nearly|almost|over|more\s+than|"
    r"約|约|近|逾)\s*)?$",
    re.IGNORECASE,
)
_COMPARISON_BEFORE_PERIOD = re.compile(
    r"(?:\bfrom|\bcompared\s+(?:with|to)|\bthan(?:\s+in)?|\bagainst|\bover|\bon|\bversus|\bvs\.?|\bbetween"
    r"|\b(?:up|down|rise|increase|decrease|drop|fall)\s+(?:from|on|over)"
    r"|較|较|比|與|与|由|從|从|相對於?|相对于?|相比|相較於?|相较于?|對比|对比)"
    r"\s*(?:the\s+)?(?:(?:figures?|numbers?|totals?|levels?|counts?)\s+(?:of|for|in|recorded\s+in)\s+)?$",
    re.IGNORECASE,
)
_SHARE_BEFORE = re.compile(
    r"(?:\baccount(?:s|ed|ing)?\s+for|\brepresent(?:s|ed|ing)?|\bmade\s+up|\bmaking\s+up|\bshare\s+of|"
    r"\bproportion|佔|占|當中|当中|其中|比例|比率)(?P<gap>[^0-9]{0,12})$",
    re.IGNORECASE,
)
_SHARE_AFTER = re.compile(
    r"^\s*(?:of\b|涉及|為|为|是|屬|属|來自|来自|的(?:受害人|個案|案件|事主))", re.IGNORECASE
)
_SINGLE_CASE = re.compile(
    r"\b(?:a|an|one)\s+(?:\d+-year-old\s+|local\s+|young\s+|elderly\s+|female\s+|male\s+)*"
    r"(?:woman|man|victim|company|firm|person|student|retiree|housewife|resident|businessman|businesswoman|clerk|"
    r"teenager|girl|boy|lady|customer|employee|worker|professional|doctor|nurse|teacher|pensioner|individual|case)\b"
    r"|\b(?:single|largest|biggest|highest)\s+(?:single\s+)?(?:case|loss|victim)|\bin\s+one\s+case"
    r"|\b(?:on\s+)?average\b|\bper\s+(?:victim|case|person|head)\b|\beach\b"
    r"|\b(?:the\s+)?(?:largest|biggest|highest|single\s+largest)\b"
    r"|平均|每人|每宗|每名|一名|一宗|單一|单一|最大一宗|最高一宗|男子|女子|婦人|妇人|老婦|老妇|老翁|婆婆|少女"
    r"|一間公司|一间公司|一名事主|金額最高|金额最高|最高金額|最高金额|最大金額|最大金额|損失最多|损失最多|最大宗",
    re.IGNORECASE,
)
# Money that is not a loss to crime: penalties, bail, rewards, prices, budgets.
_NOT_A_LOSS = re.compile(
    r"\b(?:fine[sd]?|penalty|bail|reward|bounty|salary|salaries|wages?|paid\s+\w+|price[sd]?|costs?|budget|"
    r"funding|allocat\w+|grant|compensation|worth|commission|fee)\b"
    r"|罰款|罰|保釋|懸紅|薪金|月薪|工資|報酬|佣金|價格|售價|預算|撥款|資助|成本|賠償",
    re.IGNORECASE,
)
# What one operation found is not a statistic: "In a single anti-scam operation, officers arrested 1,200",
# 警方在一次行動中拘捕 ...
_OPERATION = re.compile(
    r"\b(?:in|during|through)\s+(?:a|an|one|the|this|that|its|their)\s+(?:single\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:operation|raid|crackdown|swoop)\b"
    r"|\b(?:those|the\s+persons?|the\s+people|the\s+suspects?)\s+arrested\b|\b(?:the\s+)?arrestees\b"
    r"|\b(?:they|the\s+suspects?|the\s+syndicates?|the\s+gangs?)\s+(?:were|was|are|is)\s+(?:allegedly\s+)?"
    r"(?:involved|linked|connected)\b"
    r"|被捕人|被捕者|被捕的?人士|疑犯涉及|集團涉及|集团涉及|團伙涉及|团伙涉及|該集團|该集团"
    r"|行動中|行动中|一次行動|一次行动|是次行動|是次行动|該次行動|该次行动|此次行動|此次行动|這次行動|这次行动",
    re.IGNORECASE,
)
# Numbers of people who are not victims or arrested: "about 200 officers were redeployed".
_STAFF_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+)?(?:police\s+)?(?:officers?|staff|personnel|officials|employees|detectives|constables)\b"
    r"|^\s*(?:名)?(?:警員|警员|警務人員|警务人员|人員|人员|職員|职员)",
    re.IGNORECASE,
)
# One person's story: "In one case, a 72-year-old retired teacher lost HK$14 million",
# "一名68歲女子……被騙去230萬元".
_INDIVIDUAL = re.compile(
    r"\b\d{1,3}-year-old\b|\d{1,3}\s*[歲岁]|^\s*(?:in\s+(?:one|another|a\s+separate)\s+case\b)"
    r"|^\s*(?:其中一宗|另一宗|一宗案件中|在一宗)",
    re.IGNORECASE,
)


# Numbers that label or describe, not count: "section 161", "(Cap. 200)", 第200章, "a 24-hour hotline",
# "a 33 000-strong Force", ages ("aged 20 to 30", 年約20至30歲), the hotline number (致電18222).
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:sections?|s\.|cap\.?|chapter|article|rule|regulation|paragraph|clause|no\.|aged?)"
    r"|hotline|熱線|热线|致電|致电|撥打|拨打|致電熱線|第)\s*$",
    re.IGNORECASE,
)
_LABEL_AFTER = re.compile(
    r"^(?:-[a-z]|\s*(?:條|条|章|歲|岁|years?\s+old\b|號|号))|^\s*(?:至|to|-)\s*\d+\s*(?:歲|岁)", re.IGNORECASE
)
_HOTLINE_BEFORE = re.compile(
    r"(?:hotline|熱線|热线|致電|致电|撥打|拨打|call|dial)[^\d。.;；]{0,25}$", re.IGNORECASE
)
# One victim's story told without "a man": "An employee was tricked into transferring HK$200 million in
# that case".
_ONE_VICTIM = re.compile(
    r"\bwas\s+(?:tricked|cheated|duped|deceived|conned|swindled)\b|\bin\s+(?:that|this|the\s+same)\s+case\b",
    re.IGNORECASE,
)


def _is_label(text: str, sent: Sentence, num: NumberMention) -> bool:
    """A section, chapter, hotline, age or hyphenated size ("33 000-strong"): it names, it does not count."""
    before = text[max(sent.start, num.start - 12) : num.start]
    return bool(
        _LABEL_BEFORE.search(before)
        or _LABEL_AFTER.match(text[num.end : num.end + 12])
        or (num.form == "count" and _HOTLINE_BEFORE.search(text[max(sent.start, num.start - 30) : num.start]))
    )


def _not_a_statistic(text: str, sent: Sentence, num: NumberMention) -> bool:
    """A count of staff, a label, or an amount in one person's story: not a statistic of a period."""
    if num.form == "count" and _STAFF_AFTER.match(text[num.end : num.end + 40]):
        return True
    if num.form in ("count", "money") and _is_label(text, sent, num):
        return True
    if num.form == "money" and _ONE_VICTIM.search(sent.text):
        return True
    return num.form == "money" and bool(_INDIVIDUAL.search(text[sent.start : num.start]))


# A sentence about a court case speaks of one case, however large.
_COURT = re.compile(
    r"\b(?:sentenced|jailed|convicted|pleaded|magistrate|court|judge)\b|判囚|判監|判刑|被控|法庭|裁判|提堂",
    re.IGNORECASE,
)
# A count that is a difference: "2,392 more than", "397 cases or 8.3% more than", 較去年同期多2 392宗.
_DIFFERENCE_AFTER = re.compile(
    r"^\s*(?:(?:cases?|reports?|crimes?|people|persons)\s+)?"
    r"(?:,?\s*or\s+\d+(?:\.\d+)?\s?(?:%|per\s?cent|percent)\s+)?(?P<dir>more|fewer|less|higher|lower)\s+than\b",
    re.IGNORECASE,
)
_ZH_DIFFERENCE_BEFORE = re.compile(r"(?:較|较|比)[^，。,;；\d]{0,12}(?P<dir>多|少)(?:了|出)?\s*$")
# A sentence about a part of what came before ("Among them, online fraud ...") does not change the subject.
_SUBSET_START = re.compile(
    r"^\W*(?:among\s+(?:them|these|which)|of\s+(?:these|them|which|the\s+\w+)|in\s+particular"
    r"|including|當中|当中|其中|包括|尤其)",
    re.IGNORECASE,
)
# Rates per population are not counts: "1 197 cases per 100 000 population".
_PER_BEFORE = re.compile(r"\bper\s*$|每\s*$", re.IGNORECASE)
_PER_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}per\s+(?:\d|capita|head|population)|^\s*(?:宗)?(?:\s*)?每", re.IGNORECASE
)
_ANAPHORA_BEFORE = re.compile(
    r"(?:\b(?:such|these|those|this|similar|related|the\s+same)\s+|該類|此類|這類|这类|该类|此类|相關|相关|有關|有关|上述|該等|该等|這些|这些|同類|同类)$",
    re.IGNORECASE,
)
# A sentence that points back at the crime the sentence before named: 該類案件 / 這類騙案 / "such cases" /
# "By 2020 the number had climbed to 12,916".
_POINTS_BACK = re.compile(
    r"(?:該類|此類|這類|这类|该类|此类|同類|同类)(?:案件|個案|个案|騙案|骗案|罪案|案)"
    r"|\b(?:such|these|those)\s+(?:cases|crimes|scams|offences|frauds|reports)\b"
    r"|\bthe\s+(?:number|figure|total)\b(?!\s+of\b)",
    re.IGNORECASE,
)
# Chinese counts things with their own classifier; cases take 宗/起/單 (個案 is "case").
_THING_CLASSIFIER_AFTER = re.compile(
    r"^\s*(?:逾|多)?(?:個(?!案)|个(?!案)|部|項|项|間|间|家|張|张|台|架|輛|辆|條|条|頁|页)"
)
# English counts of things that are not cases: "froze 32,607 bank accounts", "removed 60 servers".
_THING_NOUN_AFTER = re.compile(
    r"^\s+(?:[a-z-]+\s+){0,2}?(?:accounts?|servers?|devices?|websites?|sites|computers?|phones?|handsets?"
    r"|cards?|calls?|messages?|texts|links|urls|platforms?|apps?|applications?|companies|firms|banks?"
    r"|shops?|users|participants|visitors|enquiries|inquiries|requests|seminars|talks|sessions|posters"
    r"|leaflets|videos|domains?|addresses|numbers|transactions)\b",
    re.IGNORECASE,
)
_PERSONS_AFTER = re.compile(r"^\s*(?:人|名|people\b|persons\b|individuals\b)", re.IGNORECASE)
_ZH_SCALED = re.compile(r"[億亿萬万]")
_CLASSIFIER_AFTER = re.compile(r"^\s*(?:宗|起|人|名|個|个|單|单|次|件)")
_EN_FOLLOW_GAP = re.compile(r"^[^\d,;:()\[\]。，；]{0,45}$")
_ZH_PRECEDE_GAP = re.compile(r"^[^\d,;:()\[\]。，；]{0,12}$")
# A clause that says what happened in the period just named: "in 2022, when 70,048 cases were reported".
_WHEN_GAP = re.compile(r"\s*,?\s*(?:when|at\s+which\s+time)\s+[^\d,;:()]{0,30}?(?:HK\$|\$)?", re.IGNORECASE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Words only a text about Hong Kong uses: its police, its bureau, its currency, its legislature.
_HK_MARKERS = re.compile(
    r"警务处|警務處|保安局|港元|港币|港幣|立法会|立法會|特区政府|特區政府|本港|香港警方|全港"
    r"|商业罪案调查科|商業罪案調查科|反诈骗协调中心|反詐騙協調中心|网络安全及科技罪案调查科|防骗易|守网者|18222"
)
# Words that open a new clause between a number and a later category word: "up 47.3 per cent in the first
# half as online scams surge" speaks of online scams in another clause, not of the 47.3 per cent.
_WHOLE_BEFORE = re.compile(r"\b(?:among(?:st)?|of\s+all)\s+(?:the\s+|all\s+)?(?:\w+\s+)?$", re.IGNORECASE)
# A clause joined after the number's own: what it names does not apply backwards ("Crime edged up 1.9 per
# cent ..., as deception rose 23.8 per cent").
_LATER_CLAUSE = re.compile(r",\s*(?:as|while|whereas|but)\b|;|；|，\s*而|，\s*但", re.IGNORECASE)
_AGENT_NOUN = re.compile(r"(?:fraudster|scammer|swindler|conman|con\s+artist)s?", re.IGNORECASE)
# A loss is a loss to a fraud when the sentence names one: "Victims lost $9 billion to fraudsters".
_BROAD_CATEGORIES = frozenset({"overall_crime", "violent_crime"})
_NOT_DECEPTION = frozenset({"overall_crime", "violent_crime", "technology_crime", "unknown", "hacking"})
_NEW_CLAUSE_WORD = re.compile(
    r"\b(?:as|while|whereas|after|amid|because|since|when|but|although|though|with)\b|[而但]",
    re.IGNORECASE,
)


# --- the per-document state ------------------------------------------------------------------------------


@dataclass
class _Context:
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


@dataclass
class _SentenceView:
    sentence: Sentence
    numbers: list[NumberMention]
    periods: list[tuple[int, int, Period | SamePeriodRef]]
    categories: list[cats.Term]
    metrics: list[cats.Term]
    zh: bool
    ref_date: date | None
    masked: list[tuple[int, int]] = field(default_factory=list)


# --- small readers --------------------------------------------------------------------------------------


def _share_start(text: str, sent: Sentence, num: NumberMention) -> int | None:
    """Where a share phrase starts ("accounting for 40% of", 佔整體罪案43.9%, 62.3%涉及), or None.

    A share is not a figure of its own, and the category it names after the marker is the whole it is
    a share of, not the subject: the words from the marker to the end of the clause are masked.
    """
    c_start, _ = sent.clause_bounds(num.start)
    before = text[c_start : num.start]
    marker = _SHARE_BEFORE.search(before)
    # "representing a rise of 5%", "representing a 42.6% increase": a change, not a share
    changes = change_direction(marker.group("gap")) if marker else 0
    if marker and not changes and not direction_after(text[num.end : num.end + 20]):
        return c_start + marker.start()
    after = text[num.end : num.end + 12]
    if _SHARE_AFTER.match(after) and change_direction(before) == 0 and num.sign == 0:
        return num.start
    return None


def _attached_period(text: str, view: _SentenceView, num: NumberMention):
    """A period written right next to the number: after it in English, before it in Chinese."""
    following = [(s, e, v) for s, e, v in view.periods if s >= num.end]
    preceding = [(s, e, v) for s, e, v in view.periods if e <= num.start]
    after = next(((s, e, v) for s, e, v in following if _EN_FOLLOW_GAP.match(text[num.end : s])), None)
    before = next(
        ((s, e, v) for s, e, v in reversed(preceding) if _ZH_PRECEDE_GAP.match(text[e : num.start])), None
    )
    if view.zh:
        return before or (after if after and _ZH_PRECEDE_GAP.match(text[num.end : after[0]]) else None)
    if before and re.fullmatch(r"['’]s\s*(?:HK\$|\$)?", text[before[1] : num.start]):
        return before  # "2019's 59,225"
    if after is None and preceding and _WHEN_GAP.fullmatch(text[preceding[-1][1] : num.start]):
        return preceding[-1]  # "than in 2022, when 70,048 cases were reported"
    return after


def _is_base_number(text: str, sent: Sentence, num: NumberMention) -> bool:
    c_start, _ = sent.clause_bounds(num.start)
    window = text[max(0, c_start - 1, num.start - 40) : num.start]
    return bool(_BASE_BEFORE.search(window))


# "降幅大約有6%", "升幅達13.5%", "rose by 7%": the words name a rate of change, not a level.
_RATE_OF_CHANGE_BEFORE = re.compile(
    r"(?:幅|by)\s*(?:大約|大约|約|约|接近|近|高)?\s*(?:達|达|為|为|有|是)?\s*(?:大約|大约|約|约|接近|近)?\s*$"
)


def _kind(text: str, sent: Sentence, num: NumberMention) -> tuple[str, int] | None:
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
        m = _DIFFERENCE_AFTER.match(text[num.end : num.end + 40])
        if m:
            return "change_abs", 1 if m.group("dir").lower() in ("more", "higher") else -1
        m = _ZH_DIFFERENCE_BEFORE.search(text[max(c_start, num.start - 20) : num.start])
        if m:
            return "change_abs", 1 if m.group("dir") == "多" else -1
        if sent.in_brackets(num.start) and not before.strip():
            # "up 52.1 per cent (6 417 cases)": a bracket right after a change restates it in cases
            prev = text[max(sent.start, c_start - 25) : c_start]
            if re.search(r"(?:%|per\s?cent|percent)\s*\W?$", prev, re.IGNORECASE):
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
    after_dir = direction_after(text[num.end : num.end + 20])
    if after_dir:
        return "change_pct", after_dir
    if _LEVEL_BEFORE.search(before[-20:]) and not _RATE_OF_CHANGE_BEFORE.search(before):
        return "level", 1
    direction = change_direction(before)
    if not direction and sent.in_brackets(num.start) and not before.strip():
        # "rose by 11 901 cases (42.6 per cent)": the bracket restates the change just named
        direction = change_direction(text[sent.clause_bounds(c_start - 2)[0] : c_start])
    return ("change_pct", direction) if direction else ("level", 1)


def _metric_for(text: str, view: _SentenceView, num: NumberMention, prior: str | None) -> str | None:
    """cases, loss, arrests, victims, detection_rate or intercepted; None for a count that names nothing."""
    c_start, c_end = view.sentence.clause_bounds(num.start)
    if num.form == "money":
        stopped = any(
            t.key == "intercepted" and c_start <= t.start and t.end <= num.start for t in view.metrics
        )
        return "intercepted" if stopped else "loss"
    if num.form == "count":
        return _count_metric(text, view, num, c_start, c_end)
    return _change_metric(view, num, prior)


def _count_metric(text: str, view: _SentenceView, num: NumberMention, c_start: int, c_end: int) -> str | None:
    """A count is a number of cases, arrests or victims: never a loss or a rate."""
    usable = [t for t in view.metrics if t.key in ("cases", "arrests", "victims")]
    in_clause = [t for t in usable if c_start <= t.start < c_end]
    if any(t.key == "intercepted" and c_start <= t.start < num.start for t in view.metrics):
        return "intercepted"  # "勸止了超過280宗騙案": frauds stopped by the anti-scam centre, not cases
    if _THING_CLASSIFIER_AFTER.match(text[num.end : num.end + 3]) or _THING_NOUN_AFTER.match(
        text[num.end : num.end + 40]
    ):
        return None  # 60個服務器, 4000多部電腦, 3.9萬項網絡威脅: things counted, not cases
    if _PERSONS_AFTER.match(text[num.end : num.end + 12]):
        # 1 014人 / 3,400 people: persons, counted as arrests or victims only when the words say so
        return next((t.key for t in in_clause if t.key in ("arrests", "victims")), None)
    near_after = [
        t
        for t in in_clause
        if num.end <= t.start <= num.end + 30 and not re.search(r"\d", text[num.end : t.start])
    ]
    if near_after:
        return near_after[0].key
    before = [t for t in in_clause if t.end <= num.start]
    if before:
        return before[-1].key
    later = [t for t in in_clause if t.start >= num.end]
    if later:
        return later[0].key
    earlier = [t for t in usable if t.end <= num.start]
    if earlier and _is_base_number(text, view.sentence, num):
        return earlier[-1].key  # "6,678 reports ..., compared with 2,194 in 2019": the level compared with
    if _POINTS_BACK.search(view.sentence.text):
        return "cases"  # "the number had climbed to 12,916": the cases of the crime named before
    return "cases" if _category_for(text, view, num) else None  # "the overall crime figure was 94 747"


def _level_metric_word(sentence: str, n: NumberMention, offset: int) -> str:
    """What the level before a percentage counts: money is a loss, "31 082人" persons (arrests or victims,
    never cases), any other count cases."""
    if n.form == "money":
        return "loss"
    return "persons" if _PERSONS_AFTER.match(sentence[n.end - offset : n.end - offset + 12]) else "cases"


def _change_metric(view: _SentenceView, num: NumberMention, prior: str | None) -> str:
    """What a percentage measures: the nearest word or amount before it, else the words after, else the
    metric of the sentence before."""
    c_start = view.sentence.clause_bounds(num.start)[0]
    usable = [t for t in view.metrics if t.key != "intercepted"]
    evidence = [(t.end, t.key) for t in usable if t.end <= num.start]
    # "Tech crime up 47.3pc": a crime named in the clause with no other word is a number of cases
    evidence += [(t.end, "cases") for t in view.categories if c_start <= t.start and t.end <= num.start]
    evidence += [
        (n.end, _level_metric_word(view.sentence.text, n, view.sentence.start))
        for n in view.numbers
        if n.end <= num.start and (n.form == "money" or (n.form == "count" and n.raw[-1:].isdigit()))
    ]
    if evidence:
        return max(evidence)[1]
    later = [t for t in usable if t.start >= num.end]
    if later:
        return later[0].key
    return prior or "cases"


# Words that open a list of examples: what they name illustrates the figure, it is not what was counted
# ("offences such as hacking and online theft", 主要涉網購、求職及投資騙案等).
_EXAMPLES_OPEN = re.compile(
    r"\b(?:such\s+as|including|includ(?:es|ed)|like|e\.g\.|for\s+example|for\s+instance"
    r"|(?:mainly|mostly|primarily|chiefly)\s+(?:involving|including|related\s+to))\b"
    r"|主要(?:涉及|涉|是|為|为|包括)|包括|例如|諸如|诸如|比如|大多涉及?|多涉及?",
    re.IGNORECASE,
)
_EXAMPLES_CLOSE = re.compile(r"等|etc\.?|[,;，；。:：]")


def _example_spans(text: str, sent: Sentence) -> list[tuple[int, int]]:
    """Spans of the sentence that list examples, from the opening word to 等 or the end of the clause."""
    spans = []
    for m in _EXAMPLES_OPEN.finditer(text, sent.start, sent.end):
        close = _EXAMPLES_CLOSE.search(text, m.end(), sent.end)
        end = _example_end(close, sent.end)
        # an English list runs on over commas: "such as hacking, phishing and online theft"
        if close and not _CJK.match(text[m.start()]) and close.group() == ",":
            end = _list_end(text, m.end(), sent.end)
        spans.append((m.start(), end))
    return spans


def _example_end(close: re.Match[str] | None, stop: int) -> int:
    """Where a list of examples ends: after 等, else before the punctuation that closes its clause."""
    if close is None:
        return stop
    return close.end() if close.group().startswith("等") else close.start()


def _list_end(text: str, start: int, stop: int) -> int:
    m = re.search(r"\band\b|\bor\b", text[start:stop])
    if m is None:
        return text.find(",", start, stop) if "," in text[start:stop] else stop
    tail = re.search(r"[,;.]", text[start + m.end() : stop])
    return start + m.end() + (tail.start() if tail else stop - start - m.end())


def _category_for(
    text: str, view: _SentenceView, num: NumberMention, carried: cats.Term | None = None
) -> cats.Term | None:
    """The category word a number belongs to; `carried` is the subject of the sentences before."""
    return _choose_category(text, view, num, carried)[0]


def _choose_category(
    text: str, view: _SentenceView, num: NumberMention, carried: cats.Term | None = None
) -> tuple[cats.Term | None, str]:
    """(category word, the rule that chose it: a key of confidence.CATEGORY_RULES)."""
    sent = view.sentence
    examples = [(s, e) for s, e in _example_spans(text, sent) if not s <= num.start < e]
    terms = [
        t
        for t in view.categories
        if not any(s <= t.start < e for s, e in view.masked)
        and not any(s <= t.start < e for s, e in examples)
        and not _refers_back(text, t)
    ]
    c_start, c_end = sent.clause_bounds(num.start)
    attached = [
        t
        for t in terms
        if num.end <= t.start < c_end
        and re.fullmatch(r"[^\d]{0,30}", text[num.end : t.start])
        and len(text[num.end : t.start].split()) <= 4
        and not _NEW_CLAUSE_WORD.search(text[num.end : t.start])
        # a space in Chinese opens a new clause (headline "詐騙案急升89.3% 網購騙案多逾兩倍")
        and not (view.zh and re.search(r"\s", text[num.end : t.start]))
    ]
    if attached:
        return attached[0], "attached"
    subset = _subset_adjective(text, num)
    if subset is not None:
        return subset, "subset_adjective"
    in_clause = [t for t in terms if c_start <= t.start and t.end <= num.start]
    if in_clause:
        return _most_specific(in_clause), "own_clause"
    # In brackets, and in Chinese run-on sentences (clauses joined by commas, each with its own
    # subject), the nearest earlier category word; in English the subject of the sentence, since a
    # comma there usually opens an aside ("Technology crimes, mainly involving online scams, rose ...").
    if sent.in_brackets(num.start) or view.zh:
        earlier = [t for t in terms if t.end <= num.start]
        if earlier:
            return earlier[-1], "earlier_in_sentence"
        if view.zh and carried is not None:  # Chinese names the topic first: a later word is a new clause's
            return carried, "carried"
    subject = _english_subject(text, sent, num, terms)
    if subject is not None:
        return subject, "sentence_subject"
    return carried, "carried"


_GENERIC = frozenset({"deception", "overall_crime"})


def _most_specific(terms: list[cats.Term]) -> cats.Term:
    """The last category word of a clause, unless a kind of fraud is named there beside the generic word:
    其中因網上裸聊而遭到詐騙的案件 counts naked-chat cases, not all deception."""
    specific = [t for t in terms if t.key not in _GENERIC and t.key != "unknown"]
    if terms[-1].key in _GENERIC and specific:
        return specific[-1]
    return terms[-1]


_OF_THEM = re.compile(r"\s+of\s+(?:them|which|these)\s+(?:were\s+|being\s+)?(?P<adj>[a-z-]+)", re.IGNORECASE)


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


def _fraud_named(view: _SentenceView, num: NumberMention) -> cats.Term | None:
    """The fraud word of the sentence nearest the number: money lost to crime "in general" in a sentence
    that names swindlers or a scam was lost to them, not to all crimes."""
    frauds = [
        t
        for t in view.categories
        if t.key not in _NOT_DECEPTION and not any(s <= t.start < e for s, e in view.masked)
    ]
    return min(frauds, key=lambda t: abs(t.start - num.start), default=None)


def _english_subject(
    text: str, sent: Sentence, num: NumberMention, terms: list[cats.Term]
) -> cats.Term | None:
    """The subject of the part of an English sentence a number is in.

    Items of a list split by semicolons each name their own subject ("6,678 online shopping fraud cases,
    involving HK$120 million; 212 investment scams ..."), and the whole a list is drawn from ("Among
    the technology crimes last year, ...") is not the subject of its items.
    """
    joins = [m.end() for m in _LATER_CLAUSE.finditer(text, sent.start, num.start)]  # "; 212 ...", ", as ..."
    seg_start = max(joins, default=sent.start)
    in_segment = [t for t in terms if seg_start <= t.start < num.start]
    if seg_start > sent.start and in_segment:
        return in_segment[0]
    terms = [t for t in terms if t.start < num.start or not _LATER_CLAUSE.search(text[num.end : t.start])]
    own = [t for t in terms if not _WHOLE_BEFORE.search(text[max(sent.start, t.start - 20) : t.start])]
    # "Fraudsters out to con companies through e-mail deception": the kind of fraud named is the subject
    own = [t for t in own if not _AGENT_NOUN.fullmatch(t.label)] or own
    chosen = own or terms
    return chosen[0] if chosen else None


def _refers_back(text: str, term: cats.Term) -> bool:
    """ "such scams", 該類騙案: a generic word that points back to the category already named."""
    return term.key in ("deception", "overall_crime") and bool(
        _ANAPHORA_BEFORE.search(text[max(0, term.start - 12) : term.start])
    )


def _jurisdiction(view: _SentenceView, num: NumberMention, ctx: _Context) -> tuple[str, str, str]:
    """(jurisdiction, rule, the words that decided it)."""
    text = view.sentence.text
    places = find_places(text)
    rel = num.start - view.sentence.start
    c_end = view.sentence.clause_bounds(num.start)[1] - view.sentence.start
    # a place after the number counts only in its own clause ("805 cases, ... posing as Mainland police"
    # names the Mainland in another clause, about the swindlers)
    usable = [p for p in places if p.end <= rel or p.start < c_end]
    if usable:
        before = [p for p in usable if p.end <= rel]
        place = before[-1] if before else usable[0]
        return place.code, "named", text[place.start : place.end]
    if num.currency in ("TWD", "SGD", "MOP", "CNY"):
        return {"TWD": "TW", "SGD": "SG", "MOP": "MO", "CNY": "CN"}[num.currency], "currency", num.raw
    if ctx.place == "unknown":
        return "unknown", "unnamed_simplified", "a Simplified Chinese paragraph naming no place"
    if ctx.place:
        return ctx.place, "carried", "the place of the sentences before"
    return "HK", "default", "no other place named"


# --- periods of a sentence --------------------------------------------------------------------------------


def _resolve(value: Period | SamePeriodRef, current: Period | None, ref_date: date | None) -> Period | None:
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
class _Periods:
    """The periods of one sentence: the one its figures belong to, the one they are compared with,
    the periods written next to single numbers, and the numbers that are comparison levels."""

    current: Period | None
    base: Period | None
    attached: dict[int, tuple[Period | SamePeriodRef, bool]]  # number start -> (period, is a comparison)
    base_numbers: set[int]  # "from X", "compared with X", 較X
    own: bool  # the sentence names its own period (else it carries the one before)
    carried: Period | None = None  # the period in force before the sentence (or the text's first)
    source: str = "sentence"  # where `current` came from: a key of confidence.PERIOD_RULES


def _sentence_periods(text: str, view: _SentenceView, ctx: _Context, main: Period | None) -> _Periods:
    """Which period each number of a sentence belongs to, and which it is compared with."""
    base_numbers = {
        n.start
        for n in view.numbers
        if n.form in ("count", "money") and _is_base_number(text, view.sentence, n)
    }
    attached: dict[int, tuple[Period | SamePeriodRef, bool]] = {}
    for num in view.numbers:
        hit = _attached_period(text, view, num)
        if hit is not None:
            s, _, value = hit
            is_cmp = (
                isinstance(value, SamePeriodRef)
                or bool(_COMPARISON_BEFORE_PERIOD.search(text[max(0, s - 30) : s]))
                or num.start in base_numbers
            )
            attached[num.start] = (value, is_cmp)
    _share_topic(text, view, attached, base_numbers)
    base_spans = {s for s, _, v in view.periods if any(v is a and c for a, c in attached.values())}
    current = base = None
    relative_base = False
    for s, e, value in view.periods:
        if not isinstance(value, Period):
            continue
        if s in base_spans or _COMPARISON_BEFORE_PERIOD.search(text[max(0, s - 30) : s]):
            relative_base = relative_base or (base is None and not re.search(r"\d|[〇零一二]{4}", text[s:e]))
            base = base or value
        elif current is None:
            current = value
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
            base = _resolve(markers[0], current, view.ref_date)
        elif not own and ctx.base is not None:
            base = ctx.base
        else:
            base = shift_year(current, -1)
    so_far = _year_to_date(current, view.ref_date, ctx.current or main)
    if so_far is not None:  # "940 cases this year" in a review of January to June
        current, source = so_far, "year_to_date"
        if base is not None and base.type == "year" and base.end < so_far.start:
            base = shift_year(so_far, base.start.year - so_far.start.year)
    _segment_periods(text, view, ctx.current or main, current, attached, base_spans)
    return _Periods(current, base, attached, base_numbers, own, ctx.current or main, source)


# A sentence that opens with its period: "2023年同期則有7361宗，損失8.3億元", "In the same period of 2023"
_TOPIC_LEAD = re.compile(r"^\W{0,3}(?:in|during|for|而|至於|至于|另外|另)?\W{0,3}$", re.IGNORECASE)


def _share_topic(
    text: str,
    view: _SentenceView,
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
        is_cmp = isinstance(value, SamePeriodRef) or num.start in base_numbers
        attached[num.start] = (value, is_cmp)


_SEGMENT_CUT = re.compile(r"[;；]")


def _segment_periods(
    text: str,
    view: _SentenceView,
    carried: Period | None,
    current: Period | None,
    attached: dict[int, tuple[Period | SamePeriodRef, bool]],
    comparison_spans: set[int],
) -> None:
    """Parts of a sentence split by ；/; keep their own period: a part that names none takes the one of
    the part before it, else the one in force before the sentence, never one named in a later part
    ("當中網購騙案有6 678宗；前年則只有2 194宗": 前年 is not the period of the 6 678)."""
    sent = view.sentence
    cuts = [sent.start] + [m.end() for m in _SEGMENT_CUT.finditer(text, sent.start, sent.end)]
    if len(cuts) == 1 or current is None:
        return
    named = {  # segment index -> the last period named in it (not a comparison)
        max(i for i, c in enumerate(cuts) if c <= s): v
        for s, _, v in view.periods
        if isinstance(v, Period)
        and s not in comparison_spans
        and not _COMPARISON_BEFORE_PERIOD.search(text[max(0, s - 30) : s])
    }
    anything = {max(i for i, c in enumerate(cuts) if c <= s) for s, _, _ in view.periods}
    for num in view.numbers:
        seg = max(i for i, c in enumerate(cuts) if c <= num.start)
        if num.start in attached or seg in anything:
            continue
        earlier = [named[i] for i in range(seg) if i in named]
        own = earlier[-1] if earlier else carried
        if own is not None and own != current:
            attached[num.start] = (own, False)


# --- the reader -----------------------------------------------------------------------------------------


def _is_aggregate_money(text: str, sent: Sentence, num: NumberMention, kind: str) -> bool:
    """A total lost or involved, not one victim's loss, a fine, a bail, a reward or a price."""
    clause_before = text[sent.clause_bounds(num.start)[0] : num.start]
    if _NOT_A_LOSS.search(clause_before) or _COURT.search(sent.text):
        return False
    return kind != "level" or not _SINGLE_CASE.search(clause_before)


def _rate_named(view: _SentenceView, num: NumberMention) -> bool:
    return any(t.key == "detection_rate" and t.end <= num.start for t in view.metrics)


def _mask_shares(text: str, view: _SentenceView) -> list[NumberMention]:
    """Drop shares, and mask the words after them: "68 per cent were related to online fraud" names a
    part, not the subject. A percentage that is neither a change nor a named rate is read as a share."""
    kept = []
    for num in view.numbers:
        start = _share_start(text, view.sentence, num) if num.form == "percent" else None
        if start is None and num.form == "percent" and not _rate_named(view, num):
            kind = _kind(text, view.sentence, num)
            start = num.start if kind is not None and kind[0] == "level" else None
        if start is not None:
            view.masked.append((start, view.sentence.clause_bounds(num.start)[1]))
        else:
            kept.append(num)
    return kept


def _qualifier(text: str, num: NumberMention) -> str:
    return (
        qualifier_before(text[max(0, num.start - 25) : num.start])
        or num.suffix_qualifier
        or qualifier_after(text[num.end : num.end + 10])
        or "exact"
    )


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


def _unit(num: NumberMention, jurisdiction: str) -> str:
    """count / percent / ratio, or the currency: "$" and 元 are the money of the place written about."""
    if num.form == "money" and num.local_currency:
        return _LOCAL_CURRENCY.get(jurisdiction, "HKD")
    return {"count": "count", "percent": "percent", "points": "percent", "fold": "ratio"}.get(
        num.form, num.currency or "HKD"
    )


# "其中324宗為網上拍賣或購物相關罪行", "of which 169 involved companies": a part of the figure before,
# described by what it involved. Unless the words name one of the series, the part is not a figure.
_PART_OPEN = re.compile(
    r"(?:其中|當中|当中|包括|of\s+(?:which|them|these|those)|among\s+(?:them|these|which)|including)\s*$",
    re.IGNORECASE,
)
_PART_DESCRIBED = re.compile(
    r"^\s*(?:宗|起|個案|个案|cases?|reports?)?\s*(?:為|为|涉及|涉|屬|属|是|were|was|involved|involving|concerned"
    r"|related\s+to|in\s+relation\s+to)",
    re.IGNORECASE,
)


def _untracked_part(text: str, view: _SentenceView, num: NumberMention) -> bool:
    c_start, c_end = view.sentence.clause_bounds(num.start)
    if not _PART_DESCRIBED.match(text[num.end : c_end]):
        return False
    # 其中N宗涉及..., or 4515宗騙案有3750宗涉及...: another count of the clause is the whole
    whole_before = any(n.form == "count" and c_start <= n.start and n.end <= num.start for n in view.numbers)
    if not (_PART_OPEN.search(text[c_start : num.start]) or whole_before):
        return False
    named = [t for t in view.categories if num.end <= t.start < c_end and t.key != "unknown"]
    return not named


def _read_number(
    text: str, view: _SentenceView, num: NumberMention, ctx: _Context, periods: _Periods, include_other: bool
) -> Figure | None:
    """The figure one number states, or None when it is not a statistic this project reads."""
    sent = view.sentence
    if _not_a_statistic(text, sent, num):
        return None
    kind_sign = _kind(text, sent, num)
    if kind_sign is None:
        return None
    kind, sign = kind_sign
    if _OPERATION.search(text[sent.start : sent.clause_bounds(num.start)[1]]):
        return None  # a count of one operation, not a statistic of a period
    qualifier = _qualifier(text, num)
    if num.form == "count" and (
        _PER_BEFORE.search(text[max(0, num.start - 6) : num.start])
        or _PER_AFTER.match(text[num.end : num.end + 30])
    ):
        return None
    metric = _metric_for(text, view, num, ctx.metric)
    if metric is None:
        return None
    if (
        num.form == "count"
        and _ZH_SCALED.search(num.raw)
        and not _CLASSIFIER_AFTER.match(text[num.end : num.end + 2])
    ):
        # 增加17.9億: the sentence says what the amount is (a percentage's rule: the nearest word)
        metric = _metric_for(text, view, replace(num, form="percent"), ctx.metric) or metric
    if num.form == "count" and metric == "loss":  # 損失6.9億: an amount named as a loss is money
        num = replace(num, form="money", currency="HKD", local_currency=True)
    if num.form in ("percent", "points") and kind in ("level", "change_abs") and not _rate_named(view, num):
        return None  # a bare percentage that is neither a change nor a rate named in the sentence
    if num.form == "money" and not _is_aggregate_money(text, sent, num, kind):
        return None
    if _untracked_part(text, view, num):
        return None
    term, category_rule = _choose_category(text, view, num, ctx.category)
    if term is None:
        return None  # no crime named in the sentence or before it: not a crime statistic
    if category_rule == "carried" and ctx.anaphor:
        category_rule = "anaphor"
    elif category_rule == "carried" and ctx.category_age == 0:
        category_rule = "carried_previous"
    if metric == "loss" and term.key in _BROAD_CATEGORIES and (fraud := _fraud_named(view, num)) is not None:
        term, category_rule = fraud, "fraud_named"
    category = term.key
    if category == "unknown" and not include_other:  # a crime outside the project's series
        return None  # (kept ones are named by _other_crimes once lists are spread)
    period, compared, period_rule = _period_of(num, kind, periods, view.ref_date)
    so_far = _year_to_date(period, view.ref_date, periods.carried)
    if so_far is not None:
        period, compared = so_far, (shift_year(so_far, -1) if kind != "level" else None)
        period_rule = "year_to_date"
    elif _unfinished_year(period, view.ref_date):
        # "19,444 cases so far this year" in December: some months of the year, which the text does not say
        period, compared, period_rule = None, None, "none"
    if period is not None and compared is not None and compared.type == "year" and period.type != "year":
        compared = shift_year(
            period, compared.start.year - period.start.year
        )  # 較去年: the same period of it
    if kind in ("change_pct", "change_abs") and not _year_on_year(period, compared):
        return None  # "up 277 per cent from 2017", a quarter on the quarter before: not year on year
    value = round(num.value * (sign if kind in ("change_pct", "change_abs") else 1), 4)
    jurisdiction, place_rule, place_words = _jurisdiction(view, num, ctx)
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
        unit=_unit(num, jurisdiction),
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


def _year_on_year(period: Period | None, compared: Period | None) -> bool:
    """A change compared with the same period one year earlier (or with nothing named: the default)."""
    return period is None or compared is None or compared == shift_year(period, -1)


def _unfinished_year(period: Period | None, ref_date: date | None) -> bool:
    return period is not None and ref_date is not None and period.type == "year" and ref_date < period.end


def _year_to_date(period: Period | None, ref_date: date | None, carried: Period | None) -> Period | None:
    """A year not over when the text was published has no full-year figure yet: "940 cases this year"
    in a review of January to June means January to June, the part of the year the text is about.
    None when the rule does not apply."""
    if period is None or ref_date is None or carried is None or period.type != "year":
        return None
    if ref_date >= period.end or carried == period:
        return None
    inside = period.start <= carried.start and carried.end <= period.end
    return carried if inside else None


def _period_of(num: NumberMention, kind: str, periods: _Periods, ref_date: date | None):
    """(period, compared_with, rule) of one number: a change belongs to the newer period and names the
    older; the rule is a key of confidence.PERIOD_RULES."""
    value, is_cmp = periods.attached.get(num.start, (None, num.start in periods.base_numbers))
    attached = _resolve(value, periods.current, ref_date) if value is not None else None
    current_rule = periods.source if periods.current is not None else "none"
    if kind in ("change_pct", "change_abs", "fold"):
        if attached is not None and not is_cmp:
            base = periods.base
            if base is None or (base.start.month, base.end.month) != (
                attached.start.month,
                attached.end.month,
            ):
                base = shift_year(attached, -1)  # the sentence's comparison is of another span of months
            return attached, base, "attached"
        return periods.current, attached or periods.base, current_rule
    if attached is not None:
        current = periods.current
        if is_cmp and attached.type == "year" and current is not None and current.type != "year":
            # "up from 170 in 2017" in a text about January to October: the same months of 2017
            attached = shift_year(current, attached.start.year - current.start.year)
        return attached, None, "attached"
    if is_cmp:
        return periods.base, None, ("sentence" if periods.base is not None else "none")
    return periods.current, None, current_rule


def _set_period(fig: Figure, period: Period) -> None:
    """Give a figure another period; a change is then compared with the same period a year before."""
    fig.period, fig.period_start, fig.period_end, fig.period_type = (
        period.label,
        period.start,
        period.end,
        period.type,
    )
    fig.compared_with = shift_year(period, -1).label if fig.kind != "level" else None
    _rescore(fig, period_rule="list_item", period=period.label)


def _rescore(fig: Figure, **evidence: str) -> None:
    """Record a later decision about a figure (a list spread over its items) and score it again."""
    fig.evidence.update(evidence)
    fig.confidence = confidence(
        fig.evidence.get("category_rule", "carried"),
        fig.evidence.get("period_rule", "none"),
        fig.evidence.get("jurisdiction_rule", "default"),
    )


def _same_time_frame(text: str, start: int, end: int) -> bool:
    """Bare 同期 ("in the same period") not after 較/比/與 names the figure's own period, not last year's."""
    return text[start:end] == "同期" and not re.search(r"(?:較|较|比|與|与|對比|对比)\s*$", text[:start])


# A year that dates an event, not a statistic: "since 2012", "set up in July 2017", 自2012年起, 2015年成立.
_EVENT_BEFORE = re.compile(
    r"\b(?:since|established|establishment|set\s+up|founded|launched|began|begun|started|upgraded|created|formed"
    r"|introduced|met)\b[^.,;:\d]{0,30}$|(?<!from )\buntil\s+$|(?:自|自從|自从)\s*$",
    re.IGNORECASE,
)
_EVENT_AFTER = re.compile(r"^\s*(?:起|以來|以来|開始|开始|成立|設立|设立)")


def _dates_an_event(text: str, start: int, end: int) -> bool:
    """A period that dates an event ("set up in 2005", "since 2012") is no statistic's period."""
    before = text[max(0, start - 45) : start]
    return bool(_EVENT_BEFORE.search(before) or _EVENT_AFTER.match(text[end : end + 4]))


def _with_years(
    mentions: list[tuple[int, int, Period | SamePeriodRef | MonthRef]],
    around: Period | None,
    ref_date: date | None,
) -> list[tuple[int, int, Period | SamePeriodRef]]:
    """Months named without a year ("In December alone", 2月) get the year of the period named last
    before them in the sentence, else of the period the text is about, else the latest such month
    ended by ref_date; one that cannot be dated is dropped (nothing is guessed)."""
    out: list[tuple[int, int, Period | SamePeriodRef]] = []
    for s, e, v in mentions:
        if isinstance(v, MonthRef):
            dated = v.resolve(around) if around is not None else v.latest(ref_date) if ref_date else None
            if dated is not None:
                out.append((s, e, dated))
            continue
        if isinstance(v, Period):
            around = v
        out.append((s, e, v))
    return out


def _view(
    text: str,
    sent: Sentence,
    numbers: list[NumberMention],
    text_periods: list[tuple[int, int, Period | SamePeriodRef | MonthRef]],
    ref_date: date | None,
    around: Period | None = None,
) -> _SentenceView:
    """What one sentence holds: its numbers, periods, category and metric words (absolute offsets).

    The period phrases come from one pass over the whole text (`text_periods`), not one per sentence.
    """
    first = bisect_left(text_periods, sent.start, key=lambda m: m[0])
    own = []
    for s, e, v in text_periods[first:]:
        if s >= sent.end:
            break
        if e <= sent.end:
            own.append((s - sent.start, e - sent.start, v))
    periods = _with_years(
        [
            (s + sent.start, e + sent.start, v)
            for s, e, v in own
            if not _same_time_frame(sent.text, s, e) and not _dates_an_event(sent.text, s, e)
        ],
        around,
        ref_date,
    )
    inside = [
        n
        for n in numbers
        if sent.start <= n.start < sent.end and not any(s <= n.start < e for s, e, _ in periods)
    ]
    categories = [
        cats.Term(t.start + sent.start, t.end + sent.start, t.key, t.label)
        for t in cats.find_category_terms(sent.text)
    ]
    metrics = [
        cats.Term(t.start + sent.start, t.end + sent.start, t.key, t.label)
        for t in cats.find_metric_terms(sent.text)
    ]
    return _SentenceView(sent, inside, periods, categories, metrics, bool(_CJK.search(sent.text)), ref_date)


def _update_context(ctx: _Context, view: _SentenceView, periods: _Periods, figures: list[Figure]) -> None:
    """Carry the sentence's period, subject, metric and place to the sentences after it."""
    if periods.own:
        ctx.current, ctx.base = periods.current, periods.base
    subject = next((t for t in view.categories if not any(s <= t.start < e for s, e in view.masked)), None)
    if subject is not None and not _SUBSET_START.match(view.sentence.text):
        ctx.category, ctx.category_age = subject, 0
    else:
        ctx.category_age += 1
    ctx.previous = subject
    if figures:
        ctx.metric = figures[-1].metric
        labels = dict.fromkeys(f.period for f in figures if f.period and f.kind == "level")
        ctx.figure_periods = [period_from_label(label) for label in labels]
    ctx.place = _carried_place(view, figures, ctx.place)


# A sentence that opens on a place is about it: "In Singapore, ...", "Macao police said", 新加坡警方 ...
_TOPIC_PLACE_GAP = re.compile(
    r"^\W{0,3}(?:in|on|over\s+in|meanwhile,?\s+in|而|另外|至於|至于|在)?\s*$", re.IGNORECASE
)


def _carried_place(view: _SentenceView, figures: list[Figure], carried: str | None) -> str | None:
    """The place the next sentences are about: Hong Kong again once it is named; another place only when
    this sentence's figures were placed there or the sentence opens on it. A place named in passing
    (a victim who flew to Thailand, a Nigerian syndicate) does not move the story there."""
    places = find_places(view.sentence.text)
    if not places:
        return carried
    if any(p.code == "HK" for p in places):
        return None if places[-1].code == "HK" else carried
    placed = [f.jurisdiction for f in figures if f.jurisdiction not in ("HK", "unknown")]
    if placed:
        return placed[-1]
    opening = places[0]
    if _TOPIC_PLACE_GAP.match(view.sentence.text[: opening.start]):
        return opening.code
    return carried


_RELATIONAL_PLACE = re.compile(r"(?i:across the border|nationwide|the mainland)|內地|内地|全國|全国")


def _text_place(text: str) -> str | None:
    """The place a text is about when it never names Hong Kong: a Macao paper's review of Macao's
    crime names Macao and not Hong Kong; its figures are Macao's even in sentences naming no place."""
    places = find_places(text)
    if not places or any(p.code == "HK" for p in places) or _HK_MARKERS.search(text):
        return None
    # "across the border", 內地: words that speak from Hong Kong do not make a text another place's
    codes = [
        p.code
        for p in places
        if p.code != "HK-REGION" and not _RELATIONAL_PLACE.fullmatch(text[p.start : p.end])
    ]
    if not codes:
        return None
    top = max(set(codes), key=codes.count)
    return top if codes.count(top) >= 2 else None


def _is_hong_kong_simplified(text: str) -> bool:
    """A whole text in Simplified Chinese that says it is about Hong Kong: the Government's own Simplified
    releases (sc.isd.gov.hk) and Mainland reprints of Hong Kong news. Its paragraphs that name no place
    are Hong Kong's. A Simplified paragraph quoted inside an English or Traditional text is not.
    """
    cjk = len(_CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if not looks_simplified(text) or cjk < latin / 2:
        return False
    places = find_places(text)
    if places and places[0].code != "HK":
        return False  # a text that opens elsewhere ("新加坡警方公布 ...") is about that place
    return bool(_HK_MARKERS.search(text)) or any(p.code == "HK" for p in places)


def _main_period(
    text: str, text_periods: list[tuple[int, int, Period | SamePeriodRef | MonthRef]]
) -> Period | None:
    """The first period the text is about: not one it is compared with ("較前年", "from 2019")."""
    found = [
        v
        for s, e, v in text_periods
        if e <= 2000
        and isinstance(v, Period)
        and not _COMPARISON_BEFORE_PERIOD.search(text[max(0, s - 30) : s])
        and not _dates_an_event(text, s, e)
    ]
    return found[0] if found else None


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
    spelled = spell_out(normalise(text))  # 三萬四千 -> 34000, "six per cent" -> "6 per cent"
    norm = spelled.text

    def original(start: int, end: int) -> str:
        o_start, o_end = spelled.original_span(start, end)
        return text[o_start:o_end]

    rows = find_table_rows(norm)
    table_figures = [f for row in rows for f in _table_figures(norm, original, row, include_other_crimes)]
    for start, end in table_spans(rows):  # the sentence reader does not see the tables
        norm = norm[:start] + re.sub(r"[^\n]", " ", norm[start:end]) + norm[end:]
    numbers = find_numbers(norm)
    text_periods = find_period_mentions(norm, ref_date)  # one pass; each sentence takes its own
    main = _main_period(norm, text_periods)
    starts = [n.start for n in numbers]
    hk_simplified = _is_hong_kong_simplified(norm)
    text_place = _text_place(norm)  # the whole text's place: found once, restored at each paragraph
    ctx = _Context(place=text_place)
    figures: list[Figure] = []
    for sent in split_sentences(norm):
        in_sentence = bisect_left(starts, sent.end) - bisect_left(starts, sent.start)
        if in_sentence > MAX_NUMBERS_PER_SENTENCE:
            continue  # a run of numbers is a dump, not prose: reading it clause by clause is quadratic
        if sent.paragraph != ctx.paragraph:
            ctx.paragraph, ctx.place = sent.paragraph, text_place
            para = norm[sent.start : norm.find("\n", sent.start) if "\n" in norm[sent.start :] else len(norm)]
            if (
                not hk_simplified
                and looks_simplified(para)
                and not any(p.code == "HK" for p in find_places(para))
            ):
                ctx.place = "unknown"  # not Hong Kong (Mainland, Singapore, Malaysia ...), place not named
        view = _view(norm, sent, numbers, text_periods, ref_date, ctx.current or main)
        points_back = ctx.previous is not None and bool(_POINTS_BACK.search(sent.text))
        read_ctx = replace(ctx, category=ctx.previous, anaphor=True) if points_back else ctx
        view.numbers = _mask_shares(norm, view)
        periods = _sentence_periods(norm, view, ctx, main)
        keep_other = include_other_crimes or has_list_marker(sent.text)  # a list may name them in turn
        found = [f for n in view.numbers if (f := _read_number(norm, view, n, read_ctx, periods, keep_other))]
        spread(
            norm,
            (sent.start, sent.end),
            found,
            view.periods,
            [t for t in view.categories if not any(s <= t.start < e for s, e in view.masked)],
            ctx.figure_periods,
            partial(_resolve, current=periods.current, ref_date=ref_date),
            _set_period,
        )
        for fig in found:
            _rescore(fig)  # a list may have given a figure its category or period
        found = _without_conversions(norm, _other_crimes(found, include_other_crimes))
        for fig in found:
            fig.quote = original(sent.start, sent.end)
        figures.extend(found)
        _update_context(ctx, view, periods, found)
    for fig in figures + table_figures:
        fig.char_start, fig.char_end = spelled.original_span(fig.char_start, fig.char_end)
    return _dedupe(sorted(figures + table_figures, key=lambda f: f.char_start))


_TABLE_LEAD_CHARS = 400


def _table_figures(
    norm: str, original: Callable[[int, int], str], row: TableRow, include_other: bool
) -> list[Figure]:
    """The figures of one table row: the k-th value is of the k-th year of the header (tables.py).

    The row label names the metric and, when it names one, the category; otherwise the category is the
    one named last in the words just before the table ("過去三年科技罪案的數字及損失金額如下").
    """
    lead = norm[max(0, row.header_start - _TABLE_LEAD_CHARS) : row.header_start]
    term = next(iter(cats.find_category_terms(row.label)), None) or next(
        reversed(cats.find_category_terms(lead)), None
    )
    metric = _table_metric(row, term)
    if term is None or metric is None or (term.key == "unknown" and not include_other):
        return []
    places = find_places(row.label) or find_places(lead)
    jurisdiction = places[-1].code if places else "HK"
    unit = "HKD" if metric == "loss" else ("percent" if metric == "detection_rate" else "count")
    quote = original(row.line_start, row.line_end)
    out = []
    for value, start, end, year in row.cells:
        period = period_from_label(year)
        fig = Figure(
            jurisdiction=jurisdiction,
            category=term.key,
            source_label=term.label,
            metric=metric,
            value=value * (row.scale or 1.0) if metric == "loss" else value,
            unit=unit,
            period=period.label,
            period_start=period.start,
            period_end=period.end,
            period_type=period.type,
            qualifier="exact",
            kind="level",
            compared_with=None,
            quote=quote,
            char_start=start,
            char_end=end,
        )
        named_in_row = any(t.key == term.key for t in cats.find_category_terms(row.label))
        _rescore(
            fig,
            category=term.label,
            category_rule="table_row" if named_in_row else "table_lead",
            period=year,
            period_rule="table_column",
            jurisdiction=jurisdiction,
            jurisdiction_rule="named" if places else "default",
        )
        out.append(fig)
    return _other_crimes(out, include_other)


def _table_metric(row: TableRow, term: cats.Term | None) -> str | None:
    """loss when the label names money ("損失金額（百萬元）"), else the metric the label names; a label
    that only names a crime counts its cases."""
    if row.scale is not None:
        return "loss"
    words = [t.key for t in cats.find_metric_terms(row.label) if t.key != "intercepted"]
    if "detection_rate" in words:
        return "detection_rate"
    named = next((w for w in words if w in ("cases", "arrests", "victims")), None)
    if named:
        return named
    in_label = term is not None and row.label_start <= term.start
    return "cases" if in_label and not words else None


_CONVERSION_GAP = re.compile(
    r"^\s*[(（]\s*(?:about|around|approximately|approx\.?|some|約|约|折合|相當於|相当于)?\s*$"
)
_MONEY_UNITS = frozenset({"HKD", "USD", "SGD", "MOP", "TWD", "CNY", "RMB", "EUR", "GBP"})


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
            and fig.unit != prev.unit
            and prev.char_end <= fig.char_start
            and _CONVERSION_GAP.match(norm[prev.char_end : fig.char_start])
        ):
            continue
        kept.append(fig)
    return kept


def _other_crimes(figures: list[Figure], include_other: bool) -> list[Figure]:
    """Figures about a crime outside the series (category "unknown"): dropped, or on request named by
    the shipped category file (blackmail, burglary ...)."""
    if not include_other:
        return [f for f in figures if f.category != "unknown"]
    for fig in figures:
        if fig.category == "unknown" and fig.source_label:
            fig.category = lookup_category(fig.source_label) or "unknown"
    return figures


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
