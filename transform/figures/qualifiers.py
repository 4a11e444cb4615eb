"""Words around a number that say how exact it is and which way a change went.

`qualifier_before(text)` reads the words just before a number ("more than", "about", 逾, 約 ...);
`change_direction(text)` finds the last rise/fall word in a stretch of text and returns +1 / -1.
"nearly" and "almost" count as `approx`: news use them for rounded figures just under the value.
"""

from __future__ import annotations

import re

from transform.regex_gate import gated_compile

__all__ = [
    "UP_WORDS",
    "DOWN_WORDS",
    "change_direction",
    "direction_after",
    "qualifier_after",
    "qualifier_before",
]

_QUALIFIERS_BEFORE: dict[str, tuple[str, ...]] = {
    "approx": (
        "nearly",
        "almost",
        "about",
        "around",
        "some",
        "approximately",
        "roughly",
        "approx.",
        "an estimated",
        "estimated",
        "close to",
        "circa",
        "约",
        "約",
        "大約",
        "大约",
        "近",
        "接近",
        "將近",
        "将近",
        "約為",
        "约为",
        "逾近",
    ),
    "more_than": (
        "more than",
        "over",
        "above",
        "exceeding",
        "exceeded",
        "exceeds",
        "exceed",
        "topped",
        "tops",
        "top",
        "surpassed",
        "surpass",
        "passed",
        "greater than",
        "in excess of",
        "upwards of",
        "at least",
        "逾",
        "超過",
        "超过",
        "超",
        "多於",
        "多于",
        "高於",
        "過",
    ),
    "less_than": (
        "less than",
        "fewer than",
        "under",
        "below",
        "up to",
        "不足",
        "少於",
        "少于",
        "不到",
        "低於",
        "低于",
    ),
}
_QUALIFIER_AFTER = {
    "多": "more_than",
    "以上": "more_than",
    "左右": "approx",
    "以下": "less_than",
    "or so": "approx",
    "-odd": "approx",
    "odd ": "approx",
    "or more": "more_than",
    "plus ": "more_than",
}

UP_WORDS: tuple[str, ...] = (
    "up",
    "rise",
    "rises",
    "rose",
    "risen",
    "rising",
    "increase",
    "increased",
    "increases",
    "increasing",
    "jump",
    "jumped",
    "jumps",
    "surge",
    "surged",
    "surges",
    "soar",
    "soared",
    "soars",
    "climb",
    "climbed",
    "grew",
    "grow",
    "growth",
    "higher",
    "more",
    "upsurge",
    "spike",
    "spiked",
    "hike",
    "rebound",
    "rebounded",
    "升",
    "上升",
    "增",
    "增加",
    "增長",
    "增长",
    "急升",
    "飆升",
    "飙升",
    "升幅",
    "增幅",
    "上漲",
    "上涨",
    "上昇",
    "昇",
    "攀升",
    "上揚",
    "上扬",
    "激增",
    "急增",
    "大增",
    "暴增",
    "增至",
    "growing",
    "climbing",
    "surging",
    "jumping",
    "soaring",
    "多",
)
DOWN_WORDS: tuple[str, ...] = (
    "down",
    "drop",
    "dropped",
    "drops",
    "fell",
    "fall",
    "falls",
    "fallen",
    "decrease",
    "decreased",
    "decreases",
    "decline",
    "declined",
    "declines",
    "plunge",
    "plunged",
    "plummeted",
    "lower",
    "less",
    "fewer",
    "reduced",
    "reduction",
    "dip",
    "dipped",
    "slid",
    "shrank",
    "eased",
    "slump",
    "slumped",
    "跌",
    "下跌",
    "減",
    "减",
    "減少",
    "减少",
    "下降",
    "降",
    "跌幅",
    "降幅",
    "減幅",
    "减幅",
    "回落",
    "下滑",
    "微跌",
    "急跌",
    "大跌",
    "下挫",
    "falling",
    "declining",
    "dropping",
    "slipped",
    "slip",
    "slips",
    "slipping",
    "dips",
    "dipping",
    "decreasing",
    "少",
)


def _word_re(words: tuple[str, ...]) -> str:
    ascii_words = sorted((w for w in words if w.isascii()), key=len, reverse=True)
    cjk = sorted((w for w in words if not w.isascii()), key=len, reverse=True)
    parts = []
    if ascii_words:
        parts.append(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ascii_words) + r")\b")
    if cjk:
        parts.append("(?:" + "|".join(map(re.escape, cjk)) + ")")
    return "|".join(parts)


_BEFORE_RES = [
    (q, gated_compile(rf"(?:{_word_re(ws)})\s*(?:of\s+|by\s+|to\s+|達|达|的)?$", re.IGNORECASE))
    for q, ws in _QUALIFIERS_BEFORE.items()
]
_UP_RE = gated_compile(_word_re(UP_WORDS), re.IGNORECASE)
_DOWN_RE = gated_compile(_word_re(DOWN_WORDS), re.IGNORECASE)


def qualifier_before(before: str) -> str | None:
    """The qualifier that ends the text just before a number, if any ("more than ", "逾", "about ")."""
    tail = before[-25:]
    for qualifier, pattern in _BEFORE_RES:
        if pattern.search(tail):
            return qualifier
    return None


def qualifier_after(after: str) -> str | None:
    """A qualifier written after the number: 3萬多 / 3000宗以上 / 50%左右."""
    head = after.lstrip().lower()
    for word, qualifier in _QUALIFIER_AFTER.items():
        if head.startswith(word) or (word.startswith("-") and after.startswith(word)):
            return qualifier
    return None


_TRAILING_BOUND = gated_compile(r"\b(?:more|less|fewer)\s+than\s*$", re.IGNORECASE)
# "fell more sharply", "grew less quickly": "more" before an adverb compares the pace, it is no rise
_COMPARATIVE_ADVERB = gated_compile(
    r"\b(?:more|less)\s+(?=(?!(?:family|elderly|early|daily|weekly|monthly|quarterly|yearly)\b)[a-z]+ly\b)",
    re.IGNORECASE,
)


def change_direction(text: str) -> int:
    """+1 or -1 for the last rise or fall word in `text`, 0 when there is none. A bound right before
    the number ("accounted for more than 40 per cent") is a qualifier, not a rise."""
    text = _COMPARATIVE_ADVERB.sub("", _TRAILING_BOUND.sub("", text))
    last_up = max((m.end() for m in _UP_RE.finditer(text)), default=-1)
    last_down = max((m.end() for m in _DOWN_RE.finditer(text)), default=-1)
    if last_up == last_down == -1:
        return 0
    return 1 if last_up > last_down else -1


# The noun of a change right after a percentage: "a 42.6 per cent surge", "a 5% year-on-year decline".
# "15.9% - the drop in violent crime", "0.9%: the fall in those cases": a number-first line says what it is
_AFTER_LABEL = r"(?:[-–—:：]\s*(?:the\s+|an?\s+)?(?:(?:sharp|steep|slight|small|big|overall)\s+)?)?"
_AFTER_YEARLY = rf"^\s*{_AFTER_LABEL}(?:(?:year[\s-]+on[\s-]+year|year[\s-]+over[\s-]+year|annual|y-o-y)\s+)?"
_AFTER_UP = gated_compile(
    _AFTER_YEARLY
    + r"(?:more\b|higher\b|up\b|above\b|increase|rise|jump|surge|upsurge|growth|spike|hike|rebound|climb)",
    re.IGNORECASE,
)
_AFTER_DOWN = gated_compile(
    _AFTER_YEARLY
    + r"(?:less\b|fewer\b|lower\b|down\b|below\b|decrease|drop|decline|fall|reduction|dip|plunge|slump)",
    re.IGNORECASE,
)


def direction_after(after: str) -> int:
    """+1 / -1 when the words right after a number make it a change ("8.7% more than", "5% lower")."""
    if _AFTER_UP.match(after):
        return 1
    if _AFTER_DOWN.match(after):
        return -1
    return 0
