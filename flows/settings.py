"""Settings from the environment: the only place in the project that reads it (DESIGN section 2)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from extract.http import DEFAULT_USER_AGENT
from extract.urlmap import parse_url_map

# Seconds a Prefect API server (the temporary one a run starts, or `prefect server start`) may take
# to come up. Prefect's default of 20 s fails when several processes start together on 2 cores;
# the same 120 s is used by the CLI, the Makefile, the test harness and the deployment test
# (tests/test_tiers.py checks that they agree).
PREFECT_SERVER_START_TIMEOUT_S = 120


@dataclass(frozen=True)
class Settings:
    """Where data lives and how politely to fetch it."""

    home: Path
    url_map: dict[str, str] = field(default_factory=dict)
    user_agent: str = DEFAULT_USER_AGENT
    min_interval: float = 1.0
    max_bytes: int = 20_000_000
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    max_retries: int = 4
    request_deadline: float = 120.0  # seconds one request may take in all (a dripping body stops)
    host_budget: float = 900.0  # seconds one host may take in one run, waits and retries included
    backoff_base: float = 1.0  # first retry pause in seconds; doubles per attempt
    batch_size: int = 200  # documents parsed and published together by a replay (flows/streaming.py)
    # seconds an archived robots.txt answer is reused by later runs (RFC 9309 2.4 allows 24 h; 0: never)
    robots_max_age: float = 86400.0

    @property
    def raw_dir(self) -> Path:
        return self.home / "raw"

    @property
    def parquet_dir(self) -> Path:
        return self.home / "parquet"

    @property
    def db_path(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def state_dir(self) -> Path:
        return self.home / "state"


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read `CYBERSTATS_*` variables; a malformed value is an error naming the variable."""
    env = dict(os.environ if env is None else env)
    try:
        return Settings(
            home=Path(env.get("CYBERSTATS_HOME", "./data")).resolve(),
            url_map=parse_url_map(env.get("CYBERSTATS_URL_MAP", "")),
            user_agent=env.get("CYBERSTATS_USER_AGENT", DEFAULT_USER_AGENT),
            min_interval=float(env.get("CYBERSTATS_MIN_INTERVAL", "1.0")),
            max_bytes=int(env.get("CYBERSTATS_MAX_BYTES", "20000000")),
            connect_timeout=float(env.get("CYBERSTATS_CONNECT_TIMEOUT", "10")),
            read_timeout=float(env.get("CYBERSTATS_READ_TIMEOUT", "60")),
            max_retries=int(env.get("CYBERSTATS_MAX_RETRIES", "4")),
            request_deadline=float(env.get("CYBERSTATS_REQUEST_DEADLINE", "120")),
            host_budget=float(env.get("CYBERSTATS_HOST_BUDGET", "900")),
            backoff_base=float(env.get("CYBERSTATS_BACKOFF_BASE", "1.0")),
            batch_size=_at_least_one("CYBERSTATS_BATCH_SIZE", env.get("CYBERSTATS_BATCH_SIZE", "200")),
            robots_max_age=float(env.get("CYBERSTATS_ROBOTS_MAX_AGE", "86400")),
        )
    except ValueError as exc:
        raise ValueError(f"bad CYBERSTATS_* setting: {exc}") from exc


def _at_least_one(name: str, text: str) -> int:
    """A whole number of at least 1, or ValueError naming the variable and the value."""
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{name}={text!r} is not a whole number") from None
    if value < 1:
        raise ValueError(f"{name}={text!r} must be at least 1")
    return value
