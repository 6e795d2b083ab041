"""Steps about malformed input (REL-BAD): values of the wrong type or beyond their column, names and ids that do
not exist, malformed profiles and data sets; each is refused naming what is wrong, and nothing changes."""

from __future__ import annotations

import base64
import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from harness.datagen.dataset import generate, read_lines
from harness.datagen.loader import load
from harness.datagen.spec import DataSetSpec
from harness.driver import (
    DECIMAL_RANGE,
    INTEGER_RANGE,
    MAX_ATTACHMENT_BYTES,
    MAX_TEXT_LENGTH,
    Attachment,
    Attribute,
    AttributeType,
    BusinessRule,
    CommandResult,
    Condition,
    EntityDefinition,
    Fields,
    FormDefinition,
    ProfileAssociation,
    ProfileDefinition,
    ProfileItem,
    ProfileRules,
    PublishResult,
    Refused,
    RuleAction,
    Subgrid,
    Value,
)
from harness.errors import DataSetError

from .world import World

SALESPERSON = "ana"
VISIT = "new_visit"
COLUMNS: dict[str, AttributeType] = {
    "new_text": "string",
    "new_notes": "memo",
    "new_count": "integer",
    "new_amount": "decimal",
    "new_done": "boolean",
    "new_when": "datetime",
    "new_account": "lookup",
    "new_kind": "choice",
}
"""The visit's columns, one of every type (and its name)."""
HELD = ("account", VISIT, "annotation")
FILE = "site-survey.pdf"


def numbers(column: str) -> tuple[int, int]:
    """The smallest and largest number a column holds."""
    return INTEGER_RANGE if COLUMNS[column] == "integer" else DECIMAL_RANGE


def longest(column: str) -> int:
    """The most characters a text column holds."""
    return MAX_TEXT_LENGTH[COLUMNS[column]]


VALUES: dict[str, Callable[[str], Value]] = {
    "text": lambda column: "many",
    "a number": lambda column: 42,
    "a fraction": lambda column: 2.5,
    "true": lambda column: True,
    "a list": lambda column: ["many"],
    "text that is not a date": lambda column: "next Tuesday",
    "a lookup to a contact": lambda column: {"entity": "contact", "id": "no-such-id"},
    "a lookup without an id": lambda column: {"entity": "account"},
    "the longest text it holds": lambda column: "x" * longest(column),
    "text one character longer than it holds": lambda column: "x" * (longest(column) + 1),
    "the largest number it holds": lambda column: numbers(column)[1],
    "the largest number it holds plus one": lambda column: numbers(column)[1] + 1,
    "the smallest number it holds": lambda column: numbers(column)[0],
    "the smallest number it holds minus one": lambda column: numbers(column)[0] - 1,
}
"""The values scenarios write, by how they read, for a column."""


def online(world: World, user: str) -> World:
    """The world, once `user`'s device is online."""
    world.accept(world.driver.go_online(user))
    return world


def imported(fields: Fields) -> list[Fields]:
    """A good visit and one with `fields`, imported together."""
    good = {"id": "imported-good", "ownerid": SALESPERSON, "name": "Good import"}
    return [good, {"id": "imported-bad", "ownerid": SALESPERSON, "name": "Bad import", **fields}]


PATHS: dict[str, Callable[[World, Fields], object]] = {
    '"ana" creates a visit offline': lambda w, f: w.driver.run_command(
        "ana", VISIT, "create", None, {"name": "V", **f}
    ),
    '"ana" updates the visit "First visit" offline': lambda w, f: w.driver.run_command(
        "ana", VISIT, "update", w.id("First visit"), f
    ),
    '"ana" creates a visit online': lambda w, f: online(w, "ana").driver.run_command("ana", VISIT, "create", None, f),
    '"ana" updates the visit "First visit" online': lambda w, f: online(w, "ana").driver.run_command(
        "ana", VISIT, "update", w.id("First visit"), f
    ),
    "the administrator creates a visit": lambda w, f: w.driver.server_create(VISIT, {"name": "V", **f}, owner="ana"),
    'the administrator updates the visit "First visit"': lambda w, f: w.driver.server_update(
        VISIT, w.id("First visit"), f
    ),
    "the administrator imports a visit with a good one": lambda w, f: w.driver.import_records(VISIT, imported(f)),
}
"""Every way a value reaches a column: offline and online commands, the administrator's writes and imports."""


def account_form(**parts: Any) -> FormDefinition:
    """An account form with its name and phone, and the rules or subgrids in `parts`."""
    return FormDefinition("account", "Account", ["name", "telephone1"], **parts)


def a_rule(*, tests: str = "telephone1", sets: str = "telephone1", to: Value = "+47 55 00 00 00") -> list[BusinessRule]:
    """One business rule that sets column `sets` to `to` when column `tests` is empty."""
    return [BusinessRule("Fill in", [Condition(tests, "null")], [RuleAction("set_value", sets, to)])]


FORMS: dict[str, FormDefinition] = {
    'a form for the entity "new_nothing"': FormDefinition("new_nothing", "Main", ["name"]),
    'an account form with the column "new_shoe_size"': FormDefinition("account", "Account", ["name", "new_shoe_size"]),
    'an account form whose rule tests "new_shoe_size"': account_form(rules=a_rule(tests="new_shoe_size")),
    'an account form whose rule sets "new_shoe_size"': account_form(rules=a_rule(sets="new_shoe_size")),
    'an account form whose rule sets "numberofemployees" to text': account_form(rules=a_rule(sets="numberofemployees")),
    'an account form whose rule defaults "numberofemployees" to text': account_form(
        rules=[BusinessRule("Fill in", [], [RuleAction("set_default", "numberofemployees", "many")])]
    ),
    "an account form whose rule tests for the current user": account_form(
        rules=[BusinessRule("Mine", [Condition("ownerid", "eq-userid")], [RuleAction("lock", "telephone1")])]
    ),
    'an account form with a subgrid through "no_such_relationship"': account_form(
        subgrids=[Subgrid("no_such_relationship")]
    ),
    'an account form with a subgrid through "competitor_products"': account_form(
        subgrids=[Subgrid("competitor_products")]
    ),
}
"""Malformed forms, by how a scenario names them."""


def adding(form: FormDefinition) -> Callable[[World, str], object]:
    """The administrator's attempt to add `form`."""
    return lambda w, who: w.driver.add_form(form)


def a_file(size: int) -> Attachment:
    """A file of `size` bytes."""
    return Attachment(FILE, "application/pdf", base64.b64encode(b"%" * size).decode())


ATTEMPTS: dict[str, Callable[[World, str], object]] = {
    'create a record of the entity "new_nothing" offline': lambda w, who: w.driver.run_command(
        who, "new_nothing", "create", None, {"name": "x"}
    ),
    'create a record of the entity "new_nothing" online': lambda w, who: online(w, who).driver.run_command(
        who, "new_nothing", "create", None, {"name": "x"}
    ),
    'create a record of the entity "new_nothing"': lambda w, who: w.driver.server_create("new_nothing", {"name": "x"}),
    'set the column "new_shoe_size" of the visit "First visit"': lambda w, who: w.driver.run_command(
        who, VISIT, "update", w.id("First visit"), {"new_shoe_size": 44}
    ),
    'set the column "createdon" of the visit "First visit"': lambda w, who: w.driver.run_command(
        who, VISIT, "update", w.id("First visit"), {"createdon": "2020-01-01T00:00:00Z"}
    ),
    'update the visit "First visit" naming no column': lambda w, who: w.driver.run_command(
        who, VISIT, "update", w.id("First visit"), {}
    ),
    'secure the column "new_shoe_size" of accounts': lambda w, who: w.driver.secure_field("account", "new_shoe_size"),
    'let "ana" read the account column "telephone1", which is not secured': lambda w, who: w.driver.grant_field_access(
        "ana", "account", "telephone1", read=True, update=False
    ),
    'let "zoe" read the secured account column "revenue"': lambda w, who: w.driver.grant_field_access(
        "zoe", "account", "revenue", read=True, update=False
    ),
    'share the account column "telephone1" of "Fabrikam", which is not secured, with "ana"': lambda w, who: (
        w.driver.share_field("account", w.id("Fabrikam"), "telephone1", "ana", read=True, update=False)
    ),
    'share the secured account column "revenue" of "Fabrikam" with "zoe"': lambda w, who: w.driver.share_field(
        "account", w.id("Fabrikam"), "revenue", "zoe", read=True, update=False
    ),
    'put "zoe" on the team "North"': lambda w, who: w.driver.set_team_members("North", ["ana", "zoe"]),
    'change the members of the team "Night shift"': lambda w, who: w.driver.set_team_members("Night shift", ["ana"]),
    "turn on hierarchy security 0 levels down": lambda w, who: w.driver.set_hierarchy_security(True, 0),
    **{f"add {name}": adding(form) for name, form in FORMS.items()},
    'add a ribbon button to the entity "new_nothing"': lambda w, who: w.driver.add_ribbon_button("new_nothing", "Go"),
    'open a form of the entity "new_nothing"': lambda w, who: w.driver.open_form(who, "new_nothing"),
    'open the form of the account "no-such-id"': lambda w, who: w.driver.open_form(who, "account", "no-such-id"),
    'show the command bar of a record of the entity "new_nothing"': lambda w, who: w.driver.command_bar(
        who, "new_nothing", "no-such-id"
    ),
    'show the command bar of the account "no-such-id"': lambda w, who: w.driver.command_bar(
        who, "account", "no-such-id"
    ),
    'press the ribbon button "Teleport" on the account "Fabrikam"': lambda w, who: w.driver.press_ribbon_button(
        who, "account", w.id("Fabrikam"), "Teleport"
    ),
    "go offline": lambda w, who: w.driver.go_offline(who),
    "sync": lambda w, who: w.driver.sync(who),
    'share the account "Fabrikam" with "zoe"': lambda w, who: w.driver.share_record(
        "account", w.id("Fabrikam"), "zoe", ["read"]
    ),
    'give "ana" the role "Night shift"': lambda w, who: w.driver.assign_role("ana", "Night shift"),
    'run the command "teleport" on the account "Fabrikam"': lambda w, who: w.driver.run_command(
        who,
        "account",
        "teleport",  # type: ignore[arg-type]
        w.id("Fabrikam"),
    ),
    'rename the account "no-such-id" offline': lambda w, who: w.driver.run_command(
        who, "account", "update", "no-such-id", {"name": "x"}
    ),
    'delete the account "no-such-id" offline': lambda w, who: w.driver.run_command(
        who, "account", "delete", "no-such-id"
    ),
    'read the account "no-such-id" offline': lambda w, who: w.driver.run_command(who, "account", "read", "no-such-id"),
    'rename the account "no-such-id" online': lambda w, who: online(w, who).driver.run_command(
        who, "account", "update", "no-such-id", {"name": "x"}
    ),
    'rename the account "no-such-id"': lambda w, who: w.driver.server_update("account", "no-such-id", {"name": "x"}),
    'make the account "no-such-id" a key account offline': lambda w, who: w.driver.run_command(
        who, "account", "update", "no-such-id", {"numberofemployees": 5000}
    ),
    'make the account "no-such-id" a key account online': lambda w, who: online(w, who).driver.run_command(
        who, "account", "update", "no-such-id", {"numberofemployees": 5000}
    ),
    'delete the account "no-such-id"': lambda w, who: w.driver.server_delete("account", "no-such-id"),
    'link the account "Fabrikam" with the competitor "no-such-id"': lambda w, who: w.driver.server_associate(
        "account_competitors", w.id("Fabrikam"), "no-such-id"
    ),
    'link the competitor "no-such-id" with the account "Fabrikam"': lambda w, who: w.driver.server_associate(
        "account_competitors", "no-such-id", w.id("Fabrikam")
    ),
    'add a note to the account "no-such-id" online': lambda w, who: online(w, who).driver.add_note(
        who, "account", "no-such-id", "x"
    ),
    'attach a file to the note "no-such-note"': lambda w, who: w.driver.attach_to_note(who, "no-such-note", a_file(8)),
    'add a note to a record of the entity "new_nothing" offline': lambda w, who: w.driver.add_note(
        who, "new_nothing", "no-such-id", "x"
    ),
    'add a note to a record of the entity "new_nothing" online': lambda w, who: online(w, who).driver.add_note(
        who, "new_nothing", "no-such-id", "x"
    ),
    'read the notes of a record of the entity "new_nothing" offline': lambda w, who: w.driver.notes(
        who, "new_nothing", "no-such-id"
    ),
}
"""Calls naming something that does not exist, by how a scenario says them."""


def the_profile(user: str) -> ProfileDefinition:
    """The profile the Background published for `user`, as the administrator would publish it again."""
    items = [ProfileItem(entity, ProfileRules(all_records=True)) for entity in ("account", VISIT)]
    return ProfileDefinition("field sales", items, users=[user])


def with_items(profile: ProfileDefinition, *items: ProfileItem) -> ProfileDefinition:
    """`profile` with `items` in place of its first item."""
    return dataclasses.replace(profile, items=[*items, *profile.items[1:]])


PROFILE_FAULTS: dict[str, Callable[[ProfileDefinition], ProfileDefinition]] = {
    "with an entity that does not exist": lambda p: with_items(
        p, p.items[0], ProfileItem("new_nothing", ProfileRules(all_records=True))
    ),
    "with account twice": lambda p: with_items(p, p.items[0], p.items[0]),
    "with a sync interval of 0 minutes": lambda p: with_items(
        p, dataclasses.replace(p.items[0], sync_interval_minutes=0)
    ),
    "for a user who does not exist": lambda p: dataclasses.replace(p, users=[*p.users, "zoe"]),
    "for a team that does not exist": lambda p: dataclasses.replace(p, teams=["Night shift"]),
    "for a team that is a user": lambda p: dataclasses.replace(p, teams=p.users),
    "with an association through no relationship": lambda p: dataclasses.replace(
        p, associations=[ProfileAssociation("account", "no_such_relationship")]
    ),
}
"""Ways a profile is malformed, each applied to the profile in force."""


def observed(world: World, user: str) -> tuple[Any, ...]:
    """What a refusal must leave as it was: the server's and `user`'s device's records, her queue and sync errors."""
    driver = world.driver
    held = [(driver.server_records(e), driver.device_records(user, e)) for e in HELD]
    return held, driver.pending_changes(user), driver.sync_errors(user)


def attempt(world: World, call: Callable[[], object]) -> None:
    """Note what stands, then make the call; its outcome is the scenario's."""
    world.before_attempt = {SALESPERSON: observed(world, SALESPERSON)}
    world.outcome = call()


# -- the world --------------------------------------------------------------------------------------------
@given(parsers.parse('the custom entity "{entity}" has a column of every type'))
def every_type(world: World, entity: str) -> None:
    columns = [
        Attribute("name", "string"),
        *(Attribute(n, t, "account" if t == "lookup" else None) for n, t in COLUMNS.items()),
    ]
    world.accept(world.driver.add_custom_entity(EntityDefinition(entity, "user", columns)))
    world.custom_entities.append(entity)


# -- the attempts -----------------------------------------------------------------------------------------
@given(parsers.re(r"(?P<path>.+) with the column (?P<column>\w+) set to (?P<value>.+)$"))
@when(parsers.re(r"(?P<path>.+) with the column (?P<column>\w+) set to (?P<value>.+)$"))
def writes(world: World, path: str, column: str, value: str) -> None:
    attempt(world, lambda: PATHS[path](world, {column: VALUES[value](column)}))
    if isinstance(world.outcome, CommandResult) and world.outcome.record_id:
        world.remember("new visit", VISIT, world.outcome.record_id)


@given(parsers.re(r'(?P<someone>"[^"]+"|the administrator) tries to (?P<what>.+)$'))
@when(parsers.re(r'(?P<someone>"[^"]+"|the administrator) tries to (?P<what>.+)$'))
def tries(world: World, someone: str, what: str) -> None:
    attempt(world, lambda: ATTEMPTS[what](world, someone.strip('"')))


@when(parsers.parse('"{user}" attaches a file {size} to the note "{text}"'))
def attaches_sized(world: World, user: str, size: str, text: str) -> None:
    files = {
        "one byte bigger than a note takes": lambda: a_file(MAX_ATTACHMENT_BYTES + 1),
        "exactly as big as a note takes": lambda: a_file(MAX_ATTACHMENT_BYTES),
        "whose content is not base64": lambda: dataclasses.replace(a_file(0), content_base64="not base64!"),
    }
    attempt(world, lambda: world.driver.attach_to_note(user, world.id(text), files[size]()))


@when(parsers.parse('the administrator publishes the profile of "{user}" again {fault}'))
def publishes_malformed(world: World, user: str, fault: str) -> None:
    attempt(world, lambda: world.driver.publish_profile(PROFILE_FAULTS[fault](the_profile(user))))


# -- what must hold after -----------------------------------------------------------------------------------
@then(parsers.parse("every error of the refusal concerns {entity}"))
def every_error_concerns(world: World, entity: str) -> None:
    errors = [e for e in world.outcome.errors if e.claim in world.claims]
    assert errors and all(e.entity == entity for e in errors), world.outcome


@then(parsers.parse('the input is refused naming "{name}"'))
def input_refused_naming(world: World, name: str) -> None:
    if isinstance(world.outcome, PublishResult):
        errors = [e.message for e in world.outcome.errors if e.claim in world.claims]
        assert not world.outcome.published and any(name in m and "\n" not in m for m in errors), world.outcome
        return
    reason = world.refusal().reason
    assert name in reason and "\n" not in reason, world.outcome


@then(parsers.parse('nothing changed on "{user}"\'s device, in its queue or on the server'))
def nothing_changed(world: World, user: str) -> None:
    before = world.before_attempt[user]
    assert before[0][0][0] and before[1], "the server held no accounts or the queue was empty: nothing could change"
    assert observed(world, user) == before


@then(parsers.parse('the new visit on "{user}"\'s device has {column} set to {value}'))
def device_has(world: World, user: str, column: str, value: str) -> None:
    assert (world.driver.device_record(user, VISIT, world.id("new visit")) or {}).get(column) == VALUES[value](column)


@then(parsers.parse("the new visit on the server has {column} set to {value}"))
def server_has(world: World, column: str, value: str) -> None:
    assert (world.driver.server_record(VISIT, world.id("new visit")) or {}).get(column) == VALUES[value](column)


@then(parsers.parse('the server holds the file whole on the note "{text}" of the account "{alias}"'))
def file_whole(world: World, text: str, alias: str) -> None:
    notes = world.accept(world.driver.notes(SALESPERSON, "account", world.id(alias)))
    assert [a for n in notes if n.text == text for a in n.attachments] == [a_file(MAX_ATTACHMENT_BYTES)]


@then(
    parsers.parse(
        'after "{user}" comes back online and syncs her device holds the account "{name}" and the visit "{alias}"'
    )
)
def still_in_force(world: World, user: str, name: str, alias: str) -> None:
    assert world.accept(online(world, user).driver.sync(user)).completed
    assert [r.get("name") for r in world.driver.device_records(user, "account")] == [name]
    assert [str(r["id"]) for r in world.driver.device_records(user, VISIT)] == [world.id(alias)]


# -- data sets ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def small_data_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small data set generated once per run (2 users, seed 7), for scenarios to spoil copies of."""
    directory = tmp_path_factory.mktemp("small") / "data"
    generate(directory, DataSetSpec(2, records_per_user=30, seed=7))
    return directory


SPOILERS: dict[str, Callable[[bytes], bytes]] = {
    "cut short": lambda content: content[: len(content) // 2],
    "edited": lambda content: content.replace(b'"', b"'", 1),
    "not JSON": lambda content: b"{not json",
}


@given(parsers.parse("a small generated data set whose {file} is {fault}"))
def spoiled(world: World, small_data_set: Path, tmp_path: Path, file: str, fault: str) -> None:
    copy = Path(shutil.copytree(small_data_set, tmp_path / "data"))
    (copy / file).write_bytes(SPOILERS[fault]((copy / file).read_bytes()))
    users = [line["name"] for line in read_lines(small_data_set / "organization.ndjson") if line["kind"] == "user"]
    world.dataset = (copy, {"users": users})


@when("the data set is loaded")
def loads(world: World) -> None:
    try:
        world.outcome = load(world.driver, world.dataset[0])
    except DataSetError as error:
        world.outcome = error


@then(parsers.parse('loading is refused naming "{file}"'))
def loading_refused(world: World, file: str) -> None:
    assert isinstance(world.outcome, DataSetError) and file in str(world.outcome), world.outcome
    assert "\n" not in str(world.outcome), world.outcome


@then("nothing of the data set reached the implementation")
def nothing_loaded(world: World) -> None:
    users = world.dataset[1]["users"]
    assert users and all(isinstance(world.driver.sync(user), Refused) for user in users), users
    assert [r.get("name") for r in world.driver.server_records("account")] == ["Fabrikam"]
    assert world.driver.server_records("contact") == []
