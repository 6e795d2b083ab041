"""The fleet: every user's device, its network link and injected faults, the cycles in progress, and the schedule
that runs cycles as the simulated clock moves (SYN-1: each profile item's interval; metadata on the first sync
and then daily).
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

from harness.driver import FaultPoint, Fields, NetworkConditions, Outcome, QueuedChange, Refused, SyncError, SyncReport
from harness.reference.clock import DAY, SimulatedClock
from harness.reference.device import Device, MemoryStore, StoreFactory
from harness.reference.network import WIFI
from harness.reference.profiles import Profiles
from harness.reference.security import SecurityModel
from harness.reference.server import ServerStore
from harness.reference.sync import ATTEMPTED, LAST_CYCLE, METADATA_AT, Cycle, Interrupted, Memberships, errors, retry

SHORTEST_INTERVAL = 60.0


@dataclass
class Fleet:
    """The devices of the organization's users (each a `handset` with a store from `store`) and what drives their
    sync cycles."""

    clock: SimulatedClock
    server: ServerStore
    security: SecurityModel
    profiles: Profiles
    store: StoreFactory = lambda user: MemoryStore()
    cycle: type[Cycle] = Cycle
    handset: type[Device] = Device
    devices: dict[str, Device] = field(default_factory=dict)
    links: dict[str, NetworkConditions] = field(default_factory=dict)
    faults: dict[str, FaultPoint] = field(default_factory=dict)
    cycles: dict[str, Cycle] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.memberships = Memberships(self.profiles.membership)

    # -- devices ----------------------------------------------------------------------------------
    def device(self, user: str) -> Device | Refused:
        """The user's device, created (empty, online) on first use."""
        found = self.devices.get(user)
        if found is not None:
            return found
        if refusal := self._unknown(user):
            return refusal
        found = self.devices[user] = self.handset(user, self.store(user))
        return found

    def _unknown(self, user: str) -> Refused | None:
        """Why `user` has no device: no such user."""
        return None if self.security.is_user(user) else Refused("REL-BAD", f"unknown user {user!r}")

    def busy(self, user: str) -> bool:
        """Whether a cycle is paused halfway on the user's device."""
        return user in self.cycles

    def go_offline(self, user: str) -> Outcome:
        """The device loses its connection."""
        return self._connect(user, False)

    def go_online(self, user: str) -> Outcome:
        """The device regains its connection."""
        return self._connect(user, True)

    def _connect(self, user: str, online: bool) -> Outcome:
        device = self.device(user)
        if isinstance(device, Refused):
            return device
        device.online = online
        return None

    def restart_app(self, user: str) -> Outcome:
        """Kill the user's app and open it again (REL-PERSIST): a new device from what its store had committed, as
        connected as before; a cycle under way dies with the app (the server's side of it stays as it was)."""
        device = self.device(user)
        if isinstance(device, Refused):
            return device
        self.cycles.pop(user, None)
        self.devices[user] = self.handset(user, device.store.reopen(), device.online)
        return None

    def close(self) -> None:
        """Close every device's store, then let the store factory let go of what it holds (a folder of files)."""
        for device in self.devices.values():
            device.store.close()
        close = getattr(self.store, "close", None)
        if callable(close):
            close()

    def forget(self, user: str) -> None:
        """Throw the user's device away (and what the server kept for it): the next sync is a first sync."""
        self.devices.pop(user, None)
        self.memberships.forget(user)

    # -- what a device shows ----------------------------------------------------------------------
    def device_records(self, user: str, entity: str) -> list[Fields]:
        """Copies of the records the device holds for an entity, ordered by id."""
        device = self.devices.get(user)
        return copy.deepcopy(list(device.store.records(entity))) if device else []

    def device_record(self, user: str, entity: str, record_id: str) -> Fields | None:
        """A copy of one record on the device, or None."""
        device = self.devices.get(user)
        return copy.deepcopy(device.store.get(entity, record_id)) if device else None

    def pending_changes(self, user: str) -> list[QueuedChange]:
        """The device's upload queue, in order."""
        device = self.devices.get(user)
        queue = device.store.queue() if device else []
        return [QueuedChange(c.seq, c.entity, c.record_id, c.action, copy.deepcopy(c.fields)) for c in queue]

    def sync_errors(self, user: str) -> list[SyncError]:
        """The sync errors the user sees, oldest first."""
        device = self.devices.get(user)
        return errors(device) if device else []

    def retry_sync_error(self, user: str, error_id: str) -> Outcome:
        """Queue a rejected change again."""
        if refusal := self._unknown(user):
            return refusal
        device = self.devices.get(user)
        if device is None or not retry(device, error_id, self.clock.iso()):
            return Refused("REL-ERR", f"{user} has no sync error {error_id!r} to retry")
        return None

    # -- the network ------------------------------------------------------------------------------
    def set_network(self, user: str, conditions: NetworkConditions) -> Outcome:
        """The link between the user's device and the server."""
        if refusal := self._unknown(user):
            return refusal
        if conditions.latency_ms < 0 or conditions.bandwidth_kbps <= 0:
            return Refused("REL-BAD", f"impossible network {conditions}")
        self.links[user] = conditions
        return None

    def inject_fault(self, user: str, point: FaultPoint) -> Outcome:
        """Break the device's next cycle at `point` (one shot)."""
        if refusal := self._unknown(user):
            return refusal
        self.faults[user] = point
        return None

    # -- cycles -----------------------------------------------------------------------------------
    def sync(self, user: str) -> SyncReport | Refused:
        """Sync now: one whole cycle, every offline entity."""
        cycle = self._cycle(user)
        return cycle if isinstance(cycle, Refused) else self._complete(cycle)

    def begin_sync(self, user: str) -> Outcome:
        """Start a cycle and pause it after upload."""
        cycle = self._cycle(user)
        if isinstance(cycle, Refused):
            return cycle
        try:
            cycle.begin()
        except Interrupted:
            self.clock.advance(cycle.report(completed=False).duration_seconds)
            return Refused("REL-FAULT", f"the connection dropped at {cycle.fault}: the cycle stopped")
        self.cycles[user] = cycle
        return None

    def finish_sync(self, user: str) -> SyncReport | Refused:
        """Finish the paused cycle."""
        cycle = self.cycles.pop(user, None)
        if cycle is None:
            return Refused("REL-BAD", f"{user} has no sync cycle in progress")
        report = cycle.finish()
        self.clock.advance(report.duration_seconds)
        return report

    def _cycle(self, user: str, scheduled: bool = False) -> Cycle | Refused:
        device = self.device(user)
        if isinstance(device, Refused):
            return device
        if not device.online:
            return Refused("SYN-1", f"{user}'s device is offline: sync waits for a connection")
        if user in self.cycles:
            return Refused("SYN-3", f"a sync cycle is already running on {user}'s device")
        due = due_now(device, self.intervals(user), self.clock.seconds) if scheduled else None
        return self.cycle(
            device=device,
            server=self.server,
            memberships=self.memberships,
            scope=lambda: self.profiles.scope(user),
            clock=self.clock,
            link=self.links.get(user, WIFI),
            sizes=self.server.sizes,
            fault=self.faults.pop(user, None),
            due=due,
        )

    def _complete(self, cycle: Cycle) -> SyncReport:
        report = cycle.run()
        self.clock.advance(report.duration_seconds)
        return report

    # -- the schedule -----------------------------------------------------------------------------
    def intervals(self, user: str) -> dict[str, float]:
        """Seconds between scheduled downloads of each of the user's offline entities."""
        minutes = self.profiles.view(user).intervals
        return {entity: max(SHORTEST_INTERVAL, 60.0 * every) for entity, every in minutes.items()}

    def advance_clock(self, seconds: float) -> list[SyncReport]:
        """Move the clock, running each cycle at the moment it falls due (SYN-1); the clock never goes back (a
        negative amount moves nothing)."""
        if seconds < 0:
            return []
        until = self.clock.seconds + seconds
        reports = []
        while (due := self._next_due(until)) is not None:
            self.clock.advance_to(due[0])
            cycle = self._cycle(due[1], scheduled=True)
            assert isinstance(cycle, Cycle), cycle  # a due device is online and idle
            reports.append(self._complete(cycle))
        self.clock.advance_to(until)
        return reports

    def _next_due(self, until: float) -> tuple[float, str] | None:
        """The earliest cycle due by `until` among the devices that are online, idle and have a profile."""
        due = []
        for user, device in sorted(self.devices.items()):
            if not device.online or user in self.cycles:
                continue
            at = next_cycle(device, self.intervals(user))
            if at is not None and at <= until:
                due.append((at, user))
        return min(due, default=None)


def due_times(device: Device, every: dict[str, float]) -> dict[str, float]:
    """When each entity next falls due: one interval after the cycle that last downloaded it; at once if never."""
    attempted: dict[str, float] = device.store.meta(ATTEMPTED, {})
    return {entity: attempted.get(entity, -math.inf) + seconds for entity, seconds in every.items()}


def next_cycle(device: Device, every: dict[str, float]) -> float | None:
    """When the device's next cycle falls due (an entity, or the daily metadata refresh), never sooner than the
    shortest interval after its last cycle started; None without a profile."""
    if not every:
        return None
    synced_at, last = device.store.meta(METADATA_AT), device.store.meta(LAST_CYCLE)
    metadata = -math.inf if synced_at is None else synced_at + DAY
    earliest = -math.inf if last is None else last + SHORTEST_INTERVAL
    return max(earliest, min(metadata, *due_times(device, every).values()))


def due_now(device: Device, every: dict[str, float], now: float) -> set[str]:
    """The entities whose download is due at `now`."""
    return {entity for entity, at in due_times(device, every).items() if at <= now}
