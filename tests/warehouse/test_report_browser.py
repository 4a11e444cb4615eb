"""The HTML report as a reader's browser shows it: headless Chromium at a 1280 px laptop width.

The page must not be blank, must not scroll sideways (long cells and URLs wrap), and every chart
must have drawn marks. Chromium is Debian's package; tests/warehouse/browser.py installs it with
apt-get when missing and skips with the reason where it cannot.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.warehouse.browser import chromium, probe, screenshot
from tests.warehouse.test_report import built  # noqa: F401  (the module's warehouse and page)

WIDTH = 1280
OFFICIAL_BLUE = (0x1F, 0x4E, 0x99)  # warehouse.charts.OFFICIAL: the filled markers of official values


@pytest.fixture(scope="module")
def browser() -> str:
    return chromium()


@pytest.fixture(scope="module")
def page_file(built, tmp_path_factory) -> Path:  # noqa: F811
    path = tmp_path_factory.mktemp("browser") / "report.html"
    path.write_text(built[1], encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def measured(browser, page_file, tmp_path_factory) -> dict:
    return probe(browser, page_file, tmp_path_factory.mktemp("probe"), WIDTH, 900)


def test_screenshot_at_1280_is_not_blank_and_shows_the_charts(browser, page_file, tmp_path):
    shot = screenshot(browser, page_file, tmp_path / "report.png", tmp_path, WIDTH, 1600)
    image = Image.open(shot).convert("RGB")
    assert image.size == (WIDTH, 1600)
    raw = image.tobytes()
    pixels = list(zip(raw[0::3], raw[1::3], raw[2::3], strict=True))
    inked = sum(1 for r, g, b in pixels if min(r, g, b) < 200)
    assert inked / len(pixels) > 0.01, "the page looks blank"
    assert len(set(pixels)) > 50, "the page has almost no distinct colours"
    blue = sum(1 for p in pixels if all(abs(c - t) <= 12 for c, t in zip(p, OFFICIAL_BLUE, strict=True)))
    assert blue > 100, "no official-value markers are visible at the top of the page"


def test_no_horizontal_scroll_at_1280(measured):
    assert measured["clientWidth"] == WIDTH
    assert measured["scrollWidth"] <= WIDTH, f"page is {measured['scrollWidth']} px wide: {measured['wide']}"
    assert measured["wide"] == []


def test_every_chart_has_drawn_marks(measured):
    charts = measured["charts"]
    assert [c["id"] for c in charts[:2]] == ["chart-technology-crime-cases", "chart-technology-crime-loss"]
    assert len(charts) >= 4
    for chart in charts:
        assert chart["marks"] > 0 and chart["drawn"] == chart["marks"], chart
        assert chart["width"] <= WIDTH and chart["height"] > 100, chart


def test_the_probe_sees_a_page_that_scrolls_sideways(browser, tmp_path):
    wide = tmp_path / "wide.html"
    wide.write_text(
        '<!DOCTYPE html><html><body><table style="width:2000px"><tr><td>x</td></tr></table></body></html>',
        encoding="utf-8",
    )
    measured = probe(browser, wide, tmp_path, WIDTH, 900)
    assert measured["scrollWidth"] > WIDTH and measured["wide"]
