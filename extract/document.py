"""What the fetch layer hands on: one archived HTTP body with its provenance.

It lives in extract because extract builds it (`PoliteClient.fetch`, `RawArchive`); transform's
parsers receive it and give back a `transform.document.ParseResult`. Layers only import downward
(extract <- transform <- warehouse <- flows), so the type the bottom layer returns sits at the bottom.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Document:
    """One archived HTTP body with its provenance; parsers see nothing else of the outside world."""

    source_id: str
    url: str
    body: bytes
    sha256: str
    fetched_at: datetime
    content_type: str | None = None
    encoding: str | None = None  # the charset the fetch layer decided on, if any
