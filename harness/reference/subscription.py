"""A user's subscription: the records their device must hold, found through indexes, never by scanning the org."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from harness.driver import Condition, Fields, Ownership, ProfileItem
from harness.reference.clock import DAY, parse_iso
from harness.reference.conditions import Viewer, meets

if TYPE_CHECKING:
    from harness.reference.profiles import Profiles
    from harness.reference.server import ServerStore

Reader = Callable[[str, str], Fields | None]


@dataclass(frozen=True)
class Gate:
    """What every record of one entity must pass, worked out once per subscription."""

    since: float | None
    conditions: list[Condition]
    ownership: Ownership
    reads_all: bool
    reads_own: bool


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


class Subscription:
    """(profile rules, plus associations to a fixed point) and org data filter and what the user may read."""

    def __init__(self, profiles: Profiles, user: str, server: ServerStore, read: Reader | None = None) -> None:
        self.profiles, self.user, self.server = profiles, user, server
        self.read: Reader = read or server.get
        security = profiles.security
        me = security.principals[user]
        self.teams = frozenset(security.teams_of(user))
        self.unit_members = {name for name, p in security.principals.items() if p.business_unit == me.business_unit}
        self.viewer = Viewer(user, self.teams, me.business_unit, profiles.clock.seconds, security.business_unit_of)
        self.items = profiles.items_of(user)
        self.gates: dict[str, Gate] = {}

    def compute(self) -> dict[str, set[str]]:
        """The ids per entity of every item in the user's profiles."""
        held = {entity: self._by_rules(item) for entity, item in self.items.items()}
        frontier = {entity: set(ids) for entity, ids in held.items()}
        while any(frontier.values()):
            found: dict[str, set[str]] = {}
            for association in self.profiles.associations_of(self.user):
                target, related = self._related(association.entity, association.relationship, frontier)
                if target not in self.items or not has_rule(self.items[target]):
                    continue
                fresh = {i for i in related - held.get(target, set()) if self._admits(target, i)}
                found.setdefault(target, set()).update(fresh)
            for entity, ids in found.items():
                held.setdefault(entity, set()).update(ids)
            frontier = found
        return held

    # -- candidates from the indexes, then the exact test ---------------------------------------
    def _by_rules(self, item: ProfileItem) -> set[str]:
        rules, entity = item.rules, item.entity
        index = self.server.index
        if rules.related_only:
            return set()
        if rules.all_records:
            candidates = self._recent_or_all(entity)
        else:
            owners = ({self.user} if rules.mine else set()) | (set(self.teams) if rules.my_teams else set())
            owners |= self.unit_members if rules.my_business_unit else set()
            candidates = index.owned(entity, owners)
            if rules.custom:
                candidates |= self._custom_candidates(entity, rules.custom)
        return {i for i in candidates if self._admits(entity, i, item)}

    def _recent_or_all(self, entity: str) -> set[str]:
        """Ids the org data filter's time window can admit (an empty window stays empty), else every id."""
        days = [c.value for c in self.profiles.org_filter(entity) or [] if c.operator == "last-x-days"]
        if not days:
            return self.server.index.all(entity)
        return self.server.index.modified_since(entity, self.viewer.now - min(days) * DAY)

    def _custom_candidates(self, entity: str, custom: list[Condition]) -> set[str]:
        index = self.server.index
        for condition in custom:
            if condition.field == "ownerid" and condition.operator in ("eq-userid", "eq-userteams", "eq-businessid"):
                owners = {"eq-userid": {self.user}, "eq-userteams": set(self.teams)}.get(condition.operator)
                return index.owned(entity, self.unit_members if owners is None else owners)
            if (
                condition.operator == "eq"
                and isinstance(condition.value, str)
                and self._is_lookup(entity, condition.field)
            ):
                return index.referencing(entity, condition.field, [condition.value])
        return self._recent_or_all(entity)

    def _is_lookup(self, entity: str, column: str) -> bool:
        attribute = self.profiles.metadata.entities[entity].attributes.get(column)
        return attribute is not None and attribute.type == "lookup"

    def _admits(self, entity: str, record_id: str, item: ProfileItem | None = None) -> bool:
        """The exact test: org data filter, the item's own rules (if given), and read access."""
        record = self.read(entity, record_id)
        if record is None:
            return False
        gate = self.gates.get(entity) or self._gate(entity)
        if gate.since is not None:
            modified = record.get("modifiedon")
            if not isinstance(modified, str) or parse_iso(modified) < gate.since:
                return False
        if gate.conditions and not all(meets(c, record, self.viewer) for c in gate.conditions):
            return False
        if item is not None and not self._rules_admit(item, record):
            return False
        owner = record.get("ownerid")
        if gate.reads_all or (gate.reads_own and (owner == self.user or owner in self.teams)):
            return True
        return self.profiles.security.allows(self.user, "read", entity, gate.ownership, record)

    def _gate(self, entity: str) -> Gate:
        org_filter = self.profiles.org_filter(entity) or []
        days = [c.value for c in org_filter if c.operator == "last-x-days"]
        ownership = self.profiles.metadata.entities[entity].ownership
        depth = self.profiles.security.depth(self.user, entity, "read")
        gate = Gate(
            since=self.viewer.now - min(days) * DAY if days else None,
            conditions=[c for c in org_filter if c.operator != "last-x-days"],
            ownership=ownership,
            reads_all=depth == "organization" or (ownership != "user" and depth != "none"),
            reads_own=depth != "none",
        )
        self.gates[entity] = gate
        return gate

    def _rules_admit(self, item: ProfileItem, record: Fields) -> bool:
        rules, owner = item.rules, record.get("ownerid")
        if rules.all_records:
            return True
        picked = (
            (rules.mine and owner == self.user)
            or (rules.my_teams and owner in self.teams)
            or (rules.my_business_unit and owner in self.unit_members)
        )
        return bool(picked or (rules.custom and all(meets(c, record, self.viewer) for c in rules.custom)))

    # -- associations -------------------------------------------------------------------------
    def _related(self, source: str, relationship_name: str, frontier: dict[str, set[str]]) -> tuple[str, set[str]]:
        """The target entity of an association and the ids related to the source's newly held records."""
        relationship = self.profiles.metadata.relationships[relationship_name]
        ids = frontier.get(source, set())
        index = self.server.index
        if relationship.kind == "many_to_many":
            target = relationship.referencing if relationship.referenced == source else relationship.referenced
            return target, index.linked(relationship.name, ids)
        lookup = str(relationship.lookup)
        if relationship.referenced == source:
            return relationship.referencing, index.referencing(relationship.referencing, lookup, ids)
        pointed = (self.read(source, i) for i in ids)
        return relationship.referenced, {str(r[lookup]["id"]) for r in pointed if r and isinstance(r.get(lookup), dict)}
