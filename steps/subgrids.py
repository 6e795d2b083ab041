"""Steps about subgrids on a form and Add Existing on them (LIM-AE1, LIM-AE2)."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.driver import FormDefinition, Subgrid, SubgridState

from .samples import new_record
from .world import World

ADD_EXISTING = "add_existing"
ADD_NEW = "add_new"


@given(parsers.parse("the {entity} form has the subgrids:"))
def subgrids(world: World, entity: str, datatable: list[list[str]]) -> None:
    grids = [Subgrid(name, add_existing_shown=how == "forced visible") for name, how in datatable[1:]]
    world.accept(world.driver.add_form(FormDefinition(entity, "main", list(new_record(entity)), subgrids=grids)))


@given(parsers.parse('the {entity} "{alias}" and the {other_entity} "{other}" are linked through {name} on the server'))
def linked(world: World, entity: str, alias: str, other_entity: str, other: str, name: str) -> None:
    world.accept(world.driver.server_associate(name, world.id(alias), world.id(other)))


def subgrid(world: World, user: str, name: str, entity: str, alias: str) -> SubgridState:
    """The subgrid `name` on the form of a named record, as the user sees it now."""
    form = world.accept(world.driver.open_form(user, entity, world.id(alias)))
    grids: list[SubgridState] = [grid for grid in form.subgrids if grid.relationship == name]
    assert grids, f"no {name} subgrid on {form}"
    return grids[0]


@then(parsers.parse('the {name} subgrid of the {entity} "{alias}" offers Add Existing to "{user}"'))
def offers(world: World, name: str, entity: str, alias: str, user: str) -> None:
    assert ADD_EXISTING in subgrid(world, user, name, entity, alias).commands
    world.observed.add(("add existing", name, world.id(alias)))


@then(parsers.parse('the {name} subgrid of the {entity} "{alias}" does not offer Add Existing to "{user}"'))
def hides(world: World, name: str, entity: str, alias: str, user: str) -> None:
    assert ("add existing", name, world.id(alias)) in world.observed, "Add Existing was never seen on this subgrid"
    assert ADD_EXISTING not in subgrid(world, user, name, entity, alias).commands


@then(parsers.parse('the {name} subgrid of the {entity} "{alias}" lists "{other}" for "{user}"'))
def lists(world: World, name: str, entity: str, alias: str, other: str, user: str) -> None:
    assert world.id(other) in subgrid(world, user, name, entity, alias).records
    world.observed.add(("listed", name, world.id(alias)))


@then(parsers.parse('the {name} subgrid of the {entity} "{alias}" does not list "{other}" for "{user}"'))
def does_not_list(world: World, name: str, entity: str, alias: str, other: str, user: str) -> None:
    listed = subgrid(world, user, name, entity, alias).records
    assert listed or ("listed", name, world.id(alias)) in world.observed, "this subgrid never listed anything"
    assert world.id(other) not in listed, listed


@then(parsers.parse('the {name} subgrid of the {entity} "{alias}" lists nothing for "{user}"'))
def lists_nothing(world: World, name: str, entity: str, alias: str, user: str) -> None:
    assert subgrid(world, user, name, entity, alias).records == []


@when(
    parsers.parse('"{user}" adds the existing {other_entity} "{other}" to the {name} subgrid of the {entity} "{alias}"')
)
def adds_existing(world: World, user: str, other_entity: str, other: str, name: str, entity: str, alias: str) -> None:
    world.outcome = world.driver.add_existing(user, name, world.id(alias), world.id(other))


@when(parsers.parse('"{user}" removes the {other_entity} "{other}" from the {name} subgrid of the {entity} "{alias}"'))
def removes_from_subgrid(
    world: World, user: str, other_entity: str, other: str, name: str, entity: str, alias: str
) -> None:
    world.outcome = world.driver.remove_existing(user, name, world.id(alias), world.id(other))


@then(parsers.parse('the {name} subgrid of the {entity} "{alias}" offers Add New to "{user}"'))
def offers_add_new(world: World, name: str, entity: str, alias: str, user: str) -> None:
    assert ADD_NEW in subgrid(world, user, name, entity, alias).commands


@then(parsers.parse('on a new {entity} form for "{user}" the {name} subgrid lists nothing and offers {offered}'))
def new_form_subgrid(world: World, entity: str, user: str, name: str, offered: str) -> None:
    form = world.accept(world.driver.open_form(user, entity))
    grids = [grid for grid in form.subgrids if grid.relationship == name]
    commands = {"nothing": [], "Add Existing": [ADD_EXISTING], "Add New and Add Existing": [ADD_NEW, ADD_EXISTING]}
    assert [(g.records, sorted(g.commands)) for g in grids] == [([], sorted(commands[offered]))], grids
