"""Steps that set up and change the security model: business units, users, roles, teams, sharing, field security."""

from __future__ import annotations

import re
from typing import cast

from pytest_bdd import given, parsers, then, when

from harness.driver import ACCESS_RIGHTS, Access, Depth, Privilege, Refused

from .records import names
from .world import World

DEPTHS: dict[str, Depth] = {
    "user": "user",
    "business unit": "business_unit",
    "parent-child business unit": "parent_child",
    "organization": "organization",
}


def rights(text: str) -> list[Access]:
    """Access rights from a phrase like 'read, write and create'."""
    listed = re.split(r", | and ", text)
    assert all(name in ACCESS_RIGHTS for name in listed), f"unknown access right in {text!r}"
    return cast(list[Access], listed)


def grant(world: World, user: str, accesses: list[Access], entity: str, depth: Depth) -> None:
    """Give `user` these rights at `depth` (replacing the depth of a right she had) through her own role."""
    kept = [p for p in world.privileges.get(user, []) if (p.entity, p.access) not in {(entity, a) for a in accesses}]
    world.privileges[user] = kept + [Privilege(entity, access, depth) for access in accesses]
    world.accept(world.driver.define_role(f"{user}'s role", world.privileges[user]))
    world.accept(world.driver.assign_role(user, f"{user}'s role"))


def set_members(world: World, team: str, members: list[str]) -> None:
    """Replace a team's members."""
    world.teams[team] = members
    world.accept(world.driver.set_team_members(team, members))


# -- the organization -----------------------------------------------------------------------------


@given("the business units:")
def business_units(world: World, datatable: list[list[str]]) -> None:
    for name, parent in datatable[1:]:
        world.accept(world.driver.add_business_unit(name, parent or None))


@given("the users:")
def users(world: World, datatable: list[list[str]]) -> None:
    for name, unit, manager in datatable[1:]:
        world.accept(world.driver.add_user(name, unit, manager or None))


@given(parsers.parse('the team "{team}" in "{unit}" with {members}'))
def team_in_unit(world: World, team: str, unit: str, members: str) -> None:
    world.teams[team] = names(members)
    world.accept(world.driver.add_team(team, unit, names(members)))


@when(parsers.parse('the administrator adds "{user}" to the team "{team}"'))
def joins(world: World, user: str, team: str) -> None:
    set_members(world, team, [*world.teams[team], user])


@given(parsers.parse('the administrator removes "{user}" from the team "{team}"'))
@when(parsers.parse('the administrator removes "{user}" from the team "{team}"'))
def leaves(world: World, user: str, team: str) -> None:
    set_members(world, team, [member for member in world.teams[team] if member != user])


@given(parsers.parse('the {column} of the {entity:w} "{alias}" is the team "{team}"'))
def team_in_column(world: World, column: str, entity: str, alias: str, team: str) -> None:
    world.accept(world.driver.server_update(entity, world.id(alias), {column: {"entity": "team", "id": team}}))


# -- privileges -----------------------------------------------------------------------------------


@given(parsers.parse('"{user}" may {accesses} {entity:w} records at {depth} level'))
def may(world: World, user: str, accesses: str, entity: str, depth: str) -> None:
    grant(world, user, rights(accesses), entity, DEPTHS[depth])


@given(parsers.parse('the administrator lets "{user}" {accesses} {entity:w} records at {depth} level'))
@when(parsers.parse('the administrator lets "{user}" {accesses} {entity:w} records at {depth} level'))
def lets(world: World, user: str, accesses: str, entity: str, depth: str) -> None:
    grant(world, user, rights(accesses), entity, DEPTHS[depth])


@given(
    parsers.parse(
        '"{user}" has the role "{role}", reading {entity:w} records at {depth} level '
        "and {other:w} records at {other_depth} level"
    )
)
def has_role(world: World, user: str, role: str, entity: str, depth: str, other: str, other_depth: str) -> None:
    reads = [Privilege(entity, "read", DEPTHS[depth]), Privilege(other, "read", DEPTHS[other_depth])]
    world.accept(world.driver.define_role(role, reads))
    world.accept(world.driver.assign_role(user, role))


@given(parsers.parse('the administrator takes away "{user}"\'s right to {access:w} {entity:w} records'))
@when(parsers.parse('the administrator takes away "{user}"\'s right to {access:w} {entity:w} records'))
def takes_away(world: World, user: str, access: str, entity: str) -> None:
    world.privileges[user] = [p for p in world.privileges[user] if (p.entity, p.access) != (entity, access)]
    world.accept(world.driver.define_role(f"{user}'s role", world.privileges[user]))


# -- sharing and hierarchy ------------------------------------------------------------------------


@given(parsers.parse('the {entity:w} "{alias}" is shared with "{principal}" for reading'))
@when(parsers.parse('the administrator shares the {entity:w} "{alias}" with "{principal}" for reading'))
def shares(world: World, entity: str, alias: str, principal: str) -> None:
    world.accept(world.driver.share_record(entity, world.id(alias), principal, ["read"]))


@when(parsers.parse('the administrator stops sharing the {entity:w} "{alias}" with "{principal}"'))
def unshares(world: World, entity: str, alias: str, principal: str) -> None:
    world.accept(world.driver.share_record(entity, world.id(alias), principal, []))


@given(parsers.parse("hierarchy security reaches {depth:d} levels down"))
@when(parsers.parse("the administrator turns hierarchy security on {depth:d} levels down"))
def hierarchy(world: World, depth: int) -> None:
    world.accept(world.driver.set_hierarchy_security(True, depth))


@given("the administrator turns hierarchy security off")
@when("the administrator turns hierarchy security off")
def hierarchy_off(world: World) -> None:
    world.accept(world.driver.set_hierarchy_security(False))


@when(parsers.parse('the administrator takes her role away from "{user}"'))
def revokes(world: World, user: str) -> None:
    world.accept(world.driver.revoke_role(user, f"{user}'s role"))


# -- field security -------------------------------------------------------------------------------


@given(parsers.parse('the {entity:w} column "{column}" is secured'))
@when(parsers.parse('the administrator secures the {entity:w} column "{column}"'))
def secures(world: World, entity: str, column: str) -> None:
    world.accept(world.driver.secure_field(entity, column))


@given(parsers.parse('"{user}" may read and update the secured {entity:w} column "{column}"'))
def field_access(world: World, user: str, entity: str, column: str) -> None:
    world.accept(world.driver.grant_field_access(user, entity, column, read=True, update=True))


@given(parsers.parse('"{user}" may read but not update the secured account column "{column}"'))
def field_read_only(world: World, user: str, column: str) -> None:
    world.accept(world.driver.grant_field_access(user, "account", column, read=True, update=False))


@then(parsers.parse('the change is refused naming the column "{column}"'))
def refused_column(world: World, column: str) -> None:
    assert column in world.refusal().reason


@given(parsers.parse('the administrator shares the secured account column "{column}" of "{alias}" with "{user}"'))
def shares_field(world: World, column: str, alias: str, user: str) -> None:
    world.accept(world.driver.share_field("account", world.id(alias), column, user, read=True, update=True))


@given(
    parsers.parse(
        'the administrator shares the secured account column "{column}" of "{alias}" with "{user}" for reading only'
    )
)
def shares_field_read_only(world: World, column: str, alias: str, user: str) -> None:
    world.accept(world.driver.share_field("account", world.id(alias), column, user, read=True, update=False))


@then(parsers.parse('the server turns the change down naming the column "{column}"'))
def turned_down_column(world: World, column: str) -> None:
    assert isinstance(world.outcome, Refused) and column in world.outcome.reason, world.outcome


@then(parsers.parse("she sees no {column}"))
def sees_no_value(world: World, column: str) -> None:
    assert world.outcome.record is not None and world.outcome.record.get(column) is None, world.outcome
