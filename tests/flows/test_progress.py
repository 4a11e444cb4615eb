"""Progress events reach a listener when one is installed, and never break a run."""

from __future__ import annotations

from flows import progress
from tests.flows.helpers import run_live


def test_stages_report_progress_to_the_listener(tmp_path, fixture_site):
    events: list[tuple[str, str]] = []
    progress.set_listener(lambda event, detail: events.append((event, detail)))
    try:
        run_live(tmp_path, fixture_site.url_map, ["hkpf_csc_en"])
    finally:
        progress.set_listener(None)
    assert ("fetched", "https://www.police.gov.hk/ppp_en/09_statistics/csc.html") in events
    assert ("parsed", "https://www.police.gov.hk/ppp_en/09_statistics/csc.html") in events
    assert events[-1] == ("source_done", "hkpf_csc_en")


def test_a_failing_listener_does_not_break_the_run(tmp_path, fixture_site):
    def broken(event: str, detail: str) -> None:
        raise RuntimeError("display gone")

    progress.set_listener(broken)
    try:
        report = run_live(tmp_path, fixture_site.url_map, ["hkpf_csc_en"])
    finally:
        progress.set_listener(None)
    assert report.ok
