"""The figure reader on the dev corpus rewritten in ways that must not change what it reads.

`make figures-invariance` (`python -m tests.figure_invariance`). Every dev fold has been read, so
the dev score no longer estimates text nobody tuned for. What a real passage never seen differs in
is mostly its surface: other numbers, other years, Simplified instead of Traditional characters,
"%" for "per cent", spaces for commas, lines wrapped by a PDF. Each rewrite below changes only
that, and changes the gold figures the same way (a year shifted in the text is shifted in the
gold periods; a number rewritten in the text is rewritten in the gold values), so a reader that
reads the pattern scores the same on the rewrite as on the original, and a rule that holds on a
passage's exact words, numbers or years loses figures here. The score of each rewrite as first
measured is the honest number; the passages stay in ../shared.

    python -m tests.figure_invariance            # one line per rewrite, against the original
    python -m tests.figure_invariance -v years   # every figure the rewrite gains or loses
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from types import ModuleType

from tests.figure_folds import load_corpus
from tests.figure_model import evaluator

Item = dict
Rewrite = Callable[[Item], Item]

# --- numbers ----------------------------------------------------------------------------------------

# A number as written: digits with comma or space thousands, and a decimal part. A number glued to
# another by a dot or a dash (a date such as 15.8.2023, a range such as 2023-24) is left alone.
_NUMBER = re.compile(
    r"(?<![\d.,\-/])\d{1,3}(?:(?:,| )\d{3})+(?:\.\d+)?(?![\d\-/]|\.\d)"
    r"|(?<![\d.,\-/])\d+(?:\.\d+)?(?![\d\-/]|\.\d)"
)
_YEAR = re.compile(r"(?:19[5-9]\d|20[0-4]\d)")
# The scales a written number is multiplied by in the gold values (萬, million, 億, billion...).
_SCALES = (1.0, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e12)


def _is_year(token: str) -> bool:
    return _YEAR.fullmatch(token) is not None


def _new_digits(token: str) -> str:
    """The same shape, the first digit kept and every later digit moved on by three.

    Keeping the first digit and the number of digits keeps the magnitude (a count stays a count of
    thousands, a percentage stays under 100 where it was), so nothing but the value should change.
    """
    out, seen_digit = [], False
    for ch in token:
        if ch.isdigit():
            out.append(ch if not seen_digit else str((int(ch) + 3) % 10))
            seen_digit = True
        else:
            out.append(ch)
    return "".join(out)


def _worth_rewriting(token: str) -> bool:
    """Numbers of three digits or more, or with a decimal part; never a year, day or month."""
    digits = sum(c.isdigit() for c in token)
    return not _is_year(token) and (digits >= 3 or "." in token)


def _number_value(token: str) -> float:
    return float(token.replace(",", "").replace(" ", ""))


def rewrite_numbers(item: Item) -> Item:
    """Every number of three digits or more (or with decimals) rewritten; gold values follow."""
    mapping: dict[float, float] = {}

    def sub(m: re.Match) -> str:
        token = m.group(0)
        if not _worth_rewriting(token):
            return token
        new = _new_digits(token)
        mapping[_number_value(token)] = _number_value(new)
        return new

    text = _NUMBER.sub(sub, item["text"])
    expected = [dict(w, value=_mapped_value(w["value"], mapping)) for w in item["expected"]]
    return dict(item, text=text, expected=expected)


def _mapped_value(value: float, mapping: dict[float, float]) -> float:
    """A gold value after its written number was rewritten (the number times the scale it carried)."""
    sign = -1.0 if value < 0 else 1.0
    for scale in _SCALES:
        for old, new in mapping.items():
            if old and abs(old * scale - abs(value)) <= 1e-9 * max(1.0, abs(value)):
                return sign * new * scale
    return value


# --- years ------------------------------------------------------------------------------------------

YEAR_SHIFT = -3
_YEAR_IN_TEXT = re.compile(r"(?<![\d.$])(?<!\d,)(?:19[5-9]\d|20[0-4]\d)(?!\d|,\d{3}|\.\d)")
_SECOND_YEAR = re.compile(r"(?<=(?:19|20)\d\d[-/–])\d\d(?!\d)")  # 2023-24, 2023/24
_YEAR_IN_PERIOD = re.compile(r"(?:19|20)\d\d")
_CHINESE_DIGITS = "〇一二三四五六七八九"
_CHINESE_YEAR = re.compile(r"[一二][〇○零一二三四五六七八九]{3}(?=年)")  # 二○一八年


def _shift_chinese_year(m: re.Match, shift: int) -> str:
    digits = "".join(str(_CHINESE_DIGITS.index(c)) if c in _CHINESE_DIGITS else "0" for c in m.group(0))
    zero = "○" if "○" in m.group(0) else "〇"
    return "".join(_CHINESE_DIGITS[int(d)] for d in str(int(digits) + shift)).replace("〇", zero)


def _shift_year(m: re.Match, shift: int) -> str:
    return str(int(m.group(0)) + shift)


def rewrite_years(item: Item, shift: int = YEAR_SHIFT) -> Item:
    """Every year in the text, the publication date and the gold periods moved by `shift` years."""
    text = _YEAR_IN_TEXT.sub(lambda m: _shift_year(m, shift), item["text"])
    text = _CHINESE_YEAR.sub(lambda m: _shift_chinese_year(m, shift), text)
    text = _SECOND_YEAR.sub(lambda m: f"{(int(m.group(0)) + shift) % 100:02d}", text)
    ref = date.fromisoformat(item["ref_date"])
    ref = ref.replace(year=ref.year + shift, day=min(ref.day, 28))
    expected = [
        dict(w, period=_YEAR_IN_PERIOD.sub(lambda m: _shift_year(m, shift), str(w["period"])))
        if w.get("period")
        else w
        for w in item["expected"]
    ]
    # A year written as a count ("2000 cases") is moved too; the gold value follows it.
    expected = [
        dict(w, value=w["value"] + shift)
        if w.get("unit") == "count" and _is_year(str(int(w["value"]))) and float(w["value"]).is_integer()
        else w
        for w in expected
    ]
    return dict(item, text=text, ref_date=ref.isoformat(), expected=expected)


# --- characters and typography ----------------------------------------------------------------------


def _opencc(config: str):
    import opencc  # the dev extra: only this measurement converts scripts

    return opencc.OpenCC(config)


def to_simplified(item: Item) -> Item:
    """A Chinese passage in Simplified characters (OpenCC's Hong Kong to Simplified conversion)."""
    if item.get("lang", "").upper() != "ZH":
        return item
    return dict(item, text=_opencc("hk2s").convert(item["text"]))


def to_traditional(item: Item) -> Item:
    """A Chinese passage in Hong Kong Traditional characters (OpenCC's Simplified to Hong Kong)."""
    if item.get("lang", "").upper() != "ZH":
        return item
    return dict(item, text=_opencc("s2hk").convert(item["text"]))


_PER_CENT = re.compile(r"(?<=\d) ?(?:per ?cent|percent)\b", re.I)
_PERCENT_SIGN = re.compile(r"(?<=\d) ?%")


def swap_percent(item: Item) -> Item:
    """English "per cent" written "%", and "%" written " per cent"."""
    if item.get("lang", "").upper() != "EN":
        return item
    text = _PERCENT_SIGN.sub("\x00", item["text"])
    text = _PER_CENT.sub("%", text)
    return dict(item, text=text.replace("\x00", " per cent"))


_COMMA_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_SPACE_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


def swap_thousands(item: Item) -> Item:
    """Thousands written with a space where a comma was (the Government's style), and back."""
    text = _SPACE_THOUSANDS.sub("\x00", item["text"])
    text = _COMMA_THOUSANDS.sub(" ", text)
    return dict(item, text=text.replace("\x00", ","))


def _wrap(text: str, width: int) -> str:
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "\n".join(lines)


_ZH_WIDTH = 38
# A Chinese line is not broken inside a run of digits or Latin letters, and no line starts with a
# closing mark (the typesetting rule every layout engine follows).
_NO_BREAK_BEFORE = re.compile(r"[\w.,%％)）」』。，、：；！？]", re.ASCII)


def _wrap_chinese(paragraph: str, width: int = _ZH_WIDTH) -> str:
    lines, start = [], 0
    while len(paragraph) - start > width:
        cut = start + width
        while cut > start + width // 2 and (
            _NO_BREAK_BEFORE.match(paragraph[cut])
            and not _is_cjk(paragraph[cut])
            or paragraph[cut] in "。，、：；！？」』）)%％"
        ):
            cut -= 1
        lines.append(paragraph[start:cut])
        start = cut
    lines.append(paragraph[start:])
    return "\n".join(lines)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def hard_wrap(item: Item) -> Item:
    """Lines broken as a PDF's text layer breaks them: English at 72 columns between words, Chinese
    every 38 characters between any two characters (Chinese has no spaces to break at), never inside
    a number nor before a closing mark."""
    text = item["text"]
    if item.get("lang", "").upper() == "EN":
        return dict(item, text=_wrap(text, 72))
    return dict(item, text="\n".join(_wrap_chinese(p) for p in text.split("\n")))


_FULLWIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")


def fullwidth_digits(item: Item) -> Item:
    """Chinese text with full-width digits and percent sign, as Mainland and Taiwan pages write them."""
    if item.get("lang", "").upper() != "ZH":
        return item
    return dict(item, text=item["text"].translate(_FULLWIDTH))


# --- other writing of the same figures -----------------------------------------------------------

_DATELINES = {"EN": "HONG KONG, (Reuters) - ", "ZH": "【本報訊】"}


def add_dateline(item: Item) -> Item:
    """A wire dateline before the first words ("HONG KONG, (Reuters) - ", 【本報訊】)."""
    return dict(item, text=_DATELINES.get(str(item.get("lang", "")).upper(), "") + item["text"])


_CURLY = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_STRAIGHT_DOUBLE = re.compile(r'"([^"\n]*)"')


def swap_quotes(item: Item) -> Item:
    """Curly quotes straight, and straight double quotes curly."""
    text = _STRAIGHT_DOUBLE.sub("\x01\\1\x02", item["text"]).translate(_CURLY)
    return dict(item, text=text.replace("\x01", "\u201c").replace("\x02", "\u201d"))


_BILLION = re.compile(r"(?<![\d.])(\d+)\.(\d{1,3}) ?(?:billion|bn)\b")


def billions_as_millions(item: Item) -> Item:
    """English "2.03 billion" written "2,030 million": the same amount at another scale."""

    def sub(m: re.Match) -> str:
        millions = int(m.group(1)) * 1000 + int(m.group(2).ljust(3, "0"))
        return f"{millions:,} million"

    return dict(item, text=_BILLION.sub(sub, item["text"]))


_ZH_DIGIT = "零一二三四五六七八九"
_ZH_INTEGER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*(?![\d.,%]|,\d)(?=\s?[宗人名起個个])")
_ZH_PERCENT = re.compile(r"(?<![\d.])(\d{1,2})(?:\.(\d))?%")


def _chinese_integer(n: int) -> str:
    """1 to 99 999 999 in Chinese numerals as a newspaper writes them (三萬二千三百四十六)."""
    if n >= 10**4:
        high, low = divmod(n, 10**4)
        rest = _chinese_integer(low) if low else ""
        return _chinese_integer(high) + "萬" + ("零" if 0 < low < 1000 else "") + rest
    out, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero and out:
                out.append("零")
            out.append(("" if (unit == "十" and digit == 1 and not out) else _ZH_DIGIT[digit]) + unit)
            zero = False
        elif out:
            zero = True
    return "".join(out) or "零"


def chinese_numerals(item: Item) -> Item:
    """Chinese counts and percentages written in Chinese numerals: 3246宗 -> 三千二百四十六宗,
    42.9% -> 百分之四十二點九, as some Hong Kong papers write every number."""
    if item.get("lang", "").upper() != "ZH":
        return item

    def count(m: re.Match) -> str:
        n = int(m.group(0).replace(",", ""))
        return _chinese_integer(n) if n >= 10 else m.group(0)

    def percent(m: re.Match) -> str:
        whole = _chinese_integer(int(m.group(1))) if int(m.group(1)) else "零"
        return "百分之" + whole + ("點" + _ZH_DIGIT[int(m.group(2))] if m.group(2) else "")

    text = _ZH_INTEGER.sub(count, item["text"])
    return dict(item, text=_ZH_PERCENT.sub(percent, text))


def one_paragraph(item: Item) -> Item:
    """Every paragraph break removed, as an extractor that loses a page's paragraphs gives the text."""
    joiner = " " if item.get("lang", "").upper() == "EN" else ""
    return dict(item, text=joiner.join(p.strip() for p in item["text"].split("\n") if p.strip()))


_SENTENCE_END = re.compile(r"(?<=[。！？])(?![」』”\n])|(?<=[.!?])\s+(?=[A-Z\"“])")


def sentence_lines(item: Item) -> Item:
    """Every sentence on a line of its own, as pages that set each sentence in its own paragraph."""
    return dict(item, text=_SENTENCE_END.sub("\n", item["text"]))


_HK_DOLLAR = re.compile(r"HK\$ ?(?=\d)")


def hkd_code(item: Item) -> Item:
    """English "HK$2.03 billion" written with the currency code, "HKD 2.03 billion"."""
    return dict(item, text=_HK_DOLLAR.sub("HKD ", item["text"]))


_AMERICAN = {
    "offence": "offense",
    "Offence": "Offense",
    "centre": "center",
    "Centre": "Center",
    "programme": "program",
    "defence": "defense",
    "analys": "analyz",
    "organis": "organiz",
    "recognis": "recogniz",
    "labour": "labor",
    "behaviour": "behavior",
    "favour": "favor",
}
_AMERICAN_RE = re.compile("|".join(sorted(_AMERICAN, key=len, reverse=True)))


def american_spelling(item: Item) -> Item:
    """English spelt the American way (offense, center, program), as wire services write it."""
    return dict(item, text=_AMERICAN_RE.sub(lambda m: _AMERICAN[m.group(0)], item["text"]))


_CASE_CLASSIFIER = re.compile(r"(?<=[\d〇一二三四五六七八九十百千萬万])宗")


def cantonese_classifier(item: Item) -> Item:
    """Chinese cases counted with the Cantonese classifier 單 (三千單騙案) instead of 宗."""
    return dict(item, text=_CASE_CLASSIFIER.sub("單", item["text"]))


# not 元 before another currency's name (800億元人民幣 is yuan: 港元 there would change what it says)
_YUAN = re.compile(r"(?<=[\d萬万億亿])元(?!人民幣|人民币|新台幣|新臺幣|澳門幣)")


def hong_kong_dollars(item: Item) -> Item:
    """Chinese amounts in 港元 where they were in 元 (90億元 -> 90億港元)."""
    return dict(item, text=_YUAN.sub("港元", item["text"]))


_ASCII_COMMA = re.compile(r",(?!\d{3}(?!\d))")  # not a thousands separator
_WIDE_PUNCTUATION = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})
_NARROW_PUNCTUATION = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}


def swap_chinese_punctuation(item: Item) -> Item:
    """Chinese text with its full-width commas, colons and brackets as ASCII, and ASCII ones full-width."""
    if item.get("lang", "").upper() != "ZH":
        return item
    text = item["text"]
    marks = re.compile(r",(?!\d{3}(?!\d))|[:;()]|[，：；（）]")

    def sub(m: re.Match) -> str:
        ch = m.group(0)
        return ch.translate(_WIDE_PUNCTUATION) if ch in "，：；（）" else _NARROW_PUNCTUATION[ch]

    return dict(item, text=marks.sub(sub, text))


_CORNER = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’", "“": "「", "”": "」"})


def swap_corner_quotes(item: Item) -> Item:
    """Chinese corner quotes 「」 as curly quotes, and curly quotes as corner quotes."""
    if item.get("lang", "").upper() != "ZH":
        return item
    return dict(item, text=item["text"].translate(_CORNER))


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_EN_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
}
_EN_PERIODS = [
    (
        re.compile(r"\b(?:the )?first half of (this year|last year|\d{4})", re.I),
        lambda m: f"January to June {m.group(1)}",
    ),
    (
        re.compile(r"\b(?:the )?first quarter of (this year|last year|\d{4})", re.I),
        lambda m: f"January to March {m.group(1)}",
    ),
    (
        re.compile(
            r"\b(?:the )?first (two|three|four|five|six|seven|eight|nine|ten|eleven) months of "
            r"(this year|last year|\d{4})",
            re.I,
        ),
        lambda m: f"January to {_MONTHS[_EN_NUMBER_WORDS[m.group(1).lower()] - 1]} {m.group(2)}",
    ),
]
_ZH_NUMBER = {"二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ZH_PERIODS = [
    (re.compile(r"上半年"), lambda m: "首六個月"),
    (re.compile(r"(?:首季|第一季)(?!度)"), lambda m: "首三個月"),
    (
        re.compile(r"首([二兩三四五六七八九十]|\d{1,2})個月"),
        lambda m: f"1至{_ZH_NUMBER.get(m.group(1)) or int(m.group(1))}月",
    ),
]


def other_period_words(item: Item) -> Item:
    """The same periods in other words: "the first half of 2023" as "January to June 2023", "the first
    seven months of this year" as "January to July this year", 上半年 as 首六個月, 首季 as 首三個月,
    首七個月 as 1至7月."""
    text = item["text"]
    for pattern, sub in _EN_PERIODS if item.get("lang", "").upper() == "EN" else _ZH_PERIODS:
        text = pattern.sub(sub, text)
    return dict(item, text=text)


def as_web_page(item: Item) -> Item:
    """The passage as a news web page (paragraphs in <p>, a site's navigation and footer around the
    article), so that it is read the way the pipeline reads news: through the article parser."""
    from html import escape

    paragraphs = [p.strip() for p in item["text"].split("\n") if p.strip()]
    lang = "zh-Hant" if item.get("lang", "").upper() == "ZH" else "en"
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Sample page</title>'
        f'<meta property="article:published_time" content="{item["ref_date"]}T08:00:00+08:00"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<main><article>{body}</article></main>"
        "<footer><p>A sample page written for a test of cyberstats; not a publisher's page.</p></footer>"
        "</body></html>"
    )
    return dict(item, text=page)


_ZH_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0}
_ZH_RELATIVE_YEAR = re.compile(r"前年|去年|今年")


_EN_RELATIVE_YEAR = re.compile(
    r"\b(?P<prep>(?:the same period |same period )?(?:of|in|from|with|than|over|on|since|during|for) )?"
    r"(?P<which>last|this) year(?P<s>'s|’s)?\b",
    re.I,
)


def _en_explicit(m: re.Match, year: int) -> str:
    y = year - 1 if m.group("which").lower() == "last" else year
    if m.group("s"):
        return f"{m.group('prep') or ''}{y}'s"
    prep = m.group("prep")
    if prep and prep.lower().startswith(("the same period", "same period")):
        return f"{prep.rsplit(' ', 2)[0]} of {y}" if prep.split()[-1].lower() != "of" else f"{prep}{y}"
    return f"{prep}{y}" if prep else f"in {y}"


def explicit_years(item: Item) -> Item:
    """Years named by their number instead of 今年, 去年, 前年, "this year", "last year" (the
    publication date's year): "up 42.6% on last year" -> "up 42.6% on 2023"."""
    year = date.fromisoformat(item["ref_date"]).year
    if item.get("lang", "").upper() == "ZH":
        text = _ZH_RELATIVE_YEAR.sub(lambda m: f"{year + _ZH_RELATIVE_YEARS[m.group(0)]}年", item["text"])
    else:
        text = _EN_RELATIVE_YEAR.sub(lambda m: _en_explicit(m, year), item["text"])
    return dict(item, text=text)


def dollar_sign(item: Item) -> Item:
    """English "HK$2.03 billion" written "$2.03 billion", as the Government's releases write it."""
    if item.get("lang", "").upper() != "EN":
        return item
    return dict(item, text=re.sub(r"HK\$(?=\s?\d)", "$", item["text"]))


_ZH_BIG_COUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d{5,})(?![\d.,])(?=\s?[宗人])")


def wan_counts(item: Item) -> Item:
    """Chinese counts of 10 000 or more written with 萬, as Hong Kong papers do: 39,824宗 -> 3萬9824宗."""
    if item.get("lang", "").upper() != "ZH":
        return item

    def sub(m: re.Match) -> str:
        n = int(m.group(1).replace(",", ""))
        if n < 10_000:
            return m.group(0)
        high, low = divmod(n, 10_000)
        return f"{high}萬{low:04d}" if low >= 1000 else (f"{high}萬零{low}" if low else f"{high}萬")

    return dict(item, text=_ZH_BIG_COUNT.sub(sub, item["text"]))


_EN_SCALED = re.compile(r"(?<=HK\$)(\d+(?:\.\d+)?) ?(million|billion|bn|m)\b")


def full_digits(item: Item) -> Item:
    """English amounts written out in full: "HK$2.03 billion" -> "HK$2,030,000,000"."""
    if item.get("lang", "").upper() != "EN":
        return item

    def sub(m: re.Match) -> str:
        scale = 10**9 if m.group(2) in ("billion", "bn") else 10**6
        value = round(float(m.group(1)) * scale)
        return f"{value:,}"

    return dict(item, text=_EN_SCALED.sub(sub, item["text"]))


_TENS_PERCENT = re.compile(r"(?<![\d.])([1-9])0(?:\.0)?%")


def tenths(item: Item) -> Item:
    """Chinese round percentages in 成: 40% -> 四成, as Chinese writes shares and changes."""
    if item.get("lang", "").upper() != "ZH":
        return item
    return dict(item, text=_TENS_PERCENT.sub(lambda m: _ZH_DIGIT[int(m.group(1))] + "成", item["text"]))


# Paragraphs of our own that state no figure: the appeals and contact lines around a release, with
# nothing that names a place (a helpline number is Hong Kong's).
_BOILERPLATE = {
    "EN": (
        "Police appealed to members of the public to stay alert to fraud and to verify any request "
        "for money.",
        "Anyone with information is urged to contact the police.",
    ),
    "ZH": ("警方呼籲市民提高警覺，切勿向陌生人透露個人資料。", "市民如有懷疑，應盡快報警求助。"),
}


def embedded(item: Item) -> Item:
    """The passage between paragraphs that state no figure (an appeal before it, a helpline after it,
    and one between its paragraphs), as a whole release or article would have them."""
    before, after = _BOILERPLATE.get(str(item.get("lang", "")).upper(), _BOILERPLATE["EN"])
    paragraphs = item["text"].split("\n")
    middle = len(paragraphs) // 2
    if middle:
        paragraphs.insert(middle, after)
    return dict(item, text="\n".join([before, *paragraphs, after]))


REWRITES: dict[str, Rewrite] = {
    "numbers": rewrite_numbers,
    "years": rewrite_years,
    "simplified": to_simplified,
    "traditional": to_traditional,
    "percent": swap_percent,
    "thousands": swap_thousands,
    "wrapped": hard_wrap,
    "fullwidth": fullwidth_digits,
    "dateline": add_dateline,
    "quotes": swap_quotes,
    "millions": billions_as_millions,
    "zh_numerals": chinese_numerals,
    "one_paragraph": one_paragraph,
    "sentence_lines": sentence_lines,
    "hkd_code": hkd_code,
    "american": american_spelling,
    "dan": cantonese_classifier,
    "gangyuan": hong_kong_dollars,
    "zh_punctuation": swap_chinese_punctuation,
    "corner_quotes": swap_corner_quotes,
    "period_words": other_period_words,
    "web_page": as_web_page,
    "explicit_years": explicit_years,
    "dollar_sign": dollar_sign,
    "wan_counts": wan_counts,
    "full_digits": full_digits,
    "tenths": tenths,
    "embedded": embedded,
}

# Several rewrites at once, as a passage never seen differs in several ways at once.
MIXES: dict[str, tuple[str, ...]] = {
    "zh_mix": (
        "zh_numerals",
        "dan",
        "gangyuan",
        "zh_punctuation",
        "corner_quotes",
        "period_words",
        "explicit_years",
        "wrapped",
    ),
    "en_mix": (
        "american",
        "percent",
        "thousands",
        "hkd_code",
        "dateline",
        "quotes",
        "period_words",
        "explicit_years",
        "wrapped",
    ),
    "web_mix": ("years", "numbers", "quotes", "web_page"),
}


def mixed(names: tuple[str, ...]) -> Rewrite:
    """The rewrites `names` applied one after the other."""

    def rewrite(item: Item) -> Item:
        for name in names:
            item = REWRITES[name](item)
        return item

    return rewrite


# --- scoring ----------------------------------------------------------------------------------------


@dataclass
class Tally:
    """Matched, expected and found figures, by language and over all."""

    counts: dict[str, list[int]]

    def recall(self, key: str = "all") -> float:
        m, e, _ = self.counts[key]
        return m / e if e else 1.0

    def precision(self, key: str = "all") -> float:
        m, _, f = self.counts[key]
        return m / f if f else 1.0


def read_passage(ev: ModuleType, item: Item) -> tuple[list[dict], list[dict], list[dict]]:
    """(gold scored, missed, extra) of one passage, by the shared evaluator's own matching."""
    from flows.news_input import figures_in_input
    from transform.figures.confidence import THRESHOLD

    found = figures_in_input(item["text"], date.fromisoformat(item["ref_date"]))
    got = [
        f
        for f in found
        if (f.get("confidence") or 0) >= THRESHOLD
        and f.get("unit") in ev.UNITS
        and f.get("jurisdiction") in (None, "HK")
        and ev.scored(f)
    ]
    want = [w for w in item["expected"] if ev.scored(w)]
    left, missed = list(got), []
    for w in want:
        hit = next((g for g in left if ev.matches(g, w)), None)
        if hit is None:
            missed.append(w)
        else:
            left.remove(hit)
    return want, missed, left


def score(ev: ModuleType, items: list[Item], verbose: bool = False) -> Tally:
    """The corpus score of `items` (recall and precision by language and over all)."""
    counts: dict[str, list[int]] = {}
    for item in items:
        want, missed, extra = read_passage(ev, item)
        hit = len(want) - len(missed)
        for key in ("all", str(item.get("lang", "?")).upper()):
            t = counts.setdefault(key, [0, 0, 0])
            t[0], t[1], t[2] = t[0] + hit, t[1] + len(want), t[2] + hit + len(extra)
        if verbose and (missed or extra):
            print("##", item["id"])
            for w in missed:
                print("   MISS ", _brief(w))
            for g in extra:
                print("   EXTRA", _brief(g))
    return Tally(counts)


def _brief(fig: dict) -> dict:
    return {k: fig.get(k) for k in ("kind", "metric", "category", "value", "unit", "period")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rewrite", nargs="*", help=f"only these rewrites ({', '.join([*REWRITES, *MIXES])})")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and extra of the rewrite")
    args = ap.parse_args()
    ev = evaluator()
    items = load_corpus()
    base = score(ev, items)
    print(f"{'original':<12} recall {base.recall():.3f} precision {base.precision():.3f}")
    every = {**REWRITES, **{name: mixed(chain) for name, chain in MIXES.items()}}
    for name in args.rewrite or every:
        rewritten = [every[name](i) for i in items]
        changed = sum(a["text"] != b["text"] for a, b in zip(items, rewritten, strict=True))
        t = score(ev, rewritten, verbose=args.verbose)
        print(
            f"{name:<12} recall {t.recall():.3f} precision {t.precision():.3f}"
            f"  (EN {t.recall('EN'):.3f} / {t.precision('EN'):.3f}, ZH {t.recall('ZH'):.3f} / "
            f"{t.precision('ZH'):.3f}; {changed} passages rewritten)"
        )


if __name__ == "__main__":
    main()
