"""A record's wire size kept current through rewrites equals the size worked out afresh from the whole record."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from harness.driver import ACCESS_RIGHTS, Privilege, ProfileDefinition, ProfileItem, ProfileRules
from harness.reference import build
from harness.reference.network import WireSizes, record_bytes

COLUMNS = st.sampled_from(["name", "description", "revenue", "primarycontactid", "modifiedon", "é", 'q"uote'])
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.fixed_dictionaries({"entity": st.just("contact"), "id": st.text(max_size=6)}),
)
RECORDS = st.dictionaries(COLUMNS, VALUES, max_size=6).map(lambda columns: {"id": "r1", **columns})


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(old=RECORDS, fields=st.dictionaries(COLUMNS, VALUES, max_size=4), dropped=st.lists(COLUMNS, max_size=2))
def test_a_rewrite_keeps_the_size_exact(old: dict[str, Any], fields: dict[str, Any], dropped: list[str]) -> None:
    new = {**old, **fields}
    for column in dropped:
        new.pop(column, None)
    sizes = WireSizes()
    sizes.of_entity("account")["r1"] = (3, record_bytes(old))
    sizes.rewritten("account", old, new, [*fields, *dropped], before=3, after=4)
    assert sizes.of_entity("account")["r1"] == (4, record_bytes(new))


def test_a_size_known_for_another_version_is_dropped_not_moved_on() -> None:
    sizes = WireSizes()
    sizes.of_entity("account")["r1"] = (2, 999)
    sizes.rewritten("account", {"id": "r1"}, {"id": "r1", "name": "x"}, ["name"], before=3, after=4)
    assert "r1" not in sizes.of_entity("account")


def test_a_record_no_device_downloaded_has_no_size_to_keep() -> None:
    sizes = WireSizes()
    sizes.rewritten("account", {"id": "r1"}, {"id": "r1", "name": "x"}, ["name"], before=3, after=4)
    assert sizes.of_entity("account") == {}


def test_the_server_keeps_downloaded_sizes_current_through_updates_and_links() -> None:
    impl = build()
    impl.add_business_unit("Head office")
    impl.add_user("ana", "Head office")
    impl.define_role("sales", [Privilege(e, a, "organization") for e in ("account", "contact") for a in ACCESS_RIGHTS])
    impl.assign_role("ana", "sales")
    everything = ProfileRules(all_records=True)
    items = [ProfileItem("account", everything), ProfileItem("contact", everything)]
    assert impl.publish_profile(ProfileDefinition("field sales", items, users=["ana"])).published
    account = impl.server_create("account", {"name": "Fabrikam"})
    contact = impl.server_create("contact", {"lastname": "Lee"})
    assert isinstance(account, str) and isinstance(contact, str)
    impl.sync("ana")
    server = impl.parts.server
    known = server.sizes.of_entity("account")
    assert known[account][0] == server.versions["account"][account]
    impl.server_update("account", account, {"name": "Fabrikam and Sons", "description": "wholesale"})
    impl.server_update("account", account, {"primarycontactid": {"entity": "contact", "id": contact}})
    record = server.get("account", account)
    assert record is not None
    assert known[account] == (server.versions["account"][account], record_bytes(record))
