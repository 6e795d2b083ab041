"""Deliberately broken implementations, each breaking exactly one claim of the entity table (ENT, RIB)."""

from __future__ import annotations

import copy
import dataclasses

from harness.driver import (
    COMMANDS,
    Command,
    CommandResult,
    Fields,
    Outcome,
    ProfileDefinition,
    PublishResult,
    Refused,
    SyncReport,
)
from harness.reference import ReferenceImplementation
from harness.reference.catalog import PAGE_TABLE, OfflineEntity, OfflineTable
from harness.reference.changes import Change
from harness.reference.commands import Planner
from harness.reference.device import Device
from harness.reference.forms import Forms
from harness.reference.metadata import Metadata
from harness.reference.session import Session
from tests.broken.swap import swapping, with_device


def _table_with(entity: str, *, drop: Command | None = None, add: Command | None = None) -> OfflineTable:
    row = PAGE_TABLE.custom if entity == "(custom)" else PAGE_TABLE.rows[entity]
    commands = (row.commands - {drop}) | ({add} if add else set())
    changed = dataclasses.replace(row, commands=frozenset(commands))
    if entity == "(custom)":
        return dataclasses.replace(PAGE_TABLE, custom=changed)
    return dataclasses.replace(PAGE_TABLE, rows={**PAGE_TABLE.rows, entity: changed})


def dropping(entity: str, command: Command) -> type[ReferenceImplementation]:
    """An implementation that refuses `command` on `entity` offline although the table allows it."""
    return _with_table(_table_with(entity, drop=command))


def allowing(entity: str, command: Command) -> type[ReferenceImplementation]:
    """An implementation that runs `command` on `entity` offline although the table forbids it."""
    return _with_table(_table_with(entity, add=command))


def _with_table(table: OfflineTable) -> type[ReferenceImplementation]:
    class Broken(ReferenceImplementation):
        def __init__(self) -> None:
            super().__init__(table=table)

    return Broken


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


class ENT_22(ReferenceImplementation):
    """Quotes can be taken offline."""

    def __init__(self) -> None:
        quote = OfflineEntity("quote", "Quote", "ENT-22", frozenset({"create", "read", "update", "delete"}))
        super().__init__(table=dataclasses.replace(PAGE_TABLE, rows={**PAGE_TABLE.rows, "quote": quote}))


class _QualifyWithoutContact(Planner):
    def _qualify(self, entity: str, record_id: str, lead: Fields, fields: Fields) -> list[Change] | Refused:
        planned = super()._qualify(entity, record_id, lead, fields)
        return planned if isinstance(planned, Refused) else [c for c in planned if c.entity != "contact"]


class ENT_23(ReferenceImplementation):
    """Qualifying a lead offline forgets to create its contact."""

    def __init__(self) -> None:
        super().__init__(planner=_QualifyWithoutContact)


class RIB_01(ReferenceImplementation):
    """Custom ribbon buttons work offline too."""

    def press_ribbon_button(self, user: str, entity: str, record_id: str, label: str) -> Outcome:
        device = self.devices.get(user)
        if device is not None and not device.online:
            device.online = True
            try:
                return super().press_ribbon_button(user, entity, record_id, label)
            finally:
                device.online = False
        return super().press_ribbon_button(user, entity, record_id, label)


class ENT_05__create_answers_with_an_existing_record(ReferenceImplementation):
    """Offline, a create answers with the id of the record the device already held, not the new one's."""

    def run_command(
        self, user: str, entity: str, command: Command, record_id: str | None = None, fields: Fields | None = None
    ) -> CommandResult | Refused:
        result = super().run_command(user, entity, command, record_id, fields)
        if command != "create" or isinstance(result, Refused) or self.devices[user].online:
            return result
        held = [str(r["id"]) for r in self.device_records(user, entity) if r["id"] != result.record_id]
        return dataclasses.replace(result, record_id=held[0]) if held else result


class _TableKnowingOnePrefix(OfflineTable):
    def row(self, name: str, is_custom: bool) -> OfflineEntity | None:
        return super().row(name, is_custom) if not is_custom or name.startswith("new_") else None


class ENT_11__custom_entities_by_prefix(ReferenceImplementation):
    """Custom entities are told by the default publisher prefix new_: others cannot go offline."""

    def __init__(self) -> None:
        super().__init__(table=_TableKnowingOnePrefix(PAGE_TABLE.rows))


class ENT_12__refused_commands_run_at_next_sync(ReferenceImplementation):
    """A command refused offline is kept aside (not in the queue) and run against the server at the next sync."""

    def __init__(self) -> None:
        super().__init__()
        self.deferred: list[tuple[str, str, Command, str | None, Fields | None]] = []

    def run_command(
        self, user: str, entity: str, command: Command, record_id: str | None = None, fields: Fields | None = None
    ) -> CommandResult | Refused:
        result = super().run_command(user, entity, command, record_id, fields)
        if isinstance(result, Refused) and not self.devices[user].online:
            self.deferred.append((user, entity, command, record_id, fields))
        return result

    def sync(self, user: str) -> SyncReport | Refused:
        for deferred in [d for d in self.deferred if d[0] == user]:
            self.deferred.remove(deferred)
            self._run_online(*deferred[:4], deferred[4] or {})
        return super().sync(user)


def store_behind_the_queue(*commands: Command) -> type[ReferenceImplementation]:
    """Offline, these commands are queued, but the device's own store shows their effect only once synced."""

    class Behind(Device):
        def run_offline(
            self, entity: str, command: Command, record_id: str | None, fields: Fields
        ) -> CommandResult | Refused:
            before = copy.deepcopy(self.get(entity, record_id)) if record_id else None
            result = super().run_offline(entity, command, record_id, fields)
            if command in commands and before is not None and not isinstance(result, Refused):
                self.store.setdefault(entity, {})[str(record_id)] = before
            return result

    return with_device(Behind)


ENT_14__local_store_behind_the_queue = store_behind_the_queue("update", "delete")


class _CommandsStepByStep(Device):
    """A command's changes are applied one by one, so a check that fails halfway leaves the first ones behind."""

    def run_offline(
        self, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        result = super().run_offline(entity, command, record_id, fields)
        lead = self.get(entity, record_id) if record_id else None
        if command == "qualify" and isinstance(result, Refused) and lead is not None:
            opened = self.planner(self.metadata, self.get, self.new_id)._qualify(
                entity, str(record_id), {**lead, "statecode": "open"}, fields
            )
            for change in opened if isinstance(opened, list) else []:
                if change.action == "create":
                    self.apply_locally(change)
        return result


ENT_23__qualify_leaves_records_behind = with_device(_CommandsStepByStep)


def _publishing_what_it_can(profile: ProfileDefinition, metadata: Metadata) -> ProfileDefinition:
    """`profile` without the entities the table does not have."""
    items = [i for i in profile.items if PAGE_TABLE.row(i.entity, metadata.entities[i.entity].custom) is not None]
    return dataclasses.replace(profile, items=items)


class ENT_22__publishes_what_it_can(ReferenceImplementation):
    """A profile naming an entity outside the table is published without it instead of being refused."""

    def publish_profile(self, profile: ProfileDefinition) -> PublishResult:
        return super().publish_profile(_publishing_what_it_can(profile, self.metadata))


class ENT_22__refusal_drops_the_old_profile(ReferenceImplementation):
    """Republishing replaces a profile by removing the old one first, so a refused replacement leaves none."""

    def publish_profile(self, profile: ProfileDefinition) -> PublishResult:
        result = super().publish_profile(profile)
        if not result.published:
            self.profiles.published.pop(profile.name, None)
        return result


class _CustomBarKeepsButtons(Forms):
    def command_bar(self, session: Session, entity: str) -> list[str] | Refused:
        bar, meta = super().command_bar(session, entity), self.metadata.entities.get(entity)
        if session.online or isinstance(bar, Refused) or meta is None or not meta.custom:
            return bar
        return [*bar, *self.metadata.ribbon_buttons.get(entity, [])]


RIB_01__custom_entity_bar_keeps_buttons = swapping("forms", lambda impl: _CustomBarKeepsButtons(impl.metadata))
"""Offline, a custom entity's command bar still lists its custom buttons."""


class ENT_16__refusal_names_every_command(ReferenceImplementation):
    """A refused offline command says every command exists offline: the refusal's limit lists them all."""

    def run_command(
        self, user: str, entity: str, command: Command, record_id: str | None = None, fields: Fields | None = None
    ) -> CommandResult | Refused:
        result = super().run_command(user, entity, command, record_id, fields)
        if isinstance(result, Refused) and result.limit and result.claim.startswith("ENT-"):
            return dataclasses.replace(result, limit=", ".join(COMMANDS))
        return result
