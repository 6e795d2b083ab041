"""The security model: business units, teams, users, roles with depths, sharing, hierarchy, field security."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from harness.driver import Access, Depth, Fields, Ownership, Privilege

DEPTH_ORDER: dict[Depth, int] = {"none": 0, "user": 1, "business_unit": 2, "parent_child": 3, "organization": 4}
HIERARCHY_ACCESS: frozenset[Access] = frozenset({"read", "write", "append", "append_to"})


@dataclass
class Principal:
    """A user or a team: its business unit, and for a user its manager and roles, for a team its members."""

    name: str
    business_unit: str
    is_team: bool = False
    manager: str | None = None
    roles: set[str] = field(default_factory=set)
    members: set[str] = field(default_factory=set)


@dataclass
class SecurityModel:
    """Who may do what to which record. Copied whole into a device as its privilege snapshot."""

    business_units: dict[str, str | None] = field(default_factory=dict)
    principals: dict[str, Principal] = field(default_factory=dict)
    roles: dict[str, dict[tuple[str, Access], Depth]] = field(default_factory=dict)
    shares: dict[tuple[str, str], dict[str, set[Access]]] = field(default_factory=dict)
    hierarchy_depth: int = 0
    secured_fields: set[tuple[str, str]] = field(default_factory=set)
    field_grants: dict[tuple[str, str, str], tuple[bool, bool]] = field(default_factory=dict)
    field_shares: dict[tuple[str, str, str, str], tuple[bool, bool]] = field(default_factory=dict)

    def snapshot(self) -> SecurityModel:
        """An independent copy: what a device enforces until its next sync (SEC-1)."""
        return copy.deepcopy(self)

    # -- setup --------------------------------------------------------------------------------
    def add_business_unit(self, name: str, parent: str | None) -> str | None:
        """Add a unit; returns why not or None."""
        if name in self.business_units:
            return f"business unit {name!r} already exists"
        if parent is None and any(p is None for p in self.business_units.values()):
            return "the organization already has a root business unit; name a parent"
        if parent is not None and parent not in self.business_units:
            return f"unknown parent business unit {parent!r}"
        self.business_units[name] = parent
        return None

    def add_principal(self, principal: Principal) -> str | None:
        """Add a user or team; returns why not or None."""
        if principal.name in self.principals:
            return f"{principal.name!r} already exists"
        if principal.business_unit not in self.business_units:
            return f"unknown business unit {principal.business_unit!r}"
        manager = self.principals.get(principal.manager) if principal.manager is not None else None
        if principal.manager is not None and (manager is None or manager.is_team):
            return f"unknown manager {principal.manager!r}"
        if unknown := sorted(m for m in principal.members if m not in self.principals or self.principals[m].is_team):
            return f"unknown team members {unknown}"
        self.principals[principal.name] = principal
        return None

    def define_role(self, name: str, privileges: list[Privilege]) -> None:
        """Create or replace a role."""
        self.roles[name] = {(p.entity, p.access): p.depth for p in privileges}

    def users(self) -> dict[str, Principal]:
        """All users by name."""
        return {n: p for n, p in self.principals.items() if not p.is_team}

    def teams_of(self, user: str) -> set[str]:
        """The teams `user` belongs to."""
        return {n for n, p in self.principals.items() if p.is_team and user in p.members}

    # -- decisions ----------------------------------------------------------------------------
    def depth(self, user: str, entity: str, access: Access) -> Depth:
        """The widest depth any of the user's roles grants for `access` on `entity`."""
        best: Depth = "none"
        for role in self.principals[user].roles:
            granted = self.roles.get(role, {}).get((entity, access), "none")
            if DEPTH_ORDER[granted] > DEPTH_ORDER[best]:
                best = granted
        return best

    def subtree(self, unit: str) -> set[str]:
        """`unit` and every business unit below it."""
        found = {unit}
        changed = True
        while changed:
            below = {name for name, parent in self.business_units.items() if parent in found}
            changed = not below <= found
            found |= below
        return found

    def reports(self, manager: str) -> set[str]:
        """Users below `manager`, down to the configured hierarchy depth."""
        found: set[str] = set()
        level = {manager}
        for _ in range(self.hierarchy_depth):
            level = {n for n, p in self.users().items() if p.manager in level} - found
            found |= level
        return found

    def allows(self, user: str, access: Access, entity: str, ownership: Ownership, record: Fields) -> bool:
        """Whether `user` may `access` `record` (its ownerid names its owning user or team)."""
        depth = self.depth(user, entity, access)
        if depth == "organization" or (ownership != "user" and depth != "none"):
            return True
        owner = self.principals.get(str(record.get("ownerid")))
        me = self.principals[user]
        if depth != "none" and owner is not None:
            if owner.name == user or (owner.is_team and user in owner.members):
                return True
            if depth == "business_unit" and owner.business_unit == me.business_unit:
                return True
            if depth == "parent_child" and owner.business_unit in self.subtree(me.business_unit):
                return True
        if self._shared(user, entity, str(record.get("id")), access):
            return True
        return (
            access in HIERARCHY_ACCESS and owner is not None and not owner.is_team and owner.name in self.reports(user)
        )

    def _shared(self, user: str, entity: str, record_id: str, access: Access) -> bool:
        grants = self.shares.get((entity, record_id))
        if not grants:
            return False
        return any(access in grants.get(p, set()) for p in {user} | self.teams_of(user))

    def may_create(self, user: str, entity: str, ownership: Ownership) -> bool:
        """Whether `user` may create a record of `entity` owned by themself."""
        return self.allows(user, "create", entity, ownership, {"ownerid": user})

    def is_secured(self, entity: str, field_name: str) -> bool:
        """Whether a column is under field-level security (never offline, SEC-5)."""
        return (entity, field_name) in self.secured_fields

    def field_rights(self, user: str, entity: str, field_name: str, record_id: str | None) -> tuple[bool, bool]:
        """(read, update) on a secured column online: the user's field grant, or a share of this record's column."""
        granted = self.field_grants.get((user, entity, field_name), (False, False))
        shared = self.field_shares.get((user, entity, str(record_id), field_name), (False, False))
        return granted[0] or shared[0], granted[1] or shared[1]

    def may_read_field(
        self, user: str, entity: str, field_name: str, offline: bool, record_id: str | None = None
    ) -> bool:
        """Whether `user` sees a column: secured ones only online, with a read grant or share (SEC-5 fails closed)."""
        if not self.is_secured(entity, field_name):
            return True
        return not offline and self.field_rights(user, entity, field_name, record_id)[0]

    def may_write_field(
        self, user: str, entity: str, field_name: str, offline: bool, record_id: str | None = None
    ) -> bool:
        """Whether `user` may write a column: secured ones only online and with an update grant or share."""
        if not self.is_secured(entity, field_name):
            return True
        return not offline and self.field_rights(user, entity, field_name, record_id)[1]

    def visible(self, user: str, entity: str, record: Fields, offline: bool) -> Fields:
        """A copy of `record` without the columns `user` may not see (offline: no secured column at all)."""
        record_id = str(record.get("id"))
        return {
            k: copy.deepcopy(v) for k, v in record.items() if self.may_read_field(user, entity, k, offline, record_id)
        }

    def business_unit_of(self, principal: str) -> str | None:
        """The business unit of a user or team (the owning unit of its records), or None if unknown."""
        found = self.principals.get(principal)
        return found.business_unit if found else None
