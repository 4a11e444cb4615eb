"""Simplified Chinese read through Traditional characters, one character for one.

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

from functools import lru_cache

from transform.figures.jurisdictions import looks_simplified

__all__ = ["fold_to_traditional", "unfold_words"]


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


def unfold_words(words: str, folded: str, written: str) -> str:
    """`words` (read from `folded`) as `written` has them: evidence quotes the text as published."""
    if folded is written or not words:
        return words
    at = folded.find(words)
    return written[at : at + len(words)] if at >= 0 else words
