"""Unit tests of the reference's forms, flows, views, search and timeline: edge cases the scenarios leave out."""

from __future__ import annotations

import pytest

from harness.driver import (
    ACCESS_RIGHTS,
    Attachment,
    Attribute,
    BusinessRule,
    Condition,
    EntityDefinition,
    FormDefinition,
    LinkedColumn,
    Privilege,
    ProcessFlowDefinition,
    ProfileDefinition,
    ProfileItem,
    ProfileRules,
    Refused,
    RuleAction,
    Stage,
    Subgrid,
    ViewDefinition,
)
from harness.reference import ReferenceImplementation

PHOTO = Attachment("site.jpg", "image/jpeg", "aGVsbG8=", "camera")


@pytest.fixture
def ref() -> ReferenceImplementation:
    """An organization where "ana" may do everything and takes accounts and contacts offline."""
    impl = ReferenceImplementation()
    impl.add_business_unit("HQ")
    impl.add_user("ana", "HQ")
    entities = ["account", "contact", "annotation", "opportunity", "competitor", "new_visit"]
    impl.add_custom_entity(EntityDefinition("new_visit", "user", [Attribute("name", "string")]))
    impl.define_role("all", [Privilege(e, a, "organization") for e in entities for a in ACCESS_RIGHTS])
    impl.assign_role("ana", "all")
    items = [ProfileItem(e, ProfileRules(all_records=True)) for e in ("account", "contact", "opportunity")]
    assert impl.publish_profile(ProfileDefinition("p", items, users=["ana"])).published
    return impl


def refused(outcome: object, claim: str = "REL-BAD") -> Refused:
    assert isinstance(outcome, Refused) and outcome.claim == claim, outcome
    return outcome


def offline_with_account(ref: ReferenceImplementation) -> str:
    account = ref.server_create("account", {"name": "Fabrikam"}, owner="ana")
    report = ref.sync("ana")
    assert isinstance(account, str) and not isinstance(report, Refused) and report.completed
    ref.go_offline("ana")
    return account


@pytest.mark.parametrize(
    "form",
    [
        FormDefinition("nothing", "f", []),
        FormDefinition("account", "f", ["no_such_column"]),
        FormDefinition("account", "f", ["name"], [BusinessRule("r", [Condition("name", "eq-userid")], [])]),
        FormDefinition("account", "f", ["name"], [BusinessRule("r", [], [RuleAction("hide", "no_such_column")])]),
        FormDefinition("account", "f", ["name"], [BusinessRule("r", [], [RuleAction("set_value", "name", 7)])]),
        FormDefinition("account", "f", ["name"], subgrids=[Subgrid("no_such_relationship")]),
        FormDefinition("account", "f", ["name"], subgrids=[Subgrid("opportunity_parent_contact")]),
    ],
)
def test_a_bad_form_is_refused_and_the_old_form_stays(ref: ReferenceImplementation, form: FormDefinition) -> None:
    assert ref.add_form(FormDefinition("account", "old", ["name"])) is None
    refused(ref.add_form(form))
    shown = ref.open_form("ana", "account")
    assert not isinstance(shown, Refused) and [f.name for f in shown.fields] == ["name"]


def test_an_offline_create_on_a_read_only_entity_is_refused_by_the_table_not_by_a_rule(
    ref: ReferenceImplementation,
) -> None:
    rule = BusinessRule("always", [], [RuleAction("show_error", "name", message="never")])
    assert ref.add_form(FormDefinition("product", "f", ["name"], [rule])) is None
    offline_with_account(ref)
    refusal = refused(ref.run_command("ana", "product", "create", None, {"name": "X"}), "ENT-18")
    assert "never" not in refusal.reason


@pytest.mark.parametrize(
    "flow",
    [
        ProcessFlowDefinition("f", "opportunity", []),
        ProcessFlowDefinition("f", "opportunity", [Stage("A"), Stage("A")]),
        ProcessFlowDefinition("f", "opportunity", [Stage("A", None, "B")]),
        ProcessFlowDefinition("f", "opportunity", [Stage("A", Condition("name", "eq", "x"), "Z", "A")]),
        ProcessFlowDefinition("f", "opportunity", [Stage("A", Condition("nope", "eq", "x"), "A", "A")]),
        ProcessFlowDefinition("f", "nothing", [Stage("A")]),
    ],
)
def test_a_bad_process_flow_is_refused(ref: ReferenceImplementation, flow: ProcessFlowDefinition) -> None:
    refused(ref.add_process_flow(flow))


def test_a_flow_gives_a_custom_entity_its_stage_column_and_stops_at_both_ends(ref: ReferenceImplementation) -> None:
    assert ref.add_process_flow(ProcessFlowDefinition("visits", "new_visit", [Stage("Plan"), Stage("Visit")])) is None
    visit = ref.run_command("ana", "new_visit", "create", None, {"name": "Boiler"})
    assert not isinstance(visit, Refused) and visit.record_id
    refused(ref.move_stage("ana", "new_visit", visit.record_id, "previous"))
    assert ref.move_stage("ana", "new_visit", visit.record_id, "next") is None
    refused(ref.move_stage("ana", "new_visit", visit.record_id, "next"))
    assert (ref.server_record("new_visit", visit.record_id) or {})["stage"] == "Visit"


def test_a_stage_column_that_is_not_text_cannot_hold_a_flow(ref: ReferenceImplementation) -> None:
    assert ref.add_attribute("new_visit", Attribute("stage", "integer")) is None
    refused(ref.add_process_flow(ProcessFlowDefinition("visits", "new_visit", [Stage("Plan")])))


def test_moving_back_follows_the_branch_taken(ref: ReferenceImplementation) -> None:
    branch = Stage("Qualify", Condition("estimatedvalue", "gt", 10), "Review", "Develop")
    flow = ProcessFlowDefinition("deals", "opportunity", [branch, Stage("Review"), Stage("Develop")])
    assert ref.add_process_flow(flow) is None
    deal = ref.server_create("opportunity", {"name": "Big", "estimatedvalue": 50}, owner="ana")
    assert isinstance(deal, str)
    for direction, stage in (("next", "Review"), ("next", "Develop"), ("previous", "Review")):
        assert ref.move_stage("ana", "opportunity", deal, direction) is None  # type: ignore[arg-type]
        assert (ref.server_record("opportunity", deal) or {})["stage"] == stage


@pytest.mark.parametrize(
    "view",
    [
        ViewDefinition("nothing", "v", "system", []),
        ViewDefinition("account", "v", "system", ["no_such_column"]),
        ViewDefinition("account", "v", "personal", ["name"]),
        ViewDefinition("account", "v", "system", ["name"], owner="ana"),
        ViewDefinition("account", "v", "system", ["name"], [LinkedColumn("contact", "name", "lastname")]),
        ViewDefinition("account", "v", "system", ["name"], [LinkedColumn("contact", "primarycontactid", "nope")]),
        ViewDefinition("account", "v", "system", ["name"], [LinkedColumn("account", "primarycontactid", "name")]),
    ],
)
def test_a_bad_view_is_refused(ref: ReferenceImplementation, view: ViewDefinition) -> None:
    refused(ref.add_view(view))


def test_view_names_are_unique_and_personal_views_are_their_owners_only(ref: ReferenceImplementation) -> None:
    assert ref.add_view(ViewDefinition("account", "Mine", "personal", ["name"], owner="ana")) is None
    refused(ref.add_view(ViewDefinition("contact", "Mine", "system", ["lastname"])))
    ref.add_user("ben", "HQ")
    assert ref.list_views("ben", "account") == []
    refused(ref.open_view("ben", "account", "Mine"))


@pytest.mark.parametrize(
    ("entities", "text"),
    [(["account"], ""), (["account"], "   "), (["nothing"], "a"), ([], "a")],
)
def test_a_malformed_search_is_refused_online(ref: ReferenceImplementation, entities: list[str], text: str) -> None:
    refused(ref.search("ana", entities, text))


def test_quick_find_columns_must_exist_and_the_primary_name_is_the_fallback(ref: ReferenceImplementation) -> None:
    refused(ref.set_quick_find_columns("account", ["no_such_column"]))
    assert ref.search_fields("ana", "new_visit") == ["name"]


@pytest.mark.parametrize(
    "attachment",
    [
        Attachment("", "image/jpeg", "aGVsbG8="),
        Attachment("a.jpg", "jpeg", "aGVsbG8="),
        Attachment("a.jpg", "image/jpeg", "not base64!"),
        Attachment("a.jpg", "image/jpeg", "aGVsbG8=", "scanner"),  # type: ignore[arg-type]
    ],
)
def test_a_malformed_attachment_is_refused_and_nothing_is_queued(
    ref: ReferenceImplementation, attachment: Attachment
) -> None:
    account = offline_with_account(ref)
    note = ref.add_note("ana", "account", account, "n")
    assert isinstance(note, str)
    refused(ref.attach_to_note("ana", note, attachment))
    assert len(ref.pending_changes("ana")) == 1


def test_notes_refuse_what_is_not_there(ref: ReferenceImplementation) -> None:
    account = offline_with_account(ref)
    refused(ref.add_note("ana", "account", account, " "))
    refused(ref.add_note("ana", "account", "no-such-id", "n"), "CAP-TL")  # offline: not on the device
    refused(ref.attach_to_note("ana", "no-such-note", PHOTO))
    note = ref.add_note("ana", "account", account, "n")
    assert isinstance(note, str) and ref.attach_to_note("ana", note, PHOTO) is None
    refused(ref.attach_to_note("ana", note, PHOTO))
    refused(ref.remove_note_attachment("ana", note, "other.jpg"))
    assert len(ref.pending_changes("ana")) == 2


def test_add_existing_needs_a_known_relationship_and_parent(ref: ReferenceImplementation) -> None:
    account = offline_with_account(ref)
    refused(ref.add_existing("ana", "no_such_relationship", account, account))
    refused(ref.add_existing("ana", "contact_customer_accounts", "no-such-id", account))
    assert ref.pending_changes("ana") == []


def test_remove_existing_needs_an_existing_link(ref: ReferenceImplementation) -> None:
    account = offline_with_account(ref)
    contact = ref.run_command("ana", "contact", "create", None, {"lastname": "Reyes"})
    assert not isinstance(contact, Refused) and contact.record_id
    refused(ref.remove_existing("ana", "no_such_relationship", account, contact.record_id))
    refused(ref.remove_existing("ana", "contact_customer_accounts", account, contact.record_id))
    refused(ref.remove_existing("ana", "contact_customer_accounts", account, "no-such-id"))
    assert len(ref.pending_changes("ana")) == 1


def test_many_to_many_links_are_made_and_removed_between_records_of_its_two_sides(ref: ReferenceImplementation) -> None:
    account = ref.server_create("account", {"name": "Fabrikam"}, owner="ana")
    contact = ref.server_create("contact", {"lastname": "Reyes"}, owner="ana")
    assert isinstance(account, str) and isinstance(contact, str)
    refused(ref.server_associate("account_competitors", account, contact))
    refused(ref.add_existing("ana", "account_competitors", account, contact))
    refused(ref.remove_existing("ana", "account_competitors", account, contact))
    competitor = ref.server_create("competitor", {"name": "Northwind"}, owner="ana")
    assert isinstance(competitor, str)
    refused(ref.remove_existing("ana", "account_competitors", competitor, account))
    assert ref.server_associate("account_competitors", competitor, account) is None
    assert ref.remove_existing("ana", "account_competitors", account, competitor) is None
    assert ref.parts.server.links["account_competitors"] == set()
