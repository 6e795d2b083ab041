"""The page's entity table: which entities are offline-capable and which commands each allows offline."""

from __future__ import annotations

from dataclasses import dataclass

from harness.driver import Command

CRUD: frozenset[Command] = frozenset({"create", "read", "update", "delete"})
CUSTOM_ENTITY_EXTRAS: frozenset[Command] = frozenset({"mark_complete", "refresh", "convert_to_opportunity"})


@dataclass(frozen=True)
class OfflineEntity:
    """A row of the table: the entity, the claim that states it and its offline commands."""

    name: str
    label: str
    claim: str
    commands: frozenset[Command]


def _row(name: str, label: str, claim: str, *extra: Command, base: frozenset[Command] = CRUD) -> OfflineEntity:
    return OfflineEntity(name, label, claim, base | frozenset(extra))


READ_ONLY: frozenset[Command] = frozenset({"read"})

OFFLINE_ENTITIES: dict[str, OfflineEntity] = {
    row.name: row
    for row in (
        _row("account", "Account", "ENT-01"),
        _row("activitypointer", "Activity Pointer", "ENT-02", "delete", base=READ_ONLY),
        _row("appointment", "Appointment", "ENT-03", "convert_activity_to_case"),
        _row("activitymimeattachment", "Attachment", "ENT-04", base=READ_ONLY),
        _row("incident", "Case", "ENT-05"),
        _row("competitor", "Competitor", "ENT-06"),
        _row("competitoraddress", "Competitor Address", "ENT-07"),
        _row("connection", "Connection", "ENT-08", base=READ_ONLY),
        _row("connectionrole", "Connection Role", "ENT-09", base=READ_ONLY),
        _row("contact", "Contact", "ENT-10"),
        _row("email", "Email", "ENT-12", base=READ_ONLY),
        _row("lead", "Lead", "ENT-13", "qualify", "disqualify"),
        _row("opportunity", "Opportunity", "ENT-14"),
        _row("opportunityproduct", "Opportunity Product", "ENT-15"),
        _row("phonecall", "Phone Call", "ENT-16"),
        _row("position", "Position", "ENT-17"),
        _row("product", "Product", "ENT-18", base=READ_ONLY),
        _row("task", "Task", "ENT-19"),
        _row("team", "Team", "ENT-20", base=READ_ONLY),
        _row("systemuser", "User", "ENT-21", base=READ_ONLY),
    )
}

CUSTOM_ENTITY = OfflineEntity("(custom)", "Custom entity", "ENT-11", CRUD | CUSTOM_ENTITY_EXTRAS)
NOT_OFFLINE_CLAIM = "ENT-22"


@dataclass(frozen=True)
class OfflineTable:
    """The whole table: a row per standard entity, and one row that governs every custom entity."""

    rows: dict[str, OfflineEntity]
    custom: OfflineEntity = CUSTOM_ENTITY

    def row(self, name: str, is_custom: bool) -> OfflineEntity | None:
        """The row governing `name` offline, or None if the entity cannot be offline (ENT-22)."""
        return self.custom if is_custom else self.rows.get(name)


PAGE_TABLE = OfflineTable(OFFLINE_ENTITIES)
