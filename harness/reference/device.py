"""A user's device: its local store, its queue of offline changes, and offline execution of commands."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from harness.driver import (
    Command,
    CommandResult,
    Fields,
    ProfileDefinition,
    QueuedChange,
    RecordRef,
    Refused,
    SyncError,
)
from harness.reference.catalog import NOT_OFFLINE_CLAIM, PAGE_TABLE, OfflineTable
from harness.reference.changes import Change
from harness.reference.clock import SimulatedClock
from harness.reference.commands import Planner
from harness.reference.metadata import Metadata
from harness.reference.security import SecurityModel
from harness.reference.server import Rejected

ACCESS_OF_COMMAND = {"read": "read", "refresh": "read", "create": "create", "delete": "delete"}


@dataclass
class Device:
    """One user's phone: what it holds, what it still has to upload, what it last learned at sync.

    `security`, `offline_entities` and `profiles` are snapshots taken at the last completed cycle; `tokens`
    holds, per entity, the server version the device's copy is current to; `attempted` when a cycle last
    downloaded each entity and `last_cycle` when any cycle last started (the schedule); `refetch` ids whose
    server copy must come down again.
    """

    user: str
    metadata: Metadata
    clock: SimulatedClock
    table: OfflineTable = PAGE_TABLE
    planner: type[Planner] = Planner
    online: bool = True
    store: dict[str, dict[str, Fields]] = field(default_factory=dict)
    seen: dict[tuple[str, str], int] = field(default_factory=dict)
    queue: list[Change] = field(default_factory=list)
    next_seq: int = 1
    ids_made: int = 0
    security: SecurityModel | None = None
    offline_entities: set[str] = field(default_factory=set)
    profiles: list[ProfileDefinition] = field(default_factory=list)
    tokens: dict[str, int] = field(default_factory=dict)
    attempted: dict[str, float] = field(default_factory=dict)
    last_cycle: float | None = None
    refetch: set[str] = field(default_factory=set)
    errors: list[SyncError] = field(default_factory=list)
    rejected: dict[str, Change] = field(default_factory=dict)
    errors_made: int = 0
    links: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    metadata_synced_at: float | None = None

    # -- the local store ----------------------------------------------------------------------
    def get(self, entity: str, record_id: str) -> Fields | None:
        """A record on the device, or None."""
        return self.store.get(entity, {}).get(record_id)

    def new_id(self) -> str:
        """An id made on the device, kept by the server (REL-ID)."""
        self.ids_made += 1
        return f"{self.user}-{self.ids_made:06d}"

    def apply_locally(self, change: Change) -> None:
        """Reflect a change in the local store (before it reaches the server)."""
        table = self.store.setdefault(change.entity, {})
        if change.action == "create":
            now = self.clock.iso()
            table[change.record_id] = {
                "id": change.record_id,
                "ownerid": self.user,
                "createdon": now,
                "modifiedon": now,
                "statecode": "open",
                **change.fields,
            }
        elif change.action == "update" and change.record_id in table:
            table[change.record_id].update(change.fields, modifiedon=self.clock.iso())
        elif change.action == "delete":
            for any_table in self.store.values():  # ids are unique across entities: an activity and its pointer go
                any_table.pop(change.record_id, None)

    def enqueue(self, change: Change) -> None:
        """Number a change and put it at the back of the upload queue."""
        base = self.seen.get((change.entity, change.record_id), 0)
        self.queue.append(change.queued(self.next_seq, base))
        self.next_seq += 1

    def pending(self) -> list[QueuedChange]:
        """The queue as the seam shows it."""
        return [QueuedChange(c.seq, c.entity, c.record_id, c.action, copy.deepcopy(c.fields)) for c in self.queue]

    def pending_ids(self) -> set[str]:
        """Ids of the records with a change still waiting for upload (a download must not touch them)."""
        return {c.record_id for c in self.queue}

    # -- sync errors (REL-ERR) ----------------------------------------------------------------
    def reject(self, change: Change, rejection: Rejected) -> None:
        """Show a rejected change as a sync error, drop it from the queue and undo its local effect."""
        self.errors_made += 1
        error_id = f"E{self.errors_made}"
        self.errors.append(
            SyncError(
                error_id,
                self.clock.iso(),
                change.entity,
                change.record_id,
                change.action,
                rejection.type,
                rejection.message,
            )
        )
        self.rejected[error_id] = change
        self.queue.remove(change)
        self.revert(change.entity, change.record_id, rejection.current, rejection.version)

    def revert(self, entity: str, record_id: str, current: Fields | None, version: int) -> None:
        """Put back the server's copy of a record (or drop it), then replay its changes still queued."""
        for table in self.store.values():
            table.pop(record_id, None)
        if current is not None:
            self.store.setdefault(entity, {})[record_id] = current
            self.seen[(entity, record_id)] = version
        self.refetch.add(record_id)
        for queued in self.queue:
            if queued.record_id == record_id:
                self.apply_locally(queued)

    def settle(self, entity: str, record_id: str) -> None:
        """After an upload: a record with nothing left to upload stays only if the user may read it by the
        privileges of the last sync (a record out of her reach was kept only for its pending changes)."""
        record = self.get(entity, record_id)
        if record is None or self.security is None or record_id in self.pending_ids():
            return
        if not self.security.allows(self.user, "read", entity, self.metadata.entities[entity].ownership, record):
            for table in self.store.values():
                table.pop(record_id, None)

    def retry(self, error_id: str) -> bool:
        """Queue a rejected change again, redoing its local effect; False if there is no such error."""
        change = self.rejected.pop(error_id, None)
        if change is None:
            return False
        self.errors = [e for e in self.errors if e.id != error_id]
        self.apply_locally(change)
        self.enqueue(change)
        return True

    # -- offline commands ---------------------------------------------------------------------
    def run_offline(
        self, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        """Run a command on the device alone; on success its changes are applied and queued."""
        meta = self.metadata.entities.get(entity)
        if meta is None:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        row = self.table.row(entity, meta.custom)
        if row is None:
            reason = f"{command} on {entity}: {entity} is not available offline (not in the page's entity table)"
            return Refused(NOT_OFFLINE_CLAIM, reason, entity, "the page's entity table")
        if command not in row.commands:
            allowed = ", ".join(sorted(row.commands))
            return Refused(
                row.claim,
                f"{command} is not available offline on {row.label} ({entity}); offline it allows {allowed}",
                entity,
                allowed,
            )
        if entity not in self.offline_entities:
            return Refused(row.claim, f"{entity} is not in {self.user}'s offline profile", entity)
        if refusal := self._check_privilege(entity, command, record_id, fields):
            return refusal
        planned = self.planner(self.metadata, self.get, self.new_id).plan(entity, command, record_id, fields)
        if isinstance(planned, Refused):
            return planned
        for change in planned:
            self.apply_locally(change)
            self.enqueue(change)
        subject = planned[0].record_id if command == "create" else record_id
        created = [RecordRef(c.entity, c.record_id) for c in planned if c.action == "create" and c.record_id != subject]
        record = self.get(entity, subject) if subject else None
        return CommandResult(
            entity, subject, created, copy.deepcopy(record) if command in ("read", "refresh") else None
        )

    def _check_privilege(self, entity: str, command: Command, record_id: str | None, fields: Fields) -> Refused | None:
        security = self.security
        assert security is not None, "a device with offline entities has synced its privileges"
        ownership = self.metadata.entities[entity].ownership
        access = ACCESS_OF_COMMAND.get(command, "write")
        if command == "create":
            allowed = security.may_create(self.user, entity, ownership)
        else:
            record = self.get(entity, record_id) if record_id else None
            if record is None:
                return Refused("REL-BAD", f"no {entity} record with id {record_id!r} on this device", entity)
            allowed = security.allows(self.user, access, entity, ownership, record)  # type: ignore[arg-type]
        if not allowed:
            why = f"{self.user} may not {access} {entity} records (privileges of the last sync)"
            return Refused("SEC-1", f"{command} on {entity}: {why}", entity)
        secured = [name for name in fields if not security.may_write_field(self.user, entity, name, offline=True)]
        if secured:
            return Refused(
                "SEC-5", f"{entity}.{secured[0]} is secured by field-level security: not writable offline", entity
            )
        return None
