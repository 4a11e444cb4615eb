"""Writings of the same words read as one, one character for one: Simplified Chinese through
Traditional characters, American spellings as British, the Cantonese case classifier as 宗.

Hong Kong's figures are written in Traditional Chinese by its police and press, and in Simplified by
the Government's Simplified releases and by Mainland outlets that reprint them. Every rule of the
reader (category terms, period phrases, kinds of change, refusals) would otherwise need each of its
Chinese words twice, and a word listed in one script only is a figure lost in the other. A
Simplified text is therefore read through OpenCC's Simplified to Hong Kong Traditional conversion,
which picks the right character where one Simplified character stands for several (发 -> 發 or 髮,
后 -> 後 or 后) from the words around it. The fold keeps the length, so every offset stays valid;
where a conversion would change the length, the text is folded character by character instead.

Whether a text *was* written in Simplified is evidence of where it comes from (a Simplified
paragraph that names no place is not Hong Kong's: `figure_places.py`), so the extractor keeps the
text as written for that decision and for the words it quotes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from transform.figures.jurisdictions import looks_simplified
from transform.regex_gate import gated_compile

__all__ = ["fold_spelling", "fold_to_traditional", "unfold_words"]


@lru_cache(maxsize=1)
def _converter():
    import opencc  # imported on the first Simplified text: Traditional and English text never need it

    return opencc.OpenCC("s2hk")


def fold_to_traditional(text: str) -> str:
    """`text` in Hong Kong Traditional characters when it is written in Simplified, else `text`;
    always of the same length."""
    if not looks_simplified(text):
        return text
    convert = _converter().convert
    folded = convert(text)
    if len(folded) == len(text):
        return folded
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in text)


# American spellings the rules know in their British form, of the same length (wire copy writes
# "offense", "center"; Hong Kong's Government and press "offence", "centre").
_AMERICAN = gated_compile(r"\b(?:([Oo]ffen|[Dd]efen)se|([Cc]ent)er)(s?)\b")
# Cantonese press counts cases with 單 (逾千單騙案, 錄得3,954單電話騙案): right after a number it is 宗,
# unless it starts a word of its own (單位 "unit", 單日 "a single day", 單一, 單程, 單據 ...).
_CANTONESE_CASES = gated_compile(
    r"(?<=[\d〇一二三四五六七八九十百千萬万])單(?![位一日月年程車身據獨次向純親])"
)


def fold_spelling(text: str) -> str:
    """American spellings as British and the Cantonese case classifier as 宗; always of the same length."""
    if "單" in text:
        text = _CANTONESE_CASES.sub("宗", text)
    if "ense" in text or "ente" in text:
        text = _AMERICAN.sub(_british, text)
    return text


def _british(m: re.Match) -> str:
    if m.group(1):
        return m.group(1) + "ce" + m.group(3)
    return m.group(2) + "re" + m.group(3)


def unfold_words(words: str, folded: str, written: str) -> str:
    """`words` (read from `folded`) as `written` has them: evidence quotes the text as published."""
    if folded is written or not words:
        return words
    at = folded.find(words)
    return written[at : at + len(words)] if at >= 0 else words
