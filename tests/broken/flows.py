"""Deliberately broken implementations of business process flows (LIM-BPF1..3, LIM-LQ)."""

from __future__ import annotations

from dataclasses import dataclass, field

from harness.driver import Command, Fields, Outcome, Refused
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


class _FlowOfNewRecordsShownOffline(Flows):
    def stage_shown(self, session: Session, entity: str, record: Fields) -> str | None:
        flow = self.flows.get(entity)
        made_here = session.device.store.version(entity, str(record.get("id"))) == 0
        if flow is not None and not session.online and made_here:
            return self.current(flow, record)
        return super().stage_shown(session, entity, record)


LIM_BPF1__new_records_show_the_flow = swapping(flows=_FlowOfNewRecordsShownOffline)
"""Offline, the flow is hidden on records loaded from the server, but a record new on the device shows it."""


class _StageMovedThenRefused(Flows):
    def move(self, session: Session, entity: str, record_id: str, direction: Direction) -> Outcome:
        outcome = super().move(session, entity, record_id, direction)
        if isinstance(outcome, Refused) and outcome.claim == "LIM-BPF2":
            session.device.apply(stage_change(self, session, entity, record_id, direction), session.path.clock.iso())
        return outcome


LIM_BPF2__stage_moved_then_refused = swapping(flows=_StageMovedThenRefused)
"""Offline, a stage move changes the record on the device, is not queued, and is reported refused."""


@dataclass
class _BranchDecidedAtOfflineSave(Flows):
    decided: dict[str, str | None] = field(default_factory=dict)

    def after_command(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> None:
        super().after_command(session, entity, command, record_id, fields)
        flow = self.flows.get(entity)
        branching = flow is not None and any(s.branch and s.branch.field in fields for s in flow.stages)
        if flow is not None and branching and record_id and not session.device.online:
            self.decided[record_id] = self.neighbour(flow, session.device.store.get(entity, record_id) or {}, "next")

    def move(self, session: Session, entity: str, record_id: str, direction: Direction) -> Outcome:
        if direction != "next" or record_id not in self.decided or not session.device.online:
            return super().move(session, entity, record_id, direction)
        return session.commit([Change("update", entity, record_id, {STAGE_COLUMN: self.decided.pop(record_id)})])


LIM_BPF3__branch_decided_at_offline_save = swapping(flows=_BranchDecidedAtOfflineSave)
"""An offline save of a field a branch depends on decides the next stage then; the next move goes there."""
