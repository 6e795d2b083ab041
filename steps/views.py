"""Steps about views: which ones a user can pick and what they show (CAP-VW, LIM-VW1, LIM-VW2, SYN-VW)."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.driver import Fields, LinkedColumn, ViewDefinition

from .entities import ref
from .samples import SEEDED_AS, new_record
from .world import World


def columns_of(entity: str) -> list[str]:
    """The columns of a sample view of `entity`: those of its sample record."""
    return list(new_record(SEEDED_AS.get(entity, entity)))


def make(world: World, definition: ViewDefinition) -> None:
    """Create a view and note that it exists."""
    world.accept(world.driver.add_view(definition))
    world.observed.add(("view", definition.entity, definition.name))


@given(parsers.parse('the {entity} entity has a {kind} view "{name}"'))
def view(world: World, entity: str, kind: str, name: str) -> None:
    make(world, ViewDefinition(entity, name, kind, columns_of(entity)))  # type: ignore[arg-type]


@given(parsers.parse('"{owner}" has a personal view "{name}" of {entity}'))
def personal_view(world: World, owner: str, name: str, entity: str) -> None:
    make(world, ViewDefinition(entity, name, "personal", columns_of(entity), owner=owner))


@given(parsers.parse('the {entity} entity has a system view "{name}" that shows the {column} of the {linked} in {via}'))
def linked_view(world: World, entity: str, name: str, column: str, linked: str, via: str) -> None:
    make(world, ViewDefinition(entity, name, "system", columns_of(entity), [LinkedColumn(linked, via, column)]))


@when(
    parsers.parse(
        'the administrator makes a system view "{name}" of {entity} that shows the {column} of the {linked} in {via}'
    )
)
def makes_linked_view(world: World, name: str, entity: str, column: str, linked: str, via: str) -> None:
    definition = ViewDefinition(entity, name, "system", columns_of(entity), [LinkedColumn(linked, via, column)])
    world.outcome = world.driver.add_view(definition)


@given(parsers.parse('the {entity} entity has a system view "{name}" with the linked columns:'))
def linked_columns_view(world: World, entity: str, name: str, datatable: list[list[str]]) -> None:
    linked = [LinkedColumn(other, via, column) for column, other, via in datatable[1:]]
    make(world, ViewDefinition(entity, name, "system", columns_of(entity), linked))


def picks(world: World, user: str, entity: str) -> list[str]:
    """The names of the views of `entity` the user can pick now."""
    names = [info.name for info in world.accept(world.driver.list_views(user, entity))]
    world.observed.update(("view", entity, name) for name in names)
    return names


@given(parsers.parse('"{user}" can pick the view "{name}" of {entity}'))
@then(parsers.parse('"{user}" can pick the view "{name}" of {entity}'))
def can_pick(world: World, user: str, name: str, entity: str) -> None:
    assert name in picks(world, user, entity)


@then(parsers.parse('"{user}" can pick only the view "{name}" of {entity}'))
def picks_only(world: World, user: str, name: str, entity: str) -> None:
    assert picks(world, user, entity) == [name]


@then(parsers.parse('"{user}" can pick exactly these views of {entity}:'))
def picks_exactly(world: World, user: str, entity: str, datatable: list[list[str]]) -> None:
    listed = sorted((info.name, info.kind) for info in world.accept(world.driver.list_views(user, entity)))
    assert listed == sorted((name, kind) for name, kind in datatable[1:]), listed


@then(parsers.parse('"{user}" cannot pick the view "{name}" of {entity}'))
def cannot_pick(world: World, user: str, name: str, entity: str) -> None:
    assert ("view", entity, name) in world.observed, f"no view {name!r} of {entity} was made or seen: nothing to miss"
    assert name not in picks(world, user, entity)


@then(parsers.parse('"{user}" can pick no view of {entity}'))
def no_views(world: World, user: str, entity: str) -> None:
    assert any(fact[:2] == ("view", entity) for fact in world.observed), f"no view of {entity} was made or seen"
    assert picks(world, user, entity) == []


@when(parsers.parse('"{user}" lists the views of {entity}'))
def lists_views(world: World, user: str, entity: str) -> None:
    world.outcome = world.driver.list_views(user, entity)


@when(parsers.parse('"{user}" opens the view "{name}" of {entity}'))
def opens(world: World, user: str, name: str, entity: str) -> None:
    world.outcome = world.driver.open_view(user, entity, name)


def row(world: World, user: str, entity: str, name: str, alias: str) -> Fields:
    """The row of the named record in a view the user opens."""
    rows = world.accept(world.driver.open_view(user, entity, name))
    found: list[Fields] = [r for r in rows if r["id"] == world.id(alias)]
    assert found, f"{alias!r} is not in the view {name!r}: {rows}"
    return found[0]


@then(parsers.parse('the view "{name}" of {entity} shows "{alias}" to "{user}"'))
def shows(world: World, name: str, entity: str, alias: str, user: str) -> None:
    assert row(world, user, entity, name, alias)


@then(parsers.parse('in the view "{name}" of {entity}, "{alias}" shows "{text}" to "{user}"'))
def shows_value(world: World, name: str, entity: str, alias: str, text: str, user: str) -> None:
    assert text in row(world, user, entity, name, alias).values()


@then(parsers.parse('in the view "{name}" of {entity}, "{alias}" does not show "{text}" to "{user}"'))
def hides_value(world: World, name: str, entity: str, alias: str, text: str, user: str) -> None:
    assert text not in row(world, user, entity, name, alias).values()


@given(parsers.parse('a {entity} activity "{alias}" regarding the {parent} "{other}" on the server owned by "{user}"'))
def activity(world: World, entity: str, alias: str, parent: str, other: str, user: str) -> None:
    fields = {**new_record(entity), "regardingobjectid": ref(parent, world.id(other))}
    world.remember(alias, entity, world.accept(world.driver.server_create(entity, fields, owner=user)))


def held_as(world: World, user: str, alias: str) -> str:
    """The entity the user's device holds a named activity as: its own, else Activity Pointer."""
    entity, record_id = world.records[alias]
    return entity if world.driver.device_record(user, entity, record_id) else "activitypointer"


@then(parsers.parse('"{user}" can open the activity "{alias}" from the {parent} "{other}"'))
def opens_activity(world: World, user: str, alias: str, parent: str, other: str) -> None:
    related = world.driver.device_records(user, "activitypointer")
    assert world.id(alias) in [r["id"] for r in related if r.get("regardingobjectid") == ref(parent, world.id(other))]
    form = world.accept(world.driver.open_form(user, held_as(world, user, alias), world.id(alias)))
    assert form.record_id == world.id(alias)
