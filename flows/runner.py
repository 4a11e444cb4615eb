"""Entry points the CLI uses to run flows, and the bundled demo snapshot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from extract.archive import RawArchive
from flows.reports import RunReport

DEMO_SNAPSHOT = Path(__file__).parent / "demo" / "snapshot"


def report_of(state) -> RunReport | None:
    """The RunReport a flow state carries (Completed or Failed), if any."""
    try:
        result = state.result(raise_on_failure=False)
    except Exception:  # noqa: BLE001 - a crashed run carries no report
        return None
    return result if isinstance(result, RunReport) else None


def replay(archive_dir: Path, sources: list[str] | None):
    """Run the replay flow on a raw archive; returns its final state."""
    from flows.pipeline import replay_flow

    return replay_flow(str(archive_dir), sources or None, return_state=True)


def live(sources: list[str] | None, since: date | None):
    """Run the live pipeline (and a press-release backfill from `since`); returns the final state."""
    from flows.pipeline import backfill_flow, pipeline_flow

    state = pipeline_flow(sources or None, return_state=True)
    if since is not None:
        back = backfill_flow(since, date.today(), return_state=True)
        if back.is_failed() and not state.is_failed():
            return back
    return state


def install_demo_snapshot(raw_dir: Path) -> Path:
    """Copy the bundled snapshot archive into the home raw archive (idempotent); return raw_dir."""
    RawArchive(raw_dir).import_from(RawArchive(DEMO_SNAPSHOT))
    return raw_dir
