"""Lines that a PDF or a fixed-width page wrapped, joined before anything is read.

Chinese has no spaces, so a text layer breaks its lines between any two characters: 較去年同\\n期,
錄得\\n32,345宗. Left in, the break splits the words every rule looks for (去年同期, a category, a
number's unit); in English it splits a sentence wherever the next line starts with a capital, a
quote or a dash ("recorded in\\nHong Kong", "480 million Hong Kong\\ndollars"). A break is a wrap
when the text is laid out in lines of about one width and the line is full (at least `_FULL` of
that width), does not end a sentence, holds no table columns and is not a headline, and the next
line goes on with prose rather than a list marker or a heading. A Chinese wrap is removed, an
English one becomes a space. The joined text keeps a map to the original
(`transform.numerals.Rewritten`), so quotes and offsets still point at the words as published.
Lines of another layout (one paragraph per line, tables, lists) are left as they are; `segment.py`
still joins the wraps it knows in those.
"""

from __future__ import annotations

import re

from transform.numerals import Rewritten, rewrite_spans
from transform.regex_gate import gated_compile

__all__ = ["is_box_line", "join_wrapped_lines", "opens_on_its_number"]

# Lines of a wrapped layout are at most this long (characters; Chinese, English): a paragraph per line
# is not a wrapped layout.
_WIDEST_WRAP = {True: 80, False: 110}
_SHORTEST_LINE = 10  # shorter lines (datelines, page numbers, captions) say nothing of the layout
_FULL = 0.7  # a line at least this share of the layout's width is full, so its break is a wrap
_LEAST_FULL_LINES = 3  # a layout is seen in several full lines, not one
_CJK = gated_compile(r"[\u3400-\u9fff]")
_WORD = gated_compile(r"[A-Za-z]{2,}")
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s")
_LEAST_WORDS = 6  # an English line of prose has this many words at the least
_SENTENCE_END = gated_compile(r"[。！？!?.:：]\s*$")
# a table row: cells apart by runs of spaces, a tab or a bar
_COLUMNS = gated_compile(r"\S(?: {2,}|\t| ?[|｜] ?)\S")
_BAR_COLUMNS = gated_compile(r"\S(?:\t| ?[|｜] ?)\S")
# The next line starts a list item or a heading: (一), 1., 二、, •, -, 【, 第二章 ...
# A dash before a small letter goes on with the sentence ("\\n- a more than 29 percent increase").
_LIST_MARKER = gated_compile(
    r"^\s*(?:[(（][一二三四五六七八九十\d]+[)）]|\d+[.、)]\s|[一二三四五六七八九十]+、|[•●▪■◆*【・‧·○◎►▶➢✓]|[\-–—](?!\s*[a-z])"
    r"|第[一二三四五六七八九十]+[章節条條])"
)
# A Chinese headline: phrases set apart by spaces and no comma (疫下搵工難 今年首三季騙案急升7倍).
_HEADLINE_SPACE = gated_compile(r"[\u3400-\u9fff] +[\u3400-\u9fff\d]")
_CLAUSE_MARK = gated_compile(r"[，,、；;]")


def join_wrapped_lines(text: str) -> Rewritten | None:
    """`text` with the line breaks of wrapped prose joined, and where each character came from; None
    when no line of `text` is wrapped (most texts: the reader then reads `text` as it is)."""
    if "\n" not in text:
        return None
    lines = text.split("\n")
    chinese = len(_CJK.findall(text)) * 3 >= len(text)
    width = _layout_width(lines, chinese)
    joins = []
    pos = 0
    for line, following in zip(lines, lines[1:], strict=False):
        end = pos + len(line)
        if (width is not None and _is_wrap(line, following, width)) or _splits_a_number(line, following):
            cjk = bool(_CJK.search(line.rstrip()[-1:] + following.lstrip()[:1]))
            spaced = line[-1:].isspace() or following[:1].isspace()  # "39 \n824": the space is there
            if _split_word(line, following):
                joins.append((end - 1, end + 1, ""))  # "tech-\nnology": one word, hyphen and break out
            else:
                joins.append((end, end + 1, "" if cjk or spaced or _HYPHEN_END.search(line) else " "))
        pos = end + 1
    return rewrite_spans(text, joins) if joins else None


# A Chinese number cut by a line break: a numeral going on (升百分之四\n十二點九) or digits before their
# unit (3,246\n宗). No line ends inside a number, whatever the layout.
_NUMERAL_CUT = gated_compile(
    r"[〇一二三四五六七八九十百千萬万億亿點点兩两]\n[〇一二三四五六七八九十百千萬万億亿點点宗單元%％]"
)
_DIGITS_CUT = gated_compile(r"\d\n[宗單元萬万億亿%％]")


# A line that opens on its number and says after a colon or a dash what it counts ("19,080: technology
# crime cases", "15.9% - the drop in violent crime", "HK$3.6 billion+: money lost"): a list item of a
# fact box, never the rest of a wrapped sentence.
_NUMBER_FIRST_LINE = gated_compile(
    r"\s*(?:HK\$|US\$|\$)?\d[\d,. ]*(?:\s?(?:%|per\s?cent|million|billion|bn|m|k))?\+?\s*(?:[:：]|[-–—]\s)",
    re.IGNORECASE,
)


# A word a PDF hyphenated at the end of a line ("tech-\nnology", "com-\npanies"): one word again,
# unless what stands before the hyphen is a prefix that keeps it ("anti-\ndeception", "e-\nmail").
_HYPHEN_END = gated_compile(r"[A-Za-z]-$")
_HYPHEN_WORD = gated_compile(r"(?<![A-Za-z-])(?P<head>[A-Za-z]+)-$")
_KEEPS_HYPHEN = frozenset(
    [
        "anti",
        "cross",
        "cyber",
        "e",
        "ex",
        "multi",
        "non",
        "self",
        "semi",
        "well",
        "year",
        "half",
        "part",
        "full",
        "short",
        "long",
        "high",
        "low",
    ]
)


def _split_word(line: str, following: str) -> bool:
    head = _HYPHEN_WORD.search(line)
    return head is not None and head.group("head").lower() not in _KEEPS_HYPHEN and following[:1].islower()


def opens_on_its_number(line: str) -> bool:
    """Whether `line` is a number-first item of a fact box (see `_NUMBER_FIRST_LINE`)."""
    return bool(_NUMBER_FIRST_LINE.match(line))


# A line of a fact box: a label and its value, a bullet, a number-first line ("Cases: 15,637",
# "- Losses: HK$2.03 billion", "19,080: cases reported").
_BOX_LINE = gated_compile(
    r"\W{0,2}[^.。!?！？\d]{1,40}?[:：|]|[-–—•・*]\s|\d[\d,. ]*\s*(?:%|\+)?\s*[:：\-–—]\s"
)


def is_box_line(line: str) -> bool:
    """Whether `line` reads as a line of a fact box rather than a sentence of prose."""
    return bool(_BOX_LINE.match(line))


def _splits_a_number(line: str, following: str) -> bool:
    around = line[-1:] + "\n" + following[:1]
    return bool(_NUMERAL_CUT.fullmatch(around) or _DIGITS_CUT.fullmatch(around))


def _is_prose(line: str) -> bool:
    """A line of sentences, not a table row or a label: Chinese characters, or English words, more
    than numbers ("Technology crime cases 2 206 3 015" is a row of a flattened table)."""
    chars = len(line) - len(_SPACE.findall(line))
    cjk = len(_CJK.findall(line))
    if cjk:
        return cjk >= chars / 3
    return len(_WORD.findall(line)) >= _LEAST_WORDS and len(_DIGIT.findall(line)) <= chars / 4


def _layout_width(lines: list[str], chinese: bool) -> int | None:
    """The width of a wrapped layout (its fullest lines), or None when the text is not laid out in lines."""
    lengths = sorted(
        len(line.strip()) for line in lines if len(line.strip()) >= _SHORTEST_LINE and _is_prose(line)
    )
    if len(lengths) < _LEAST_FULL_LINES:
        return None
    width = lengths[int(0.8 * (len(lengths) - 1))]  # most lines of a wrapped layout are full
    if width > _WIDEST_WRAP[chinese]:
        return None
    full = sum(1 for n in lengths if n >= _FULL * width)
    return width if full >= _LEAST_FULL_LINES else None


def _is_wrap(line: str, following: str, width: int) -> bool:
    stripped = line.strip()
    return (
        len(stripped) >= _FULL * width
        and _is_prose(stripped)
        and not _SENTENCE_END.search(stripped)
        and not _COLUMNS.search(stripped)
        and not _BAR_COLUMNS.search(following)  # a caption over a table's header ("Year | Cases")
        and not (_HEADLINE_SPACE.search(stripped) and not _CLAUSE_MARK.search(stripped))
        and bool(following.strip())
        and not _LIST_MARKER.match(following)
        and not (_LIST_MARKER.match(line) and following.lstrip()[:1].isupper())  # a sentence after a list
        and not opens_on_its_number(following)
        and not _ends_a_box_line(stripped, following)
        and not re.match(r"\s{2,}", following)  # an indented next line starts a paragraph
    )


def _ends_a_box_line(line: str, following: str) -> bool:
    """A fact box's "Label: value" line ends at its break when the next line is another such line
    or starts anew with a capital ("Deception: 18,743 cases\\nTechnology crime: 15,637 cases",
    網購騙案：6050宗\\n電話騙案：1687宗): a box is laid out in lines, however long they are."""
    if not (is_box_line(line) and _DIGIT.search(line)):
        return False
    nxt = following.lstrip()
    return is_box_line(nxt) or nxt[:1].isupper()
