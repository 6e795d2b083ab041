"""Stateful property test of the reference's sync: offline work, server edits, privilege, team and sharing changes,
faults and cycles in random order, checked against an independent model of what each user may read.

Invariants:
- a device never holds a record its user could not read as of the device's last completed cycle (records with
  a change still queued excepted: they leave only after upload, REL-DEL);
- after a fault-free cycle that leaves the queue empty, the device holds exactly the server's records the user
  may read now, with the server's values, the secured column excepted (REL-CONV, SEC-4, SEC-5);
- every change a device queued is pending, applied once or rejected once: none is lost, none applied twice
  (REL-IDEM, REL-FAULT), and the server's records are exactly what the applied changes make of them;
- offline, the device refuses exactly what the privileges of its last completed cycle forbid (SEC-1), and the
  server applies a device's change only if the user's privileges allow it when it arrives (SEC-2).

Run size: SYNC_STATEFUL_SCALE=10 multiplies the number of examples (a nightly-style run); SYNC_STATEFUL_SEED
replays a seed (printed on failure).
"""

from __future__ import annotations

import copy
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from harness.driver import (
    ACCESS_RIGHTS,
    Access,
    Depth,
    FaultPoint,
    Fields,
    Privilege,
    ProfileDefinition,
    ProfileItem,
    ProfileRules,
    Refused,
    SyncReport,
)
from harness.reference import ReferenceImplementation, build
from harness.reference.sync import rejected
from tests.broken.beyond import REL_CONV, REL_FAULT, REL_IDEM
from tests.broken.security import SEC_1, SEC_2
from tests.seeding import constants_of

SCALE = int(os.environ.get("SYNC_STATEFUL_SCALE", "1"))
SEED = int(os.environ.get("SYNC_STATEFUL_SEED") or random.SystemRandom().randrange(2**32))
EXAMPLES = 500 * SCALE
STEPS = 50

UNITS = {"Head office": None, "North": "Head office", "North-East": "North", "South": "Head office"}
PEOPLE = {"ana": ("North", None), "bob": ("North", "ana"), "nora": ("North-East", "bob"), "sam": ("South", None)}
TEAM, TEAM_UNIT = "North team", "North"
DEVICES = ("ana", "bob")
OWNERS = (*PEOPLE, TEAM)
DEPTHS: tuple[Depth, ...] = ("none", "user", "business_unit", "parent_child", "organization")
ACCESS_OF = {"create": "create", "update": "write", "delete": "delete"}
SHARES: tuple[list[Access], ...] = ([], ["read"], ["read", "write"])
FAULTS: tuple[FaultPoint, ...] = ("before_upload", "after_server_apply", "during_download")
SECURED = "revenue"
SYSTEM_TIMES = ("createdon", "modifiedon")


@dataclass
class Model:
    """The test's own security state: what decides who may read or change which account."""

    reading: dict[str, Depth] = field(default_factory=lambda: dict.fromkeys(DEVICES, "user"))
    writing: dict[str, Depth] = field(default_factory=lambda: dict.fromkeys(DEVICES, "user"))
    members: set[str] = field(default_factory=lambda: {"ana"})
    shares: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    hierarchy: int = 0

    def subtree(self, unit: str) -> set[str]:
        """`unit` and the units below it."""
        below = {name for name, parent in UNITS.items() if parent == unit}
        return {unit}.union(*(self.subtree(name) for name in below))

    def reports(self, manager: str) -> set[str]:
        """The people below `manager`, down to the hierarchy depth."""
        found: set[str] = set()
        level = {manager}
        for _ in range(self.hierarchy):
            level = {name for name, (_, boss) in PEOPLE.items() if boss in level}
            found |= level
        return found

    def may(self, user: str, access: str, record: Fields) -> bool:
        """Whether `user` may `access` `record`, decided independently of the reference's security model."""
        owner, unit = str(record["ownerid"]), PEOPLE[user][0]
        depth = self.reading[user] if access == "read" else self.writing[user]
        owner_unit = TEAM_UNIT if owner == TEAM else PEOPLE[owner][0]
        grants = self.shares.get(str(record["id"]), {})
        by_depth = depth != "none" and (
            depth == "organization"
            or owner == user
            or (owner == TEAM and user in self.members)
            or (depth == "business_unit" and owner_unit == unit)
            or (depth == "parent_child" and owner_unit in self.subtree(unit))
        )
        shared = any(access in grants.get(p, set()) for p in ({user, TEAM} if user in self.members else {user}))
        return by_depth or shared or (access in ("read", "write") and owner in self.reports(user))

    def reads(self, user: str, record: Fields) -> bool:
        """Whether `user` may read `record`."""
        return self.may(user, "read", record)


class SyncMachine(RuleBasedStateMachine):
    """Two devices (ana, bob) and an administrator working on accounts, with the reference behind the seam."""

    make: Callable[[], ReferenceImplementation] = staticmethod(build)

    def __init__(self) -> None:
        super().__init__()
        self.impl = type(self).make()
        self.access = Model()
        self.snapshots: dict[str, Model] = {}
        self.expected: dict[str, Fields] = {}
        self.queued: dict[str, dict[int, Fields]] = {user: {} for user in DEVICES}
        self.log_seen = 0
        self.names = 0
        self._organization()
        for owner in OWNERS:
            self.admin_creates(owner, revenue=1000)
        for user in DEVICES:
            self._after([ok(self.impl.sync(user))])

    # -- setup ------------------------------------------------------------------------------------
    def _organization(self) -> None:
        impl = self.impl
        for unit, parent in UNITS.items():
            ok(impl.add_business_unit(unit, parent))
        for name, (unit, manager) in PEOPLE.items():
            ok(impl.add_user(name, unit, manager))
        ok(impl.add_team(TEAM, TEAM_UNIT, sorted(self.access.members)))
        for user in DEVICES:
            self._role(user)
        ok(impl.secure_field("account", SECURED))
        ok(impl.set_org_data_filter("account", None))
        items = [ProfileItem("account", ProfileRules(all_records=True))]
        assert impl.publish_profile(ProfileDefinition("field sales", items, users=list(DEVICES))).published

    def _role(self, user: str) -> None:
        depth = {"read": self.access.reading[user]}
        privileges = [Privilege("account", a, depth.get(a, self.access.writing[user])) for a in ACCESS_RIGHTS]
        ok(self.impl.define_role(f"{user}'s role", privileges))
        ok(self.impl.assign_role(user, f"{user}'s role"))

    def _name(self) -> str:
        self.names += 1
        return f"Account {self.names}"

    def _device(self, user: str) -> Any:
        return self.impl.parts.fleet.devices.get(user)

    def _synced(self, user: str) -> bool:
        device = self._device(user)
        return device is not None and device.snapshot is not None

    def _offline(self, user: str) -> bool:
        device = self._device(user)
        return device is not None and not device.online

    # -- the administrator ------------------------------------------------------------------------
    @rule(owner=st.sampled_from(OWNERS), revenue=st.integers(0, 10**6))
    def admin_creates(self, owner: str, revenue: int) -> None:
        fields: Fields = {"name": self._name(), SECURED: revenue}
        record_id = ok(self.impl.server_create("account", fields, owner=owner))
        self.expected[record_id] = {"id": record_id, "ownerid": owner, "statecode": "open", **fields}

    @rule(data=st.data(), column=st.sampled_from(["name", "telephone1", SECURED]))
    def admin_updates(self, data: st.DataObject, column: str) -> None:
        if not self.expected:
            return
        record_id = data.draw(st.sampled_from(sorted(self.expected)))
        value: Any = self._name() if column != SECURED else data.draw(st.integers(0, 10**6))
        ok(self.impl.server_update("account", record_id, {column: value}))
        self.expected[record_id][column] = value

    @rule(data=st.data())
    def admin_deletes(self, data: st.DataObject) -> None:
        if not self.expected:
            return
        record_id = data.draw(st.sampled_from(sorted(self.expected)))
        ok(self.impl.server_delete("account", record_id))
        del self.expected[record_id]

    @rule(user=st.sampled_from(DEVICES), reading=st.booleans(), depth=st.sampled_from(DEPTHS))
    def sets_depth(self, user: str, reading: bool, depth: Depth) -> None:
        (self.access.reading if reading else self.access.writing)[user] = depth
        self._role(user)

    @rule(user=st.sampled_from(DEVICES), read=st.booleans(), update=st.booleans())
    def grants_field_access(self, user: str, read: bool, update: bool) -> None:
        ok(self.impl.grant_field_access(user, "account", SECURED, read, update))

    @rule(data=st.data(), principal=st.sampled_from([*DEVICES, TEAM]), access=st.sampled_from(SHARES))
    def shares(self, data: st.DataObject, principal: str, access: list[Access]) -> None:
        if not self.expected:
            return
        record_id = data.draw(st.sampled_from(sorted(self.expected)))
        ok(self.impl.share_record("account", record_id, principal, access))
        self.access.shares.setdefault(record_id, {})[principal] = set(access)

    @rule(user=st.sampled_from(DEVICES))
    def toggles_membership(self, user: str) -> None:
        self.access.members ^= {user}
        ok(self.impl.set_team_members(TEAM, sorted(self.access.members)))

    @rule(depth=st.integers(0, 2))
    def sets_hierarchy(self, depth: int) -> None:
        self.access.hierarchy = depth
        ok(self.impl.set_hierarchy_security(depth > 0, max(depth, 1)))

    @rule(enabled=st.booleans())
    def sets_conflict_detection(self, enabled: bool) -> None:
        ok(self.impl.set_conflict_detection(enabled))

    # -- the users --------------------------------------------------------------------------------
    @rule(user=st.sampled_from(DEVICES), offline=st.booleans())
    def connectivity(self, user: str, offline: bool) -> None:
        ok(self.impl.go_offline(user) if offline else self.impl.go_online(user))

    @precondition(lambda self: any(self._synced(u) and self._offline(u) for u in DEVICES))
    @rule(data=st.data(), action=st.sampled_from(["create", "update", "delete"]))
    def works_offline(self, data: st.DataObject, action: str) -> None:
        user = data.draw(st.sampled_from([u for u in DEVICES if self._synced(u) and self._offline(u)]))
        self._work_on_device(user, data, action)

    def _work_on_device(self, user: str, data: st.DataObject, action: str) -> None:
        """Run a command on the device (offline, or during a cycle) and note what it queued."""
        before = {c.seq for c in self.impl.pending_changes(user)}
        held = {str(r["id"]): r for r in self.impl.device_records(user, "account")}
        if action == "create":
            record: Fields = {"id": "", "ownerid": user}
            outcome = self.impl.run_command(user, "account", "create", None, {"name": self._name()})
        elif held:
            record = held[data.draw(st.sampled_from(sorted(held)))]
            fields = {"telephone1": self._name()} if action == "update" else None
            outcome = self.impl.run_command(user, "account", action, str(record["id"]), fields)  # type: ignore[arg-type]
        else:
            return
        allowed = self.snapshots[user].may(user, ACCESS_OF[action], record)
        assert isinstance(outcome, Refused) != allowed, ("privileges of the last sync", allowed, outcome)
        pending = self.impl.pending_changes(user)
        if isinstance(outcome, Refused):
            assert {c.seq for c in pending} == before, "a refused command queued something"
        for change in pending:
            if change.seq not in before:
                self.queued[user][change.seq] = {"action": change.action, "id": change.record_id, **change.fields}

    @precondition(lambda self: any(self.impl.sync_errors(u) for u in DEVICES))
    @rule(data=st.data())
    def retries(self, data: st.DataObject) -> None:
        user = data.draw(st.sampled_from([u for u in DEVICES if self.impl.sync_errors(u)]))
        error = data.draw(st.sampled_from(self.impl.sync_errors(user)))
        change = rejected(self._device(user))[error.id]
        ok(self.impl.retry_sync_error(user, error.id))
        seq = self.impl.pending_changes(user)[-1].seq
        self.queued[user][seq] = {"action": change.action, "id": change.record_id, **change.fields}

    @rule(user=st.sampled_from(DEVICES), point=st.sampled_from(FAULTS))
    def breaks_next_cycle(self, user: str, point: FaultPoint) -> None:
        ok(self.impl.inject_fault(user, point))

    # -- cycles -----------------------------------------------------------------------------------
    @rule(user=st.sampled_from(DEVICES), fault=st.none() | st.sampled_from(FAULTS))
    def syncs(self, user: str, fault: FaultPoint | None) -> None:
        if fault is not None:
            ok(self.impl.inject_fault(user, fault))
        faulty = user in self.impl.parts.fleet.faults
        report = self.impl.sync(user)
        if isinstance(report, Refused):
            assert self._offline(user), report
            return
        self._after([report])
        if report.completed and not faulty and not self.impl.pending_changes(user):
            self._check_converged(user)

    @precondition(lambda self: any(self._synced(u) and not self._offline(u) for u in DEVICES))
    @rule(data=st.data(), writes=st.lists(st.sampled_from(["create", "update", "delete"]), max_size=3))
    def works_during_a_cycle(self, data: st.DataObject, writes: list[str]) -> None:
        user = data.draw(st.sampled_from([u for u in DEVICES if self._synced(u) and not self._offline(u)]))
        if isinstance(self.impl.begin_sync(user), Refused):
            self._after([])
            return
        for action in writes:
            self._work_on_device(user, data, action)
        report = self.impl.finish_sync(user)
        assert isinstance(report, SyncReport), report
        self._after([report])

    @rule(minutes=st.integers(1, 12))
    def time_passes(self, minutes: int) -> None:
        reports = self.impl.advance_clock(60 * minutes)
        assert all(not r.completed or r.fault is None for r in reports), reports
        self._after(reports)

    def _after(self, reports: list[SyncReport]) -> None:
        """Apply the device changes the server logged to the model; snapshot what completed cycles enforce."""
        for entry in self.impl.parts.server.log[self.log_seen :]:
            if entry.origin.startswith("device:"):
                self._apply_expected(entry.origin.removeprefix("device:"), self.queued_change(entry))
        self.log_seen = len(self.impl.parts.server.log)
        for report in reports:
            if report.completed and report.user:
                self.snapshots[report.user] = copy.deepcopy(self.access)

    def queued_change(self, entry: Any) -> Fields:
        """The content of the queued change a log entry applied."""
        return self.queued[entry.origin.removeprefix("device:")][entry.seq]

    def _apply_expected(self, user: str, change: Fields) -> None:
        fields = {k: v for k, v in change.items() if k not in ("action", "id")}
        record_id = str(change["id"])
        before = self.expected.get(record_id, {"id": record_id, "ownerid": user})
        assert self.access.may(user, ACCESS_OF[str(change["action"])], before), ("applied without privilege", change)
        if change["action"] == "create":
            self.expected[record_id] = {"id": record_id, "ownerid": user, "statecode": "open", **fields}
        elif change["action"] == "update":
            self.expected[record_id].update(fields)
        else:
            del self.expected[record_id]

    # -- invariants -------------------------------------------------------------------------------
    def _check_converged(self, user: str) -> None:
        """REL-CONV: the device holds exactly the server's records the user may read, secured column excepted."""
        projection = [
            {k: v for k, v in record.items() if k != SECURED}
            for record in self.impl.server_records("account")
            if self.access.reads(user, record)
        ]
        assert self.impl.device_records(user, "account") == projection

    @invariant()
    def device_holds_only_what_it_may_read(self) -> None:
        for user in DEVICES:
            device = self._device(user)
            if device is None:
                continue
            pending = {c.record_id for c in device.store.queue()}
            for record in self.impl.device_records(user, "account"):
                assert SECURED not in record, record
                if str(record["id"]) not in pending:
                    assert self.snapshots[user].reads(user, record), (user, record)

    @invariant()
    def every_change_is_pending_applied_or_rejected_once(self) -> None:
        log = self.impl.parts.server.log
        applied = [(e.origin, e.seq) for e in log if e.origin.startswith("device:")]
        assert len(applied) == len(set(applied)), "a change was applied twice"
        for user in DEVICES:
            origin = f"device:{user}"
            done = {seq for o, seq in applied if o == origin}
            rejected = {seq for o, seq in self.impl.parts.server.rejections if o == origin}
            pending = {c.seq for c in self.impl.pending_changes(user)}
            assert not done & rejected, "a change was both applied and rejected"
            lost = set(self.queued[user]) - done - rejected - pending
            assert not lost, f"changes lost: {sorted(lost)}"

    @invariant()
    def server_holds_what_the_changes_made(self) -> None:
        actual = {
            str(r["id"]): {k: v for k, v in r.items() if k not in SYSTEM_TIMES}
            for r in self.impl.server_records("account")
        }
        assert actual == self.expected


def ok(outcome: Any) -> Any:
    """`outcome`, which must not be a refusal."""
    assert not isinstance(outcome, Refused), outcome
    return outcome


def options(examples: int, **more: Any) -> settings:
    """Hypothesis settings for the machine: no example database, no deadline (the reference is in memory)."""
    checks = [HealthCheck.too_slow, HealthCheck.filter_too_much]
    return settings(
        max_examples=examples,
        stateful_step_count=STEPS,
        deadline=None,
        database=None,
        suppress_health_check=checks,
        **more,
    )


def test_sync_keeps_its_guarantees_under_random_work() -> None:
    machine = hypothesis.seed(SEED)(SyncMachine)
    try:
        with constants_of(__name__):
            run_state_machine_as_test(machine, settings=options(EXAMPLES))
    except BaseException as failure:
        note = f"reproduce with SYNC_STATEFUL_SEED={SEED} (scale {SCALE}: {EXAMPLES} examples of up to {STEPS} steps)"
        print(note)
        failure.add_note(note)
        raise


BROKEN = {"REL_IDEM": REL_IDEM, "REL_FAULT": REL_FAULT, "REL_CONV": REL_CONV, "SEC_1": SEC_1, "SEC_2": SEC_2}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_machine_catches_a_broken_implementation(name: str) -> None:
    machine = hypothesis.seed(0)(type(f"{name}Machine", (SyncMachine,), {"make": staticmethod(BROKEN[name])}))
    with pytest.raises(AssertionError), constants_of(__name__):
        run_state_machine_as_test(machine, settings=options(300, phases=[Phase.generate]))
