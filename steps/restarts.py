"""Steps about the app being killed and reopened (REL-PERSIST)."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.driver import Refused

from .world import World


@given(parsers.parse('"{user}"\'s app is killed and reopened'))
@when(parsers.parse('"{user}"\'s app is killed and reopened'))
def restarts(world: World, user: str) -> None:
    world.before_restart[user] = (world.driver.device_records(user, "account"), world.driver.pending_changes(user))
    world.accept(world.driver.restart_app(user))


@then(parsers.parse('"{user}"\'s device holds its accounts and its queue as they were before the restart'))
def as_before(world: World, user: str) -> None:
    records, queue = world.before_restart[user]
    assert records and queue, "the device held no accounts or no queue before the restart: nothing to compare"
    assert (world.driver.device_records(user, "account"), world.driver.pending_changes(user)) == (records, queue)


@then(parsers.parse("the new account's id is not one \"{user}\"'s device gave before the restart"))
def new_id(world: World, user: str) -> None:
    records, queue = world.before_restart[user]
    given = {c.record_id for c in queue if c.action == "create"}
    assert given and world.accept(world.outcome).record_id not in given | {str(r["id"]) for r in records}, given


@then(parsers.parse('"{user}"\'s app reopened offline'))
def still_offline(world: World, user: str) -> None:
    refusal = world.driver.sync(user)
    assert isinstance(refusal, Refused) and "offline" in refusal.reason, refusal


@then(parsers.parse('the sync under way on "{user}"\'s device cannot be finished'))
def cannot_finish(world: World, user: str) -> None:
    assert isinstance(world.driver.finish_sync(user), Refused)
