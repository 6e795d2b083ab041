"""The sync schedule (SYN-1): each profile item's interval, metadata on the first sync and then daily."""

from __future__ import annotations

import math

from harness.reference.clock import DAY
from harness.reference.device import Device
from harness.reference.profiles import Profiles

SHORTEST_INTERVAL = 60.0


def intervals(profiles: Profiles, user: str) -> dict[str, float]:
    """Seconds between downloads of each offline entity of `user` (the shortest if several items name it)."""
    found: dict[str, float] = {}
    for profile in profiles.profiles_of(user):
        for item in profile.items:
            seconds = max(SHORTEST_INTERVAL, 60.0 * item.sync_interval_minutes)
            found[item.entity] = min(seconds, found.get(item.entity, seconds))
    return found


def due_times(device: Device, every: dict[str, float]) -> dict[str, float]:
    """When each entity next falls due: one interval after the cycle that last downloaded it; at once if never."""
    return {entity: device.attempted.get(entity, -math.inf) + seconds for entity, seconds in every.items()}


def next_cycle(device: Device, every: dict[str, float]) -> float | None:
    """When the device's next cycle falls due (an entity, or the daily metadata refresh), never sooner than the
    shortest interval after its last cycle started; None without a profile."""
    if not every:
        return None
    metadata = -math.inf if device.metadata_synced_at is None else device.metadata_synced_at + DAY
    earliest = -math.inf if device.last_cycle is None else device.last_cycle + SHORTEST_INTERVAL
    return max(earliest, min(metadata, *due_times(device, every).values()))


def due_now(device: Device, every: dict[str, float], now: float) -> set[str]:
    """The entities whose download is due at `now`."""
    return {entity for entity, at in due_times(device, every).items() if at <= now}
