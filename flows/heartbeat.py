"""Flow-run heartbeats that stop the moment the flow's body ends (issue 13).

Against a server of its own, a flow run sends Prefect's `prefect.flow-run.heartbeat` event every
`PREFECT_FLOWS_HEARTBEAT_FREQUENCY` seconds (180 by default, at least 30), so that the server's
automations can mark Crashed a run whose process died without a word. Prefect 3.9 sends them from
a thread that sleeps in 1 s steps and joins it at the end of the run (`prefect/flow_engine.py`
`_send_heartbeats`): every sync flow run ends on that thread's next tick, up to 1 s after its
body returned (0.5-0.7 s of a no-change `cyberstats run`'s ~1.1 s of work beyond its requests).

For the flows this process runs itself (the CLI's `flows/runner.py`), `own_heartbeats()` turns
Prefect's heartbeat off and `flow_run_heartbeat()`, at the start of the flow's body, sends the same
event at the same frequency from a thread that waits on a `threading.Event`: setting it ends the
thread at once. One heartbeat per flow run, never two: ours runs only where `own_heartbeats()`
turned Prefect's off, and Prefect's runs everywhere else (a deployment's run in a worker's process
never enters `own_heartbeats()`). Neither runs against the temporary API (flows/tied_server.py
`temporary_api_settings` turns heartbeats off: the server dies with the process).
"""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from prefect import __version__ as prefect_version
from prefect.client.schemas.objects import FlowRun
from prefect.context import FlowRunContext, SettingsContext, get_settings_context
from prefect.events import RelatedResource, emit_event
from prefect.events.related import tags_as_related_resources
from prefect.flow_engine import MINIMUM_HEARTBEAT_INTERVAL
from prefect.settings import get_current_settings

__all__ = ["HEARTBEAT_EVENT", "Heartbeat", "event_template", "flow_run_heartbeat", "own_heartbeats"]

HEARTBEAT_EVENT = "prefect.flow-run.heartbeat"  # Prefect's name: the server's automations match it
THREAD_NAME = "cyberstats-flow-run-heartbeat"
STOP_TIMEOUT_S = 2.0  # Prefect's own join timeout; the thread ends at once unless an emit is under way
# Seconds between heartbeats for the flow runs of this context; None: Prefect's own (or none) apply.
_INTERVAL: contextvars.ContextVar[int | None] = contextvars.ContextVar("cyberstats_heartbeat", default=None)
_log = logging.getLogger(__name__)


@contextmanager
def own_heartbeats() -> Iterator[None]:
    """Around flow runs this process starts: Prefect's heartbeat off, `flow_run_heartbeat` on.

    Does nothing when heartbeats are off (`PREFECT_FLOWS_HEARTBEAT_FREQUENCY` None: the temporary
    API). The flows run inside must open `flow_run_heartbeat()`, or they send no heartbeat.
    """
    interval = prefect_interval()
    if interval is None:
        yield
        return
    token = _INTERVAL.set(interval)
    try:
        with _without_prefects_heartbeat():
            yield
    finally:
        _INTERVAL.reset(token)


def prefect_interval() -> int | None:
    """Seconds between Prefect's heartbeats as it would use them (its floor applied), None when off."""
    value = get_current_settings().flows.heartbeat_frequency
    return None if value is None else max(value, MINIMUM_HEARTBEAT_INTERVAL)


def _without_prefects_heartbeat() -> SettingsContext:
    """The current settings with heartbeats off, as a context to enter.

    Not `temporary_settings`: it validates every setting again (~0.06 s, on the run's clock); only
    the one value changes, and None is a valid value of it.
    """
    context = get_settings_context()
    flows = context.settings.flows.model_copy(update={"heartbeat_frequency": None})
    return SettingsContext(
        profile=context.profile, settings=context.settings.model_copy(update={"flows": flows})
    )


@contextmanager
def flow_run_heartbeat() -> Iterator[Heartbeat | None]:
    """Inside a flow's body: this flow run's heartbeat, when `own_heartbeats()` asked for it.

    Yields the running `Heartbeat` (None when there is none) and stops it on the way out, however
    the body ends.
    """
    interval = _INTERVAL.get()
    run = FlowRunContext.get()
    if interval is None or run is None or run.flow_run is None:
        yield None
        return
    resource, related = event_template(run.flow_run, run.flow.name if run.flow else "")
    beat = Heartbeat(interval, lambda: emit_event(event=HEARTBEAT_EVENT, resource=resource, related=related))
    beat.start()
    try:
        yield beat
    finally:
        beat.stop()


def event_template(flow_run: FlowRun, flow_name: str) -> tuple[dict[str, str], list[RelatedResource]]:
    """The heartbeat's resource and related resources, as Prefect's engine builds them.

    (`BaseFlowRunEngine._build_heartbeat_event_template`, which needs an engine; tests compare.)
    """
    resource = {
        "prefect.resource.id": f"prefect.flow-run.{flow_run.id}",
        "prefect.resource.name": flow_run.name or "",
        "prefect.version": prefect_version,
    }
    related: list[RelatedResource] = []
    if flow_run.flow_id:
        related.append(
            RelatedResource.model_validate(
                {
                    "prefect.resource.id": f"prefect.flow.{flow_run.flow_id}",
                    "prefect.resource.role": "flow",
                    "prefect.resource.name": flow_name,
                }
            )
        )
    if flow_run.deployment_id:
        related.append(
            RelatedResource.model_validate(
                {
                    "prefect.resource.id": f"prefect.deployment.{flow_run.deployment_id}",
                    "prefect.resource.role": "deployment",
                }
            )
        )
    return resource, related + tags_as_related_resources(set(flow_run.tags or []))


class Heartbeat:
    """`beat()` now and every `interval` seconds in a daemon thread, until `stop()`, which returns at once.

    The thread runs in a copy of the starting context, so it sends to the same API as the flow run.
    """

    def __init__(
        self, interval: float, beat: Callable[[], object], stopped: threading.Event | None = None
    ) -> None:
        self.interval = interval
        self.beats = 0  # heartbeats sent (attempted)
        self._beat = beat
        self._stopped = stopped or threading.Event()  # set by stop(); its wait() is the thread's sleep
        context = contextvars.copy_context()
        self.thread = threading.Thread(target=context.run, args=(self._loop,), name=THREAD_NAME, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        """Wake the thread from its wait and let it end (an emit under way is finished first)."""
        self._stopped.set()
        self.thread.join(timeout=STOP_TIMEOUT_S)

    def _loop(self) -> None:
        while not self._stopped.is_set():
            self.beats += 1
            try:
                self._beat()
            except Exception:  # noqa: BLE001 - as Prefect's: a lost heartbeat must not fail the run
                _log.debug("flow-run heartbeat not sent", exc_info=True)
            self._stopped.wait(self.interval)
