"""Steps that check the last outcome: refused for one of the scenario's claims, and what the refusal says."""

from __future__ import annotations

from pytest_bdd import parsers, then

from .fields import listed
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


@then(parsers.parse("the reason for the refusal names {entities}"))
def is_refused_naming_each(world: World, entities: str) -> None:
    named, reason = listed(entities), world.refusal().reason
    assert named and all(entity in reason for entity in named), world.outcome


@then("it is refused with a reason")
def is_refused_with_reason(world: World) -> None:
    reason = world.refusal().reason
    assert isinstance(reason, str) and reason.strip(), world.outcome


@then("the refusal states its limit")
def refusal_states_limit(world: World) -> None:
    limit = world.refusal().limit
    assert isinstance(limit, str) and limit.strip(), world.outcome


@then(parsers.parse("the refusal concerns {entity}"))
def refusal_concerns(world: World, entity: str) -> None:
    assert world.refusal().entity == entity, world.outcome
