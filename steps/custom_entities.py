"""Steps that check the effect of a custom entity's extra commands on the server (CAP-CE)."""

from __future__ import annotations

from pytest_bdd import parsers, then

from .entities import holds, one, read, ref
from .world import World


@then(parsers.parse('the server shows the effect of mark_complete on the {entity} "{alias}"'))
def completed(world: World, entity: str, alias: str) -> None:
    holds(world, world.driver.server_records, {"statecode": "completed"}, entity, world.id(alias))


@then(parsers.parse('the server shows the effect of refresh on the {entity} "{alias}"'))
def refreshed(world: World, entity: str, alias: str) -> None:
    read(world, entity, alias)


@then(parsers.parse('the server shows the effect of convert_to_opportunity on the {entity} "{alias}"'))
def converted(world: World, entity: str, alias: str) -> None:
    one(world.driver.server_records("opportunity"), sourceid=ref(entity, world.id(alias)))
