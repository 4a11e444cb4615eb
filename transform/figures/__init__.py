"""Figures read from news and press-release text (issue 4): `extract_figures(text) -> list[Figure]`."""

from transform.figures.extractor import Figure, extract_figures

__all__ = ["Figure", "extract_figures"]
