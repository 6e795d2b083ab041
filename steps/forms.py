"""Steps about forms: records with chosen values, saves, and what a form shows once its business rules ran."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.driver import BusinessRule, Condition, FieldState, FormDefinition, Refused, RuleAction

from .fields import column, fields_of, value
from .samples import new_record
from .world import World

KEY_ACCOUNT = 1000
KEY_ACCOUNT_FORM = FormDefinition(
    "account",
    "Account",
    ["name", "numberofemployees", "telephone1", "emailaddress1", "address1_city", "revenue", "description"],
    rules=[
        BusinessRule(
            "Key accounts need a phone",
            [Condition("numberofemployees", "ge", KEY_ACCOUNT), Condition("telephone1", "null")],
            [RuleAction("show_error", "telephone1", message="A key account needs a main phone number")],
        ),
        BusinessRule(
            "Key accounts are flagged",
            [Condition("numberofemployees", "ge", KEY_ACCOUNT)],
            [
                RuleAction("set_value", "description", "Key account"),
                RuleAction("set_required", "emailaddress1"),
                RuleAction("lock", "revenue"),
            ],
            otherwise=[RuleAction("unlock", "revenue")],
        ),
        BusinessRule(
            "Small accounts keep revenue private",
            [Condition("numberofemployees", "lt", 10)],
            [RuleAction("hide", "revenue")],
            otherwise=[RuleAction("show", "revenue")],
        ),
        BusinessRule("New accounts are in Oslo", [], [RuleAction("set_default", "address1_city", "Oslo")]),
    ],
)
FLAGS = {
    "visible": ("visible", True),
    "hidden": ("visible", False),
    "locked": ("locked", True),
    "editable": ("locked", False),
    "required": ("required", True),
    "optional": ("required", False),
}


@given("the account form carries the key-account business rules")
def key_account_rules(world: World) -> None:
    world.accept(world.driver.add_form(KEY_ACCOUNT_FORM))


@given(parsers.parse('a {entity} record "{alias}" on the server owned by "{user}" with:'))
def server_record_with(world: World, entity: str, alias: str, user: str, datatable: list[list[str]]) -> None:
    record = {**new_record(entity), **fields_of(datatable)}
    world.remember(alias, entity, world.accept(world.driver.server_create(entity, record, owner=user)))


@when(parsers.parse('"{user}" saves the {entity} "{alias}" with:'))
def saves(world: World, user: str, entity: str, alias: str, datatable: list[list[str]]) -> None:
    world.outcome = world.driver.run_command(user, entity, "update", world.id(alias), fields_of(datatable))


@when(parsers.parse('the administrator saves the {entity} "{alias}" with:'))
def admin_saves(world: World, entity: str, alias: str, datatable: list[list[str]]) -> None:
    world.accept(world.driver.server_update(entity, world.id(alias), fields_of(datatable)))


@then(parsers.parse('the one change waiting on "{user}"\'s device sets only the {label}'))
def sets_only(world: World, user: str, label: str) -> None:
    queued = world.driver.pending_changes(user)
    assert [sorted(change.fields) for change in queued] == [[column(label)]], queued


@given(parsers.parse('"{user}" has saved the {entity} "{alias}" with:'))
def has_saved(world: World, user: str, entity: str, alias: str, datatable: list[list[str]]) -> None:
    world.accept(world.driver.run_command(user, entity, "update", world.id(alias), fields_of(datatable)))


@when(parsers.parse('"{user}" creates a {entity} "{alias}" with:'))
def creates_with(world: World, user: str, entity: str, alias: str, datatable: list[list[str]]) -> None:
    world.outcome = world.driver.run_command(user, entity, "create", None, fields_of(datatable))
    if not isinstance(world.outcome, Refused):
        world.remember(alias, entity, world.outcome.record_id)


@then(parsers.parse('on "{user}"\'s device the {entity} "{alias}" has the {label} "{text}"'))
def device_value(world: World, user: str, entity: str, alias: str, label: str, text: str) -> None:
    record = world.driver.device_record(user, entity, world.id(alias))
    assert record is not None and record.get(column(label)) == value(text), record


@then(parsers.parse('on the server the {entity} "{alias}" has the {label} "{text}"'))
def server_value(world: World, entity: str, alias: str, label: str, text: str) -> None:
    record = world.driver.server_record(entity, world.id(alias))
    assert record is not None and record.get(column(label)) == value(text), record


@then(parsers.parse('"{user}"\'s device still holds the {entity} "{alias}" as the server does'))
def unchanged(world: World, user: str, entity: str, alias: str) -> None:
    server = world.driver.server_record(entity, world.id(alias))
    assert server is not None and world.driver.device_record(user, entity, world.id(alias)) == server, server


def form_field(world: World, user: str, entity: str, alias: str | None, label: str) -> FieldState:
    """A field of the form of a named record (None: of a new record), as the user sees it."""
    form = world.accept(world.driver.open_form(user, entity, world.id(alias) if alias else None))
    found: list[FieldState] = [f for f in form.fields if f.name == column(label)]
    assert found, f"no {label} field on {form}"
    world.observed.add(("form read", form.entity, str(form.record_id)))
    return found[0]


@then(parsers.parse('the {label} field is {state} on the form of the {entity} "{alias}" for "{user}"'))
def field_flag(world: World, label: str, state: str, entity: str, alias: str, user: str) -> None:
    flag, expected = FLAGS[state]
    assert getattr(form_field(world, user, entity, alias, label), flag) is expected


@then(parsers.parse('the {label} field holds "{text}" on the form of the {entity} "{alias}" for "{user}"'))
def field_value(world: World, label: str, text: str, entity: str, alias: str, user: str) -> None:
    assert form_field(world, user, entity, alias, label).value == value(text)


@then(parsers.parse('the {label} field holds "{text}" on a new {entity} form for "{user}"'))
def new_form_value(world: World, label: str, text: str, entity: str, user: str) -> None:
    assert form_field(world, user, entity, None, label).value == value(text)


@then(parsers.parse('the form of the {entity} "{alias}" for "{user}" warns "{message}"'))
def form_warns(world: World, entity: str, alias: str, user: str, message: str) -> None:
    assert message in world.accept(world.driver.open_form(user, entity, world.id(alias))).errors


@then(parsers.parse('the form of the {entity} "{alias}" for "{user}" shows no warning'))
def form_calm(world: World, entity: str, alias: str, user: str) -> None:
    assert ("form read", entity, world.id(alias)) in world.observed, "no rule's effect was seen on this form yet"
    assert world.accept(world.driver.open_form(user, entity, world.id(alias))).errors == []


@when(parsers.parse('"{user}" opens a new {entity} form'))
def opens_new_form(world: World, user: str, entity: str) -> None:
    world.outcome = world.driver.open_form(user, entity)


@then(parsers.parse("the {entity} form opens"))
def form_opens(world: World, entity: str) -> None:
    assert world.accept(world.outcome).entity == entity, world.outcome
