"""data.gov.hk historical archive: past versions of the two HKPF crime CSV files (SOURCES.md 1.4).

The CSV files at www.police.gov.hk are replaced in place, so a plain fetch only ever sees the
current version. The data.gov.hk historical archive keeps earlier versions; fetching each one as
its own document makes every version a vintage in the warehouse (the `restatements` view then
shows what a later version changed).

What is inferred, not seen (SOURCES.md 1.4 only names the API and its host):

* the endpoints, from the public data.gov.hk developer documentation as the team remembers it:
  ``list-file-versions?url=<resource>&start=YYYYMMDD&end=YYYYMMDD`` lists the versions of one
  resource, and ``get-file?url=<resource>&time=<timestamp>`` returns the bytes of one version;
* the list's shape, remembered as ``{"url", "version-count", "timestamps": ["20230101-0912", ...]}``.
  Because that is not confirmed, the list is found by meaning: a list under a key such as
  `timestamps`, `versions` or `files` (at the top or inside a `result`/`data` object, or the
  document being the list itself), each item a timestamp string or an object with a
  `timestamp`/`time`/`version` field. Anything else fails with LayoutChanged naming the keys seen;
* the timestamp format ``YYYYMMDD-HHMM`` (seconds accepted) in Hong Kong time. A timestamp is
  passed back to get-file exactly as listed, so an unknown format fails rather than being guessed.

The list document carries no statistics: `parse_file_versions` returns one link per version,
fetched under the CSV's own source id so that the existing CSV parsers read it unchanged;
`version_timestamp` gives those parsers the version's publication time.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from posixpath import basename
from urllib.parse import parse_qs, urlencode, urlsplit

from extract.document import Document
from transform.document import ParseResult
from transform.exceptions import LayoutChanged
from transform.jsontext import load_json
from transform.parsers.ckan import RESOURCE_SOURCES
from transform.tablecells import HK_TZ

__all__ = [
    "API_HOST",
    "file_versions_url",
    "get_file_url",
    "listed_timestamps",
    "parse_file_versions",
    "version_timestamp",
]

PARSER_VERSION = "datagovhk_history/1"
API_HOST = "api.data.gov.hk"
_API = f"https://{API_HOST}/v1/historical-archive"
LIST_FILE_VERSIONS = f"{_API}/list-file-versions"
GET_FILE = f"{_API}/get-file"

_TIMESTAMP = re.compile(r"(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})?")
_LIST_KEYS = ("timestamps", "versions", "files", "items", "data", "result", "results")
_WRAPPER_KEYS = ("result", "data")
_ITEM_KEYS = ("timestamp", "time", "version", "version_timestamp")
_COUNT_KEYS = ("version_count", "count")  # after _norm: "version-count" is "version_count"
_EXPECTED_LIST = (
    "a list of version timestamps under timestamps/versions/files "
    "(at the top or inside result/data), or the document being that list"
)


def file_versions_url(resource_url: str, start: date, end: date) -> str:
    """The list-file-versions URL for `resource_url` over `start`..`end` (query URL-encoded)."""
    query = urlencode({"url": resource_url, "start": f"{start:%Y%m%d}", "end": f"{end:%Y%m%d}"})
    return f"{LIST_FILE_VERSIONS}?{query}"


def get_file_url(resource_url: str, timestamp: str) -> str:
    """The get-file URL of one listed version (the timestamp exactly as the list gave it)."""
    return f"{GET_FILE}?{urlencode({'url': resource_url, 'time': timestamp})}"


def version_timestamp(get_file: str) -> datetime | None:
    """When the version behind a get-file URL was archived (aware, Hong Kong time).

    None for any other URL (the live CSV files) or a `time` that is not ``YYYYMMDD-HHMM[SS]``,
    so a CSV parser can call it on every document URL.
    """
    parts = urlsplit(get_file)
    if (parts.hostname or "").lower() != API_HOST or not parts.path.endswith("/historical-archive/get-file"):
        return None
    times = parse_qs(parts.query).get("time", [])
    match = _TIMESTAMP.fullmatch(times[0].strip()) if len(times) == 1 else None
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(g or 0) for g in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=HK_TZ)
    except ValueError:
        return None


def _norm(key: object) -> str:
    return str(key).strip().lower().replace("-", "_")


def _find_list(payload: object, url: str, where: str = "") -> list:
    """The list of versions inside `payload`, found by key meaning; LayoutChanged naming the keys seen."""
    if isinstance(payload, list):
        return payload
    if not isinstance(payload, dict):
        raise LayoutChanged(url, _EXPECTED_LIST, f"a JSON {type(payload).__name__}{where}")
    by_key = {_norm(k): v for k, v in payload.items()}
    for key in _LIST_KEYS:
        if isinstance(by_key.get(key), list):
            return by_key[key]
    for key in _WRAPPER_KEYS:
        if not where and isinstance(by_key.get(key), dict):
            return _find_list(by_key[key], url, f" inside {key!r} (top-level keys {sorted(payload)!r})")
    raise LayoutChanged(url, _EXPECTED_LIST, f"keys {sorted(payload)!r}{where}")


def _item_timestamp(item: object, url: str) -> str:
    """The timestamp of one listed version: a string, or an object's timestamp/time/version field."""
    value = item
    if isinstance(item, dict):
        by_key = {_norm(k): v for k, v in item.items()}
        value = next((by_key[k] for k in _ITEM_KEYS if k in by_key), None)
        if value is None:
            raise LayoutChanged(
                url, "each version object to have a timestamp/time/version field", f"keys {sorted(item)!r}"
            )
    if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value.strip()):
        raise LayoutChanged(url, "version timestamps written YYYYMMDD-HHMM", f"item {item!r:.120}")
    return value.strip()


def listed_timestamps(payload: object, url: str) -> list[str]:
    """The distinct version timestamps of a list-file-versions response, oldest first."""
    return sorted({_item_timestamp(item, url) for item in _find_list(payload, url)})


def _listed_resource(url: str) -> tuple[str, str]:
    """(resource URL, CSV source id) from the `url=` query of a list-file-versions URL."""
    values = parse_qs(urlsplit(url).query).get("url", [])
    resource = values[0] if len(values) == 1 else ""
    source_id = RESOURCE_SOURCES.get(basename(urlsplit(resource).path).lower())
    if source_id is None:
        raise LayoutChanged(url, f"a url= query naming one of {sorted(RESOURCE_SOURCES)}", f"url= {values!r}")
    return resource, source_id


def _count_note(payload: object, listed: int) -> str | None:
    """A warning when the response's own version count disagrees with the versions it lists."""
    if not isinstance(payload, dict):
        return None
    by_key = {_norm(k): v for k, v in payload.items()}
    count = next((by_key[k] for k in _COUNT_KEYS if k in by_key), None)
    if isinstance(count, int) and not isinstance(count, bool) and count != listed:
        return f"the response says {count} versions but lists {listed}: some versions may be missing"
    return None


def _check_same_resource(payload: object, resource: str, url: str) -> None:
    """The response must be about the file that was asked for (its own `url` field, when it has one)."""
    said = payload.get("url") if isinstance(payload, dict) else None
    if isinstance(said, str) and said.split("://")[-1] != resource.split("://")[-1]:
        raise LayoutChanged(url, f"versions of {resource}", f"versions of {said}")


def parse_file_versions(doc: Document) -> ParseResult:
    """Links to every listed version of the CSV named in the list URL, under that CSV's source id."""
    resource, source_id = _listed_resource(doc.url)
    payload = load_json(doc, "a JSON list-file-versions response")
    _check_same_resource(payload, resource, doc.url)
    timestamps = listed_timestamps(payload, doc.url)
    result = ParseResult(links=[(get_file_url(resource, ts), source_id) for ts in timestamps])
    span = f" ({timestamps[0]} .. {timestamps[-1]})" if timestamps else ""
    result.notes.append(f"{len(timestamps)} versions of {resource} -> {source_id}{span}")
    if note := _count_note(payload, len(timestamps)):
        result.notes.append(note)
    return result
