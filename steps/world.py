"""What a scenario remembers between steps: the driver under test, record aliases, the last outcome."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from harness.driver import (
    Condition,
    Driver,
    Fields,
    Privilege,
    ProfileAssociation,
    ProfileDefinition,
    ProfileItem,
    ProfileRules,
    QueuedChange,
    Refused,
    SyncReport,
)


class World:
    """Scenario state shared by the steps; it talks to the implementation only through `driver`."""

    def __init__(self, driver: Driver, claims: set[str]) -> None:
        self.driver = driver
        self.claims = claims
        self.records: dict[str, tuple[str, str]] = {}
        self.custom_entities: list[str] = []
        self.observed: set[tuple[str, ...]] = set()  # what steps made or saw, for negative steps to show it existed
        self.outcome: Any = None
        self.draft = ProfileDraft("Field sales", [])
        self.dataset: tuple[Path, dict[str, Any]] = (Path(), {})
        self.user = ""
        self.reports: list[SyncReport] = []
        self.scheduled: list[SyncReport] = []
        self.privileges: dict[str, list[Privilege]] = {}
        self.teams: dict[str, list[str]] = {}
        self.imported: list[str] = []
        self.before_restart: dict[str, tuple[list[Fields], list[QueuedChange]]] = {}
        self.before_attempt: dict[str, Any] = {}  # what stood before a call that must change nothing, by user

    def accept(self, outcome: Any) -> Any:
        """`outcome` itself; fails the step if the implementation refused."""
        assert not isinstance(outcome, Refused), f"unexpected refusal: {outcome}"
        return outcome

    def refusal(self) -> Refused:
        """The last outcome, which must be a refusal naming one of the scenario's claims."""
        assert isinstance(self.outcome, Refused), f"expected a refusal, got {self.outcome!r}"
        assert self.outcome.claim in self.claims, f"refusal names claim {self.outcome.claim}, not {sorted(self.claims)}"
        return self.outcome

    def remember(self, alias: str, entity: str, record_id: str) -> None:
        """Name a record for later steps."""
        self.records[alias] = (entity, record_id)

    def id(self, alias: str) -> str:
        """The id of a named record."""
        return self.records[alias][1]

    def reports_of(self, user: str) -> list[SyncReport]:
        """The cycles of `user`'s device the scenario has seen, oldest first."""
        return [report for report in self.reports if report.user == user]

    def has_synced(self, user: str | None = None) -> None:
        """Fails unless a cycle (of `user`'s device, or any) completed in this scenario: a 'no X' check needs one."""
        cycles = self.reports if user is None else self.reports_of(user)
        assert any(report.completed for report in cycles), f"no sync of {user or 'any device'} completed here"

    def id_or_none(self, alias: str) -> str | None:
        """The id of a named record, or None if no record has that name yet."""
        return self.records[alias][1] if alias in self.records else None


@dataclass
class ProfileDraft:
    """A profile being put together step by step before the administrator publishes it."""

    name: str
    users: list[str]
    items: dict[str, ProfileItem] = field(default_factory=dict)
    associations: list[ProfileAssociation] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)

    def rules(self, entity: str, **changes: Any) -> None:
        """Add `entity` to the draft (if needed) and change its rules or item settings."""
        item = self.items.get(entity, ProfileItem(entity, ProfileRules()))
        rule_changes = {k: v for k, v in changes.items() if hasattr(item.rules, k)}
        item_changes = {k: v for k, v in changes.items() if k not in rule_changes}
        self.items[entity] = replace(item, rules=replace(item.rules, **rule_changes), **item_changes)

    def add_condition(self, entity: str, condition: Condition) -> None:
        """Add a custom data filter condition to `entity`."""
        current = self.items[entity].rules.custom if entity in self.items else []
        self.rules(entity, custom=[*current, condition])

    def definition(self) -> ProfileDefinition:
        """The draft as the seam takes it."""
        items, associations = list(self.items.values()), list(self.associations)
        return ProfileDefinition(self.name, items, associations, list(self.users), list(self.teams))
