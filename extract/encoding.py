"""Decide the text encoding of a body and decode it strictly: the project's one decoder.

Evidence: a byte-order mark wins outright. Otherwise the transport's word (`declared`, the
encoding the fetch layer decided, e.g. `Document.encoding`, else the Content-Type charset) and the
document's own (a ``<meta charset>`` / ``http-equiv`` or XML declaration in the first 2 KB, when
`sniff` is on) are both read; when they name different encodings and the two readings of the
body differ, that is an error naming both declarations (a ``charset=iso-8859-1`` header on UTF-8
Chinese must not be stored as mojibake, and a guess would be a guess). With only one of them,
it is used; with neither, the caller's `fallback` (e.g. ``big5hkscs`` for the HKPF CSV), then
UTF-8. Labels Python does not know are skipped as if absent. Big5 is read as Big5-HKSCS (its Hong
Kong superset), GB2312/GBK as GB18030, and ISO-8859-1/ASCII labels as Windows-1252 (what servers
sending them really mean). Decoding is strict: bytes that are not valid raise `DecodeFailed`;
text is never patched with replacement characters.
"""

from __future__ import annotations

import codecs
import re

from extract.exceptions import DecodeFailed

__all__ = [
    "SNIFF_BYTES",
    "charset_from_content_type",
    "decode_body",
    "detect_encoding",
    "normalise_encoding",
]

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
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin_1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
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


def _declarations(
    body: bytes, content_type: str | None, declared: str | None, sniff: bool
) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """((transport encoding, what said it), (in-document encoding, what said it)); None when silent."""
    transport = None
    if name := normalise_encoding(declared):
        transport = (name, f"the fetch layer's encoding {declared!r} (Content-Type {content_type!r})")
    elif name := charset_from_content_type(content_type):
        transport = (name, f"the Content-Type header {content_type!r}")
    in_document = None
    head = body[:SNIFF_BYTES] if sniff else b""
    for pattern, what in ((_XML_RE, "the XML declaration"), (_META_RE, "the page's <meta charset>")):
        match = pattern.search(head)
        if match and (name := normalise_encoding(match.group(1).decode("ascii"))):
            in_document = (name, f"{what} {match.group(1).decode('ascii')!r}")
            break
    return transport, in_document


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec, errors="strict")
    except UnicodeDecodeError:
        return None


def decode_body(
    body: bytes,
    *,
    url: str,
    content_type: str | None = None,
    declared: str | None = None,
    fallback: str | None = None,
    source_id: str | None = None,
    sniff: bool = True,
) -> tuple[str, str]:
    """Decode `body` strictly; return (text, encoding used). Raise `DecodeFailed` naming URL and encoding.

    `sniff` False ignores in-document declarations (JSON and CSV have none to trust).
    """
    bom = _bom(body)
    if bom:
        encoding, codec, skip = bom
        return _decode(
            body[skip:], codec, (encoding, "the byte-order mark"), url, content_type, source_id, skip
        )
    transport, in_document = _declarations(body, content_type, declared, sniff)
    if transport and in_document and transport[0] != in_document[0]:
        first, second = _strict(body, transport[0]), _strict(body, in_document[0])
        if first is None or first != second:
            raise DecodeFailed(
                source_id,
                url,
                f"conflicting declarations: {transport[1]} says {transport[0]}, {in_document[1]} says "
                f"{in_document[0]}, and the body reads differently in the two; refusing to guess",
                encoding=f"{transport[0]}|{in_document[0]}",
            )
    chosen = transport or in_document
    if chosen is None:
        chosen = (normalise_encoding(fallback) or "utf-8", "the default for this source")
    return _decode(body, chosen[0], chosen, url, content_type, source_id, 0)


def _decode(
    body: bytes,
    codec: str,
    chosen: tuple[str, str],
    url: str,
    content_type: str | None,
    source_id: str | None,
    skip: int,
) -> tuple[str, str]:
    encoding, origin = chosen
    try:
        return body.decode(codec, errors="strict"), encoding
    except UnicodeDecodeError as exc:
        snippet = exc.object[exc.start : exc.start + 8].hex(" ")
        raise DecodeFailed(
            source_id,
            url,
            f"body is not valid {encoding} as declared by {origin} (byte offset {exc.start + skip}: "
            f"{snippet}; content-type {content_type!r}); refusing to guess",
            encoding=encoding,
        ) from exc
