"""Cells of official statistics tables: bytes to text, text to numbers and signs, rows to observations.

Police tables print numbers the way a typesetter would, not a machine: a space as the thousands
separator (`42 923`), `-` for nil, a bracketed value for a figure shown only for reference
(`(264)`), and a separate cell holding the sign of a change. These helpers turn one cell into one
meaning and refuse anything else, so that a changed layout fails loudly instead of loading a
wrong number. Bytes become text through the project's one strict decoder,
`extract.encoding.decode_document`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple

from extract.document import Document
from transform.schema import ID_SEPARATOR, IDENTITY_COLUMNS, id_of_text, observation_id

__all__ = [
    "Cell",
    "HK_TZ",
    "OfficialRows",
    "SPACES",
    "id_label_part",
    "may_show_revision_date",
    "normalise_space",
    "official_row",
    "parse_count",
    "parse_sign",
    "revision_date",
    "revision_hint_in",
]

HK_TZ = timezone(timedelta(hours=8), "Asia/Hong_Kong")

# Spaces that typeset tables use between thousands and around labels.
SPACES = _SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_DASHES = frozenset({"-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\uff0d"})
_PLUSES = frozenset({"+", "\uff0b"})
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_GROUPED = re.compile(r"\d{1,3}(?P<sep>[ ,])\d{3}(?:(?P=sep)\d{3})*(?:\.\d+)?")
_NUMBER = re.compile(f"{_PLAIN.pattern}|{_GROUPED.pattern}")  # either (one match, not two)


class Cell(NamedTuple):
    """One numeric cell: `value` is None for an empty cell; nil (`-`) reads as 0 with `nil` set.

    A NamedTuple, not a frozen dataclass: as immutable, and built ~4x faster (a page has hundreds).
    """

    raw: str
    value: float | None
    nil: bool = False
    bracketed: bool = False

    @property
    def empty(self) -> bool:
        return self.value is None


_EMPTY = Cell("", None)
_NILS = {dash: Cell(dash, 0.0, nil=True) for dash in _DASHES}  # a nil cell as printed, read once
# Cell(raw, value) for the common cells without the generated `__new__`, a third of their read.
_new = tuple.__new__


def normalise_space(text: str) -> str:
    """Collapse every kind of space (nbsp, ideographic, thin) to one ASCII space and strip.

    `_SPACES.sub(" ", text).strip()`, by `str.split()` (several times faster): SPACES is exactly
    what `str.isspace` calls a space (as `\\s` is) and the zero-width space, made a space first.
    """
    if "\u200b" in text:
        text = text.replace("\u200b", " ")
    return " ".join(text.split())


def parse_count(text: str) -> Cell:
    """Read a table number cell: `42 923`, `1,005`, `5.6`, `0`, `-` (nil), `(264)` (reference), ``.

    Raises ValueError naming the cell for anything else: a table cell is never guessed at.
    """
    if text.isdigit() and text.isascii():  # the common cell, a plain count: no pattern needed
        return _new(Cell, (text, float(text), False, False))
    if not text:
        return _EMPTY
    if (nil := _NILS.get(text)) is not None:
        return nil
    if (value := _printed_ascii(text)) is not None:  # what _NUMBER reads, the common ways, by str
        return _new(Cell, (text, value, False, False))
    if _NUMBER.fullmatch(text):  # already as printed: no spaces to collapse
        return _new(Cell, (text, float(text.replace(" ", "").replace(",", "")), False, False))
    raw = text
    text = normalise_space(text)
    if not text:
        return Cell(raw, None)
    if text in _DASHES:
        return Cell(raw, 0.0, nil=True)
    bracketed = text.startswith(("(", "\uff08")) and text.endswith((")", "\uff09"))
    if bracketed:
        text = text[1:-1].strip()
    if _NUMBER.fullmatch(text):
        return Cell(raw, float(text.replace(" ", "").replace(",", "")), bracketed=bracketed)
    raise ValueError(f"not a table number: {raw!r}")


def _printed_ascii(text: str) -> float | None:
    """The value of `text` when it is an ASCII number as `_NUMBER` reads one (`5.6`, `42 923`,
    `1,005.5`), else None (and `_NUMBER` decides): a page's hundreds of cells without the pattern.

    `str.isdigit` of an ASCII string is `[0-9]+`, so each test below is the pattern's own.
    """
    if not text.isascii():
        return None
    whole, dot, fraction = text.partition(".")
    if dot and not fraction.isdigit():
        return None
    if whole.isdigit():  # \d+(?:\.\d+)?
        return float(text)
    for sep in " ,":  # \d{1,3}(sep\d{3})+ with one separator throughout, then (?:\.\d+)?
        at = whole.find(sep)
        if at < 0:
            continue
        rest = whole[at:]  # sep ddd sep ddd ...: a separator every 4th character and nowhere else
        groups, odd = divmod(len(rest), 4)
        if (
            0 < at <= 3
            and not odd
            and rest[::4] == sep * groups
            and whole.count(sep) == groups
            and whole.replace(sep, "").isdigit()
        ):
            return float(text.replace(sep, ""))
        return None
    return None


def parse_sign(text: str) -> int:
    """Read a sign cell: +1 for `+`, -1 for `-`/U+2212/`－`, 0 for an empty cell (no change)."""
    if text in _PLUSES:  # the common cells first, before any pattern
        return 1
    if text in _DASHES:
        return -1
    if not text:
        return 0
    text = normalise_space(text)
    if not text:
        return 0
    if text in _PLUSES:
        return 1
    if text in _DASHES:
        return -1
    raise ValueError(f"not a sign cell: {text!r}")


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
_REVISION = re.compile(
    r"(?:last\s+revision\s+date|last\s+updated?|修訂日期|修订日期|更新日期)\s*[:：]?\s*"
    r"(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[-/]\d{1,2}[-/]\d{4}|\d{1,2}\s+[A-Za-z]+\s+\d{4})",
    re.IGNORECASE,
)


# Every wording _REVISION starts with contains one of these: a page whose source has none of them
# shows no revision date, and its whole text need not be built to find out.
_REVISION_HINTS = tuple(h.encode() for h in ("revision", "update", "修訂日期", "修订日期", "更新日期"))


def may_show_revision_date(source: str | bytes) -> bool:
    """False when the page source (HTML text) cannot show a "Last revision date": a cheap first test.

    (Plain substring tests of the lowered text: a case-insensitive pattern search took longer than
    the rest of the page's parse.) A wording spelt with character references (`revisi&#111;n`) is
    missed; no page does that.

    The text is lowered as UTF-8 bytes, ASCII letters only: ~10x faster than `str.lower()` on a
    Chinese page, and it finds the same hints (the CJK ones have no case, and the only non-ASCII
    letters that `str.lower()` turns into ASCII are U+0130, to "i" and a combining dot that no hint
    has after its "i", and the Kelvin sign, to a "k" that no hint has). A parser that has the page
    as UTF-8 bytes already passes them (the encoding is the slow part).
    """
    raw = source if isinstance(source, bytes) else source.encode("utf-8", "surrogatepass")
    return revision_hint_in(raw.lower())


def revision_hint_in(lowered: bytes) -> bool:
    """`may_show_revision_date` of a page source already UTF-8 and lowered (`bytes.lower()`)."""
    return any(hint in lowered for hint in _REVISION_HINTS)


def _date_from(text: str) -> date | None:
    """A date written the ways HK government page footers write it; None when it is not one."""
    ymd = re.fullmatch(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text) or re.fullmatch(
        r"(\d{4})-(\d{1,2})-(\d{1,2})", text
    )
    if ymd:
        y, mo, d = map(int, ymd.groups())
    elif m := re.fullmatch(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})", text):  # dd-mm-yyyy, as gov.hk does
        d, mo, y = map(int, m.groups())
    elif (m := re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text)) and m[2][:3].lower() in _MONTHS:
        d, mo, y = int(m[1]), _MONTHS[m[2][:3].lower()], int(m[3])
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def revision_date(text: str) -> datetime | None:
    """The page's "Last revision date" as midnight Hong Kong time, or None when the page has none."""
    m = _REVISION.search(text)
    day = _date_from(normalise_space(m.group("date"))) if m else None
    return datetime(day.year, day.month, day.day, tzinfo=HK_TZ) if day else None


def _row_template(
    doc: Document, parser_version: str, published_at: datetime | None, unit: str, qualifier: str
) -> dict[str, object]:
    """An official_table observation of `doc` with its per-row fields (crime, metric, period, value)
    empty, keys in the schema's order."""
    return {
        "jurisdiction": "HK",
        "category": None,
        "source_label": None,
        "metric": None,
        "unit": unit,
        "period_label": None,
        "period_start": None,
        "period_end": None,
        "period_type": None,
        "value": None,
        "qualifier": qualifier,
        "source_id": doc.source_id,
        "source_tier": "official_table",
        "document_url": doc.url,
        "published_at": published_at,
        "fetched_at": doc.fetched_at,
        "raw_sha256": doc.sha256,
        "quote": None,
        "derived_from": None,
        "parser_version": parser_version,
    }


def official_row(
    doc: Document,
    *,
    category: str,
    source_label: str | None,
    metric: str,
    period,
    value: float,
    parser_version: str,
    published_at: datetime | None = None,
    unit: str = "count",
    qualifier: str = "exact",
) -> dict:
    """One `official_table` observation with the provenance of `doc` and its content-derived id.

    `period` is a transform.periods.Period (label, start, end, type).
    """
    row = _row_template(doc, parser_version, published_at, unit, qualifier)
    row["category"] = category
    row["source_label"] = source_label
    row["metric"] = metric
    row["period_label"] = period.label
    row["period_start"] = period.start
    row["period_end"] = period.end
    row["period_type"] = period.type
    row["value"] = float(value)
    row["observation_id"] = observation_id(row)
    return row


class OfficialRows:
    """`official_row` for the many rows of one document: what they share is looked up once.

    A page of 66 rows gives 132 observations; building each from scratch (keyword call, 21 keys,
    the id's ten columns written one by one) cost a third of the page's parse (issue 13). `row`
    gives the same dict, keys in the same order, as `official_row` with the same arguments: the
    id's text is the one `content_id` writes, its parts shared by every row written once.
    """

    def __init__(
        self,
        doc: Document,
        *,
        parser_version: str,
        published_at: datetime | None = None,
        unit: str = "count",
        qualifier: str = "exact",
    ) -> None:
        self._template = _row_template(doc, parser_version, published_at, unit, qualifier)
        parts = [  # the per-row parts as format fields numbered as in _ID_PER_ROW
            f"{{{_ID_PER_ROW.index(c)}}}" if c in _ID_PER_ROW else _escaped(_id_part(self._template[c]))
            for c in IDENTITY_COLUMNS
        ]
        self._id_text = ID_SEPARATOR.join(parts).format

    def row(self, category: str, source_label: str | None, metric: str, period, value: float) -> dict:
        """One observation of the document: `official_row(doc, category=..., ...)`."""
        row: dict[str, object] = dict(self._template)
        row["category"] = category
        row["source_label"] = source_label
        row["metric"] = metric
        row["period_label"] = label = period.label
        row["period_start"] = period.start
        row["period_end"] = period.end
        row["period_type"] = period.type
        row["value"] = float(value)
        # a field writes str(part) (format(x, "") is str(x)); content_id writes None as nothing
        row["observation_id"] = id_of_text(
            self._id_text(
                "" if category is None else category,
                "" if source_label is None else source_label,
                "" if metric is None else metric,
                "" if label is None else label,
            )
        )
        return row

    def for_period(self, period) -> Callable[..., dict]:
        """`row` with `period` fixed: `make(category, source_label, metric, value)` gives the same dict.

        For the hundreds of rows of one period (issue 13): the period's four fields are set once in
        a template of its own, and the id's text is the parts before and after the per-row ones
        around the row's own three (they are neighbours in IDENTITY_COLUMNS). Its three text
        arguments must be str (`row` also takes None). A fifth argument, `id_label_part(category,
        source_label)`, saves encoding them: a parser can keep it per label, and a row's two
        periods share it (the encoding and the joins were a third of the id, issue 13).
        """
        template = dict(self._template)
        template["period_label"] = period.label
        template["period_start"] = period.start
        template["period_end"] = period.end
        template["period_type"] = period.type
        parts = [_id_part(template[c]) for c in IDENTITY_COLUMNS]
        head = "".join(p + ID_SEPARATOR for p in parts[:_FIRST_PER_ROW]).encode("utf-8")
        tail = "".join(ID_SEPARATOR + p for p in parts[_FIRST_PER_ROW + 3 :])
        tails: dict[str, bytes] = {}  # metric -> UTF-8 of the id's text from the metric on
        copy, sha256 = template.copy, hashlib.sha256

        def make(
            category: str, source_label: str, metric: str, value: float, label_part: bytes | None = None
        ) -> dict:
            row = copy()
            row["category"] = category
            row["source_label"] = source_label
            row["metric"] = metric
            row["value"] = float(value)
            if label_part is None:
                label_part = id_label_part(category, source_label)
            if (metric_tail := tails.get(metric)) is None:
                metric_tail = tails[metric] = (metric + tail).encode("utf-8")
            # id_of_text(text), inlined, of the text's UTF-8 in its three pieces (UTF-8 of a join is
            # the join of the UTF-8s)
            row["observation_id"] = sha256(head + label_part + metric_tail).hexdigest()[:32]
            return row

        return make


def id_label_part(category: str, source_label: str) -> bytes:
    """The part of an observation id's text that a row's category and source label write, as UTF-8
    (up to the metric): what `OfficialRows.for_period`'s rows take to skip writing it themselves."""
    return (category + ID_SEPARATOR + source_label + ID_SEPARATOR).encode("utf-8")


def _id_part(value: object) -> str:
    """A part of a content id as `content_id` writes it."""
    return "" if value is None else str(value)


def _escaped(text: str) -> str:
    """`text` as a literal in a str.format template."""
    return text.replace("{", "{{").replace("}", "}}")


# The identity columns that OfficialRows.row sets (it writes exactly these into the id per row).
_ID_PER_ROW = ("category", "source_label", "metric", "period_label")
_PER_ROW = {*_ID_PER_ROW, "period_start", "period_end", "period_type", "value"}
if _PER_ROW.intersection(IDENTITY_COLUMNS) != set(_ID_PER_ROW):  # the id recipe changed: say so
    raise RuntimeError(
        f"OfficialRows writes {_ID_PER_ROW} per row; the identity columns are {IDENTITY_COLUMNS}"
    )
# OfficialRows.for_period writes the id's per-row parts of one period as one run: category,
# source_label, metric must be neighbours in the id, in this order.
_FIRST_PER_ROW = IDENTITY_COLUMNS.index("category")
if IDENTITY_COLUMNS[_FIRST_PER_ROW : _FIRST_PER_ROW + 3] != _ID_PER_ROW[:3]:
    raise RuntimeError(f"OfficialRows.for_period needs {_ID_PER_ROW[:3]} in a run in {IDENTITY_COLUMNS}")
