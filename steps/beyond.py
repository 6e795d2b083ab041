"""Steps about the guarantees beyond the page: sync errors and retries, offline ids, sequence numbers."""

from __future__ import annotations

from datetime import datetime, timedelta

from pytest_bdd import parsers, then, when

from harness.driver import SyncError

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
    assert world.driver.sync_errors(user) == []


@then(parsers.parse('"{user}" sees a {kind} error for the {action} of the {entity} "{alias}"'))
def sees_error(world: World, user: str, kind: str, action: str, entity: str, alias: str) -> None:
    error = only_error(world, user)
    assert (error.type, error.action, error.entity, error.record_id) == (kind, action, entity, world.id(alias)), error
    world.outcome = error


@then("the sync error says when it happened and why")
def error_when_and_why(world: World) -> None:
    error, cycle = world.outcome, world.reports[-1]
    started = instant(cycle.started)
    assert started <= instant(error.time) <= started + timedelta(seconds=cycle.duration_seconds + 1), error
    assert error.message.strip(), error


@when(parsers.parse('"{user}" retries the sync error'))
def retries(world: World, user: str) -> None:
    world.accept(world.driver.retry_sync_error(user, only_error(world, user).id))


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


@then("the server holds the new account under the same id")
def same_id_on_server(world: World) -> None:
    assert world.driver.server_record("account", world.outcome.record_id) is not None


@then("the server holds every record the qualification created under the id the device gave it")
def created_ids_kept(world: World) -> None:
    created = world.accept(world.outcome).created
    assert len(created) == 3 and all(world.driver.server_record(r.entity, r.id) for r in created), created


@then(parsers.parse('the changes waiting on "{user}"\'s device are numbered one after the other'))
def numbered(world: World, user: str) -> None:
    numbers = [change.seq for change in world.driver.pending_changes(user)]
    assert len(numbers) > 1 and numbers == list(range(numbers[0], numbers[0] + len(numbers))), numbers
