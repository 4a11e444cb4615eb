"""Transform errors: what went wrong turning one document's bytes into rows.

They derive from `extract.errors.CyberstatsError`, the one root of the project's errors; the root
and `Failure` are re-exported here for the layers above.
"""

from __future__ import annotations

from extract.errors import STAGES, CyberstatsError, Failure, Stage

__all__ = [
    "STAGES",
    "CyberstatsError",
    "Failure",
    "LayoutChanged",
    "PeriodParseError",
    "Stage",
    "TransformError",
    "ValidationFailed",
]


class TransformError(CyberstatsError):
    """Root of every transform failure."""

    stage = "parse"


class LayoutChanged(TransformError):
    """A page or file no longer looks as expected: names the URL, what was expected and what was found."""

    def __init__(self, url: str, expected: str, found: str) -> None:
        self.url, self.expected, self.found = url, expected, found
        super().__init__(f"layout changed at {url}: expected {expected}; found {found}")

    def __reduce__(self):  # three-argument constructor, picklable (Prefect and Dask ship exceptions)
        return (self.__class__, (self.url, self.expected, self.found), self.__dict__)


class PeriodParseError(TransformError):
    """A period phrase that no rule understands."""


class ValidationFailed(TransformError):
    """A frame of observations broke the contract; lists each broken rule with example rows."""

    problems: dict[str, int]  # rule -> number of rows breaking it, set by transform.validate
    stage = "validate"


class TextTooLong(TransformError):
    """A text over the figure reader's size bound: refused whole, never read in part."""
