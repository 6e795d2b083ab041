"""The server: the organization's records, an append-only change log, validated application of a device's changes,
and the administrator's writes.

Records are never changed in place: every write stores a new dict, so a device may hold the server's own copy
until either side writes.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from harness.driver import Access, Command, Fields, Outcome, Refused
from harness.reference.changes import ACCESS_OF, Action, Change
from harness.reference.clock import SimulatedClock
from harness.reference.commands import Planner, link_change
from harness.reference.indexes import RecordIndex
from harness.reference.metadata import ACTIVITY_COLUMNS, ACTIVITY_TYPES, Metadata
from harness.reference.network import WireSizes
from harness.reference.security import SecurityModel

Rejection = Literal["conflict", "not_found", "privilege", "validation"]
ADMIN = "admin"
POINTER = "activitypointer"
IMPORT_COLUMNS = ("id", "ownerid", "modifiedon")


class LogEntry(NamedTuple):
    """One change the server applied: its version, record, action, who sent it (`seq` for a device), and for a
    link the record at its other end."""

    version: int
    entity: str
    record_id: str
    action: Action
    origin: str
    seq: int = 0
    other: str | None = None
    relationship: str | None = None


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
    """Records by entity and id; every write appends to `log` (version n is `log[n - 1]`), deletes as tombstones.

    `versions` holds each record's latest version; `writers` its latest writer, that write's version, and the
    version of the latest write by anyone else (what conflict detection asks), for records someone other than the
    administrator wrote (for the others it is the administrator at the latest version); `sizes` the wire sizes of
    the records devices have downloaded, kept current as they are rewritten.
    """

    metadata: Metadata
    security: SecurityModel
    clock: SimulatedClock
    planner: type[Planner] = Planner
    records: dict[str, dict[str, Fields]] = field(default_factory=dict)
    versions: dict[str, dict[str, int]] = field(default_factory=dict)
    writers: dict[str, dict[str, tuple[str, int, int]]] = field(default_factory=dict)
    log: list[LogEntry] = field(default_factory=list)
    links: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    last_seq: dict[str, int] = field(default_factory=dict)
    rejections: dict[tuple[str, int], Rejected] = field(default_factory=dict)
    conflict_detection: bool = False
    index: RecordIndex = field(default_factory=RecordIndex)
    sizes: WireSizes = field(default_factory=WireSizes)
    ids_made: int = 0
    shared: bool = False

    @property
    def version(self) -> int:
        """The version of the latest change: a device holding it as its token has seen everything."""
        return len(self.log)

    def copy(self, metadata: Metadata, security: SecurityModel, clock: SimulatedClock) -> ServerStore:
        """A copy over other parts that shares this one's tables, log and index until either of them writes (copy
        on write: a copy only read costs nothing); the records themselves, never changed in place, stay shared."""
        self.shared = True
        return dataclasses.replace(self, metadata=metadata, security=security, clock=clock, sizes=WireSizes())

    def _own(self) -> None:
        """Before a write: stop sharing the tables, log and index with a copy (copy them)."""
        if not self.shared:
            return
        self.__dict__.update(
            shared=False,
            records={entity: dict(table) for entity, table in self.records.items()},
            versions={entity: dict(table) for entity, table in self.versions.items()},
            writers={entity: dict(table) for entity, table in self.writers.items()},
            log=list(self.log),
            links={name: set(pairs) for name, pairs in self.links.items()},
            last_seq=dict(self.last_seq),
            rejections=dict(self.rejections),
            index=self.index.copy(),
        )

    # -- reading ------------------------------------------------------------------------------
    def get(self, entity: str, record_id: str) -> Fields | None:
        """A record (activitypointer is the activity seen through the pointer), or None."""
        if entity == POINTER:
            for activity in ACTIVITY_TYPES:
                if found := self.records.get(activity, {}).get(record_id):
                    return pointer_of(found)
            return None
        table = self.records.get(entity)
        return table.get(record_id) if table else None

    def all(self, entity: str) -> list[Fields]:
        """Every record of an entity, ordered by id."""
        if entity == POINTER:
            rows = [pointer_of(r) for a in ACTIVITY_TYPES for r in self.records.get(a, {}).values()]
        else:
            rows = list(self.records.get(entity, {}).values())
        return sorted(rows, key=lambda r: str(r["id"]))

    def readers(self, entity: str) -> tuple[Callable[[str], Fields | None], Callable[[str], int | None]]:
        """Fast lookups for one entity: its record by id, and the version of its last change (None if unknown)."""
        if entity == POINTER:
            return (lambda record_id: self.get(POINTER, record_id)), (
                lambda record_id: self.version_of(POINTER, record_id)
            )
        return self.records.get(entity, {}).get, self.versions.get(entity, {}).get

    def stored_as(self, entity: str, record_id: str) -> str:
        """The entity a record is stored under (an activity pointer's activity type)."""
        if entity == POINTER:
            underlying = self.get(entity, record_id)
            return str(underlying["activitytypecode"]) if underlying else entity
        return entity

    def version_of(self, entity: str, record_id: str) -> int:
        """The version of the record's last change (0 if unknown)."""
        versions = self.versions.get(self.stored_as(entity, record_id))
        return versions.get(record_id, 0) if versions else 0

    def log_since(self, token: int) -> list[LogEntry]:
        """The change log after version `token`."""
        return self.log[token:]

    def changed_since(self, token: int) -> set[str]:
        """Ids of the records written or deleted after version `token` (the delta's change log)."""
        return {entry.record_id for entry in self.log[token:]}

    def new_id(self) -> str:
        """An id for a record made on the server."""
        self.ids_made += 1
        return f"srv-{self.ids_made:06d}"

    # -- writing ------------------------------------------------------------------------------
    def write(self, change: Change, owner: str, modified: str | None = None, origin: str = ADMIN) -> None:
        """Apply a change with no checks (administrator, data loading, or after validation), index and log it."""
        entity = self.stored_as(change.entity, change.record_id) if change.entity == POINTER else change.entity
        self._record(change.action, entity, change.record_id, change.fields, owner, modified, origin, change.seq)

    def _record(
        self,
        action: Action,
        entity: str,
        record_id: str,
        fields: Fields,
        owner: str,
        modified: str | None,
        origin: str,
        seq: int = 0,
    ) -> None:
        self._own()
        table = self.records.get(entity)
        if table is None:
            table = self.records[entity] = {}
        old = table.get(record_id)
        version = len(self.log) + 1
        relationship = other = None
        if action in ("associate", "disassociate"):
            relationship, other = str(fields["relationship"]), str(fields["other"])
            self._link(action == "associate", relationship, record_id, other)
        self.log.append(LogEntry(version, entity, record_id, action, origin, seq, other, relationship))
        if action == "delete":
            del table[record_id]
            self.index.drop(entity, old or {"id": record_id})
            self.versions.get(entity, {}).pop(record_id, None)
            self.writers.get(entity, {}).pop(record_id, None)
            return
        now = self.clock.iso()
        if action == "create":
            record = {"id": record_id, "ownerid": owner, "createdon": now, "statecode": "open", **fields}
            record["ownerid"] = owner
        elif old is None:
            return
        else:
            record = {**old, **fields} if action == "update" else dict(old)
        record["modifiedon"] = modified or now
        table[record_id] = record
        self.index.put(entity, record, old)
        versions, writers = self.versions.get(entity), self.writers.get(entity)
        if versions is None or writers is None:
            versions, writers = self.versions.setdefault(entity, {}), self.writers.setdefault(entity, {})
        before = versions.get(record_id) if old is not None else None
        if old is not None and before is not None:
            columns = (*fields, "modifiedon") if action == "update" else ("modifiedon",)
            self.sizes.rewritten(entity, old, record, columns, before, version)
        versions[record_id] = version
        last = writers.get(record_id) or (None if before is None else (ADMIN, before, 0))
        by_others = 0 if last is None else (last[2] if last[0] == origin else last[1])
        if origin == ADMIN and not by_others:
            writers.pop(record_id, None)
        else:
            writers[record_id] = (origin, version, by_others)

    def _link(self, linking: bool, relationship: str, one: str, other: str) -> None:
        """Add (or remove) a many-to-many link, in the link table and the index."""
        if linking:
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
        self._own()
        verdict = self.validate(user, change, origin)
        self.last_seq[origin] = change.seq
        if isinstance(verdict, Rejected):
            current = self.get(change.entity, change.record_id)
            if current is not None and self.security.allows(user, "read", change.entity, current):
                verdict = dataclasses.replace(
                    verdict,
                    current=self.security.access(user).visible(change.entity, current, offline=True),
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
        rights = self.security.access(user)
        if change.action == "create":
            if self.get(change.entity, change.record_id) is not None:
                return Rejected("validation", f"{change.entity} {change.record_id} already exists")
            allowed = rights.may_create(change.entity, meta.ownership)
            record: Fields = {"ownerid": user}
        else:
            current = self.get(change.entity, change.record_id)
            if current is None:
                return Rejected("not_found", f"{change.entity} {change.record_id} no longer exists on the server")
            if origin is not None and self._conflicts(origin, change):
                return Rejected(
                    "conflict", f"{change.entity} {change.record_id} changed on the server since the device saw it"
                )
            allowed = rights.allows(access, change.entity, meta.ownership, current)
            record = current
        if not allowed:
            return Rejected(
                "privilege", f"{user} may no longer {access} this {change.entity} ({record.get('id', 'new')})"
            )
        offline = origin is not None
        record_id = None if change.action == "create" else change.record_id
        if locked := [f for f in change.fields if not rights.may_write_field(change.entity, f, offline, record_id)]:
            where = "offline" if offline else f"by {user}"
            return Rejected("privilege", f"{change.entity}.{locked[0]} is secured and cannot be written {where}")
        return None

    def _conflicts(self, origin: str, change: Change) -> bool:
        """With conflict detection on: someone other than `origin` changed the record after the device saw it."""
        if not self.conflict_detection:
            return False
        entity = self.stored_as(change.entity, change.record_id)
        last = self.writers.get(entity, {}).get(change.record_id)
        if last is None:  # only the administrator ever wrote it
            last = (ADMIN, self.versions.get(entity, {}).get(change.record_id, 0), 0)
        by_others = last[2] if last[0] == origin else last[1]
        return by_others > change.base_version

    # -- the administrator ----------------------------------------------------------------------
    def create(self, entity: str, fields: Fields, owner: str | None = None) -> str | Refused:
        """Create a record as an administrator, owned by `owner` (a user or team; default the administrator)."""
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        if owner is not None and owner not in self.security.principals:
            return Refused("REL-BAD", f"unknown owner {owner!r}", entity)
        planned = self.planner(self.metadata, self.new_id).plan(entity, "create", None, None, fields)
        if isinstance(planned, Refused):
            return planned
        self.write(planned[0], owner=owner or ADMIN)
        return planned[0].record_id

    def change(self, entity: str, command: Command, record_id: str, fields: Fields) -> Outcome:
        """Update or delete a record as an administrator."""
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        record = self.get(entity, record_id)
        planned = self.planner(self.metadata, self.new_id).plan(entity, command, record_id, record, fields)
        if isinstance(planned, Refused):
            return planned
        for change in planned:
            self.write(change, owner=ADMIN)
        return None

    def associate(self, relationship: str, record_id: str, other_id: str) -> Outcome:
        """Link two records through a many-to-many relationship (from either side)."""
        definition = self.metadata.relationships.get(relationship)
        if definition is None or definition.kind != "many_to_many":
            return Refused("REL-BAD", f"{relationship!r} is not a many-to-many relationship")
        link = link_change("associate", definition, self.get, record_id, other_id)
        if isinstance(link, Refused):
            return link
        self.write(link[1], owner=ADMIN)
        return None

    def share_record(self, entity: str, record_id: str, principal: str, access: list[Access]) -> Outcome:
        """Share a record with a user or team (an empty `access` removes the share); an Activity Pointer row is
        shared as its activity."""
        if self.get(entity, record_id) is None:
            return Refused("REL-BAD", f"no {entity} record {record_id!r}", entity)
        return self.security.share(self.stored_as(entity, record_id), record_id, principal, access)

    def share_field(self, entity: str, record_id: str, field_name: str, user: str, read: bool, update: bool) -> Outcome:
        """Share one record's secured column with a user (effective online only; no rights: unshare)."""
        if (entity, field_name) in self.security.secured_fields and self.get(entity, record_id) is None:
            return Refused("REL-BAD", f"no {entity} record {record_id!r}", entity)
        return self.security.share_field(entity, record_id, field_name, user, read, update)

    def import_records(self, entity: str, records: list[Fields]) -> int | Refused:
        """Bulk-load records (each with "id", optionally "ownerid" and "modifiedon"); all or nothing. The cyclic
        garbage collector pauses meanwhile: records are plain data, and a bulk load makes many of them."""
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        check = self.metadata.check_fields
        for record in records:
            if not isinstance(record.get("id"), str) or (problem := check(entity, record, IMPORT_COLUMNS)):
                reason = f"record {record.get('id')!r}: {problem if record.get('id') else 'no id'}"
                return Refused("REL-BAD", reason, entity)
        collecting = gc.isenabled()
        gc.disable()
        try:
            put = self._record
            for record in records:
                owner, modified = str(record.get("ownerid", ADMIN)), record.get("modifiedon")
                put("create", entity, record["id"], record, owner, modified, ADMIN)
        finally:
            if collecting:
                gc.enable()
        return len(records)

    def set_conflict_detection(self, enabled: bool) -> Outcome:
        """REL-CONFLICT: off (default) the device's changed columns win; on, the server wins."""
        self.conflict_detection = enabled
        return None

    def record(self, entity: str, record_id: str) -> Fields | None:
        """A copy of the server's record, or None."""
        return copy.deepcopy(self.get(entity, record_id))

    def all_records(self, entity: str) -> list[Fields]:
        """Copies of every record of an entity, ordered by id."""
        return copy.deepcopy(self.all(entity))


def pointer_of(activity: Fields) -> Fields:
    """An activity record as Activity Pointer shows it."""
    return {k: activity.get(k) for k in ("id", "ownerid", "createdon", "modifiedon", "statecode", *ACTIVITY_COLUMNS)}
