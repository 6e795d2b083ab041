"""Deliberately broken implementations, each breaking one guarantee beyond the page (REL)."""

from __future__ import annotations

import dataclasses

from harness.driver import Outcome, Refused, SyncError, SyncReport
from harness.reference import ReferenceImplementation
from harness.reference.changes import Change
from harness.reference.delta import Delta
from harness.reference.device import Device
from harness.reference.server import ADMIN, Applied, Rejected, ServerStore
from harness.reference.sync import Cycle, Interrupted
from tests.broken.swap import built_with, with_device


class _Renumbering(ServerStore):
    def apply(self, origin: str, user: str, change: Change) -> Applied | Rejected:
        if change.action == "create":
            change = dataclasses.replace(change, record_id=f"srv-{change.record_id}")
        return super().apply(origin, user, change)


class REL_ID(ReferenceImplementation):
    """The server gives records created offline ids of its own."""

    def __init__(self) -> None:
        super().__init__(server=_Renumbering)


class _Forgetful(ServerStore):
    def apply(self, origin: str, user: str, change: Change) -> Applied | Rejected:
        self.last_seq.pop(origin, None)
        return super().apply(origin, user, change)


class REL_IDEM(ReferenceImplementation):
    """The server does not remember which changes it applied: a replayed upload is applied again."""

    def __init__(self) -> None:
        super().__init__(server=_Forgetful)


class _DropsUnconfirmed(Cycle):
    def _upload(self, batch: list[Change]) -> None:
        try:
            super()._upload(batch)
        except Interrupted:
            self.device.queue = [change for change in self.device.queue if change not in batch]
            raise


class REL_FAULT(ReferenceImplementation):
    """When the connection drops during an upload, the device takes the whole batch as delivered."""

    def __init__(self) -> None:
        super().__init__(cycle=_DropsUnconfirmed)


class _StaleCopies(Cycle):
    def _commit(self, delta: Delta, entities: set[str], privileges_changed: bool) -> None:
        held = {record_id for table in self.device.store.values() for record_id in table}
        new = [upsert for upsert in delta.upserts if str(upsert[1]["id"]) not in held]
        super()._commit(dataclasses.replace(delta, upserts=new), entities, privileges_changed)


class REL_CONV(ReferenceImplementation):
    """The download brings new records only: a record the device already holds is never refreshed."""

    def __init__(self) -> None:
        super().__init__(cycle=_StaleCopies)


class REL_CONFLICT(ReferenceImplementation):
    """Turning conflict detection on changes nothing."""

    def set_conflict_detection(self, enabled: bool) -> Outcome:
        return None


class _KeepsRejectedEffects(Cycle):
    def _upload(self, batch: list[Change]) -> None:
        super()._upload(batch)
        for change in batch:
            if change in self.device.rejected.values():
                self.device.apply_locally(change)
                self.device.refetch.discard(change.record_id)


class REL_ERR(ReferenceImplementation):
    """A rejected change is reported but its effect stays on the device."""

    def __init__(self) -> None:
        super().__init__(cycle=_KeepsRejectedEffects)


class REL_DEL(ReferenceImplementation):
    """Before a sync, the device drops pending changes to records that left the user's scope."""

    def sync(self, user: str) -> SyncReport | Refused:
        device = self.devices.get(user)
        if device is not None:
            scope = set().union(*self.profiles.subscription(user, self.server).values())
            device.queue = [c for c in device.queue if c.action == "create" or c.record_id in scope]
        return super().sync(user)


# -- REL-ID: ids made on a device ------------------------------------------------------------------
class _LocalIds(Device):
    def new_id(self) -> str:
        self.ids_made += 1
        return f"local-{self.ids_made:06d}"


class _IdsCountedPerQueue(Device):
    def new_id(self) -> str:
        if not self.queue:
            self.ids_made = 0
        return super().new_id()


REL_ID__unique_per_device_only = with_device(_LocalIds)
"""A device numbers its ids without saying whose they are: two devices give the same ids."""
REL_ID__counter_restarts_after_sync = with_device(_IdsCountedPerQueue)
"""A device counts its ids with its queue: once a sync empties the queue, the ids start over."""


# -- REL-IDEM: numbering the queue -----------------------------------------------------------------
class _NumbersPerQueue(Device):
    def enqueue(self, change: Change) -> None:
        if not self.queue:
            self.next_seq = 1
        super().enqueue(change)


class _OneCounter(ServerStore):
    def apply(self, origin: str, user: str, change: Change) -> Applied | Rejected:
        return super().apply("devices", user, change)


REL_IDEM__one_counter_for_all_devices = built_with(server=_OneCounter)
"""The server remembers one last applied number for all devices together."""


REL_IDEM__numbering_restarts = with_device(_NumbersPerQueue)
"""A device numbers its changes from 1 again whenever its queue is empty."""


# -- REL-FAULT: a cycle cut off --------------------------------------------------------------------
class _DeletesSentOnce(Cycle):
    def _upload(self, batch: list[Change]) -> None:
        try:
            super()._upload(batch)
        except Interrupted:
            sent = [c for c in batch if c.action == "delete"]
            self.device.queue = [c for c in self.device.queue if c not in sent]
            raise


REL_FAULT__deletes_sent_once = built_with(cycle=_DeletesSentOnce)
"""A delete leaves the queue once sent: when the connection drops before the answer, it is lost."""


# -- REL-CONV: the device's copy -------------------------------------------------------------------
class _DeltaIsEverything(Cycle):
    def _commit(self, delta: Delta, entities: set[str], privileges_changed: bool) -> None:
        fresh, pending = {str(record["id"]) for _, record, _ in delta.upserts}, self.device.pending_ids()
        stale = [
            (entity, record_id)
            for entity in entities
            if self.device.tokens.get(entity, 0)
            for record_id in self.device.store.get(entity, {})
            if record_id not in fresh and record_id not in pending
        ]
        removals = sorted(set(delta.removals) | set(stale))
        super()._commit(dataclasses.replace(delta, removals=removals), entities, privileges_changed)


REL_CONV__delta_taken_as_everything = built_with(cycle=_DeltaIsEverything)
"""A delta cycle's download is taken for the whole scope: records it did not bring leave the device."""


# -- REL-CONFLICT: what counts as a conflict -------------------------------------------------------
class _UpdatesOnly(ServerStore):
    def _conflicts(self, origin: str, change: Change) -> bool:
        return change.action == "update" and super()._conflicts(origin, change)


class _AnyNewerVersion(ServerStore):
    def _conflicts(self, origin: str, change: Change) -> bool:
        return self.conflict_detection and self.version_of(change.entity, change.record_id) > change.base_version


class _AdministratorOnly(ServerStore):
    def _conflicts(self, origin: str, change: Change) -> bool:
        writes = self.writers.get((self.stored_as(change.entity, change.record_id), change.record_id), {})
        return self.conflict_detection and writes.get(ADMIN, 0) > change.base_version


class _SeenOnce(Cycle):
    def _commit(self, delta: Delta, entities: set[str], privileges_changed: bool) -> None:
        before = dict(self.device.seen)
        super()._commit(delta, entities, privileges_changed)
        self.device.seen.update({key: version for key, version in before.items() if key in self.device.seen})


REL_CONFLICT__updates_only = built_with(server=_UpdatesOnly)
"""Only updates are checked for conflicts: a delete of a record changed meanwhile goes through."""
REL_CONFLICT__any_newer_version = built_with(server=_AnyNewerVersion)
"""Any newer version on the server is a conflict, even one the device itself wrote."""
REL_CONFLICT__administrator_only = built_with(server=_AdministratorOnly)
"""Only the administrator's changes count: another user's change synced from her device is no conflict."""


REL_CONFLICT__seen_at_first_download_only = built_with(cycle=_SeenOnce)
"""The device remembers the version of a record from its first download, not from later ones."""


# -- REL-ERR: the user's list of sync errors -------------------------------------------------------
class _FreshErrorsEachCycle(Cycle):
    def begin(self) -> None:
        self.device.errors, self.device.rejected = [], {}
        super().begin()


REL_ERR__errors_cleared_by_next_sync = built_with(cycle=_FreshErrorsEachCycle)
"""Each cycle starts a new list of sync errors: the last cycle's errors are gone, unretried."""


class REL_ERR__newest_first(ReferenceImplementation):
    """Sync errors are listed newest first."""

    def sync_errors(self, user: str) -> list[SyncError]:
        return list(reversed(super().sync_errors(user)))


# -- REL-DEL: what leaves the device ---------------------------------------------------------------
class _TombstonesOnly(Cycle):
    def _commit(self, delta: Delta, entities: set[str], privileges_changed: bool) -> None:
        tokens = self.device.tokens
        removals = [
            (entity, record_id)
            for entity, record_id in delta.removals
            if not tokens.get(entity, 0) or record_id in self.server.changed_since(tokens[entity])
        ]
        super()._commit(dataclasses.replace(delta, removals=removals), entities, privileges_changed)


REL_DEL__changed_records_only_leave = built_with(cycle=_TombstonesOnly)
"""Only a record deleted or changed since the last cycle can leave the device."""
