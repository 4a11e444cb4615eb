"""Words in running text that name a crime category or a metric, kept as data in one place.

Category terms map phrases (English, Traditional and Simplified Chinese) to the canonical ids of
DESIGN section 3. English terms match whole words, case-insensitively, with an optional plural;
Chinese terms match as substrings. Where two terms overlap the longer one wins, so "social media
deception" is never read as plain "deception" and 裸聊勒索 never as 勒索.

Crimes outside the cyber and fraud series (blackmail, burglary ...) are listed too, with their own
label, so that a figure about them is not pinned on a category named earlier in the sentence.
Figures about them are only kept on request, with the id the shipped category file
(transform/categories.csv) gives the words, else "unknown"; the words stay in source_label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transform.regex_gate import (
    fold_sentence,
    folded_words,
    gated,
    gated_compile,
    may_hold,
    required_words,
    words_in,
)

__all__ = [
    "CATEGORY_TERMS",
    "METRIC_TERMS",
    "OTHER_CRIMES",
    "Term",
    "find_category_terms",
    "find_metric_terms",
]

CATEGORY_TERMS: dict[str, tuple[str, ...]] = {
    "technology_crime": (
        "technology crime",
        "technology-related crime",
        "technology related crime",
        "tech crime",
        "technology-based crime",
        "cybercrime",
        "cyber crime",
        "cyber-crime",
        "computer crime",
        "computer-related crime",
        "internet crime",
        "online crime",
        "科技罪案",
        "科技罪行",
        "科技相關罪案",
        "科技相关罪案",
        "網絡罪案",
        "网络罪案",
        "網上罪案",
        "网上罪案",
        "網絡罪行",
        "网络罪行",
        "網上罪行",
        "网上罪行",
        "電腦罪案",
        "科技罪案數字",
    ),
    "internet_deception": (
        "online scam",
        "online fraud",
        "online deception",
        "internet fraud",
        "internet deception",
        "internet scam",
        "online swindle",
        "cyber fraud",
        "cyber scam",
        "網上騙案",
        "網上詐騙",
        "網絡騙案",
        "網絡詐騙",
        "网上骗案",
        "网络诈骗",
        "網上詐騙案",
        "網上欺詐",
        "网上欺诈",
        "網絡欺詐",
        "网络欺诈",
        "網騙",
        "网骗",
    ),
    "deception": (
        "deception",
        "fraud",
        "scam",
        "swindle",
        "swindling",
        "deception case",
        "詐騙",
        "騙案",
        "诈骗",
        "骗案",
        "欺詐",
        "欺诈",
        "詐騙案",
        "騙徒",
        "骗徒",
        "騙子",
        "骗子",
        "fraudster",
        "scammer",
        "swindler",
        "conman",
        "con artist",
    ),
    "online_shopping_fraud": (
        "online shopping fraud",
        "internet shopping fraud",
        "online shopping scam",
        "online shopping deception",
        "e-shopping fraud",
        "網購騙案",
        "網上購物騙案",
        "网购骗案",
        "网上购物骗案",
        "網購詐騙",
        "網上購物詐騙",
    ),
    "online_business_fraud": ("online business fraud", "網上商業騙案", "网上商业骗案", "網上商業詐騙"),
    "email_scam": (
        "email scam",
        "e-mail scam",
        "email deception",
        "e-mail deception",
        "email fraud",
        "e-mail fraud",
        "business email compromise",
        "電郵騙案",
        "電郵詐騙",
        "电邮骗案",
        "電郵騙局",
    ),
    "investment_fraud": (
        "investment fraud",
        "investment scam",
        "investment deception",
        "investment swindle",
        "投資騙案",
        "投資詐騙",
        "投资骗案",
        "投资诈骗",
    ),
    "romance_scam": (
        "romance scam",
        "romance fraud",
        "romance deception",
        "internet love scam",
        "online romance scam",
        "love scam",
        "網上情緣",
        "网上情缘",
        "情緣騙案",
        "愛情騙案",
        "交友騙案",
    ),
    "employment_fraud": (
        "employment fraud",
        "employment scam",
        "job scam",
        "job fraud",
        "employment deception",
        "求職騙案",
        "求职骗案",
        "求職詐騙",
        "招聘騙案",
        "刷單騙案",
        # the scheme named by its bait: "Bogus job offers ... drained HK$480 million"
        "bogus job offer",
        "fake job offer",
        "fake job ad",
        "bogus job ad",
    ),
    "telephone_deception": (
        "telephone deception",
        "telephone fraud",
        "telephone scam",
        "phone scam",
        "phone fraud",
        "phone deception",
        "電話騙案",
        "电话骗案",
        "電話詐騙",
        "电话诈骗",
    ),
    "phishing": ("phishing", "phishing scam", "釣魚", "钓鱼", "釣魚騙案"),
    "naked_chat_blackmail": (
        "naked chat",
        "naked chat blackmail",
        "nude chat",
        "sextortion",
        "sex chat blackmail",
        "webcam blackmail",  # the same racket named by its tool
        "webcam extortion",
        "video-chat blackmail",
        "video chat blackmail",
        "裸聊",
        "裸聊勒索",
    ),
    "social_media_deception": (
        "social media deception",
        "social media scam",
        "social media fraud",
        "social networking deception",
        "社交媒體騙案",
        "社交媒体骗案",
        "社交媒體詐騙",
        "社交平台騙案",
    ),
    "hacking": (
        "hacking",
        "unauthorised access",
        "unauthorized access",
        "system intrusion",
        "computer intrusion",
        "黑客",
        "非法進入電腦系統",
        "未獲授權使用電腦",
        "未獲批准使用電腦",
        "入侵電腦",
        "系統入侵",
        "系统入侵",
        "入侵系統",
        "入侵系统",
        "入侵案件",
        "黑客入侵",
    ),
    "ransomware": ("ransomware", "勒索軟件", "勒索软件"),
    "compensated_dating_scam": (
        "compensated dating scam",
        "compensated dating",
        "假援交",
        "援交騙案",
        "援交",
    ),
    "e_banking_fraud": ("e-banking fraud", "online banking fraud", "網上銀行騙案", "網上銀行詐騙"),
    "impersonating_customer_service": ("impersonating customer service", "fake customer service", "假冒客服"),
    "online_game_related_crime": (
        "online game related crime",
        "online game-related crime",
        "online gaming crime",
        "與網上遊戲有關的罪行",
        "網上遊戲",
    ),
    "overall_crime": (
        "overall crime",
        "all crime",  # "Year | All crime | Deception": a table column of every crime reported
        "all crimes",
        "crime overall",  # "against a backdrop of falling crime overall"
        "crime as a whole",
        "overall number of crimes",
        "number of crimes",
        "crimes reported",
        "crime case",
        "criminal case",
        "crimes recorded",
        "reported crime",  # "Reported crime in Hong Kong climbed ...": all crime reported to the police
        "recorded crime",
        "crime count",
        "crime total",
        "total crime",
        "crimes",
        "crime figure",
        "crime number",  # "Hong Kong's crime numbers ticked up"
        "offences recorded",  # "with 31,434 offences recorded": like "crimes recorded"
        "offences reported",
        "crime rate",
        "overall detection rate",
        "整體破案率",
        "整体破案率",
        "整體罪案",
        "整体罪案",
        "總體罪案",
        "罪案總數",
        "罪案数字",
        "罪案數字",
        "整體罪案數字",
        "罪案",  # "共有45 315宗罪案": crimes of all kinds; a longer term (科技罪案 ...) wins where it fits
    ),
    "violent_crime": (
        "violent crime",
        "暴力罪案",
        "暴力罪案數字",
        "暴力罪案数字",
        "暴力罪行",
        "暴力犯罪",
        "暴力案件",
    ),
}

# Kinds of fraud that are not series of their own (ANNOTATION: mask scams, London gold, "guess who I
# am", fake officials or customer service, romance-investment scams): a figure about one of them is a
# subset, never the parent series. They read as crimes outside the series ("unknown").
FRAUD_SUBTYPES: tuple[str, ...] = (
    "mask",
    "masks",
    "london gold",
    "precious metals",
    "guess who i am",
    "guess who",
    "fake customer service",
    "impersonating customer service",
    "customer service",
    "pretend officials",
    "impersonating officials",
    "impersonated officials",
    "impersonation of officials",
    "impersonating mainland officials",
    "impersonating officers",
    "fake officials",
    "bogus officials",
    "romance-investment",
    "investment-romance",
    "romance investment",
    "pig butchering",
    "pig-butchering",
    "口罩",
    "倫敦金",
    "伦敦金",
    "猜猜我是誰",
    "猜猜我是谁",
    "假冒官員",
    "假冒官员",
    "假冒內地官員",
    "假冒内地官员",
    "假冒客服",
    "殺豬盤",
    "杀猪盘",
    "網戀投資",
    "网恋投资",
    "情緣投資",
    "情缘投资",
)

# Crimes outside this project's series: recognised so they stop a category from carrying over.
OTHER_CRIMES: tuple[str, ...] = FRAUD_SUBTYPES + (
    "blackmail",
    "burglary",
    "robbery",
    "theft",
    "shop theft",
    "snatching",
    "pickpocketing",
    "homicide",
    "murder",
    "rape",
    "arson",
    "indecent assault",
    "wounding",
    "serious assault",
    "criminal intimidation",
    "criminal damage",
    "serious drug offence",
    "drug offence",
    "triad-related crime",
    "triad related crime",
    "domestic violence",
    "money laundering",
    "missing motor vehicle",
    "勒索",
    "爆竊",
    "劫案",
    "盜竊",
    "搶掠",
    "扒竊",
    "兇殺",
    "強姦",
    "縱火",
    "非禮",
    "傷人",
    "嚴重毆打",
    "刑事恐嚇",
    "刑事毀壞",
    "毒品",
    "三合會",
    "家庭暴力",
    "洗黑錢",
    "洗錢",
    "失車",
    "shoplifting",
    "搶劫",
    "抢劫",
    "行劫",
    "偷竊",
    "盗窃",
    "爆窃",
    "凶杀",
    "纵火",
    "强奸",
)

# Metric words. Money amounts are losses unless the words say the money was stopped or seized.
METRIC_TERMS: dict[str, tuple[str, ...]] = {
    "cases": (
        "case",
        "caseload",
        "report",
        "reported",
        "crimes",
        "offence",
        "offense",
        "complaint",
        "宗",
        "起",
        "案件",
        "個案",
        "个案",
        "舉報",
        "举报",
        "報案",
        "报案",
        "案",
    ),
    "loss": (
        "loss",
        "lost",
        "losing",
        "involved",
        "involving",
        "amount",
        "money",
        "pecuniary",
        "swindled",
        "cheated",
        "defrauded",
        "損失",
        "损失",
        "涉款",
        "金額",
        "金额",
        "被騙",
        "被骗",
        "騙去",
        "涉及",
    ),
    "arrests": ("arrested", "arrest", "被捕", "拘捕", "落網", "落网"),
    "victims": ("victim", "受害人", "受害者", "事主"),
    "detection_rate": ("detection rate", "破案率"),
    "intercepted": (
        "intercepted",
        "stopped payment",
        "prevented",
        "dissuaded",
        "averted",
        "pre-empted",
        "preempted",
        "stopped",
        "制止",
        "截停",
        "止付",
        "攔截",
        "拦截",
        "勸止",
        "劝止",
        "堵截",
    ),
}


# The kind of fraud or crime named around a head word, in either order: "scam cases concerning online
# shopping", "deception on social media", "crimes related to technology", 涉及網購的騙案, 網購相關騙案.
# The enumerated terms above name the usual compounds; these read the phrasings built around them.
_FRAUD_MODIFIERS: dict[str, tuple[str, ...]] = {
    "online_shopping_fraud": (
        "online shopping",
        "online-shopping",
        "e-shopping",
        "internet shopping",
        "online purchases?",
        "e-?commerce",
        "網購",
        "網上購物",
        "网购",
        "网上购物",
    ),
    "investment_fraud": ("investments?", "投資", "投资"),
    "employment_fraud": (
        "jobs?",
        "employment",
        "job-seeking",
        "job seekers?",
        "recruitment",
        "求職",
        "求职",
        "招聘",
    ),
    "romance_scam": (
        "romance",
        "online romance",
        "online dating",
        "dating",
        "love",
        "網上情緣",
        "网上情缘",
        "網戀",  # 網戀騙案: online romance in a headline's short form
        "网恋",
        "交友",
        "愛情",
        "爱情",
    ),
    "telephone_deception": ("(?:tele)?phones?", "(?:tele)?phone calls?", "電話", "电话"),
    "email_scam": ("e-?mails?", "電郵", "电邮"),
    "social_media_deception": (
        "social media",
        "social networking",
        "social networks?",
        "social networking sites?",
        "social media platforms?",
        "社交媒體",
        "社交媒体",
        "社交平台",
        "社交網絡",
        "社交网络",
        "社交網站",
        "社交网站",
    ),
}
# Modifiers that name a kind of fraud even before "cases" alone, with no fraud word: nothing else is
# counted in cases of online romance or online shopping ("job cases", "phone cases", "investment cases"
# could be anything).
_CASES_NAME_THE_FRAUD: dict[str, tuple[str, ...]] = {
    "online_shopping_fraud": ("online shopping", "online-shopping", "internet shopping", "e-shopping"),
    "romance_scam": ("online romance", "romance", "online dating"),
}
_EN_FRAUD_HEAD = r"(?:frauds?|scams?|deceptions?|swindles?|scammers?|fraudsters?|swindlers?)"
_ZH_FRAUD_HEAD = r"(?:騙案|詐騙|骗案|诈骗|騙局|骗局)"
_EN_LINK = (  # "fraud cases on", "frauds committed through", "scams carried out via", "scams that begin on"
    r"(?:\s+cases?)?(?:\s+(?:committed|perpetrated|carried\s+out|conducted)"
    r"|\s+(?:that|which)\s+(?:(?:begin|began|begins|start|started|starts|originated?|originates|happen(?:ed|s)?"
    r"|occur(?:red|s)?|took\s+place|take\s+place|takes\s+place)|(?:are|were|is|was)\s+(?:committed|carried\s+out"
    r"|conducted|perpetrated)))?\s+(?:on|via|through|over|involving|concerning|related\s+to|relating\s+to|linked\s+to"
    r"|connected\s+with|in|using|targeting)\s+(?:the\s+|an?\s+)?"
)
_ZH_LINK = r"(?:(?:進行|进行)?的|相關的?|相关的?|有關的?|有关的?|類|类)?\s*"  # 透過社交媒體進行的騙案
_ZH_SWINDLE_CASES = r"(?:行騙|行骗|詐騙|诈骗|騙財|骗财)的?(?:案件|個案|个案|案)"
_ZH_SWINDLE_NEEDLES = ("行騙", "行骗", "詐騙", "诈骗", "騙財", "骗财")
# 因網上求職而被騙, 網購時受騙: the victim was cheated through the named kind of fraud.
_ZH_VICTIM = r"(?:而|時|时|中|期間|期间)?(?:被|受|遭|遭到)(?:騙|骗|詐騙|诈骗)"
# every match holds one of these (被/受/遭/遭到 + 騙/詐騙): not the bare 詐騙 of most Chinese texts
_ZH_VICTIM_NEEDLES = tuple(a + b for a in "被受遭到" for b in "騙骗詐诈")
_VIOLENT_PATTERN = (
    r"\bviolent(?:\s+and\s+[a-z]+)?\s+(?:crimes?|offences?|cases?)\b"
    r"|\b(?:crimes?|offences?)\s+of\s+violence\b"
)
_TECH_PATTERNS = (
    r"\b(?:crimes?|offences?)\s+(?:related\s+to|relating\s+to|linked\s+to|involving|connected\s+with)"
    r"\s+(?:the\s+use\s+of\s+)?(?:technology|computers?|the\s+internet|cyberspace)\b",
    r"\b(?:technology|tech|cyber|computer|internet)[\s-]+(?:related|linked|enabled)\s+(?:crimes?|offences?)\b",
    r"(?:涉及|與|与)?科技(?:相關|相关|有關|有关)?的?(?:罪案|罪行|犯罪)",
)


_EN_FRAUD_NEEDLES = ("fraud", "scam", "deception", "swindle")  # every English head word holds one
_ZH_FRAUD_NEEDLES = ("騙案", "詐騙", "骗案", "诈骗", "騙局", "骗局")
_TECH_NEEDLES = (
    ("technology", "computer", "internet", "cyberspace"),
    ("tech", "cyber", "computer", "internet"),
    ("科技",),
)


def _composite_patterns() -> list[tuple[re.Pattern[str], str, tuple[str, ...]]]:
    """(pattern, key, needles): each phrasing built around a head word, with the words one of which
    every match holds (the pattern is tried only when one of them is in the text)."""
    out = [
        (gated_compile(p, re.IGNORECASE), "technology_crime", needles)
        for p, needles in zip(_TECH_PATTERNS, _TECH_NEEDLES, strict=True)
    ]
    out.append((gated_compile(_VIOLENT_PATTERN, re.IGNORECASE), "violent_crime", ("violen",)))
    for key, mods in _CASES_NAME_THE_FRAUD.items():  # "online romance cases", "online shopping cases"
        out.append((gated_compile(rf"\b(?:{'|'.join(mods)})\s+cases\b", re.IGNORECASE), key, ("case",)))
    for key, mods in _FRAUD_MODIFIERS.items():
        en = "|".join(m for m in mods if m.isascii())
        zh = "|".join(m for m in mods if not m.isascii())
        out.append(
            (gated_compile(rf"\b{_EN_FRAUD_HEAD}{_EN_LINK}(?:{en})\b", re.IGNORECASE), key, _EN_FRAUD_NEEDLES)
        )
        out.append(
            (
                gated_compile(rf"\b(?:{en})[\s-]+(?:related\s+|based\s+)?{_EN_FRAUD_HEAD}\b", re.IGNORECASE),
                key,
                _EN_FRAUD_NEEDLES,
            )
        )
        out.append(
            (gated_compile(rf"(?:涉及|涉)?(?:{zh}){_ZH_LINK}{_ZH_FRAUD_HEAD}"), key, _ZH_FRAUD_NEEDLES)
        )
        out.append(
            (gated_compile(rf"(?:因|在|透過|通過|通过)?(?:{zh}){_ZH_VICTIM}"), key, _ZH_VICTIM_NEEDLES)
        )
        # 利用社交網站行騙的案件, 透過電話詐騙的個案: cases of swindling by the named means
        out.append(
            (
                gated_compile(
                    rf"(?:利用|透過|通過|通过|經|经|借助)(?:{zh})(?:進行|进行)?{_ZH_SWINDLE_CASES}"
                ),
                key,
                _ZH_SWINDLE_NEEDLES,
            )
        )
    return out


_SUBTYPE_WORDS = frozenset(t.lower() for t in FRAUD_SUBTYPES)


@dataclass(frozen=True)
class Term:
    """A category or metric word found in the text: span, canonical id, the words themselves."""

    start: int
    end: int
    key: str  # category id, "unknown" for OTHER_CRIMES, or a metric name
    label: str


def _pattern(term: str) -> str:
    """English terms match whole words with their plural ("burglary" also "burglaries")."""
    if term.isascii():
        words = re.escape(term).replace(r"\ ", r"[\s-]+")
        if re.search(r"[^aeiou]y$", term):
            return rf"\b{words[:-1]}(?:y|ies)\b"
        return rf"\b{words}(?:e?s)?\b"
    return re.escape(term)


def _needle(term: str) -> str:
    """Lower-case letters every match of the term's pattern holds: its first word, without the "y"
    that becomes "ies" ("burglar" for "burglary"). Used to skip a pattern whose needle is absent."""
    if not term.isascii():
        return term.lower()
    word = re.split(r"[\s-]", term, maxsplit=1)[0].lower()
    return word[:-1] if word == term.lower() and re.search(r"[^aeiou]y$", word) else word


# (pattern, key, needles): a pattern is tried only when one of its needles is in the lower-cased text.
# Composite patterns are also gated by their first characters (transform/regex_gate.py).
_Compiled = list[tuple[re.Pattern[str], str, tuple[str, ...]]]


@lru_cache(maxsize=4)
def _compiled(table_name: str) -> _Compiled:
    table = _tables()[table_name]
    pairs = [(term, key) for key, terms in table.items() for term in terms]
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    literal: _Compiled = [(gated_compile(_pattern(t), re.IGNORECASE), key, (_needle(t),)) for t, key in pairs]
    if table_name != "category":
        return literal
    # a named sub-type first (it is never its parent), then phrasings built around a head word
    subtypes = [entry for (t, _k), entry in zip(pairs, literal, strict=True) if t.lower() in _SUBTYPE_WORDS]
    composites: _Compiled = [(gated(p), k, needles) for p, k, needles in _composite_patterns()]
    return subtypes + composites + literal


@lru_cache(maxsize=4)
def _by_needle(table_name: str) -> dict[str, list[int]]:
    """Positions in `_compiled(table_name)` by needle (a pattern with several is under each)."""
    by_needle: dict[str, list[int]] = {}
    for i, (_pattern, _key, needles) in enumerate(_compiled(table_name)):
        for needle in needles:
            by_needle.setdefault(needle, []).append(i)
    return by_needle


# The needles of each table found in a whole text (document_needles): a sentence of that text can
# hold no other, so its lookups test only these.
Needles = dict[str, frozenset[str]]


def document_needles(text: str) -> Needles:
    """For each table, the needles present in `text`: found once per text, then passed to the
    lookups of each of its sentences."""
    lowered = text.lower()
    return {table: frozenset(words_in(_needles(table), lowered)) for table in ("category", "metric")}


@lru_cache(maxsize=4)
def _needles(table_name: str) -> tuple[str, ...]:
    return tuple(_by_needle(table_name))


def _candidate_patterns(
    table_name: str, lowered: str, within: frozenset[str] | None = None
) -> list[tuple[re.Pattern[str], str, tuple[str, ...]]]:
    """The table's patterns one of whose needles is in `lowered`, in table order: one substring test
    per needle instead of one regex scan per pattern. Only the needles `within` (those of the whole
    text) are tried when given; an ASCII text cannot hold a Chinese needle."""
    by_needle = _by_needle(table_name)
    ascii_text = lowered.isascii()
    positions: set[int] = set()
    for needle in by_needle if within is None else within:
        if (not ascii_text or needle.isascii()) and needle in lowered:
            positions.update(by_needle[needle])
    entries = _compiled(table_name)
    return [entries[i] for i in sorted(positions)]


def _tables() -> dict[str, dict[str, tuple[str, ...]]]:
    return {"category": {**CATEGORY_TERMS, "unknown": OTHER_CRIMES}, "metric": METRIC_TERMS}


def _find(text: str, table_name: str, within: Needles | None = None) -> list[Term]:
    """Non-overlapping matches, longest term first, in text order."""
    taken: list[Term] = []
    only = None if within is None else within[table_name]
    for pattern, key, _needles in _candidate_patterns(table_name, text.lower(), only):
        for m in pattern.finditer(text):
            if not any(t.start < m.end() and m.start() < t.end for t in taken):
                taken.append(Term(m.start(), m.end(), key, m.group()))
    return sorted(taken, key=lambda t: t.start)


# 三合會相關罪案, 與毒品有關的罪案: the generic word after a named crime is that crime, not all crimes.
_GENERIC_CRIME = ("罪案",)
_QUALIFYING_GAP = gated_compile(r"\s*(?:相關|相关|有關|有关|類|类|的)?\s*")


def _merge_generic_tails(text: str, terms: list[Term]) -> list[Term]:
    """網上情緣 + 騙案, "romance" + "scam", 三合會 + 相關罪案: a generic word right after a specific one
    belongs to it."""
    merged: list[Term] = []
    for term in terms:
        prev = merged[-1] if merged else None
        if prev is not None and (
            (
                term.key == "deception"
                and (prev.key not in ("deception", "unknown") or prev.label.lower() in _SUBTYPE_WORDS)
                and re.fullmatch(r"[\s\-\"'“”‘’「」]*", text[prev.end : term.start])
            )
            or (term.label in _GENERIC_CRIME and _QUALIFYING_GAP.fullmatch(text[prev.end : term.start]))
        ):
            merged[-1] = Term(prev.start, term.end, prev.key, text[prev.start : term.end])
        else:
            merged.append(term)
    return merged


# "Crime edged up 1.9 per cent": bare "crime" opening a sentence or clause is its subject, all crimes.
# Not "crime syndicates", "crime prevention": those name something else.
_BARE_CRIME = gated_compile(
    # at a clause's start (a dateline's dash too: "HONG KONG - Crime rose"), or as what a change is of:
    # "a 28.9pc jump in Hong Kong crime"
    r"(?:^|(?<=[,;:]\s)|(?<=\n)|(?<=\s[-–—]\s)|\b(?:jump|rise|increase|surge|growth|climb|fall|drop|decline|decrease)\s+in\s+"
    r"(?:(?:hong\s+kong|local|reported|recorded)(?:'s)?\s+)?)\W*(?P<word>crimes?)\b"
    r"(?!\s+(?:syndicates?|prevention|wing|units?|bureau|scenes?|squads?|groups?|rings?|gangs?|bosses|boss"
    r"|victims?|statistics|figures?|trends?|situation|fighters?|proceeds|hotline))",
    re.IGNORECASE,
)


_BARE_CRIME_WORDS = folded_words(_BARE_CRIME)  # "crime"


def _bare_crime(text: str, terms: list[Term]) -> list[Term]:
    found = list(terms)
    if not may_hold(_BARE_CRIME_WORDS, fold_sentence(text)):
        return found
    for m in _BARE_CRIME.finditer(text):
        s, e = m.span("word")
        if not any(t.start < e and s < t.end for t in terms):
            found.append(Term(s, e, "overall_crime", m.group("word")))
    return sorted(found, key=lambda t: t.start)


# Names of police units, centres and campaigns hold category words that name no figure's category:
# "the Anti-Deception Coordination Centre", 網絡安全及科技罪案調查科, "防騙易" ...
_ORGANISATION = gated_compile(
    r"(?:\b(?:the\s+)?(?:[A-Z][\w'-]*\s+(?:and\s+|of\s+|&\s+)?){0,6}(?:Anti-)?[A-Z][\w-]*\s+"
    r"(?:Bureau|Centre|Center|Division|Unit|Wing|Squad|Team|Section|Office|Council|Committee|Panel|Task\s+Force)\b)"
    r"|(?:反詐騙|反诈骗|網絡安全及科技罪案|网络安全及科技罪案|商業罪案|商业罪案|科技罪案|刑事)"
    r"(?:協調中心|协调中心|調查科|调查科|組|组|科)"
    r"|防騙易|防骗易|守網者|守网者|反詐騙|反诈骗"
)


# A generic fraud word that modifies another noun names no figure's category: 詐騙方式 (fraud methods),
# 騙案手法, "scam alerts", "fraud syndicates", 升幅最大的罪案類別 / "the crime category" (a class of crime).
_MODIFIED_NOUN_AFTER = gated_compile(
    r"^\s*(?:方式|手法|手段|集團|集团|類型|类型|類別|类别|種類|种类|技倆|伎倆|陷阱|短訊|短讯|訊息|讯息|宣傳|宣传"
    r"|熱線|热线|黑點)"
    r"|^\s+(?:alerts?|prevention|tactics|methods?|syndicates?|gangs?|rings?|hotline|awareness|campaigns?"
    r"|categor(?:y|ies)|types?"
    r"|publicity|messages|tricks?|modus)\b",
    re.IGNORECASE,
)


def _not_modifiers(text: str, terms: list[Term]) -> list[Term]:
    return [
        t
        for t in terms
        if not (
            t.key in ("deception", "overall_crime") and _MODIFIED_NOUN_AFTER.match(text[t.end : t.end + 12])
        )
    ]


_ORGANISATION_WORDS = required_words(_ORGANISATION)  # "Bureau", "Centre" ... (matched in their case)


def _outside_names(text: str, terms: list[Term]) -> list[Term]:
    if not terms or not may_hold(_ORGANISATION_WORDS, text):
        return terms
    names = [m.span() for m in _ORGANISATION.finditer(text)]
    return [t for t in terms if not any(s <= t.start < e for s, e in names)]


# 「個人層面」的電郵詐騙, "business-level" e-mail scams: a quoted label before a category names a part of
# it (by victim, by method); the figure is of that part, not of the series. A label is words: a span
# holding a number or a list mark lies between two labels (a straight quote closes one, then opens the
# next: "網購騙案"3954宗、"求職騙案"1706宗).
_QUOTED_LABEL_BEFORE = gated_compile(r"[「『\"“‘']([^」』\"”’'\n\d、，,]{1,16})[」』\"”’']\s*(?:的|之)?\s*$")


def _quoted_parts(text: str, terms: list[Term]) -> list[Term]:
    out = []
    for t in terms:
        m = _QUOTED_LABEL_BEFORE.search(text[max(0, t.start - 20) : t.start])
        label = m.group(1) if m else ""
        named = [x for x in _find(label, "category") if x.key != "unknown"] if label else []
        if m and not named and t.key != "unknown":
            out.append(Term(t.start, t.end, "unknown", f"{m.group()}{t.label}"))
        else:
            out.append(t)
    return out


# Every kind's modifiers, longest first (a longer one wins where two start at one place).
_MODIFIERS_LONGEST_FIRST = sorted(
    (m for mods in _FRAUD_MODIFIERS.values() for m in mods), key=len, reverse=True
)


def _list_label_pattern() -> re.Pattern[str]:
    labels = _MODIFIERS_LONGEST_FIRST
    en = "|".join(m for m in labels if m.isascii())
    zh = "|".join(m for m in labels if not m.isascii())
    return gated_compile(
        rf"(?:^|(?<=[:：;；|,，、\n]))\s*(?:(?P<en>{en})\b\s*(?:[:：]|,?(?=\s*(?:HK\$|\$)?\d))"
        rf"|(?P<zh>{zh})\s*[:：]?(?=\s*\d))",
        re.IGNORECASE,
    )


# "Fraud by type: Online shopping: 8,950 | Investment 6,330", "types of fraud: online shopping, 3,954
# cases; investment, 1,271", 騙案類別：網購3 954宗、投資1 271宗: the kind of fraud as a list label.
_LIST_LABEL = _list_label_pattern()
_FRAUD_KEYS = frozenset({"deception", "internet_deception", *_FRAUD_MODIFIERS})
_MODIFIER_RES = {  # each kind's modifiers, to name the kind a label's words are
    key: gated_compile("|".join(f"(?:{m})" for m in mods), re.IGNORECASE)
    for key, mods in _FRAUD_MODIFIERS.items()
}


def _fraud_list_labels(text: str, terms: list[Term]) -> list[Term]:
    """The kinds of fraud a list of a fraud sentence labels with their bare modifier: each is that kind."""
    if not any(t.key in _FRAUD_KEYS for t in terms):
        return terms
    found = list(terms)
    for m in _LIST_LABEL.finditer(text):
        group = "en" if m.group("en") else "zh"
        s, e = m.span(group)
        if any(t.start < e and s < t.end for t in terms):
            continue
        key = next(k for k, mods in _FRAUD_MODIFIERS.items() if _MODIFIER_RES[k].fullmatch(m.group(group)))
        found.append(Term(s, e, key, m.group(group)))
    return sorted(found, key=lambda t: t.start)


# "Online shopping followed the same path.", "Online shopping, my own weakness, tells the same story": a
# sentence that opens on a kind of fraud's bare modifier, then a comma or a verb, is about that kind.
_OPENING_MODIFIER = gated_compile(
    r"\W*(?P<mod>"
    + "|".join(m for m in _MODIFIERS_LONGEST_FIRST if m.isascii())
    + r")\b(?=\s*,|\s+(?:followed|tells?|told|saw|showed|was|went|has|had|is)\b)",
    re.IGNORECASE,
)


def opening_modifier(text: str) -> Term | None:
    """The kind of fraud a sentence opens on by its bare modifier (`_OPENING_MODIFIER`), if any."""
    m = _OPENING_MODIFIER.match(text)
    if m is None:
        return None
    key = next(k for k, mods in _FRAUD_MODIFIERS.items() if _MODIFIER_RES[k].fullmatch(m.group("mod")))
    return Term(m.start("mod"), m.end("mod"), key, m.group("mod"))


def find_category_terms(text: str, within: Needles | None = None) -> list[Term]:
    """Category words in `text`; crimes outside the project's series come back with key "unknown".

    `within`: the document_needles of the whole text `text` is part of (a sentence), to test fewer."""
    found = _not_modifiers(text, _outside_names(text, _bare_crime(text, _find(text, "category", within))))
    found = [t for t in found if not _ANTI_BEFORE.search(text, max(0, t.start - 6), t.start)]
    found = [
        t
        for t in found
        if not (t.label == "勒索" and _DONE_TO_BEFORE.search(text, max(0, t.start - 2), t.start))
    ]
    return _fraud_list_labels(text, _quoted_parts(text, _merge_generic_tails(text, found)))


# 受害人被勒索金額: what was done to the victims of the crime named before (被勒索, 遭勒索 "was extorted"),
# not the crime of blackmail
_DONE_TO_BEFORE = gated_compile(r"(?:被|遭|遭到)$")
# "an anti-scam roadshow", "anti-fraud measures": what is fought is named, no figure's crime
_ANTI_BEFORE = gated_compile(r"(?:\banti[\s-]?|反|防)$", re.IGNORECASE)


def find_metric_terms(text: str, within: Needles | None = None) -> list[Term]:
    """Metric words in `text` (cases, loss, arrests, victims, detection_rate, intercepted)."""
    return _find(text, "metric", within)
