"""Deliberately broken implementations, each breaking exactly one claim of the entity table (ENT, RIB)."""

from __future__ import annotations

import dataclasses

from harness.driver import COMMANDS, Command, CommandResult, Fields, Outcome, ProfileDefinition, PublishResult, Refused
from harness.reference.changes import Change
from harness.reference.commands import Planner
from harness.reference.device import Device
from harness.reference.entity_table import PAGE_TABLE, OfflineEntity, OfflineTable
from harness.reference.forms import Forms
from harness.reference.metadata import Metadata
from harness.reference.profiles import Profiles
from harness.reference.sync import Cycle
from harness.reference.writes import Session, WritePath
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


class _KeepsTheServersTime(Device):
    def apply(self, change: Change, now: str) -> None:
        before = self.store.get(change.entity, change.record_id)
        super().apply(change, now)
        after = self.store.get(change.entity, change.record_id)
        if before is not None and after is not None and change.action == "update":
            self.store.put(
                change.entity,
                {**after, "modifiedon": before["modifiedon"]},
                self.store.version(change.entity, change.record_id),
            )


ENT_01__offline_changes_undated = swapping(device=_KeepsTheServersTime)
"""An offline change keeps the record's modification time from the server until the next sync."""

_QUOTE = OfflineEntity("quote", "Quote", "ENT-22", frozenset({"create", "read", "update", "delete"}))
ENT_22 = swapping(table=dataclasses.replace(PAGE_TABLE, rows={**PAGE_TABLE.rows, "quote": _QUOTE}))
"""Quotes can be taken offline."""


class _QualifyWithoutContact(Planner):
    def _qualify(self, entity: str, record_id: str, lead: Fields, fields: Fields) -> list[Change] | Refused:
        planned = super()._qualify(entity, record_id, lead, fields)
        return planned if isinstance(planned, Refused) else [c for c in planned if c.entity != "contact"]


ENT_23 = swapping(planner=_QualifyWithoutContact)
"""Qualifying a lead offline forgets to create its contact."""


class _BareCase(Planner):
    def _convert_activity_to_case(self, entity: str, record_id: str, record: Fields, fields: Fields) -> list[Change]:
        case, *rest = super()._convert_activity_to_case(entity, record_id, record, fields)
        bare = {k: v for k, v in case.fields.items() if k not in ("title", "customerid")}
        return [dataclasses.replace(case, fields=bare), *rest]


ENT_23__bare_case = swapping(planner=_BareCase)
"""Converting an appointment makes a case linked to it, but with neither its title nor its customer."""


class _DisqualifiesWhateverTheState(Planner):
    def _disqualify(self, entity: str, record_id: str, lead: Fields, fields: Fields) -> list[Change] | Refused:
        return super()._disqualify(entity, record_id, {**lead, "statecode": "open"}, fields)


ENT_23__disqualify_any_state = swapping(planner=_DisqualifiesWhateverTheState)
"""A lead already qualified or disqualified is disqualified (again), its first close overwritten."""


class _RibbonEverywhere(Forms):
    def press_ribbon_button(self, session: Session, entity: str, record_id: str, label: str) -> Outcome:
        found = label in self.metadata.ribbon_buttons.get(entity, [])
        return None if found else super().press_ribbon_button(session, entity, record_id, label)


RIB_01 = swapping(forms=_RibbonEverywhere)
"""Custom ribbon buttons work offline too."""


class _AnswersWithAnExistingRecord(WritePath):
    def run(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        result = super().run(session, entity, command, record_id, fields)
        if command != "create" or isinstance(result, Refused) or session.device.online:
            return result
        held = [str(r["id"]) for r in session.device.store.records(entity) if r["id"] != result.record_id]
        return dataclasses.replace(result, record_id=held[0]) if held else result


ENT_05__create_answers_with_an_existing_record = swapping(writes=_AnswersWithAnExistingRecord)
"""Offline, a create answers with the id of the record the device already held, not the new one's."""


class _TableKnowingOnePrefix(OfflineTable):
    def row(self, name: str, is_custom: bool) -> OfflineEntity | None:
        return super().row(name, is_custom) if not is_custom or name.startswith("new_") else None


ENT_11__custom_entities_by_prefix = swapping(table=_TableKnowingOnePrefix(PAGE_TABLE.rows))
"""Custom entities are told by the default publisher prefix new_: others cannot go offline."""


DEFERRED = "deferred"


class _KeepsRefusedCommands(WritePath):
    def run(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        result = super().run(session, entity, command, record_id, fields)
        store = session.device.store
        if isinstance(result, Refused) and not session.device.online:
            store.set_meta(DEFERRED, [*store.meta(DEFERRED, []), (entity, command, record_id, dict(fields))])
        return result


class _RunsRefusedCommandsAtSync(Cycle):
    def begin(self) -> None:
        store, server = self.device.store, self.server
        for entity, command, record_id, fields in store.meta(DEFERRED, []):
            record = server.get(entity, record_id) if record_id else None
            planned = server.planner(server.metadata, server.new_id).plan(entity, command, record_id, record, fields)
            for change in planned if isinstance(planned, list) else []:
                if server.validate(self.device.user, change) is None:
                    server.write(change, owner=self.device.user)
        store.set_meta(DEFERRED, [])
        super().begin()


ENT_12__refused_commands_run_at_next_sync = swapping(writes=_KeepsRefusedCommands, cycle=_RunsRefusedCommandsAtSync)
"""A command refused offline is kept aside (not in the queue) and run against the server at the next sync."""


def store_behind_the_queue(*commands: Command) -> Factory:
    """Offline, these commands are queued, but the device's own store shows their effect only once synced."""

    class Behind(WritePath):
        def run(
            self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
        ) -> CommandResult | Refused:
            store = session.device.store
            before = store.get(entity, record_id) if record_id and session.offline else None
            version = store.version(entity, record_id) if record_id else 0
            result = super().run(session, entity, command, record_id, fields)
            if command in commands and before is not None and not isinstance(result, Refused):
                store.put(entity, before, version)
            return result

    return swapping(writes=Behind)


ENT_14__local_store_behind_the_queue = store_behind_the_queue("update", "delete")


class _CommandsStepByStep(WritePath):
    """A command's changes are applied one by one, so a check that fails halfway leaves the first ones behind."""

    def run(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        result = super().run(session, entity, command, record_id, fields)
        lead = session.device.store.get(entity, record_id) if record_id and session.offline else None
        if command == "qualify" and isinstance(result, Refused) and lead is not None:
            opened = self.planner(self.metadata, session.new_id)._qualify(
                entity, str(record_id), {**lead, "statecode": "open"}, fields
            )
            for change in opened if isinstance(opened, list) else []:
                if change.action == "create":
                    session.device.apply(change, self.clock.iso())
        return result


ENT_23__qualify_leaves_records_behind = swapping(writes=_CommandsStepByStep)


def _publishing_what_it_can(profile: ProfileDefinition, metadata: Metadata) -> ProfileDefinition:
    """`profile` without the entities the table does not have."""
    items = [i for i in profile.items if PAGE_TABLE.row(i.entity, metadata.entities[i.entity].custom) is not None]
    return dataclasses.replace(profile, items=items)


class _PublishesWhatItCan(Profiles):
    def publish(self, profile: ProfileDefinition) -> PublishResult:
        return super().publish(_publishing_what_it_can(profile, self.metadata))


ENT_22__publishes_what_it_can = swapping(profiles=_PublishesWhatItCan)
"""A profile naming an entity outside the table is published without it instead of being refused."""


class _DropsTheOldProfileFirst(Profiles):
    def publish(self, profile: ProfileDefinition) -> PublishResult:
        result = super().publish(profile)
        if not result.published:
            self.published.pop(profile.name, None)
            self.version += 1
        return result


ENT_22__refusal_drops_the_old_profile = swapping(profiles=_DropsTheOldProfileFirst)
"""Republishing replaces a profile by removing the old one first, so a refused replacement leaves none."""


class _RefusesWithoutTheLimit(Profiles):
    def publish(self, profile: ProfileDefinition) -> PublishResult:
        result = super().publish(profile)
        errors = [dataclasses.replace(e, limit=None) if e.claim == "ENT-22" else e for e in result.errors]
        return dataclasses.replace(result, errors=errors)


ENT_22__refusal_without_its_limit = swapping(profiles=_RefusesWithoutTheLimit)
"""A profile naming an entity outside the table is refused, but the error does not say which limit it enforces."""


class _CustomBarKeepsButtons(Forms):
    def command_bar(self, session: Session, entity: str, record_id: str) -> list[str] | Refused:
        bar, meta = super().command_bar(session, entity, record_id), self.metadata.entities.get(entity)
        if session.online or isinstance(bar, Refused) or meta is None or not meta.custom:
            return bar
        return [*bar, *self.metadata.ribbon_buttons.get(entity, [])]


RIB_01__custom_entity_bar_keeps_buttons = swapping(forms=_CustomBarKeepsButtons)
"""Offline, a custom entity's command bar still lists its custom buttons."""


class _RefusalNamesEveryCommand(WritePath):
    def run(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        result = super().run(session, entity, command, record_id, fields)
        if isinstance(result, Refused) and result.limit and result.claim.startswith("ENT-"):
            return dataclasses.replace(result, limit=", ".join(COMMANDS))
        return result


ENT_16__refusal_names_every_command = swapping(writes=_RefusalNamesEveryCommand)
"""A refused offline command says every command exists offline: the refusal's limit lists them all."""
