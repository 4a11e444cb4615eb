"""Decide the text encoding of a body and decode it strictly.

Order of evidence (first one found wins, later ones are not consulted): byte-order mark; the
encoding already decided for the document (`declared`, e.g. `Document.encoding`); the charset of
the Content-Type header; a ``<meta charset>`` / ``http-equiv`` or XML declaration in the first
2 KB; the caller's `fallback` (e.g. ``big5hkscs`` for the HKPF CSV); UTF-8. Labels Python does
not know are skipped as if absent. Big5 is read as Big5-HKSCS (its Hong Kong superset) and
GB2312/GBK as GB18030. Decoding is strict: bytes that are not valid raise `DecodeFailed`; text is
never patched with replacement characters.
"""

from __future__ import annotations

import codecs
import re

from extract.exceptions import DecodeFailed

__all__ = ["SNIFF_BYTES", "charset_from_content_type", "decode_body", "detect_encoding", "normalise_encoding"]

SNIFF_BYTES = 2048

# (mark, encoding reported, codec for the bytes after the mark)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
# Labels seen on the web that Python lacks, and declared encodings read with their supersets.
_SUPERSETS = {
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
}
_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_META_RE = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""", re.IGNORECASE)


def normalise_encoding(label: str | None) -> str | None:
    """Python codec name for a charset label (supersets applied), or None when the label is unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _SUPERSETS.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _bom(body: bytes) -> tuple[str, str, int] | None:
    """(encoding, codec, length of the mark) when the body starts with a byte-order mark."""
    for mark, name, codec in _BOMS:
        if body.startswith(mark):
            return name, codec, len(mark)
    return None


def _sniffed(body: bytes) -> str | None:
    head = body[:SNIFF_BYTES]
    for pattern in (_XML_RE, _META_RE):
        match = pattern.search(head)
        if match and (name := normalise_encoding(match.group(1).decode("ascii"))):
            return name
    return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The known charset named by a Content-Type header value, or None."""
    match = _CHARSET_RE.search(content_type or "")
    return normalise_encoding(match.group(1)) if match else None


def detect_encoding(
    body: bytes, *, content_type: str | None = None, declared: str | None = None, fallback: str | None = None
) -> str | None:
    """The encoding the evidence points to (see module docstring), or None if nothing says and no fallback."""
    bom = _bom(body)
    if bom:
        return bom[0]
    return (
        normalise_encoding(declared)
        or charset_from_content_type(content_type)
        or _sniffed(body)
        or normalise_encoding(fallback)
    )


def decode_body(
    body: bytes,
    *,
    url: str,
    content_type: str | None,
    declared: str | None = None,
    fallback: str | None = None,
    source_id: str | None = None,
) -> tuple[str, str]:
    """Decode `body` strictly; return (text, encoding used). Raise `DecodeFailed` naming URL and encoding."""
    bom = _bom(body)
    if bom:
        encoding, codec, skip = bom
    else:
        detected = detect_encoding(body, content_type=content_type, declared=declared, fallback=fallback)
        encoding = codec = detected or "utf-8"
        skip = 0
    try:
        return body[skip:].decode(codec, errors="strict"), encoding
    except UnicodeDecodeError as exc:
        snippet = exc.object[exc.start : exc.start + 8].hex(" ")
        raise DecodeFailed(
            source_id,
            url,
            f"body is not valid {encoding} (byte offset {exc.start + skip}: {snippet}; "
            f"content-type {content_type!r}); refusing to guess",
            encoding=encoding,
        ) from exc
