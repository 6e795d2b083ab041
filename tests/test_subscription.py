"""The subscription is computed from indexes: it reads the candidate records and nothing else."""

from __future__ import annotations

from harness.driver import Condition, Fields, Privilege, ProfileDefinition, ProfileItem, ProfileRules
from harness.reference import ReferenceImplementation
from harness.reference.changes import Change
from harness.reference.profiles import find_cycle
from harness.reference.subscription import Membership


def org_with_records(owners: dict[str, int], days_old: dict[str, float] | None = None) -> ReferenceImplementation:
    """A reference with users owning the given numbers of accounts, everyone reading everything."""
    reference = ReferenceImplementation()
    reference.add_business_unit("HQ")
    reference.define_role("reader", [Privilege("account", "read", "organization")])
    for user, count in owners.items():
        reference.add_user(user, "HQ")
        reference.assign_role(user, "reader")
        age = (days_old or {}).get(user, 0.0)
        clock = reference.parts.clock
        modified = clock.iso(clock.seconds - age * 86_400)
        rows = [{"id": f"{user}-{n}", "name": f"A{n}", "ownerid": user, "modifiedon": modified} for n in range(count)]
        reference.import_records("account", rows)
    return reference


def counted(reference: ReferenceImplementation, user: str) -> tuple[dict[str, set[str]], list[str]]:
    """The records of `user`'s profile items and the ids of every record working them out read."""
    server, reads = reference.parts.server, []
    get = server.get

    def read(entity: str, record_id: str) -> Fields | None:
        reads.append(record_id)
        return get(entity, record_id)

    server.get = read  # type: ignore[method-assign]
    try:
        membership = Membership.compute(reference.parts.profiles.scope(user), server)
    finally:
        del server.get
    return {e: ids for e, ids in membership.members.items() if e in membership.scope.profile.items}, reads


def publish(reference: ReferenceImplementation, user: str, rules: ProfileRules) -> None:
    assert reference.publish_profile(ProfileDefinition("p", [ProfileItem("account", rules)], users=[user])).published


def test_my_records_reads_only_my_records() -> None:
    reference = org_with_records({"ana": 5, "bob": 500, "cy": 500})
    publish(reference, "ana", ProfileRules(mine=True))
    held, reads = counted(reference, "ana")
    assert held == {"account": {f"ana-{n}" for n in range(5)}}
    assert set(reads) <= held["account"]


def test_all_records_reads_only_records_the_org_filter_can_admit() -> None:
    reference = org_with_records({"ana": 3, "bob": 4, "old": 400}, days_old={"old": 30})
    publish(reference, "ana", ProfileRules(all_records=True))
    held, reads = counted(reference, "ana")
    assert held["account"] == {*(f"ana-{n}" for n in range(3)), *(f"bob-{n}" for n in range(4))}
    assert not [r for r in reads if r.startswith("old-")]


def test_custom_filter_on_owner_reads_only_the_owners_records() -> None:
    reference = org_with_records({"ana": 2, "bob": 300})
    publish(reference, "ana", ProfileRules(custom=[Condition("ownerid", "eq-userid")]))
    held, reads = counted(reference, "ana")
    assert held["account"] == {"ana-0", "ana-1"} and set(reads) <= held["account"]


def test_an_update_moves_a_record_between_owner_candidates() -> None:
    reference = org_with_records({"ana": 1, "bob": 1})
    publish(reference, "ana", ProfileRules(mine=True))
    reference.server_update("account", "bob-0", {"name": "renamed"})
    reference.parts.server.write(Change("update", "account", "bob-0", {"ownerid": "ana"}), owner="admin")
    held, _ = counted(reference, "ana")
    assert held["account"] == {"ana-0", "bob-0"}


def test_find_cycle_reports_the_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}}) is None
    assert find_cycle({"a": {"a"}}) == ["a", "a"]


def test_an_empty_time_window_reads_nothing() -> None:
    reference = org_with_records({"ana": 0, "old": 300}, days_old={"old": 30})
    publish(reference, "ana", ProfileRules(all_records=True))
    held, reads = counted(reference, "ana")
    assert held == {"account": set()} and reads == []
