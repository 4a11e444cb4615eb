"""The observation contract (DESIGN section 3) as explicit Arrow schemas.

Every parser produces rows with exactly these columns; the Parquet store and the warehouse read
them by name. `load_id` is not part of the Parquet files: it is stamped by the warehouse when a
load first brings a row in, so that re-writing the same content yields byte-identical files.
"""

from __future__ import annotations

import hashlib

import pyarrow as pa

TIERS = ("official_table", "official_text", "media")
QUALIFIERS = ("exact", "approx", "more_than", "less_than")
PERIOD_TYPES = ("year", "half", "quarter", "month", "span")
UNITS = ("count", "HKD", "USD", "percent", "ratio")
FIGURE_KINDS = ("level", "change_pct", "change_abs", "fold")

_TS = pa.timestamp("us", tz="UTC")

OBSERVATION_SCHEMA = pa.schema(
    [
        pa.field("observation_id", pa.string(), nullable=False),
        pa.field("jurisdiction", pa.string(), nullable=False),
        pa.field("category", pa.string(), nullable=False),
        pa.field("source_label", pa.string()),
        pa.field("metric", pa.string(), nullable=False),
        pa.field("unit", pa.string(), nullable=False),
        pa.field("period_label", pa.string(), nullable=False),
        pa.field("period_start", pa.date32(), nullable=False),
        pa.field("period_end", pa.date32(), nullable=False),
        pa.field("period_type", pa.string(), nullable=False),
        pa.field("value", pa.float64(), nullable=False),
        pa.field("qualifier", pa.string(), nullable=False),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("source_tier", pa.string(), nullable=False),
        pa.field("document_url", pa.string(), nullable=False),
        pa.field("published_at", _TS),
        pa.field("fetched_at", _TS),
        pa.field("raw_sha256", pa.string()),
        pa.field("quote", pa.string()),
        pa.field("derived_from", pa.string()),
        pa.field("parser_version", pa.string(), nullable=False),
    ]
)
OBSERVATION_COLUMNS = tuple(OBSERVATION_SCHEMA.names)

# Identity of an observation: the same number read from the same bytes by the same rule.
# Two vintages of one period (different documents or different bytes) have different ids.
IDENTITY_COLUMNS = (
    "jurisdiction",
    "category",
    "source_label",
    "metric",
    "unit",
    "period_label",
    "source_id",
    "document_url",
    "raw_sha256",
    "quote",
)

ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("source_tier", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("published_at", _TS),
        pa.field("language", pa.string()),
        pa.field("body", pa.string()),
        pa.field("sha256", pa.string(), nullable=False),
        pa.field("relevance", pa.string()),
        pa.field("fetched_at", _TS),
    ]
)
ARTICLE_COLUMNS = tuple(ARTICLE_SCHEMA.names)

ARTICLE_FIGURE_SCHEMA = pa.schema(
    [
        pa.field("figure_id", pa.string(), nullable=False),
        pa.field("article_id", pa.string(), nullable=False),
        *[f for f in OBSERVATION_SCHEMA if f.name != "observation_id"],
        pa.field("kind", pa.string(), nullable=False),
        pa.field("compared_with", pa.string()),
        pa.field("char_start", pa.int32()),
        pa.field("char_end", pa.int32()),
        pa.field("confidence", pa.float64()),  # transform/figures/confidence.py
        pa.field("evidence", pa.string()),  # JSON: the words and rules that decided category, period, place
    ]
)
ARTICLE_FIGURE_COLUMNS = tuple(ARTICLE_FIGURE_SCHEMA.names)
# article figures may lack a period or category: relax those fields
ARTICLE_FIGURE_SCHEMA = pa.schema(
    [
        f.with_nullable(True)
        if f.name in {"period_label", "period_start", "period_end", "period_type"}
        else f
        for f in ARTICLE_FIGURE_SCHEMA
    ]
)


# Every document whose parse was published, rows or not: a later run that finds the same bytes
# (304, or a body already archived) knows from this whether they still need parsing and loading.
DOCUMENT_SCHEMA = pa.schema(
    [
        pa.field("document_id", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),
        pa.field("source_id", pa.string(), nullable=False),
        pa.field("sha256", pa.string(), nullable=False),
        pa.field("fetched_at", _TS),
    ]
)
DOCUMENT_COLUMNS = tuple(DOCUMENT_SCHEMA.names)


ID_SEPARATOR = "\x1f"


def content_id(*parts: object) -> str:
    """A stable id from content, so that re-inserting the same record is a no-op (hash_id).

    Each part is written as `str(part)`, None as nothing, joined by ID_SEPARATOR (`id_of_text`).
    """
    return id_of_text(ID_SEPARATOR.join(["" if p is None else str(p) for p in parts]))


def id_of_text(text: str) -> str:
    """The content id of its parts already written and joined (see content_id)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


# The one recipe for each table's id. Parsers stamp them and validation fills a missing one with
# the same function, so the same row always gets the same id whichever step computed it.


def observation_id(row: dict) -> str:
    """The id of an observation row, from its identity columns."""
    return content_id(*(row.get(c) for c in IDENTITY_COLUMNS))


def article_id(row: dict) -> str:
    """The id of an articles row: the same URL with the same bytes is the same article."""
    return content_id(row.get("url"), row.get("sha256"))


def figure_id(row: dict) -> str:
    """The id of an article_figures row: its article, where it starts, and what it measures when."""
    return content_id(
        row.get("article_id"),
        row.get("char_start"),
        row.get("kind"),
        row.get("metric"),
        row.get("category"),
        row.get("period_label"),
    )


def document_id(row: dict) -> str:
    """The id of a documents row: one URL's one body."""
    return content_id(row.get("url"), row.get("sha256"))
