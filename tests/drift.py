"""Drifted copies of the CSC fixture pages, each made from the real fixture by one named change.

Keeping the change instead of a second copy of the page shows at a glance what each layout-drift
test provokes, and a fix to a fixture page reaches its drifted copies too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

SITE = Path(__file__).parent / "fixtures" / "site" / "www.police.gov.hk"
CSC = {lang: SITE / f"ppp_{lang}" / "09_statistics" / "csc.html" for lang in ("en", "tc", "sc")}


def _row(text: str, label: str) -> str:
    """The one table row whose label cell is `label`."""
    (row,) = [line for line in text.splitlines() if f">{label}</font>" in line]
    return row


def _cells(text: str, label: str, changes: dict[str, str]) -> str:
    """`text` with cells of the row labelled `label` rewritten (old cell text -> new)."""
    row = _row(text, label)
    new = row
    for old, value in changes.items():
        assert f">{old}</font>" in new, f"no cell {old!r} in the {label} row"
        new = new.replace(f">{old}</font>", f">{value}</font>", 1)
    return text.replace(row, new)


def _headings_not_periods(text: str) -> str:
    for old, new in (
        ("二零二三年<br>(一月至六月)", "項目甲"),
        ("二零二四年<br>(一月至六月)", "項目乙"),
        (">(一月至六月)<", ">變動<"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    return text


def _no_table(text: str) -> str:
    """The statistics table removed; the page frame (one layout table) stays."""
    return re.sub(r'<table width="100%" border="1".*?</table>\n?', "", text, count=1, flags=re.S)


def _shifted_headings(text: str) -> str:
    """Both English headings a year on (2024 / 2025) over the same numbers: a typo'd page (issue 12)."""
    text = text.replace("June<br>2024", "June<br>2025", 1)
    return text.replace("June<br>2023", "June<br>2024", 1)


def _second_header_row(text: str) -> str:
    """A second heading row of `<th>` cells under the period headings ("Number", "%")."""
    row = (
        "<tr>"
        + "<th></th>" * 2
        + "<th>Number</th>" * 2
        + "<th colspan=2>Number</th><th colspan=2>%</th></tr>"
    )
    marker = '<tr><td colspan="8">&nbsp;</td></tr>'
    assert marker in text
    return text.replace(marker, row + marker, 1)


_VARIANTS: dict[str, tuple[str, Callable[[str], str]]] = {
    # a year typo in one heading: "January to June 2025" for 2024
    "csc_en_heading_year_typo": ("en", lambda t: t.replace("June<br>2024", "June<br>2025", 1)),
    "csc_en_headings_shifted": ("en", _shifted_headings),
    "csc_en_second_header_row": ("en", _second_header_row),
    # criminal damage Jan-Jun 2024 2 421 -> 2 412, its change cells kept consistent (-156, -6.1%)
    "csc_sc_value_differs": (
        "sc",
        lambda t: _cells(t, "刑事毁坏", {"2 421": "2 412", "147": "156", "5.7": "6.1"}),
    ),
    "csc_tc_change_mismatch": ("tc", lambda t: _cells(t, "爆竊案", {"112": "121"})),
    "csc_tc_pct_mismatch": ("tc", lambda t: _cells(t, "總體罪案", {"5.6": "5.9"})),
    "csc_tc_headers_not_periods": ("tc", _headings_not_periods),
    "csc_tc_no_table": ("tc", _no_table),
}


def csc_page(name: str) -> bytes:
    """The bytes of drifted CSC page `name` (see _VARIANTS, plus csc_tc_big5_declared_utf8)."""
    if name == "csc_tc_big5_declared_utf8":  # Big5 bytes behind a page that says it is UTF-8
        return CSC["tc"].read_text(encoding="utf-8").encode("big5hkscs")
    lang, change = _VARIANTS[name]
    encoding = "latin-1" if lang == "en" else "utf-8"  # the English page is not UTF-8 (a (c) sign)
    return change(CSC[lang].read_text(encoding=encoding)).encode(encoding)
