"""Deliberately broken implementations of forms: business rules, lookups, command bars, subgrids."""

from __future__ import annotations

import dataclasses

from harness.driver import (
    Command,
    Fields,
    Outcome,
    ProfileDefinition,
    PublishResult,
    Refused,
    RelationshipDefinition,
    Subgrid,
    SubgridState,
)
from harness.reference import ReferenceImplementation
from harness.reference.changes import Change
from harness.reference.forms import Forms, Update, apply_rules, link_change
from harness.reference.session import Session
from tests.broken.entities import store_behind_the_queue
from tests.broken.swap import swapping


class _RulesOnlineOnly(Forms):
    def check_save(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> Fields | Refused:
        if session.online:
            return super().check_save(session, entity, command, record_id, fields)
        return self.lookup_refusal(session, entity, fields) or fields


CAP_BR = swapping("forms", lambda impl: _RulesOnlineOnly(impl.metadata))
"""Business rules need the server: offline, saves skip them."""


class _LookupsUnchecked(Forms):
    def lookup_refusal(self, session: Session, entity: str, fields: Fields) -> Refused | None:
        return None


CAP_LK = swapping("forms", lambda impl: _LookupsUnchecked(impl.metadata))
"""Offline, a lookup may point anywhere, even at entities and records the device does not have."""


class _ShortCustomBar(Forms):
    def command_bar(self, session: Session, entity: str) -> list[str] | Refused:
        bar = super().command_bar(session, entity)
        dropped = ("mark_complete", "convert_to_opportunity")
        return bar if session.online or isinstance(bar, Refused) else [c for c in bar if c not in dropped]


CAP_CE = swapping("forms", lambda impl: _ShortCustomBar(impl.metadata))
"""Offline, a custom entity's command bar lacks mark complete and convert to opportunity."""


class _AddExistingEverywhere(Forms):
    def subgrid_commands(self, session: Session, relationship: RelationshipDefinition, subgrid: Subgrid) -> list[str]:
        return ["add_new", "add_existing"]


LIM_AE1 = swapping("forms", lambda impl: _AddExistingEverywhere(impl.metadata))
"""Offline, many-to-many subgrids keep Add Existing."""


class _LinksOffline(Forms):
    def add_existing(
        self, session: Session, relationship: str, record_id: str, other_id: str, update: Update
    ) -> Outcome:
        definition = self.metadata.relationships.get(relationship)
        if session.online or definition is None or definition.kind != "many_to_many":
            return super().add_existing(session, relationship, record_id, other_id, update)
        fields = {"relationship": relationship, "other": other_id}
        return session.commit([Change("associate", definition.referenced, record_id, fields)])


LIM_AE2 = swapping("forms", lambda impl: _LinksOffline(impl.metadata))
"""Offline, Add Existing on a many-to-many subgrid queues the link for the next sync."""


class _NewRecordsGetDefaultsOnly(Forms):
    def check_save(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> Fields | Refused:
        form = self.forms.get(entity)
        if command != "create" or form is None:
            return super().check_save(session, entity, command, record_id, fields)
        defaults = {a.field: a.value for r in form.rules for a in r.actions if a.kind == "set_default"}
        return self.lookup_refusal(session, entity, fields) or {**defaults, **fields}


CAP_BR__new_records_get_defaults_only = swapping("forms", lambda impl: _NewRecordsGetDefaultsOnly(impl.metadata))
"""A new record gets its rules' defaults, but no other rule runs until it exists."""


class _RulesSeeTheSyncedCopy(Forms):
    def check_save(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> Fields | Refused:
        synced = session.server.get(entity, record_id) if record_id and not session.online else None
        if synced is None:
            return super().check_save(session, entity, command, record_id, fields)
        form, merged = self.forms.get(entity), {**synced, **fields}
        if form is None:
            return fields
        rendering = apply_rules(form, merged, new=False)
        if problems := rendering.problems():
            return Refused("CAP-BR", "; ".join(problems), entity)
        return {**fields, **{k: v for k, v in rendering.values.items() if merged.get(k) != v}}


CAP_BR__rules_see_the_synced_copy = swapping("forms", lambda impl: _RulesSeeTheSyncedCopy(impl.metadata))
"""Offline, rules judge a save against the record as last synced, not as the device holds it now."""


class _LookupsCheckedOnUpdateOnly(Forms):
    def check_save(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> Fields | Refused:
        if command == "create" and not session.online:
            return fields
        return super().check_save(session, entity, command, record_id, fields)


CAP_LK__create_unchecked = swapping("forms", lambda impl: _LookupsCheckedOnUpdateOnly(impl.metadata))
"""Offline, lookups are checked when a record is changed, not when it is created."""


class _LookupsToSyncedRecords(Forms):
    def lookup_refusal(self, session: Session, entity: str, fields: Fields) -> Refused | None:
        for value in fields.values():
            target = (value.get("entity"), value.get("id")) if isinstance(value, dict) else None
            if not session.online and target and target not in session.device.seen:
                return Refused("CAP-LK", f"{target} has not been synced yet", str(target[0]))
        return super().lookup_refusal(session, entity, fields)


CAP_LK__targets_must_be_synced = swapping("forms", lambda impl: _LookupsToSyncedRecords(impl.metadata))
"""Offline, a lookup may only lead to records downloaded at a sync, not to one made on the device."""


class _EmptyLookupIsNoRecord(Forms):
    def lookup_refusal(self, session: Session, entity: str, fields: Fields) -> Refused | None:
        attributes = self.metadata.entities[entity].attributes
        cleared = [name for name, value in fields.items() if value is None and attributes[name].type == "lookup"]
        if cleared and not session.online:
            return Refused("CAP-LK", f"{entity}.{cleared[0]}: no record on the device", entity)
        return super().lookup_refusal(session, entity, fields)


CAP_LK__clearing_refused = swapping("forms", lambda impl: _EmptyLookupIsNoRecord(impl.metadata))
"""Offline, an empty lookup is taken for a lookup to a record the device lacks, so it cannot be cleared."""


class CAP_LK__warns_about_one_lookup_per_entity(ReferenceImplementation):
    """Publishing names the first unavailable lookup of each entity and stops looking."""

    def publish_profile(self, profile: ProfileDefinition) -> PublishResult:
        result = super().publish_profile(profile)
        named: set[str | None] = set()
        kept = []
        for warning in result.warnings:
            if warning.claim == "CAP-LK" and warning.entity in named:
                continue
            named.add(warning.entity if warning.claim == "CAP-LK" else None)
            kept.append(warning)
        return dataclasses.replace(result, warnings=kept)


CAP_CE__completed_only_once_synced = store_behind_the_queue("mark_complete")
"""Offline, mark complete is queued, but the record shows as completed only after the next sync."""


class _OrganizationOwnedCustomReadOnly(Forms):
    def command_bar(self, session: Session, entity: str) -> list[str] | Refused:
        bar, meta = super().command_bar(session, entity), self.metadata.entities[entity]
        if session.online or isinstance(bar, Refused) or not meta.custom or meta.ownership != "organization":
            return bar
        return [command for command in bar if command in ("read", "refresh")]


CAP_CE__organization_owned_read_only = swapping("forms", lambda impl: _OrganizationOwnedCustomReadOnly(impl.metadata))
"""Offline, a custom entity owned by the organization is taken for reference data: its bar offers reading only."""


class _ReadOnlyOnTheFirstSideOnly(Forms):
    def _subgrid(self, session: Session, entity: str, record_id: str | None, subgrid: Subgrid) -> SubgridState:
        state, relationship = (
            super()._subgrid(session, entity, record_id, subgrid),
            self.metadata.relationships[subgrid.relationship],
        )
        if session.online or relationship.kind != "many_to_many" or entity == relationship.referenced:
            return state
        return dataclasses.replace(state, commands=["add_new", "add_existing"])


LIM_AE1__first_side_only = swapping("forms", lambda impl: _ReadOnlyOnTheFirstSideOnly(impl.metadata))
"""Offline, Add Existing is hidden on the many-to-many subgrid of the relationship's first entity only."""


def unlinking_offline(queued: bool) -> type:
    """The reference that, offline, drops a many-to-many link from the device when asked to remove it; `queued`:
    and reports success and uploads the removal, else still reports the refusal."""

    class Unlinking(Forms):
        def remove_existing(
            self, session: Session, relationship: str, record_id: str, other_id: str, update: Update
        ) -> Outcome:
            outcome = super().remove_existing(session, relationship, record_id, other_id, update)
            if not (isinstance(outcome, Refused) and outcome.claim == "LIM-AE1"):
                return outcome
            definition = self.metadata.relationships[relationship]
            unlink = link_change("disassociate", definition, session.read, record_id, other_id)
            assert not isinstance(unlink, Refused)
            session.device.links[relationship].discard((unlink[1].record_id, str(unlink[1].fields["other"])))
            if not queued:
                return outcome
            session.device.enqueue(unlink[1])
            return None

    return swapping("forms", lambda impl: Unlinking(impl.metadata))


LIM_AE1__links_removed_offline = unlinking_offline(queued=True)
"""Offline, removing a many-to-many link works on the device and is uploaded at the next sync."""

LIM_AE1__unlinked_on_the_device_then_refused = unlinking_offline(queued=False)
"""Offline, removing a many-to-many link is refused, but the subgrid on the device has already dropped it."""


class _SubgridsReadOnlyOffline(Forms):
    def remove_existing(
        self, session: Session, relationship: str, record_id: str, other_id: str, update: Update
    ) -> Outcome:
        definition = self.metadata.relationships[relationship]
        if session.online or definition.kind == "many_to_many":
            return super().remove_existing(session, relationship, record_id, other_id, update)
        return Refused("LIM-AE1", f"{relationship}: subgrids are read only offline", definition.referenced)


LIM_AE1__one_to_many_read_only_too = swapping("forms", lambda impl: _SubgridsReadOnlyOffline(impl.metadata))
"""Offline, nothing can be removed from a one-to-many subgrid either: the lookup cannot be cleared there."""


class _OtherSideLinksOffline(Forms):
    def add_existing(
        self, session: Session, relationship: str, record_id: str, other_id: str, update: Update
    ) -> Outcome:
        definition = self.metadata.relationships[relationship]
        link = link_change("associate", definition, session.read, record_id, other_id)
        if session.online or isinstance(link, Refused) or link[0] == definition.referenced:
            return super().add_existing(session, relationship, record_id, other_id, update)
        return session.commit([link[1]])


LIM_AE2__other_side_links_offline = swapping("forms", lambda impl: _OtherSideLinksOffline(impl.metadata))
"""Offline, Add Existing is refused on the first entity's form, but from the other entity's form it links."""
