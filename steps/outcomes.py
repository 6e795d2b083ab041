"""Steps that check the last outcome: refused for one of the scenario's claims, and what the refusal says."""

from __future__ import annotations

from pytest_bdd import parsers, then

from .world import World


@then("it is refused")
def is_refused(world: World) -> None:
    world.refusal()


@then(parsers.parse("it is refused naming {entity}"))
def is_refused_naming(world: World, entity: str) -> None:
    refusal = world.refusal()
    assert refusal.entity == entity and entity in refusal.reason, refusal


@then(parsers.parse('it is refused saying "{text}"'))
def is_refused_saying(world: World, text: str) -> None:
    assert text in world.refusal().reason, world.outcome
