"""Deliberately broken implementations, each breaking exactly one claim of the entity table (ENT, RIB)."""

from __future__ import annotations

import dataclasses

from harness.driver import Command, Fields, Outcome, Refused
from harness.reference.changes import Change
from harness.reference.commands import Planner
from harness.reference.entity_table import PAGE_TABLE, OfflineEntity, OfflineTable
from harness.reference.forms import Forms
from harness.reference.writes import Session
from tests.broken.swap import Factory, swapping


def _table_with(entity: str, *, drop: Command | None = None, add: Command | None = None) -> OfflineTable:
    row = PAGE_TABLE.custom if entity == "(custom)" else PAGE_TABLE.rows[entity]
    commands = (row.commands - {drop}) | ({add} if add else set())
    changed = dataclasses.replace(row, commands=frozenset(commands))
    if entity == "(custom)":
        return dataclasses.replace(PAGE_TABLE, custom=changed)
    return dataclasses.replace(PAGE_TABLE, rows={**PAGE_TABLE.rows, entity: changed})


def dropping(entity: str, command: Command) -> Factory:
    """An implementation that refuses `command` on `entity` offline although the table allows it."""
    return swapping(table=_table_with(entity, drop=command))


def allowing(entity: str, command: Command) -> Factory:
    """An implementation that runs `command` on `entity` offline although the table forbids it."""
    return swapping(table=_table_with(entity, add=command))


ENT_01 = dropping("account", "delete")
ENT_02 = dropping("activitypointer", "delete")
ENT_03 = dropping("appointment", "convert_activity_to_case")
ENT_04 = allowing("activitymimeattachment", "update")
ENT_05 = dropping("incident", "update")
ENT_06 = dropping("competitor", "create")
ENT_07 = dropping("competitoraddress", "delete")
ENT_08 = allowing("connection", "delete")
ENT_09 = allowing("connectionrole", "update")
ENT_10 = dropping("contact", "read")
ENT_11 = dropping("(custom)", "create")
ENT_12 = allowing("email", "update")
ENT_13 = dropping("lead", "qualify")
ENT_14 = dropping("opportunity", "update")
ENT_15 = dropping("opportunityproduct", "create")
ENT_16 = dropping("phonecall", "delete")
ENT_17 = dropping("position", "update")
ENT_18 = allowing("product", "delete")
ENT_19 = dropping("task", "create")
ENT_20 = allowing("team", "update")
ENT_21 = allowing("systemuser", "delete")

_QUOTE = OfflineEntity("quote", "Quote", "ENT-22", frozenset({"create", "read", "update", "delete"}))
ENT_22 = swapping(table=dataclasses.replace(PAGE_TABLE, rows={**PAGE_TABLE.rows, "quote": _QUOTE}))
"""Quotes can be taken offline."""


class _QualifyWithoutContact(Planner):
    def _qualify(self, entity: str, record_id: str, lead: Fields, fields: Fields) -> list[Change] | Refused:
        planned = super()._qualify(entity, record_id, lead, fields)
        return planned if isinstance(planned, Refused) else [c for c in planned if c.entity != "contact"]


ENT_23 = swapping(planner=_QualifyWithoutContact)
"""Qualifying a lead offline forgets to create its contact."""


class _RibbonEverywhere(Forms):
    def press_ribbon_button(self, session: Session, entity: str, label: str) -> Outcome:
        found = label in self.metadata.ribbon_buttons.get(entity, [])
        return None if found else super().press_ribbon_button(session, entity, label)


RIB_01 = swapping(forms=_RibbonEverywhere)
"""Custom ribbon buttons work offline too."""
