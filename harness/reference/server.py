"""The server: the organization's records, a versioned change log, and validated application of changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from harness.driver import Access, Fields
from harness.reference.changes import Change
from harness.reference.clock import SimulatedClock
from harness.reference.indexes import RecordIndex
from harness.reference.metadata import ACTIVITY_COLUMNS, ACTIVITY_TYPES, Metadata
from harness.reference.security import SecurityModel

Rejection = Literal["conflict", "not_found", "privilege", "validation"]
ACCESS_OF: dict[str, Access] = {"create": "create", "update": "write", "delete": "delete", "associate": "append"}


@dataclass(frozen=True)
class Applied:
    """The server applied the change (or had already applied it: `replayed`)."""

    replayed: bool = False


@dataclass(frozen=True)
class Rejected:
    """The server refused the change; nothing was written."""

    type: Rejection
    message: str


@dataclass
class ServerStore:
    """Records by entity and id, each with the version of its last change; deletes leave tombstones."""

    metadata: Metadata
    security: SecurityModel
    clock: SimulatedClock
    records: dict[str, dict[str, Fields]] = field(default_factory=dict)
    versions: dict[tuple[str, str], int] = field(default_factory=dict)
    tombstones: dict[tuple[str, str], int] = field(default_factory=dict)
    links: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    last_seq: dict[str, int] = field(default_factory=dict)
    version: int = 0
    conflict_detection: bool = False
    index: RecordIndex = field(default_factory=RecordIndex)

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

    def version_of(self, entity: str, record_id: str) -> int:
        """The version of the record's last change (0 if unknown)."""
        if entity == "activitypointer":
            underlying = self.get(entity, record_id)
            return self.versions.get((str(underlying["activitytypecode"]), record_id), 0) if underlying else 0
        return self.versions.get((entity, record_id), 0)

    # -- writing ------------------------------------------------------------------------------
    def _bump(self, entity: str, record_id: str) -> int:
        self.version += 1
        self.versions[(entity, record_id)] = self.version
        return self.version

    def write(self, change: Change, owner: str, modified: str | None = None) -> None:
        """Apply a change with no checks (administrator, data loading, or after validation)."""
        entity, record_id = change.entity, change.record_id
        if entity == "activitypointer":
            underlying = self.get(entity, record_id)
            entity = str(underlying["activitytypecode"]) if underlying else entity
        table = self.records.setdefault(entity, {})
        now = self.clock.iso()
        if change.action == "create":
            table[record_id] = {"id": record_id, "ownerid": owner, "createdon": now, "statecode": "open"}
            table[record_id].update(change.fields)
        elif change.action == "update":
            table[record_id].update(change.fields)
        elif change.action == "delete":
            del table[record_id]
            self.index.drop(entity, record_id)
            self.versions.pop((entity, record_id), None)
            self.version += 1
            self.tombstones[(entity, record_id)] = self.version
            return
        elif change.action == "associate":
            relationship, other = str(change.fields["relationship"]), str(change.fields["other"])
            self.links.setdefault(relationship, set()).add((record_id, other))
            self.index.link(relationship, record_id, other)
        table[record_id]["modifiedon"] = modified or now
        self.index.put(entity, table[record_id])
        self._bump(entity, record_id)

    def apply(self, device: str, user: str, change: Change) -> Applied | Rejected:
        """Validate a device's change against the user's privileges now and apply it exactly once (REL-IDEM)."""
        if change.seq and change.seq <= self.last_seq.get(device, 0):
            return Applied(replayed=True)
        verdict = self.validate(user, change)
        if isinstance(verdict, Rejected):
            self.last_seq[device] = max(change.seq, self.last_seq.get(device, 0))
            return verdict
        self.write(change, owner=user)
        self.last_seq[device] = max(change.seq, self.last_seq.get(device, 0))
        return Applied()

    def validate(self, user: str, change: Change) -> Rejected | None:
        """Why the server refuses `change` from `user` now, or None."""
        meta = self.metadata.entities.get(change.entity)
        if meta is None:
            return Rejected("validation", f"unknown entity {change.entity!r}")
        access = ACCESS_OF[change.action]
        if change.action == "create":
            if change.record_id in self.records.get(change.entity, {}):
                return Rejected("validation", f"{change.entity} {change.record_id} already exists")
            allowed = self.security.may_create(user, change.entity, meta.ownership)
            record: Fields = {"ownerid": user}
        else:
            current = self.get(change.entity, change.record_id)
            if current is None:
                return Rejected("not_found", f"{change.entity} {change.record_id} no longer exists on the server")
            if self.conflict_detection and self.version_of(change.entity, change.record_id) > change.base_version:
                return Rejected(
                    "conflict", f"{change.entity} {change.record_id} changed on the server since the device saw it"
                )
            allowed = self.security.allows(user, access, change.entity, meta.ownership, current)
            record = current
        if not allowed:
            return Rejected(
                "privilege", f"{user} may no longer {access} this {change.entity} ({record.get('id', 'new')})"
            )
        secured = [f for f in change.fields if self.security.is_secured(change.entity, f)]
        if secured:
            return Rejected("privilege", f"{change.entity}.{secured[0]} is secured and cannot be written offline")
        return None


def pointer_of(activity: Fields) -> Fields:
    """An activity record as Activity Pointer shows it."""
    row = {k: activity.get(k) for k in ("id", "ownerid", "createdon", "modifiedon", "statecode", *ACTIVITY_COLUMNS)}
    return row
