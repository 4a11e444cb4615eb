"""Parser registry: catalogue entries name a parser; this maps the name to its function.

Each parser is `parse(doc: extract.document.Document) -> transform.document.ParseResult`.
Imports are lazy so that a command touching one source does not import every parser.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from extract.document import Document
from transform.document import ParseResult

PARSERS: dict[str, str] = {
    "ckan_package": "transform.parsers.ckan:parse_package",
    "datagovhk_file_versions": "transform.parsers.datagovhk_history:parse_file_versions",
    "hkpf_overall_monthly_csv": "transform.parsers.hkpf_csv:parse_overall_monthly",
    "hkpf_detail_annual_csv": "transform.parsers.hkpf_csv:parse_detail_annual",
    "hkpf_csc": "transform.parsers.csc:parse_csc",
    "hkcert_monthly_json": "transform.parsers.hkcert:parse_monthly",
    "rss_feed": "transform.parsers.rss:parse_feed",
    "gia_daily_index": "transform.parsers.gia:parse_daily_index",
    "gia_press_release": "transform.parsers.gia:parse_press_release",
    "media_article": "transform.parsers.media:parse_article",
}


def get_parser(name: str) -> Callable[[Document], ParseResult]:
    """The parse function registered under `name`."""
    module_name, _, func = PARSERS[name].partition(":")
    return getattr(import_module(module_name), func)
