"""The sync cycle: upload the queue in order, download the delta since the device's token, refresh privileges.

A cycle has two halves so that the app can keep working in between (SYN-3): `begin` opens the cycle,
refreshes metadata when due and uploads the changes queued so far; `finish` downloads the delta and
commits it, the new tokens and the privilege snapshot in one step. A fault (REL-FAULT) stops the cycle
at its point; nothing the device has not committed counts, so the next cycle redoes exactly what is left.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from harness.driver import FaultPoint, NetworkConditions, SyncReport
from harness.reference.changes import Change
from harness.reference.clock import DAY, SimulatedClock
from harness.reference.delta import Delta, delta_for
from harness.reference.device import Device
from harness.reference.forms import held_links
from harness.reference.network import (
    ACK_BYTES,
    CHANGE_OVERHEAD_BYTES,
    DOWNLOAD_PAGE,
    HANDSHAKE_BYTES,
    METADATA_BYTES_PER_ENTITY,
    PAGE_REQUEST_BYTES,
    PRIVILEGES_BYTES,
    REMOVAL_BYTES,
    UPLOAD_BATCH,
    Transfer,
    record_bytes,
)
from harness.reference.profiles import Profiles
from harness.reference.server import Rejected, ServerStore
from harness.reference.timeline import with_notes


class Interrupted(Exception):
    """The simulated connection dropped at a fault point."""


@dataclass
class Cycle:
    """One cycle in progress on one device; `due` names the entities the schedule found due (None: all)."""

    device: Device
    server: ServerStore
    profiles: Profiles
    clock: SimulatedClock
    link: NetworkConditions
    fault: FaultPoint | None = None
    due: set[str] | None = None
    started: float = 0.0
    transfer: Transfer = field(default_factory=Transfer)
    uploaded: int = 0
    rejected: int = 0
    downloaded: int = 0
    removed: int = 0
    metadata_refreshed: bool = False

    def run(self) -> SyncReport:
        """Both halves in one go."""
        try:
            self.begin()
        except Interrupted:
            return self.report(completed=False)
        return self.finish()

    def begin(self) -> None:
        """Open the cycle, refresh metadata if due, then upload the changes queued before the cycle started."""
        self.started = self.device.last_cycle = self.clock.seconds
        for entity in self.due if self.due is not None else self.profiles.offline_entities(self.device.user):
            self.device.attempted[entity] = self.started
        self.transfer.request(up=HANDSHAKE_BYTES, down=HANDSHAKE_BYTES)
        self._metadata()
        if self.fault == "before_upload":
            raise Interrupted
        batch = list(self.device.queue)
        for start in range(0, len(batch), UPLOAD_BATCH):
            self._upload(batch[start : start + UPLOAD_BATCH])

    def finish(self) -> SyncReport:
        """Download the delta, then commit it with the new tokens and privilege snapshot; report."""
        scope = with_notes(self.profiles.subscription(self.device.user, self.server), self.server, self.device.user)
        privileges_changed = self.device.security != self.server.security
        entities = self._entities(scope, privileges_changed)
        try:
            delta = self._download(scope, entities)
        except Interrupted:
            return self.report(completed=False)
        self._commit(delta, entities, privileges_changed)
        return self.report(completed=True)

    def report(self, completed: bool) -> SyncReport:
        """The cycle as the seam reports it (the caller moves the clock by its duration)."""
        return SyncReport(
            completed=completed,
            started=self.clock.iso(self.started),
            duration_seconds=round(self.transfer.duration(self.link), 3),
            uploaded=self.uploaded,
            rejected=self.rejected,
            downloaded=self.downloaded,
            removed=self.removed,
            bytes_up=self.transfer.bytes_up,
            bytes_down=self.transfer.bytes_down,
            round_trips=self.transfer.round_trips,
            metadata_refreshed=self.metadata_refreshed,
            fault=None if completed else self.fault,
            user=self.device.user,
        )

    # -- steps ----------------------------------------------------------------------------------
    def _metadata(self) -> None:
        """On the first cycle and then daily: one request per entity of the offline app modules (SYN-MD)."""
        device = self.device
        last = device.metadata_synced_at
        if last is not None and self.clock.seconds - last < DAY:
            return
        for _ in self.profiles.metadata_entities(device.user):
            self.transfer.request(up=HANDSHAKE_BYTES, down=METADATA_BYTES_PER_ENTITY)
        device.metadata_synced_at = self.clock.seconds
        self.metadata_refreshed = True

    def _upload(self, batch: list[Change]) -> None:
        """Send a batch in queue order; each change leaves the queue only once the server's answer arrives."""
        device = self.device
        self.transfer.request(
            up=sum(record_bytes(c.fields) + CHANGE_OVERHEAD_BYTES for c in batch), down=ACK_BYTES * len(batch)
        )
        for change in batch:
            outcome = self.server.apply(f"device:{device.user}", device.user, change)
            if self.fault == "after_server_apply":
                raise Interrupted
            if isinstance(outcome, Rejected):
                device.reject(change, outcome)
                self.rejected += 1
            else:
                device.queue.remove(change)
                self.uploaded += 1
            device.settle(change.entity, change.record_id)

    def _entities(self, scope: dict[str, set[str]], privileges_changed: bool) -> set[str]:
        """The entities to download: the due ones, all of them when privileges or profiles changed, those that
        ride along with the profile's records (timeline notes), and any entity held but no longer in the profile."""
        device, user = self.device, self.device.user
        offline = self.profiles.offline_entities(user)
        rescoped = privileges_changed or device.profiles != self.profiles.profiles_of(user)
        wanted = offline if self.due is None or rescoped else self.due & offline
        return wanted | ((set(scope) | set(device.store)) - offline)

    def _resent(self) -> set[str]:
        """Entities whose secured columns changed since the last snapshot: their records come down again."""
        before = self.device.security.secured_fields if self.device.security else set()
        return {entity for entity, _ in before ^ self.server.security.secured_fields}

    def _download(self, scope: dict[str, set[str]], entities: set[str]) -> Delta:
        """Page the delta down; the privilege snapshot rides on the last page."""
        delta = delta_for(self.device, self.server, scope, entities, self._resent())
        pages = [delta.upserts[i : i + DOWNLOAD_PAGE] for i in range(0, len(delta.upserts), DOWNLOAD_PAGE)] or [[]]
        for number, page in enumerate(pages):
            down = sum(record_bytes(record) for _, record, _ in page)
            down += REMOVAL_BYTES * len(delta.removals) if number == 0 else 0
            down += PRIVILEGES_BYTES if number == len(pages) - 1 else 0
            self.transfer.request(up=PAGE_REQUEST_BYTES, down=down)
            if self.fault == "during_download" and number == (len(pages) - 1) // 2:
                raise Interrupted
        return delta

    def _commit(self, delta: Delta, entities: set[str], privileges_changed: bool) -> None:
        """Apply the delta, move the tokens and take the new privilege and profile snapshots, together."""
        device, user = self.device, self.device.user
        for entity, record, version in delta.upserts:
            device.store.setdefault(entity, {})[str(record["id"])] = record
            device.seen[(entity, str(record["id"]))] = version
        for entity, record_id in delta.removals:
            device.store[entity].pop(record_id, None)
            device.seen.pop((entity, record_id), None)
        for entity in entities:
            device.tokens[entity] = delta.token
        offline = self.profiles.offline_entities(user)
        if entities >= offline:
            device.refetch.clear()
        if privileges_changed:
            device.security = self.server.security.snapshot()
        device.offline_entities = offline
        device.profiles = self.profiles.profiles_of(user)
        device.links = held_links(device, self.server)
        self.downloaded, self.removed = len(delta.upserts), len(delta.removals)
