"""The bench's local site of N documents (tests/bench/site.py): real-figure fixture releases, N of
them in the GIS feed, each byte for byte a fixture page, and a README saying it is sample data."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from extract.catalogue import get_source
from extract.document import Document
from tests.bench.core import SITE
from tests.bench.site import FEED, SPACING, build_site, release_pages
from transform.discovery import select_items
from transform.parsers import get_parser
from transform.parsers.rss import feed_items


def _feed_items(root):
    body = (root / FEED).read_bytes()
    url = get_source("gia_rss_en").urls[0]
    doc = Document("gia_rss_en", url, body, hashlib.sha256(body).hexdigest(), None)  # type: ignore[arg-type]
    return get_parser("rss_feed")(doc)


def test_the_feed_lists_n_copies_of_fixture_releases(tmp_path):
    urls = build_site(tmp_path / "site", 15)
    assert len(urls) == len(set(urls)) == 15
    originals = {p.read_bytes() for p in release_pages()}
    assert len(originals) >= 8  # every GIS release of the fixture site with published figures
    for url in urls:
        assert (tmp_path / "site" / url.removeprefix("https://")).read_bytes() in originals
    result = _feed_items(tmp_path / "site")
    assert [link for link, _ in result.links] == urls  # every copy is a relevant item
    assert {target for _, target in result.links} == {"gia_press_release"}
    assert "sample" in (tmp_path / "site" / "README.md").read_text(encoding="utf-8").lower()
    assert (tmp_path / "site" / "www.police.gov.hk").is_dir()  # the rest of the fixture site is there


def test_releases_are_spaced_so_a_rerun_rechecks_only_the_look_back_window(tmp_path):
    urls = build_site(tmp_path / "site", 5)
    body = (tmp_path / "site" / FEED).read_bytes()
    doc = Document("gia_rss_en", get_source("gia_rss_en").urls[0], body, "0" * 64, None)  # type: ignore[arg-type]
    items = feed_items(doc)
    times = [i.published_at for i in items]
    assert [a - b for a, b in zip(times, times[1:], strict=False)] == [SPACING] * 4
    rechecked = select_items(items, max(times), timedelta(hours=48), set(urls))  # the news flow's re-run
    assert [i.url for i in rechecked] == urls[:1]


def test_a_site_needs_a_document(tmp_path):
    with pytest.raises(ValueError, match="at least one document"):
        build_site(tmp_path / "site", 0)
    assert SITE.is_dir()
