"""Steps that check what the table's commands did, on the device and on the server."""

from __future__ import annotations

from collections.abc import Callable

from pytest_bdd import given, parsers, then, when

from harness.driver import Fields

from .samples import SEEDED_AS, changed_record, created_record, new_record
from .world import World

Records = Callable[[str], list[Fields]]


def ref(entity: str, record_id: str) -> Fields:
    """A lookup value."""
    return {"entity": entity, "id": record_id}


def one(records: list[Fields], **expected: object) -> Fields:
    """The single record carrying all `expected` values."""
    found = [r for r in records if all(r.get(k) == v for k, v in expected.items())]
    assert len(found) == 1, f"expected one record with {expected}, found {len(found)} in {records}"
    return found[0]


def holds(world: World, records: Records, subset: Fields, entity: str, record_id: str) -> None:
    """The record exists in `records` with the values of `subset`."""
    record = one(records(entity), id=record_id)
    assert {k: record.get(k) for k in subset} == subset, record


# -- the effect of each allowed command, on the device right away and on the server after sync ---------


def device(world: World, user: str) -> Records:
    """The records of an entity on `user`'s device."""
    return lambda entity: world.driver.device_records(user, entity)


def records_at(world: World, where: str) -> Records:
    """The records of an entity where a step looks: "the server", or a user's device ('"ana"'s device')."""
    if where == "the server":
        return world.driver.server_records
    return device(world, where.split('"')[1])


def ids(records: list[Fields]) -> set[str]:
    """The ids of some records."""
    return {str(record["id"]) for record in records}


@then(parsers.parse('{where} shows the effect of create on the {entity} "{alias}"'))
def created(world: World, where: str, entity: str, alias: str) -> None:
    new_id = world.outcome.record_id
    assert new_id and new_id != world.id(alias), f"the create names {new_id!r}, not a new record"
    assert ids(records_at(world, where)(entity)) == {world.id(alias), new_id}, "expected exactly one record more"
    holds(world, records_at(world, where), created_record(entity), entity, new_id)


@then(parsers.parse('{where} shows the effect of read on the {entity} "{alias}"'))
def read(world: World, where: str, entity: str, alias: str) -> None:
    assert world.outcome.record == one(records_at(world, where)(entity), id=world.id(alias))


@then(parsers.parse('{where} shows the effect of update on the {entity} "{alias}"'))
def updated(world: World, where: str, entity: str, alias: str) -> None:
    holds(world, records_at(world, where), changed_record(entity), entity, world.id(alias))


@then(parsers.parse('{where} shows the effect of delete on the {entity} "{alias}"'))
def deleted(world: World, where: str, entity: str, alias: str) -> None:
    assert world.id(alias) not in ids(records_at(world, where)(entity))


@then(parsers.parse('{where} shows the effect of convert_activity_to_case on the {entity} "{alias}"'))
def converted_to_case(world: World, where: str, entity: str, alias: str) -> None:
    one(records_at(world, where)("incident"), originatingactivityid=ref(entity, world.id(alias)))


@then(parsers.parse('{where} shows the effect of qualify on the {entity} "{alias}"'))
def qualified(world: World, where: str, entity: str, alias: str) -> None:
    holds(world, records_at(world, where), {"statecode": "qualified"}, entity, world.id(alias))
    one(records_at(world, where)("opportunity"), originatingleadid=ref(entity, world.id(alias)))


@then(parsers.parse('{where} shows the effect of disqualify on the {entity} "{alias}"'))
def disqualified(world: World, where: str, entity: str, alias: str) -> None:
    holds(world, records_at(world, where), {"statecode": "disqualified"}, entity, world.id(alias))


@then(parsers.parse('{where} holds only the {entity} "{alias}"'))
def only(world: World, where: str, entity: str, alias: str) -> None:
    assert ids(records_at(world, where)(entity)) == {world.id(alias)}


@then(parsers.parse('the server still holds the {entity} "{alias}" as it was made'))
def as_made(world: World, entity: str, alias: str) -> None:
    made = {**new_record(SEEDED_AS.get(entity, entity)), "statecode": "open"}
    holds(world, world.driver.server_records, made, entity, world.id(alias))


# -- convert, qualify, disqualify in detail (ENT-23) --------------------------------------------


@given(parsers.parse('a lead "{subject}" from "{company}" for "{first} {last}" on the server owned by "{user}"'))
def lead(world: World, subject: str, company: str, first: str, last: str, user: str) -> None:
    fields = {"subject": subject, "companyname": company, "firstname": first, "lastname": last}
    world.remember(subject, "lead", world.accept(world.driver.server_create("lead", fields, owner=user)))


@then(parsers.parse('"{user}"\'s device holds a case that originates from the appointment "{alias}"'))
def case_on_device(world: World, user: str, alias: str) -> None:
    case = one(device(world, user)("incident"), originatingactivityid=ref("appointment", world.id(alias)))
    world.remember("that case", "incident", str(case["id"]))


@then(parsers.parse('the appointment "{alias}" on "{user}"\'s device is regarding that case'))
def regarding_case(world: World, alias: str, user: str) -> None:
    holds(
        world,
        device(world, user),
        {"regardingobjectid": ref("incident", world.id("that case"))},
        "appointment",
        world.id(alias),
    )


@then(parsers.parse('the server holds a case that originates from the appointment "{alias}"'))
def case_on_server(world: World, alias: str) -> None:
    one(world.driver.server_records("incident"), originatingactivityid=ref("appointment", world.id(alias)))


@when(parsers.parse('"{user}" converts the appointment "{alias}" to a case titled "{title}"'))
def converts_titled(world: World, user: str, alias: str, title: str) -> None:
    fields = {"title": title}
    world.outcome = world.driver.run_command(user, "appointment", "convert_activity_to_case", world.id(alias), fields)


def titled_for(records: Records, world: World, title: str, account: str) -> None:
    """The case remembered as "that case" carries `title` and the named account as its customer."""
    wanted = {"title": title, "customerid": ref("account", world.id(account))}
    holds(world, records, wanted, "incident", world.id("that case"))


@then(parsers.parse('that case on "{user}"\'s device is titled "{title}" for the account "{account}"'))
def case_titled_on_device(world: World, user: str, title: str, account: str) -> None:
    titled_for(device(world, user), world, title, account)


@then(parsers.parse('that case on the server is titled "{title}" for the account "{account}"'))
def case_titled_on_server(world: World, title: str, account: str) -> None:
    titled_for(world.driver.server_records, world, title, account)


def qualified_records(records: Records, account: str, first: str, last: str, opportunity: str) -> None:
    """The account, contact and opportunity a qualification produces, linked together."""
    account_id = one(records("account"), name=account)["id"]
    customer = ref("account", str(account_id))
    contact = one(records("contact"), firstname=first, lastname=last, parentcustomerid=customer)
    contact_ref = ref("contact", str(contact["id"]))
    one(records("opportunity"), name=opportunity, parentcontactid=contact_ref, customerid=customer)


QUALIFIED = 'holds an account "{account}", a contact "{first} {last}" and an opportunity "{opportunity}"'


@then(parsers.parse('"{user}"\'s device ' + QUALIFIED))
def qualified_on_device(world: World, user: str, account: str, first: str, last: str, opportunity: str) -> None:
    qualified_records(device(world, user), account, first, last, opportunity)


@then(parsers.parse("the server " + QUALIFIED))
def qualified_on_server(world: World, account: str, first: str, last: str, opportunity: str) -> None:
    qualified_records(world.driver.server_records, account, first, last, opportunity)


@then(parsers.parse('the opportunity "{name}" on the server originates from the lead "{alias}"'))
def originates_from_lead(world: World, name: str, alias: str) -> None:
    one(world.driver.server_records("opportunity"), name=name, originatingleadid=ref("lead", world.id(alias)))


@then(parsers.parse('the lead "{alias}" on "{user}"\'s device is qualified'))
def lead_qualified(world: World, alias: str, user: str) -> None:
    holds(world, device(world, user), {"statecode": "qualified"}, "lead", world.id(alias))


@when(parsers.parse('"{user}" disqualifies the lead "{alias}" because "{reason}"'))
def disqualifies(world: World, user: str, alias: str, reason: str) -> None:
    world.outcome = world.driver.run_command(user, "lead", "disqualify", world.id(alias), {"reason": reason})


@then(parsers.parse("{where} holds no opportunity"))
def no_opportunity(world: World, where: str) -> None:
    assert records_at(world, where)("opportunity") == []


@given(parsers.parse('"{user}" has disqualified the lead "{alias}" because "{reason}"'))
def has_disqualified(world: World, user: str, alias: str, reason: str) -> None:
    disqualifies(world, user, alias, reason)
    world.accept(world.outcome)


@then(parsers.parse('the lead "{alias}" on the server is still open'))
def lead_open(world: World, alias: str) -> None:
    holds(world, world.driver.server_records, {"statecode": "open", "statusreason": None}, "lead", world.id(alias))


@then(parsers.parse('the lead "{alias}" on "{user}"\'s device is disqualified because "{reason}"'))
def disqualified_on_device(world: World, alias: str, user: str, reason: str) -> None:
    closed = {"statecode": "disqualified", "statusreason": reason}
    holds(world, device(world, user), closed, "lead", world.id(alias))


@then(parsers.parse('the lead "{alias}" on the server is disqualified because "{reason}"'))
def disqualified_on_server(world: World, alias: str, reason: str) -> None:
    closed = {"statecode": "disqualified", "statusreason": reason}
    holds(world, world.driver.server_records, closed, "lead", world.id(alias))


# -- custom ribbon buttons (RIB-01) ---------------------------------------------------------------


@then(parsers.parse('the command bar of the {entity} "{alias}" for "{user}" shows "{command}"'))
def bar_shows(world: World, entity: str, alias: str, user: str, command: str) -> None:
    assert command in world.accept(world.driver.command_bar(user, entity, world.id(alias)))


@then(parsers.parse('the command bar of the {entity} "{alias}" for "{user}" does not show "{command}"'))
def bar_lacks(world: World, entity: str, alias: str, user: str, command: str) -> None:
    bar = world.accept(world.driver.command_bar(user, entity, world.id(alias)))
    assert bar and command not in bar, bar


@then(parsers.parse('"{user}" can press "{label}" on the {entity} "{alias}"'))
def can_press(world: World, user: str, label: str, entity: str, alias: str) -> None:
    world.accept(world.driver.press_ribbon_button(user, entity, world.id(alias), label))


@when(parsers.parse('"{user}" presses "{label}" on the {entity} "{alias}"'))
def presses(world: World, user: str, label: str, entity: str, alias: str) -> None:
    world.outcome = world.driver.press_ribbon_button(user, entity, world.id(alias), label)


@then(parsers.parse('the button press is refused naming "{label}"'))
def press_refused(world: World, label: str) -> None:
    assert label in world.refusal().reason
