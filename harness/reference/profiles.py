"""Offline profiles: validation against the page's rules and limits, publishing, the org data filter, the offline
app modules, and each user's profile as plain data (`ProfileView`)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

from harness.driver import (
    AppModule,
    Condition,
    Finding,
    Outcome,
    ProfileDefinition,
    ProfileItem,
    PublishResult,
    Refused,
)
from harness.reference import conditions
from harness.reference.clock import SimulatedClock
from harness.reference.editions import DEFAULT_EDITION, Edition
from harness.reference.entity_table import NOT_OFFLINE_CLAIM, PAGE_TABLE, OfflineTable
from harness.reference.metadata import Metadata, fans_out, target_of
from harness.reference.security import SecurityModel
from harness.reference.server import ServerStore
from harness.reference.subscription import Membership, ProfileView, Scope, has_rule

DEFAULT_ORG_FILTER_DAYS = 10
LOOKUP_LIMIT = "lookup targets must be offline-enabled"


@dataclass
class Profiles:
    """The published profiles, the org data filter of each entity, and the offline app modules."""

    metadata: Metadata
    security: SecurityModel
    clock: SimulatedClock
    server: ServerStore
    table: OfflineTable = PAGE_TABLE
    edition: Edition = DEFAULT_EDITION
    membership: type[Membership] = Membership
    published: dict[str, ProfileDefinition] = field(default_factory=dict)
    org_filters: dict[str, list[Condition] | None] = field(default_factory=dict)
    app_modules: list[AppModule] = field(default_factory=list)
    version: int = 0
    _views: dict[str, ProfileView] = field(default_factory=dict, repr=False)
    _members: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _viewed_at: tuple[int, int] = (-1, -1)

    # -- the administrator ----------------------------------------------------------------------
    def publish(self, profile: ProfileDefinition) -> PublishResult:
        """Validate `profile`; with no errors publish it (replacing one of the same name) and return warnings."""
        check = self.validate(profile)
        if check.errors:
            return PublishResult(False, check.errors, check.warnings)
        self.published[profile.name] = profile
        self.version += 1
        lookups = unavailable_lookups(self.metadata, profile)
        return PublishResult(True, [], check.warnings + lookups + self._volume_warnings(profile))

    def add_users(self, profile: str, users: list[str]) -> PublishResult:
        """Add users to a published profile, under the same validation as publishing."""
        current = self.published.get(profile)
        if current is None:
            return PublishResult(False, [Finding("REL-BAD", f"unknown profile {profile!r}")])
        return self.publish(dataclasses.replace(current, users=[*current.users, *users]))

    def set_org_data_filter(self, entity: str, conditions: list[Condition] | None) -> Outcome:
        """Set (conditions ANDed) or clear (None) an entity's org data filter."""
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        self.org_filters[entity] = None if conditions is None else list(conditions)
        self.version += 1
        return None

    def set_offline_app_modules(self, modules: list[AppModule]) -> Outcome:
        """The app modules enabled for offline (their entities drive metadata download, SYN-MD)."""
        for module in modules:
            if unknown := sorted(set(module.entities) - set(self.metadata.entities)):
                return Refused("REL-BAD", f"app module {module.name!r} names unknown entities {unknown}")
        self.app_modules = list(modules)
        self.version += 1
        return None

    def validate(self, profile: ProfileDefinition) -> ProfileCheck:
        """Every check of `profile` against the rules and limits; changes nothing."""
        check = ProfileCheck(self, profile)
        check.run()
        return check

    def _volume_warnings(self, profile: ProfileDefinition) -> list[Finding]:
        limit = self.edition.recommended_records_per_user
        warnings = []
        for user in sorted(self.users_of(profile)):
            count = self.subscription_size(user)
            if count > limit:
                message = f"{user}'s subscription holds {count:,} records; keep it at or under {limit:,}"
                warnings.append(Finding("FLT-VOL", message, None, f"{limit:,} records per user"))
        return warnings

    # -- questions ------------------------------------------------------------------------------
    def users_of(self, profile: ProfileDefinition) -> set[str]:
        """The users a profile applies to, directly or through its teams."""
        principals = self.security.principals
        members = {m for team in profile.teams if team in principals for m in principals[team].members}
        return set(profile.users) | members

    def view(self, user: str) -> ProfileView:
        """`user`'s offline profile as plain data (worked out once per version of the profiles and the security)."""
        key = (self.version, self.security.version)
        if self._viewed_at != key:
            self._views, self._viewed_at = {}, key
            self._members = {name: self.users_of(p) for name, p in self.published.items()}
        found = self._views.get(user)
        if found is None:
            found = self._views[user] = self._view(user)
        return found

    def _view(self, user: str) -> ProfileView:
        profiles = self.profiles_of(user)
        items: dict[str, ProfileItem] = {}
        intervals: dict[str, float] = {}
        for profile in profiles:
            for item in profile.items:
                items.setdefault(item.entity, item)
                intervals[item.entity] = min(item.sync_interval_minutes, intervals.get(item.entity, float("inf")))
        modules = sorted({entity for module in self.app_modules for entity in module.entities})
        return ProfileView(
            names=tuple(p.name for p in profiles),
            items=items,
            associations=tuple(a for p in profiles for a in p.associations),
            filters={entity: tuple(self.org_filter(entity) or ()) for entity in items},
            intervals=intervals,
            metadata_entities=tuple(modules or sorted(items)),
        )

    def profiles_of(self, user: str) -> list[ProfileDefinition]:
        """The one profile that applies to `user` (FLT-PU): the one naming her, else the earliest published that
        reaches her through a team."""
        reaching = [p for p in self.published.values() if user in self._members[p.name]]
        return ([p for p in reaching if user in p.users] or reaching)[:1]

    def holders(self, profile: ProfileDefinition) -> dict[str, str]:
        """The users of `profile` that another published profile already holds, with that profile's name."""
        found: dict[str, str] = {}
        wanted = self.users_of(profile)
        for other in self.published.values():
            if other.name != profile.name:
                for user in wanted & self.users_of(other):
                    found.setdefault(user, other.name)
        return found

    def org_filter(self, entity: str) -> list[Condition] | None:
        """The entity's org data filter: the one set, else the default for user- or team-owned entities (FLT-ORG2)."""
        if entity in self.org_filters:
            return self.org_filters[entity]
        if self.metadata.entities[entity].ownership == "user":
            return [Condition("modifiedon", "last-x-days", DEFAULT_ORG_FILTER_DAYS)]
        return None

    def scope(self, user: str) -> Scope:
        """What decides `user`'s subscription now."""
        return Scope(self.view(user), self.security.access(user), self.clock.seconds)

    def subscription_size(self, user: str) -> int:
        """How many records `user`'s profile items would hold now (notes aside)."""
        membership = self.membership.compute(self.scope(user), self.server, notes=False)
        return sum(len(membership.members.get(entity, ())) for entity in membership.scope.profile.items)


class ProfileCheck:
    """One publish attempt's validation: errors refuse the profile, warnings accept it."""

    def __init__(self, profiles: Profiles, profile: ProfileDefinition) -> None:
        self.profiles = profiles
        self.profile = profile
        self.edition = profiles.edition
        self.errors: list[Finding] = []
        self.warnings: list[Finding] = []
        self.items = {item.entity: item for item in profile.items}

    def error(self, claim: str, message: str, entity: str | None = None, limit: str | None = None) -> None:
        """Record an error."""
        self.errors.append(Finding(claim, message, entity, limit))

    def warn(self, claim: str, message: str, entity: str | None = None, limit: str | None = None) -> None:
        """Record a warning."""
        self.warnings.append(Finding(claim, message, entity, limit))

    def run(self) -> None:
        """Every check, in the order a person would fix them."""
        self.check_users()
        for entity, count in Counter(item.entity for item in self.profile.items).items():
            if count > 1:
                self.error("REL-BAD", f"{entity} appears {count} times in profile {self.profile.name!r}", entity)
        for item in self.profile.items:
            self.check_item(item)
        self.check_associations()
        self.check_org_filters()

    def check_users(self) -> None:
        """Known users and teams, no user in two profiles, no more users than the edition allows (FLT-PU)."""
        security = self.profiles.security
        known = security.users()
        for user in self.profile.users:
            if user not in known:
                self.error("REL-BAD", f"unknown user {user!r}")
        for team in self.profile.teams:
            if team not in security.principals or not security.principals[team].is_team:
                self.error("REL-BAD", f"unknown team {team!r}")
        for user, holder in sorted(self.profiles.holders(self.profile).items()):
            if user in self.profile.users:
                message = f"{user} is already in the offline profile {holder!r}: a user belongs to one profile"
                self.error("FLT-PU", message, None, "one offline profile per user")
            else:
                message = (
                    f"{user} comes in through a team but is already in {holder!r}: the profile she was in first applies"
                )
                self.warn("FLT-PU", message, None, "one offline profile per user")
        count, limit = len(self.profiles.users_of(self.profile)), self.edition.max_profile_users
        if count > limit:
            message = f"profile {self.profile.name!r} would hold {count:,} users; a profile holds at most {limit:,}"
            self.error("FLT-PU", message, None, f"{limit:,} users per profile")

    def check_item(self, item: ProfileItem) -> None:
        """The entity may go offline, and its rules follow FLT-R0..FLT-R4."""
        entity, rules = item.entity, item.rules
        meta = self.profiles.metadata.entities.get(entity)
        if meta is None:
            self.error("REL-BAD", f"unknown entity {entity!r}", entity)
            return
        if self.profiles.table.row(entity, meta.custom) is None:
            message = f"{entity} is not one of the entities the app can take offline"
            self.error(NOT_OFFLINE_CLAIM, message, entity, "the page's entity table")
            return
        if item.sync_interval_minutes < 1:
            self.error("REL-BAD", f"{entity}: sync interval must be at least 1 minute", entity)
        other = rules.other_data_filter or rules.mine or rules.my_teams or rules.my_business_unit
        chosen = [name for name, on in (("other data filter", other), ("custom data filter", bool(rules.custom))) if on]
        besides = chosen + (["related data only"] if rules.related_only else [])
        if rules.all_records and besides:
            message = f"{entity}: 'all records' excludes every other rule, yet {' and '.join(besides)} is set"
            self.error("FLT-R1", message, entity, "'all records' stands alone")
        if rules.related_only:
            self.check_related_only(entity, chosen + (["all records"] if rules.all_records else []))
        if not has_rule(item):
            message = f"{entity} has no profile rule: none of its records will be downloaded"
            self.warn("FLT-R0", message, entity, "at least one rule per entity")
        if rules.other_data_filter and not (rules.mine or rules.my_teams or rules.my_business_unit):
            message = f"{entity}: 'other data filter' needs my records, my team's records or my business unit's records"
            self.error("FLT-R3", message, entity, "at least one of my, my team's, my business unit's records")
        if rules.my_business_unit and not item.small_master_data:
            message = f"{entity}: a business-unit filter downloads a lot; keep it for small master data"
            self.warn("FLT-R3", message, entity, "business-unit filters for small master data only")
        self.check_custom(item)

    def check_related_only(self, entity: str, others: list[str]) -> None:
        """'Download related data only' stands alone and needs an association bringing the entity (FLT-R2)."""
        if others:
            message = f"{entity}: 'related data only' excludes every other rule, yet {' and '.join(others)} is set"
            self.error("FLT-R2", message, entity, "'related data only' stands alone")
        relationships = self.profiles.metadata.relationships
        targets = {
            target_of(relationships[a.relationship], a.entity)
            for a in self.profile.associations
            if a.relationship in relationships
        }
        if entity not in targets:
            message = f"{entity}: 'related data only' needs a profile item association that brings {entity}"
            self.error("FLT-R2", message, entity, "'related data only' needs an association")

    def check_custom(self, item: ProfileItem) -> None:
        """At most the edition's number of custom filters, each well formed (FLT-R4, REL-BAD)."""
        limit = self.edition.max_custom_filters
        if len(item.rules.custom) > limit:
            message = f"{item.entity} has {len(item.rules.custom)} custom data filters; at most {limit} are allowed"
            self.error("FLT-R4", message, item.entity, f"{limit} custom filters per entity")
        meta = self.profiles.metadata.entities[item.entity]
        for condition in item.rules.custom:
            if why := conditions.problem(meta, condition):
                self.error("FLT-R4", why, item.entity)

    def check_associations(self) -> None:
        """Known relationships between profile entities; per-entity limits; no self or circular references."""
        relationships = self.profiles.metadata.relationships
        edges: dict[str, set[str]] = {}
        per_entity: Counter[str] = Counter()
        fanning: Counter[str] = Counter()
        for association in self.profile.associations:
            entity, relationship = association.entity, relationships.get(association.relationship)
            if relationship is None or entity not in (relationship.referenced, relationship.referencing):
                self.error("REL-BAD", f"{entity}: no relationship {association.relationship!r} on it", entity)
                continue
            target = target_of(relationship, entity)
            if relationship.referenced == relationship.referencing:
                self.error(
                    "FLT-REL3", f"{entity}: {relationship.name} refers to {entity} itself", entity, "no self-references"
                )
                continue
            for side in (entity, target):
                if side not in self.items:
                    self.error("REL-BAD", f"{relationship.name}: {side} is not an item of the profile", side)
            per_entity[entity] += 1
            fanning[entity] += fans_out(relationship, entity)
            edges.setdefault(entity, set()).add(target)
        self.check_relationship_limits(per_entity, fanning)
        if cycle := find_cycle(edges):
            message = "profile associations go round in a circle: " + " → ".join(cycle)
            self.error("FLT-REL3", message, cycle[0], "no circular references")

    def check_relationship_limits(self, per_entity: Counter[str], fanning: Counter[str]) -> None:
        """FLT-REL1 and FLT-REL2 for every entity."""
        most, fan_limit = self.edition.max_relationships_per_entity, self.edition.max_one_to_many_per_entity
        for entity, count in sorted(per_entity.items()):
            if count > most:
                message = f"{entity} has {count} relationships in the profile; at most {most} are allowed"
                self.error("FLT-REL1", message, entity, f"{most} relationships per entity")
            if fanning[entity] > fan_limit:
                message = (
                    f"{entity} has {fanning[entity]} one-to-many or many-to-many relationships; at most {fan_limit}"
                )
                self.error("FLT-REL2", message, entity, f"{fan_limit} one-to-many or many-to-many per entity")

    def check_org_filters(self) -> None:
        """Warn for each entity shared with another profile that has no org data filter (FLT-ORG1)."""
        elsewhere = {i.entity for p in self.profiles.published.values() if p.name != self.profile.name for i in p.items}
        for entity in sorted(set(self.items) & elsewhere):
            if entity in self.profiles.metadata.entities and not self.profiles.org_filter(entity):
                message = f"{entity} is used across profiles but has no org data filter rule"
                self.warn("FLT-ORG1", message, entity, "an org data filter rule for each shared entity")


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A cycle in a directed graph as a path that returns to its start, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return None

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return None


def unavailable_lookups(metadata: Metadata, profile: ProfileDefinition) -> list[Finding]:
    """Publish warnings: each lookup of a profile entity whose target entity the profile leaves out (CAP-LK)."""
    entities = sorted({item.entity for item in profile.items if item.entity in metadata.entities})
    return [
        Finding(
            "CAP-LK",
            f"lookup {entity}.{attribute.name} points to {attribute.target}, which profile {profile.name!r} "
            "leaves out: the lookup is unavailable offline",
            entity,
            LOOKUP_LIMIT,
        )
        for entity in entities
        for attribute in metadata.entities[entity].attributes.values()
        if attribute.type == "lookup" and attribute.target and attribute.target not in entities
    ]
