"""data.gov.hk CKAN `package_show` of `hk-hkpf-stat-crm-stat-detail`: which files to fetch, did they change.

A discovery document (SOURCES.md 1.4): it carries no statistics, only the resources of the dataset.
`parse_package` turns them into links for the sources that read them; resources no parser knows
(e.g. the data dictionary PDF) are listed in the notes, not followed. `resources_changed` compares
two responses so that the flow can skip re-parsing when nothing moved (it keeps the previous
response in its state file; this module never reads files or settings).
"""

from __future__ import annotations

from posixpath import basename
from urllib.parse import urlsplit

from extract.document import Document
from transform.document import ParseResult
from transform.exceptions import LayoutChanged
from transform.jsontext import load_json

__all__ = ["RESOURCE_SOURCES", "package_resources", "parse_package", "resources_changed"]

PARSER_VERSION = "ckan/1"

# file name of a resource URL -> catalogue source id that fetches and parses it
RESOURCE_SOURCES: dict[str, str] = {
    "crime_details.csv": "hkpf_crime_detail_annual",
    "crime_details_overall.csv": "hkpf_crime_overall_monthly",
}


def _file_name(url: str) -> str:
    return basename(urlsplit(url).path).lower()


def _modified(resource: dict) -> str | None:
    return resource.get("last_modified") or resource.get("dateModified")


def package_resources(package: dict, url: str = "<package_show>") -> list[dict]:
    """The `result.resources` list of a package_show response; LayoutChanged when it is not there.

    Accepts the whole response (`{"success": true, "result": {...}}`) or its `result` alone.
    """
    if "success" in package and package["success"] is not True:
        error = package.get("error") or {}
        raise LayoutChanged(
            url,
            "a package_show response with success true",
            f"success {package['success']!r}, error {error.get('message', error)!r}",
        )
    result = package.get("result", package) if "success" in package else package
    if result is None:
        raise LayoutChanged(url, "a package_show response with a result object", "result null")
    resources = result.get("resources") if isinstance(result, dict) else None
    if not isinstance(resources, list) or not resources:
        found = sorted(result) if isinstance(result, dict) else type(result).__name__
        raise LayoutChanged(url, "result.resources: a non-empty list", f"result keys {found!r}")
    bad = [r for r in resources if not isinstance(r, dict) or not r.get("url")]
    if bad:
        raise LayoutChanged(url, "every resource to have a url", f"{bad[:2]!r}")
    return resources


def parse_package(doc: Document) -> ParseResult:
    """Links to the crime CSV files named by the package, with their last_modified in the notes."""
    package = load_json(doc, "a JSON package_show response")
    if not isinstance(package, dict):
        raise LayoutChanged(doc.url, "a JSON object", type(package).__name__)
    resources = package_resources(package, doc.url)
    result = ParseResult()
    inner = package.get("result")
    meta = inner if isinstance(inner, dict) else package
    result.notes.append(f"package {meta.get('name')!r} metadata_modified {meta.get('metadata_modified')!r}")
    for resource in resources:
        source_id = RESOURCE_SOURCES.get(_file_name(resource["url"]))
        modified = _modified(resource)
        if source_id is None:
            result.notes.append(f"resource ignored (no parser): {resource['url']} ({resource.get('format')})")
            continue
        result.links.append((resource["url"], source_id))
        result.notes.append(f"resource {resource['url']} -> {source_id}; last_modified {modified!r}")
    return result


def _state(package: dict | None) -> dict[str, dict]:
    """Resource file name -> {url, last_modified} for the resources of a response."""
    if package is None:
        return {}
    resources = package_resources(package)
    return {_file_name(r["url"]): {"url": r["url"], "last_modified": _modified(r)} for r in resources}


def resources_changed(previous: dict | None, current: dict) -> list[str]:
    """What changed between two package_show responses (or their `result` objects), one line per change.

    A resource is identified by its file name, so a move to another host or scheme reads as a URL
    change rather than a new file. `previous` None (first run) reports every resource as new.
    An empty list means nothing to refetch.
    """
    before, after = _state(previous), _state(current)
    changes = [f"new resource {name}: {after[name]['url']}" for name in sorted(after.keys() - before.keys())]
    changes += [
        f"resource removed {name}: {before[name]['url']}" for name in sorted(before.keys() - after.keys())
    ]
    for name in sorted(before.keys() & after.keys()):
        for field in ("url", "last_modified"):
            if before[name][field] != after[name][field]:
                changes.append(f"{name}: {field} {before[name][field]!r} -> {after[name][field]!r}")
    return changes
