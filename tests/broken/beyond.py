"""Deliberately broken implementations, each breaking one guarantee beyond the page (REL)."""

from __future__ import annotations

import dataclasses

from harness.driver import Fields, Outcome, Refused, SyncError, SyncReport
from harness.reference.changes import Action, Change
from harness.reference.delta import Delta
from harness.reference.device import Device, Snapshot
from harness.reference.fleet import Fleet
from harness.reference.security import Principal, SecurityModel
from harness.reference.server import ADMIN, Applied, Rejected, ServerStore
from harness.reference.subscription import Advance, Ids, Journal, Membership, Scope
from harness.reference.sync import ERRORS, REFETCH, REJECTED, Cycle, Interrupted, errors, rejected
from tests.broken.swap import swapping


class _Renumbering(ServerStore):
    def apply(self, origin: str, user: str, change: Change) -> Applied | Rejected:
        if change.action == "create":
            change = dataclasses.replace(change, record_id=f"srv-{change.record_id}")
        return super().apply(origin, user, change)


REL_ID = swapping(server=_Renumbering)
"""The server gives records created offline ids of its own."""


class _Forgetful(ServerStore):
    def apply(self, origin: str, user: str, change: Change) -> Applied | Rejected:
        self.last_seq.pop(origin, None)
        return super().apply(origin, user, change)


REL_IDEM = swapping(server=_Forgetful)
"""The server does not remember which changes it applied: a replayed upload is applied again."""


class _DropsUnconfirmed(Cycle):
    def _upload(self, batch: list[Change]) -> None:
        try:
            super()._upload(batch)
        except Interrupted:
            for change in batch:
                self.device.store.remove(change)
            raise


REL_FAULT = swapping(cycle=_DropsUnconfirmed)
"""When the connection drops during an upload, the device takes the whole batch as delivered."""


class _StaleCopies(Cycle):
    def _commit(self, delta: Delta, entities: set[str], snapshot: Snapshot, advance: Advance) -> None:
        store = self.device.store
        new = {e: batch.only(lambda i, r, e=e: store.get(e, i) is None) for e, batch in delta.upserts.items()}
        super()._commit(dataclasses.replace(delta, upserts=new), entities, snapshot, advance)


REL_CONV = swapping(cycle=_StaleCopies)
"""The download brings new records only: a record the device already holds is never refreshed."""


class _NeverDetects(ServerStore):
    def set_conflict_detection(self, enabled: bool) -> Outcome:
        return None


REL_CONFLICT = swapping(server=_NeverDetects)
"""Turning conflict detection on changes nothing."""


class _KeepsRejectedEffects(Cycle):
    def _upload(self, batch: list[Change]) -> None:
        super()._upload(batch)
        store, kept = self.device.store, rejected(self.device).values()
        for change in batch:
            if change in kept:
                self.device.apply(change, self.clock.iso())
                refetch = {e: ids - {change.record_id} for e, ids in store.meta(REFETCH, {}).items()}
                store.set_meta(REFETCH, refetch)


REL_ERR = swapping(cycle=_KeepsRejectedEffects)
"""A rejected change is reported but its effect stays on the device."""


class _DropsChangesOutOfScope(Fleet):
    def sync(self, user: str) -> SyncReport | Refused:
        device = self.devices.get(user)
        if device is not None:
            membership = Membership.compute(self.profiles.scope(user), self.server)
            scope = set().union(*membership.members.values())
            for change in device.store.queue():
                if change.action != "create" and change.record_id not in scope:
                    device.store.remove(change)
        return super().sync(user)


REL_DEL = swapping(fleet=_DropsChangesOutOfScope)
"""Before a sync, the device drops pending changes to records that left the user's scope."""


# -- REL-ID: ids made on a device ------------------------------------------------------------------
class _LocalIds(Device):
    def new_id(self) -> str:
        return f"local-{self.count('ids_made'):06d}"


class _IdsCountedPerQueue(Device):
    def new_id(self) -> str:
        if not self.store.queue():
            self.store.set_meta("ids_made", 0)
        return super().new_id()


REL_ID__unique_per_device_only = swapping(device=_LocalIds)
"""A device numbers its ids without saying whose they are: two devices give the same ids."""
REL_ID__counter_restarts_after_sync = swapping(device=_IdsCountedPerQueue)
"""A device counts its ids with its queue: once a sync empties the queue, the ids start over."""


# -- REL-IDEM: numbering the queue -----------------------------------------------------------------
class _NumbersPerQueue(Device):
    def enqueue(self, change: Change) -> None:
        if not self.store.queue():
            self.store.set_meta("seq", 0)
        super().enqueue(change)


class _OneCounter(ServerStore):
    def apply(self, origin: str, user: str, change: Change) -> Applied | Rejected:
        return super().apply("devices", user, change)


REL_IDEM__one_counter_for_all_devices = swapping(server=_OneCounter)
"""The server remembers one last applied number for all devices together."""


REL_IDEM__numbering_restarts = swapping(device=_NumbersPerQueue)
"""A device numbers its changes from 1 again whenever its queue is empty."""


# -- REL-FAULT: a cycle cut off --------------------------------------------------------------------
class _DeletesSentOnce(Cycle):
    def _upload(self, batch: list[Change]) -> None:
        try:
            super()._upload(batch)
        except Interrupted:
            for change in batch:
                if change.action == "delete":
                    self.device.store.remove(change)
            raise


REL_FAULT__deletes_sent_once = swapping(cycle=_DeletesSentOnce)
"""A delete leaves the queue once sent: when the connection drops before the answer, it is lost."""


# -- REL-CONV: the device's copy -------------------------------------------------------------------
class _DeltaIsEverything(Cycle):
    def _commit(self, delta: Delta, entities: set[str], snapshot: Snapshot, advance: Advance) -> None:
        store, pending = self.device.store, self.device.pending_ids()
        fresh = {(entity, record_id) for entity, batch in delta.upserts.items() for record_id in batch.records}
        stale = [
            (entity, record_id)
            for entity in entities
            if store.token(entity)
            for record_id in store.ids(entity)
            if (entity, record_id) not in fresh and record_id not in pending
        ]
        removals = sorted(set(delta.removals) | set(stale))
        super()._commit(dataclasses.replace(delta, removals=removals), entities, snapshot, advance)


REL_CONV__delta_taken_as_everything = swapping(cycle=_DeltaIsEverything)
"""A delta cycle's download is taken for the whole scope: records it did not bring leave the device."""


class _LinksOfChangedRecordsOnly(Membership):
    def _relink(self, server: ServerStore, changed: Ids, moved: dict[tuple[str, str], bool], journal: Journal) -> None:
        super()._relink(server, changed, {}, journal)


REL_CONV__links_follow_changed_records_only = swapping(membership=_LinksOfChangedRecordsOnly)
"""The device's many-to-many links are redone only for records changed on the server: a record that leaves or
comes back unchanged (aged out of a filter, a filter widened) keeps its links on the device, or comes back without."""


class _LinksRebuiltFromTheDelta(Membership):
    def _relink(self, server: ServerStore, changed: Ids, moved: dict[tuple[str, str], bool], journal: Journal) -> None:
        for name, definition in server.metadata.relationships.items():
            if name in self.links and (changed.get(definition.referenced) or changed.get(definition.referencing)):
                journal.put(self.links, name, set())  # type: ignore[arg-type]
        super()._relink(server, changed, moved, journal)


REL_CONV__links_rebuilt_from_the_delta = swapping(membership=_LinksRebuiltFromTheDelta)
"""A many-to-many relationship with a record changed in the interval has its device links rebuilt from the changed
records alone: the links between the other records of that relationship are lost."""


class _FirstLinksWithOneEnd(Membership):
    @classmethod
    def compute(cls, scope: Scope, server: ServerStore, notes: bool = True) -> Membership:
        found = super().compute(scope, server, notes)
        members, relationships = found.members, server.metadata.relationships
        for name, pairs in server.links.items():
            ends = relationships[name]
            left, right = members.get(ends.referenced, set()), members.get(ends.referencing, set())
            if kept := {(a, b) for a, b in pairs if a in left or b in right}:
                found.links[name] = kept
        return found


REL_CONV__first_sync_links_with_one_end = swapping(membership=_FirstLinksWithOneEnd)
"""A first sync brings every link one of whose records comes down, not only those whose two records do."""


# -- REL-CONFLICT: what counts as a conflict -------------------------------------------------------
class _UpdatesOnly(ServerStore):
    def _conflicts(self, origin: str, change: Change) -> bool:
        return change.action == "update" and super()._conflicts(origin, change)


class _AnyNewerVersion(ServerStore):
    def _conflicts(self, origin: str, change: Change) -> bool:
        return self.conflict_detection and self.version_of(change.entity, change.record_id) > change.base_version


class _AdministratorOnly(ServerStore):
    def _record(
        self,
        action: Action,
        entity: str,
        record_id: str,
        fields: Fields,
        owner: str,
        modified: str | None,
        origin: str,
        seq: int = 0,
    ) -> None:
        super()._record(action, entity, record_id, fields, owner, modified, origin, seq)
        if origin == ADMIN:
            self.__dict__.setdefault("by_admin", {})[(entity, record_id)] = self.version

    def _conflicts(self, origin: str, change: Change) -> bool:
        by_admin: dict[tuple[str, str], int] = self.__dict__.get("by_admin", {})
        key = (self.stored_as(change.entity, change.record_id), change.record_id)
        return self.conflict_detection and by_admin.get(key, 0) > change.base_version


class _SeenOnce(Cycle):
    def _commit(self, delta: Delta, entities: set[str], snapshot: Snapshot, advance: Advance) -> None:
        store = self.device.store
        before = {(e, i): store.version(e, i) for e in store.entities() for i in store.ids(e)}
        super()._commit(delta, entities, snapshot, advance)
        for (entity, record_id), version in before.items():
            if (record := store.get(entity, record_id)) is not None:
                store.put(entity, record, version)


REL_CONFLICT__updates_only = swapping(server=_UpdatesOnly)
"""Only updates are checked for conflicts: a delete of a record changed meanwhile goes through."""
REL_CONFLICT__any_newer_version = swapping(server=_AnyNewerVersion)
"""Any newer version on the server is a conflict, even one the device itself wrote."""
REL_CONFLICT__administrator_only = swapping(server=_AdministratorOnly)
"""Only the administrator's changes count: another user's change synced from her device is no conflict."""


REL_CONFLICT__seen_at_first_download_only = swapping(cycle=_SeenOnce)
"""The device remembers the version of a record from its first download, not from later ones."""


class _BasedOnTheLocalEffect(Device):
    def record(self, change: Change, now: str) -> None:
        self.apply(change, now)
        self.enqueue(change)


REL_CONFLICT__deletes_seen_as_unseen = swapping(device=_BasedOnTheLocalEffect)
"""A change is based on the record as it is after its local effect: a deleted record looks never seen, so with
conflict detection on every offline delete is a conflict."""


# -- REL-ERR: the user's list of sync errors -------------------------------------------------------
class _FreshErrorsEachCycle(Cycle):
    def begin(self) -> None:
        self.device.store.set_meta(ERRORS, [])
        self.device.store.set_meta(REJECTED, {})
        super().begin()


REL_ERR__errors_cleared_by_next_sync = swapping(cycle=_FreshErrorsEachCycle)
"""Each cycle starts a new list of sync errors: the last cycle's errors are gone, unretried."""


class _NewestFirst(Fleet):
    def sync_errors(self, user: str) -> list[SyncError]:
        return list(reversed(super().sync_errors(user)))


REL_ERR__newest_first = swapping(fleet=_NewestFirst)
"""Sync errors are listed newest first."""


class _LastErrorOfABatch(Cycle):
    def _upload(self, batch: list[Change]) -> None:
        before = len(errors(self.device))
        super()._upload(batch)
        shown = errors(self.device)
        self.device.store.set_meta(ERRORS, shown[:before] + shown[before:][-1:])


REL_ERR__one_error_per_upload = swapping(cycle=_LastErrorOfABatch)
"""When several changes of one upload are turned down, only the last one's sync error is shown."""


class _RetriedChangesKept(Fleet):
    def retry_sync_error(self, user: str, error_id: str) -> Outcome:
        device = self.devices.get(user)
        kept = rejected(device) if device else {}
        outcome = super().retry_sync_error(user, error_id)
        if device is not None:
            device.store.set_meta(REJECTED, kept)
        return outcome


REL_ERR__retried_error_can_be_retried_again = swapping(fleet=_RetriedChangesKept)
"""A retried sync error leaves the list, but its change stays retriable: retrying it again queues it twice."""


class _NewestRejectionOnly(Cycle):
    def _upload(self, batch: list[Change]) -> None:
        super()._upload(batch)
        if kept := rejected(self.device):
            newest = list(kept)[-1]
            self.device.store.set_meta(REJECTED, {newest: kept[newest]})


REL_ERR__only_the_newest_error_can_be_retried = swapping(cycle=_NewestRejectionOnly)
"""Each rejection replaces the change kept for retry: an older sync error is listed but can no longer be retried."""


class _RetriesUnseen(Device):
    def enqueue(self, change: Change) -> None:
        if self.store.get(change.entity, change.record_id) is None:
            change = dataclasses.replace(change, base_version=0)
        super().enqueue(change)


REL_ERR__retry_of_a_record_taken_away_is_a_conflict = swapping(device=_RetriesUnseen)
"""A retried change to a record the device no longer holds is based on no version at all: with conflict detection on,
it is turned down as a conflict though nobody else changed the record."""


class _RetriesAfterTheLocalEffect(Fleet):
    def retry_sync_error(self, user: str, error_id: str) -> Outcome:
        device = self.devices.get(user)
        change = rejected(device).get(error_id) if device else None
        if device is None or change is None:
            return super().retry_sync_error(user, error_id)
        device.apply(change, self.clock.iso())
        return super().retry_sync_error(user, error_id)


REL_ERR__retry_after_the_local_effect = swapping(fleet=_RetriesAfterTheLocalEffect)
"""A retried change is queued on the record as it is after its local effect is redone: a retried delete looks
like a delete of a record never seen, so with conflict detection on it is turned down again."""


# -- REL-DEL: what leaves the device ---------------------------------------------------------------
class _TombstonesOnly(Cycle):
    def _commit(self, delta: Delta, entities: set[str], snapshot: Snapshot, advance: Advance) -> None:
        store = self.device.store
        removals = [
            (entity, record_id)
            for entity, record_id in delta.removals
            if not store.token(entity) or record_id in self.server.changed_since(store.token(entity))
        ]
        super()._commit(dataclasses.replace(delta, removals=removals), entities, snapshot, advance)


REL_DEL__changed_records_only_leave = swapping(cycle=_TombstonesOnly)
"""Only a record deleted or changed since the last cycle can leave the device."""


class _NamesReplaced(SecurityModel):
    """Adding a business unit, user or team under a name that exists replaces what stood, instead of refusing."""

    def add_business_unit(self, name: str, parent: str | None) -> Outcome:
        self.business_units.pop(name, None)
        return super().add_business_unit(name, parent)

    def _add(self, principal: Principal) -> Outcome:
        self.principals.pop(principal.name, None)
        return super()._add(principal)


REL_BAD__existing_names_replaced = swapping(security=_NamesReplaced)
