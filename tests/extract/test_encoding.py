"""decode_body: evidence order (BOM, declared, header, meta/XML, fallback), Big5-HKSCS, strict failures."""

from __future__ import annotations

import codecs

import pytest

from extract.encoding import decode_body, detect_encoding, normalise_encoding
from extract.exceptions import DecodeFailed, FetchError

URL = "https://www.police.gov.hk/info/doc/crime_details.csv"
HKSCS_TEXT = "嘅 詐騙"  # 嘅 exists only in the Hong Kong supplement, not in plain Big5


def decode(body: bytes, content_type: str | None = None, **kw) -> tuple[str, str]:
    return decode_body(body, url=URL, content_type=content_type, **kw)


def test_bom_wins_over_a_wrong_header():
    assert decode(codecs.BOM_UTF8 + "詐騙".encode(), "text/csv; charset=big5") == ("詐騙", "utf-8")
    assert decode(codecs.BOM_UTF16_LE + "詐騙".encode("utf-16-le")) == ("詐騙", "utf-16")


def test_header_charset_big5_is_read_as_hkscs():
    assert decode(HKSCS_TEXT.encode("big5hkscs"), "text/csv; charset=Big5") == (HKSCS_TEXT, "big5hkscs")


def test_declared_encoding_comes_before_the_header():
    assert (
        decode(HKSCS_TEXT.encode("big5hkscs"), "text/csv; charset=utf-8", declared="big5")[1] == "big5hkscs"
    )


@pytest.mark.parametrize(
    "head",
    [
        b'<html><head><meta charset="big5">',
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5">',
        b'<?xml version="1.0" encoding="big5"?><rss>',
    ],
)
def test_in_document_declarations_are_sniffed(head):
    body = head + HKSCS_TEXT.encode("big5hkscs")
    assert decode(body, "text/html") == (head.decode("ascii") + HKSCS_TEXT, "big5hkscs")


def test_declaration_beyond_the_sniff_window_is_not_used():
    body = b" " * 3000 + b'<meta charset="big5">' + "詐騙".encode()
    assert decode(body, "text/html")[1] == "utf-8"


def test_fallback_then_utf8_default():
    assert decode(HKSCS_TEXT.encode("big5hkscs"), "text/csv", fallback="big5hkscs") == (
        HKSCS_TEXT,
        "big5hkscs",
    )
    assert decode("詐騙".encode(), None) == ("詐騙", "utf-8")


def test_unknown_label_is_skipped_not_trusted():
    assert decode("詐騙".encode(), "text/html; charset=x-no-such-charset") == ("詐騙", "utf-8")
    assert normalise_encoding("x-no-such-charset") is None


def test_gb2312_is_read_as_gb18030():
    assert normalise_encoding("GB2312") == "gb18030"


def test_undecodable_body_fails_naming_url_and_encoding():
    body = "年份".encode("big5")
    with pytest.raises(DecodeFailed) as info:
        decode(body, "text/csv; charset=utf-8", source_id="hkpf_crime_detail_annual")
    exc = info.value
    assert isinstance(exc, FetchError) and exc.encoding == "utf-8" and exc.url == URL
    assert (
        "hkpf_crime_detail_annual" in str(exc)
        and "not valid utf-8" in str(exc)
        and "byte offset 0" in str(exc)
    )


def test_detect_encoding_is_none_when_nothing_is_declared():
    assert detect_encoding(b"Year,Cases\n", content_type="text/csv") is None
    assert detect_encoding(b"Year,Cases\n", content_type="text/csv", fallback="big5") == "big5hkscs"
