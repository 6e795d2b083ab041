"""The sync cycle: upload the queue in order, download what the user's subscription needs, refresh privileges."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from harness.driver import FaultPoint, Fields, NetworkConditions, SyncError, SyncReport
from harness.reference.changes import Change
from harness.reference.clock import DAY, SimulatedClock
from harness.reference.device import Device
from harness.reference.forms import held_links
from harness.reference.metadata import Metadata
from harness.reference.network import (
    DOWNLOAD_PAGE,
    METADATA_BYTES_PER_COLUMN,
    METADATA_BYTES_PER_ENTITY,
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
    """One cycle in progress on one device; `begin` uploads, `finish` downloads and refreshes privileges."""

    device: Device
    server: ServerStore
    profiles: Profiles
    metadata: Metadata
    clock: SimulatedClock
    link: NetworkConditions
    fault: FaultPoint | None = None
    started: float = 0.0
    transfer: Transfer = field(default_factory=Transfer)
    uploaded: int = 0
    rejected: int = 0
    downloaded: int = 0
    removed: int = 0
    metadata_refreshed: bool = False
    rejected_changes: dict[str, Change] = field(default_factory=dict)

    def run(self) -> SyncReport:
        """Both halves in one go."""
        try:
            self.begin()
        except Interrupted:
            return self.report(completed=False)
        return self.finish()

    def begin(self) -> None:
        """Metadata if due, then upload the changes queued before the cycle started."""
        self.started = self.clock.seconds
        self.transfer.request(up=200, down=200)
        self._metadata()
        if self.fault == "before_upload":
            raise Interrupted
        batch = list(self.device.queue)
        for start in range(0, len(batch), UPLOAD_BATCH):
            self._upload(batch[start : start + UPLOAD_BATCH])

    def finish(self) -> SyncReport:
        """Download the subscription's differences, refresh the privilege snapshot, report."""
        try:
            self._download()
        except Interrupted:
            return self.report(completed=False)
        self.device.security = self.server.security.snapshot()
        self.device.offline_entities = self.profiles.offline_entities(self.device.user)
        self.device.links = held_links(self.device, self.server)
        self.device.synced_once = True
        return self.report(completed=True)

    def report(self, completed: bool) -> SyncReport:
        """The cycle as the seam reports it; the clock moves by the cycle's simulated duration."""
        duration = self.transfer.duration(self.link)
        return SyncReport(
            completed=completed,
            started=self.clock.iso(self.started),
            duration_seconds=round(duration, 3),
            uploaded=self.uploaded,
            rejected=self.rejected,
            downloaded=self.downloaded,
            removed=self.removed,
            bytes_up=self.transfer.bytes_up,
            bytes_down=self.transfer.bytes_down,
            round_trips=self.transfer.round_trips,
            metadata_refreshed=self.metadata_refreshed,
            fault=None if completed and self.fault is None else self.fault,
        )

    # -- steps ----------------------------------------------------------------------------------
    def _metadata(self) -> None:
        device = self.device
        last = device.metadata_synced_at
        if last is not None and self.clock.seconds - last < DAY:
            return
        for entity in self.profiles.metadata_entities(device.user):
            columns = len(self.metadata.entities[entity].attributes)
            self.transfer.request(down=METADATA_BYTES_PER_ENTITY + METADATA_BYTES_PER_COLUMN * columns)
        device.metadata_synced_at = self.clock.seconds
        self.metadata_refreshed = True

    def _upload(self, batch: list[Change]) -> None:
        device, server = self.device, self.server
        self.transfer.request(up=sum(record_bytes(c.fields) + 80 for c in batch), down=40 * len(batch))
        for change in batch:
            outcome = server.apply(f"device:{device.user}", device.user, change)
            if self.fault == "after_server_apply":
                raise Interrupted
            device.queue.remove(change)
            if isinstance(outcome, Rejected):
                self._reject(change, outcome)
            else:
                self.uploaded += 1
                device.seen[(change.entity, change.record_id)] = -1

    def _reject(self, change: Change, outcome: Rejected) -> None:
        device = self.device
        error_id = f"E{len(device.errors) + 1}"
        device.errors.append(
            SyncError(
                error_id,
                self.clock.iso(),
                change.entity,
                change.record_id,
                change.action,
                outcome.type,
                outcome.message,
            )
        )
        device.rejected[error_id] = change
        device.seen[(change.entity, change.record_id)] = -1
        self.rejected += 1

    def _download(self) -> None:
        device, server = self.device, self.server
        wanted = with_notes(self.profiles.subscription(device.user, server), server, device.user)
        pending = {(c.entity, c.record_id) for c in device.queue}
        upserts: list[tuple[str, Fields, int]] = []
        for entity, ids in wanted.items():
            for record_id in sorted(ids):
                version = server.version_of(entity, record_id)
                if device.seen.get((entity, record_id)) != version and (entity, record_id) not in pending:
                    record = server.get(entity, record_id)
                    assert record is not None
                    upserts.append((entity, self._visible(entity, record), version))
        halfway = len(upserts) // 2 if self.fault == "during_download" else -1
        for start in range(0, max(len(upserts), 1), DOWNLOAD_PAGE):
            page = upserts[start : start + DOWNLOAD_PAGE]
            self.transfer.request(up=120, down=sum(record_bytes(r) for _, r, _ in page) + 200)
            for index, (entity, record, version) in enumerate(page, start):
                if index == halfway:
                    raise Interrupted
                device.store.setdefault(entity, {})[str(record["id"])] = record
                device.seen[(entity, str(record["id"]))] = version
                self.downloaded += 1
        for entity, table in device.store.items():
            keep = wanted.get(entity, set())
            for record_id in [i for i in table if i not in keep and (entity, i) not in pending]:
                del table[record_id]
                device.seen.pop((entity, record_id), None)
                self.removed += 1

    def _visible(self, entity: str, record: Fields) -> Fields:
        """The record as the device may hold it: secured columns never leave the server (SEC-5)."""
        security = self.server.security
        return {k: copy.deepcopy(v) for k, v in record.items() if not security.is_secured(entity, k)}
