"""Session-wide settings: nothing leaves the machine, Prefect state lives in a temp dir."""

from __future__ import annotations

import os
import tempfile

# Must be set before prefect is imported anywhere in the test session.
_PREFECT_HOME = tempfile.mkdtemp(prefix="cyberstats-prefect-")
os.environ.setdefault("PREFECT_HOME", _PREFECT_HOME)
os.environ["DO_NOT_TRACK"] = "1"
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "120"
os.environ["PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW"] = "ignore"
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("CYBERSTATS_URL_MAP", None)
os.environ.pop("CYBERSTATS_HOME", None)
