"""Subflows that a parent flow runs side by side: started one after the other, no heartbeat of their own.

The pipeline runs the statistics and news flows at once (different hosts). Creating a subflow
writes, on the Prefect server, the parent's task run tracking it: a read, then a write. On a
SQLite server (Prefect's default, and the temporary API) another write committed in between
makes the server refuse it with `database is locked` (503), and Prefect's client tries again
2 s later, then 4 s: 2-6 s of a pipeline run, most of a no-change run's own work (issue 13). The
two subflows created at the same moment did that to each other on every profiled run; created
one after the other, the second still met the server recording the state events of the task run
that carried the first (5 of 8 runs), so the first now runs in a plain thread of the parent's
context (flows/pipeline.py `_news_alongside`), no task run around it (0 of 8).

A `StartGate` orders the start: the parent starts one subflow, waits until its flow body has
begun (`arrive`), then starts the next; each subflow waits at `arrive` until all have begun, so
none submits tasks (whose state events the server records) while another is still being created.
A subflow that never arrives (it failed before its body) lets the others go after `timeout`; the
parent can also `open` the gate. Flows run alone (a deployment, a test) find no gate and go
straight on.

The subflows send no flow-run heartbeats (`subflows`): the parent's flow run, in the same
process, keeps sending its own, so a process that dies silently is still noticed by what watches
heartbeats (a Prefect automation); each heartbeat thread cost up to 1 s of waiting at the end of
its flow run (it sleeps in 1 s steps and is joined), 0.5-0.9 s of the news flow's end on the
pipeline's critical path in the profiles (issue 13).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["START_TIMEOUT_S", "StartGate", "arrive", "subflows"]

START_TIMEOUT_S = 30.0  # how long a subflow waits for its siblings to begin, at most

_GATE: ContextVar[StartGate | None] = ContextVar("cyberstats_start_gate", default=None)


class StartGate:
    """A gate for `flows` subflows of one parent run; the parent starts them in turn."""

    def __init__(self, flows: int, timeout: float = START_TIMEOUT_S) -> None:
        self.flows, self.timeout = flows, timeout
        self.arrived = 0
        self._opened = False
        self._cond = threading.Condition()

    @contextmanager
    def bound(self) -> Iterator[StartGate]:
        """Subflows started in this block (here or in a task it submits) arrive at this gate."""
        token = _GATE.set(self)
        try:
            yield self
        finally:
            _GATE.reset(token)

    def arrive(self) -> None:
        """A subflow's body has begun: count it, and wait until every sibling's has (or the timeout)."""
        with self._cond:
            self.arrived += 1
            self._cond.notify_all()
            self._cond.wait_for(self._all_in, self.timeout)

    def wait_for(self, arrived: int) -> bool:
        """The parent: wait until `arrived` subflows have begun (or the gate opened, or the timeout)."""
        with self._cond:
            return self._cond.wait_for(lambda: self.arrived >= arrived or self._opened, self.timeout)

    def open(self) -> None:
        """Let every waiting subflow go (a sibling ended without arriving)."""
        with self._cond:
            self._opened = True
            self._cond.notify_all()

    def _all_in(self) -> bool:
        return self._opened or self.arrived >= self.flows


def arrive() -> None:
    """Called first thing in a flow body: waits at the parent's gate, if a parent set one."""
    gate = _GATE.get()
    if gate is not None:
        gate.arrive()


@contextmanager
def subflows(gate: StartGate | None) -> Iterator[None]:
    """Flows started in this block (here, or in a thread or task started here with a copy of this
    context) are subflows of this run:
    they arrive at `gate` (if any) and send no heartbeats. The gate is opened on the way out."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        if gate is None:
            yield
            return
        try:
            with gate.bound():
                yield
        finally:
            gate.open()  # never keep a sibling waiting for one that will not come
