"""Steps that act on a user's device: connectivity, sync, commands, and what the device holds."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, then, when

from harness.driver import COMMANDS, Fields

from .samples import CUSTOM_ENTITY_COMMANDS, OFFLINE_COMMANDS, command_fields
from .world import World


@given(parsers.parse('"{user}" has synced her device'))
def has_synced(world: World, user: str) -> None:
    world.reports.append(world.accept(world.driver.sync(user)))
    assert world.reports[-1].completed


@given(parsers.parse('"{user}" has synced her device and gone offline'))
def synced_and_offline(world: World, user: str) -> None:
    has_synced(world, user)
    world.accept(world.driver.go_offline(user))


@given(parsers.parse('"{user}" goes offline'))
@when(parsers.parse('"{user}" goes offline'))
def goes_offline(world: World, user: str) -> None:
    world.accept(world.driver.go_offline(user))


@given(parsers.parse('"{user}" comes back online and syncs'))
@when(parsers.parse('"{user}" comes back online and syncs'))
def back_online(world: World, user: str) -> None:
    world.accept(world.driver.go_online(user))
    has_synced(world, user)


@when(parsers.parse('"{user}" runs {command} on the {entity} "{alias}"'))
def runs(world: World, user: str, command: str, entity: str, alias: str) -> None:
    record_id = None if command == "create" else world.id_or_none(alias)
    world.outcome = world.driver.run_command(user, entity, command, record_id, command_fields(entity, command))  # type: ignore[arg-type]


@given(parsers.parse('"{user}" has run {command} on the {entity} "{alias}"'))
def has_run(world: World, user: str, command: str, entity: str, alias: str) -> None:
    runs(world, user, command, entity, alias)
    world.accept(world.outcome)


@then("the command succeeds on the device")
def succeeds(world: World) -> None:
    world.accept(world.outcome)


@then(parsers.parse("the command is refused naming {entity} and {command}"))
def refused_naming(world: World, entity: str, command: str) -> None:
    refusal = world.refusal()
    assert refusal.entity == entity and entity in refusal.reason and command in refusal.reason, refusal


@then(parsers.parse("the refusal names the commands the table allows on {entity} offline"))
def refusal_names_allowed(world: World, entity: str) -> None:
    named = set(re.findall(r"[a-z_]+", world.refusal().limit or "")) & set(COMMANDS)
    assert named == set(OFFLINE_COMMANDS.get(entity, CUSTOM_ENTITY_COMMANDS)), world.outcome


@then(parsers.parse('nothing waits to sync on "{user}"\'s device'))
def nothing_queued(world: World, user: str) -> None:
    assert world.driver.pending_changes(user) == []


@then(parsers.parse('{count:d} changes wait to sync on "{user}"\'s device'))
@then(parsers.parse('{count:d} change waits to sync on "{user}"\'s device'))
def changes_queued(world: World, count: int, user: str) -> None:
    assert len(world.driver.pending_changes(user)) == count


@then(parsers.parse('the change waiting on "{user}"\'s device is the {command} of the {entity} "{alias}"'))
def waiting_change(world: World, user: str, command: str, entity: str, alias: str) -> None:
    changes = world.driver.pending_changes(user)
    assert len(changes) == 1 and (changes[0].action, changes[0].entity) == (command, entity), changes
    assert changes[0].record_id == world.id_or_none(alias) or command == "create", changes
    assert world.driver.device_record(user, entity, changes[0].record_id) is not None or command == "delete"


@then(parsers.parse('"{user}"\'s device holds the same {entity} records as the server'))
def same_as_server(world: World, user: str, entity: str) -> None:
    server = world.driver.server_records(entity)
    assert server, f"the server holds no {entity} records: there is nothing to compare"
    assert world.driver.device_records(user, entity) == server


@then(parsers.parse('after "{user}" syncs her device holds no {entity} records'))
def holds_none_after_sync(world: World, user: str, entity: str) -> None:
    assert world.driver.server_records(entity), f"the server holds no {entity} records to keep off the device"
    assert world.accept(world.driver.sync(user)).completed
    assert world.driver.device_records(user, entity) == []


@then(parsers.parse('"{user}"\'s device shows the {entity} "{alias}" changed now'))
def changed_now(world: World, user: str, entity: str, alias: str) -> None:
    record = world.driver.device_record(user, entity, world.id(alias)) or {}
    assert record.get("modifiedon") == world.driver.now() and record["createdon"] < record["modifiedon"], record


def made_by_now(world: World, record: Fields | None, owner: str) -> None:
    """The record is owned by `owner` and was created, and last changed, at the simulated clock's now."""
    record, now = record or {}, world.driver.now()
    assert (record.get("ownerid"), record.get("createdon"), record.get("modifiedon")) == (owner, now, now), record


@then(parsers.parse('"{user}"\'s device shows the new {entity} made by "{owner}" now'))
def made_now(world: World, user: str, entity: str, owner: str) -> None:
    made_by_now(world, world.driver.device_record(user, entity, world.outcome.record_id), owner)


@then(parsers.parse('the server shows the new {entity} made by "{owner}" now'))
def made_now_on_server(world: World, entity: str, owner: str) -> None:
    made_by_now(world, world.driver.server_record(entity, world.outcome.record_id), owner)
