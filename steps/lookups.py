"""Steps about lookups and about profiles that hold only some entities (CAP-LK, LIM-VW2, SYN-VW)."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.driver import ProfileDefinition

from .entities import ref
from .fields import listed
from .organization import all_records
from .world import World


def profile_of(user: str, entities: str) -> ProfileDefinition:
    """The "field sales" profile of `user`, downloading all records of the listed entities."""
    return ProfileDefinition("field sales", all_records(listed(entities)), users=[user])


@given(parsers.parse('"{user}"\'s offline profile holds only {entities}'))
def profile_holds(world: World, user: str, entities: str) -> None:
    result = world.driver.publish_profile(profile_of(user, entities))
    assert result.published, result.errors


@when(parsers.parse('the administrator publishes a profile for "{user}" holding only {entities}'))
def publishes(world: World, user: str, entities: str) -> None:
    world.outcome = world.driver.publish_profile(profile_of(user, entities))


@then(parsers.parse("publishing warns that the {lookup} lookup of {entity} is unavailable offline"))
def warns(world: World, lookup: str, entity: str) -> None:
    warnings = world.outcome.warnings
    assert world.outcome.published and any(
        w.claim in world.claims and w.entity == entity and lookup in w.message for w in warnings
    ), warnings


@then(parsers.parse("publishing does not warn about the {lookup} lookup of {entity}"))
def no_warning(world: World, lookup: str, entity: str) -> None:
    assert world.outcome.published
    assert not [w for w in world.outcome.warnings if w.entity == entity and lookup in w.message]


@given(parsers.parse('the {lookup} of the {entity} "{alias}" on the server is the {target} "{other}"'))
def server_lookup(world: World, lookup: str, entity: str, alias: str, target: str, other: str) -> None:
    world.accept(world.driver.server_update(entity, world.id(alias), {lookup: ref(target, world.id(other))}))


@when(parsers.parse('"{user}" sets the {lookup} of the {entity} "{alias}" to the {target} "{other}"'))
def sets_lookup(world: World, user: str, lookup: str, entity: str, alias: str, target: str, other: str) -> None:
    fields = {lookup: ref(target, world.id(other))}
    world.outcome = world.driver.run_command(user, entity, "update", world.id(alias), fields)


@then(parsers.parse('on "{user}"\'s device the {lookup} of the {entity} "{alias}" leads to the {target} "{other}"'))
def resolves(world: World, user: str, lookup: str, entity: str, alias: str, target: str, other: str) -> None:
    looked_up = world.driver.device_record(user, entity, world.id(alias))[lookup]  # type: ignore[index]
    found = world.accept(world.driver.run_command(user, target, "read", looked_up["id"]))
    assert looked_up["entity"] == target and found.record["id"] == world.id(other), found


@then(parsers.parse('on the server the {lookup} of the {entity} "{alias}" is the {target} "{other}"'))
def server_resolves(world: World, lookup: str, entity: str, alias: str, target: str, other: str) -> None:
    record = world.driver.server_record(entity, world.id(alias))
    assert record is not None and record.get(lookup) == ref(target, world.id(other)), record
