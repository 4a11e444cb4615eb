"""Headless Chromium for report tests: found, or installed with apt-get, or the test is skipped.

Debian's `chromium` package. Flags keep it offline and quiet: no sandbox (tests run as root), no
GPU, no QUIC, no first-run, background networking, component updates or sync, and a new empty
profile each time (with an existing or default profile it tries to reach Google's servers).
"""

from __future__ import annotations

import html as html_module
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
NAMES = ("chromium", "chromium-browser")
INSTALL_TIMEOUT = 900

# Injected into a copy of the page: measures what the browser laid out and drew, and writes it into
# the DOM, which --dump-dom then prints. Marks are the SVG groups charts.MARK_ID names; one counts as
# drawn when the browser gives it a non-empty bounding box.
PROBE = """<script>
window.addEventListener('load', () => {
  const charts = [...document.querySelectorAll('figure.chart')].map(f => {
    const marks = [...f.querySelectorAll('svg [id*="-marks-"]')];
    const drawn = marks.filter(m => { const b = m.getBBox(); return b.width > 0 || b.height > 0; });
    const box = f.getBoundingClientRect();
    return {id: f.id, marks: marks.length, drawn: drawn.length, width: box.width, height: box.height};
  });
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 5).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 60));
  const probe = document.createElement('pre');
  probe.id = 'probe';
  probe.textContent = JSON.stringify({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    charts, wide});
  document.body.appendChild(probe);
});
</script>"""


def chromium() -> str:
    """The chromium executable; installed with apt-get when missing, else the test is skipped."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    if not shutil.which("apt-get") or os.geteuid() != 0:
        pytest.skip("chromium is not installed and cannot be installed here (needs root and apt-get)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=INSTALL_TIMEOUT, env=env)
        except subprocess.TimeoutExpired:
            pytest.skip(f"installing chromium timed out: {' '.join(cmd)}")
        if done.returncode != 0:
            pytest.skip(f"cannot install chromium ({' '.join(cmd)}): {done.stderr.strip()[-300:]}")
    found = shutil.which("chromium")
    if not found:
        pytest.skip("apt-get installed chromium but no chromium executable is on PATH")
    return found


def _run(browser: str, profile: Path, width: int, height: int, *args: str) -> subprocess.CompletedProcess:
    cmd = [browser, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise AssertionError(f"chromium failed ({done.returncode}): {done.stderr[-800:]}")
    return done


def screenshot(browser: str, page: Path, out: Path, tmp: Path, width: int, height: int) -> Path:
    """A PNG of the top of the page at width x height CSS pixels."""
    _run(browser, tmp / "profile-shot", width, height, f"--screenshot={out}", page.as_uri())
    return out


def probe(browser: str, page: Path, tmp: Path, width: int, height: int) -> dict:
    """Layout and drawing facts of the page as Chromium renders it at that window size."""
    html = page.read_text(encoding="utf-8")
    probed = tmp / "probed.html"
    probed.write_text(html.replace("</body>", PROBE + "</body>", 1), encoding="utf-8")
    dom = _run(browser, tmp / "profile-probe", width, height, "--dump-dom", probed.as_uri()).stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, flags=re.S)
    assert found, f"the probe did not run; dump ends: {dom[-300:]}"
    return json.loads(html_module.unescape(found.group(1)))
