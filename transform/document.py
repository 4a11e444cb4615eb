"""What a parser gives back (rows and findings) for the `extract.document.Document` it was handed."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ParseResult:
    """Rows a parser found in one document, plus what it could not place.

    `observations` are dicts with the columns of `transform.schema.OBSERVATION_SCHEMA`
    (`observation_id` may be left out: it is derived from content).
    `unknown_labels` are raw labels that mapped to no category: kept and reported, never dropped.
    `links` are further URLs a discovery document (feed, index page, CKAN) points to, with the
    catalogue source id that should fetch and parse them.
    """

    observations: list[dict] = field(default_factory=list)
    unknown_labels: list[str] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)
    article_figures: list[dict] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
