"""Errors raised while turning bytes into rows. One root, context in every message."""

from __future__ import annotations


class TransformError(Exception):
    """Root of every transform failure."""


class LayoutChanged(TransformError):
    """A page or file no longer looks as expected: names the URL, what was expected and what was found."""

    def __init__(self, url: str, expected: str, found: str) -> None:
        self.url, self.expected, self.found = url, expected, found
        super().__init__(f"layout changed at {url}: expected {expected}; found {found}")


class PeriodParseError(TransformError):
    """A period phrase that no rule understands."""


class ValidationFailed(TransformError):
    """A frame of observations broke the contract; lists each broken rule with example rows."""

    problems: dict[str, int]  # rule -> number of rows breaking it, set by transform.validate


class TextTooLong(TransformError):
    """A text over the figure reader's size bound: refused whole, never read in part."""
