"""Deliberately broken implementations, each breaking one security claim (SEC)."""

from __future__ import annotations

import copy
import dataclasses

from harness.driver import Access, Command, CommandResult, Fields, Outcome, Ownership, ProfileItem, Refused
from harness.reference import ReferenceImplementation
from harness.reference.changes import Change
from harness.reference.delta import Delta
from harness.reference.device import Device
from harness.reference.security import SecurityModel
from harness.reference.server import Applied, Rejected, ServerStore
from harness.reference.subscription import Subscription
from harness.reference.sync import Cycle
from tests.broken.swap import built_with, with_device, with_subscription


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


# -- SEC-1: the privileges the device enforces -----------------------------------------------------
class SEC_1__privileges_on_reconnect(ReferenceImplementation):
    """Coming back online refreshes the device's privileges, though no sync ran."""

    def go_online(self, user: str) -> Outcome:
        outcome = super().go_online(user)
        device = self.devices.get(user)
        if device is not None and device.security is not None:
            device.security = self.security.snapshot()
        return outcome


class SEC_1__creates_checked_live(ReferenceImplementation):
    """An offline create is checked against the server's current privileges (a create touches no held record)."""

    def run_command(
        self, user: str, entity: str, command: Command, record_id: str | None = None, fields: Fields | None = None
    ) -> CommandResult | Refused:
        device = self.devices.get(user)
        if command != "create" or device is None or device.online or device.security is None:
            return super().run_command(user, entity, command, record_id, fields)
        kept, device.security = device.security, self.security.snapshot()
        try:
            return super().run_command(user, entity, command, record_id, fields)
        finally:
            device.security = kept


class _ProfileOrPrivileges(Cycle):
    def _commit(self, delta: Delta, entities: set[str], privileges_changed: bool) -> None:
        had = self.device.profiles
        profile_changed = bool(had) and had != self.profiles.profiles_of(self.device.user)
        super()._commit(delta, entities, privileges_changed and not profile_changed)


SEC_1__profile_change_keeps_privileges = built_with(cycle=_ProfileOrPrivileges)
"""A cycle that brings a profile change re-loads the data but keeps the old privileges."""


# -- SEC-2: what the server checks at upload -------------------------------------------------------
class _PrivilegeNotDepth(SecurityModel):
    def allows(self, user: str, access: Access, entity: str, ownership: Ownership, record: Fields) -> bool:
        if access in ("write", "delete"):
            return self.depth(user, entity, access) != "none"
        return super().allows(user, access, entity, ownership, record)


SEC_2__privilege_not_depth = built_with(security=_PrivilegeNotDepth)
"""A write or delete needs the privilege at some depth, whether or not that depth reaches the record."""


class _UnownedUnchecked(ServerStore):
    def validate(self, user: str, change: Change, origin: str | None = None) -> Rejected | None:
        verdict = super().validate(user, change, origin)
        meta = self.metadata.entities.get(change.entity)
        unowned = meta is not None and meta.ownership != "user"
        return None if origin and verdict and verdict.type == "privilege" and unowned else verdict


SEC_2__user_owned_entities_only = built_with(server=_UnownedUnchecked)
"""The server revalidates changes to user-owned entities only: organization and unit records go through."""


# -- SEC-3: when read changes reach the device -----------------------------------------------------
class _DueEntitiesOnly(Cycle):
    def _entities(self, scope: dict[str, set[str]], privileges_changed: bool) -> set[str]:
        return super()._entities(scope, privileges_changed=False)


SEC_3__due_entities_only = built_with(cycle=_DueEntitiesOnly)
"""A privilege change re-scopes only the entities the cycle was due to download anyway."""


# -- SEC-4: what the device may hold ---------------------------------------------------------------
class _ChildrenOnly(SecurityModel):
    def subtree(self, unit: str) -> set[str]:
        return {unit} | {name for name, parent in self.business_units.items() if parent == unit}


SEC_4__children_only = built_with(security=_ChildrenOnly)
"""Parent-child depth reaches the units right below the user's, not their own children."""


class _TeamsByMembership(SecurityModel):
    def allows(self, user: str, access: Access, entity: str, ownership: Ownership, record: Fields) -> bool:
        owner = self.principals.get(str(record.get("ownerid")))
        if ownership == "user" and owner is not None and owner.is_team and user not in owner.members:
            wide = self.depth(user, entity, access) == "organization"
            return wide or self._shared(user, entity, str(record.get("id")), access)
        return super().allows(user, access, entity, ownership, record)


SEC_4__teams_by_membership_only = built_with(security=_TeamsByMembership)
"""A team's records reach its members only: a business-unit depth does not reach the team's unit."""


class _UnownedOpen(SecurityModel):
    def allows(self, user: str, access: Access, entity: str, ownership: Ownership, record: Fields) -> bool:
        return ownership != "user" or super().allows(user, access, entity, ownership, record)


SEC_4__unowned_entities_open = built_with(security=_UnownedOpen)
"""Records of organization- and business-unit-owned entities are open to everyone."""


class _RelatedTrusted(Subscription):
    """Records an association brings skip the read check: the record they hang off was readable."""

    def _admits(self, entity: str, record_id: str, item: ProfileItem | None = None) -> bool:
        if item is not None:
            return super()._admits(entity, record_id, item)
        gate = self.gates.get(entity) or self._gate(entity)
        self.gates[entity] = dataclasses.replace(gate, reads_all=True)
        try:
            return super()._admits(entity, record_id)
        finally:
            self.gates[entity] = gate


SEC_4__associations_skip_read = with_subscription(_RelatedTrusted)


# -- SEC-5: secured columns on every path ----------------------------------------------------------
class _EchoesRecord(ServerStore):
    def apply(self, origin: str, user: str, change: Change) -> Applied | Rejected:
        verdict = super().apply(origin, user, change)
        if isinstance(verdict, Rejected) and verdict.current is not None:
            return dataclasses.replace(verdict, current=copy.deepcopy(self.get(change.entity, change.record_id)))
        return verdict


SEC_5__rejection_echoes_record = built_with(server=_EchoesRecord)
"""A rejected change comes back with the server's whole record, secured columns included."""


class _FiltersFirstDownload(Cycle):
    def _commit(self, delta: Delta, entities: set[str], privileges_changed: bool) -> None:
        def as_sent(entity: str, record: Fields) -> Fields:
            raw = self.server.get(entity, str(record["id"])) if self.device.tokens.get(entity, 0) else None
            return copy.deepcopy(raw) if raw is not None else record

        upserts = [(entity, as_sent(entity, record), version) for entity, record, version in delta.upserts]
        super()._commit(dataclasses.replace(delta, upserts=upserts), entities, privileges_changed)


SEC_5__delta_unfiltered = built_with(cycle=_FiltersFirstDownload)
"""Secured columns are left out of the first download only: a later change brings the whole record."""


class _SharesGoOffline(SecurityModel):
    def may_read_field(
        self, user: str, entity: str, field_name: str, offline: bool, record_id: str | None = None
    ) -> bool:
        shared = self.field_shares.get((user, entity, str(record_id), field_name), (False, False))[0]
        return shared or super().may_read_field(user, entity, field_name, offline, record_id)


SEC_5__field_share_offline = built_with(security=_SharesGoOffline)
"""A secured column shared with a user comes down to her device."""


class _SharesWholeColumn(SecurityModel):
    def field_rights(self, user: str, entity: str, field_name: str, record_id: str | None) -> tuple[bool, bool]:
        shares = [
            rights for (u, e, _, f), rights in self.field_shares.items() if (u, e, f) == (user, entity, field_name)
        ]
        rights = super().field_rights(user, entity, field_name, record_id)
        return rights[0] or any(r for r, _ in shares), rights[1] or any(u for _, u in shares)


SEC_5__field_share_whole_column = built_with(security=_SharesWholeColumn)
"""Sharing one record's secured column shares that column of every record."""


class _CreatesUnchecked(Device):
    def _check_privilege(self, entity: str, command: Command, record_id: str | None, fields: Fields) -> Refused | None:
        security = self.security
        if command == "create" and security is not None:
            fields = {name: value for name, value in fields.items() if not security.is_secured(entity, name)}
        return super()._check_privilege(entity, command, record_id, fields)


SEC_5__creates_unchecked = with_device(_CreatesUnchecked)
