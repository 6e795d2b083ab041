"""The SQLite device store keeps exactly what it committed when the app is killed: by a signal in another process,
or by dropping its connection in the middle of a transaction."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from harness.reference.changes import Change
from harness.reference.sqlite_store import SCHEMA_VERSION, SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
KILLED_MID_TRANSACTION = """
import os, signal, sys
from pathlib import Path
from harness.reference.changes import Change
from harness.reference.sqlite_store import SQLiteStore

store = SQLiteStore(Path(sys.argv[1]))
with store.transaction():
    store.put("account", {"id": "a1", "name": "Fabrikam"}, 3)
    store.append(Change("update", "account", "a1", {"name": "Fabrikam Ltd"}, 1, 3))
store.set_meta("seq", 1)
block = store.transaction()
block.__enter__()
store.put("account", {"id": "a2", "name": "Half written"})
store.append(Change("create", "account", "a2", {"name": "Half written"}, 2, 0))
store.set_meta("seq", 2)
os.kill(os.getpid(), signal.SIGKILL)
"""


def committed_only(store: SQLiteStore) -> None:
    """The store holds the first transaction and the metadata written after it, nothing of the one left open."""
    assert [r["id"] for r in store.records("account")] == ["a1"]
    assert store.version("account", "a1") == 3
    assert [(c.seq, c.action, c.record_id) for c in store.queue()] == [(1, "update", "a1")]
    assert store.meta("seq") == 1


def test_a_process_killed_mid_transaction_leaves_what_it_committed(tmp_path: Path) -> None:
    path = tmp_path / "device.sqlite3"
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_TRANSACTION, str(path)], cwd=ROOT, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert Path(f"{path}-wal").exists(), "the killed process left no write-ahead log: nothing was tested"
    committed_only(SQLiteStore(path))
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_reopened_mid_transaction_the_store_holds_what_it_committed(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "device.sqlite3")
    with store.transaction():
        store.put("account", {"id": "a1", "name": "Fabrikam"}, 3)
        store.append(Change("update", "account", "a1", {"name": "Fabrikam Ltd"}, 1, 3))
    store.set_meta("seq", 1)
    block = store.transaction()
    block.__enter__()
    store.put("account", {"id": "a2", "name": "Half written"})
    store.append(Change("create", "account", "a2", {"name": "Half written"}, 2, 0))
    store.set_meta("seq", 2)
    assert len(store.queue()) == 2, "the open transaction sees its own writes"
    reopened = store.reopen()
    committed_only(reopened)
    del block  # the killed app's transaction is gone with it: nothing of it runs later
    reopened.put("account", {"id": "a3", "name": "After the restart"})
    assert [r["id"] for r in reopened.records("account")] == ["a1", "a3"]


def test_a_store_of_another_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "device.sqlite3"
    sqlite3.connect(path).execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(ValueError, match="schema"):
        SQLiteStore(path)
