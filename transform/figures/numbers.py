"""Numbers as written in Hong Kong news: where they are, what they are worth, what unit they carry.

`find_numbers(text)` returns every numeric mention with its character span, its value in whole
units (HK$2.03 billion -> 2030000000; 26億9千萬 -> 2690000000; 兩成八 -> 28 percent) and its
*form*: `count`, `money`, `percent`, `points` (percentage points), or `fold` (a multiplier).
Numbers that are clearly not statistics in themselves (dates, times, ages, ordinals, phone numbers,
identifiers glued to letters) are left out here; deciding whether a count is a statistic about
crime is the extractor's job, which needs the words around it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from transform.numerals import ZH_DIGITS
from transform.regex_gate import fold_case, folded_words, gated, gated_compile, may_hold

__all__ = ["NumberMention", "find_numbers", "normalise", "parse_chinese_amount"]

# Full-width forms mapped one to one, so offsets in the normalised text are offsets in the original.
_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９％＄，．＋－"}
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2009: 0x20, 0x202F: 0x20, 0x2212: ord("-")})

# 1,234 / 1 234 / 1234 / 12.5 ; a thousands group needs exactly three digits after the separator.
_DIGITS = r"(?<![\d.,])(?:\d{1,3}(?:(?:,| )\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_EN_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "mln": 1e6,
    "bil": 1e9,
    "bln": 1e9,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
}
_ZH_SCALES = {
    "億": 1e8,
    "亿": 1e8,
    "千萬": 1e7,
    "千万": 1e7,
    "百萬": 1e6,
    "百万": 1e6,
    "萬": 1e4,
    "万": 1e4,
    "千": 1e3,
}
_ZH_SCALE_RE = "|".join(sorted(_ZH_SCALES, key=len, reverse=True))
_ZH_DIGITS = {**ZH_DIGITS, "十": 10}  # 十 alone is ten here (三十, 十二萬)
_ZH_DIGIT_RE = "[一二兩两三四五六七八九十]"

# Currency markers: the ISO-like unit each one means. A bare "$" in Hong Kong text is HK dollars.
CURRENCY_PREFIXES = {
    "HK$": "HKD",
    "HKD": "HKD",
    "US$": "USD",
    "USD": "USD",
    "NT$": "TWD",
    "S$": "SGD",
    "SGD": "SGD",
    "MOP$": "MOP",
    "MOP": "MOP",
    "RMB": "CNY",
    "¥": "CNY",
    "$": "HKD",
    # written before the number in Chinese: 港幣20.3億, 人民幣1億元, 新台幣88億
    "港幣": "HKD",
    "港币": "HKD",
    "人民幣": "CNY",
    "人民币": "CNY",
    "新台幣": "TWD",
    "新臺幣": "TWD",
    "台幣": "TWD",
    "澳門幣": "MOP",
    "澳门币": "MOP",
    "美金": "USD",
}
CURRENCY_SUFFIXES = {
    # "約八百億元人民幣": 元 then the currency's name after it
    "元人民幣": "CNY",
    "元人民币": "CNY",
    "元新台幣": "TWD",
    "元新臺幣": "TWD",
    "元澳門幣": "MOP",
    "元港幣": "HKD",
    "港元": "HKD",
    "港幣": "HKD",
    "港币": "HKD",
    "美元": "USD",
    "美金": "USD",
    "人民幣": "CNY",
    "人民币": "CNY",
    "新台幣": "TWD",
    "新臺幣": "TWD",
    "台幣": "TWD",
    "新加坡元": "SGD",
    "新元": "SGD",
    "坡元": "SGD",
    "澳門元": "MOP",
    "澳門幣": "MOP",
    "澳门元": "MOP",
    "葡幣": "MOP",
    "令吉": "MYR",
    "馬幣": "MYR",
    "马币": "MYR",
    "泰銖": "THB",
    "泰铢": "THB",
    "日圓": "JPY",
    "日元": "JPY",
    "澳元": "AUD",
    "英鎊": "GBP",
    "英镑": "GBP",
    "元": "HKD",
    "蚊": "HKD",
}
_EN_SUFFIX_CURRENCY = {
    "hong kong dollars": "HKD",
    "hk dollars": "HKD",
    "us dollars": "USD",
    "dollars": "HKD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "ringgit": "MYR",
    "baht": "THB",
    "singapore dollars": "SGD",
    "nt dollars": "TWD",
    "new taiwan dollars": "TWD",
    "patacas": "MOP",
    "pataca": "MOP",
    "hkd": "HKD",
    "usd": "USD",
    "sgd": "SGD",
    "rmb": "CNY",
    "mop": "MOP",
}

_PREFIX_RE = "|".join(re.escape(p) for p in sorted(CURRENCY_PREFIXES, key=len, reverse=True))
_SUFFIX_RE = "|".join(sorted(CURRENCY_SUFFIXES, key=len, reverse=True))

# 26億9千萬, 5万零376, and a thousands group before its scale after a larger one: 3億1,795萬.
_ARABIC_ZH = (
    rf"(?:{_DIGITS})(?:\s?(?:{_ZH_SCALE_RE})"
    rf"(?:零?(?:\d{{1,3}}(?:,\d{{3}})+(?:{_ZH_SCALE_RE})|\d+(?:\.\d+)?(?:{_ZH_SCALE_RE})?))*)?"
)
# A number's first digit is at most a sign, a currency prefix and a space after the start of its match:
# the look-ahead lets a position with no digit that near be refused after a few tests, before the
# prefixes (HK$, US$, 人民幣 ...) are tried at every letter and space of the text.
_MAX_BEFORE_DIGIT = 1 + max(map(len, CURRENCY_PREFIXES)) + 1
_NUMBER_RE = gated_compile(
    rf"(?=[\s\S]{{0,{_MAX_BEFORE_DIGIT}}}?\d)"
    rf"(?P<sign>(?<![A-Za-z0-9_)])[+-])?"  # a sign, not a hyphen after a word (按年-15.9% has one)
    rf"(?P<prefix>{_PREFIX_RE})?\s?"
    rf"(?P<num>{_ARABIC_ZH})"
    rf"(?:\s?(?P<en_scale>thousand|million|billion|trillion|mil|mln|bil|bln|mn|bn|m|b|k)\b)?"
    rf"(?P<tail>"
    rf"(?:\s|-)?(?:%|per[\s-]?cent\b|percent\b|pct\b|pc\b)"
    rf"|\s?(?:percentage\s+points?\b|個百分點|个百分点)"
    rf"|(?:-|\s)?fold\b|\s?times\b|倍"
    rf"|成(?![功為为員员立本年人長长效交就果績绩事熟])"
    rf"|\s?(?:{_SUFFIX_RE})"
    rf"|\s(?:hong kong dollars|hk dollars|us dollars|singapore dollars|new taiwan dollars|nt dollars|dollars"
    rf"|yuan|renminbi|ringgit|baht|patacas?|hkd|usd|sgd|rmb|mop)\b"
    rf"(?!\s?\d)"  # "in 2015 HKD 1.6 million was paid": a code before a number is that number's prefix
    rf")?",
    re.IGNORECASE,
)
_CN_FRACTION_RE = gated_compile(
    rf"(?P<tens>{_ZH_DIGIT_RE})成(?P<units>[一二三四五六七八九半](?![成億亿萬万千]))?"
)
_CN_PERCENT_RE = gated_compile(rf"百分之(?P<num>\d+(?:\.\d+)?|{_ZH_DIGIT_RE}+)")
_CN_FOLD_RE = gated_compile(rf"(?P<num>{_ZH_DIGIT_RE}+)倍")
_EN_FOLD_WORDS = {
    "twofold": 2,
    "threefold": 3,
    "fourfold": 4,
    "fivefold": 5,
    "sixfold": 6,
    "sevenfold": 7,
    "eightfold": 8,
    "ninefold": 9,
    "tenfold": 10,
    "doubled": 2,
    "tripled": 3,
    "trebled": 3,
    "quadrupled": 4,
    "quintupled": 5,
    "twice": 2,
}
_EN_FOLD_RE = gated(re.compile(r"\b(?:" + "|".join(_EN_FOLD_WORDS) + r")\b", re.IGNORECASE))
# 成 starts many words that are not "tenths" (成功 success, 成為 become, 成員 member ...).
_NOT_FRACTION_AFTER = set("功為为員员立本年人長长效交就果績绩事熟")

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_BEFORE = gated_compile(rf"(?:\b(?:{_MONTHS})\.?\s*|\bno\.?\s*|#)$", re.IGNORECASE)
_DATE_AFTER = gated_compile(
    rf"^(?:\s*(?:{_MONTHS})\b|\s*(?:st|nd|rd|th)\b|[:：]\d|\s*(?:am|pm|a\.m\.|p\.m\.)"
    r"|\s*(?:-|\s)?years?[- ]old|\s*歲|\s*岁|\s*[年月日號号時时點点分秒天]|\s*週年|/\d"
    r"|\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b|\s*(?:個|个)(?:月|星期)|\s*小時|\s*星期|\s*週)",
    re.IGNORECASE,
)
_AGE_BEFORE = gated_compile(
    r"(?:\baged?|\bages|\bage of|\baged?\s+(?:between\s+)?\d+\s*(?:to|-|–|and)|第)\s*$", re.IGNORECASE
)
_PHONE_BEFORE = gated_compile(
    r"(?:\bhotline|\btel(?:ephone)?\b\.?|\bcall|\bdial|\bwhatsapp|\bfax|熱線|热线|電話|电话|致電|致电)"
    # "電話騙案(3,213宗)", "telephone deception cases": the crime, not a number to call
    r"(?![\s\-」”\"]*(?:騙|骗|詐|诈|deceptions?\b|scams?\b|frauds?\b|swindles?\b))"
    r"[^.。\d]{0,25}$",
    re.IGNORECASE,
)


# A bare year that the period reader does not take ("the lowest since 1971", "as early as 1998").
_YEAR_BEFORE = gated_compile(
    r"\b(?:since|until|till|before|after|as\s+(?:early|far\s+back|late)\s+as|back\s+in|in)\s*$", re.IGNORECASE
)
_YEAR_RE = gated_compile(r"(?:19|20)\d\d")
_OPEN_BRACKETS, _CLOSE_BRACKETS = "(（[【", ")）]】"

# 3萬多 / 3000多宗 / 3000宗以上; not 多出 / 多了 ("較去年同期的10 613宗多出近五成": more by).
# 多 before a bound or a number is "more by" (多逾兩倍, 多近一倍), not a qualifier.
_MORE_AFTER = gated_compile(
    r"^(?:宗|起|人|名|個|个)?(?:多(?![出了於于達达逾近約约超過过一二兩两三四五六七八九十\d])|以上)"
)
_MAX_DIGITS = 15  # the largest published amount has 12 digits (HK$ billions)
# \Z, not "$": "$" also matches before a line break, and "in 2025.\n43,212 - ..." is no time of day
_TIME_BEFORE = gated_compile(r"\d[:：.]\Z")
_THOUSANDS = re.compile(r"\d,\d{3}")
# What a number counts, written right after it: 3,015宗, "3,015 cases" (a count, not a number to call)
_COUNTED = r"(?:cases?|reports?|crimes?|scams?|frauds?|offences?|victims?|complaints?|incidents?)\b"
_COUNTED_AFTER = gated_compile(rf"\s*(?:宗|起|單|单|{_COUNTED})", re.IGNORECASE)
# A short scale's count: its counted noun may follow a few words ("39.8k deception cases").
_COUNTED_AFTER_WORDS = gated_compile(
    rf"\s*(?:宗|起|單|单|(?:[a-z][a-z-]*\s+){{0,3}}{_COUNTED})", re.IGNORECASE
)
# Hong Kong phone numbers: eight digits written 4 + 4 ("2860 5012", "2860-5012").
_PHONE_RE = gated(re.compile(r"(?<![\d,.])\d{4}[ -]\d{4}(?![\d,.])"))


@dataclass(frozen=True)
class NumberMention:
    """One number in the text: span, value in whole units, form and, for money, currency."""

    start: int
    end: int
    value: float
    form: str  # count | money | percent | points | fold
    currency: str | None = None
    sign: int = 0  # +1 / -1 when written "(+6.8%)" / "(-3.1%)", else 0
    suffix_qualifier: str | None = None  # "more_than" for 3萬多 / 3000多宗
    raw: str = ""
    local_currency: bool = False  # "$" / 元: the currency of whatever place the text is about


# The characters `normalise` changes, in runs: only they are translated (a whole-text `translate`
# looks up every character of a text, and a Chinese text holds thousands).
_TO_NORMALISE = re.compile("[" + re.escape("".join(map(chr, _FULLWIDTH))) + "]+")


def normalise(text: str) -> str:
    """Full-width digits and odd spaces as ASCII, one character for one, so offsets stay valid."""
    return _TO_NORMALISE.sub(lambda m: m.group().translate(_FULLWIDTH), text)


def parse_chinese_amount(raw: str) -> float:
    """An amount written with Chinese scale characters: 26億9千萬 -> 2.69e9, 5万零376 -> 50376,
    2億1千160萬 -> 2.116e8.

    萬 and 億 close a section: a 千 before them is a thousand of the section (1千160萬 is 1 160萬), as
    Chinese numbers are read; a 千 with nothing after it is a thousand."""
    total = 0.0
    section = 0.0  # the 千 and plain digits read since the last 萬 or 億
    pattern = rf"(\d{{1,3}}(?:(?:,| )\d{{3}})+|\d+(?:\.\d+)?)\s?({_ZH_SCALE_RE})?"
    for digits, scale in re.findall(pattern, raw.replace("零", "")):
        value = float(re.sub(r"[, ]", "", digits))
        if scale in ("千", ""):
            section += value * (_ZH_SCALES[scale] if scale else 1)
        else:  # 萬, 千萬, 百萬, 億: the section so far is counted in this scale's units
            total += (section + value) * _ZH_SCALES[scale]
            section = 0.0
    return round(total + section, 6)  # 3.3126萬 is 33126, not 33126.000000000004


def _chinese_small(numeral: str) -> float:
    """Value of a small Chinese numeral (一 .. 九十九): 十 = 10, 二十五 = 25, 兩 = 2."""
    if numeral.isdigit() or re.fullmatch(r"\d+\.\d+", numeral):
        return float(numeral)
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return (_ZH_DIGITS.get(tens, 1) if tens else 1) * 10 + (_ZH_DIGITS.get(units, 0) if units else 0)
    return float(_ZH_DIGITS.get(numeral, 0))


_YEAR_RANGE_BEFORE = gated_compile(r"(?<!\d)(?:19|20)\d\d\s?[-–/]$")


def _is_excluded(
    text: str, start: int, end: int, raw_num: str, has_unit: bool, prefixed: bool = False
) -> bool:
    """Dates, times, ages, ordinals, phone numbers and identifiers are not statistics."""
    before, after = text[max(0, start - 30) : start], text[end : end + 12]
    if start > 0 and (text[start - 1].isalpha() and text[start - 1].isascii()) and not prefixed:
        return True  # LCQ19, P2021..., COVID-19 style identifiers (not HKD2.03bn, MOP300m)
    if start > 1 and text[start - 1] == "-" and text[start - 2].isascii() and text[start - 2].isalpha():
        return True  # COVID-19 (not 按年-15.9%: a sign after a Chinese word)
    if not has_unit and end - start == 2 and _YEAR_RANGE_BEFORE.search(before):
        return True  # the end of a financial year or a range of years: 2023-24, 2022/23
    if end < len(text) and text[end].isascii() and text[end].isalpha() and not has_unit:
        return True  # 4th, 3pm, 10km
    if _TIME_BEFORE.search(before) and not has_unit:
        return True
    if not has_unit and (
        _DATE_BEFORE.search(before) or _DATE_AFTER.match(after) or _AGE_BEFORE.search(before)
    ):
        return True
    if not has_unit and _YEAR_RE.fullmatch(raw_num) and _YEAR_BEFORE.search(before):
        return True
    if not has_unit and _is_list_marker(text, start, end, raw_num):
        return True
    digits = re.sub(r"\D", "", raw_num)
    return bool(
        not has_unit
        and len(digits) >= 4
        and _PHONE_BEFORE.search(before)
        and could_be_dialled(raw_num, after)
    )


def could_be_dialled(raw_num: str, after: str) -> bool:
    """Whether a number after a phone or hotline word can be the number to call: one has no thousands
    separator and counts no cases ("熱線接獲的騙案有39,824宗", "the hotline took reports of 3,015 cases")."""
    return not _THOUSANDS.search(raw_num) and not _COUNTED_AFTER.match(after)


def _is_list_marker(text: str, start: int, end: int, raw_num: str) -> bool:
    """ "part (1) of the question", 勒索 (1): a one- or two-digit number alone in brackets numbers an item
    or a footnote; a bracket that restates a figure carries its unit or sign ("(+570 cases)", "(6.8%)")."""
    return (
        len(raw_num) <= 2
        and raw_num.isdigit()
        and start > 0
        and text[start - 1] in _OPEN_BRACKETS
        and text[end : end + 1] in tuple(_CLOSE_BRACKETS)
    )


def _tail_form(tail: str) -> tuple[str, str | None]:
    low = tail.strip().lower().lstrip("-")  # "a 23.2-percent increase"
    if not low:
        return "count", None
    if "point" in low or "百分點" in low or "百分点" in low:
        return "points", None
    if low.startswith(("%", "per", "pc")):
        return "percent", None
    if "fold" in low or "times" in low or low == "倍":
        return "fold", None
    if low == "成":
        return "tenths", None
    if low in CURRENCY_SUFFIXES:
        return "money", CURRENCY_SUFFIXES[low]
    return "money", _EN_SUFFIX_CURRENCY.get(low, "HKD")


# A short scale is a count's when a counted noun follows it: "15.6k cases", "1.2m fraud reports".


def _from_match(text: str, m: re.Match) -> NumberMention | None:
    num, prefix, en_scale = m.group("num"), m.group("prefix"), m.group("en_scale")
    form, currency = _tail_form(m.group("tail") or "")
    if prefix:
        form, currency = "money", CURRENCY_PREFIXES.get(prefix.upper(), CURRENCY_PREFIXES.get(prefix, "HKD"))
    if (
        en_scale
        and form == "count"
        and en_scale.lower() in {"m", "b", "k", "mn"}
        and not _COUNTED_AFTER_WORDS.match(text, m.end())
    ):
        return None  # 10m = ten metres, 5k = a race: a short scale needs a currency or "15.6k cases"
    value = parse_chinese_amount(num)
    if not math.isfinite(value) or len(re.sub(r"\D", "", num)) > _MAX_DIGITS:
        return None  # 400 nines are no statistic (and overflow a float)
    if form == "tenths":  # 4成 = 40%, 4成半 = 45%
        form, value = "percent", value * 10
        if text[m.end() : m.end() + 1] == "半":
            value, end_extra = value + 5, 1
        else:
            end_extra = 0
    else:
        end_extra = 0
    if en_scale:
        value *= _EN_SCALES[en_scale.lower()]
    start = m.start("prefix") if prefix else m.start("num")
    end = m.end() + end_extra
    has_unit = bool(prefix or en_scale or m.group("tail") or re.search(_ZH_SCALE_RE, num))
    if _is_excluded(text, m.start("num"), m.end("num"), num, has_unit, prefixed=bool(prefix)):
        return None
    sign = {"+": 1, "-": -1}.get(m.group("sign") or "", 0)
    if sign and text[m.end("sign") : m.end("sign") + 1].isspace():
        sign = 0  # "Deception cases in 2023 - 39,824": a dash that separates, not a minus
    suffix_q = "more_than" if _MORE_AFTER.match(text[end : end + 4]) else None
    tail = (m.group("tail") or "").strip().lower()
    # "$" and 元 are the money of the place written about, unless a named currency comes first (人民幣1億元)
    local = form == "money" and (prefix == "$" or (not prefix and tail in ("元", "蚊", "dollars")))
    return NumberMention(start, end, value, form, currency, sign, suffix_q, text[start:end], local)


def _chinese_numeral_mentions(text: str) -> list[NumberMention]:
    """兩成八 = 28%, 三成 = 30%, 百分之三十 = 30%, 一倍 / 兩倍 = a multiplier."""
    found = []
    for m in _CN_FRACTION_RE.finditer(text):
        if text[m.end() : m.end() + 1] in _NOT_FRACTION_AFTER:
            continue
        units = m.group("units")
        value = _chinese_small(m.group("tens")) * 10 + (
            5 if units == "半" else _chinese_small(units) if units else 0
        )
        found.append(NumberMention(m.start(), m.end(), value, "percent", raw=m.group()))
    for m in _CN_PERCENT_RE.finditer(text):
        found.append(
            NumberMention(m.start(), m.end(), _chinese_small(m.group("num")), "percent", raw=m.group())
        )
    for m in _CN_FOLD_RE.finditer(text):
        found.append(NumberMention(m.start(), m.end(), _chinese_small(m.group("num")), "fold", raw=m.group()))
    return found


def _inside_as_count(n: NumberMention, mention: NumberMention) -> bool:
    return n.form == "count" and mention.start <= n.start and n.end <= mention.end


_EN_FOLD_WORDS_NEEDED = folded_words(_EN_FOLD_RE)  # "twofold", "doubled" ...: a text with none is not scanned
_A_DIGIT = re.compile(r"\d")  # the digit of _NUMBER_RE's look-ahead (re finds it without a try per position)


def _number_matches(norm: str) -> list[re.Match[str]]:
    """`list(_NUMBER_RE.finditer(norm))`, without trying the pattern at each position of the text: a
    match starts at most _MAX_BEFORE_DIGIT characters before a digit (its first look-ahead), so each
    search starts there, the next digit found at the end of the last match."""
    out = []
    pos = 0
    while (digit := _A_DIGIT.search(norm, pos)) is not None:
        m = _NUMBER_RE.search(norm, max(pos, digit.start() - _MAX_BEFORE_DIGIT))
        if m is None:
            break
        out.append(m)
        pos = m.end()
    return out


def find_numbers(text: str) -> list[NumberMention]:
    """Every numeric mention in `text`, in order, with spans in `text` itself."""
    norm = normalise(text)
    phones = [m.span() for m in _PHONE_RE.finditer(norm)]
    found = [
        n
        for m in _number_matches(norm)
        if (n := _from_match(norm, m)) is not None and not any(s <= n.start < e for s, e in phones)
    ]
    for extra in _chinese_numeral_mentions(norm):
        overlapping = [n for n in found if n.start < extra.end and extra.start < n.end]
        if overlapping and extra.form == "percent" and all(_inside_as_count(n, extra) for n in overlapping):
            found = [n for n in found if n not in overlapping]  # 百分之42.6: the digits are the percentage
            overlapping = []
        if not overlapping:
            found.append(extra)
    for m in _EN_FOLD_RE.finditer(norm) if may_hold(_EN_FOLD_WORDS_NEEDED, fold_case(norm)) else ():
        found.append(
            NumberMention(m.start(), m.end(), float(_EN_FOLD_WORDS[m.group().lower()]), "fold", raw=m.group())
        )
    return sorted(found, key=lambda n: n.start)
