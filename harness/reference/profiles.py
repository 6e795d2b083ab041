"""Offline profiles: publishing with validation, the org data filter, and each user's subscription."""

from __future__ import annotations

from dataclasses import dataclass, field

from harness.driver import AppModule, Condition, Fields, Finding, ProfileDefinition, PublishResult
from harness.reference.catalog import NOT_OFFLINE_CLAIM, PAGE_TABLE, OfflineTable
from harness.reference.clock import DAY, SimulatedClock, parse_iso
from harness.reference.lookups import unavailable_lookups
from harness.reference.metadata import Metadata
from harness.reference.security import SecurityModel
from harness.reference.server import ServerStore

DEFAULT_ORG_FILTER_DAYS = 10


@dataclass
class Profiles:
    """The published profiles and the org data filter of each entity."""

    metadata: Metadata
    security: SecurityModel
    clock: SimulatedClock
    table: OfflineTable = PAGE_TABLE
    published: dict[str, ProfileDefinition] = field(default_factory=dict)
    org_filters: dict[str, list[Condition] | None] = field(default_factory=dict)
    app_modules: list[AppModule] = field(default_factory=list)

    def publish(self, profile: ProfileDefinition) -> PublishResult:
        """Validate `profile`; publish it only if there are no errors."""
        errors: list[Finding] = []
        for item in profile.items:
            meta = self.metadata.entities.get(item.entity)
            if meta is None:
                errors.append(Finding("REL-BAD", f"unknown entity {item.entity!r}", item.entity))
            elif self.table.row(item.entity, meta.custom) is None:
                errors.append(
                    Finding(
                        NOT_OFFLINE_CLAIM,
                        f"{item.entity} is not one of the entities the app can take offline",
                        item.entity,
                        "the page's entity table",
                    )
                )
        for user in profile.users:
            if user not in self.security.users():
                errors.append(Finding("REL-BAD", f"unknown user {user!r}"))
        if errors:
            return PublishResult(False, errors)
        self.published[profile.name] = profile
        return PublishResult(True, warnings=unavailable_lookups(self.metadata, profile))

    def profiles_of(self, user: str) -> list[ProfileDefinition]:
        """The profiles that apply to `user`, directly or through a team."""
        teams = self.security.teams_of(user)
        return [p for p in self.published.values() if user in p.users or teams & set(p.teams)]

    def offline_entities(self, user: str) -> set[str]:
        """The entities `user` has offline."""
        return {item.entity for p in self.profiles_of(user) for item in p.items}

    def metadata_entities(self, user: str) -> list[str]:
        """Entities whose metadata the device downloads: those of the offline app modules, else the profile's."""
        if self.app_modules:
            return sorted({entity for module in self.app_modules for entity in module.entities})
        return sorted(self.offline_entities(user))

    def org_filter(self, entity: str) -> list[Condition] | None:
        """The entity's org data filter: the one set, else the default for user-owned entities."""
        if entity in self.org_filters:
            return self.org_filters[entity]
        if self.metadata.entities[entity].ownership == "user":
            return [Condition("modifiedon", "last-x-days", DEFAULT_ORG_FILTER_DAYS)]
        return None

    def subscription(self, user: str, server: ServerStore) -> dict[str, set[str]]:
        """The ids `user`'s device must hold, per entity: profile rules, org data filter and read access."""
        wanted: dict[str, set[str]] = {}
        me = self.security.principals[user]
        teams = self.security.teams_of(user)
        for profile in self.profiles_of(user):
            for item in profile.items:
                meta = self.metadata.entities[item.entity]
                org_filter = self.org_filter(item.entity) or []
                ids = wanted.setdefault(item.entity, set())
                for record in server.all(item.entity):
                    if not all(self.matches(c, record, user) for c in org_filter):
                        continue
                    owner = self.security.principals.get(str(record.get("ownerid")))
                    rules = item.rules
                    picked = (
                        rules.all_records
                        or (rules.mine and record.get("ownerid") == user)
                        or (rules.my_teams and record.get("ownerid") in teams)
                        or (rules.my_business_unit and owner is not None and owner.business_unit == me.business_unit)
                        or bool(rules.custom and all(self.matches(c, record, user) for c in rules.custom))
                    )
                    if picked and self.security.allows(user, "read", item.entity, meta.ownership, record):
                        ids.add(str(record["id"]))
        return wanted

    def matches(self, condition: Condition, record: Fields, user: str) -> bool:
        """Whether `record` satisfies `condition` for `user` at the current simulated time."""
        value = record.get(condition.field)
        if condition.operator == "last-x-days":
            return isinstance(value, str) and self.clock.seconds - parse_iso(value) <= float(condition.value) * DAY
        if condition.operator == "eq":
            return bool(value == condition.value)
        if condition.operator == "eq-userid":
            return value == user
        raise NotImplementedError(condition.operator)
