"""The security model and its administration: business units, teams, users, roles with depths, sharing, hierarchy,
field security.

Every change bumps `version`. What one user may do is answered by `access(user)`: a `UserAccess`, plain data
worked out once per version, which is also what a device keeps as its privilege snapshot (SEC-1).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from harness.driver import Access, Depth, Fields, Outcome, Ownership, Privilege, Refused
from harness.reference.indexes import POINTER
from harness.reference.metadata import Metadata

DEPTH_ORDER: dict[Depth, int] = {"none": 0, "user": 1, "business_unit": 2, "parent_child": 3, "organization": 4}
HIERARCHY_ACCESS: frozenset[Access] = frozenset({"read", "write", "append", "append_to"})
NO_GRANT = (False, False)


@dataclass
class Principal:
    """A user or a team: its business unit, and for a user its manager and roles, for a team its members."""

    name: str
    business_unit: str
    is_team: bool = False
    manager: str | None = None
    roles: set[str] = field(default_factory=set)
    members: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class UserAccess:
    """What one user may do, as of one version of the security model (plain data: a device's privilege snapshot).

    `unit_owners` are the users and teams of the user's business unit, `subtree_owners` those of it and the units
    below, `reports` the users below the user to the hierarchy depth, `shared` the records shared with the user or
    their teams and the access granted, `secured` the columns under field-level security, `field_grants` the
    user's (read, update) rights on secured columns and `field_shares` those on one record's secured column.
    """

    user: str
    version: int
    depths: Mapping[tuple[str, Access], Depth]
    teams: frozenset[str]
    business_unit: str
    unit_owners: frozenset[str]
    subtree_owners: frozenset[str]
    reports: frozenset[str]
    shared: Mapping[tuple[str, str], frozenset[Access]]
    secured: frozenset[tuple[str, str]]
    field_grants: Mapping[tuple[str, str], tuple[bool, bool]]
    field_shares: Mapping[tuple[str, str, str], tuple[bool, bool]]

    def depth(self, entity: str, access: Access) -> Depth:
        """The widest depth the user's roles grant for `access` on `entity`."""
        return self.depths.get((entity, access), "none")

    def allows(self, access: Access, entity: str, ownership: Ownership, record: Fields) -> bool:
        """Whether the user may `access` `record` (its ownerid names its owning user or team)."""
        depth = self.depths.get((entity, access), "none")
        if depth == "organization" or (ownership != "user" and depth != "none"):
            return True
        owner = record.get("ownerid")
        if depth != "none" and (
            owner == self.user
            or owner in self.teams
            or (depth == "business_unit" and owner in self.unit_owners)
            or (depth == "parent_child" and owner in self.subtree_owners)
        ):
            return True
        if self.shared and access in self.shared.get(shared_as(entity, record), ()):
            return True
        return access in HIERARCHY_ACCESS and owner in self.reports

    def may_create(self, entity: str, ownership: Ownership) -> bool:
        """Whether the user may create a record of `entity` owned by themself."""
        return self.allows("create", entity, ownership, {"ownerid": self.user})

    def field_rights(self, entity: str, field_name: str, record_id: str | None) -> tuple[bool, bool]:
        """(read, update) on a secured column online: the user's field grant, or a share of this record's column."""
        granted = self.field_grants.get((entity, field_name), NO_GRANT)
        shared = (
            self.field_shares.get((entity, str(record_id), field_name), NO_GRANT) if self.field_shares else NO_GRANT
        )
        return granted[0] or shared[0], granted[1] or shared[1]

    def may_read_field(self, entity: str, field_name: str, offline: bool, record_id: str | None = None) -> bool:
        """Whether the user sees a column: secured ones only online, with a read grant or share (SEC-5 fails closed)."""
        if (entity, field_name) not in self.secured:
            return True
        return not offline and self.field_rights(entity, field_name, record_id)[0]

    def may_write_field(self, entity: str, field_name: str, offline: bool, record_id: str | None = None) -> bool:
        """Whether the user may write a column: secured ones only online, with an update grant or share."""
        if (entity, field_name) not in self.secured:
            return True
        return not offline and self.field_rights(entity, field_name, record_id)[1]

    def hidden(self, entity: str, offline: bool, record_id: str | None = None) -> frozenset[str]:
        """The columns of `entity` (of record `record_id`, online) the user may not see (offline: every secured one)."""
        return frozenset(
            f for e, f in self.secured if e == entity and not self.may_read_field(e, f, offline, record_id)
        )

    def visible(self, entity: str, record: Fields, offline: bool) -> Fields:
        """`record` without the columns the user may not see (the record itself when nothing is hidden)."""
        hidden = self.hidden(entity, offline, str(record.get("id")))
        return {k: v for k, v in record.items() if k not in hidden} if hidden else record


@dataclass(frozen=True)
class Directory:
    """The principals arranged for quick questions: the users and teams of each unit, the teams of each user, the
    units right below each unit, the users right below each manager."""

    owners_by_unit: dict[str, frozenset[str]]
    teams_by_user: dict[str, frozenset[str]]
    children: dict[str, list[str]]
    reports_to: dict[str, list[str]]

    @classmethod
    def of(cls, model: SecurityModel) -> Directory:
        """Arrange `model`'s principals."""
        owners: dict[str, set[str]] = defaultdict(set)
        teams: dict[str, set[str]] = defaultdict(set)
        reports_to: dict[str, list[str]] = defaultdict(list)
        for name, principal in model.principals.items():
            owners[principal.business_unit].add(name)
            for member in principal.members if principal.is_team else ():
                teams[member].add(name)
            if principal.manager is not None and not principal.is_team:
                reports_to[principal.manager].append(name)
        children: dict[str, list[str]] = defaultdict(list)
        for unit, parent in model.business_units.items():
            if parent is not None:
                children[parent].append(unit)
        return cls(
            {unit: frozenset(names) for unit, names in owners.items()},
            {user: frozenset(names) for user, names in teams.items()},
            dict(children),
            dict(reports_to),
        )


@dataclass
class SecurityModel:
    """Who may do what to which record, and the administrator's changes to it (each bumps `version`)."""

    metadata: Metadata
    business_units: dict[str, str | None] = field(default_factory=dict)
    principals: dict[str, Principal] = field(default_factory=dict)
    roles: dict[str, dict[tuple[str, Access], Depth]] = field(default_factory=dict)
    shares: dict[tuple[str, str], dict[str, frozenset[Access]]] = field(default_factory=dict)
    hierarchy_depth: int = 0
    secured_fields: set[tuple[str, str]] = field(default_factory=set)
    field_grants: dict[tuple[str, str, str], tuple[bool, bool]] = field(default_factory=dict)
    field_shares: dict[tuple[str, str, str, str], tuple[bool, bool]] = field(default_factory=dict)
    version: int = 0
    _cache: dict[str, UserAccess] = field(default_factory=dict, repr=False)
    _cached_at: int = -1
    _arranged: Directory | None = field(default=None, repr=False)
    _arranged_at: int = -1

    def _changed(self) -> None:
        self.version += 1

    # -- administration -----------------------------------------------------------------------
    def add_business_unit(self, name: str, parent: str | None) -> Outcome:
        """Add a unit under `parent` (None: the root)."""
        if name in self.business_units:
            return _bad(f"business unit {name!r} already exists")
        if parent is None and any(p is None for p in self.business_units.values()):
            return _bad(f"business unit {name!r} needs a parent: the organization already has a root business unit")
        if parent is not None and parent not in self.business_units:
            return _bad(f"unknown parent business unit {parent!r}")
        self.business_units[name] = parent
        self._changed()
        return None

    def add_user(self, name: str, business_unit: str, manager: str | None = None) -> Outcome:
        """Add a user reporting to `manager`."""
        return self._add(Principal(name, business_unit, manager=manager))

    def add_team(self, name: str, business_unit: str, members: list[str] | None = None) -> Outcome:
        """Add an owner team with `members`."""
        return self._add(Principal(name, business_unit, is_team=True, members=set(members or [])))

    def _add(self, principal: Principal) -> Outcome:
        if principal.name in self.principals:
            return _bad(f"{principal.name!r} already exists")
        if principal.business_unit not in self.business_units:
            return _bad(f"unknown business unit {principal.business_unit!r}")
        manager = self.principals.get(principal.manager) if principal.manager is not None else None
        if principal.manager is not None and (manager is None or manager.is_team):
            return _bad(f"unknown manager {principal.manager!r}")
        if unknown := sorted(m for m in principal.members if m not in self.users()):
            return _bad(f"unknown team members {unknown}")
        self.principals[principal.name] = principal
        self._changed()
        return None

    def set_team_members(self, team: str, members: list[str]) -> Outcome:
        """Replace the members of `team`."""
        principal = self.principals.get(team)
        if principal is None or not principal.is_team:
            return _bad(f"unknown team {team!r}")
        if unknown := sorted(set(members) - set(self.users())):
            return _bad(f"unknown team members {unknown}")
        principal.members = set(members)
        self._changed()
        return None

    def define_role(self, name: str, privileges: list[Privilege]) -> Outcome:
        """Create a role, or replace the privileges of an existing one."""
        if unknown := sorted({p.entity for p in privileges} - set(self.metadata.entities)):
            return _bad(f"role {name!r} names unknown entities {unknown}")
        self.roles[name] = {(p.entity, p.access): p.depth for p in privileges}
        self._changed()
        return None

    def assign_role(self, user: str, role: str) -> Outcome:
        """Give `role` to `user` (idempotent)."""
        return self._change_roles(user, role, set.add)

    def revoke_role(self, user: str, role: str) -> Outcome:
        """Take `role` from `user` (idempotent)."""
        return self._change_roles(user, role, set.discard)

    def _change_roles(self, user: str, role: str, change: Callable[[set[str], str], None]) -> Outcome:
        principal = self.users().get(user)
        if principal is None:
            return _bad(f"unknown user {user!r}")
        if role not in self.roles:
            return _bad(f"unknown role {role!r}")
        change(principal.roles, role)
        self._changed()
        return None

    def share(self, entity: str, record_id: str, principal: str, access: list[Access]) -> Outcome:
        """Share a record with a user or team (an empty `access` removes the share); the caller checked the record."""
        if principal not in self.principals:
            return _bad(f"unknown user or team {principal!r}")
        grants = self.shares.setdefault((entity, record_id), {})
        grants[principal] = frozenset(access)
        self._changed()
        return None

    def set_hierarchy_security(self, enabled: bool, depth: int = 3) -> Outcome:
        """Managers read the records of the people below them, `depth` levels down (or not at all)."""
        if depth < 1:
            return _bad(f"hierarchy depth must be at least 1, not {depth}")
        self.hierarchy_depth = depth if enabled else 0
        self._changed()
        return None

    def secure_field(self, entity: str, field_name: str) -> Outcome:
        """Put a column under field-level security."""
        meta = self.metadata.entities.get(entity)
        if meta is None or field_name not in meta.attributes:
            return Refused("REL-BAD", f"{entity} has no column {field_name!r}", entity)
        self.secured_fields.add((entity, field_name))
        self._changed()
        return None

    def grant_field_access(self, user: str, entity: str, field_name: str, read: bool, update: bool) -> Outcome:
        """Let `user` read/update a secured column (online only, SEC-5)."""
        if (entity, field_name) not in self.secured_fields:
            return Refused("REL-BAD", f"{entity}.{field_name} is not secured", entity)
        if not self.is_user(user):
            return _bad(f"unknown user {user!r}")
        self.field_grants[(user, entity, field_name)] = (read, update)
        self._changed()
        return None

    def share_field(self, entity: str, record_id: str, field_name: str, user: str, read: bool, update: bool) -> Outcome:
        """Share one record's secured column with a user (online only, SEC-5); the caller checked the record."""
        if (entity, field_name) not in self.secured_fields:
            return Refused("REL-BAD", f"{entity}.{field_name} is not secured", entity)
        if not self.is_user(user):
            return _bad(f"unknown user {user!r}")
        self.field_shares[(user, entity, record_id, field_name)] = (read, update)
        self._changed()
        return None

    # -- questions ----------------------------------------------------------------------------
    def users(self) -> dict[str, Principal]:
        """All users by name."""
        return {n: p for n, p in self.principals.items() if not p.is_team}

    def is_user(self, name: str) -> bool:
        """Whether `name` is a user."""
        principal = self.principals.get(name)
        return principal is not None and not principal.is_team

    def _directory(self) -> Directory:
        """The principals arranged for quick questions, worked out once per version."""
        if self._arranged is None or self._arranged_at != self.version:
            self._arranged, self._arranged_at = Directory.of(self), self.version
        return self._arranged

    def teams_of(self, user: str) -> set[str]:
        """The teams `user` belongs to."""
        return set(self._directory().teams_by_user.get(user, ()))

    def subtree(self, unit: str) -> set[str]:
        """`unit` and every business unit below it."""
        children, found, level = self._directory().children, {unit}, [unit]
        while level:
            level = [child for parent in level for child in children.get(parent, ()) if child not in found]
            found.update(level)
        return found

    def reports(self, manager: str) -> set[str]:
        """Users below `manager`, down to the configured hierarchy depth."""
        below, level = self._directory().reports_to, {manager}
        found: set[str] = set()
        for _ in range(self.hierarchy_depth):
            level = {n for boss in level for n in below.get(boss, ())} - found
            found |= level
        return found

    def access(self, user: str) -> UserAccess:
        """What `user` may do now (worked out once per version of the model)."""
        if self._cached_at != self.version:
            self._cache, self._cached_at = {}, self.version
        found = self._cache.get(user)
        if found is None:
            found = self._cache[user] = self._work_out(user)
        return found

    def _work_out(self, user: str) -> UserAccess:
        me = self.principals[user]
        depths: dict[tuple[str, Access], Depth] = {}
        for role in me.roles:
            for key, depth in self.roles.get(role, {}).items():
                if DEPTH_ORDER[depth] > DEPTH_ORDER[depths.get(key, "none")]:
                    depths[key] = depth
        directory = self._directory()
        teams = frozenset(self.teams_of(user))
        subtree = self.subtree(me.business_unit)
        mine = {user, *teams}
        shared = {
            key: frozenset().union(*(grants.get(p, frozenset()) for p in mine))
            for key, grants in self.shares.items()
            if not mine.isdisjoint(grants)
        }
        return UserAccess(
            user=user,
            version=self.version,
            depths=MappingProxyType(depths),
            teams=teams,
            business_unit=me.business_unit,
            unit_owners=directory.owners_by_unit.get(me.business_unit, frozenset()),
            subtree_owners=frozenset().union(*(directory.owners_by_unit.get(unit, ()) for unit in subtree)),
            reports=frozenset(self.reports(user)),
            shared=MappingProxyType({key: grants for key, grants in shared.items() if grants}),
            secured=frozenset(self.secured_fields),
            field_grants=MappingProxyType(
                {(e, f): grant for (u, e, f), grant in self.field_grants.items() if u == user}
            ),
            field_shares=MappingProxyType(
                {(e, r, f): grant for (u, e, r, f), grant in self.field_shares.items() if u == user}
            ),
        )

    def allows(self, user: str, access: Access, entity: str, record: Fields) -> bool:
        """Whether `user` may `access` `record` of `entity` now."""
        return self.access(user).allows(access, entity, self.metadata.entities[entity].ownership, record)


def shared_as(entity: str, record: Fields) -> tuple[str, str]:
    """The key a record's shares are kept under: an Activity Pointer row is shared as the activity it shows."""
    kind = record.get("activitytypecode") if entity == POINTER else None
    return str(kind or entity), str(record.get("id"))


def _bad(problem: str) -> Refused:
    return Refused("REL-BAD", problem)
