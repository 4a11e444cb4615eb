"""Progress events from the stages, for a terminal progress display; silent unless someone listens.

The stages call `notify(...)`; the CLI installs a listener that drives a rich progress bar when
stderr is a terminal. Flows run their tasks in threads of the same process, so one listener per
process is enough. In logs (no terminal) nothing is installed and nothing is printed.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

Listener = Callable[[str, str], None]  # (event, detail), e.g. ("fetched", url) or ("source_done", id)

_listener: Listener | None = None
_lock = threading.Lock()


def set_listener(listener: Listener | None) -> None:
    """Install (or remove, with None) the process's progress listener."""
    global _listener
    with _lock:
        _listener = listener


def notify(event: str, detail: str) -> None:
    """Report one event; never raises (a broken display must not break a run)."""
    listener = _listener
    if listener is None:
        return
    with contextlib.suppress(Exception):  # progress is best effort
        listener(event, detail)
