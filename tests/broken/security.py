"""Deliberately broken implementations, each breaking one security claim (SEC)."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

from harness.driver import Access, Command, CommandResult, Fields, Outcome, Ownership, Refused
from harness.reference.changes import Change
from harness.reference.delta import Batch, Delta
from harness.reference.device import SNAPSHOT, Device, Snapshot
from harness.reference.fleet import Fleet
from harness.reference.gate import OfflineGate
from harness.reference.indexes import POINTER
from harness.reference.metadata import ACTIVITY_TYPES, NOTE
from harness.reference.security import SecurityModel, UserAccess
from harness.reference.server import Applied, Rejected, ServerStore
from harness.reference.subscription import Advance, EntityTest, Ids, Judge, Membership, ProfileView, Scope
from harness.reference.sync import Cycle
from harness.reference.writes import Session, WritePath
from tests.broken.swap import judged_by, swapping


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
    def may_read_field(self, entity: str, field_name: str, offline: bool, record_id: str | None = None) -> bool:
        return super().may_read_field(entity, field_name, False, record_id)


def _access_as(kind: type[UserAccess], **more: object) -> type[SecurityModel]:
    """A security model whose users' access is worked out as a `kind` (with the extra fields `more`)."""

    class Model(SecurityModel):
        def _work_out(self, user: str) -> UserAccess:
            found = super()._work_out(user)
            extra: dict[str, Any] = {n: v(self) if callable(v) else v for n, v in more.items()}
            return kind(**{f.name: getattr(found, f.name) for f in dataclasses.fields(found)}, **extra)

    return Model


SEC_5 = swapping(security=_access_as(_OnlineFieldAccess))
"""Field security offline follows the online grants: a user allowed to read a secured column gets it offline."""


# -- SEC-1: the privileges the device enforces -----------------------------------------------------
class _PrivilegesOnReconnect(Fleet):
    def go_online(self, user: str) -> Outcome:
        outcome = super().go_online(user)
        device = self.devices.get(user)
        if device is not None and device.snapshot is not None:
            device.store.set_meta(SNAPSHOT, dataclasses.replace(device.snapshot, access=self.security.access(user)))
        return outcome


SEC_1__privileges_on_reconnect = swapping(fleet=_PrivilegesOnReconnect)
"""Coming back online refreshes the device's privileges, though no sync ran."""


class _CreatesCheckedLive(WritePath):
    def run(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        kept = session.device.snapshot
        if command != "create" or session.device.online or kept is None:
            return super().run(session, entity, command, record_id, fields)
        store = session.device.store
        store.set_meta(SNAPSHOT, dataclasses.replace(kept, access=self.server.security.access(session.user)))
        try:
            return super().run(session, entity, command, record_id, fields)
        finally:
            store.set_meta(SNAPSHOT, kept)


SEC_1__creates_checked_live = swapping(writes=_CreatesCheckedLive)
"""An offline create is checked against the server's current privileges (a create touches no held record)."""


class _ProfileOrPrivileges(Cycle):
    def _commit(self, delta: Delta, entities: set[str], snapshot: Snapshot, advance: Advance) -> None:
        had = self.device.snapshot
        if had is not None and advance.rescoped:
            snapshot = dataclasses.replace(snapshot, access=had.access)
        super()._commit(delta, entities, snapshot, advance)


SEC_1__profile_change_keeps_privileges = swapping(cycle=_ProfileOrPrivileges)
"""A cycle that brings a profile change re-loads the data but keeps the old privileges."""


class _CreatesUnowned(Device):
    def apply(self, change: Change, now: str) -> None:
        super().apply(change, now)
        record = self.store.get(change.entity, change.record_id) if change.action == "create" else None
        if record is not None:
            self.store.put(change.entity, {k: v for k, v in record.items() if k != "ownerid"})


SEC_1__offline_creates_unowned = swapping(device=_CreatesUnowned)
"""A record created offline has no owner on the device until the sync: user-level privileges lock her out of it."""


class _OnlyTheSubjectChecked(OfflineGate):
    def change_refusal(self, device: Device, change: Change, record: Fields | None = None) -> Refused | None:
        if change.action == "create" and record is None:
            return self.field_refusal(device, change.entity, change.fields)
        return super().change_refusal(device, change, record)


SEC_1__made_records_unchecked = swapping(gate=_OnlyTheSubjectChecked)
"""Offline, the records a command makes besides its own (qualify's account, contact and opportunity) are made
whatever the user may create."""


# -- SEC-2: what the server checks at upload -------------------------------------------------------
class _PrivilegeNotDepthAccess(UserAccess):
    def allows(self, access: Access, entity: str, ownership: Ownership, record: Fields) -> bool:
        if access in ("write", "delete"):
            return self.depth(entity, access) != "none"
        return super().allows(access, entity, ownership, record)


SEC_2__privilege_not_depth = swapping(security=_access_as(_PrivilegeNotDepthAccess))
"""A write or delete needs the privilege at some depth, whether or not that depth reaches the record."""


class _UnownedUnchecked(ServerStore):
    def validate(self, user: str, change: Change, origin: str | None = None) -> Rejected | None:
        verdict = super().validate(user, change, origin)
        meta = self.metadata.entities.get(change.entity)
        unowned = meta is not None and meta.ownership != "user"
        return None if origin and verdict and verdict.type == "privilege" and unowned else verdict


SEC_2__user_owned_entities_only = swapping(server=_UnownedUnchecked)
"""The server revalidates changes to user-owned entities only: organization and unit records go through."""


class _RejectionsCarryTheRecord(ServerStore):
    def apply(self, origin: str, user: str, change: Change) -> Applied | Rejected:
        verdict = super().apply(origin, user, change)
        current = self.get(change.entity, change.record_id)
        if isinstance(verdict, Rejected) and verdict.current is None and current is not None:
            visible = self.security.access(user).visible(change.entity, current, offline=True)
            return dataclasses.replace(
                verdict, current=visible, version=self.version_of(change.entity, change.record_id)
            )
        return verdict


SEC_2__rejection_brings_back_unreadable = swapping(server=_RejectionsCarryTheRecord)
"""A rejected change comes back with the server's record, though the user may no longer read it."""


# -- SEC-3: when read changes reach the device -----------------------------------------------------
class _RevokeKeepsCache(SecurityModel):
    def revoke_role(self, user: str, role: str) -> Outcome:
        principal = self.users().get(user)
        if principal is None or role not in self.roles:
            return super().revoke_role(user, role)
        principal.roles.discard(role)
        return None


SEC_3__revoked_role_still_cached = swapping(security=_RevokeKeepsCache)
"""Taking a role away is not a change of the security model: what the user may read stays as it was worked out."""


class _SupportOutranksAccess(Judge):
    """On a later sync, a record an association brought stays while what brought it stays, readable or not."""

    def supported(self, entity: str, record_id: str, member: Callable[[str, str], bool]) -> bool:
        if entity == NOTE or self.server.get(entity, record_id) is None or not self._takes_related(entity):
            return super().supported(entity, record_id, member)
        edges = [edge for edge in self.edges if edge.target == entity]
        return any(member(edge.source, s) for edge in edges for s in self.related_back(edge, record_id))


SEC_3__related_record_kept_unreadable = judged_by(_SupportOutranksAccess)


class _DueEntitiesOnly(Cycle):
    def _entities(
        self, scope: Scope, membership: Membership, touched: Ids, privileges_changed: bool, profile_changed: bool
    ) -> set[str]:
        return super()._entities(scope, membership, touched, False, profile_changed)


SEC_3__due_entities_only = swapping(cycle=_DueEntitiesOnly)
"""A privilege change re-scopes only the entities the cycle was due to download anyway."""


class _HierarchyChangeUnseen(Membership):
    @staticmethod
    def _access_moved(before: UserAccess, after: UserAccess, judge: Judge, full: set[str], recheck: Ids) -> None:
        Membership._access_moved(before, dataclasses.replace(after, reports=before.reports), judge, full, recheck)


SEC_3__hierarchy_change_not_retested = swapping(membership=_HierarchyChangeUnseen)
"""Turning hierarchy security on, off or to another depth re-tests none of the reports' records."""


class _TeamChangeDropsServerChanges(Membership):
    @staticmethod
    def _access_moved(before: UserAccess, after: UserAccess, judge: Judge, full: set[str], recheck: Ids) -> None:
        if before.teams != after.teams:
            recheck.clear()
        Membership._access_moved(before, after, judge, full, recheck)


SEC_3__team_change_drops_server_changes = swapping(membership=_TeamChangeDropsServerChanges)
"""A change of teams re-tests the teams' records instead of, not as well as, the records changed on the server."""


class _ShareSkipsActivityList(Membership):
    @staticmethod
    def _access_moved(before: UserAccess, after: UserAccess, judge: Judge, full: set[str], recheck: Ids) -> None:
        Membership._access_moved(before, after, judge, full, recheck)
        recheck[POINTER] -= {key[1] for key in {*before.shared, *after.shared} if key[0] in ACTIVITY_TYPES}


SEC_3__activity_list_not_retested_on_share = swapping(membership=_ShareSkipsActivityList)
"""Sharing or unsharing an activity re-tests the activity, not its row in the list of all activities."""


class _OwnerColumnsOnly(ProfileView):
    viewer_dependent = frozenset()  # type: ignore[assignment]


class _ViewerColumnsUnseen(Membership):
    @staticmethod
    def _access_moved(before: UserAccess, after: UserAccess, judge: Judge, full: set[str], recheck: Ids) -> None:
        profile, blind = judge.scope.profile, copy.copy(judge)
        same = _OwnerColumnsOnly(**{f.name: getattr(profile, f.name) for f in dataclasses.fields(profile)})
        blind.scope = dataclasses.replace(judge.scope, profile=same)
        Membership._access_moved(before, after, blind, full, recheck)


SEC_3__viewer_columns_not_retested = swapping(membership=_ViewerColumnsUnseen)
"""A change of teams re-tests the records the teams own, not those a filter ties to her teams through another
column."""


class _NotePrivilegeUnseen(Membership):
    @staticmethod
    def _access_moved(before: UserAccess, after: UserAccess, judge: Judge, full: set[str], recheck: Ids) -> None:
        depths = MappingProxyType({**after.depths, (NOTE, "read"): before.depth(NOTE, "read")})
        Membership._access_moved(before, dataclasses.replace(after, depths=depths), judge, full, recheck)


SEC_3__note_privilege_change_ignored = swapping(membership=_NotePrivilegeUnseen)
"""A changed read privilege on notes reaches no device: only the profile's entities are re-tested."""


class _NoteSharesUnseen(Membership):
    @staticmethod
    def _access_moved(before: UserAccess, after: UserAccess, judge: Judge, full: set[str], recheck: Ids) -> None:
        Membership._access_moved(before, after, judge, full, recheck)
        recheck[NOTE] -= {key[1] for key in {*before.shared, *after.shared} if key[0] == NOTE}


SEC_3__note_shares_not_retested = swapping(membership=_NoteSharesUnseen)
"""Sharing a note re-tests nothing: only shares of the profile's entities reach a device at the next sync."""


class _KeptUntilTheDownload(Cycle):
    def _settle(self, entity: str, record_id: str) -> None:
        return None


SEC_3__unreadable_kept_until_a_download = swapping(cycle=_KeptUntilTheDownload)
"""A record kept only for a change the user made stays after the change is uploaded, until a download completes."""


class _MovesOutliveTheRollback(Advance):
    def rollback(self) -> None:
        membership = self.membership
        moved = {name: {e: set(ids) for e, ids in getattr(membership, name).items()} for name in ("ruled", "members")}
        super().rollback()
        for name, sets in moved.items():
            for entity, ids in getattr(membership, name).items():
                ids.clear()
                ids.update(sets.get(entity, set()))


class _RollbackKeepsMoves(Membership):
    def advance(self, scope: Scope, server: ServerStore) -> Advance:
        found = super().advance(scope, server)
        return _MovesOutliveTheRollback(found.membership, found.journal, found.touched, found.rescoped)


SEC_3__dropped_sync_keeps_its_moves = swapping(membership=_RollbackKeepsMoves)
"""A sync whose download drops rolls back the server's token and scope for the device, but not which records it
counted in or out: the next sync never sends them."""


# -- SEC-4: what the device may hold ---------------------------------------------------------------
class _ChildrenOnly(SecurityModel):
    def subtree(self, unit: str) -> set[str]:
        return {unit} | {name for name, parent in self.business_units.items() if parent == unit}


SEC_4__children_only = swapping(security=_ChildrenOnly)
"""Parent-child depth reaches the units right below the user's, not their own children."""


@dataclasses.dataclass(frozen=True)
class _TeamsByMembershipAccess(UserAccess):
    every_team: frozenset[str] = frozenset()

    def allows(self, access: Access, entity: str, ownership: Ownership, record: Fields) -> bool:
        owner = record.get("ownerid")
        if ownership == "user" and owner in self.every_team and owner not in self.teams:
            shared = access in self.shared.get((entity, str(record.get("id"))), ())
            return self.depth(entity, access) == "organization" or shared
        return super().allows(access, entity, ownership, record)


def _every_team(model: SecurityModel) -> frozenset[str]:
    return frozenset(name for name, principal in model.principals.items() if principal.is_team)


SEC_4__teams_by_membership_only = swapping(security=_access_as(_TeamsByMembershipAccess, every_team=_every_team))
"""A team's records reach its members only: a business-unit depth does not reach the team's unit."""


class _UnownedOpenAccess(UserAccess):
    def allows(self, access: Access, entity: str, ownership: Ownership, record: Fields) -> bool:
        return ownership != "user" or super().allows(access, entity, ownership, record)


SEC_4__unowned_entities_open = swapping(security=_access_as(_UnownedOpenAccess))
"""Records of organization- and business-unit-owned entities are open to everyone."""


class _ActivityListUnsharedAccess(UserAccess):
    def allows(self, access: Access, entity: str, ownership: Ownership, record: Fields) -> bool:
        unshared = dataclasses.replace(self, shared=MappingProxyType({})) if entity == POINTER else self
        return UserAccess.allows(unshared, access, entity, ownership, record)


SEC_4__activity_list_ignores_shares = swapping(security=_access_as(_ActivityListUnsharedAccess))
"""An activity shared with the user comes down as itself but not in her list of all activities."""


class _RelatedTrusted(Judge):
    """Records an association brings skip the read check: the record they hang off was readable."""

    def _trusting(self, entity: str) -> EntityTest:
        test = self.test(entity)
        self.tests[entity] = dataclasses.replace(test, reads_all=True)
        return test

    def admitted_through(self, target: str, ids: set[str]) -> set[str]:
        if target == NOTE:
            return super().admitted_through(target, ids)
        test = self._trusting(target)
        try:
            return super().admitted_through(target, ids)
        finally:
            self.tests[target] = test

    def supported(self, entity: str, record_id: str, member: Callable[[str, str], bool]) -> bool:
        if entity == NOTE:
            return super().supported(entity, record_id, member)
        test = self._trusting(entity)
        try:
            return super().supported(entity, record_id, member)
        finally:
            self.tests[entity] = test


SEC_4__associations_skip_read = swapping(
    membership=type("TrustingMembership", (Membership,), {"judge": _RelatedTrusted})
)


class _NotesRideAlong(Judge):
    """The notes on a record the user holds come down whoever may read them."""

    def admitted_through(self, target: str, ids: set[str]) -> set[str]:
        return set(ids) if target == NOTE else super().admitted_through(target, ids)


SEC_4__notes_skip_read = judged_by(_NotesRideAlong)


class _RuleOwnersTrusted(Judge):
    """Takes the records a profile rule picks by owner as readable once she may read any record of the entity."""

    def passing(
        self, entity: str, ids: set[str], filtered: bool = True, windowed: bool = False, readable: bool = False
    ) -> set[str]:
        return super().passing(entity, ids, filtered, windowed, readable or self.test(entity).reads_own)


SEC_4__rule_owners_trusted = judged_by(_RuleOwnersTrusted)


class _HierarchyStaysOn(SecurityModel):
    def set_hierarchy_security(self, enabled: bool, depth: int = 3) -> Outcome:
        return None if not enabled else super().set_hierarchy_security(enabled, depth)


SEC_4__hierarchy_cannot_be_turned_off = swapping(security=_HierarchyStaysOn)
"""Turning hierarchy security off keeps the depth it had: managers still read their reports' records."""


class _LastRoleWins(SecurityModel):
    """Takes each privilege's depth from the user's role whose name sorts last, not from the widest of her roles."""

    def _work_out(self, user: str) -> UserAccess:
        depths = {}
        for role in sorted(self.principals[user].roles):
            depths.update(self.roles.get(role, {}))
        return dataclasses.replace(super()._work_out(user), depths=MappingProxyType(depths))


SEC_4__last_role_wins = swapping(security=_LastRoleWins)


# -- SEC-5: secured columns on every path ----------------------------------------------------------
class _EchoesRecord(ServerStore):
    def apply(self, origin: str, user: str, change: Change) -> Applied | Rejected:
        verdict = super().apply(origin, user, change)
        if isinstance(verdict, Rejected) and verdict.current is not None:
            return dataclasses.replace(verdict, current=copy.deepcopy(self.get(change.entity, change.record_id)))
        return verdict


SEC_5__rejection_echoes_record = swapping(server=_EchoesRecord)
"""A rejected change comes back with the server's whole record, secured columns included."""


class _FiltersFirstDownload(Cycle):
    def _commit(self, delta: Delta, entities: set[str], snapshot: Snapshot, advance: Advance) -> None:
        store = self.device.store

        def as_sent(entity: str, record: Fields) -> Fields:
            raw = self.server.get(entity, str(record["id"])) if store.token(entity) else None
            return copy.deepcopy(raw) if raw is not None else record

        upserts = {
            e: Batch({i: as_sent(e, r) for i, r in batch.records.items()}, batch.versions)
            for e, batch in delta.upserts.items()
        }
        super()._commit(dataclasses.replace(delta, upserts=upserts), entities, snapshot, advance)


SEC_5__delta_unfiltered = swapping(cycle=_FiltersFirstDownload)
"""Secured columns are left out of the first download only: a later change brings the whole record."""


class _SharesGoOfflineAccess(UserAccess):
    def may_read_field(self, entity: str, field_name: str, offline: bool, record_id: str | None = None) -> bool:
        shared = self.field_shares.get((entity, str(record_id), field_name), (False, False))[0]
        return shared or super().may_read_field(entity, field_name, offline, record_id)


SEC_5__field_share_offline = swapping(security=_access_as(_SharesGoOfflineAccess))
"""A secured column shared with a user comes down to her device."""


class _SharesWholeColumnAccess(UserAccess):
    def field_rights(self, entity: str, field_name: str, record_id: str | None) -> tuple[bool, bool]:
        shares = [rights for (e, _, f), rights in self.field_shares.items() if (e, f) == (entity, field_name)]
        rights = super().field_rights(entity, field_name, record_id)
        return rights[0] or any(r for r, _ in shares), rights[1] or any(u for _, u in shares)


SEC_5__field_share_whole_column = swapping(security=_access_as(_SharesWholeColumnAccess))
"""Sharing one record's secured column shares that column of every record."""


class _NoFieldCheck(OfflineGate):
    def field_refusal(self, device: Device, entity: str, fields: Fields) -> Refused | None:
        return None


class _CreatesUnchecked(WritePath):
    def run(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        if command != "create" or session.online:
            return super().run(session, entity, command, record_id, fields)
        unchecked = dataclasses.replace(self, gate=_NoFieldCheck(self.gate.table, self.gate.metadata))
        return WritePath.run(unchecked, session, entity, command, record_id, fields)


SEC_5__creates_unchecked = swapping(writes=_CreatesUnchecked)
"""Offline, a create may set a secured column: only updates are checked for secured columns."""


class _ReadGrantWritesAccess(UserAccess):
    def field_rights(self, entity: str, field_name: str, record_id: str | None) -> tuple[bool, bool]:
        read, _ = super().field_rights(entity, field_name, record_id)
        return read, read


SEC_5__read_grant_lets_write = swapping(security=_access_as(_ReadGrantWritesAccess))
"""Online, a user who may read a secured column (by a grant or a share) may also write it."""


class _AnyDepthOffline(OfflineGate):
    def _allows(self, device: Device, access: Access, entity: str, record: Fields) -> bool:
        snapshot = device.snapshot
        return snapshot is not None and snapshot.access.allows(access, entity, "organization", record)


SEC_1__any_depth_offline = swapping(gate=_AnyDepthOffline)
"""Offline, any right counts at every depth: a user-level right to write lets her edit another user's record."""


class _OnlineWritesUnchecked(WritePath):
    def check_and_commit(self, session: Session, changes: list[Change], read: Fields | None = None) -> Refused | None:
        if session.offline:
            return super().check_and_commit(session, changes, read)
        for change in changes:
            self.server.write(change, owner=session.user, origin=f"user:{session.user}")
        return None


SEC_2__online_writes_unchecked = swapping(writes=_OnlineWritesUnchecked)
"""Online, a user's write goes straight to the server: only offline changes are checked against her privileges."""
