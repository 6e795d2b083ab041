"""A user's subscription: the records (and many-to-many links) their device must hold, found through indexes.

The rule, stated once: a record of an entity of the user's profile belongs when it passes the entity's org data
filter, the user may read it, and either the item's rules admit it or (for an item with a rule) an association
of the profile relates it to a record that belongs. The notes on a record that belongs, and the files on those
notes, ride along when the user may read them. A many-to-many link comes when both its ends belong.

`Scope` is everything that depends on, as plain data. `Membership.compute` works a membership out in full, from
the indexes, testing single records only where the indexes cannot decide. `Membership.advance` moves it on in
place: only the records in the change log since it was computed, and those a change of scope (privileges,
teams, shares, profile, org data filters, the clock) can move in or out, are tested again; associations and
notes follow by delete-and-rederive. An advance can be rolled back until it is committed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar

from harness.driver import Condition, Fields, ProfileAssociation, ProfileItem, RelationshipDefinition
from harness.reference.clock import parse_iso
from harness.reference.conditions import Viewer, meets, meets_all, window_start
from harness.reference.indexes import POINTER
from harness.reference.metadata import ACTIVITY_TYPES, NOTE, NOTE_TARGET, note_target, target_of
from harness.reference.security import UserAccess
from harness.reference.server import ServerStore

VIEWER_OPERATORS = frozenset({"eq-userid", "eq-userteams", "eq-businessid"})
Ids = dict[str, set[str]]
Links = dict[str, set[tuple[str, str]]]


def has_rule(item: ProfileItem) -> bool:
    """Whether an item has any rule at all (without one nothing of it is downloaded, FLT-R0)."""
    rules = item.rules
    return bool(
        rules.all_records
        or rules.related_only
        or rules.other_data_filter
        or rules.mine
        or rules.my_teams
        or rules.my_business_unit
        or rules.custom
    )


@dataclass(frozen=True)
class ProfileView:
    """A user's offline profile as plain data: the answer Profiles gives for one user."""

    names: tuple[str, ...] = ()
    items: Mapping[str, ProfileItem] = field(default_factory=dict)
    associations: tuple[ProfileAssociation, ...] = ()
    filters: Mapping[str, tuple[Condition, ...]] = field(default_factory=dict)
    intervals: Mapping[str, float] = field(default_factory=dict)
    metadata_entities: tuple[str, ...] = ()

    @property
    def entities(self) -> frozenset[str]:
        """The entities the user has offline."""
        return frozenset(self.items)

    @cached_property
    def conditions(self) -> Mapping[str, tuple[Condition, ...]]:
        """Per entity of the profile, its custom rules and its org data filter's conditions (worked out once)."""
        return {
            entity: (*(item.rules.custom if item else ()), *self.filters.get(entity, ()))
            for entity, item in self.items.items()
        }

    @cached_property
    def viewer_dependent(self) -> frozenset[str]:
        """The entities with a condition testing a column other than the owner against the viewer."""
        return frozenset(
            entity
            for entity, conditions in self.conditions.items()
            if any(c.operator in VIEWER_OPERATORS and c.field != "ownerid" for c in conditions)
        )

    @cached_property
    def clock_dependent(self) -> frozenset[str]:
        """The entities with a condition counting days on a column other than modified-on."""
        return frozenset(
            entity
            for entity, conditions in self.conditions.items()
            if any(c.operator == "last-x-days" and c.field != "modifiedon" for c in conditions)
        )

    @cached_property
    def windows(self) -> Mapping[str, tuple[int, ...]]:
        """Per entity with any, the day counts of its modified-on windows (org data filter and custom rules)."""
        found = {e: tuple(int(c.value) for c in cs if _is_window(c)) for e, cs in self.conditions.items()}
        return {entity: days for entity, days in found.items() if days}


@dataclass(frozen=True)
class Scope:
    """Everything that decides which records one user's device holds: the profile, the privileges, the clock."""

    profile: ProfileView
    access: UserAccess
    now: float

    @property
    def user(self) -> str:
        """Whose scope this is."""
        return self.access.user


@dataclass(frozen=True)
class Edge:
    """An association of the profile seen from its source: records of `target` related to records of `source`."""

    source: str
    target: str
    relationship: RelationshipDefinition


@dataclass(frozen=True)
class EntityTest:
    """What the records of one entity must pass, worked out once per scope."""

    item: ProfileItem | None
    since: float | None
    conditions: list[Condition]
    reads_all: bool
    reads_own: bool


def _is_window(condition: Condition) -> bool:
    return condition.operator == "last-x-days" and condition.field == "modifiedon"


class Judge:
    """Tests records against one scope: set-wise where the indexes decide, record by record where they cannot."""

    def __init__(self, scope: Scope, server: ServerStore, notes: bool = True) -> None:
        self.scope, self.server, self.index, self.notes = scope, server, server.index, notes
        self.access = access = scope.access
        self.user, self.teams, self.unit_owners = access.user, access.teams, access.unit_owners
        self.own = frozenset({access.user, *access.teams})
        self.viewer = Viewer(access.user, self.teams, self.unit_owners, scope.now)
        self.tests: dict[str, EntityTest] = {}
        relationships = server.metadata.relationships
        self.edges = tuple(
            Edge(a.entity, target_of(relationships[a.relationship], a.entity), relationships[a.relationship])
            for a in scope.profile.associations
            if a.relationship in relationships
        )
        self.targets = frozenset(edge.target for edge in self.edges if self._takes_related(edge.target)) | {NOTE}

    def _takes_related(self, entity: str) -> bool:
        item = self.scope.profile.items.get(entity)
        return item is not None and has_rule(item)

    def test(self, entity: str) -> EntityTest:
        """What records of `entity` must pass: its org data filter, its item's rules, read access."""
        found = self.tests.get(entity)
        if found is None:
            conditions = self.scope.profile.filters.get(entity, ())
            days = [c.value for c in conditions if _is_window(c)]
            ownership = self.server.metadata.entities[entity].ownership
            depth = self.access.depth(entity, "read")
            found = self.tests[entity] = EntityTest(
                item=self.scope.profile.items.get(entity),
                since=window_start(min(days), self.scope.now) if days else None,
                conditions=[c for c in conditions if not _is_window(c)],
                reads_all=depth == "organization" or (ownership != "user" and depth != "none"),
                reads_own=depth != "none",
            )
        return found

    # -- one record at a time -----------------------------------------------------------------
    def passes(self, entity: str, record: Fields, filtered: bool = True) -> bool:
        """The org data filter (unless not `filtered`: notes have none) and read access."""
        test = self.test(entity)
        if filtered and test.since is not None:
            modified = record.get("modifiedon")
            if not isinstance(modified, str) or parse_iso(modified) < test.since:
                return False
        if filtered and test.conditions and not meets_all(test.conditions, record, self.viewer):
            return False
        if test.reads_all or (test.reads_own and record.get("ownerid") in self.own):
            return True
        ownership = self.server.metadata.entities[entity].ownership
        return self.access.allows("read", entity, ownership, record)

    def ruled(self, entity: str, record: Fields) -> bool:
        """Whether the entity's item admits the record by its own rules (filter and access aside)."""
        item = self.test(entity).item
        if item is None or not has_rule(item) or item.rules.related_only:
            return False
        rules, owner = item.rules, record.get("ownerid")
        if rules.all_records:
            return True
        picked = (
            (rules.mine and owner == self.user)
            or (rules.my_teams and owner in self.teams)
            or (rules.my_business_unit and owner in self.unit_owners)
        )
        return bool(picked or (rules.custom and all(meets(c, record, self.viewer) for c in rules.custom)))

    def belongs_by_rules(self, entity: str, record_id: str) -> bool:
        """Whether a record belongs by its item's rules (with filter and access)."""
        record = self.server.get(entity, record_id)
        return record is not None and self.ruled(entity, record) and self.passes(entity, record)

    def related_back(self, edge: Edge, record_id: str) -> set[str]:
        """The records of the edge's source that relate a record of its target."""
        relationship, index = edge.relationship, self.index
        if relationship.kind == "many_to_many":
            return index.linked(relationship.name, [record_id])
        if relationship.referenced == edge.source:
            found = self._lookup(edge.target, record_id, str(relationship.lookup))
            return {found} if found else set()
        return index.referencing(edge.source, str(relationship.lookup), [record_id])

    def supported(self, entity: str, record_id: str, member: Callable[[str, str], bool]) -> bool:
        """Whether a record belongs through an association or as a note, given what belongs (`member`)."""
        record = self.server.get(entity, record_id)
        if record is None:
            return False
        if entity == NOTE:
            target, target_id = note_target(record)
            if isinstance(target, str) and member(target, str(target_id)) and self.passes(NOTE, record, False):
                return True
        if not self._takes_related(entity) or not self.passes(entity, record):
            return False
        return any(
            any(member(edge.source, s) for s in self.related_back(edge, record_id))
            for edge in self.edges
            if edge.target == entity
        )

    def _lookup(self, entity: str, record_id: str, column: str) -> str | None:
        record = self.server.get(entity, record_id)
        value = record.get(column) if record else None
        return str(value["id"]) if isinstance(value, dict) and value.get("id") is not None else None

    # -- many records at once -----------------------------------------------------------------
    def by_rules(self, entity: str) -> set[str]:
        """Every record of `entity` its item's rules admit, with filter and access."""
        item = self.test(entity).item
        if item is None or not has_rule(item) or item.rules.related_only:
            return set()
        rules = item.rules
        if rules.all_records:
            return self.passing(entity, self._within(entity), windowed=True)
        owners = self._rule_owners(item)
        own = owners <= self.own and self.test(entity).reads_own
        picked = self.passing(entity, self._within(entity, owners), windowed=True, readable=own)
        if rules.custom:
            get = self.server.get
            extra = {
                i
                for i in self._custom_candidates(entity, rules.custom)
                if (r := get(entity, i)) is not None and r.get("ownerid") not in owners and self.ruled(entity, r)
            }
            picked |= self.passing(entity, extra)
        return picked

    def _rule_owners(self, item: ProfileItem) -> set[str]:
        rules = item.rules
        owners = {self.user} if rules.mine else set()
        owners |= self.teams if rules.my_teams else set()
        return owners | (self.unit_owners if rules.my_business_unit else set())

    def _within(self, entity: str, owners: set[str] | None = None) -> set[str]:
        """The ids of `entity` (owned by `owners`, if given) inside the org data filter's time window."""
        since, index = self.test(entity).since, self.index
        if since is None:
            return index.all(entity) if owners is None else index.owned(entity, owners)
        after, edge = index.window(entity, since, owners)
        get = self.server.get
        return after | {i for i in edge if self._modified_since(get(entity, i), since)}

    def _window(self, entity: str) -> set[str]:
        """The ids the org data filter's time window can admit (an empty window stays empty), else every id."""
        since = self.test(entity).since
        return self.index.all(entity) if since is None else self.index.modified_between(entity, since)

    def _custom_candidates(self, entity: str, custom: list[Condition]) -> set[str]:
        """A superset of the records custom conditions admit, from the condition the indexes answer best."""
        index, viewer = self.index, self.viewer
        for condition in custom:
            if condition.field == "ownerid" and condition.operator in VIEWER_OPERATORS:
                owners = {"eq-userid": {viewer.user}, "eq-userteams": set(viewer.teams)}
                return index.owned(entity, owners.get(condition.operator, viewer.unit_owners))
            attribute = self.server.metadata.entities[entity].attributes.get(condition.field)
            lookup = attribute is not None and attribute.type == "lookup"
            if condition.operator == "eq" and isinstance(condition.value, str) and lookup:
                return index.referencing(entity, condition.field, [condition.value])
        return self._window(entity)

    def passing(
        self, entity: str, ids: set[str], filtered: bool = True, windowed: bool = False, readable: bool = False
    ) -> set[str]:
        """The ids among `ids` that pass the org data filter (if `filtered`; its time window already if `windowed`)
        and read access (already if `readable`: the user's or her teams' own records, with a read depth)."""
        test, index, get = self.test(entity), self.index, self.server.get
        if filtered and not windowed and test.since is not None:
            since = test.since
            ids = {i for i in ids if self._modified_since(get(entity, i), since)}
        if filtered and test.conditions:
            ids = {i for i in ids if (r := get(entity, i)) is not None and meets_all(test.conditions, r, self.viewer)}
        if test.reads_all or readable:
            return ids
        own = ids & index.owned(entity, self.own) if test.reads_own else set()
        return own | {i for i in ids - own if (r := get(entity, i)) is not None and self.passes(entity, r, False)}

    @staticmethod
    def _modified_since(record: Fields | None, since: float) -> bool:
        modified = record.get("modifiedon") if record else None
        return isinstance(modified, str) and parse_iso(modified) >= since

    def forward(self, source: str, ids: set[str]) -> Ids:
        """The records related to `ids` of `source`: by the profile's associations, and their notes. Only records
        the server holds: a link or a lookup outlives the record it names when that record is deleted."""
        found: Ids = defaultdict(set)
        index = self.index
        for edge in self.edges:
            if edge.source != source:
                continue
            relationship = edge.relationship
            if relationship.kind == "many_to_many":
                found[edge.target] |= index.existing(edge.target, index.linked(relationship.name, ids))
            elif relationship.referenced == source:
                found[edge.target] |= index.referencing(edge.target, str(relationship.lookup), ids)
            else:
                named = {t for i in ids if (t := self._lookup(source, i, str(relationship.lookup)))}
                found[edge.target] |= index.existing(edge.target, named)
        if self.notes:
            found[NOTE] |= self._notes_on(source, ids)
        return found

    def _notes_on(self, entity: str, ids: set[str]) -> set[str]:
        """The notes (and files) on records `ids` of `entity`, from whichever side is smaller."""
        everything = self.index.by_entity.get(NOTE, set())
        if not everything:
            return set()
        get = self.server.get
        if len(everything) < len(ids):
            return {n for n in everything if (r := get(NOTE, n)) and (t := note_target(r))[0] == entity and t[1] in ids}
        candidates = self.index.referencing(NOTE, NOTE_TARGET, ids)
        return {n for n in candidates if (r := get(NOTE, n)) and note_target(r)[0] == entity}

    def admitted_through(self, target: str, ids: set[str]) -> set[str]:
        """Of `ids` related to records that belong, those that come in: an associated entity's by its filter and
        access, notes by access alone."""
        if target == NOTE:
            found = self.passing(NOTE, ids, filtered=False)
            if self._takes_related(NOTE):
                found |= self.passing(NOTE, ids - found)
            return found
        return self.passing(target, ids) if self._takes_related(target) else set()


class Journal:
    """What an advance changed in place, to undo it if the cycle does not complete."""

    def __init__(self) -> None:
        self.undo: list[Callable[[], object]] = []

    def add(self, ids: set[str], record_id: str) -> bool:
        """Add to a set; whether it changed."""
        if record_id in ids:
            return False
        ids.add(record_id)
        self.undo.append(lambda: ids.discard(record_id))
        return True

    def discard(self, ids: set[str], record_id: str) -> bool:
        """Take out of a set; whether it changed."""
        if record_id not in ids:
            return False
        ids.discard(record_id)
        self.undo.append(lambda: ids.add(record_id))
        return True

    def put(self, mapping: dict[str, object], key: str, value: object) -> None:
        """Set a key of a dict."""
        missing, before = key not in mapping, mapping.get(key)
        mapping[key] = value
        self.undo.append(lambda: mapping.pop(key, None) if missing else mapping.__setitem__(key, before))

    def rollback(self) -> None:
        """Undo everything, newest first."""
        for undo in reversed(self.undo):
            undo()
        self.undo.clear()


@dataclass
class Membership:
    """What a user's device should hold as of server version `token`, for `scope`.

    `ruled` holds, per entity, the records the item's rules admit; `members` adds those associations and notes
    bring (an entity nothing can be brought to shares its `ruled` set); `links` holds the many-to-many links
    between members; `owed` the records per entity whose device copy may still differ from `members` (they go
    down when their entity is next downloaded).
    """

    scope: Scope
    token: int
    ruled: Ids
    members: Ids
    links: Links
    owed: Ids = field(default_factory=dict)
    judge: ClassVar[type[Judge]] = Judge

    @classmethod
    def compute(cls, scope: Scope, server: ServerStore, notes: bool = True) -> Membership:
        """Work the membership out from nothing (without notes: what the profile's items alone hold)."""
        judge = cls.judge(scope, server, notes)
        ruled = {entity: judge.by_rules(entity) for entity in scope.profile.items}
        members = {e: (set(ids) if e in judge.targets else ids) for e, ids in ruled.items()}
        members.setdefault(NOTE, set())
        _follow(judge, members, {e: set(ids) for e, ids in ruled.items()}, Journal())
        return cls(scope, server.version, ruled, members, _links(server, members))

    def count(self) -> int:
        """How many records belong, notes and files included."""
        return sum(len(ids) for ids in self.members.values())

    def member(self, entity: str, record_id: str) -> bool:
        """Whether a record belongs."""
        return record_id in self.members.get(entity, ())

    def advance(self, scope: Scope, server: ServerStore) -> Advance:
        """Move the membership on to `scope` and the server's current version, in place (see `Advance`)."""
        judge = self.judge(scope, server)
        changed = self._changed_since(server)
        rescoped = scope.profile is not self.scope.profile and scope.profile != self.scope.profile
        full, recheck, reshaped = self._invalidated(scope, judge, changed)
        if reshaped or (rescoped and judge.targets != self.judge(self.scope, server).targets):
            return self._replace(self.compute(scope, server), changed, rescoped)
        journal = Journal()
        moved: dict[tuple[str, str], bool] = {}
        self._rerule(judge, full, recheck, journal, moved)
        self._reclose(judge, recheck, journal, moved)
        self._relink(server, changed, moved, journal)
        touched: Ids = defaultdict(set)
        for entity, ids in changed.items():
            touched[entity] |= ids
        for (entity, record_id), was in moved.items():
            if was != self.member(entity, record_id):
                touched[entity].add(record_id)
        journal.put(self.__dict__, "scope", scope)
        journal.put(self.__dict__, "token", server.version)
        return Advance(self, journal, dict(touched), rescoped)

    def _replace(self, fresh: Membership, changed: Ids, rescoped: bool) -> Advance:
        """Swap in a membership worked out in full; every record that moved, or changed, is touched."""
        journal = Journal()
        touched: Ids = {}
        for entity in set(fresh.members) | set(self.members) | set(changed):
            before, after = self.members.get(entity, set()), fresh.members.get(entity, set())
            touched[entity] = (before ^ after) | changed.get(entity, set())
        for name in ("scope", "token", "ruled", "members", "links"):
            journal.put(self.__dict__, name, getattr(fresh, name))
        return Advance(self, journal, touched, rescoped)

    def _changed_since(self, server: ServerStore) -> Ids:
        """The records the change log touched since `token`, by entity (activities also as pointers, links at both
        ends)."""
        changed: Ids = defaultdict(set)
        relationships = server.metadata.relationships
        for entry in server.log_since(self.token):
            changed[entry.entity].add(entry.record_id)
            if entry.entity in ACTIVITY_TYPES:
                changed[POINTER].add(entry.record_id)
            if entry.other is not None and entry.relationship in relationships:
                changed[relationships[entry.relationship].referencing].add(entry.other)
        return changed

    def _invalidated(self, scope: Scope, judge: Judge, changed: Ids) -> tuple[set[str], Ids, bool]:
        """What a change of scope invalidates: entities to work out in full, records to test again, and whether
        the membership must be worked out in full (associations changed, or an entity that takes related
        records must be worked out in full)."""
        recheck: Ids = defaultdict(set)
        for entity, ids in changed.items():
            recheck[entity] |= ids
        before, after = self.scope, scope
        full = set(after.profile.items) - set(before.profile.items)
        if before.profile is not after.profile:
            for entity in after.profile.items:
                same_item = before.profile.items.get(entity) == after.profile.items.get(entity)
                if not same_item or before.profile.filters.get(entity) != after.profile.filters.get(entity):
                    full.add(entity)
        if before.access is not after.access and before.access != after.access:
            self._access_moved(before.access, after.access, judge, full, recheck)
        if after.now != before.now:
            full |= after.profile.clock_dependent
            for entity, windows in after.profile.windows.items():
                for days in windows:
                    start, end = window_start(days, before.now), window_start(days, after.now)
                    if leaving := judge.index.modified_between(entity, start, end + 1):
                        recheck[entity] |= leaving
        reshaped = before.profile.associations != after.profile.associations or bool(full & judge.targets)
        reshaped = reshaped or set(before.profile.items) - set(after.profile.items) != set()
        return full, recheck, reshaped

    @staticmethod
    def _access_moved(before: UserAccess, after: UserAccess, judge: Judge, full: set[str], recheck: Ids) -> None:
        """The records a change of privileges, teams, units, hierarchy or shares can move in or out."""
        owners = (
            (before.teams ^ after.teams)
            | (before.unit_owners ^ after.unit_owners)
            | (before.subtree_owners ^ after.subtree_owners)
            | (before.reports ^ after.reports)
        )
        viewer_moved = before.teams != after.teams or before.unit_owners != after.unit_owners
        for entity in {*judge.scope.profile.items, NOTE}:
            if before.depth(entity, "read") != after.depth(entity, "read") or (
                viewer_moved and entity in judge.scope.profile.viewer_dependent
            ):
                full.add(entity)
            elif owners:
                recheck[entity] |= judge.index.owned(entity, owners)
        for key in set(before.shared) | set(after.shared):
            if ("read" in before.shared.get(key, ())) != ("read" in after.shared.get(key, ())):
                recheck[key[0]].add(key[1])
                if key[0] in ACTIVITY_TYPES:
                    recheck[POINTER].add(key[1])

    def _flip(self, entity: str, record_id: str, moved: dict[tuple[str, str], bool]) -> None:
        moved.setdefault((entity, record_id), self.member(entity, record_id))

    def _rerule(
        self, judge: Judge, full: set[str], recheck: Ids, journal: Journal, moved: dict[tuple[str, str], bool]
    ) -> None:
        """Test again what the items' rules admit: whole entities in `full`, else the records in `recheck`."""
        for entity in judge.scope.profile.items:
            if entity in full or entity not in self.ruled:
                fresh = judge.by_rules(entity)
                old = self.ruled.get(entity, set())
                for record_id in old ^ fresh:
                    self._flip(entity, record_id, moved)
                journal.put(self.ruled, entity, fresh)  # type: ignore[arg-type]
                if entity not in judge.targets:
                    journal.put(self.members, entity, fresh)  # type: ignore[arg-type]
                continue
            ruled, taken = self.ruled[entity], entity in judge.targets
            for record_id in recheck.get(entity, ()):
                self._flip(entity, record_id, moved)
                if judge.belongs_by_rules(entity, record_id):
                    journal.add(ruled, record_id)
                    if taken:
                        journal.add(self.members.setdefault(entity, set()), record_id)
                else:
                    journal.discard(ruled, record_id)

    def _reclose(self, judge: Judge, recheck: Ids, journal: Journal, moved: dict[tuple[str, str], bool]) -> None:
        """Associations and notes, by delete-and-rederive: take out what may have lost its support, put back what
        still has some, then follow what is new.

        Support can only be lost through a record that left, a record of an entity that takes related records (it
        may have left), or a lookup a changed record holds (its old target: every member of that target entity is
        doubted). A record that stays can only bring new records through a lookup it holds; relations held on the
        other side (lookups, notes, links: both ends are in the change log) come in as changed records."""
        members, ruled = self.members, self.ruled
        for entity in judge.targets:
            members.setdefault(entity, set())
        pointing = [
            e for e in judge.edges if e.relationship.kind == "one_to_many" and e.relationship.referencing == e.source
        ]
        seeds: Ids = defaultdict(set)
        for (entity, record_id), was in moved.items():
            if was and (entity in judge.targets or not self.member(entity, record_id)):
                seeds[entity].add(record_id)
        for entity, ids in recheck.items():
            if entity in judge.targets:
                seeds[entity] |= ids & members.get(entity, set())
        widened: set[str] = set()
        while wider := [
            e for e in pointing if e.target not in widened and (seeds.get(e.source) or recheck.get(e.source))
        ]:
            for edge in wider:
                widened.add(edge.target)
                seeds[edge.target] |= members.get(edge.target, set())
        doubtful: Ids = defaultdict(set)
        frontier = seeds
        while any(frontier.values()):
            following: Ids = defaultdict(set)
            for entity, ids in frontier.items():
                fresh = ids - doubtful[entity]
                if not fresh:
                    continue
                doubtful[entity] |= fresh
                for target, related in judge.forward(entity, fresh).items():
                    following[target] |= related & members.get(target, set())
            frontier = following
        for entity, ids in doubtful.items():
            if entity not in judge.targets:
                continue
            for record_id in ids - ruled.get(entity, set()):
                self._flip(entity, record_id, moved)
                journal.discard(members[entity], record_id)
        again = True
        while again:
            again = False
            for entity, ids in doubtful.items():
                if entity not in judge.targets:
                    continue
                for record_id in ids - members[entity]:
                    if judge.supported(entity, record_id, self.member):
                        again = journal.add(members[entity], record_id) or again
        new: Ids = defaultdict(set)
        for (entity, record_id), was in moved.items():
            if not was and self.member(entity, record_id):
                new[entity].add(record_id)
        holders = {e.source for e in pointing}
        for entity, ids in recheck.items():
            present = members.get(entity, set())
            if entity in holders:
                new[entity] |= ids & present
            if entity in judge.targets:
                for record_id in ids - present:
                    if judge.supported(entity, record_id, self.member):
                        self._flip(entity, record_id, moved)
                        journal.add(members[entity], record_id)
                        new[entity].add(record_id)
        _follow(judge, members, new, journal, lambda e, i: self._flip(e, i, moved))

    def _relink(self, server: ServerStore, changed: Ids, moved: dict[tuple[str, str], bool], journal: Journal) -> None:
        """The links between members: drop those whose end left or that the server no longer has, add those of
        records that came in or changed."""
        relationships = server.metadata.relationships
        ends: Ids = defaultdict(set)
        for (entity, record_id), _ in moved.items():
            ends[entity].add(record_id)
        for entity, ids in changed.items():
            ends[entity] |= ids
        for name, pairs in server.links.items():
            definition = relationships.get(name)
            if definition is None:
                continue
            left, right = definition.referenced, definition.referencing
            touched = ends.get(left, set()) | ends.get(right, set())
            if not touched:
                continue
            held = self.links.get(name)
            if held is None:
                held = set()
                journal.put(self.links, name, held)  # type: ignore[arg-type]
            for one in touched:
                for other in (
                    server.index.linked(name, [one])
                    | {b for a, b in held if a == one}
                    | {a for a, b in held if b == one}
                ):
                    for pair in ((one, other), (other, one)):
                        keep = pair in pairs and self.member(left, pair[0]) and self.member(right, pair[1])
                        (journal.add if keep else journal.discard)(held, pair)  # type: ignore[arg-type]


@dataclass
class Advance:
    """A membership moved on in place: `touched` names per entity the records whose device copy may have to
    change, `rescoped` whether the profile changed; `commit` keeps the move, `rollback` undoes it."""

    membership: Membership
    journal: Journal
    touched: Ids
    rescoped: bool = False

    def commit(self) -> None:
        """Keep the move."""
        self.journal.undo.clear()

    def rollback(self) -> None:
        """Undo the move."""
        self.journal.rollback()


def _follow(
    judge: Judge, members: Ids, frontier: Ids, journal: Journal, flip: Callable[[str, str], None] | None = None
) -> None:
    """Add to `members` every record related (by association or as a note) to the frontier, to a fixed point."""
    while any(frontier.values()):
        found: Ids = defaultdict(set)
        for entity, ids in frontier.items():
            if not ids:
                continue
            for target, related in judge.forward(entity, ids).items():
                held = members.setdefault(target, set())
                for record_id in judge.admitted_through(target, related - held):
                    if flip is not None:
                        flip(target, record_id)
                    journal.add(held, record_id)
                    found[target].add(record_id)
        frontier = found


def _links(server: ServerStore, members: Ids) -> Links:
    """The many-to-many links whose two ends belong."""
    relationships = server.metadata.relationships
    links: Links = {}
    for name, pairs in server.links.items():
        definition = relationships.get(name)
        if definition is None:
            continue
        left, right = members.get(definition.referenced, set()), members.get(definition.referencing, set())
        kept = {(a, b) for a, b in pairs if a in left and b in right}
        if kept:
            links[name] = kept
    return links


def first_touch(membership: Membership, held: Mapping[str, Iterable[str]]) -> Ids:
    """For a membership with no history on a device: every member, and every record the device holds."""
    touched = {entity: set(ids) for entity, ids in membership.members.items()}
    for entity, ids in held.items():
        touched.setdefault(entity, set()).update(ids)
    return touched
