"""Deliberately broken implementations, each breaking one security claim (SEC)."""

from __future__ import annotations

import dataclasses

from harness.driver import Command, CommandResult, Fields, Refused
from harness.reference import ReferenceImplementation
from harness.reference.changes import Change
from harness.reference.delta import Delta
from harness.reference.security import SecurityModel
from harness.reference.server import Rejected, ServerStore
from harness.reference.sync import Cycle


class SEC_1(ReferenceImplementation):
    """The device enforces the server's current privileges instead of those of its last sync."""

    def run_command(
        self, user: str, entity: str, command: Command, record_id: str | None = None, fields: Fields | None = None
    ) -> CommandResult | Refused:
        device = self.devices.get(user)
        if device is not None and device.security is not None:
            device.security = self.security.snapshot()
        return super().run_command(user, entity, command, record_id, fields)


class _TrustingServer(ServerStore):
    def validate(self, user: str, change: Change, origin: str | None = None) -> Rejected | None:
        verdict = super().validate(user, change, origin)
        return None if origin and verdict and verdict.type == "privilege" else verdict


class SEC_2(ReferenceImplementation):
    """The server applies uploaded changes without checking the user's current privileges."""

    def __init__(self) -> None:
        super().__init__(server=_TrustingServer)


class _KeepsUnreadable(Cycle):
    def _commit(self, delta: Delta, entities: set[str], privileges_changed: bool) -> None:
        deleted = [(entity, i) for entity, i in delta.removals if self.server.get(entity, i) is None]
        super()._commit(dataclasses.replace(delta, removals=deleted), entities, privileges_changed)


class SEC_3(ReferenceImplementation):
    """Only deleted records leave the device: records the user may no longer read stay."""

    def __init__(self) -> None:
        super().__init__(cycle=_KeepsUnreadable)


class SEC_4(ReferenceImplementation):
    """Hierarchy security reaches one level deeper than configured."""

    def set_hierarchy_security(self, enabled: bool, depth: int = 3) -> Refused | None:
        return super().set_hierarchy_security(enabled, depth + 1)


class _OnlineFieldSecurity(SecurityModel):
    def may_read_field(
        self, user: str, entity: str, field_name: str, offline: bool, record_id: str | None = None
    ) -> bool:
        return super().may_read_field(user, entity, field_name, False, record_id)


class SEC_5(ReferenceImplementation):
    """Field security offline follows the online grants: a user allowed to read a secured column gets it offline."""

    def __init__(self) -> None:
        super().__init__(security=_OnlineFieldSecurity)
