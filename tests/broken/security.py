"""Deliberately broken implementations, each breaking one security claim (SEC)."""

from __future__ import annotations

import dataclasses

from harness.driver import Command, CommandResult, Fields, Outcome, Refused
from harness.reference.changes import Change
from harness.reference.delta import Delta
from harness.reference.device import SNAPSHOT, Snapshot
from harness.reference.security import SecurityModel, UserAccess
from harness.reference.server import Rejected, ServerStore
from harness.reference.subscription import Advance
from harness.reference.sync import Cycle
from harness.reference.writes import Session, WritePath
from tests.broken.swap import swapping


class _CurrentPrivileges(WritePath):
    def run(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        snapshot = session.device.snapshot
        if snapshot is not None:
            current = dataclasses.replace(snapshot, access=self.server.security.access(session.user))
            session.device.store.set_meta(SNAPSHOT, current)
        return super().run(session, entity, command, record_id, fields)


SEC_1 = swapping(writes=_CurrentPrivileges)
"""The device enforces the server's current privileges instead of those of its last sync."""


class _TrustingServer(ServerStore):
    def validate(self, user: str, change: Change, origin: str | None = None) -> Rejected | None:
        verdict = super().validate(user, change, origin)
        return None if origin and verdict and verdict.type == "privilege" else verdict


SEC_2 = swapping(server=_TrustingServer)
"""The server applies uploaded changes without checking the user's current privileges."""


class _KeepsUnreadable(Cycle):
    def _commit(self, delta: Delta, entities: set[str], snapshot: Snapshot, advance: Advance) -> None:
        deleted = [(entity, i) for entity, i in delta.removals if self.server.get(entity, i) is None]
        super()._commit(dataclasses.replace(delta, removals=deleted), entities, snapshot, advance)


SEC_3 = swapping(cycle=_KeepsUnreadable)
"""Only deleted records leave the device: records the user may no longer read stay."""


class _DeeperHierarchy(SecurityModel):
    def set_hierarchy_security(self, enabled: bool, depth: int = 3) -> Outcome:
        return super().set_hierarchy_security(enabled, depth + 1)


SEC_4 = swapping(security=_DeeperHierarchy)
"""Hierarchy security reaches one level deeper than configured."""


class _OnlineFieldAccess(UserAccess):
    def may_read_field(self, entity: str, field_name: str, offline: bool) -> bool:
        return super().may_read_field(entity, field_name, offline=False)


class _OnlineFieldSecurity(SecurityModel):
    def _work_out(self, user: str) -> UserAccess:
        found = super()._work_out(user)
        return _OnlineFieldAccess(**{f.name: getattr(found, f.name) for f in dataclasses.fields(found)})


SEC_5 = swapping(security=_OnlineFieldSecurity)
"""Field security offline follows the online grants: a user allowed to read a secured column gets it offline."""
