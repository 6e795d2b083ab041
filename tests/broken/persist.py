"""Deliberately broken implementations of REL-PERSIST (the app killed and reopened) and REL-BAD (malformed input
refused, nothing changed), each the reference with one part swapped."""

from __future__ import annotations

import dataclasses

from harness.driver import MAX_TEXT_LENGTH, Command, Fields, Outcome, Refused
from harness.reference.changes import Change
from harness.reference.commands import Planner
from harness.reference.device import MemoryStore
from harness.reference.fleet import Fleet
from harness.reference.server import ADMIN, ServerStore
from tests.broken.swap import swapping


class _LosesTheQueue(MemoryStore):
    def reopen(self) -> MemoryStore:
        fresh = super().reopen()
        fresh._queue = []
        return fresh


REL_PERSIST = swapping(store=lambda user: _LosesTheQueue())
"""The queue of offline changes lives in memory only: a restart loses it (the records stay)."""


class _RenumbersTheQueue(MemoryStore):
    def reopen(self) -> MemoryStore:
        fresh = super().reopen()
        fresh._queue = [dataclasses.replace(c, seq=c.seq + 1_000) for c in fresh._queue]
        return fresh


REL_PERSIST__renumbered_queue = swapping(store=lambda user: _RenumbersTheQueue())
"""Reopened, the app numbers its queue anew: a change the server applied before a kill mid-upload is applied twice."""


class _CountsFromScratch(MemoryStore):
    def reopen(self) -> MemoryStore:
        fresh = super().reopen()
        fresh._meta = {key: value for key, value in fresh._meta.items() if key not in ("seq", "ids_made")}
        return fresh


REL_PERSIST__counters_forgotten = swapping(store=lambda user: _CountsFromScratch())
"""The counters of queued changes and new ids live in memory: reopened, the app numbers from one again."""


class _CycleSurvives(Fleet):
    def restart_app(self, user: str) -> Outcome:
        cycle = self.cycles.get(user)
        refusal = super().restart_app(user)
        if cycle is not None:
            self.cycles[user] = cycle
        return refusal


REL_PERSIST__cycle_survives = swapping(fleet=_CycleSurvives)
"""A cycle under way outlives the app that ran it: the old cycle can still be finished after a restart."""


class _TypesUnchecked(Planner):
    def _create(self, entity: str, fields: Fields) -> list[Change] | Refused:
        return [Change("create", entity, self.new_id(), dict(fields))]

    def _update(self, entity: str, record_id: str, record: Fields, fields: Fields) -> list[Change] | Refused:
        return [Change("update", entity, record_id, dict(fields))]


REL_BAD = swapping(planner=_TypesUnchecked)
"""Creates and updates take any column and any value: wrong types, unknown and system columns go through."""


class _CutsLongText(Planner):
    def plan(
        self, entity: str, command: Command, record_id: str | None, record: Fields | None, fields: Fields
    ) -> list[Change] | Refused:
        meta = self.metadata.entities.get(entity)
        kinds = {name: a.type for name, a in meta.attributes.items()} if meta else {}
        cut = {
            name: value[: MAX_TEXT_LENGTH[kinds[name]]]
            if isinstance(value, str) and kinds.get(name) in MAX_TEXT_LENGTH
            else value
            for name, value in fields.items()
        }
        return super().plan(entity, command, record_id, record, cut)


REL_BAD__long_text_cut = swapping(planner=_CutsLongText)
"""Text longer than its column holds is cut to fit instead of refused."""


class _LinksHalfKnownRecords(ServerStore):
    def associate(self, relationship: str, record_id: str, other_id: str) -> Outcome:
        definition = self.metadata.relationships.get(relationship)
        known = definition is not None and (
            self.get(definition.referenced, record_id) or self.get(definition.referenced, other_id)
        )
        if definition is None or definition.kind != "many_to_many" or not known:
            return super().associate(relationship, record_id, other_id)
        one, other = (record_id, other_id) if self.get(definition.referenced, record_id) else (other_id, record_id)
        fields: Fields = {"relationship": relationship, "other": other}
        self.write(Change("associate", definition.referenced, one, fields), ADMIN)
        return None


REL_BAD__links_to_missing_records = swapping(server=_LinksHalfKnownRecords)
"""A many-to-many link is made as soon as the record on one side exists, whatever the id on the other side."""
