"""Deliberately broken implementations of business process flows (LIM-BPF1..3, LIM-LQ)."""

from __future__ import annotations

from harness.driver import Command, Fields, Outcome
from harness.reference.changes import Change
from harness.reference.flows import STAGE_COLUMN, Direction, Flows
from harness.reference.writes import Session
from tests.broken.swap import swapping


class _FlowShownOffline(Flows):
    def stage_shown(self, session: Session, entity: str, record: Fields) -> str | None:
        flow = self.flows.get(entity)
        return self.current(flow, record) if flow is not None else None


LIM_BPF1 = swapping(flows=_FlowShownOffline)
"""Offline, a form still shows its record's process flow stage."""


def stage_change(flows: Flows, session: Session, entity: str, record_id: str, direction: Direction) -> Change:
    """The change that moves a record's flow a stage, wherever the session is."""
    target = flows.neighbour(flows.flows[entity], session.read(entity, record_id) or {}, direction)
    return Change("update", entity, record_id, {STAGE_COLUMN: target})


class _MovesOffline(Flows):
    def move(self, session: Session, entity: str, record_id: str, direction: Direction) -> Outcome:
        if session.online or entity not in self.flows:
            return super().move(session, entity, record_id, direction)
        return session.commit([stage_change(self, session, entity, record_id, direction)])


LIM_BPF2 = swapping(flows=_MovesOffline)
"""Offline, moving a flow's stage works on the device and syncs later."""


class _MovesAfterOfflineCommand(Flows):
    """Offline, after `moving_command` on a record whose flow it concerns, its stage moves on."""

    moving_command: Command = "update"

    def after_command(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> None:
        super().after_command(session, entity, command, record_id, fields)
        if command == self.moving_command and session.offline and record_id and self.concerns(entity, fields):
            session.commit([stage_change(self, session, entity, record_id, "next")])

    def concerns(self, entity: str, fields: Fields) -> bool:
        """Whether the command touches the flow: here, a field a branch depends on."""
        flow = self.flows.get(entity)
        return flow is not None and any(s.branch is not None and s.branch.field in fields for s in flow.stages)


class _MovesAfterOfflineQualify(_MovesAfterOfflineCommand):
    moving_command: Command = "qualify"

    def concerns(self, entity: str, fields: Fields) -> bool:
        return entity in self.flows


LIM_BPF3 = swapping(flows=_MovesAfterOfflineCommand)
"""Offline, changing a field a branch depends on moves the flow along the branch it selects."""

LIM_LQ = swapping(flows=_MovesAfterOfflineQualify)
"""Qualifying a lead offline moves its flow past the qualify stage, as online qualification does."""
