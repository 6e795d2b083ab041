"""The one write path — plan, check, commit — and the session a user's reads and writes happen in.

Offline (or while a cycle runs) a session works on the device: the offline gate checks with what the device
learned at its last sync, and a commit applies the changes on the device and queues them, together. Online it
works on the server: the server checks with the user's privileges now, and a commit writes there.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from harness.driver import Command, CommandResult, Fields, RecordRef, Refused
from harness.reference.changes import Change
from harness.reference.clock import SimulatedClock
from harness.reference.commands import Planner
from harness.reference.device import Device
from harness.reference.entity_table import OfflineEntity
from harness.reference.gate import OfflineGate
from harness.reference.metadata import Metadata
from harness.reference.server import ServerStore

SAVES: tuple[Command, ...] = ("create", "update")


class Devices(Protocol):
    """Where a session finds the user's device and whether a cycle is running on it (the fleet)."""

    def device(self, user: str) -> Device | Refused:
        """The user's device (created on first use), or why there is none."""
        ...

    def busy(self, user: str) -> bool:
        """Whether a sync cycle is paused halfway on the user's device."""
        ...


SaveRules = Callable[["Session", str, Command, "Fields | None", Fields], "Fields | Refused"]
"""Business rules on a save: the fields to write once the form's rules ran, or the refusal (CAP-BR)."""
AfterCommand = Callable[["Session", str, Command, "str | None", Fields], None]
"""What follows a command that went through (an online qualify moves the lead's flow, LIM-LQ)."""


@dataclass
class Session:
    """Where one user's reads and writes happen right now: the device offline, the server online."""

    device: Device
    offline: bool
    path: WritePath

    @property
    def user(self) -> str:
        """Whose session this is."""
        return self.device.user

    @property
    def online(self) -> bool:
        """Whether reads and writes go to the server."""
        return not self.offline

    # -- reading ------------------------------------------------------------------------------
    def read(self, entity: str, record_id: str) -> Fields | None:
        """A record the user can see here (the device's offline; the server's, if readable, online), or None."""
        if self.offline:
            return self.device.store.get(entity, record_id)
        record = self.path.server.get(entity, record_id)
        return record if record is not None and self._readable(entity, record) else None

    def records(self, entity: str) -> list[Fields]:
        """Every record of `entity` the user can see here, ordered by id."""
        if self.offline:
            return list(self.device.store.records(entity))
        return [r for r in self.path.server.all(entity) if self._readable(entity, r)]

    def links(self, relationship: str) -> set[tuple[str, str]]:
        """The many-to-many links of `relationship` known here (the device's copy offline)."""
        if self.offline:
            held: dict[str, set[tuple[str, str]]] = self.device.store.meta("links", {})
            return set(held.get(relationship, set()))
        return set(self.path.server.links.get(relationship, set()))

    def _readable(self, entity: str, record: Fields) -> bool:
        return self.path.server.security.allows(self.user, "read", entity, record)

    def new_id(self) -> str:
        """An id for a new record: made on the device offline (REL-ID), by the server online."""
        return self.device.new_id() if self.offline else self.path.server.new_id()

    def unavailable(self, entity: str, claim: str, doing: str) -> Refused | None:
        """Why `doing` something with `entity` is refused here: unknown entity, or offline and not on the device."""
        if entity not in self.path.metadata.entities:
            return Refused("REL-BAD", f"{doing}: unknown entity {entity!r}", entity)
        return self.path.gate.unavailable(self.device, entity, claim, doing) if self.offline else None

    def offline_entities(self) -> frozenset[str]:
        """The entities on the device (those of the user's profile at the last sync)."""
        return self.path.gate.offline_entities(self.device)

    def row(self, entity: str) -> OfflineEntity | None:
        """The row of the page's entity table that governs `entity` offline, or None (ENT-22)."""
        return self.path.gate.row(entity)

    # -- writing ------------------------------------------------------------------------------
    def run(self, entity: str, command: Command, record_id: str | None, fields: Fields) -> CommandResult | Refused:
        """Run a command: plan its changes, check them, commit them (offline: on the device, queued)."""
        return self.path.run(self, entity, command, record_id, fields)

    def commit(self, changes: list[Change]) -> Refused | None:
        """Check then commit changes planned elsewhere (notes, stages, links): all or nothing."""
        return self.path.check_and_commit(self, changes)


@dataclass
class WritePath:
    """Plan -> check -> commit, for every write a user makes (administrators write through the server)."""

    metadata: Metadata
    server: ServerStore
    gate: OfflineGate
    clock: SimulatedClock
    devices: Devices
    rules: SaveRules
    after: AfterCommand
    planner: type[Planner] = Planner

    def session(self, user: str) -> Session | Refused:
        """The user's session: on the device if it is offline or a cycle is running on it, else on the server."""
        device = self.devices.device(user)
        if isinstance(device, Refused):
            return device
        return Session(device, not device.online or self.devices.busy(user), self)

    def run(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        """The write path of one command."""
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        device, offline = session.device, session.offline
        if offline and (refusal := self.gate.command_refusal(device, entity, command)):
            return refusal
        record = self._subject(session, entity, record_id)
        if command in SAVES:
            if offline and (refusal := self.gate.lookup_refusal(device, entity, fields)):
                return refusal
            checked = self.rules(session, entity, command, record, fields)
            if isinstance(checked, Refused):
                return checked
            fields = checked
        if offline and (refusal := self.gate.subject_refusal(device, entity, command, record_id, record)):
            return refusal
        if offline and command in SAVES and (refusal := self.gate.field_refusal(device, entity, fields)):
            return refusal
        planned = self.planner(self.metadata, session.new_id).plan(entity, command, record_id, record, fields)
        if isinstance(planned, Refused):
            return planned
        first = planned[0] if planned else None
        known = record if first is not None and (first.entity, first.record_id) == (entity, record_id) else None
        if refusal := self.check_and_commit(session, planned, known):
            return refusal
        subject = planned[0].record_id if command == "create" else record_id
        self.after(session, entity, command, subject, fields)
        created = [RecordRef(c.entity, c.record_id) for c in planned if c.action == "create" and c.record_id != subject]
        return CommandResult(entity, subject, created, self._shown(session, entity, command, subject))

    def _subject(self, session: Session, entity: str, record_id: str | None) -> Fields | None:
        """The record a command works on, read once where the session is (online: whatever the server holds)."""
        if record_id is None:
            return None
        return session.device.store.get(entity, record_id) if session.offline else self.server.get(entity, record_id)

    def _shown(self, session: Session, entity: str, command: Command, subject: str | None) -> Fields | None:
        """What a read or refresh shows: the device's copy offline, the visible columns online."""
        if command not in ("read", "refresh") or subject is None:
            return None
        record = self._subject(session, entity, subject)
        if record is None:
            return None
        if session.online:
            record = self.server.security.access(session.user).visible(entity, record, offline=False)
        return copy.deepcopy(record)

    def check_and_commit(self, session: Session, changes: list[Change], read: Fields | None = None) -> Refused | None:
        """Check every change where the session is, then commit them all, or refuse and change nothing; `read` is
        the record the first change is to, if the caller read it already."""
        if session.offline:
            device = session.device
            for number, change in enumerate(changes):
                if refusal := self.gate.change_refusal(device, change, None if number else read):
                    return refusal
            now = self.clock.iso()
            with device.store.transaction():
                for change in changes:
                    device.record(change, now)
            return None
        for change in changes:
            if problem := self.server.validate(session.user, change):
                return Refused("SEC-2", problem.message, change.entity)
        for change in changes:
            self.server.write(change, owner=session.user, origin=f"user:{session.user}")
        return None
