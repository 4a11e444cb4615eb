"""What every benchmark case shares: the Case record, the context it runs in, and the timers.

A case is always a RATIO against a baseline measured in the same run on the same data, never an
absolute time: machines differ, ratios travel. A case may carry the goal an issue set for it
(`goal_ratio`: the ratio must be at most this; or a `goal` text with `met` decided by the case).
"""

from __future__ import annotations

import time
import timeit
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "tests" / "fixtures" / "site"


@dataclass
class Case:
    """One measurement and its baseline (seconds per run, best of the repetitions)."""

    name: str
    measured: str
    seconds: float
    baseline: str
    baseline_seconds: float
    extra: dict = field(default_factory=dict)
    goal_ratio: float | None = None  # the ratio the issue asks for (at most), if any
    goal: str = ""  # the goal in words, when it is not a plain ratio (e.g. chars/s)
    met: bool | None = None  # decided by the case when `goal` is not a ratio
    unit: str = "s"  # what `seconds` and `baseline_seconds` hold ("MB" for a memory case)

    @property
    def ratio(self) -> float:
        """How many times slower than the baseline (1.0 = as fast)."""
        return self.seconds / self.baseline_seconds

    @property
    def goal_met(self) -> bool | None:
        """True/False against the goal; None when the case has no goal."""
        if self.met is not None:
            return self.met
        if self.goal_ratio is None:
            return None
        return self.ratio <= self.goal_ratio

    @property
    def goal_text(self) -> str:
        if self.goal:
            return self.goal
        return f"<= {self.goal_ratio:g}x" if self.goal_ratio is not None else ""

    def as_json(self) -> dict:
        verdict = {"ratio": round(self.ratio, 3), "goal_met": self.goal_met, "goal": self.goal_text}
        return asdict(self) | verdict


@dataclass
class Context:
    """The knobs of one bench run and the scratch directory cases may write in."""

    rows: int
    repeat: int
    min_time: float
    work: Path
    scale: float = 1.0  # workload multiplier for the generated sites/archives (documents, releases)

    def scaled(self, n: int, floor: int = 1) -> int:
        """`n` items scaled by --scale, never below `floor`."""
        return max(floor, round(n * self.scale))


def best_of(
    fn: Callable[[], object], repeat: int, min_time: float, timer: Callable[[], float] = time.perf_counter
) -> float:
    """Seconds per call, best of `repeat` rounds; each round loops until it lasts at least min_time.

    `timer` is the clock: wall time by default, `time.process_time` for CPU seconds."""
    clock = timeit.Timer(fn, timer=timer)
    number = 1
    while True:
        elapsed = clock.timeit(number)
        if elapsed >= min_time:
            break
        number *= 2 if elapsed * 4 > min_time else 10
    rounds = [elapsed] + clock.repeat(repeat=max(repeat - 1, 0), number=number)
    return min(rounds) / number


def once(fn: Callable[[], T]) -> tuple[float, T]:
    """(seconds, result) of one call: for steps that change state and cannot be looped."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result
