"""Steps about the guarantees beyond the page: sync errors and retries, offline ids, sequence numbers."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from pytest_bdd import parsers, then, when

from harness.driver import SyncError, SyncReport

from .fields import value
from .world import World


def only_error(world: World, user: str) -> SyncError:
    """The one sync error `user` sees."""
    errors = world.driver.sync_errors(user)
    assert len(errors) == 1, errors
    return errors[0]


def instant(text: str) -> datetime:
    """A seam time."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@then(parsers.parse('"{user}" sees no sync errors'))
def no_errors(world: World, user: str) -> None:
    world.has_synced(user)
    assert world.driver.sync_errors(user) == []


@then(parsers.parse('"{user}" sees a {kind} error for the {action} of the {entity} "{alias}"'))
def sees_error(world: World, user: str, kind: str, action: str, entity: str, alias: str) -> None:
    error = only_error(world, user)
    assert (error.type, error.action, error.entity, error.record_id) == (kind, action, entity, world.id(alias)), error
    world.outcome = error


def happened_during(error: SyncError, cycle: SyncReport) -> None:
    """The error's time falls within the cycle that rejected its change, and it says why."""
    started = instant(cycle.started)
    assert started <= instant(error.time) <= started + timedelta(seconds=cycle.duration_seconds + 1), (error, cycle)
    assert error.message.strip(), error


@then("the sync error says when it happened and why")
def error_when_and_why(world: World) -> None:
    happened_during(world.outcome, world.reports[-1])


def listed_errors(world: World, user: str, listed: str) -> list[SyncError]:
    """The user's sync errors, which must be the changes `listed` (the update of the account "X" and ...) in that
    order, each with an id of its own."""
    wanted = [(a, e, world.id(alias)) for a, e, alias in re.findall(r'the (\w+) of the (\w+) "([^"]+)"', listed)]
    errors = world.driver.sync_errors(user)
    assert [(e.action, e.entity, e.record_id) for e in errors] == wanted, errors
    assert len({e.id for e in errors}) == len(errors), errors
    return errors


@then(parsers.re(r'"(?P<user>[^"]+)"\'s sync errors, oldest first, are (?P<listed>.+), each from its own sync$'))
def errors_in_order(world: World, user: str, listed: str) -> None:
    errors = listed_errors(world, user, listed)
    for error, cycle in zip(errors, world.reports_of(user)[-len(errors) :], strict=True):
        happened_during(error, cycle)


@then(
    parsers.re(
        r'"(?P<user>[^"]+)"\'s sync errors, in the order of her changes, are (?P<listed>.+), all from her last sync$'
    )
)
def errors_of_last_sync(world: World, user: str, listed: str) -> None:
    for error in listed_errors(world, user, listed):
        happened_during(error, world.reports_of(user)[-1])


@when(parsers.parse('"{user}" retries the sync error'))
def retries(world: World, user: str) -> None:
    world.outcome = only_error(world, user)
    world.accept(world.driver.retry_sync_error(user, world.outcome.id))


@when(parsers.parse('"{user}" retries the sync error for the {action} of the {entity} "{alias}"'))
def retries_one(world: World, user: str, action: str, entity: str, alias: str) -> None:
    wanted, errors = (action, entity, world.id(alias)), world.driver.sync_errors(user)
    found = [e for e in errors if (e.action, e.entity, e.record_id) == wanted]
    assert len(found) == 1, errors
    world.accept(world.driver.retry_sync_error(user, found[0].id))


@when(parsers.parse('"{user}" retries the same sync error again'))
def retries_again(world: World, user: str) -> None:
    assert isinstance(world.outcome, SyncError), f"no sync error was retried: {world.outcome!r}"
    world.outcome = world.driver.retry_sync_error(user, world.outcome.id)


@when(parsers.parse('"{user}" retries a sync error that does not exist'))
def retries_unknown(world: World, user: str) -> None:
    world.outcome = world.driver.retry_sync_error(user, "no-such-error")


@then("the retry is refused")
def retry_refused(world: World) -> None:
    world.refusal()


@then(parsers.parse('the new account has an id on "{user}"\'s device before any sync'))
def id_on_device(world: World, user: str) -> None:
    record_id = world.accept(world.outcome).record_id
    assert record_id and world.driver.device_record(user, "account", record_id) is not None


@then(parsers.parse("the server holds the new {entity} under the same id"))
def same_id_on_server(world: World, entity: str) -> None:
    created = world.accept(world.outcome)
    assert created.entity == entity and world.driver.server_record(entity, created.record_id) is not None, created


@then("the server holds every record the qualification created under the id the device gave it")
def created_ids_kept(world: World) -> None:
    created = world.accept(world.outcome).created
    assert len(created) == 3 and all(world.driver.server_record(r.entity, r.id) for r in created), created


@then(parsers.parse('the changes waiting on "{user}"\'s device are numbered one after the other'))
def numbered(world: World, user: str) -> None:
    numbers = [change.seq for change in world.driver.pending_changes(user)]
    assert len(numbers) > 1 and numbers == list(range(numbers[0], numbers[0] + len(numbers))), numbers


@then(parsers.parse('the changes waiting on "{user}"\'s device are, in order:'))
def queue_holds(world: World, user: str, datatable: list[list[str]]) -> None:
    queued = [(c.action, c.entity, c.record_id, c.fields.get("name")) for c in world.driver.pending_changes(user)]
    wanted = [(action, entity, world.id(alias), value(name)) for action, entity, alias, name in datatable[1:]]
    assert queued == wanted, queued
