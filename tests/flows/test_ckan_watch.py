"""The stats run tells which CKAN resources changed since the previous fetch (issue 3, datagovhk_ckan)."""

from __future__ import annotations

import pytest

from extract.archive import RawArchive
from extract.http import PoliteClient
from flows.ckan_watch import ckan_changes
from flows.stages import collect_source
from tests.flows.helpers import copy_site
from tests.site_server import FixtureSite

pytestmark = pytest.mark.slow  # live runs over the fixture site's HTTP server

PACKAGE = "data.gov.hk/en-data/api/3/action/package_show"


def _fetch_ckan(archive: RawArchive, root) -> list[str]:
    with FixtureSite(root) as site:
        client = PoliteClient(archive, url_map=site.url_map, min_interval=0.0)
        batch = collect_source(client, "datagovhk_ckan")
    return [line for parsed in batch.parsed for line in ckan_changes(archive, parsed.document)]


def test_first_fetch_lists_every_resource_as_new_then_only_what_changed(tmp_path):
    archive = RawArchive(tmp_path / "raw")
    original = copy_site(tmp_path / "a")
    first = _fetch_ckan(archive, original)
    assert any("new resource crime_details.csv" in line for line in first)

    body = (original / PACKAGE).read_text(encoding="utf-8")
    old = next(line for line in body.splitlines() if '"last_modified"' in line)
    new = old.replace(old.split('"')[3], "2026-11-28T09:00:00")
    changed = copy_site(tmp_path / "b", {PACKAGE: body.replace(old, new, 1).encode()})
    second = _fetch_ckan(archive, changed)
    assert len(second) == 1 and "last_modified" in second[0] and "2026-11-28T09:00:00" in second[0]


def test_an_unchanged_package_is_not_parsed_again(tmp_path):
    archive = RawArchive(tmp_path / "raw")
    root = copy_site(tmp_path / "a")
    _fetch_ckan(archive, root)
    assert _fetch_ckan(archive, root) == []
