"""Steps that set up the organization, its metadata and its offline profiles (the administrator's side)."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.driver import (
    ACCESS_RIGHTS,
    Attribute,
    EntityDefinition,
    Privilege,
    ProfileDefinition,
    ProfileItem,
    ProfileRules,
)

from .samples import OUTSIDE_THE_TABLE, SEEDED_AS, TABLE_ENTITIES, new_record
from .world import World

HEAD_OFFICE = "Head office"


def everything(entities: list[str]) -> list[Privilege]:
    """Every access right on `entities`, organization-wide."""
    return [Privilege(entity, access, "organization") for entity in entities for access in ACCESS_RIGHTS]


def all_records(entities: list[str]) -> list[ProfileItem]:
    """Profile items downloading all records of `entities`."""
    return [ProfileItem(entity, ProfileRules(all_records=True)) for entity in entities]


@given(parsers.parse('an organization where "{user}" is a salesperson'))
def salesperson(world: World, user: str) -> None:
    world.accept(world.driver.add_business_unit(HEAD_OFFICE))
    world.accept(world.driver.add_user(user, HEAD_OFFICE))


@given(parsers.parse('the custom entity "{entity}" exists'))
@given(parsers.parse('the custom entity "{entity}" exists, owned by the {owner}'))
def custom_entity(world: World, entity: str, owner: str = "user") -> None:
    definition = EntityDefinition(entity, owner.replace(" ", "_"), [Attribute("name", "string")])  # type: ignore[arg-type]
    world.accept(world.driver.add_custom_entity(definition))
    world.custom_entities.append(entity)


@given(parsers.parse('"{user}" may do everything to every entity'))
def may_do_everything(world: World, user: str) -> None:
    entities = [*TABLE_ENTITIES, *OUTSIDE_THE_TABLE, *world.custom_entities]
    world.accept(world.driver.define_role("everything", everything(entities)))
    world.accept(world.driver.assign_role(user, "everything"))


@given(parsers.parse('"{user}" has every entity of the table in her offline profile'))
def full_profile(world: World, user: str) -> None:
    profile = ProfileDefinition("field sales", all_records([*TABLE_ENTITIES, *world.custom_entities]), users=[user])
    result = world.driver.publish_profile(profile)
    assert result.published, f"publishing failed: {result.errors}"


@given(parsers.parse('a {entity} record "{alias}" on the server owned by "{user}"'))
@when(parsers.parse('the administrator creates a {entity} record "{alias}" owned by "{user}"'))
def server_record(world: World, entity: str, alias: str, user: str) -> None:
    seeded = SEEDED_AS.get(entity, entity)
    world.remember(alias, entity, world.accept(world.driver.server_create(seeded, new_record(seeded), owner=user)))


@given(parsers.parse('the {entity} form has a custom ribbon button "{label}"'))
def ribbon_button(world: World, entity: str, label: str) -> None:
    world.accept(world.driver.add_ribbon_button(entity, label))


@when(parsers.parse('the administrator publishes a profile for "{user}" with account and {entity}'))
def publish_with(world: World, user: str, entity: str) -> None:
    profile = ProfileDefinition("field sales", all_records(["account", entity]), users=[user])
    world.outcome = world.driver.publish_profile(profile)


@then(parsers.parse("publishing is refused naming {entity}"))
def publish_refused(world: World, entity: str) -> None:
    assert world.outcome.published is False and isinstance(world.outcome.warnings, list), world.outcome
    errors = [e for e in world.outcome.errors if e.claim in world.claims]
    assert any(e.entity == entity and entity in (e.message or "") for e in errors), world.outcome.errors
