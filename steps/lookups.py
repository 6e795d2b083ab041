"""Steps about lookups and about profiles that hold only some entities (CAP-LK, LIM-VW2, SYN-VW)."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, then, when

from harness.driver import Finding, ProfileDefinition, Refused

from .entities import ref
from .fields import listed
from .organization import all_records
from .samples import named_record
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


def names_lookup(warning: Finding, lookup: str, entity: str) -> bool:
    """Whether a publish warning is about the lookup column `lookup` of `entity` (the whole word)."""
    return warning.entity == entity and re.search(rf"\b{re.escape(lookup)}\b", warning.message) is not None


def lookup_warnings(world: World) -> list[Finding]:
    """The last publish's warnings under the scenario's claims, each stating its limit (the publish went through)."""
    assert world.outcome.published, world.outcome.errors
    found = [w for w in world.outcome.warnings if w.claim in world.claims]
    assert all(w.limit and w.limit.strip() for w in found), f"a warning states no limit: {found}"
    return found


@then(parsers.parse("publishing warns that the {lookup} lookup of {entity} is unavailable offline"))
def warns(world: World, lookup: str, entity: str) -> None:
    assert [w for w in lookup_warnings(world) if names_lookup(w, lookup, entity)], world.outcome.warnings


@then(parsers.parse("publishing warns that exactly these lookups are unavailable offline: {lookups}"))
def warns_exactly(world: World, lookups: str) -> None:
    expected = [tuple(named.split(" of ")) for named in listed(lookups)]
    warnings = lookup_warnings(world)
    assert len(warnings) == len(expected), warnings
    assert all(len([w for w in warnings if names_lookup(w, *pair)]) == 1 for pair in expected), warnings


@then(parsers.parse("publishing does not warn about the {lookup} lookup of {entity}"))
def no_warning(world: World, lookup: str, entity: str) -> None:
    warnings = lookup_warnings(world)
    assert warnings and not [w for w in warnings if names_lookup(w, lookup, entity)], warnings


@given(parsers.parse('the {lookup} of the {entity} "{alias}" on the server is the {target} "{other}"'))
@when(parsers.parse('the administrator points the {lookup} of the {entity} "{alias}" to the {target} "{other}"'))
def server_lookup(world: World, lookup: str, entity: str, alias: str, target: str, other: str) -> None:
    world.accept(world.driver.server_update(entity, world.id(alias), {lookup: ref(target, world.id(other))}))


@when(parsers.parse('"{user}" clears the {lookup} of the {entity} "{alias}"'))
def clears_lookup(world: World, user: str, lookup: str, entity: str, alias: str) -> None:
    world.outcome = world.driver.run_command(user, entity, "update", world.id(alias), {lookup: None})


@when(parsers.parse('"{user}" creates a {entity} "{alias}" that looks up the {target} "{other}" in {lookup}'))
def creates_looking_up(world: World, user: str, entity: str, alias: str, target: str, other: str, lookup: str) -> None:
    fields = {**named_record(entity, alias), lookup: ref(target, world.id(other))}
    world.outcome = world.driver.run_command(user, entity, "create", None, fields)
    if not isinstance(world.outcome, Refused):
        world.remember(alias, entity, world.outcome.record_id)


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
