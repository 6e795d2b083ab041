"""Deliberately broken implementations of business process flows (LIM-BPF1..3, LIM-LQ)."""

from __future__ import annotations

from harness.driver import Command, CommandResult, Fields, Outcome, Refused
from harness.reference import ReferenceImplementation
from harness.reference.changes import Change
from harness.reference.flows import STAGE_COLUMN, Direction, Flows
from harness.reference.session import Session
from tests.broken.swap import swapping


class _FlowShownOffline(Flows):
    def stage_shown(self, session: Session, entity: str, record: Fields) -> str | None:
        flow = self.flows.get(entity)
        return self.current(flow, record) if flow is not None else None


LIM_BPF1 = swapping("flows", lambda impl: _FlowShownOffline(impl.metadata))
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


LIM_BPF2 = swapping("flows", lambda impl: _MovesOffline(impl.metadata))
"""Offline, moving a flow's stage works on the device and syncs later."""


class _MovesAfterOfflineCommand(ReferenceImplementation):
    """Offline, after `moving_command` on a record whose flow it concerns, its stage moves on."""

    moving_command: Command = "update"

    def run_command(
        self, user: str, entity: str, command: Command, record_id: str | None = None, fields: Fields | None = None
    ) -> CommandResult | Refused:
        result = super().run_command(user, entity, command, record_id, fields)
        device = self.devices.get(user)
        moved = command == self.moving_command and self.concerns(entity, fields or {})
        if moved and device and not device.online and record_id and not isinstance(result, Refused):
            session = self._session(device)
            session.commit([stage_change(self.flows, session, entity, record_id, "next")])
        return result

    def concerns(self, entity: str, fields: Fields) -> bool:
        """Whether the command touches the flow: here, a field a branch depends on."""
        flow = self.flows.flows.get(entity)
        return flow is not None and any(s.branch is not None and s.branch.field in fields for s in flow.stages)


class LIM_BPF3(_MovesAfterOfflineCommand):
    """Offline, changing a field a branch depends on moves the flow along the branch it selects."""


class LIM_LQ(_MovesAfterOfflineCommand):
    """Qualifying a lead offline moves its flow past the qualify stage, as online qualification does."""

    moving_command: Command = "qualify"

    def concerns(self, entity: str, fields: Fields) -> bool:
        return entity in self.flows.flows


class _FlowOfNewRecordsShownOffline(Flows):
    def stage_shown(self, session: Session, entity: str, record: Fields) -> str | None:
        flow, made_here = self.flows.get(entity), (entity, str(record.get("id"))) not in session.device.seen
        if flow is not None and not session.online and made_here:
            return self.current(flow, record)
        return super().stage_shown(session, entity, record)


LIM_BPF1__new_records_show_the_flow = swapping("flows", lambda impl: _FlowOfNewRecordsShownOffline(impl.metadata))
"""Offline, the flow is hidden on records loaded from the server, but a record new on the device shows it."""


class LIM_BPF2__stage_moved_then_refused(ReferenceImplementation):
    """Offline, a stage move changes the record on the device, is not queued, and is reported refused."""

    def move_stage(self, user: str, entity: str, record_id: str, direction: Direction) -> Outcome:
        outcome = super().move_stage(user, entity, record_id, direction)
        if isinstance(outcome, Refused) and outcome.claim == "LIM-BPF2":
            device = self.devices[user]
            device.apply_locally(stage_change(self.flows, self._session(device), entity, record_id, direction))
        return outcome


class LIM_BPF3__branch_decided_at_offline_save(ReferenceImplementation):
    """An offline save of a field a branch depends on decides the next stage then; the next move goes there."""

    def __init__(self) -> None:
        super().__init__()
        self.decided: dict[str, str | None] = {}

    def run_command(
        self, user: str, entity: str, command: Command, record_id: str | None = None, fields: Fields | None = None
    ) -> CommandResult | Refused:
        result = super().run_command(user, entity, command, record_id, fields)
        flow, device = self.flows.flows.get(entity), self.devices[user]
        branching = flow is not None and any(s.branch and s.branch.field in (fields or {}) for s in flow.stages)
        if branching and record_id and not device.online and not isinstance(result, Refused):
            self.decided[record_id] = self.flows.neighbour(flow, device.get(entity, record_id) or {}, "next")  # type: ignore[arg-type]
        return result

    def move_stage(self, user: str, entity: str, record_id: str, direction: Direction) -> Outcome:
        if direction != "next" or record_id not in self.decided or not self.devices[user].online:
            return super().move_stage(user, entity, record_id, direction)
        session = self._session(self.devices[user])
        return session.commit([Change("update", entity, record_id, {STAGE_COLUMN: self.decided.pop(record_id)})])
