"""JSON documents read safely: whatever the bytes, the answer is a value or a LayoutChanged naming the URL.

`json.loads` raises more than `JSONDecodeError` on hostile input: `RecursionError` for deeply
nested arrays, `ValueError` for an integer of more than 4 300 digits. Every JSON parser reads its
document through `load_json`, so those become the project's own error for that one document.
"""

from __future__ import annotations

import json

from extract.document import Document
from transform.decoding import decode_document
from transform.exceptions import LayoutChanged

__all__ = ["MAX_JSON_DEPTH", "load_json"]

MAX_JSON_DEPTH = 64  # the sources nest 3 or 4 levels; anything far deeper is not their layout


def _depth(text: str) -> int:
    """Deepest bracket nesting outside strings, found in one linear pass (json.loads recurses)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def load_json(doc: Document, expected: str) -> object:
    """The decoded JSON value of `doc`; LayoutChanged (saying `expected`) for anything that is not JSON."""
    text = decode_document(doc, sniff=False)
    depth = _depth(text)
    if depth > MAX_JSON_DEPTH:
        raise LayoutChanged(doc.url, f"{expected} nested at most {MAX_JSON_DEPTH} deep", f"depth {depth}")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as err:  # JSONDecodeError is a ValueError, so is a 5 000-digit int
        raise LayoutChanged(doc.url, expected, f"invalid JSON: {str(err)[:200]}") from None
