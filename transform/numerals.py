"""Numbers written in words, Chinese or English, turned into digits: one converter for the figure
reader and the period parser.

Hong Kong news writes many statistics in words: 三萬四千宗 (34 000 cases), 六億九千萬元, 一億七千多萬,
三萬三千一百廿六宗, 百分之四十一點四, 2億5千3百多萬, "six per cent", "Fifty cases". The figure reader
reads digits; rather than teach every rule about words, `spell_out(text)` rewrites such numbers as
digits once, before reading, and keeps a map from each character of the rewritten text back to the
original, so every figure still points at the words it came from.

What is rewritten, and why only that:

* a Chinese numeral run that starts with a digit and holds a scale character (十 百 千 萬 億) or a
  decimal point (一點四): 一宗 ("one case", a single case), 萬一 ("in case") and 千萬 ("by all means")
  are words, not statistics, and stay as they are; 兩成八 (28%) is read by the number finder itself;
* 多 inside a Chinese numeral (一億七千多萬, "over 170 million") becomes a leading 逾 ("over");
* an English number word only before a unit that makes it a statistic ("six per cent", "Fifty
  cases", "two million", "thirteen thousand, eight hundred and sixty-six crimes"), or after "from"
  when a count in digits comes just before ("rose to 26 from seven"): "one of the victims" or "in
  two operations" stay words.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from decimal import Decimal

from transform.regex_gate import fold_case, folded_words, gated, may_hold

__all__ = ["ZH_DIGITS", "Rewritten", "chinese_to_number", "spell_out"]

# The ten digits with their variant forms: 〇/○/零 for zero, 兩/两 for two (as in 兩成八).
ZH_DIGITS: dict[str, int] = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_TENS = {"十": 10, "廿": 20, "卅": 30}
_SMALL_SCALES = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_SCALES = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8}
_POINT = "點点."
# A last digit right after a scale counts in the scale below it, as spoken: 三萬九 = 39 000, 一億二 = 1.2億.
_NEXT_LOWER = {"百": 10, "佰": 10, "千": 100, "仟": 100, "萬": 1000, "万": 1000, "億": 10**7, "亿": 10**7}

_DIGIT_CHARS = "".join(ZH_DIGITS) + "廿卅"
_SCALE_CHARS = "".join(_SMALL_SCALES) + "".join(_BIG_SCALES)
# A run: digits (Chinese or Arabic), scales, a point between digits, 多 before a scale.
_ZH_RUN = gated(  # gated: the same matches, scanned faster (transform/regex_gate.py)
    re.compile(
        rf"(?<![{_DIGIT_CHARS}{_SCALE_CHARS}\d.])"
        # 數十萬, 幾十 are "several": no number. 總數三萬 is one (數 there is "total").
        rf"(?:[{_DIGIT_CHARS}]|(?<![數数幾几])十|\d+(?:\.\d+)?(?=[{_SCALE_CHARS}]))"
        rf"(?:[{_DIGIT_CHARS}{_SCALE_CHARS}]|\d+(?:\.\d+)?|[{_POINT}](?=[{_DIGIT_CHARS}\d])|多(?=[{_SCALE_CHARS}]))*"
    )
)


_BARE_SCALE = gated(re.compile(r"(?<=[逾過过近超約约])[萬万億亿](?=[宗起人名元個个])"))


class NotANumeral(ValueError):
    """The characters do not form a number (a scale with nothing to scale, two points)."""


def chinese_to_number(numeral: str) -> float:
    """The value of a Chinese numeral, possibly mixed with Arabic digits.

    三萬三千一百廿六 -> 33126, 一億七千萬 -> 170000000, 2億5千3百萬 -> 253000000, 四十一點四 -> 41.4,
    十二 -> 12, 二零二三 -> 2023 (digits without scales read digit by digit, as years are written).
    """
    s = numeral.replace("多", "")
    if not s:
        raise NotANumeral(numeral)
    if not any(ch in _SCALE_CHARS or ch in _TENS for ch in s):
        return _digit_string(s, numeral)
    total, section, current = 0.0, 0.0, None
    i = 0
    while i < len(s):
        ch = s[i]
        m = re.match(r"\d+(?:\.\d+)?", s[i:])
        if m:
            current = float(m.group())
            i += m.end()
            continue
        if ch in ZH_DIGITS:
            current = float(ZH_DIGITS[ch])
        elif ch in _POINT:
            frac = re.match(rf"[{_DIGIT_CHARS}\d]+", s[i + 1 :])
            if (current is None and not section) or frac is None:
                raise NotANumeral(numeral)
            if current is None:  # 二十點三億: the whole part is the tens before the point
                current, section = section, 0.0
            digits = "".join(str(ZH_DIGITS.get(c, c)) for c in frac.group())
            current = float(f"{int(current)}.{digits}")
            i += 1 + frac.end()
            continue
        elif ch in ("廿", "卅"):
            section += _TENS[ch]
            current = None
        elif ch in _SMALL_SCALES:
            section += (1.0 if current is None else current) * _SMALL_SCALES[ch]
            current = None
        elif ch in _BIG_SCALES:
            scale = _BIG_SCALES[ch]
            value = section + (current or 0.0)
            if value == 0:
                raise NotANumeral(numeral)
            # 一億七千萬: 七千 is scaled by 萬 inside the 億 that came before it
            total = (
                (total + value * scale) if scale < _biggest_seen(total, scale) else (total + value) * scale
            )
            section, current = 0.0, None
        else:
            raise NotANumeral(numeral)
        i += 1
    if current is not None and len(s) >= 2 and s[-1] in ZH_DIGITS and s[-2] in _NEXT_LOWER:
        current *= _NEXT_LOWER[s[-2]]  # 三萬九 is 39 000 and 三千五 3 500 (三萬零九 would be 30 009)
    return total + section + (current or 0.0)


def _biggest_seen(total: float, scale: int) -> float:
    """The scale `total` is already counted in: a later smaller scale adds to it, a larger one multiplies."""
    return 10**8 if total >= 10**8 and scale < 10**8 else 0


def _digit_string(s: str, original: str) -> float:
    out = []
    for ch in s:
        if ch.isdigit():
            out.append(ch)
        elif ch in ZH_DIGITS:
            out.append(str(ZH_DIGITS[ch]))
        elif ch in _POINT:
            out.append(".")
        else:
            raise NotANumeral(original)
    try:
        return float("".join(out))
    except ValueError as exc:
        raise NotANumeral(original) from exc


# --- English number words ------------------------------------------------------------------------------

_EN_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_EN_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
    if i > 1
}
_EN_WORD = "|".join(sorted([*_EN_UNITS, *_EN_TENS], key=len, reverse=True))
# "six per cent", "Fifty cases", "twenty-five reports", "two hundred victims", "three million"
_EN_HUNDREDS = (  # one to 999 in words: "eight hundred and sixty-six", "a hundred and eighty-three"
    rf"(?:(?:{_EN_WORD})(?:[\s-]+(?:{_EN_WORD}))?|a(?=\s+hundred\s+and\s))"
    rf"(?:\s+hundred(?:\s+(?:and\s+)?(?:{_EN_WORD})(?:[\s-]+(?:{_EN_WORD}))?)?)?"
)
# ... and thousands of them: "thirteen thousand, eight hundred and sixty-six" (as a newsreader says it)
_EN_WORDS = rf"{_EN_HUNDREDS}(?:\s+thousand(?:,?\s+(?:and\s+)?{_EN_HUNDREDS}(?![\s-]+thousand))?)?"
# "forty-seven point three", "two point oh three": the digits after the point, one word each
_EN_DIGIT_WORD = r"(?:oh|o|zero|nought|one|two|three|four|five|six|seven|eight|nine)"
_EN_DECIMAL = rf"(?:\s+point(?:\s+{_EN_DIGIT_WORD})+\b)?"
_EN_HALF = r"(?:\s+and\s+a\s+half)?"  # "five and a half billion"
_EN_NUMBER = gated(
    re.compile(
        rf"\b(?P<words>{_EN_WORDS}){_EN_DECIMAL}{_EN_HALF}"
        r"(?=\s+(?:per\s?cent|percent|%|million|billion|thousand"
        r"|(?:more|fewer|less)\s+than"  # "thirty-three more than a year earlier"
        r"|(?:[a-z-]+\s+){0,2}(?:cases|crimes|reports|scams|frauds|offences|incidents|complaints|victims|people"
        r"|persons|attacks)\b))",
        re.IGNORECASE,
    )
)


# A number of hundreds or thousands in words is a number whatever follows it: "fifteen thousand six
# hundred and thirty-seven, to be exact", "there were eight hundred and six of them" ("hundreds of",
# "thousands" stay words: `\b` after the scale).
_EN_LARGE = gated(re.compile(rf"\b(?P<words>{_EN_WORDS})\b(?!\s+(?:hundred|thousand)s?\b)", re.IGNORECASE))


# A year said aloud: "in twenty twenty-three", "since twenty nineteen" (a script for radio or TV).
_EN_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_EN_YEAR = gated(
    re.compile(
        r"\b(?:in|of|since|for|during|from|to|until|than|and|year)\s+"
        rf"(?P<century>twenty|nineteen)[\s-]+(?P<yy>{_EN_TEENS}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
        r"|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?)\b",
        re.IGNORECASE,
    )
)


def _spoken_year(match: re.Match[str]) -> str | None:
    yy = _english_value(match.group("yy"))
    if yy is None:
        return None
    return str((20 if match.group("century").lower() == "twenty" else 19) * 100 + yy)


_HALF_A_SCALE = gated(re.compile(r"\bhalf\s+an?\s+(?P<scale>million|billion)\b", re.IGNORECASE))


# A small count in words compared with one in digits: "rose to 26 from seven", "up from seven a year before",
# "26 reports, against just seven" (or with one in words: "Twenty-six such attacks ..., against seven").
_EN_FROM_TAIL = (
    r"(?P<lead>[^.;!?\d]{0,60}?\b(?:from|compared\s+(?:with|to)|against)\s+"
    r"(?:just\s+|only\s+|about\s+|some\s+|around\s+|nearly\s+)?)"  # "against just seven"
    rf"(?P<words>{_EN_HUNDREDS})\b"
    r"(?!\s+(?:of|per|times|to|in\s+(?:ten|every)))"
)
_EN_FROM_WORDS = gated(re.compile(r"(?<=\d)" + _EN_FROM_TAIL, re.IGNORECASE))
_EN_FROM_WORDS_AFTER = re.compile(_EN_FROM_TAIL, re.IGNORECASE)  # matched where a count in words ends


def _english_decimal(match: re.Match[str]) -> str | None:
    """Digits for a match of `_EN_NUMBER` or `_EN_LARGE`: the whole part, then any digits after "point"."""
    whole = _english_value(match.group("words"))
    if whole is None:
        return None
    if re.search(r"\band\s+a\s+half$", match.group(), re.IGNORECASE):
        return f"{whole}.5"
    point = re.search(r"\bpoint\b", match.group(), re.IGNORECASE)
    if point is None:
        return str(whole)
    fraction = "".join(_EN_DIGIT_VALUES[w] for w in match.group()[point.end() :].lower().split())
    return f"{whole}.{fraction}"


_EN_DIGIT_VALUES = {"oh": "0", "o": "0", "zero": "0", "nought": "0"} | {
    w: str(i)
    for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
}


def _english_value(words: str) -> int | None:
    total, current = 0, 0
    for w in re.split(r"[\s,-]+", words.lower()):
        if w == "and":
            continue
        if w == "a":  # "a hundred and eighty-three"
            current += 1
            continue
        if w == "thousand":
            total, current = total + (current or 1) * 1000, 0
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _EN_UNITS:
            current += _EN_UNITS[w]
        elif w in _EN_TENS:
            current += _EN_TENS[w]
        else:
            return None
    return total + current


# --- the rewrite ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rewritten:
    """A text with numbers in words rewritten as digits, and where each character came from."""

    text: str
    starts: tuple[int, ...]  # starts[i], ends[i]: the span of the original that character i stands for
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that the rewritten span [start, end) stands for."""
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return at, at
        return self.starts[start], self.ends[end - 1]

    def then(self, later: Rewritten) -> Rewritten:
        """`later` (a rewrite of this rewrite's text) mapped back to this rewrite's original."""
        if not self.starts:
            return later
        last = len(self.starts) - 1
        starts = tuple(self.starts[min(s, last)] for s in later.starts)
        ends = tuple(self.ends[min(max(e - 1, 0), last)] if e > 0 else self.starts[0] for e in later.ends)
        return Rewritten(later.text, starts, ends)


def _format(value: float, run: str) -> str:
    """Digits for `value`, keeping the largest of 萬/億 the words used (六億九千萬 -> 6.9億): the scale
    is how Chinese text marks an amount of money or a large count, and the reader relies on it."""
    for char, scale in (("億", 10**8), ("亿", 10**8), ("萬", 10**4), ("万", 10**4)):
        if char in run and value >= scale:
            return _plain(Decimal(repr(value)) / scale) + char
    return _plain(Decimal(repr(value)))


def _plain(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _needs_rewrite(run: str) -> bool:
    """Chinese digits, 多 inside, or a scale the number finder does not read (2億5千3百萬): 1.61億,
    3萬 and 4千萬 are already read as they stand."""
    return (
        any(ch in _DIGIT_CHARS for ch in run)
        or "多" in run
        or any(ch in "百佰拾仟" for ch in run)
        or (len(run) > 1 and any(ch in _TENS for ch in run))  # 約十億元: 十 is no digit the finder reads
    )


_PER_CENT_WORDS = "百分之"
# 百分之42.6: a percentage written in words before digits.
_PER_CENT_DIGITS = gated(re.compile(r"百分之(\d+(?:\.\d+)?)"))


# The words one of which every match holds ("twenty", "from", "million" ...): a text holding none of a
# pattern's words is not scanned for it (regex_gate.folded_words).
_EN_YEAR_WORDS = folded_words(_EN_YEAR)
_HALF_A_SCALE_WORDS = folded_words(_HALF_A_SCALE)
_EN_FROM_WORDS_WORDS = folded_words(_EN_FROM_WORDS)


def _replacements(text: str) -> list[tuple[int, int, str]]:
    """(start, end, digits) for every number in words worth rewriting, in text order. A percentage
    in words (百分之四十一點四, 百分之42.6) becomes "41.4%": the one form every rule reads."""
    out = []
    for m in _PER_CENT_DIGITS.finditer(text):
        out.append((m.start(), m.end(), m.group(1) + "%"))
    for m in _ZH_RUN.finditer(text):
        run = m.group()
        lead = m.start() - len(_PER_CENT_WORDS)
        if lead >= 0 and text.startswith(_PER_CENT_WORDS, lead) and not run[0].isdigit():
            with contextlib.suppress(NotANumeral):
                out.append((lead, m.end(), _plain(Decimal(repr(chinese_to_number(run)))) + "%"))
            continue
        has_scale = any(ch in _SCALE_CHARS or ch in _TENS for ch in run)
        has_point = any(ch in _POINT for ch in run) and any(ch in _DIGIT_CHARS for ch in run)
        if not (has_scale or has_point) or not _needs_rewrite(run):
            continue
        try:
            value = chinese_to_number(run)
        except NotANumeral:
            continue
        out.append((m.start(), m.end(), ("逾" if "多" in run else "") + _format(value, run)))
    for m in _BARE_SCALE.finditer(text):  # 逾萬宗, 近億元: a scale alone after a bound is one of it
        out.append((m.start(), m.end(), "1" + m.group()))
    folded = fold_case(text)
    for m in (
        _EN_YEAR.finditer(text) if may_hold(_EN_YEAR_WORDS, folded) else ()
    ):  # before the numbers: at one start the year's reading is kept
        year = _spoken_year(m)
        if year is not None:
            out.append((m.start("century"), m.end(), year))
    for m in _EN_NUMBER.finditer(text):
        digits = _english_decimal(m)
        if digits is None or (
            digits == "1" and not re.match(r"\s+(?:per|%|million|billion)", text[m.end() :])
        ):
            continue
        out.append((m.start(), m.end(), digits))
    for m in _HALF_A_SCALE.finditer(text) if may_hold(_HALF_A_SCALE_WORDS, folded) else ():
        out.append((m.start(), m.end(), "0.5 " + m.group("scale")))
    for m in _EN_LARGE.finditer(text):
        words = m.group("words").lower()
        # "a hundred and eighty-three" is a number; "a hundred" or "a thousand" alone is a round word
        if ("hundred" in words or "thousand" in words) and (words.split()[0] != "a" or " and " in words):
            digits = _english_decimal(m)
            if digits is not None:
                out.append((m.start(), m.end(), digits))
    for m in _EN_FROM_WORDS.finditer(text) if may_hold(_EN_FROM_WORDS_WORDS, folded) else ():
        count = _english_value(m.group("words"))
        if count is not None and count > 1:
            out.append((m.start("words"), m.end("words"), str(count)))
    for _start, end, digits in list(out):
        after = _EN_FROM_WORDS_AFTER.match(text, end) if digits.isdigit() else None
        count = _english_value(after.group("words")) if after else None
        if after is not None and count is not None and count > 1:
            out.append((after.start("words"), after.end("words"), str(count)))
    out.sort(key=lambda item: (item[0], -item[1]))  # at one start, the longest reading
    kept: list[tuple[int, int, str]] = []
    for item in out:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def spell_out(text: str) -> Rewritten:
    """`text` with numbers written in words rewritten as digits (see the module docstring)."""
    return rewrite_spans(text, _replacements(text))


def rewrite_spans(text: str, replacements: list[tuple[int, int, str]]) -> Rewritten:
    """`text` with each (start, end, new) span replaced, in order and not overlapping, and the map
    back to the original: every character of a replacement stands for its whole span."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for start, end, new in replacements:
        parts.append(text[pos:start])
        starts.extend(range(pos, start))
        ends.extend(range(pos + 1, start + 1))
        parts.append(new)
        starts.extend([start] * len(new))
        ends.extend([end] * len(new))
        pos = end
    parts.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return Rewritten("".join(parts), tuple(starts), tuple(ends))
