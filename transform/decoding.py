"""A document's text for its parser: extract's strict decoder, its failures read as a changed document.

To a parser, bytes that do not decode in the encoding declared or assumed are a document whose
layout changed (`LayoutChanged`, naming the URL and the encoding): refused whole, archived, and
tried again next run.
"""

from __future__ import annotations

from extract.document import Document
from extract.encoding import decode_body
from extract.exceptions import DecodeFailed
from transform.exceptions import LayoutChanged

__all__ = ["decode_document"]


def decode_document(
    doc: Document, *, fallback: str | None = None, sniff: bool = True, transport: bool = True
) -> str:
    """The text of an `extract.document.Document`, by `decode_body` with its URL, headers and source.

    A body that does not decode, or declares conflicting encodings, raises LayoutChanged.

    `transport` False ignores what the server said (for files whose encoding the source fixes,
    like the Big5 HKPF CSV served with a western charset).
    """
    try:
        text, _ = decode_body(
            doc.body,
            url=doc.url,
            content_type=doc.content_type if transport else None,
            declared=doc.encoding if transport else None,
            fallback=fallback,
            source_id=doc.source_id,
            sniff=sniff,
        )
    except DecodeFailed as exc:  # to a parser, bytes that do not decode are a document that changed
        raise LayoutChanged(doc.url, f"text encoded as {exc.encoding}", exc.message) from None
    return text
