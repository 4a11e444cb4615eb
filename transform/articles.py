"""News items and the figures found in them, as article, article_figure and observation rows.

Every figure is kept as an article figure (with its jurisdiction, kind and character span), so a
fact-checker can see everything a text said. Only a narrow subset also becomes an observation:
a Hong Kong level for a named period and a known category, in counts, HK dollars or a level
percentage. Changes, folds, foreign figures and US-dollar conversions never enter the fact table.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from extract.document import Document
from transform.document import ParseResult
from transform.figures.confidence import THRESHOLD as CONFIDENCE_THRESHOLD
from transform.figures.extractor import extract_figures
from transform.relevance import relevance
from transform.schema import (
    ARTICLE_COLUMNS,
    ARTICLE_FIGURE_COLUMNS,
    OBSERVATION_COLUMNS,
    article_id,
    figure_id,
    observation_id,
)

__all__ = [
    "HKT",
    "OBSERVATION_UNITS",
    "article_result",
    "article_row",
    "text_only",
    "figures_to_rows",
    "hk_date",
    "language_of",
]

HKT = ZoneInfo("Asia/Hong_Kong")
OBSERVATION_UNITS = frozenset({"count", "HKD", "percent"})
_WHOLE_UNITS = frozenset({"count", "HKD", "USD"})
_UNKNOWN_CATEGORIES = frozenset({None, "", "unknown"})
# A figure whose own text is a US-dollar amount is a conversion, whatever unit it was given.
_USD_RE = re.compile(r"US\$|USD|美元|美金", re.IGNORECASE)
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LETTER_RE = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")

FIGURE_FIELDS = (
    "jurisdiction",
    "category",
    "source_label",
    "metric",
    "value",
    "unit",
    "period",
    "period_start",
    "period_end",
    "period_type",
    "qualifier",
    "kind",
    "compared_with",
    "quote",
    "char_start",
    "char_end",
    "confidence",
    "evidence",
)


def language_of(text: str) -> str:
    """`zh` when at least a fifth of the letters are CJK ideographs, else `en` (Chinese mixes in Latin)."""
    letters = len(_LETTER_RE.findall(text))
    if letters == 0:
        return "en"
    return "zh" if len(_CJK_RE.findall(text)) / letters >= 0.2 else "en"


def article_row(
    doc: Document,
    *,
    source_tier: str,
    title: str,
    body: str,
    published_at: datetime | None,
    language: str,
    relevance: str | None,
) -> dict:
    """The articles-table row of one fetched news item; its id is the URL plus the bytes' hash."""
    row = {
        "url": doc.url,
        "source_id": doc.source_id,
        "source_tier": source_tier,
        "title": title,
        "published_at": published_at,
        "language": language,
        "body": body,
        "sha256": doc.sha256,
        "relevance": relevance,
        "fetched_at": doc.fetched_at,
    }
    row["article_id"] = article_id(row)
    return {c: row[c] for c in ARTICLE_COLUMNS}


def _as_dict(figure: object) -> dict:
    if isinstance(figure, dict):
        return dict(figure)
    if is_dataclass(figure) and not isinstance(figure, type):
        return asdict(figure)
    return {name: getattr(figure, name, None) for name in FIGURE_FIELDS}


def _is_usd(fig: dict, body: str | None) -> bool:
    if fig.get("unit") == "USD":
        return True
    start, end = fig.get("char_start"), fig.get("char_end")
    if body is None or start is None or end is None:
        return False
    return bool(_USD_RE.search(body[max(0, start - 3) : end]))


def _becomes_observation(fig: dict, body: str | None) -> bool:
    """A Hong Kong level the reader is confident of (a figure below the threshold is kept in
    article_figures, and `check` calls it unclear, but it never becomes an observation)."""
    return (
        fig.get("jurisdiction") == "HK"
        and (fig.get("confidence") is None or fig["confidence"] >= CONFIDENCE_THRESHOLD)
        and fig.get("kind") == "level"
        and bool(fig.get("period"))
        and fig.get("category") not in _UNKNOWN_CATEGORIES
        and fig.get("unit") in OBSERVATION_UNITS
        and fig.get("value") is not None
        and not _is_usd(fig, body)
    )


def _value(fig: dict) -> float | None:
    """The value; counts and money in whole units (2.03 billion, not 2029999999.9999998)."""
    value = fig.get("value")
    if value is None:
        return None
    return float(round(value)) if fig.get("unit") in _WHOLE_UNITS else float(value)


def _common(fig: dict, article: dict, provenance: dict) -> dict:
    """The columns an article figure shares with an observation."""
    return {
        "jurisdiction": fig.get("jurisdiction") or "unknown",
        "category": fig.get("category") or "unknown",
        "source_label": fig.get("source_label"),
        "metric": fig.get("metric"),
        "unit": fig.get("unit"),
        "period_label": fig.get("period"),
        "period_start": fig.get("period_start"),
        "period_end": fig.get("period_end"),
        "period_type": fig.get("period_type"),
        "value": _value(fig),
        "qualifier": fig.get("qualifier") or "exact",
        "published_at": article.get("published_at"),
        "quote": fig.get("quote"),
        "derived_from": None,
        **provenance,
    }


def figures_to_rows(
    figures: Iterable[object],
    *,
    article: dict,
    source_id: str,
    source_tier: str,
    document_url: str,
    fetched_at: datetime | None,
    raw_sha256: str | None,
    parser_version: str,
) -> tuple[list[dict], list[dict]]:
    """(observations, article_figures) for the figures found in one article.

    `figures` are transform.figures Figure objects (or dicts with the same fields).
    Observations carry `source_tier` (the tier of the article's source) and the sentence as quote.
    """
    provenance = {
        "source_id": source_id,
        "source_tier": source_tier,
        "document_url": document_url,
        "fetched_at": fetched_at,
        "raw_sha256": raw_sha256,
        "parser_version": parser_version,
    }
    observations: list[dict] = []
    article_figures: list[dict] = []
    for fig in map(_as_dict, figures):
        if isinstance(fig.get("value"), float) and not math.isfinite(fig["value"]):
            continue  # a number too long to be a float (400 digits) is no statistic
        common = _common(fig, article, provenance)
        extra = {
            "article_id": article["article_id"],
            "kind": fig.get("kind"),
            "compared_with": fig.get("compared_with"),
            "char_start": fig.get("char_start"),
            "char_end": fig.get("char_end"),
            "confidence": fig.get("confidence"),
            "evidence": json.dumps(fig.get("evidence") or {}, ensure_ascii=False, sort_keys=True),
        }
        row = {**common, **extra}
        row["figure_id"] = figure_id(row)
        article_figures.append({c: row[c] for c in ARTICLE_FIGURE_COLUMNS})
        if _becomes_observation(fig, article.get("body")):
            obs = {c: common.get(c) for c in OBSERVATION_COLUMNS if c != "observation_id"}
            observations.append({"observation_id": observation_id(obs), **obs})
    return observations, article_figures


# Off inside `text_only()`: a caller that wants only an article's text (`cyberstats figures page.html`
# reads the figures itself, with its own options) does not pay for reading them twice.
_READ_FIGURES: ContextVar[bool] = ContextVar("read_figures", default=True)


@contextmanager
def text_only() -> Iterator[None]:
    """Within the block, article parsers return the article row and no figures or observations."""
    token = _READ_FIGURES.set(False)
    try:
        yield
    finally:
        _READ_FIGURES.reset(token)


def article_result(
    doc: Document,
    *,
    source_tier: str,
    title: str,
    body: str,
    published_at: datetime | None,
    language: str,
    parser_version: str,
) -> ParseResult:
    """The ParseResult of one news item: its article row, every figure in it, and the observations.

    Relative periods ("last year", 今年上半年) are resolved against the publication date (in Hong Kong).
    """
    article = article_row(
        doc,
        source_tier=source_tier,
        title=title,
        body=body,
        published_at=published_at,
        language=language,
        relevance=relevance(title, body),
    )
    if not _READ_FIGURES.get():
        return ParseResult(observations=[], articles=[article], article_figures=[])
    ref_date = None if published_at is None else hk_date(published_at)
    # every figure is stored, other crimes included (blackmail, burglary...): nothing read is dropped
    figures = extract_figures(body, ref_date=ref_date, language=language, include_other_crimes=True)
    observations, article_figures = figures_to_rows(
        figures,
        article=article,
        source_id=doc.source_id,
        source_tier=source_tier,
        document_url=doc.url,
        fetched_at=doc.fetched_at,
        raw_sha256=doc.sha256,
        parser_version=parser_version,
    )
    return ParseResult(observations=observations, articles=[article], article_figures=article_figures)


def hk_date(moment: datetime) -> date:
    """The calendar date in Hong Kong of an aware moment (relative periods are read in local time)."""
    return moment.astimezone(HKT).date()
