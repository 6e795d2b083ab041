"""A user's session: offline, reads and writes go to the device; online, to the server with live privileges."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from harness.driver import Command, Fields, Refused
from harness.reference.changes import Change
from harness.reference.device import Device
from harness.reference.metadata import Metadata
from harness.reference.server import ACCESS_OF, ServerStore


@dataclass
class Session:
    """Where one user's form, view, search and timeline work happens right now."""

    device: Device
    server: ServerStore
    metadata: Metadata
    server_id: Callable[[], str]

    @property
    def user(self) -> str:
        """Whose session this is."""
        return self.device.user

    @property
    def online(self) -> bool:
        """Whether the device has a connection."""
        return self.device.online

    def new_id(self) -> str:
        """An id for a new record: made on the device offline (REL-ID), by the server online."""
        return self.server_id() if self.online else self.device.new_id()

    def read(self, entity: str, record_id: str) -> Fields | None:
        """A record the user can see here (device offline; server online, if readable), or None."""
        if not self.online:
            return self.device.get(entity, record_id)
        record = self.server.get(entity, record_id)
        return record if record is not None and self._readable(entity, record) else None

    def records(self, entity: str) -> list[Fields]:
        """Every record of `entity` the user can see here, ordered by id."""
        if not self.online:
            return sorted(self.device.store.get(entity, {}).values(), key=lambda r: str(r["id"]))
        return [r for r in self.server.all(entity) if self._readable(entity, r)]

    def links(self, relationship: str) -> set[tuple[str, str]]:
        """The many-to-many links of `relationship` known here (the device's copy offline)."""
        source = self.server.links if self.online else self.device.links
        return set(source.get(relationship, set()))

    def _readable(self, entity: str, record: Fields) -> bool:
        ownership = self.metadata.entities[entity].ownership
        return self.server.security.allows(self.user, "read", entity, ownership, record)

    def unavailable(self, entity: str, claim: str, doing: str) -> Refused | None:
        """Why `doing` something on `entity` is refused here: unknown entity, or offline and not in the profile."""
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"{doing}: unknown entity {entity!r}", entity)
        if self.online or entity in self.device.offline_entities:
            return None
        return Refused(claim, f"{doing}: {entity} is not available offline for {self.user}", entity)

    def runs_offline(self, entity: str, command: Command) -> bool:
        """Offline, whether the device would run `command` on `entity` at all (table row and profile)."""
        meta = self.metadata.entities.get(entity)
        row = self.device.table.row(entity, meta.custom) if meta else None
        return row is not None and command in row.commands and entity in self.device.offline_entities

    def commit(self, changes: list[Change]) -> Refused | None:
        """All or nothing: online validated and written on the server; offline applied on the device and queued."""
        if self.online:
            for change in changes:
                if problem := self.server.validate(self.user, change):
                    return Refused("SEC-2", problem.message, change.entity)
            for change in changes:
                self.server.write(change, owner=self.user)
            return None
        for change in changes:
            if not self._device_allows(change):
                access = ACCESS_OF[change.action]
                reason = f"{self.user} may not {access} {change.entity} records (privileges as of the last sync)"
                return Refused("SEC-1", reason, change.entity)
        for change in changes:
            self.device.apply_locally(change)
            self.device.enqueue(change)
        return None

    def _device_allows(self, change: Change) -> bool:
        security = self.device.security
        if security is None:
            return False
        ownership = self.metadata.entities[change.entity].ownership
        if change.action == "create":
            return security.may_create(self.user, change.entity, ownership)
        record = self.device.get(change.entity, change.record_id)
        return record is not None and security.allows(
            self.user, ACCESS_OF[change.action], change.entity, ownership, record
        )
