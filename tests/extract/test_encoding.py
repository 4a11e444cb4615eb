"""decode_body, the one decoder: evidence (BOM, transport, meta/XML, fallback), conflicts, strict failures."""

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


# ---- merged from transform.tablecells.decode_text (one decoder for the project, issue 12) --------
def test_meta_charset_is_honoured_when_the_header_names_none():
    body = '<meta http-equiv="Content-Type" content="text/html; charset=big5">罪案'.encode("big5hkscs")
    assert decode(body, "text/html")[0].endswith("罪案")


def test_latin1_labels_are_read_as_windows_1252():
    assert decode(b"\x93quoted\x94", declared="iso-8859-1") == ("\u201cquoted\u201d", "cp1252")


def test_bad_bytes_name_url_encoding_and_offset():
    expected = r"not valid utf-8 as declared by the default for this source \(byte offset 3"
    with pytest.raises(DecodeFailed, match=expected) as err:
        decode(b"ok \xff\xfe", None)
    assert err.value.url == URL


def test_an_unknown_label_is_not_trusted_and_bad_bytes_still_fail():
    with pytest.raises(DecodeFailed, match="not valid utf-8"):
        decode("年份".encode("big5hkscs"), "text/html; charset=no-such-charset")


# ---- conflicting declarations (issue 12) -------------------------------------------------------
CHINESE_PAGE = '<html><head><meta charset="utf-8"></head><body>科技罪案 15 637 宗</body></html>'.encode()


def test_a_western_header_on_utf8_chinese_with_meta_utf8_is_an_error_naming_both():
    with pytest.raises(DecodeFailed) as err:
        decode(CHINESE_PAGE, "text/html; charset=iso-8859-1")
    message = str(err.value)
    assert "conflicting declarations" in message
    assert "charset=iso-8859-1" in message and "<meta charset> 'utf-8'" in message


def test_declarations_that_differ_in_name_only_are_no_conflict():
    ascii_page = b'<html><head><meta charset="us-ascii"></head><body>15 637 cases</body></html>'
    assert decode(ascii_page, "text/html; charset=utf-8")[0].endswith("15 637 cases</body></html>")
    big5 = '<meta charset="big5-hkscs">罪案'.encode("big5hkscs")
    assert decode(big5, "text/html; charset=big5")[1] == "big5hkscs"


def test_sniff_off_ignores_in_document_declarations():
    body = b'{"note": "<meta charset=big5>"}'
    assert decode(body, "application/json; charset=utf-8", sniff=False)[1] == "utf-8"
