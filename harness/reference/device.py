"""A user's device: its store of records, its upload queue and its sync metadata, behind one small interface.

`DeviceStore` is the contract a store fulfils (the in-memory `MemoryStore` here; a durable store can take its
place through `build(store=...)`). Records are plain dicts that are never changed in place: a write puts a new
dict, so a store may keep the very dict it was given, and the server and a device may share one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from harness.driver import Fields
from harness.reference.changes import Change
from harness.reference.security import UserAccess

SNAPSHOT = "snapshot"
BIG_BATCH = 64


class DeviceStore(Protocol):
    """Everything a device keeps, surviving a restart of the app (REL-PERSIST).

    Records by entity and id, each with the server version the copy is current to (0: made or changed on the
    device); the upload queue in order; a token per entity; named sync metadata (plain values). Every change
    made inside `transaction()` is kept together or not at all: one command, or one applied sync batch.
    """

    def get(self, entity: str, record_id: str) -> Fields | None:
        """A record, or None."""
        ...

    def put(self, entity: str, record: Fields, version: int = 0) -> None:
        """Store `record` (keyed by its "id"); `version` is the server version the device last saw of it."""
        ...

    def put_many(self, entity: str, records: dict[str, Fields], versions: dict[str, int]) -> None:
        """`put` for many records of one entity, by id, each with its version (an applied sync batch)."""
        ...

    def delete(self, entity: str, record_id: str) -> None:
        """Forget a record (nothing if absent)."""
        ...

    def version(self, entity: str, record_id: str) -> int:
        """The server version the record's copy is current to (0 if unknown or local)."""
        ...

    def ids(self, entity: str) -> list[str]:
        """The ids held for `entity`, in no particular order."""
        ...

    def records(self, entity: str) -> Iterator[Fields]:
        """The records held for `entity`, ordered by id."""
        ...

    def entities(self) -> list[str]:
        """The entities with at least one record held."""
        ...

    def append(self, change: Change) -> None:
        """Put a numbered change at the back of the upload queue."""
        ...

    def remove(self, change: Change) -> None:
        """Take a change off the queue (after the server answered it)."""
        ...

    def queue(self) -> list[Change]:
        """The upload queue, oldest first."""
        ...

    def token(self, entity: str) -> int:
        """The server version the device's copy of `entity` is current to (0: never downloaded)."""
        ...

    def set_tokens(self, entities: Iterable[str], version: int) -> None:
        """Record a completed download of each of `entities` up to `version`."""
        ...

    def meta(self, key: str, default: Any = None) -> Any:
        """A named piece of sync metadata (privilege snapshot, sync errors, schedule times, counters)."""
        ...

    def set_meta(self, key: str, value: Any) -> None:
        """Keep a named piece of sync metadata (a plain value the store may copy)."""
        ...

    def transaction(self) -> Any:
        """A context: what changes inside it is kept together, or not at all if it raises."""
        ...

    def reopen(self) -> DeviceStore:
        """The store as the app finds it when reopened after being killed: what was committed, nothing of a
        transaction still open; this store is not used again."""
        ...

    def close(self) -> None:
        """Let go of what the store holds open (the app is closed for good)."""
        ...


def _restore(slot: dict[str, Any], key: str, value: object) -> None:
    """Put a value back under `key`, or take the key out if there was none (None)."""
    if value is None:
        slot.pop(key, None)
    else:
        slot[key] = value


class MemoryStore:
    """A `DeviceStore` in memory; `transaction` keeps an undo log so a failed block leaves no trace."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, Fields]] = {}
        self._versions: dict[str, dict[str, int]] = {}
        self._queue: list[Change] = []
        self._tokens: dict[str, int] = {}
        self._meta: dict[str, Any] = {}
        self._undo: list[Callable[[], object]] | None = None

    def _remember(self, undo: Callable[[], object]) -> None:
        if self._undo is not None:
            self._undo.append(undo)

    def _keep(self, slot: dict[str, Any], key: str) -> None:
        if self._undo is not None:
            missing = key not in slot
            before = slot.get(key)
            self._undo.append(lambda: slot.pop(key, None) if missing else slot.__setitem__(key, before))

    def get(self, entity: str, record_id: str) -> Fields | None:
        """A record, or None."""
        table = self._tables.get(entity)
        return table.get(record_id) if table else None

    def put(self, entity: str, record: Fields, version: int = 0) -> None:
        """Store `record` as current to server `version`."""
        record_id = str(record["id"])
        table = self._tables.setdefault(entity, {})
        versions = self._versions.setdefault(entity, {})
        if self._undo is not None:
            self._keep(table, record_id)
            self._keep(versions, record_id)
        table[record_id] = record
        versions[record_id] = version

    def put_many(self, entity: str, records: dict[str, Fields], versions: dict[str, int]) -> None:
        """Store many records of one entity; in a transaction the batch keeps one undo: what its records replace, or
        for a big batch the tables as they were."""
        table = self._tables.setdefault(entity, {})
        known = self._versions.setdefault(entity, {})
        if self._undo is not None and len(records) < BIG_BATCH:
            before = [(i, table.get(i), known.get(i)) for i in records]

            def put_back() -> None:
                for record_id, record, version in before:
                    _restore(table, record_id, record)
                    _restore(known, record_id, version)

            self._undo.append(put_back)
        elif self._undo is not None:
            saved = (dict(table), dict(known))

            def restore() -> None:
                table.clear()
                table.update(saved[0])
                known.clear()
                known.update(saved[1])

            self._undo.append(restore)
        table.update(records)
        known.update(versions)

    def delete(self, entity: str, record_id: str) -> None:
        """Forget a record."""
        table = self._tables.get(entity)
        if table is None or record_id not in table:
            return
        versions = self._versions[entity]
        if self._undo is not None:
            self._keep(table, record_id)
            self._keep(versions, record_id)
        del table[record_id]
        versions.pop(record_id, None)

    def version(self, entity: str, record_id: str) -> int:
        """The server version of the record's copy."""
        versions = self._versions.get(entity)
        return versions.get(record_id, 0) if versions else 0

    def ids(self, entity: str) -> list[str]:
        """The ids held for `entity`."""
        return list(self._tables.get(entity, ()))

    def records(self, entity: str) -> Iterator[Fields]:
        """The records of `entity`, ordered by id."""
        table = self._tables.get(entity, {})
        return (table[i] for i in sorted(table))

    def entities(self) -> list[str]:
        """The entities with records."""
        return [entity for entity, table in self._tables.items() if table]

    def append(self, change: Change) -> None:
        """Queue a change."""
        self._queue.append(change)
        self._remember(lambda: self._queue.remove(change))

    def remove(self, change: Change) -> None:
        """Unqueue a change."""
        index = self._queue.index(change)
        del self._queue[index]
        self._remember(lambda: self._queue.insert(index, change))

    def queue(self) -> list[Change]:
        """The queue, oldest first."""
        return list(self._queue)

    def token(self, entity: str) -> int:
        """The entity's download token."""
        return self._tokens.get(entity, 0)

    def set_tokens(self, entities: Iterable[str], version: int) -> None:
        """Move the download token of each of `entities`."""
        tokens, moved = self._tokens, dict.fromkeys(entities, version)
        if self._undo is not None:
            before = [(entity, tokens.get(entity)) for entity in moved]

            def put_back() -> None:
                for entity, token in before:
                    _restore(tokens, entity, token)

            self._undo.append(put_back)
        tokens.update(moved)

    def meta(self, key: str, default: Any = None) -> Any:
        """A piece of sync metadata."""
        return self._meta.get(key, default)

    def set_meta(self, key: str, value: Any) -> None:
        """Keep a piece of sync metadata."""
        self._keep(self._meta, key)
        self._meta[key] = value

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Keep the block's changes together; undo them all if it raises (transactions do not nest)."""
        if self._undo is not None:
            yield
            return
        self._undo = []
        try:
            yield
        except BaseException:
            for undo in reversed(self._undo):
                undo()
            raise
        finally:
            self._undo = None

    def reopen(self) -> MemoryStore:
        """A new store holding what this one committed: a transaction still open is undone first (and the killed
        app's block, should it ever end, finds nothing left to undo)."""
        if self._undo is not None:
            for undo in reversed(self._undo):
                undo()
            self._undo.clear()
        fresh = MemoryStore()
        fresh._tables = {entity: dict(table) for entity, table in self._tables.items()}
        fresh._versions = {entity: dict(versions) for entity, versions in self._versions.items()}
        fresh._queue = list(self._queue)
        fresh._tokens = dict(self._tokens)
        fresh._meta = dict(self._meta)
        return fresh

    def close(self) -> None:
        """Nothing is held open in memory."""


StoreFactory = Callable[[str], DeviceStore]
"""Makes the store of a user's device (`build(store=...)` swaps it)."""


@dataclass(frozen=True)
class Snapshot:
    """What a device learned at its last completed cycle: its offline entities and its user's privileges."""

    entities: frozenset[str]
    access: UserAccess


@dataclass
class Device:
    """One user's phone: whether it is connected, and its store (records, queue, sync metadata)."""

    user: str
    store: DeviceStore
    online: bool = True

    @property
    def snapshot(self) -> Snapshot | None:
        """What the device learned at its last completed cycle (None before its first)."""
        found: Snapshot | None = self.store.meta(SNAPSHOT)
        return found

    def count(self, name: str) -> int:
        """The next number of a counter kept in the store (ids made, queue sequence, sync errors)."""
        number = int(self.store.meta(name, 0)) + 1
        self.store.set_meta(name, number)
        return number

    def new_id(self) -> str:
        """An id made on the device, kept by the server (REL-ID)."""
        return f"{self.user}-{self.count('ids_made'):06d}"

    def enqueue(self, change: Change) -> None:
        """Number a change and put it at the back of the upload queue, based on the version of the record the device
        holds, or, for a record it no longer holds (a retried change), on the version the change was first based on."""
        held = self.store.get(change.entity, change.record_id) is not None
        base = self.store.version(change.entity, change.record_id) if held else change.base_version
        self.store.append(change.queued(self.count("seq"), base))

    def record(self, change: Change, now: str) -> None:
        """Queue a change made here, based on the version of the record before it (a delete's too), then make its
        local effect."""
        self.enqueue(change)
        self.apply(change, now)

    def pending_ids(self) -> set[str]:
        """Ids of the records with a change still waiting for upload (a download must not touch them)."""
        return {c.record_id for c in self.store.queue()}

    def apply(self, change: Change, now: str) -> None:
        """The local effect of a change, before the server has it (a delete takes an activity and its pointer)."""
        store = self.store
        if change.action == "create":
            base = {"id": change.record_id, "ownerid": self.user, "createdon": now, "modifiedon": now}
            store.put(change.entity, {**base, "statecode": "open", **change.fields})
        elif change.action == "update":
            current = store.get(change.entity, change.record_id)
            if current is not None:
                seen = store.version(change.entity, change.record_id)
                store.put(change.entity, {**current, **change.fields, "modifiedon": now}, seen)
        elif change.action == "delete":
            self.forget(change.record_id)

    def forget(self, record_id: str) -> None:
        """Drop a record under every entity it is held as (ids are unique: an activity and its pointer go)."""
        for entity in self.store.entities():
            self.store.delete(entity, record_id)
