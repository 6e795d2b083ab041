"""The server: the organization's records, an append-only change log, and validated application of changes."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Literal

from harness.driver import Access, Fields
from harness.reference.changes import Action, Change
from harness.reference.clock import SimulatedClock
from harness.reference.indexes import RecordIndex
from harness.reference.metadata import ACTIVITY_COLUMNS, ACTIVITY_TYPES, Metadata
from harness.reference.security import SecurityModel

Rejection = Literal["conflict", "not_found", "privilege", "validation"]
ACCESS_OF: dict[str, Access] = {
    "create": "create",
    "update": "write",
    "delete": "delete",
    "associate": "append",
    "disassociate": "append",
}
ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One change the server applied: its version, record, action, and who sent it (`seq` for a device)."""

    version: int
    entity: str
    record_id: str
    action: Action
    origin: str
    seq: int = 0


@dataclass(frozen=True)
class Applied:
    """The server applied the change (or had already applied it: `replayed`)."""

    replayed: bool = False


@dataclass(frozen=True)
class Rejected:
    """The server refused the change and wrote nothing; `current` is its record as the sender may see it."""

    type: Rejection
    message: str
    current: Fields | None = None
    version: int = 0


@dataclass
class ServerStore:
    """Records by entity and id; every write appends to `log` (version n is `log[n - 1]`), deletes as tombstones."""

    metadata: Metadata
    security: SecurityModel
    clock: SimulatedClock
    records: dict[str, dict[str, Fields]] = field(default_factory=dict)
    versions: dict[tuple[str, str], int] = field(default_factory=dict)
    writers: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    log: list[LogEntry] = field(default_factory=list)
    links: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    last_seq: dict[str, int] = field(default_factory=dict)
    rejections: dict[tuple[str, int], Rejected] = field(default_factory=dict)
    conflict_detection: bool = False
    index: RecordIndex = field(default_factory=RecordIndex)

    @property
    def version(self) -> int:
        """The version of the latest change: a device holding it as its token has seen everything."""
        return len(self.log)

    # -- reading ------------------------------------------------------------------------------
    def get(self, entity: str, record_id: str) -> Fields | None:
        """A record (activitypointer is the activity seen through the pointer), or None."""
        if entity == "activitypointer":
            for activity in ACTIVITY_TYPES:
                if found := self.records.get(activity, {}).get(record_id):
                    return pointer_of(found)
            return None
        return self.records.get(entity, {}).get(record_id)

    def all(self, entity: str) -> list[Fields]:
        """Every record of an entity, ordered by id."""
        if entity == "activitypointer":
            rows = [pointer_of(r) for a in ACTIVITY_TYPES for r in self.records.get(a, {}).values()]
        else:
            rows = list(self.records.get(entity, {}).values())
        return sorted(rows, key=lambda r: str(r["id"]))

    def stored_as(self, entity: str, record_id: str) -> str:
        """The entity a record is stored under (an activity pointer's activity type)."""
        if entity == "activitypointer":
            underlying = self.get(entity, record_id)
            return str(underlying["activitytypecode"]) if underlying else entity
        return entity

    def version_of(self, entity: str, record_id: str) -> int:
        """The version of the record's last change (0 if unknown)."""
        return self.versions.get((self.stored_as(entity, record_id), record_id), 0)

    def changed_since(self, token: int) -> set[str]:
        """Ids of the records written or deleted after version `token` (the delta's change log)."""
        return {entry.record_id for entry in self.log[token:]}

    # -- writing ------------------------------------------------------------------------------
    def write(self, change: Change, owner: str, modified: str | None = None, origin: str = ADMIN) -> None:
        """Apply a change with no checks (administrator, data loading, or after validation), index and log it."""
        entity, record_id = self.stored_as(change.entity, change.record_id), change.record_id
        table = self.records.setdefault(entity, {})
        now = self.clock.iso()
        if change.action == "create":
            table[record_id] = {"id": record_id, "ownerid": owner, "createdon": now, "statecode": "open"}
            table[record_id].update(change.fields)
        elif change.action == "update":
            table[record_id].update(change.fields)
        elif change.action in ("associate", "disassociate"):
            self._link(change)
        self.log.append(LogEntry(self.version + 1, entity, record_id, change.action, origin, change.seq))
        if change.action == "delete":
            del table[record_id]
            self.index.drop(entity, record_id)
            self.versions.pop((entity, record_id), None)
            self.writers.pop((entity, record_id), None)
            return
        table[record_id]["modifiedon"] = modified or now
        self.index.put(entity, table[record_id])
        self.versions[(entity, record_id)] = self.version
        self.writers.setdefault((entity, record_id), {})[origin] = self.version

    def _link(self, change: Change) -> None:
        """Add (associate) or remove (disassociate) a many-to-many link, in the link table and the index."""
        relationship, one, other = str(change.fields["relationship"]), change.record_id, str(change.fields["other"])
        if change.action == "associate":
            self.links.setdefault(relationship, set()).add((one, other))
            self.index.link(relationship, one, other)
        else:
            self.links.get(relationship, set()).discard((one, other))
            self.index.unlink(relationship, one, other)

    def apply(self, origin: str, user: str, change: Change) -> Applied | Rejected:
        """Validate a device's change against the user's privileges now and apply it exactly once (REL-IDEM).

        The device's sequence number is recorded in the same step as the change: a replay of an
        applied change does nothing, a replay of a rejected one gets the same rejection again.
        """
        if change.seq <= self.last_seq.get(origin, 0):
            return self.rejections.get((origin, change.seq), Applied(replayed=True))
        verdict = self.validate(user, change, origin)
        self.last_seq[origin] = change.seq
        if isinstance(verdict, Rejected):
            current = self.get(change.entity, change.record_id)
            meta = self.metadata.entities[change.entity]
            if current is not None and self.security.allows(user, "read", change.entity, meta.ownership, current):
                verdict = dataclasses.replace(
                    verdict,
                    current=self.security.visible(user, change.entity, current, offline=True),
                    version=self.version_of(change.entity, change.record_id),
                )
            self.rejections[(origin, change.seq)] = verdict
            return verdict
        self.write(change, owner=user, origin=origin)
        return Applied()

    def validate(self, user: str, change: Change, origin: str | None = None) -> Rejected | None:
        """Why the server refuses `change` from `user` now, or None; `origin` names a device (offline rules)."""
        meta = self.metadata.entities.get(change.entity)
        if meta is None:
            return Rejected("validation", f"unknown entity {change.entity!r}")
        access = ACCESS_OF[change.action]
        if change.action == "create":
            if self.get(change.entity, change.record_id) is not None:
                return Rejected("validation", f"{change.entity} {change.record_id} already exists")
            allowed = self.security.may_create(user, change.entity, meta.ownership)
            record: Fields = {"ownerid": user}
        else:
            current = self.get(change.entity, change.record_id)
            if current is None:
                return Rejected("not_found", f"{change.entity} {change.record_id} no longer exists on the server")
            if origin is not None and self._conflicts(origin, change):
                return Rejected(
                    "conflict", f"{change.entity} {change.record_id} changed on the server since the device saw it"
                )
            allowed = self.security.allows(user, access, change.entity, meta.ownership, current)
            record = current
        if not allowed:
            return Rejected(
                "privilege", f"{user} may no longer {access} this {change.entity} ({record.get('id', 'new')})"
            )
        offline = origin is not None
        record_id = None if change.action == "create" else change.record_id
        writable = self.security.may_write_field
        if locked := [f for f in change.fields if not writable(user, change.entity, f, offline, record_id)]:
            where = "offline" if offline else f"by {user}"
            return Rejected("privilege", f"{change.entity}.{locked[0]} is secured and cannot be written {where}")
        return None

    def _conflicts(self, origin: str, change: Change) -> bool:
        """With conflict detection on: someone other than `origin` changed the record after the device saw it."""
        if not self.conflict_detection:
            return False
        key = (self.stored_as(change.entity, change.record_id), change.record_id)
        return any(v > change.base_version for o, v in self.writers.get(key, {}).items() if o != origin)


def pointer_of(activity: Fields) -> Fields:
    """An activity record as Activity Pointer shows it."""
    row = {k: activity.get(k) for k in ("id", "ownerid", "createdon", "modifiedon", "statecode", *ACTIVITY_COLUMNS)}
    return row
