"""What a data set is asked to be: users, records per user, seed; refused outside the limits."""

from __future__ import annotations

from dataclasses import dataclass

from harness.errors import ConfigurationError

LIMITS = {"users": (1, 2_000), "records_per_user": (1, 3_000_000), "seed": (0, 2**32 - 1)}
"""What a data set may ask for: at most the page's 2,000 users per profile, at most the 3,000,000 synced records
of the latest edition per user, a seed any language's random generator takes."""


def out_of_range(name: str, value: int) -> str | None:
    """Why `value` cannot be the spec's `name` (one of LIMITS), or None if it can."""
    low, high = LIMITS[name]
    return None if low <= value <= high else f"must be between {low:,} and {high:,} (got {shown(value)})"


def shown(value: object, limit: int = 24) -> str:
    """A value as an error line quotes it: at most `limit` characters."""
    text = f"{value:,}" if isinstance(value, int) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class DataSetSpec:
    """What to generate: users, the upper subscription size most users stay within, and the seed."""

    users: int
    records_per_user: int = 10_000
    seed: int = 7
    above_limit: int | None = None

    def __post_init__(self) -> None:
        for name in LIMITS:
            if problem := out_of_range(name, getattr(self, name)):
                raise ConfigurationError(f"data set {name} {problem}")
        if self.above_limit is not None and not 0 <= self.above_limit <= self.users:
            raise ConfigurationError(f"data set above_limit must be between 0 and {self.users:,} users")

    def lower(self) -> int:
        """The smallest subscription a regular user gets (90% of the upper bound)."""
        return self.records_per_user * 9 // 10

    def shared(self) -> tuple[int, int]:
        """How many products and competitors everyone shares."""
        return min(700, self.lower() // 10), min(300, self.lower() // 30)
