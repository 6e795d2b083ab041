"""Deliberately broken implementations, each breaking one guarantee beyond the page (REL)."""

from __future__ import annotations

import dataclasses

from harness.driver import Outcome, Refused, SyncReport
from harness.reference import ReferenceImplementation
from harness.reference.changes import Change
from harness.reference.delta import Delta
from harness.reference.server import Applied, Rejected, ServerStore
from harness.reference.sync import Cycle, Interrupted


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
