"""Business process flows: a stage column on the record, moved and branched online only (LIM-BPF1..3, LIM-LQ)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from harness.driver import Attribute, Command, Fields, Outcome, ProcessFlowDefinition, Refused
from harness.reference.changes import Change
from harness.reference.conditions import RULE_OPERATORS, meets
from harness.reference.metadata import Metadata
from harness.reference.writes import Session

STAGE_COLUMN = "stage"
ONLINE_ONLY = "process flows are online only"
Direction = Literal["next", "previous"]


@dataclass
class Flows:
    """The business process flow of each entity (at most one)."""

    metadata: Metadata
    flows: dict[str, ProcessFlowDefinition] = field(default_factory=dict)

    def add(self, definition: ProcessFlowDefinition) -> str | None:
        """Attach a flow (adding the entity's stage column if missing); returns why not or None."""
        meta = self.metadata.entities.get(definition.entity)
        if meta is None:
            return f"unknown entity {definition.entity!r}"
        names = [stage.name for stage in definition.stages]
        if not names or len(set(names)) != len(names):
            return f"process flow {definition.name!r} needs stages with distinct names, not {names}"
        if any(f.name == definition.name and f.entity != definition.entity for f in self.flows.values()):
            return f"process flow {definition.name!r} already exists"
        for stage in definition.stages:
            branch, targets = stage.branch, {stage.when_true, stage.when_false}
            if branch is None and targets != {None}:
                return f"stage {stage.name!r} names next stages but has no branch condition"
            if branch is not None and not (targets <= set(names) and branch.operator in RULE_OPERATORS):
                return f"stage {stage.name!r}: a branch needs a field condition and two stages of the flow"
            if branch is not None and branch.field not in meta.attributes:
                return f"stage {stage.name!r}: {definition.entity} has no column {branch.field!r}"
        column = meta.attributes.get(STAGE_COLUMN)
        if column is None:
            self.metadata.add_attribute(definition.entity, Attribute(STAGE_COLUMN, "string"))
        elif column.type != "string":
            return f"{definition.entity}.{STAGE_COLUMN} is not a text column: it cannot hold a stage"
        self.flows[definition.entity] = definition
        return None

    def named(self, name: str) -> ProcessFlowDefinition | None:
        """The flow called `name`, or None."""
        return next((flow for flow in self.flows.values() if flow.name == name), None)

    def current(self, flow: ProcessFlowDefinition, record: Fields) -> str:
        """The record's stage: its stage column, else the first stage (where new records start)."""
        names = [stage.name for stage in flow.stages]
        stage = record.get(STAGE_COLUMN)
        return stage if stage in names else names[0]

    def stage_shown(self, session: Session, entity: str, record: Fields) -> str | None:
        """The stage a form shows: online the record's stage; offline no flow is rendered (LIM-BPF1)."""
        flow = self.flows.get(entity)
        return self.current(flow, record) if flow is not None and session.online else None

    def move(self, session: Session, entity: str, record_id: str, direction: Direction) -> Outcome:
        """Move a record's flow a stage on or back, online only (LIM-BPF2); branches are evaluated here."""
        flow = self.flows.get(entity)
        if flow is None or direction not in ("next", "previous"):
            return Refused("REL-BAD", f"{entity} has no process flow to move {direction!r}", entity)
        if not session.online:
            return self.offline_move(flow, record_id, direction)
        record = session.read(entity, record_id)
        if record is None:
            return Refused("REL-BAD", f"no {entity} record {record_id!r} for {session.user}", entity)
        target = self.neighbour(flow, record, direction)
        if target is None:
            return Refused("REL-BAD", f"{entity} {record_id} has no {direction} stage in {flow.name!r}", entity)
        return session.commit([Change("update", entity, record_id, {STAGE_COLUMN: target})])

    def offline_move(self, flow: ProcessFlowDefinition, record_id: str, direction: Direction) -> Outcome:
        """Offline, stage navigation is refused and the stage stays (LIM-BPF2)."""
        reason = f"moving {flow.entity} {record_id} to the {direction} stage of {flow.name!r} needs a connection"
        return Refused("LIM-BPF2", reason, flow.entity, ONLINE_ONLY)

    def neighbour(self, flow: ProcessFlowDefinition, record: Fields, direction: Direction) -> str | None:
        """The stage after (branches decide, LIM-BPF3) or before (back along the path taken) the current one."""
        current = self.current(flow, record)
        if direction == "next":
            return self._after(flow, current, record)
        path = self.path(flow, record)
        trail = path if current in path else [stage.name for stage in flow.stages]
        index = trail.index(current)
        return trail[index - 1] if index else None

    def path(self, flow: ProcessFlowDefinition, record: Fields) -> list[str]:
        """The stages the record's values lead through, from the first."""
        path: list[str] = []
        name: str | None = flow.stages[0].name
        while name is not None and name not in path:
            path.append(name)
            name = self._after(flow, name, record)
        return path

    def _after(self, flow: ProcessFlowDefinition, name: str, record: Fields) -> str | None:
        names = [stage.name for stage in flow.stages]
        stage = flow.stages[names.index(name)]
        if stage.branch is not None:
            return stage.when_true if meets(stage.branch, record) else stage.when_false
        return names[names.index(name) + 1] if names.index(name) + 1 < len(names) else None

    def after_command(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> None:
        """Online, qualifying moves the record's flow on by itself; offline nothing moves it (LIM-LQ)."""
        if command == "qualify" and record_id and entity in self.flows and session.online:
            self.move(session, entity, record_id, "next")
