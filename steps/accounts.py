"""Steps about named accounts: what the administrator and the user do to them, and what server and device hold."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.driver import Fields

from .records import names
from .world import World

DESCRIPTION = "Key account in the region; prefers visits on Tuesdays; service contract renewed every spring."


def named(records: list[Fields], name: str) -> list[Fields]:
    """The records called `name`."""
    return [record for record in records if record.get("name") == name]


def sample_accounts(owner: str, count: int) -> list[Fields]:
    """`count` realistic accounts owned by `owner`, each with a stable id."""
    return [
        {
            "id": f"{owner}-acct-{n:06d}",
            "ownerid": owner,
            "name": f"Account {owner} {n:06d}",
            "telephone1": f"+1 555 {n % 10_000:04d}",
            "emailaddress1": f"sales{n}@{owner}.example.com",
            "address1_city": "Springfield",
            "description": DESCRIPTION,
        }
        for n in range(count)
    ]


def create_on_server(world: World, entity: str, name: str, owner: str | None, **columns: object) -> None:
    """Create a named record on the server and remember it by its name."""
    record_id = world.accept(world.driver.server_create(entity, {"name": name, **columns}, owner=owner))
    world.remember(name, entity, record_id)


# -- records on the server ------------------------------------------------------------------------


@given(parsers.parse('an account "{name}" on the server owned by "{owner}"'))
@when(parsers.parse('the administrator creates an account "{name}" owned by "{owner}"'))
def account(world: World, name: str, owner: str) -> None:
    create_on_server(world, "account", name, owner)


@given(parsers.parse('an account "{name}" on the server owned by "{owner}" with revenue {revenue:d}'))
def account_with_revenue(world: World, name: str, owner: str, revenue: int) -> None:
    create_on_server(world, "account", name, owner, revenue=revenue)


@given(parsers.parse('an account "{name}" in {city} on the server owned by "{owner}"'))
def account_in(world: World, name: str, city: str, owner: str) -> None:
    create_on_server(world, "account", name, owner, address1_city=city)


@given(parsers.parse('a {entity} "{name}" on the server'))
def unowned(world: World, entity: str, name: str) -> None:
    create_on_server(world, entity, name, None)


@given("the accounts on the server:")
def accounts_table(world: World, datatable: list[list[str]]) -> None:
    for name, owner in datatable[1:]:
        create_on_server(world, "account", name, owner)


@given(parsers.parse('{count:d} accounts owned by "{owner}" on the server'))
def imports_accounts(world: World, count: int, owner: str) -> None:
    records = sample_accounts(owner, count)
    assert world.accept(world.driver.import_records("account", records)) == count
    world.imported += [str(record["id"]) for record in records]


# -- the administrator's changes ------------------------------------------------------------------


@given(parsers.parse('the administrator renames the {entity} "{alias}" to "{name}"'))
@when(parsers.parse('the administrator renames the {entity} "{alias}" to "{name}"'))
def admin_renames(world: World, entity: str, alias: str, name: str) -> None:
    world.accept(world.driver.server_update(entity, world.id(alias), {"name": name}))


@given(parsers.parse('the administrator changes the phone of the account "{alias}" to "{phone}"'))
@when(parsers.parse('the administrator changes the phone of the account "{alias}" to "{phone}"'))
def admin_phones(world: World, alias: str, phone: str) -> None:
    world.accept(world.driver.server_update("account", world.id(alias), {"telephone1": phone}))


@given(parsers.parse('the administrator moves the account "{alias}" to {city}'))
@when(parsers.parse('the administrator moves the account "{alias}" to {city}'))
def admin_moves(world: World, alias: str, city: str) -> None:
    world.accept(world.driver.server_update("account", world.id(alias), {"address1_city": city}))


@given(parsers.parse('the administrator deletes the {entity:w} "{alias}"'))
@when(parsers.parse('the administrator deletes the {entity:w} "{alias}"'))
def admin_deletes(world: World, entity: str, alias: str) -> None:
    world.accept(world.driver.server_delete(entity, world.id(alias)))


@given(parsers.parse("the administrator changes {count:d} of the accounts"))
def admin_changes_some(world: World, count: int) -> None:
    for record_id in world.imported[:count]:
        world.accept(world.driver.server_update("account", record_id, {"telephone1": "+1 555 9999"}))


# -- the user's changes ---------------------------------------------------------------------------


@when(parsers.parse('"{user}" renames the account "{alias}" to "{name}"'))
def renames(world: World, user: str, alias: str, name: str) -> None:
    world.outcome = world.driver.run_command(user, "account", "update", world.id(alias), {"name": name})


@given(parsers.parse('"{user}" has renamed the account "{alias}" to "{name}"'))
def has_renamed(world: World, user: str, alias: str, name: str) -> None:
    world.accept(world.driver.run_command(user, "account", "update", world.id(alias), {"name": name}))


@given(parsers.parse('"{user}" has changed the phone of the account "{alias}" to "{phone}"'))
def has_phoned(world: World, user: str, alias: str, phone: str) -> None:
    world.accept(world.driver.run_command(user, "account", "update", world.id(alias), {"telephone1": phone}))


@when(parsers.parse('"{user}" creates an account "{name}"'))
def creates_account(world: World, user: str, name: str) -> None:
    world.outcome = world.driver.run_command(user, "account", "create", None, {"name": name})
    if world.outcome.record_id:
        world.remember(name, "account", world.outcome.record_id)


@when(parsers.parse('"{user}" creates an account "{name}" with {column} {value:d}'))
def creates_account_with(world: World, user: str, name: str, column: str, value: int) -> None:
    world.outcome = world.driver.run_command(user, "account", "create", None, {"name": name, column: value})


@given(parsers.parse('"{user}" has created {count:d} accounts'))
def has_created_many(world: World, user: str, count: int) -> None:
    for number in range(count):
        world.accept(world.driver.run_command(user, "account", "create", None, {"name": f"Prospect {number}"}))


@given(parsers.parse('"{user}" has created {count:d} accounts with a {size:d}-character description'))
def has_created_many_described(world: World, user: str, count: int, size: int) -> None:
    for number in range(count):
        fields = {"name": f"Prospect {number}", "description": "d" * size}
        world.accept(world.driver.run_command(user, "account", "create", None, fields))


@given(parsers.parse('"{user}" has renamed {count:d} of the accounts'))
def has_renamed_many(world: World, user: str, count: int) -> None:
    for number, record_id in enumerate(world.imported[:count]):
        world.accept(world.driver.run_command(user, "account", "update", record_id, {"name": f"Renamed {number}"}))


@given(parsers.parse('"{user}" has deleted {count:d} of the accounts'))
def has_deleted_many(world: World, user: str, count: int) -> None:
    for record_id in world.imported[:count]:
        world.accept(world.driver.run_command(user, "account", "delete", record_id))


@given(parsers.parse('"{user}" has created an account "{name}"'))
def has_created(world: World, user: str, name: str) -> None:
    creates_account(world, user, name)
    world.accept(world.outcome)


@when(parsers.parse('"{user}" sets the {column} of the account "{alias}" to {value:d}'))
def sets_number(world: World, user: str, column: str, alias: str, value: int) -> None:
    world.outcome = world.driver.run_command(user, "account", "update", world.id(alias), {column: value})


@when(parsers.parse('"{user}" reads the account "{alias}" online'))
def reads_online(world: World, user: str, alias: str) -> None:
    world.accept(world.driver.go_online(user))
    world.outcome = world.accept(world.driver.run_command(user, "account", "read", world.id(alias)))


@then(parsers.parse('she reads the {entity} "{alias}" named "{name}"'))
def reads_named(world: World, entity: str, alias: str, name: str) -> None:
    result = world.accept(world.outcome)
    assert (result.entity, result.record_id) == (entity, world.id(alias)), result
    assert result.record is not None and result.record.get("name") == name, result


@then(parsers.parse("she sees a revenue of {value:d}"))
def sees_revenue(world: World, value: int) -> None:
    assert world.outcome.record["revenue"] == value, world.outcome.record


@then("the change is saved")
def saved(world: World) -> None:
    world.accept(world.outcome)


# -- what the server and the device hold ----------------------------------------------------------


@then(parsers.parse('"{user}"\'s device shows the {entity} "{alias}" named "{name}"'))
def device_shows(world: World, user: str, entity: str, alias: str, name: str) -> None:
    record = world.driver.device_record(user, entity, world.id(alias))
    assert record is not None and record.get("name") == name, record


@then(parsers.parse('the server shows the {entity} "{alias}" named "{name}"'))
def server_shows(world: World, entity: str, alias: str, name: str) -> None:
    record = world.driver.server_record(entity, world.id(alias))
    assert record is not None and record.get("name") == name, record


@then(parsers.parse('the server shows the phone "{phone}" on the account "{alias}"'))
def server_phone(world: World, phone: str, alias: str) -> None:
    assert (world.driver.server_record("account", world.id(alias)) or {}).get("telephone1") == phone


@then(parsers.parse('"{user}"\'s device shows the phone "{phone}" on the account "{alias}"'))
def device_phone(world: World, user: str, phone: str, alias: str) -> None:
    assert (world.driver.device_record(user, "account", world.id(alias)) or {}).get("telephone1") == phone


@then(parsers.parse('the server shows a revenue of {value:d} on the account "{alias}"'))
def server_revenue(world: World, value: int, alias: str) -> None:
    assert (world.driver.server_record("account", world.id(alias)) or {}).get("revenue") == value


@then(parsers.parse('"{user}"\'s device holds exactly the accounts {listed}'))
def device_holds_exactly(world: World, user: str, listed: str) -> None:
    held = sorted(str(r.get("name")) for r in world.driver.device_records(user, "account"))
    assert held == sorted(names(listed)), held


@then(parsers.parse('"{user}"\'s device holds no accounts'))
def device_holds_none(world: World, user: str) -> None:
    world.has_synced(user)
    assert world.driver.device_records(user, "account") == []


@then(parsers.parse('"{user}"\'s device holds no account named "{name}"'))
def device_lacks(world: World, user: str, name: str) -> None:
    world.has_synced(user)
    assert named(world.driver.device_records(user, "account"), name) == []


@then(parsers.parse('"{user}"\'s device holds exactly one account named "{name}"'))
def device_has_one(world: World, user: str, name: str) -> None:
    assert len(named(world.driver.device_records(user, "account"), name)) == 1


@then(parsers.parse('the server holds no account named "{name}"'))
def server_lacks(world: World, name: str) -> None:
    world.has_synced()
    assert named(world.driver.server_records("account"), name) == []


@then(parsers.parse('the server holds exactly one account named "{name}"'))
def server_has_one(world: World, name: str) -> None:
    assert len(named(world.driver.server_records("account"), name)) == 1


@then(parsers.parse('"{user}"\'s device holds the account "{alias}" without its {column}'))
def device_without(world: World, user: str, alias: str, column: str) -> None:
    record = world.driver.device_record(user, "account", world.id(alias))
    assert record is not None and record.get(column) is None, record


@then(parsers.parse("every account on \"{user}\"'s device has the server's values"))
def device_matches_server(world: World, user: str) -> None:
    compare_with_server(world, user, set())


@then(parsers.parse("every account on \"{user}\"'s device has the server's values but its secured {column}"))
def device_matches_server_but(world: World, user: str, column: str) -> None:
    compare_with_server(world, user, {column})


def compare_with_server(world: World, user: str, hidden: set[str]) -> None:
    """Every account on the device has the server's values, but the `hidden` columns; there is at least one."""
    held = world.driver.device_records(user, "account")
    assert held, f"{user}'s device holds no accounts: there is nothing to compare"
    for record in held:
        server = world.driver.server_record("account", str(record["id"])) or {}
        assert record == {k: v for k, v in server.items() if k not in hidden}, (record, server)
