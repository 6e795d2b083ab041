"""Steps about search: what a search finds or refuses, and which columns it looks in (CAP-SR1..CAP-SR4)."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.driver import Attribute

from .fields import column, listed
from .world import World


@given(parsers.parse("the quick find of {entity} looks in {labels}"))
def quick_find(world: World, entity: str, labels: str) -> None:
    world.accept(world.driver.set_quick_find_columns(entity, [column(label) for label in listed(labels)]))


@when(parsers.parse('"{user}" searches {entities} for "{text}"'))
def searches(world: World, user: str, entities: str, text: str) -> None:
    world.outcome = world.driver.search(user, listed(entities), text)


@when(parsers.parse('"{user}" searches {entities} for a blank term'))
def searches_blank(world: World, user: str, entities: str) -> None:
    world.outcome = world.driver.search(user, listed(entities), "   ")


@when(parsers.parse('"{user}" asks which columns a search of {entity} looks in'))
def asks_fields(world: World, user: str, entity: str) -> None:
    world.outcome = world.driver.search_fields(user, entity)


@when(parsers.parse('"{user}" runs a relevance search of {entities} for "{text}"'))
def relevance(world: World, user: str, entities: str, text: str) -> None:
    world.outcome = world.driver.search(user, listed(entities), text, "relevance")


def found(world: World) -> list[tuple[str, str]]:
    """The (entity, id) of each record the last search found (finding something shows search works here)."""
    hits = [(hit.entity, hit.id) for hit in world.accept(world.outcome)]
    if hits:
        world.observed.add(("search found",))
    return hits


@then(parsers.parse('the search finds "{alias}"'))
def finds(world: World, alias: str) -> None:
    assert world.records[alias] in found(world), world.outcome


@then(parsers.parse('the search does not find "{alias}"'))
def misses(world: World, alias: str) -> None:
    assert world.id(alias) not in [record_id for _, record_id in found(world)]


@then("the search finds nothing")
def finds_nothing(world: World) -> None:
    assert ("search found",) in world.observed, "no search of this scenario found anything: search may not work"
    assert found(world) == []


@then(parsers.parse('a search of {entity} by "{user}" looks in the {label}'))
def looks_in(world: World, entity: str, user: str, label: str) -> None:
    assert column(label) in world.accept(world.driver.search_fields(user, entity))


@then(parsers.parse('a search of {entity} by "{user}" does not look in the {label}'))
def skips(world: World, entity: str, user: str, label: str) -> None:
    searched = world.accept(world.driver.search_fields(user, entity))
    assert searched and column(label) not in searched, searched


@then(parsers.parse('a search of {entity} by "{user}" looks in exactly the {labels}'))
def looks_in_exactly(world: World, entity: str, user: str, labels: str) -> None:
    searched = world.accept(world.driver.search_fields(user, entity))
    assert searched == [column(label) for label in listed(labels)], searched


@given(parsers.parse('the {entity} entity has a date column "{name}"'))
def date_column(world: World, entity: str, name: str) -> None:
    world.accept(world.driver.add_attribute(entity, Attribute(name, "datetime")))
