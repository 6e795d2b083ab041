"""Steps that check the effect of a custom entity's extra commands on the server (CAP-CE)."""

from __future__ import annotations

from pytest_bdd import parsers, then

from .entities import holds, one, read, records_at, ref
from .world import World


@then(parsers.parse('{where} shows the effect of mark_complete on the {entity} "{alias}"'))
def completed(world: World, where: str, entity: str, alias: str) -> None:
    holds(world, records_at(world, where), {"statecode": "completed"}, entity, world.id(alias))


@then(parsers.parse('{where} shows the effect of refresh on the {entity} "{alias}"'))
def refreshed(world: World, where: str, entity: str, alias: str) -> None:
    read(world, where, entity, alias)


@then(parsers.parse('{where} shows the effect of convert_to_opportunity on the {entity} "{alias}"'))
def converted(world: World, where: str, entity: str, alias: str) -> None:
    records = records_at(world, where)
    name = one(records(entity), id=world.id(alias))["name"]
    assert name, "the record to convert has no name to give the opportunity"
    made = one(records("opportunity"), sourceid=ref(entity, world.id(alias)), name=name)
    assert isinstance(made["id"], str) and made["id"], made
