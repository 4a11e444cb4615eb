"""Entry points the CLI uses to run flows, and the bundled demo snapshot."""

from __future__ import annotations

import importlib
from contextlib import suppress
from datetime import date
from pathlib import Path

from extract.archive import RawArchive
from flows.reports import RunFailed, RunReport

DEMO_SNAPSHOT = Path(__file__).parent / "demo" / "snapshot"


def report_of(state) -> RunReport | None:
    """The RunReport a flow state carries (Completed or Failed), if any."""
    try:
        result = state.result(raise_on_failure=False)
    except Exception:  # noqa: BLE001 - a crashed run carries no report
        return None
    if isinstance(result, RunFailed):
        return result.report
    return result if isinstance(result, RunReport) else None


# What Prefect imports only when the first flow of a process runs (~0.3 s; FastAPI's JSON encoder,
# for the flow run's parameters, 0.2 s of it; the flow-graph helpers and graphviz, imported by
# every `Flow.__call__`, ~0.05 s): imported with the flows, so that `cyberstats run` pays for them
# while the temporary API boots instead of when its flow starts (issue 13).
FIRST_FLOW_IMPORTS = (
    "fastapi.encoders",
    "prefect.flow_engine",
    "prefect.task_engine",
    "prefect.utilities.visualization",
)


def import_flows() -> None:
    """Import the flows and what they use (~1-2 s): done while Prefect's temporary API starts."""
    import flows.pipeline  # noqa: F401

    for name in FIRST_FLOW_IMPORTS:
        with suppress(ImportError):  # another Prefect version may not use it: only time is at stake
            importlib.import_module(name)


def replay(archive_dir: Path, sources: list[str] | None):
    """Run the replay flow on a raw archive; returns its final state."""
    from flows.heartbeat import own_heartbeats
    from flows.pipeline import replay_flow

    with own_heartbeats():  # a heartbeat that stops with the flow's body (flows/heartbeat.py)
        return replay_flow(str(archive_dir), sources or None, return_state=True)


def live(sources: list[str] | None, since: date | None):
    """Run the live pipeline (and a press-release backfill from `since`); returns the final state."""
    from flows.heartbeat import own_heartbeats
    from flows.pipeline import backfill_flow, pipeline_flow

    with own_heartbeats():  # a heartbeat that stops with the flow's body (flows/heartbeat.py)
        state = pipeline_flow(sources or None, return_state=True)
        if since is not None:
            back = backfill_flow(since, date.today(), versions=True, return_state=True)
            if back.is_failed() and not state.is_failed():
                return back
    return state


def unrunnable_source(source_id: str) -> str | None:
    """Why `--source ID` cannot be run on its own (None when it can): unknown, or reached via a feed."""
    from extract.catalogue import BY_ID
    from flows.pipeline import NEWS_FEEDS, STATS_SOURCES

    if source_id in STATS_SOURCES or source_id in NEWS_FEEDS:
        return None
    if source_id not in BY_ID:
        return f"unknown source {source_id!r}; runnable: {', '.join(STATS_SOURCES + NEWS_FEEDS)}"
    feeds = [s.source_id for s in BY_ID.values() if s.follows == source_id]
    via = f"the feeds/index pages {', '.join(feeds)}" if feeds else "`--since DATE` (backfill)"
    return f"source {source_id!r} has no fixed URL: it is reached through {via}"


def bad_backfill_start(since: date, today: date | None = None) -> str | None:
    """Why `--since` cannot start a backfill (None when it can): in the future, or too far back."""
    from transform.discovery import backfill_index_urls

    try:
        backfill_index_urls(since, today or date.today())
    except ValueError as exc:
        return f"--since {since}: {exc}"
    return None


def install_demo_snapshot(raw_dir: Path) -> Path:
    """Copy the bundled snapshot archive into the home raw archive (idempotent); return raw_dir."""
    RawArchive(raw_dir).import_from(RawArchive(DEMO_SNAPSHOT))
    return raw_dir
