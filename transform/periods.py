"""Period phrases (English and Chinese) -> canonical periods, and the calendar arithmetic on them.

Labels are the contract of DESIGN section 3: `2023` (year), `2023-H1`, `2023-Q2`, `2023-06` (month)
and any other run of whole months as `2025-01/2025-07` (span); start and end are inclusive.
Every period is a run of whole months, so one constructor (`period_from_months`) decides every label
and the arithmetic (`shift_year`, `previous_period`) is done on month indices.

Phrases are read by a table of rules (regex -> builder). `find_periods` runs every rule over a text
and keeps the longest non-overlapping matches, so "the first half of 2023" wins over "2023", and
"the same period of 2020" (a comparison marker) wins over the bare year inside it. Some rules are
blockers: they match dates ("June 21, 2022"), money ("HK$2030 million") and counts ("2064 cases")
only so that the years or months inside them are not read as periods.

Relative phrases resolve against `ref_date` (the publication date): "this year"/"今年" is its year,
"last year"/"去年" the one before, "前年"/"the year before last" two before. A part of a year
named without its year ("上半年", "the first seven months", "第一季") is the latest such part that
has ended on or before `ref_date`: figures are published after the period they describe.
"The same period last year"/"去年同期" is relative to the period a figure is compared with, not to
the publication date: it is found as a `SamePeriodRef` marker, never as a period.
"""

from __future__ import annotations

import bisect
import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from transform.exceptions import PeriodParseError
from transform.numerals import ZH_DIGITS
from transform.regex_gate import (
    ascii_lower,
    gated,
    lowered_source,
    may_hold,
    may_match,
    required_chars,
    required_words,
)
from transform.schema import PERIOD_TYPES

__all__ = [
    "LaterRef",
    "MonthRef",
    "Period",
    "SamePeriodRef",
    "find_period_mentions",
    "find_periods",
    "is_same_period_last_year",
    "parse_period",
    "period_from_label",
    "period_from_months",
    "previous_period",
    "same_period_last_year",
    "shift_year",
]

MIN_YEAR, MAX_YEAR = 1990, 2099


@dataclass(frozen=True)
class Period:
    """A run of whole months with its canonical label; start and end are inclusive."""

    label: str
    start: date
    end: date
    type: str

    def __post_init__(self) -> None:
        if self.type not in PERIOD_TYPES or self.start > self.end:
            raise ValueError(f"invalid period {self.label!r}: type {self.type!r}, {self.start} .. {self.end}")

    def to_dict(self) -> dict[str, str]:
        """The JSON shape printed by `cyberstats period --json`."""
        return {
            "label": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "type": self.type,
        }

    @property
    def months(self) -> int:
        """How many calendar months the period covers."""
        return _month_index(self.end) - _month_index(self.start) + 1


@dataclass(frozen=True)
class SamePeriodRef:
    """A comparison marker: "the same period last year", "去年同期", "the same period of 2020".

    It names no period by itself: it is the period a figure belongs to, moved back `years_back`
    years, or moved to the explicit `year` when the phrase names one.
    """

    years_back: int = 1
    year: int | None = None

    def resolve(self, current: Period) -> Period:
        """The period this marker means when the figure it qualifies belongs to `current`."""
        if self.year is not None:
            return shift_year(current, self.year - current.start.year)
        return shift_year(current, -self.years_back)


@dataclass(frozen=True)
class LaterRef:
    """ "A year later", "the following year", 翌年: the period the text is about, `years` years on.

    Like a MonthRef it names no period by itself; it takes the period of the text around it (`resolve`).
    """

    years: int = 1

    def resolve(self, current: Period) -> Period:
        """The period `years` after `current`, the same months."""
        return shift_year(current, self.years)


@dataclass(frozen=True)
class MonthRef:
    """A month named without its year: "in December", "2月則回落至3297宗".

    It takes the year of the period the surrounding text is about (`resolve`); with no such period,
    the latest such month ended by the publication date (`latest`).
    """

    month: int

    def resolve(self, current: Period) -> Period:
        """This month in the (last) year of `current`, the period the text is about."""
        return _months(current.end.year, self.month, current.end.year, self.month)

    def latest(self, ref_date: date) -> Period:
        """This month in the latest year where it has ended on or before `ref_date`."""
        y = ref_date.year if _last_day(ref_date.year, self.month) <= ref_date else ref_date.year - 1
        return _months(y, self.month, y, self.month)


# --- calendar arithmetic ----------------------------------------------------------------------------


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_index(d: date) -> int:
    """Months since year 0: makes month arithmetic across year boundaries plain subtraction."""
    return d.year * 12 + d.month - 1


def _from_indices(first: int, last: int) -> Period:
    y1, m1 = divmod(first, 12)
    y2, m2 = divmod(last, 12)
    return period_from_months(date(y1, m1 + 1, 1), _last_day(y2, m2 + 1))


def _canonical(y1: int, m1: int, y2: int, m2: int) -> tuple[str, str]:
    """Label and type of the months y1-m1 .. y2-m2: the shortest name the contract has for them."""
    if y1 == y2:
        if (m1, m2) == (1, 12):
            return f"{y1}", "year"
        if (m1, m2) in ((1, 6), (7, 12)):
            return f"{y1}-H{1 if m1 == 1 else 2}", "half"
        if m1 % 3 == 1 and m2 == m1 + 2:
            return f"{y1}-Q{(m1 + 2) // 3}", "quarter"
        if m1 == m2:
            return f"{y1}-{m1:02d}", "month"
    return f"{y1}-{m1:02d}/{y2}-{m2:02d}", "span"


def period_from_months(start: date, end: date) -> Period:
    """The canonical period from the first day of a month to the last day of a month (inclusive)."""
    if start.day != 1 or end != _last_day(end.year, end.month) or start > end:
        raise ValueError(
            f"a period is a run of whole months: expected the 1st of a month and the last day of a "
            f"month not before it, got {start.isoformat()} .. {end.isoformat()}"
        )
    label, kind = _canonical(start.year, start.month, end.year, end.month)
    return Period(label, start, end, kind)


# The hyphen before H/Q may be left out ("2023H1", as the command line is often given it); such a
# label reads as its period, but is not canonical (period_from_label refuses it, naming 2023-H1).
_LABEL = re.compile(
    r"(?P<y>\d{4})(?:-?H(?P<h>[12])|-?Q(?P<q>[1-4])|-(?P<m>\d{2})(?:/(?P<y2>\d{4})-(?P<m2>\d{2}))?)?",
    re.IGNORECASE,
)


def _label_period(label: str) -> Period | None:
    """Any label-shaped text as a period (possibly under another, canonical label); None if not one."""
    m = _LABEL.fullmatch(label.strip())
    if not m:
        return None
    y = int(m["y"])
    if m["h"]:
        m1, m2 = (1, 6) if m["h"] == "1" else (7, 12)
        y2 = y
    elif m["q"]:
        m1 = 3 * int(m["q"]) - 2
        m2, y2 = m1 + 2, y
    elif m["m"]:
        m1 = int(m["m"])
        y2, m2 = (int(m["y2"]), int(m["m2"])) if m["y2"] else (y, m1)
    else:
        y2, m1, m2 = y, 1, 12
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y, m1) > (y2, m2):
        return None
    if not (MIN_YEAR <= y <= MAX_YEAR and MIN_YEAR <= y2 <= MAX_YEAR):
        return None
    return _from_indices(y * 12 + m1 - 1, y2 * 12 + m2 - 1)


def period_from_label(label: str) -> Period:
    """The period named by a canonical label (`2023`, `2023-H1`, `2023-Q2`, `2023-06`, `2025-01/2025-07`).

    A label that names a real period under a non-canonical name ("2023-01/2023-06") is refused with
    the canonical one, so that one period never gets two labels in the warehouse.
    """
    period = _label_period(label)
    if period is None:
        raise PeriodParseError(
            f"not a period label: {label!r} (expected 2023, 2023-H1, 2023-Q2, 2023-06 or 2025-01/2025-07)"
        )
    if period.label != label:
        raise PeriodParseError(f"label {label!r} is not canonical: the same months are {period.label!r}")
    return period


def shift_year(p: Period, years: int) -> Period:
    """The same months `years` years later (earlier when negative); Feb 29 is handled by whole months."""
    return _from_indices(_month_index(p.start) + 12 * years, _month_index(p.end) + 12 * years)


def same_period_last_year(ref: Period) -> Period:
    """The `year_ago` comparison period: the same months one year earlier."""
    return shift_year(ref, -1)


def previous_period(p: Period) -> Period | None:
    """The immediately preceding period of the same type (2023-Q1 -> 2022-Q4, 2023-01 -> 2022-12).

    Spans return None: releases are cumulative (Jan-Jul), and the seven months before a Jan-Jul span
    (Jun-Dec of the year before) is not a comparison anyone publishes or should make. DESIGN section 4
    compares partial periods only with the same part of another year (`shift_year`).
    """
    if p.type == "span":
        return None
    first = _month_index(p.start)
    return _from_indices(first - p.months, first - 1)


# --- phrase reading: text folding and number words --------------------------------------------------


class _FoldTable(dict):
    """str.translate table: each character's NFKC form when that is one character, else itself.
    Filled on first sight of a character, so folding a text costs one C-level translate."""

    def __missing__(self, code: int) -> str:
        folded = unicodedata.normalize("NFKC", chr(code))
        self[code] = out = folded if len(folded) == 1 else chr(code)
        return out


_FOLD_TABLE = _FoldTable()


def _fold(text: str) -> str:
    """Full-width forms to ASCII (NFKC) character by character, so character offsets are kept."""
    return text if text.isascii() else text.translate(_FOLD_TABLE)


_EN_NUMBERS = {
    "one": 1,
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
    "twelve": 12,
}
# "opening" is "first" ("the opening quarter", "the opening six months"); "final" is the fourth quarter.
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "opening": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}
_EN_MONTHS = {
    name: i
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_REL_YEARS = {
    "this year": 0,
    "the current year": 0,
    "last year": -1,
    "next year": 1,
    "the year before last": -2,
    "今年": 0,
    "本年": 0,
    "去年": -1,
    "上年": -1,
    "上一年": -1,
    "舊年": -1,  # Cantonese: last year
    "旧年": -1,
    "前年": -2,
    "明年": 1,
    "來年": 1,
    "来年": 1,
}


def _num(text: str) -> int:
    """1..12 written as digits, English words or Chinese numerals (十一, 兩)."""
    s = text.strip().lower()
    if s.isdigit():
        return int(s)
    if s in _EN_NUMBERS:
        return _EN_NUMBERS[s]
    if s.startswith("十"):
        return 10 + (ZH_DIGITS[s[1]] if len(s) > 1 else 0)
    return ZH_DIGITS[s]


def _int_year(text: str) -> int:
    """A four-digit year in ASCII digits or Chinese numerals (二零二三, 二〇二三)."""
    return int("".join(ch if ch.isdigit() else str(ZH_DIGITS[ch]) for ch in text))


def _month(text: str) -> int:
    if text[0].isascii() and text[0].isalpha():
        return _EN_MONTHS[text[:3].lower()]
    return _num(text)


# --- rule fragments ---------------------------------------------------------------------------------

_Y4 = r"(?<![\d$.,])(?:19|20)\d\d(?!\d|[.,]\d)"
_Y4_ZH = r"(?:(?<!\d)(?:19|20)\d\d(?!\d)|[一二][〇零○一二三四五六七八九]{3})"
_MONTH_EN = (
    r"(?<![a-z])(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
_NUM_EN = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|1[0-2]|[1-9])(?![a-z0-9])"
_NUM_ZH = r"(?:十[一二]?|[一二三四五六七八九兩两]|1[0-2](?!\d)|0?[1-9](?!\d))"
_DASH = r"(?:-|–|—|~|〜)"

_YEAR_EN = (
    rf"(?:(?P<y>{_Y4})|(?P<yrel>this\s+year|last\s+year|next\s+year|the\s+current\s+year"
    rf"|the\s+year\s+before\s+last)(?![a-z]))"
)
_PART_EN = rf"""(?:
    (?:the\s+)?(?P<half>first|second|1st|2nd|latter)[\s-]+half
  | (?<![a-z0-9])(?P<hcode>H[12]|[12]H)(?![a-z0-9])
  | (?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|opening|final)[\s-]+quarter
  | (?<![a-z0-9])(?P<qcode>Q[1-4]|[1-4]Q)(?![a-z0-9])
  | (?:the\s+)?(?:first|opening)\s+(?P<nq>two|three|2|3)\s+quarters
  | (?:the\s+)?(?:first|opening)\s+(?P<nm>{_NUM_EN})\s+months
  | (?:the\s+)?(?P<nmend>{_NUM_EN})\s+months\s+(?:to|through|until|ended|ending(?:\s+in)?)\s+
    (?:the\s+end\s+of\s+)?(?P<mend>{_MONTH_EN})(?!\s*\d{{1,2}}(?:st|nd|rd|th)?(?!\d))
  | (?:as\s+(?:of|at)|up\s+(?:to|till|until)|until|till|through|by)\s+(?:the\s+end\s+of\s+|end[\s-]+)?
    (?P<mto>{_MONTH_EN})(?!\s*\d{{1,2}}(?:st|nd|rd|th)?(?!\d))
  | (?:(?:from|between)\s+)?(?P<m1>{_MONTH_EN})\s*(?:{_DASH}|to|through|thru|until|till|and)\s*
    (?P<m2>{_MONTH_EN})
  | (?:the\s+)?(?P<full>full|whole|entire)[\s-]+year
)"""
# The end of a year named with it ("the last three months of 2022", "the last quarter of 2022"); alone,
# "the last three months" are the three before the text's date and "last quarter" the one before it.
_END_PART_EN = rf"""(?:
    (?:the\s+)?(?:last|final|closing)\s+(?P<nmlast>{_NUM_EN})\s+months
  | (?:the\s+)?(?P<qlast>last)\s+quarter
)"""
_YEAR_ZH = (
    rf"(?:(?P<y>{_Y4_ZH})\s*(?:年度?)?"
    r"|(?P<yrel>今年|本年|去年|上一年|上年|舊年|旧年|前年|明年|來年|来年)度?)"
)
_PART_ZH = rf"""(?:
    (?P<half>上|下|首|頭|头)半年度?
  | (?P<full>全年度?|整年)
  | 年初\s*(?:至|到)\s*(?P<ytd>{_NUM_ZH})\s*月(?:份)?(?:底|末)?(?!\s*[\d一二三四五六七八九十]+\s*[日號号])
  | 第\s*(?P<q>[一二三四1-4])\s*季度?
  | (?P<qfirst>首)季度?
  | (?<![a-z0-9])(?P<qcode>Q[1-4])(?![a-z0-9])
  | (?<![a-z0-9])(?P<hcode>H[12])(?![a-z0-9])
  | (?<![第首前頭头一二三四五六七八九十\d])(?P<qzh>[一二三四])季度
  | (?:首|前|頭|头)\s*(?P<nq>[二三兩两23])\s*(?:個|个)?季度?
  | (?:首|前|頭|头)\s*(?P<nm>{_NUM_ZH})\s*(?:個|个)?月(?!\s*[\d一二三四五六七八九十]+\s*[日號号])
  | 截至\s*(?P<mto>{_NUM_ZH})\s*月(?:份)?(?:底|末)?(?!\s*[\d一二三四五六七八九十]+\s*[日號号])
  | (?P<m1>{_NUM_ZH})\s*(?:月份?)?\s*(?:至|到|{_DASH})\s*(?P<m2>{_NUM_ZH})\s*月份?(?:底|末)?
  | (?P<ma>{_NUM_ZH})\s*(?:月份?)?\s*(?:及|和|與|与|、)\s*(?P<mb>{_NUM_ZH})\s*月份?(?![\d日號号])
)"""
_MONTH_ZH = rf"(?P<m>{_NUM_ZH})\s*月份?(?![\d日號号])"
_DAY_ZH = r"(?:\d{1,2}|[一二三]?十?[一二三四五六七八九十])"

# --- builders: match groups (+ ref_date) -> Period | SamePeriodRef | None (None = blocker) ----------


class _NeedsRefDate(Exception):
    """A relative phrase met without a reference date."""


class _NotAPeriod(Exception):
    """The shape matched but the values do not make a period (month 13, June to March, year 1850)."""


def _months(y1: int, m1: int, y2: int, m2: int) -> Period:
    if not (MIN_YEAR <= y1 <= MAX_YEAR and MIN_YEAR <= y2 <= MAX_YEAR):
        raise _NotAPeriod
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y1, m1) > (y2, m2):
        raise _NotAPeriod
    return _from_indices(y1 * 12 + m1 - 1, y2 * 12 + m2 - 1)


def _year(g: dict, ref: date | None) -> int:
    if g.get("y"):
        return _int_year(g["y"])
    if ref is None:
        raise _NeedsRefDate
    return ref.year + _REL_YEARS[re.sub(r"\s+", " ", g["yrel"].lower())]


def _quarter(g: dict) -> int | None:
    if g.get("qfirst"):
        return 1
    for key in ("q", "qzh", "qcode"):
        if g.get(key):
            v = g[key].lower().strip("q")
            return _ORDINALS.get(v) or _num(v)
    return None


def _part(g: dict) -> tuple[int, int]:
    """The first and last month (1..12) of the part of a year a phrase names."""
    half = g.get("half") or g.get("hcode")
    if half:
        return (1, 6) if half.lower().strip("h") in ("first", "1st", "1", "上", "首", "頭", "头") else (7, 12)
    q = _quarter(g)
    if q:
        return 3 * q - 2, 3 * q
    if g.get("nq"):
        return 1, 3 * _num(g["nq"])
    if g.get("nm"):
        return 1, _num(g["nm"])
    if g.get("nmlast"):  # "the last three months of 2022": the months that end the year
        return 13 - _num(g["nmlast"]), 12
    if g.get("qlast"):
        return 10, 12
    if g.get("nmend"):  # "the six months to June": the months that end with the one named
        last = _month(g["mend"])
        first = last - _num(g["nmend"]) + 1
        if first < 1:
            raise _NotAPeriod  # "the nine months to March" runs across two years
        return first, last
    # "as of October 2024", 截至10月, 年初至6月: the year so far, January to that month
    if to := g.get("mto") or g.get("ytd"):
        return 1, _month(to)
    if g.get("m1"):
        return _month(g["m1"]), _month(g["m2"])
    if g.get("ma"):  # 一月及二月: two months side by side are the span of both; 一月及三月 is no span
        first, second = _month(g["ma"]), _month(g["mb"])
        if second != first + 1:
            raise _NotAPeriod
        return first, second
    if g.get("m"):
        return _month(g["m"]), _month(g["m"])
    return 1, 12  # full year


def _b_year_part(g: dict, ref: date | None) -> Period:
    y = _year(g, ref)
    m1, m2 = _part(g)
    return _months(y, m1, y, m2)


def _b_part_only(g: dict, ref: date | None) -> Period:
    """A part named without its year: the latest such part ended on or before ref_date."""
    m1, m2 = _part(g)
    if ref is None:
        raise _NeedsRefDate
    y = ref.year if _last_day(ref.year, m2) <= ref else ref.year - 1
    return _months(y, m1, y, m2)


def _b_compact(g: dict, ref: date | None) -> Period:
    y = int(g["yy"])
    return _b_year_part({**g, "y": str(2000 + y if y < 100 else y)}, ref)


def _b_year(g: dict, ref: date | None) -> Period:
    y = _year(g, ref)
    return _months(y, 1, y, 12)


def _b_bare_year(g: dict, ref: date | None) -> Period:
    """A lone 4-digit number read as a year; not when later than ref_date's year (it is a count then)."""
    y = int(g["y"])
    if ref is not None and y > ref.year:
        raise _NotAPeriod
    return _months(y, 1, y, 12)


def _b_cross_year(g: dict, ref: date | None) -> Period:
    return _months(_int_year(g["y"]), _month(g["m1"]), _int_year(g["y2"]), _month(g["m2"]))


def _b_relative_month(g: dict, ref: date | None) -> Period:
    if ref is None:
        raise _NeedsRefDate
    back = 1 if g["rel"].lower() in ("last", "上") else 0
    i = _month_index(ref) - back
    return _from_indices(i, i)


def _b_relative_quarter(g: dict, ref: date | None) -> Period:
    if ref is None:
        raise _NeedsRefDate
    back = 3 if g["rel"].lower() in ("last", "上") else 0
    first = (_month_index(ref) // 3) * 3 - back
    return _from_indices(first, first + 2)


def _b_marker(g: dict, ref: date | None) -> SamePeriodRef:
    if g.get("y"):
        return SamePeriodRef(year=_int_year(g["y"]))
    if g.get("yrel"):
        return SamePeriodRef(years_back=-_REL_YEARS[g["yrel"]])
    return SamePeriodRef()


def _b_later(g: dict, ref: date | None) -> LaterRef:
    return LaterRef()


def _b_bare_month(g: dict, ref: date | None) -> MonthRef:
    m = _month(g["m"])
    if not 1 <= m <= 12:
        raise _NotAPeriod
    return MonthRef(m)


def _b_block(g: dict, ref: date | None) -> None:
    return None


_Builder = Callable[[dict, "date | None"], "Period | SamePeriodRef | MonthRef | LaterRef | None"]
_FLAGS = re.IGNORECASE | re.VERBOSE
_RULE_SOURCES: list[tuple[str, _Builder]] = [
    # blockers first: on equal length they win, being the more specific reading
    (rf"\d{{1,2}}\s*{_MONTH_EN}\s*,?\s*{_Y4}", _b_block),  # 30 June 2023
    (rf"{_MONTH_EN}\s*\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*{_Y4}", _b_block),  # June 21, 2022
    (rf"{_Y4}-\d{{1,2}}-\d{{1,2}}", _b_block),  # 2023-06-30
    # financial year 2022-23 (April to March); not "in 2023 - 39,824 cases", a dash before a count
    (rf"{_Y4}\s*[/–-]\s*\d{{2}}(?!\d|[,.]\d)", _b_block),
    (rf"{_Y4_ZH}\s*年\s*{_NUM_ZH}\s*月\s*{_DAY_ZH}\s*[日號号]", _b_block),  # 2023年6月30日
    (rf"(?:截至\s*)?(?<![\d年])\s*{_NUM_ZH}\s*月\s*{_DAY_ZH}\s*[日號号]", _b_block),  # 截至7月24日: to date
    # HK$2030, HK$1 000; a line break ends the amount ("HK$100,000\n2013: 477 cases")
    (r"(?:HK|US|RMB|NT|MOP)?\$\s*(?:\d{1,3}(?:(?:,|[ \t\u00a0])\d{3})+|\d+(?:\.\d+)?)", _b_block),
    (  # a count, not a year: "2009 crimes", "2023宗"; but "In 2009 crimes rose" opens with its year
        r"(?<![\d.,])(?<!in\s)(?<!during\s)(?<!for\s)(?<!since\s)"
        r"\d+(?:[.,]\d+)*\s*(?:%|per\s*cent|percent|million|billion|thousand|bn|宗|億|亿|萬|万|千|元"
        r"|人|名|倍|fold|times|cases|reports|crimes|victims|people|persons|arrests|incidents)(?![a-z])",
        _b_block,
    ),
    # a point in a year, not a span of whole months: 今年初, 去年底, "early this year", "the end of 2023"
    (
        rf"(?:{_Y4_ZH}\s*年|今年|去年|本年|明年|前年)\s*(?:初|中|底|尾|末)"
        r"|\b(?:early|earlier|late|later|mid)[\s-]+(?:this|last|next)\s+year"
        rf"|\b(?:early|late|mid)[\s-]+{_Y4}"
        rf"|\bthe\s+(?:start|beginning|middle|end)\s+of\s+(?:(?:this|last|next)\s+year|{_Y4})",
        _b_block,
    ),
    # ... unless counted up to it: 截至去年底 is the whole of last year, as is "by the end of 2022"
    (rf"截至\s*{_YEAR_ZH}\s*(?:底|末)", _b_year),
    (rf"(?<![a-z])(?:by|as\s+(?:of|at)|until|up\s+to)\s+the\s+end\s+of\s+{_YEAR_EN}", _b_year),
    # same-period markers
    (
        rf"""(?:the\s+)?(?:same|corresponding|comparable)\s+(?:period|quarter|half|months|(?:\w+\s+)?months)
          (?:\s+(?:of|in|during|for))?
          (?:\s+(?:the\s+)?(?:last|previous|preceding|prior)\s+year
          |\s+(?:a|one|the)\s+year\s+(?:ago|earlier|before)
          |\s+(?P<y>{_Y4}))?(?![a-z])""",
        _b_marker,
    ),
    # "the same time last year", "the same stretch of 2023": with the year only ("at the same time" is none)
    (
        rf"""(?:the\s+)?same\s+(?:time|stretch|point|months)\s+(?:(?:of|in)\s+)?
          (?:(?:the\s+)?(?:last|previous|preceding|prior)\s+year|(?:a|one)\s+year\s+(?:ago|earlier|before)
          |(?P<y>{_Y4}))(?![a-z])""",
        _b_marker,
    ),
    (
        r"""year[\s-]+(?:on|over)[\s-]+year|(?:a|one)\s+year\s+(?:ago|earlier|before)
         |the\s+(?:previous|preceding|prior)\s+year|the\s+year\s+before(?!\s+last)""",
        _b_marker,
    ),
    (
        rf"(?P<yrel>去年|上年|上一年|前年|舊年|旧年)\s*同期|(?P<y>{_Y4_ZH})\s*年\s*同期|同期|同比|按年(?=[上下增減减升跌])"
        # 由前一年的91.5億元降至81.2億元: the year before the one the text is about
        r"|(?:一|1)\s*年(?:之)?前|前一年(?![半度])|對上一年",
        _b_marker,
    ),
    # English periods (a period word starts a word: "(?<![a-z])" also lets re skip mid-word positions)
    (
        rf"(?<![a-z])(?:{_PART_EN}|(?P<m>{_MONTH_EN}))(?:\s*,\s*|\s+(?:of|in)\s+(?:the\s+year\s+)?|\s+){_YEAR_EN}",
        _b_year_part,
    ),
    (
        rf"(?<![a-z]){_END_PART_EN}\s+(?:of|in)\s+(?:the\s+year\s+)?{_YEAR_EN}",
        _b_year_part,
    ),
    (
        rf"""(?P<y>{_Y4})(?:\s*-\s*|\s+|'s\s+)(?:(?P<hcode>H[12])|(?P<qcode>Q[1-4])
          |(?P<half>first|second)[\s-]+half|(?P<q>first|second|third|fourth)[\s-]+quarter
          |(?P<full>full|whole)[\s-]+year)(?![a-z0-9])""",
        _b_year_part,
    ),
    (r"(?<![a-z0-9])(?:(?P<hcode>[12]H)|(?P<qcode>[1-4]Q))(?P<yy>\d{2}|\d{4})(?!\d)", _b_compact),
    (r"(?<![a-z0-9])(?:(?P<hcode>H[12])|(?P<qcode>Q[1-4]))\s*['’](?P<yy>\d{2})(?!\d)", _b_compact),
    (
        rf"(?P<m1>{_MONTH_EN})\s*,?\s*(?P<y>{_Y4})\s*(?:{_DASH}|to|through|until)\s*"
        rf"(?P<m2>{_MONTH_EN})\s*,?\s*(?P<y2>{_Y4})",
        _b_cross_year,
    ),
    (rf"(?<![a-z]){_PART_EN}(?:\s+of\s+the\s+year)?", _b_part_only),
    (
        r"(?:the\s+year\s+)?(?P<yrel>this\s+year|last\s+year|next\s+year|the\s+current\s+year"
        r"|the\s+year\s+before\s+last)(?![a-z])",
        _b_year,
    ),
    (rf"(?:(?<![a-z])(?:the\s+)?year\s+)?(?P<y>{_Y4})", _b_bare_year),
    (r"(?<![a-z])(?P<rel>last|this)\s+month(?![a-z])", _b_relative_month),
    # a year after the period the text is about: "A year later the count had fallen to 1,138"
    (r"(?<![a-z])(?:(?:a|one)\s+year\s+later|the\s+(?:following|next)\s+year)(?![a-z])|翌年|次年", _b_later),
    # a month without its year, after a preposition (so "may" the verb is not read): a MonthRef
    (rf"(?<![a-z])(?:in|during|for)\s+(?:the\s+month\s+of\s+)?(?P<m>{_MONTH_EN})", _b_bare_month),
    (r"(?<![a-z])(?P<rel>last|this)\s+quarter(?![a-z])", _b_relative_quarter),
    # Chinese periods
    (rf"{_YEAR_ZH}\s*(?:的\s*)?\(?\s*(?:{_PART_ZH}|{_MONTH_ZH})(?:\s*\))?", _b_year_part),
    (
        rf"(?P<y>{_Y4_ZH})\s*年\s*(?P<m1>{_NUM_ZH})\s*月\s*(?:至|到|{_DASH})\s*"
        rf"(?P<y2>{_Y4_ZH})\s*年\s*(?P<m2>{_NUM_ZH})\s*月",
        _b_cross_year,
    ),
    (
        rf"截至\s*{_YEAR_ZH}\s*(?P<mto>{_NUM_ZH})\s*月(?:份)?(?:底|末)?(?!\s*[\d一二三四五六七八九十]+\s*[日號号])",
        _b_year_part,
    ),
    (_PART_ZH, _b_part_only),
    (
        rf"(?P<y>{_Y4_ZH})\s*年度?|(?P<yrel>今年|本年|去年|上一年|上年|舊年|旧年|前年|明年|來年|来年)度?",
        _b_year,
    ),
    (r"(?P<rel>上|本)(?:一)?(?:個|个)?月(?!份?\d)", _b_relative_month),
    (
        r"(?<![\d.年])(?P<m>十[一二]?|[一二三四五六七八九]|1[0-2]|0?[1-9])\s*月份?(?![\d日號号])",
        _b_bare_month,
    ),
    (r"(?P<rel>上|本)(?:一)?(?:個|个)?季度?", _b_relative_quarter),
]
# Compiled for text lowered in ASCII (`_scan_text`): the same spans as `_FLAGS` on the text as written.
_RULES: list[tuple[re.Pattern[str], _Builder]] = [
    (gated(re.compile(lowered_source(src), _FLAGS & ~re.IGNORECASE)), fn) for src, fn in _RULE_SOURCES
]

MAX_PHRASE = 500  # parse_period reads one phrase; running text goes through find_period_mentions
_NEEDS_REF = object()  # candidate value: a relative phrase, no ref_date to resolve it


# What each rule's matches must hold: a rule none of whose sets is in the text is not scanned.
_RULE_NEEDS = [required_chars(pattern) for pattern, _build in _RULES]
# ... and the words: every letter of "quarter" is in an English text, the word itself seldom is.
_RULE_WORDS = [required_words(pattern) for pattern, _build in _RULES]


def _candidates(text: str, ref: date | None) -> list[tuple[int, int, int, object]]:
    """Every rule match as (start, end, rule index, value)."""
    found = []
    chars = set(text)
    for index, (pattern, build) in enumerate(_RULES):
        if not may_match(_RULE_NEEDS[index], chars) or not may_hold(_RULE_WORDS[index], text):
            continue  # an English text holds no 月, a Chinese one no "half", most texts no "quarter"
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            try:
                value: object = build(m.groupdict(), ref)
            except _NeedsRefDate:
                value = _NEEDS_REF
            except _NotAPeriod:
                value = None
            found.append((m.start(), m.end(), index, value))
    return found


def _select(text: str, ref: date | None) -> list[tuple[int, int, object]]:
    """Longest match wins, then the earliest, then the earlier rule; the survivors in text order.

    The chosen spans are disjoint and kept sorted, so whether a candidate overlaps one of them is
    two bisections, not a scan of all of them (issue 12: 8 000 x `2023年上半年` took 29 s).
    """
    starts: list[int] = []
    chosen: list[tuple[int, int, object]] = []
    for start, end, _rule, value in sorted(
        _candidates(ascii_lower(_fold(text)), ref), key=lambda c: (c[0] - c[1], c[0], c[2])
    ):
        i = bisect.bisect_right(starts, start)
        if (i > 0 and chosen[i - 1][1] > start) or (i < len(chosen) and chosen[i][0] < end):
            continue
        starts.insert(i, start)
        chosen.insert(i, (start, end, value))
    return chosen


def find_period_mentions(
    text: str, ref_date: date | None = None
) -> list[tuple[int, int, Period | SamePeriodRef | MonthRef | LaterRef]]:
    """Periods, same-period markers and months without a year in running text, with their character
    spans, in text order.

    Relative phrases that need a ref_date which was not given are left out (nothing is guessed).
    """
    kinds = Period | SamePeriodRef | MonthRef | LaterRef
    return [(s, e, v) for s, e, v in _select(text, ref_date) if isinstance(v, kinds)]


def find_periods(text: str, ref_date: date | None = None) -> list[tuple[int, int, Period]]:
    """Every period phrase in a sentence or paragraph, as (start, end, Period), in text order."""
    return [(s, e, v) for s, e, v in find_period_mentions(text, ref_date) if isinstance(v, Period)]


def is_same_period_last_year(text: str) -> bool:
    """Whether the text says "compared with the same period one year earlier" (去年同期, year-on-year...)."""
    return any(
        isinstance(v, SamePeriodRef) and v.year is None and v.years_back == 1
        for _, _, v in find_period_mentions(text)
    )


_FILLER = re.compile(
    r"\b(?:in|during|for|over|throughout|of|the|from|since)\b|[在於于由從从期間间內内的]|[\s\W_]",
    re.IGNORECASE,
)


def _only_filler(text: str) -> bool:
    return not _FILLER.sub("", text)


def parse_period(text: str, ref_date: date | None = None) -> Period:
    """The one period a short phrase names ("first half of 2023", "今年首七個月", "2023-H1").

    Raises PeriodParseError naming the text when no rule reads the whole phrase as one period, when
    it is relative and no ref_date was given, or when it is a same-period marker (which is relative
    to another period, see `SamePeriodRef`).
    """
    if len(text) > MAX_PHRASE:
        raise PeriodParseError(
            f"a period phrase is short; this text has {len(text)} characters (at most {MAX_PHRASE}): "
            f"{text[:60]!r}..."
        )
    label_period = _label_period(_fold(text))
    if label_period is not None:
        return label_period
    mentions = [(s, e, v) for s, e, v in _select(text, ref_date) if v is not None]
    if len(mentions) != 1 or not _only_filler(text[: mentions[0][0]] + " " + text[mentions[0][1] :]):
        raise PeriodParseError(f"no single period understood in {text!r}")
    value = mentions[0][2]
    if value is _NEEDS_REF:
        raise PeriodParseError(f"{text!r} is relative to a date: give a ref_date (the publication date)")
    if isinstance(value, (MonthRef, LaterRef)):
        raise PeriodParseError(
            f"{text!r} names a month, or a year after, without its year: the year comes from the text "
            "around it (read it with find_period_mentions() and MonthRef.resolve())"
        )
    if isinstance(value, SamePeriodRef):
        raise PeriodParseError(
            f"{text!r} is relative to the period it is compared with, not to a date: "
            "read it with find_period_mentions() and SamePeriodRef.resolve()"
        )
    return value  # type: ignore[return-value]
