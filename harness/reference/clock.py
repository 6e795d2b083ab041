"""The simulated clock: seconds since the page's publication date, never the wall clock."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from functools import lru_cache

from harness.driver import SIMULATION_START

EPOCH = datetime.fromisoformat(SIMULATION_START.replace("Z", "+00:00"))
DAY = 86_400.0


class SimulatedClock:
    """A clock that only moves when told to."""

    def __init__(self, start: float = 0.0) -> None:
        self.seconds = start
        self._shown: tuple[float, str] = (math.nan, "")

    def advance(self, seconds: float) -> None:
        """Move forward; moving backwards is a programming error."""
        if seconds < 0:
            raise ValueError(f"the clock cannot go back ({seconds} s)")
        self.seconds += seconds

    def advance_to(self, seconds: float) -> None:
        """Move forward to the instant `seconds` (nothing if the clock is already there or past it)."""
        self.seconds = max(self.seconds, seconds)

    def iso(self, seconds: float | None = None) -> str:
        """An instant (default: now) as an ISO-8601 UTC string (now's is worked out once per instant)."""
        at = self.seconds if seconds is None else seconds
        if self._shown[0] == at:
            return self._shown[1]
        shown = (EPOCH + timedelta(seconds=at)).isoformat(timespec="seconds").replace("+00:00", "Z")
        self._shown = (at, shown)
        return shown


@lru_cache(maxsize=1 << 16)
def parse_iso(text: str) -> float:
    """Seconds since the epoch of an ISO-8601 UTC string written by `SimulatedClock.iso`."""
    return (datetime.fromisoformat(text.replace("Z", "+00:00")) - EPOCH).total_seconds()
