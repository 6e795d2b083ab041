"""The sync cycle: upload the queue in order, download the delta of the user's membership, refresh privileges.

A cycle has two halves so that the app can keep working in between (SYN-3): `begin` opens the cycle,
refreshes metadata when due and uploads the changes queued so far; `finish` moves the membership on, downloads
the delta and commits it, the new tokens and the privilege snapshot in one step. A fault (REL-FAULT) stops the
cycle at its point; nothing the device has not committed counts, so the next cycle redoes exactly what is left.
A change the server rejects becomes a sync error the user sees, and its local effect is undone (REL-ERR).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from harness.driver import FaultPoint, Fields, NetworkConditions, SyncError, SyncReport
from harness.reference.changes import Change
from harness.reference.clock import DAY, SimulatedClock
from harness.reference.delta import Delta, delta_for
from harness.reference.device import SNAPSHOT, Device, Snapshot
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
    WireSizes,
    record_bytes,
)
from harness.reference.server import Rejected, ServerStore
from harness.reference.subscription import Advance, Ids, Journal, Membership, Scope, first_touch

ERRORS, REJECTED, REFETCH = "errors", "rejected", "refetch"
ATTEMPTED, LAST_CYCLE, METADATA_AT = "attempted", "last_cycle", "metadata_synced_at"


class Interrupted(Exception):
    """The simulated connection dropped at a fault point."""


class Memberships:
    """The membership the server keeps for each user's device (committed with the device's cycle), each worked out
    as a `kind`."""

    def __init__(self, kind: type[Membership] = Membership) -> None:
        self.kind = kind
        self.kept: dict[str, Membership] = {}

    def of(self, user: str) -> Membership | None:
        """The user's committed membership, or None before their first completed cycle."""
        return self.kept.get(user)

    def keep(self, user: str, membership: Membership) -> None:
        """Commit a membership."""
        self.kept[user] = membership

    def forget(self, user: str) -> None:
        """Drop a user's membership (their device is gone)."""
        self.kept.pop(user, None)


@dataclass
class Cycle:
    """One cycle in progress on one device; `due` names the entities the schedule found due (None: all)."""

    device: Device
    server: ServerStore
    memberships: Memberships
    scope: Callable[[], Scope]
    clock: SimulatedClock
    link: NetworkConditions
    sizes: WireSizes
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
        store, scope = self.device.store, self.scope()
        self.started = self.clock.seconds
        attempted = dict(store.meta(ATTEMPTED, {}))
        attempted.update(dict.fromkeys(self.due if self.due is not None else scope.profile.entities, self.started))
        with store.transaction():
            store.set_meta(LAST_CYCLE, self.started)
            store.set_meta(ATTEMPTED, attempted)
        self.transfer.request(up=HANDSHAKE_BYTES, down=HANDSHAKE_BYTES)
        self._metadata(scope)
        if self.fault == "before_upload":
            raise Interrupted
        batch = store.queue()
        for start in range(0, len(batch), UPLOAD_BATCH):
            self._upload(batch[start : start + UPLOAD_BATCH])

    def finish(self) -> SyncReport:
        """Move the membership on, download its delta, then commit it with the tokens and the snapshot; report."""
        device, scope = self.device, self.scope()
        snapshot = device.snapshot
        privileges_changed = snapshot is None or snapshot.access != scope.access
        kept = self.memberships.of(device.user)
        advance = self._advance(kept, scope)
        membership = advance.membership
        entities = self._entities(scope, membership, advance.touched, privileges_changed, advance.rescoped)
        resend = _resent(snapshot, scope)
        touched = _with_refetch(advance.touched, device)
        delta = delta_for(device, self.server, membership, touched, entities, resend, self.sizes)
        try:
            self._download(delta)
        except Interrupted:
            advance.rollback()
            return self.report(completed=False)
        self._commit(delta, entities, Snapshot(scope.profile.entities, scope.access), advance)
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
    def _metadata(self, scope: Scope) -> None:
        """On the first cycle and then daily: one request per entity of the offline app modules (SYN-MD)."""
        store = self.device.store
        last = store.meta(METADATA_AT)
        if last is not None and self.clock.seconds - last < DAY:
            return
        for _ in scope.profile.metadata_entities:
            self.transfer.request(up=HANDSHAKE_BYTES, down=METADATA_BYTES_PER_ENTITY)
        store.set_meta(METADATA_AT, self.clock.seconds)
        self.metadata_refreshed = True

    def _upload(self, batch: list[Change]) -> None:
        """Send a batch in queue order; each change leaves the queue only once the server's answer arrives."""
        device = self.device
        self.transfer.request(
            up=sum(record_bytes(c.fields) + CHANGE_OVERHEAD_BYTES for c in batch), down=ACK_BYTES * len(batch)
        )
        with device.store.transaction():
            for change in batch:
                outcome = self.server.apply(f"device:{device.user}", device.user, change)
                if self.fault == "after_server_apply":
                    raise Interrupted
                if isinstance(outcome, Rejected):
                    reject(device, change, outcome, self.clock.iso())
                    self.rejected += 1
                else:
                    device.store.remove(change)
                    self.uploaded += 1
                self._settle(change.entity, change.record_id)

    def _settle(self, entity: str, record_id: str) -> None:
        """After an upload, a record with nothing left to upload stays only if the privileges of the last sync let
        the user read it (a record out of her reach was kept only for its pending changes)."""
        device = self.device
        record, snapshot = device.store.get(entity, record_id), device.snapshot
        if record is None or snapshot is None or record_id in device.pending_ids():
            return
        ownership = self.server.metadata.entities[entity].ownership
        if not snapshot.access.allows("read", entity, ownership, record):
            device.forget(record_id)

    def _advance(self, kept: Membership | None, scope: Scope) -> Advance:
        """The membership moved on to `scope`; a device with none gets one worked out in full."""
        if kept is not None:
            return kept.advance(scope, self.server)
        fresh = self.memberships.kind.compute(scope, self.server)
        store = self.device.store
        held = {entity: store.ids(entity) for entity in store.entities()}
        return Advance(fresh, Journal(), first_touch(fresh, held), rescoped=True)

    def _entities(
        self, scope: Scope, membership: Membership, touched: Ids, privileges_changed: bool, profile_changed: bool
    ) -> set[str]:
        """The entities to download: the due ones, all of them when privileges or the profile changed, and any
        other entity that has something to move (timeline notes, entities that left the profile)."""
        offline = scope.profile.entities
        rescoped = privileges_changed or profile_changed
        wanted = set(offline) if self.due is None or rescoped else self.due & offline
        moving = {e for e, ids in membership.members.items() if ids} | {e for e, ids in touched.items() if ids}
        moving |= {e for e, ids in membership.owed.items() if ids} | set(self.device.store.entities())
        return wanted | (moving - offline)

    def _download(self, delta: Delta) -> None:
        """Page the delta down; the privilege snapshot rides on the last page."""
        sizes = delta.sizes
        pages = [sizes[i : i + DOWNLOAD_PAGE] for i in range(0, len(sizes), DOWNLOAD_PAGE)] or [[]]
        for number, page in enumerate(pages):
            down = sum(page)
            down += REMOVAL_BYTES * len(delta.removals) if number == 0 else 0
            down += PRIVILEGES_BYTES if number == len(pages) - 1 else 0
            self.transfer.request(up=PAGE_REQUEST_BYTES, down=down)
            if self.fault == "during_download" and number == (len(pages) - 1) // 2:
                raise Interrupted

    def _commit(self, delta: Delta, entities: set[str], snapshot: Snapshot, advance: Advance) -> None:
        """Apply the delta, move the tokens, take the new snapshot and keep the membership, together."""
        device = self.device
        store = device.store
        with store.transaction():
            for entity, batch in delta.upserts.items():
                store.put_many(entity, batch.records, batch.versions)
            for entity, record_id in delta.removals:
                store.delete(entity, record_id)
            store.set_tokens(entities, delta.token)
            store.set_meta(REFETCH, {})
            store.set_meta(SNAPSHOT, snapshot)
            store.set_meta("links", advance.membership.links)
        advance.commit()
        advance.membership.owed = delta.owed
        self.memberships.keep(device.user, advance.membership)
        self.downloaded, self.removed = delta.count, len(delta.removals)


def _resent(snapshot: Snapshot | None, scope: Scope) -> set[str]:
    """Entities whose secured columns changed since the last snapshot: their records come down again."""
    before = snapshot.access.secured if snapshot else frozenset()
    return {entity for entity, _ in before ^ scope.access.secured}


def _with_refetch(touched: Ids, device: Device) -> Ids:
    """The touched records plus those whose server copy the device must fetch again (after a rejection)."""
    refetch: Ids = device.store.meta(REFETCH, {})
    if not refetch:
        return touched
    merged = {entity: set(ids) for entity, ids in touched.items()}
    for entity, ids in refetch.items():
        merged.setdefault(entity, set()).update(ids)
    return merged


# -- sync errors (REL-ERR) ------------------------------------------------------------------------
def reject(device: Device, change: Change, rejection: Rejected, now: str) -> None:
    """Show a rejected change as a sync error, drop it from the queue and undo its local effect."""
    store = device.store
    error_id = f"E{device.count('errors_made')}"
    error = SyncError(error_id, now, change.entity, change.record_id, change.action, rejection.type, rejection.message)
    store.set_meta(ERRORS, [*store.meta(ERRORS, []), error])
    store.set_meta(REJECTED, {**store.meta(REJECTED, {}), error_id: change})
    store.remove(change)
    revert(device, change.entity, change.record_id, rejection.current, rejection.version, now)


def revert(device: Device, entity: str, record_id: str, current: Fields | None, version: int, now: str) -> None:
    """Put back the server's copy of a record (or drop it), then replay its changes still queued."""
    store = device.store
    device.forget(record_id)
    if current is not None:
        store.put(entity, current, version)
    refetch: Ids = {e: set(ids) for e, ids in store.meta(REFETCH, {}).items()}
    refetch.setdefault(entity, set()).add(record_id)
    store.set_meta(REFETCH, refetch)
    for queued in store.queue():
        if queued.record_id == record_id:
            device.apply(queued, now)


def errors(device: Device) -> list[SyncError]:
    """The sync errors the user sees, oldest first."""
    return list(device.store.meta(ERRORS, []))


def rejected(device: Device) -> dict[str, Change]:
    """The rejected changes by sync error id."""
    return dict(device.store.meta(REJECTED, {}))


def retry(device: Device, error_id: str, now: str) -> bool:
    """Queue a rejected change again, redoing its local effect; False if there is no such error."""
    store = device.store
    kept = rejected(device)
    change = kept.pop(error_id, None)
    if change is None:
        return False
    with store.transaction():
        store.set_meta(REJECTED, kept)
        store.set_meta(ERRORS, [e for e in errors(device) if e.id != error_id])
        device.record(change, now)
    return True
