"""Issue 12 end to end: faults on a real local server, through the real client, then a clean re-run.

Each case is a row of `make faults` (tests/faults.py): the run with the fault must fail exactly
the expected sources with the expected kind of typed failure, within bounded time, with nothing
reaching the attacker host; after the site is fixed, a clean re-run must leave the warehouse
holding every row of a clean run, none twice.
"""

from __future__ import annotations

import pytest

from tests import faults
from tests.fault_site import Fault, FaultSite
from tests.site_server import FIXTURE_SITE_ROOT

ROWS = [
    "backslash URL in a feed item",
    "backslash URL in CKAN",
    "backslash URL in a redirect",
    "userinfo URL in CKAN",
    "slow drip 4 B/s",
    "429 + Retry-After 3600",
    "wrong charset (same ETag)",
    "wrong charset (new ETag, same bytes)",
    "CKAN result: null",
    "CSV with a 200 KB field",
    "hostile feed links",
    "feed item 503, then the feed answers 304",
    "offline (no name resolves)",
]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    return faults.build_baseline(tmp_path_factory.mktemp("baseline"))


@pytest.mark.parametrize("name", ROWS)
def test_fault_row(name, baseline, tmp_path):
    scenario = next(s for s in faults.SCENARIOS if s.name == name)
    row = faults.run_scenario(scenario, tmp_path, baseline)
    assert row.verdict == "ok", faults.format_table([row], markdown=False)
    assert (row.lost, row.duplicated, row.off_catalogue) == (0, 0, 0)


def _copy(tmp_path):
    import shutil

    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE_ROOT, root)
    return root


def test_a_conflicting_charset_names_both_declarations_and_the_url(tmp_path):
    header = {"Content-Type": "text/html; charset=iso-8859-1"}
    with FaultSite(_copy(tmp_path), {faults.CSC_TC: Fault("headers", headers=header)}) as site:
        report = faults.run_once(tmp_path / "home", site.url_map)
    [failure] = report.sources["hkpf_csc_tc"].failures
    assert (failure.stage, failure.kind) == ("parse", "LayoutChanged")
    assert failure.url == "https://www.police.gov.hk/ppp_tc/09_statistics/csc.html"
    assert "charset=iso-8859-1" in failure.message and "<meta charset> 'utf-8'" in failure.message


def test_an_unexpected_error_in_one_document_fails_that_document_only(tmp_path, monkeypatch):
    """A parser bug (not one of our errors) fails its document by name; the next run parses it again."""
    import transform.parsers.hkcert as hkcert

    real = hkcert.parse_monthly

    def broken(doc):
        raise ZeroDivisionError("a parser bug")

    monkeypatch.setattr(hkcert, "parse_monthly", broken)
    home = tmp_path / "home"
    with FaultSite(FIXTURE_SITE_ROOT) as site:
        first = faults.run_once(home, site.url_map)
        assert first.failed_sources == ["hkcert_incidents_monthly"]
        [failure] = first.sources["hkcert_incidents_monthly"].failures
        assert (failure.stage, failure.kind, failure.transient) == ("parse", "ZeroDivisionError", False)
        assert failure.url == "http://www.hkcert.org/datagovhk/monthly_incident_report_en.json"
        assert "unexpected error" in failure.message and "a parser bug" in failure.message
        assert first.inserted.get("observations", 0) > 0  # every other source loaded
        monkeypatch.setattr(hkcert, "parse_monthly", real)
        second = faults.run_once(home, site.url_map)
    rep = second.sources["hkcert_incidents_monthly"]
    assert second.ok and rep.recovered == 1 and rep.new_observations > 0
