"""Views: system, quick and personal views with linked columns, and which of them work offline.

Offline a user picks only system and quick views (CAP-VW) of entities on the device, never a view of the
nine activity types of LIM-VW1, of a process flow (LIM-BPF1), or one that links an entity outside the
profile (LIM-VW2, SYN-VW). Online every view works; each process flow brings a view of its records' stages.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from harness.driver import Fields, LinkedColumn, Refused, Value, ViewDefinition, ViewInfo
from harness.reference.flows import STAGE_COLUMN, Flows
from harness.reference.metadata import ACTIVITY_TYPES, Metadata
from harness.reference.security import SecurityModel
from harness.reference.writes import Session

VIEWLESS_OFFLINE = tuple(a for a in ACTIVITY_TYPES if a not in ("appointment", "phonecall"))
"""The nine activity types with no views offline (LIM-VW1): every activity type but appointment and phone call."""


@dataclass
class Views:
    """Every view by its unique name."""

    metadata: Metadata
    security: SecurityModel
    flows: Flows
    views: dict[str, ViewDefinition] = field(default_factory=dict)

    def add(self, definition: ViewDefinition) -> str | None:
        """Create a view; returns why not (unknown entity or column, duplicate name, owner, bad link) or None."""
        meta = self.metadata.entities.get(definition.entity)
        if meta is None:
            return f"unknown entity {definition.entity!r}"
        if definition.name in self.views or self.flows.named(definition.name):
            return f"a view named {definition.name!r} already exists"
        if unknown := [c for c in definition.columns if c not in meta.attributes]:
            return f"view {definition.name!r}: {definition.entity} has no columns {unknown}"
        if (definition.kind == "personal") != (definition.owner in self.security.users()):
            return f"view {definition.name!r}: a personal view, and only a personal view, has an owner who is a user"
        for linked in definition.linked:
            if problem := self._check_link(definition, linked):
                return problem
        self.views[definition.name] = definition
        return None

    def _check_link(self, definition: ViewDefinition, linked: LinkedColumn) -> str | None:
        via = self.metadata.entities[definition.entity].attributes.get(linked.via)
        target = self.metadata.entities.get(linked.entity)
        if via is None or via.type != "lookup" or via.target not in (None, linked.entity):
            return f"view {definition.name!r}: {definition.entity}.{linked.via} is not a lookup to {linked.entity}"
        if target is None or linked.column not in target.attributes:
            return f"view {definition.name!r}: {linked.entity} has no column {linked.column!r}"
        return None

    def candidates(self, session: Session, entity: str) -> list[ViewDefinition]:
        """The views of `entity` the user could pick online: system, quick, their own personal, the flow's."""
        mine = [v for v in self.views.values() if v.kind != "personal" or v.owner == session.user]
        found = [v for v in mine if v.entity == entity]
        flow = self.flows.flows.get(entity)
        if flow is not None:
            primary = self.metadata.entities[entity].primary_name()
            found.append(ViewDefinition(entity, flow.name, "system", [primary] if primary != "id" else []))
        return found

    def listing(self, session: Session, entity: str) -> list[ViewInfo] | Refused:
        """The views the user can pick here, in the order they were made."""
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        return [ViewInfo(v.name, v.kind) for v in self.candidates(session, entity) if not self.refusal(session, v)]

    def refusal(self, session: Session, view: ViewDefinition) -> Refused | None:
        """Why `view` cannot be opened here (only ever offline), or None."""
        if session.online:
            return None
        doing, entity = f"opening the view {view.name!r} offline", view.entity
        if entity in VIEWLESS_OFFLINE:
            return Refused("LIM-VW1", f"{doing}: {entity} has no views offline", entity, "no offline views")
        if self.flows.named(view.name):
            return Refused("LIM-BPF1", f"{doing}: process flow views are online only", entity, "process flows")
        if view.kind == "personal":
            return Refused("CAP-VW", f"{doing}: personal views are online only", entity, "system and quick views")
        if refusal := session.unavailable(entity, "CAP-VW", doing):
            return refusal
        if outside := self.outside_profile(session, view):
            reason = f"{doing}: it links {', '.join(outside)}, which is not in {session.user}'s offline profile"
            return Refused("LIM-VW2", reason, entity, "linked entities must be offline-enabled")
        return None

    def outside_profile(self, session: Session, view: ViewDefinition) -> list[str]:
        """The linked entities of `view` that the user's offline profile leaves out (LIM-VW2, SYN-VW)."""
        return sorted({linked.entity for linked in view.linked} - session.offline_entities())

    def rows(self, session: Session, entity: str, name: str) -> list[Fields] | Refused:
        """The view's rows here: id, its columns, linked columns as "via.column", a flow view's stage."""
        view = next((v for v in self.candidates(session, entity) if v.name == name), None)
        if view is None:
            return Refused("REL-BAD", f"{entity} has no view {name!r} for {session.user}", entity)
        if refusal := self.refusal(session, view):
            return refusal
        flow = self.flows.flows[entity] if self.flows.named(name) else None
        rows = []
        for record in session.records(entity):
            row: Fields = {"id": record["id"], **{column: record.get(column) for column in view.columns}}
            row.update({f"{link.via}.{link.column}": self._linked(session, record, link) for link in view.linked})
            if flow is not None:
                row[STAGE_COLUMN] = self.flows.current(flow, record)
            rows.append(row)
        return copy.deepcopy(rows)

    def _linked(self, session: Session, record: Fields, linked: LinkedColumn) -> Value:
        target = record.get(linked.via)
        if not isinstance(target, dict) or target.get("entity") != linked.entity:
            return None
        found = session.read(linked.entity, str(target["id"]))
        return found.get(linked.column) if found else None
