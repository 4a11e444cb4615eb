"""Chinese digits, shared by the period parser (二零二三年, 十二月) and the figure reader (兩成八)."""

from __future__ import annotations

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
