"""A device store in a SQLite file (the standard library's sqlite3, WAL): what a phone keeps on disk (REL-PERSIST).

Schema (version 1, in `PRAGMA user_version`):

    record(entity, id, version, body)                       a record as JSON, current to server `version`
    queue(position, seq, action, entity, record_id, fields, base_version)   the upload queue, in `position` order
    token(entity, version)                                  how far each entity's download has come
    meta(key, value)                                        named sync metadata, pickled

Every write outside `transaction()` is its own transaction; inside it, everything commits together at the end or
not at all (one command, one applied sync batch). `reopen()` is what a killed app leaves behind: the connection is
dropped without committing and a new one reads the file, so only what was committed survives. With WAL and
synchronous=NORMAL a commit survives the app being killed (not a power cut between checkpoints). Metadata values
are the reference's own (sets, dataclasses), pickled: the file is the reference's, never untrusted input.
"""

from __future__ import annotations

import io
import json
import pickle
import shutil
import sqlite3
import tempfile
import weakref
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import Any

from harness.driver import Fields
from harness.reference.changes import Change

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS record (
    entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (entity, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS queue (
    position INTEGER PRIMARY KEY AUTOINCREMENT, seq INTEGER NOT NULL UNIQUE, action TEXT NOT NULL,
    entity TEXT NOT NULL, record_id TEXT NOT NULL, fields TEXT NOT NULL, base_version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS token (entity TEXT PRIMARY KEY, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
"""


def _json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), allow_nan=False)


def _read_only(mapping: Mapping[Any, Any]) -> MappingProxyType[Any, Any]:
    """A read-only mapping again (how a pickled one comes back)."""
    return MappingProxyType(dict(mapping))


class _Pickler(pickle.Pickler):
    """Pickles the reference's values, read-only mappings (privilege snapshots) included."""

    def reducer_override(self, obj: object) -> Any:
        """A read-only mapping pickles as the function that makes it again from a dict."""
        return (_read_only, (dict(obj),)) if isinstance(obj, MappingProxyType) else NotImplemented


def _pickled(value: object) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer).dump(value)
    return buffer.getvalue()


class SQLiteStore:
    """A device store in the SQLite file at `path` (created with its schema if new)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        found = self._db.execute("PRAGMA user_version").fetchone()[0]
        if found not in (0, SCHEMA_VERSION):
            raise ValueError(f"{path}: device store schema {found}, this reference reads {SCHEMA_VERSION}")
        self._db.executescript(SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self._open = False
        self._closed = False

    # -- records ----------------------------------------------------------------------------------
    def get(self, entity: str, record_id: str) -> Fields | None:
        """A record, or None."""
        row = self._db.execute("SELECT body FROM record WHERE entity=? AND id=?", (entity, record_id)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def put(self, entity: str, record: Fields, version: int = 0) -> None:
        """Store `record` as current to server `version`."""
        row = (entity, str(record["id"]), version, _json(record))
        self._db.execute("INSERT OR REPLACE INTO record (entity, id, version, body) VALUES (?, ?, ?, ?)", row)

    def put_many(self, entity: str, records: dict[str, Fields], versions: dict[str, int]) -> None:
        """Store many records of one entity, by id, each as current to its server version."""
        rows = ((entity, record_id, versions[record_id], _json(record)) for record_id, record in records.items())
        self._db.executemany("INSERT OR REPLACE INTO record (entity, id, version, body) VALUES (?, ?, ?, ?)", rows)

    def delete(self, entity: str, record_id: str) -> None:
        """Forget a record."""
        self._db.execute("DELETE FROM record WHERE entity=? AND id=?", (entity, record_id))

    def version(self, entity: str, record_id: str) -> int:
        """The server version of the record's copy (0 if unknown)."""
        row = self._db.execute("SELECT version FROM record WHERE entity=? AND id=?", (entity, record_id)).fetchone()
        return 0 if row is None else int(row[0])

    def ids(self, entity: str) -> list[str]:
        """The ids held for `entity`."""
        return [row[0] for row in self._db.execute("SELECT id FROM record WHERE entity=?", (entity,))]

    def records(self, entity: str) -> Iterator[Fields]:
        """The records of `entity`, ordered by id."""
        rows = self._db.execute("SELECT body FROM record WHERE entity=? ORDER BY id", (entity,)).fetchall()
        return (dict(json.loads(body)) for (body,) in rows)

    def entities(self) -> list[str]:
        """The entities with records."""
        return [row[0] for row in self._db.execute("SELECT DISTINCT entity FROM record")]

    # -- the queue --------------------------------------------------------------------------------
    def append(self, change: Change) -> None:
        """Queue a numbered change."""
        row = (change.seq, change.action, change.entity, change.record_id, _json(change.fields), change.base_version)
        self._db.execute(
            "INSERT INTO queue (seq, action, entity, record_id, fields, base_version) VALUES (?, ?, ?, ?, ?, ?)", row
        )

    def remove(self, change: Change) -> None:
        """Unqueue a change (ValueError if it is not queued)."""
        if self._db.execute("DELETE FROM queue WHERE seq=?", (change.seq,)).rowcount != 1:
            raise ValueError(f"change {change.seq} is not queued")

    def queue(self) -> list[Change]:
        """The queue, oldest first."""
        rows = self._db.execute(
            "SELECT action, entity, record_id, fields, seq, base_version FROM queue ORDER BY position"
        ).fetchall()
        return [
            Change(action, entity, rid, json.loads(fields), seq, base)
            for action, entity, rid, fields, seq, base in rows
        ]

    # -- tokens and metadata ----------------------------------------------------------------------
    def token(self, entity: str) -> int:
        """The entity's download token."""
        row = self._db.execute("SELECT version FROM token WHERE entity=?", (entity,)).fetchone()
        return 0 if row is None else int(row[0])

    def set_tokens(self, entities: Iterable[str], version: int) -> None:
        """Move the download token of each of `entities`."""
        rows = [(entity, version) for entity in entities]
        self._db.executemany("INSERT OR REPLACE INTO token (entity, version) VALUES (?, ?)", rows)

    def meta(self, key: str, default: Any = None) -> Any:
        """A piece of sync metadata."""
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return default if row is None else pickle.loads(row[0])

    def set_meta(self, key: str, value: Any) -> None:
        """Keep a piece of sync metadata."""
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, _pickled(value)))

    # -- transactions and the life of the app -----------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Commit the block's writes together; roll them all back if it raises (transactions do not nest)."""
        if self._open:
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._open = True
        try:
            yield
        except BaseException:
            if not self._closed:  # a killed app's connection is gone, and its transaction with it
                self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._open = False

    def reopen(self) -> SQLiteStore:
        """The store as a killed and reopened app finds it: what was committed, read from the file alone."""
        self.close()
        return type(self)(self.path)

    def close(self) -> None:
        """Drop the connection without committing what a transaction still holds open."""
        self._closed = True
        self._db.close()


class SQLiteDevices:
    """A store factory (`build(store=SQLiteDevices())`): each user's device store is a SQLite file in a folder of
    this factory's own, made under `parent` (the system's temporary folder by default) and removed by `close()`
    or, failing that, when the factory is garbage. A copy (`snapshot()` of the reference) gets a folder of its own."""

    def __init__(self, parent: Path | None = None) -> None:
        self.parent = parent
        self.folder = Path(tempfile.mkdtemp(prefix="offline-harness-devices-", dir=parent))
        self._remove = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)
        self.made = 0

    def __call__(self, user: str) -> SQLiteStore:
        """A new store for `user`'s device, in a file of its own (numbered: any name is a user's name)."""
        self.made += 1
        return SQLiteStore(self.folder / f"device-{self.made}.sqlite3")

    def __deepcopy__(self, memo: dict[int, Any]) -> SQLiteDevices:
        return type(self)(self.parent)

    def close(self) -> None:
        """Remove the folder and every store in it."""
        self._remove()
