"""Is a news item about cybercrime, fraud or the periodic law-and-order reviews?

Feeds carry about a hundred items a day (weather, traffic, appointments); only a few carry the
figures this project collects. The decision is a term match on the title and summary, and the
matched terms are returned as the reason so that every kept item can be explained later.
The term lists are data, kept here in one place; English terms match whole words (and their plurals),
case-insensitive; the reason names each term in its singular form.
"""

from __future__ import annotations

import re

__all__ = ["CHINESE_TERMS", "ENGLISH_TERMS", "relevance"]

ENGLISH_TERMS: tuple[str, ...] = (
    "law and order situation",
    "cybercrime",
    "cyber crime",
    "cyber security",
    "cybersecurity",
    "technology crime",
    "technology-related crime",
    "tech crime",
    "deception",
    "fraud",
    "fraudster",
    "scam",
    "scammer",
    "swindle",
    "phishing",
    "hacking",
    "hacker",
    "ransomware",
    "naked chat",
    "romance scam",
    "money mule",
    "money laundering",
    "online shopping",
    "crypto",
    "cryptocurrency",
)

CHINESE_TERMS: tuple[str, ...] = (
    "治安情況",
    "科技罪案",
    "網絡罪案",
    "網上騙案",
    "詐騙",
    "騙案",
    "電話騙案",
    "網購",
    "裸聊",
    "釣魚",
    "黑客",
    "勒索軟件",
    "投資騙案",
    "求職騙案",
    "網上情緣",
    "網絡安全",
    "傀儡戶口",
    "洗黑錢",
    "假冒",
)

_ALTERNATIVES = "|".join(re.escape(t) for t in sorted(ENGLISH_TERMS, key=len, reverse=True))
# plurals ("scams", "technology-related crimes") match their singular term
_ENGLISH_RE = re.compile(rf"(?<![a-z])({_ALTERNATIVES})(?:s|es)?(?![a-z])", re.IGNORECASE)


def _matches(text: str) -> list[str]:
    found = [m.group(1).lower() for m in _ENGLISH_RE.finditer(text)]
    found += [t for t in CHINESE_TERMS if t in text]
    return found


def relevance(title: str, text: str = "") -> str | None:
    """The reason an item is relevant (the matched terms, title first), or None when it is not.

    The reason reads like `title: "law and order situation"; text: "deception", "fraud"`.
    """
    parts = []
    for where, content in (("title", title or ""), ("text", text or "")):
        terms = list(dict.fromkeys(_matches(content)))
        if terms:
            parts.append(f"{where}: " + ", ".join(f'"{t}"' for t in terms))
    return "; ".join(parts) or None
