"""Deliberately broken implementations of forms: business rules, lookups, command bars, subgrids."""

from __future__ import annotations

from harness.driver import Command, Fields, Outcome, Refused, RelationshipDefinition, Subgrid
from harness.reference.changes import Change
from harness.reference.device import Device
from harness.reference.forms import Forms
from harness.reference.gate import OfflineGate
from harness.reference.writes import Session
from tests.broken.swap import swapping


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
    def command_bar(self, session: Session, entity: str) -> list[str] | Refused:
        bar = super().command_bar(session, entity)
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
