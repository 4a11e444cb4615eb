"""Figures read from news and press-release text: `extract_figures(text) -> list[Figure]`.

The reader is split by job: numbers.py finds numbers (and numerals.py, one level up, turns numbers
written in words into digits), categories_text.py the words naming a category or metric,
jurisdictions.py places, segment.py sentences and clauses, tables.py flattened tables,
respectively.py lists, qualifiers.py bounds and directions, confidence.py how sure the reader is;
extractor.py attaches each number to its category, metric, period and place.

The names are loaded lazily so that the modules of the package can import one another without
importing extractor.py through this file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from transform.figures.extractor import Figure, extract_figures

__all__ = ["Figure", "extract_figures"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from transform.figures import extractor

        return getattr(extractor, name)
    raise AttributeError(f"module 'transform.figures' has no attribute {name!r}")
