"""Unit tests of the reference's sync machinery: the change log, the delta, replays, conflicts and the schedule."""

from __future__ import annotations

import pytest

from harness.driver import ACCESS_RIGHTS, Privilege, ProfileDefinition, ProfileItem, ProfileRules, SyncReport
from harness.reference import ReferenceImplementation
from harness.reference.changes import Change
from harness.reference.server import Applied, Rejected


@pytest.fixture
def impl() -> ReferenceImplementation:
    """An organization where ana may do everything to accounts and takes all of them offline."""
    impl = ReferenceImplementation()
    impl.add_business_unit("Head office")
    impl.add_user("ana", "Head office")
    impl.define_role("sales", [Privilege("account", access, "organization") for access in ACCESS_RIGHTS])
    impl.assign_role("ana", "sales")
    item = ProfileItem("account", ProfileRules(all_records=True))
    assert impl.publish_profile(ProfileDefinition("field sales", [item], users=["ana"])).published
    return impl


def synced(outcome: object) -> SyncReport:
    """A completed cycle's report."""
    assert isinstance(outcome, SyncReport) and outcome.completed, outcome
    return outcome


def test_every_write_appends_one_log_entry_whose_version_is_its_position(impl: ReferenceImplementation) -> None:
    record_id = impl.server_create("account", {"name": "Fabrikam"}, owner="ana")
    assert isinstance(record_id, str)
    impl.server_update("account", record_id, {"name": "Fabrikam Ltd"})
    impl.server_delete("account", record_id)
    log = impl.parts.server.log
    assert [(e.version, e.action) for e in log] == [(1, "create"), (2, "update"), (3, "delete")]
    assert impl.parts.server.version == 3 and impl.parts.server.changed_since(2) == {record_id}


def test_a_plain_cycle_moves_exactly_the_records_changed_since_the_token(impl: ReferenceImplementation) -> None:
    records = [{"id": f"acct-{n:05d}", "ownerid": "ana", "name": f"Account {n}"} for n in range(2000)]
    impl.import_records("account", records)
    first = synced(impl.sync("ana"))
    for n in range(10):
        impl.server_update("account", f"acct-{n:05d}", {"telephone1": "+1 555 0100"})
    delta = synced(impl.sync("ana"))
    assert (first.downloaded, delta.downloaded, delta.round_trips) == (2000, 10, 2)
    assert delta.bytes_down < first.bytes_down / 100


def test_a_replayed_rejection_is_rejected_again_and_applies_nothing(impl: ReferenceImplementation) -> None:
    change = Change("update", "account", "missing", {"name": "x"}, seq=1)
    first = impl.parts.server.apply("device:ana", "ana", change)
    again = impl.parts.server.apply("device:ana", "ana", change)
    assert isinstance(first, Rejected) and first.type == "not_found" and again == first
    assert impl.parts.server.log == []


def test_a_replayed_change_is_applied_once(impl: ReferenceImplementation) -> None:
    change = Change("create", "account", "ana-000001", {"name": "Contoso"}, seq=1)
    assert impl.parts.server.apply("device:ana", "ana", change) == Applied()
    assert impl.parts.server.apply("device:ana", "ana", change) == Applied(replayed=True)
    assert len(impl.parts.server.log) == 1


def test_with_conflict_detection_a_devices_own_changes_are_no_conflict(impl: ReferenceImplementation) -> None:
    impl.set_conflict_detection(True)
    record_id = impl.server_create("account", {"name": "Fabrikam"}, owner="ana")
    assert isinstance(record_id, str)
    base = impl.parts.server.version_of("account", record_id)
    mine = [Change("update", "account", record_id, {"name": n}, seq, base) for seq, n in ((1, "a"), (2, "b"))]
    assert [impl.parts.server.apply("device:ana", "ana", c) for c in mine] == [Applied(), Applied()]
    impl.server_update("account", record_id, {"telephone1": "+1 555 0100"})
    late = impl.parts.server.apply("device:ana", "ana", Change("update", "account", record_id, {"name": "c"}, 3, base))
    assert isinstance(late, Rejected) and late.type == "conflict" and late.current is not None


def test_the_schedule_runs_cycles_at_each_interval_and_not_while_offline(impl: ReferenceImplementation) -> None:
    synced(impl.sync("ana"))
    assert [r.started for r in impl.advance_clock(600)] == ["2020-08-28T00:05:00Z", "2020-08-28T00:10:00Z"]
    impl.go_offline("ana")
    assert impl.advance_clock(3600) == []
    impl.go_online("ana")
    assert len(impl.advance_clock(1)) == 1


def test_the_clock_never_goes_back(impl: ReferenceImplementation) -> None:
    before = impl.now()
    assert impl.advance_clock(-1) == [] and impl.now() == before
