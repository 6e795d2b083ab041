"""The SQLite device store agrees with the in-memory one: the same random operations (records, the queue, tokens,
metadata, transactions that commit or roll back, the app killed and reopened, inside a transaction too) give the
same answers, and the two hold the same afterwards (Hypothesis stateful, as Hypothesis's own database backends are
checked against its in-memory one).

Run size: STORE_AGREEMENT_SCALE=10 multiplies the number of examples; STORE_AGREEMENT_SEED replays a seed (printed
on failure). The files go to /dev/shm where there is one: what is compared is answers, not the disk's speed.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from types import MappingProxyType
from typing import Any

import hypothesis
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from harness.driver import SyncError
from harness.reference.changes import Change
from harness.reference.device import DeviceStore, MemoryStore
from harness.reference.sqlite_store import SQLiteStore
from tests.seeding import constants_of

SCALE = int(os.environ.get("STORE_AGREEMENT_SCALE", "1"))
SEED = int(os.environ.get("STORE_AGREEMENT_SEED") or random.SystemRandom().randrange(2**32))
EXAMPLES = 150 * SCALE
STEPS = 40
FOLDER = Path("/dev/shm") if os.access("/dev/shm", os.W_OK) else None

ENTITIES = ("account", "contact", "annotation")
IDS = tuple(f"r{n}" for n in range(5))
KEYS = ("snapshot", "errors", "seq", "links")
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.fixed_dictionaries({"entity": st.sampled_from(ENTITIES), "id": st.sampled_from(IDS)}),
)
FIELDS = st.dictionaries(st.sampled_from(["name", "telephone1", "revenue", "parentcustomerid"]), VALUES, max_size=3)
META = st.one_of(
    st.integers(0, 10**6),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.sampled_from(ENTITIES), st.sets(st.sampled_from(IDS)), max_size=2),
    st.frozensets(st.tuples(st.sampled_from(ENTITIES), st.sampled_from(IDS)), max_size=3),
    st.builds(MappingProxyType, st.dictionaries(st.sampled_from(IDS), st.integers(0, 9), max_size=2)),
    st.lists(
        st.builds(
            SyncError,
            st.text(max_size=3),
            st.just("2020-08-28T00:00:00Z"),
            st.sampled_from(ENTITIES),
            st.sampled_from(IDS),
            st.sampled_from(["create", "update"]),
            st.sampled_from(["conflict", "not_found"]),
            st.text(max_size=10),
        ),
        max_size=2,
    ),
)


class StoresAgree(RuleBasedStateMachine):
    """The in-memory store and a SQLite store, driven alike; every answer of the two must be equal."""

    durable: type[SQLiteStore] = SQLiteStore

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="store-agreement-", dir=FOLDER))
        self.memory: DeviceStore = MemoryStore()
        self.sqlite: SQLiteStore = self.durable(self.folder / "device.sqlite3")
        self.open: list[AbstractContextManager[None]] = []
        self.next_seq = 1

    def both(self, operation: str, *args: Any) -> Any:
        """Run an operation on both stores; their answers must be equal."""
        answers = [getattr(store, operation)(*args) for store in (self.memory, self.sqlite)]
        if operation in ("records",):
            answers = [list(a) for a in answers]
        if operation in ("ids", "entities"):
            answers = [sorted(a) for a in answers]
        assert answers[0] == answers[1], (operation, args, answers)
        return answers[0]

    # -- records --------------------------------------------------------------------------------
    @rule(entity=st.sampled_from(ENTITIES), record_id=st.sampled_from(IDS), fields=FIELDS, version=st.integers(0, 50))
    def put(self, entity: str, record_id: str, fields: dict[str, Any], version: int) -> None:
        self.both("put", entity, {"id": record_id, **fields}, version)

    @rule(
        entity=st.sampled_from(ENTITIES),
        batch=st.lists(st.tuples(st.sampled_from(IDS), FIELDS, st.integers(0, 50)), max_size=4),
    )
    def put_many(self, entity: str, batch: list[tuple[str, dict[str, Any], int]]) -> None:
        records = {record_id: {"id": record_id, **fields} for record_id, fields, _ in batch}
        self.both("put_many", entity, records, {record_id: version for record_id, _, version in batch})

    @rule(entity=st.sampled_from(ENTITIES), record_id=st.sampled_from(IDS))
    def delete(self, entity: str, record_id: str) -> None:
        self.both("delete", entity, record_id)

    @rule(entity=st.sampled_from(ENTITIES), record_id=st.sampled_from(IDS))
    def read(self, entity: str, record_id: str) -> None:
        self.both("get", entity, record_id)
        self.both("version", entity, record_id)
        self.both("ids", entity)

    # -- the queue ------------------------------------------------------------------------------
    @rule(
        action=st.sampled_from(["create", "update", "delete", "associate"]),
        entity=st.sampled_from(ENTITIES),
        record_id=st.sampled_from(IDS),
        fields=FIELDS,
        base=st.integers(0, 50),
    )
    def append(self, action: Any, entity: str, record_id: str, fields: dict[str, Any], base: int) -> None:
        self.both("append", Change(action, entity, record_id, fields, self.next_seq, base))
        self.next_seq += 1

    @precondition(lambda self: bool(self.memory.queue()))
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        self.both("remove", data.draw(st.sampled_from(self.memory.queue())))

    # -- tokens and metadata --------------------------------------------------------------------
    @rule(entities=st.lists(st.sampled_from(ENTITIES), max_size=3), version=st.integers(0, 10**6))
    def set_tokens(self, entities: list[str], version: int) -> None:
        self.both("set_tokens", entities, version)

    @rule(key=st.sampled_from(KEYS), value=META)
    def set_meta(self, key: str, value: Any) -> None:
        self.both("set_meta", key, value)

    # -- transactions and kills -----------------------------------------------------------------
    @precondition(lambda self: not self.open)
    @rule()
    def begin(self) -> None:
        self.open = [self.memory.transaction(), self.sqlite.transaction()]
        for block in self.open:
            block.__enter__()

    @precondition(lambda self: bool(self.open))
    @rule(commit=st.booleans())
    def end(self, commit: bool) -> None:
        failure = None if commit else RuntimeError("the block failed")
        for block in self.open:
            block.__exit__(type(failure) if failure else None, failure, None)
        self.open = []

    @rule()
    def killed_and_reopened(self) -> None:
        """The app dies (inside a transaction or not) and is opened again."""
        self.memory = self.memory.reopen()
        self.sqlite = self.sqlite.reopen()
        self.open = []

    # -- what both hold -------------------------------------------------------------------------
    @invariant()
    def hold_the_same(self) -> None:
        for entity in ENTITIES:
            self.both("records", entity)
            self.both("token", entity)
            for record_id in IDS:
                self.both("version", entity, record_id)
        self.both("entities")
        self.both("queue")
        for key in KEYS:
            self.both("meta", key, "absent")

    def teardown(self) -> None:
        self.sqlite.close()
        shutil.rmtree(self.folder)


def options(examples: int, **more: Any) -> settings:
    """Hypothesis settings for the machine: no example database, no deadline."""
    return settings(
        max_examples=examples,
        stateful_step_count=STEPS,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
        **more,
    )


def test_the_sqlite_store_agrees_with_the_in_memory_store() -> None:
    machine = hypothesis.seed(SEED)(StoresAgree)
    try:
        with constants_of(__name__):
            run_state_machine_as_test(machine, settings=options(EXAMPLES))
    except BaseException as failure:
        failure.add_note(f"reproduce with STORE_AGREEMENT_SEED={SEED} (scale {SCALE}: {EXAMPLES} examples)")
        raise


class _QueueByRecord(SQLiteStore):
    def queue(self) -> list[Change]:
        return sorted(super().queue(), key=lambda change: change.record_id)


class _CommitsAnyway(SQLiteStore):
    def transaction(self) -> Any:
        return nullcontext()


class _WipedOnReopen(SQLiteStore):
    def reopen(self) -> SQLiteStore:
        self.close()
        self.path.unlink()
        return _WipedOnReopen(self.path)


@pytest.mark.parametrize("durable", [_QueueByRecord, _CommitsAnyway, _WipedOnReopen], ids=lambda c: c.__name__)
def test_the_machine_catches_a_store_that_disagrees(durable: type[SQLiteStore]) -> None:
    machine = hypothesis.seed(0)(type(f"{durable.__name__}Agreement", (StoresAgree,), {"durable": durable}))
    with pytest.raises(AssertionError), constants_of(__name__):
        run_state_machine_as_test(machine, settings=options(100, phases=[Phase.generate]))
