"""Deliberately broken implementations of forms: business rules, lookups, command bars, subgrids."""

from __future__ import annotations

import dataclasses

from harness.driver import (
    Command,
    CommandResult,
    Fields,
    FieldState,
    FormState,
    Outcome,
    ProfileDefinition,
    PublishResult,
    Refused,
    RelationshipDefinition,
    Subgrid,
    SubgridState,
)
from harness.reference.changes import Change
from harness.reference.commands import Planner, link_change
from harness.reference.device import Device
from harness.reference.forms import Forms, apply_rules
from harness.reference.gate import OfflineGate
from harness.reference.profiles import Profiles
from harness.reference.writes import Session, WritePath
from tests.broken.entities import store_behind_the_queue
from tests.broken.swap import Factory, swapping


class _RulesOnlineOnly(Forms):
    def check_save(
        self, session: Session, entity: str, command: Command, record: Fields | None, fields: Fields
    ) -> Fields | Refused:
        return super().check_save(session, entity, command, record, fields) if session.online else fields


CAP_BR = swapping(forms=_RulesOnlineOnly)
"""Business rules need the server: offline, saves skip them."""


class _LookupsUnchecked(OfflineGate):
    def lookup_refusal(self, device: Device, entity: str, fields: Fields) -> Refused | None:
        return None


CAP_LK = swapping(gate=_LookupsUnchecked)
"""Offline, a lookup may point anywhere, even at entities and records the device does not have."""


class _ShortCustomBar(Forms):
    def command_bar(self, session: Session, entity: str, record_id: str) -> list[str] | Refused:
        bar = super().command_bar(session, entity, record_id)
        dropped = ("mark_complete", "convert_to_opportunity")
        return bar if session.online or isinstance(bar, Refused) else [c for c in bar if c not in dropped]


CAP_CE = swapping(forms=_ShortCustomBar)
"""Offline, a custom entity's command bar lacks mark complete and convert to opportunity."""


class _AddExistingEverywhere(Forms):
    def subgrid_commands(self, session: Session, relationship: RelationshipDefinition, subgrid: Subgrid) -> list[str]:
        return ["add_new", "add_existing"]


LIM_AE1 = swapping(forms=_AddExistingEverywhere)
"""Offline, many-to-many subgrids keep Add Existing."""


class _LinksOffline(Forms):
    def add_existing(self, session: Session, relationship: str, record_id: str, other_id: str) -> Outcome:
        definition = self.metadata.relationships.get(relationship)
        if session.online or definition is None or definition.kind != "many_to_many":
            return super().add_existing(session, relationship, record_id, other_id)
        fields = {"relationship": relationship, "other": other_id}
        return session.commit([Change("associate", definition.referenced, record_id, fields)])


LIM_AE2 = swapping(forms=_LinksOffline)
"""Offline, Add Existing on a many-to-many subgrid queues the link for the next sync."""


class _NewRecordsGetDefaultsOnly(Forms):
    def check_save(
        self, session: Session, entity: str, command: Command, record: Fields | None, fields: Fields
    ) -> Fields | Refused:
        form = self.forms.get(entity)
        if command != "create" or form is None:
            return super().check_save(session, entity, command, record, fields)
        defaults = {a.field: a.value for r in form.rules for a in r.actions if a.kind == "set_default"}
        return {**defaults, **fields}


CAP_BR__new_records_get_defaults_only = swapping(forms=_NewRecordsGetDefaultsOnly)
"""A new record gets its rules' defaults, but no other rule runs until it exists."""


class _RulesSeeTheSyncedCopy(Forms):
    def check_save(
        self, session: Session, entity: str, command: Command, record: Fields | None, fields: Fields
    ) -> Fields | Refused:
        synced = session.path.server.get(entity, str(record["id"])) if record and session.offline else None
        if synced is None:
            return super().check_save(session, entity, command, record, fields)
        form, merged = self.forms.get(entity), {**synced, **fields}
        if form is None:
            return fields
        rendering = apply_rules(form, merged, new=False)
        if problems := rendering.problems():
            return Refused("CAP-BR", "; ".join(problems), entity)
        return {**fields, **{k: v for k, v in rendering.values.items() if merged.get(k) != v}}


CAP_BR__rules_see_the_synced_copy = swapping(forms=_RulesSeeTheSyncedCopy)
"""Offline, rules judge a save against the record as last synced, not as the device holds it now."""


class _NoLookups(OfflineGate):
    def lookup_refusal(self, device: Device, entity: str, fields: Fields) -> Refused | None:
        return None


class _LookupsCheckedOnUpdateOnly(WritePath):
    def run(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        if command != "create" or session.online:
            return super().run(session, entity, command, record_id, fields)
        unchecked = dataclasses.replace(
            self, gate=_NoLookups(self.gate.table, self.gate.metadata), rules=lambda s, e, c, r, f: f
        )
        return WritePath.run(unchecked, session, entity, command, record_id, fields)


CAP_LK__create_unchecked = swapping(writes=_LookupsCheckedOnUpdateOnly)
"""Offline, lookups are checked when a record is changed, not when it is created."""


class _LookupsToSyncedRecords(OfflineGate):
    def lookup_refusal(self, device: Device, entity: str, fields: Fields) -> Refused | None:
        for value in fields.values():
            target = (value.get("entity"), value.get("id")) if isinstance(value, dict) else None
            if target and not device.store.version(str(target[0]), str(target[1])):
                return Refused("CAP-LK", f"{target} has not been synced yet", str(target[0]))
        return super().lookup_refusal(device, entity, fields)


CAP_LK__targets_must_be_synced = swapping(gate=_LookupsToSyncedRecords)
"""Offline, a lookup may only lead to records downloaded at a sync, not to one made on the device."""


class _LookupRefusalsWithoutTheLimit(OfflineGate):
    def lookup_refusal(self, device: Device, entity: str, fields: Fields) -> Refused | None:
        refusal = super().lookup_refusal(device, entity, fields)
        return refusal and dataclasses.replace(refusal, limit=None)


CAP_LK__refusal_without_its_limit = swapping(gate=_LookupRefusalsWithoutTheLimit)
"""An offline lookup the device cannot follow is refused without saying what limits it."""


class _EmptyLookupIsNoRecord(OfflineGate):
    def lookup_refusal(self, device: Device, entity: str, fields: Fields) -> Refused | None:
        attributes = self.metadata.entities[entity].attributes
        cleared = [name for name, value in fields.items() if value is None and attributes[name].type == "lookup"]
        if cleared:
            return Refused("CAP-LK", f"{entity}.{cleared[0]}: no record on the device", entity)
        return super().lookup_refusal(device, entity, fields)


CAP_LK__clearing_refused = swapping(gate=_EmptyLookupIsNoRecord)
"""Offline, an empty lookup is taken for a lookup to a record the device lacks, so it cannot be cleared."""


class _OneLookupWarningPerEntity(Profiles):
    def publish(self, profile: ProfileDefinition) -> PublishResult:
        result = super().publish(profile)
        named: set[str | None] = set()
        kept = []
        for warning in result.warnings:
            if warning.claim == "CAP-LK" and warning.entity in named:
                continue
            named.add(warning.entity if warning.claim == "CAP-LK" else None)
            kept.append(warning)
        return dataclasses.replace(result, warnings=kept)


CAP_LK__warns_about_one_lookup_per_entity = swapping(profiles=_OneLookupWarningPerEntity)
"""Publishing names the first unavailable lookup of each entity and stops looking."""


CAP_CE__completed_only_once_synced = store_behind_the_queue("mark_complete")
"""Offline, mark complete is queued, but the record shows as completed only after the next sync."""


class _OrganizationOwnedCustomReadOnly(Forms):
    def command_bar(self, session: Session, entity: str, record_id: str) -> list[str] | Refused:
        bar, meta = super().command_bar(session, entity, record_id), self.metadata.entities[entity]
        if session.online or isinstance(bar, Refused) or not meta.custom or meta.ownership != "organization":
            return bar
        return [command for command in bar if command in ("read", "refresh")]


CAP_CE__organization_owned_read_only = swapping(forms=_OrganizationOwnedCustomReadOnly)
"""Offline, a custom entity owned by the organization is taken for reference data: its bar offers reading only."""


class _NamelessOpportunity(Planner):
    def _convert_to_opportunity(self, entity: str, record_id: str, record: Fields, fields: Fields) -> list[Change]:
        return super()._convert_to_opportunity(entity, record_id, {}, fields)


CAP_CE__opportunity_named_by_id = swapping(planner=_NamelessOpportunity)
"""Converting a custom record makes an opportunity linked to it, named by the record's id, not its name."""


class _ReadOnlyOnTheFirstSideOnly(Forms):
    def _subgrid(self, session: Session, entity: str, record_id: str | None, subgrid: Subgrid) -> SubgridState:
        state, relationship = (
            super()._subgrid(session, entity, record_id, subgrid),
            self.metadata.relationships[subgrid.relationship],
        )
        if session.online or relationship.kind != "many_to_many" or entity == relationship.referenced:
            return state
        return dataclasses.replace(state, commands=["add_new", "add_existing"])


LIM_AE1__first_side_only = swapping(forms=_ReadOnlyOnTheFirstSideOnly)
"""Offline, Add Existing is hidden on the many-to-many subgrid of the relationship's first entity only."""


def unlinking_offline(queued: bool) -> Factory:
    """The reference that, offline, drops a many-to-many link from the device when asked to remove it; `queued`:
    and reports success and uploads the removal, else still reports the refusal."""

    class Unlinking(Forms):
        def remove_existing(self, session: Session, relationship: str, record_id: str, other_id: str) -> Outcome:
            outcome = super().remove_existing(session, relationship, record_id, other_id)
            if not (isinstance(outcome, Refused) and outcome.claim == "LIM-AE1"):
                return outcome
            definition = self.metadata.relationships[relationship]
            unlink = link_change("disassociate", definition, session.read, record_id, other_id)
            assert not isinstance(unlink, Refused)
            store = session.device.store
            links = {name: set(pairs) for name, pairs in store.meta("links", {}).items()}
            links.get(relationship, set()).discard((unlink[1].record_id, str(unlink[1].fields["other"])))
            store.set_meta("links", links)
            if not queued:
                return outcome
            session.device.enqueue(unlink[1])
            return None

    return swapping(forms=Unlinking)


LIM_AE1__links_removed_offline = unlinking_offline(queued=True)
"""Offline, removing a many-to-many link works on the device and is uploaded at the next sync."""

LIM_AE1__unlinked_on_the_device_then_refused = unlinking_offline(queued=False)
"""Offline, removing a many-to-many link is refused, but the subgrid on the device has already dropped it."""


class _SubgridsReadOnlyOffline(Forms):
    def remove_existing(self, session: Session, relationship: str, record_id: str, other_id: str) -> Outcome:
        definition = self.metadata.relationships[relationship]
        if session.online or definition.kind == "many_to_many":
            return super().remove_existing(session, relationship, record_id, other_id)
        return Refused("LIM-AE1", f"{relationship}: subgrids are read only offline", definition.referenced)


LIM_AE1__one_to_many_read_only_too = swapping(forms=_SubgridsReadOnlyOffline)
"""Offline, nothing can be removed from a one-to-many subgrid either: the lookup cannot be cleared there."""


class _OtherSideLinksOffline(Forms):
    def add_existing(self, session: Session, relationship: str, record_id: str, other_id: str) -> Outcome:
        definition = self.metadata.relationships[relationship]
        link = link_change("associate", definition, session.read, record_id, other_id)
        if session.online or isinstance(link, Refused) or link[0] == definition.referenced:
            return super().add_existing(session, relationship, record_id, other_id)
        return session.commit([link[1]])


LIM_AE2__other_side_links_offline = swapping(forms=_OtherSideLinksOffline)
"""Offline, Add Existing is refused on the first entity's form, but from the other entity's form it links."""


class _EmptyTextFillsRequired(Forms):
    def check_save(
        self, session: Session, entity: str, command: Command, record: Fields | None, fields: Fields
    ) -> Fields | Refused:
        blank = {name for name, value in fields.items() if value == ""}
        checked = super().check_save(session, entity, command, record, {**fields, **dict.fromkeys(blank, "-")})
        return checked if isinstance(checked, Refused) else {**checked, **dict.fromkeys(blank, "")}


CAP_BR__empty_text_fills_required = swapping(forms=_EmptyTextFillsRequired)
"""A required field holding empty text counts as filled in."""


class _SubgridHidesRefusals(Forms):
    def add_existing(self, session: Session, relationship: str, record_id: str, other_id: str) -> Outcome:
        outcome = super().add_existing(session, relationship, record_id, other_id)
        return None if isinstance(outcome, Refused) and outcome.claim == "SEC-1" else outcome


SEC_1__subgrid_hides_refusals = swapping(forms=_SubgridHidesRefusals)
"""Add Existing on a one-to-many subgrid reports the link as made when the update behind it was refused."""


class _DefaultsOverwrite(Forms):
    def check_save(
        self, session: Session, entity: str, command: Command, record: Fields | None, fields: Fields
    ) -> Fields | Refused:
        checked, form = super().check_save(session, entity, command, record, fields), self.forms.get(entity)
        if command != "create" or form is None or isinstance(checked, Refused):
            return checked
        return {**checked, **{a.field: a.value for r in form.rules for a in r.actions if a.kind == "set_default"}}


CAP_BR__defaults_overwrite = swapping(forms=_DefaultsOverwrite)
"""A rule's default replaces the value the user gave a new record, not only an empty field."""


class _NewFormsUnrestricted(Forms):
    def _subgrid(self, session: Session, entity: str, record_id: str | None, subgrid: Subgrid) -> SubgridState:
        state = super()._subgrid(session, entity, record_id, subgrid)
        return state if record_id is not None else dataclasses.replace(state, commands=["add_new", "add_existing"])


LIM_AE1__new_record_forms_keep_add_existing = swapping(forms=_NewFormsUnrestricted)
"""Offline, the many-to-many subgrid of a new record's form keeps Add Existing."""


class _TableBarOnline(Forms):
    def command_bar(self, session: Session, entity: str, record_id: str) -> list[str] | Refused:
        bar, row = super().command_bar(session, entity, record_id), session.row(entity)
        if isinstance(bar, Refused) or not session.online or row is None:
            return bar
        return [c for c in bar if c in row.commands or c in self.metadata.ribbon_buttons.get(entity, [])]


ENT_12__offline_limits_online = swapping(forms=_TableBarOnline)
"""Online too, an entity's command bar offers only the commands the table allows offline."""


class _NewFormsAlwaysOpen(Forms):
    def open(self, session: Session, entity: str, record_id: str | None) -> FormState | Refused:
        found, meta = super().open(session, entity, record_id), self.metadata.entities.get(entity)
        if not isinstance(found, Refused) or record_id is not None or meta is None:
            return found
        fields = [FieldState(name, None) for name in meta.attributes]
        return FormState(entity, None, fields, [], None, [])


ENT_10__new_forms_open_outside_the_profile = swapping(forms=_NewFormsAlwaysOpen)
"""Offline, a new record's form opens for any entity, in the profile or not (saving it is still refused)."""
