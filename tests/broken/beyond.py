"""Deliberately broken implementations, each breaking one guarantee beyond the page (REL)."""

from __future__ import annotations

import dataclasses

from harness.driver import Outcome, Refused, SyncReport
from harness.reference.changes import Change
from harness.reference.delta import Delta
from harness.reference.device import Snapshot
from harness.reference.fleet import Fleet
from harness.reference.server import Applied, Rejected, ServerStore
from harness.reference.subscription import Advance, Membership
from harness.reference.sync import REFETCH, Cycle, Interrupted, rejected
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
        new = {
            e: [(r, v) for r, v in batch if store.get(e, str(r["id"])) is None] for e, batch in delta.upserts.items()
        }
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
