"""Steps that put named records on the server and check exactly which of them a device holds after sync."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from pytest_bdd import given, parsers, then, when

from harness.driver import Fields

from .fields import value
from .organization import HEAD_OFFICE
from .samples import named_record
from .world import World

PLURALS = {"accounts": "account", "contacts": "contact", "opportunities": "opportunity", "products": "product"}
NAMES = r'(?P<names>nobody|"[^"]+"(?:, "[^"]+")*)'


def names(text: str) -> list[str]:
    """The quoted names of a list like '"A", "B"' ('nobody' is the empty list)."""
    return re.findall(r'"([^"]+)"', text)


def days_ago(now: str, days: float) -> str:
    """The simulated instant `days` before `now`, in the seam's ISO form."""
    instant = datetime.fromisoformat(now.replace("Z", "+00:00")) - timedelta(days=days)
    return instant.isoformat(timespec="seconds").replace("+00:00", "Z")


def create(world: World, entity: str, name: str, owner: str, **extra: object) -> None:
    """Create a named record on the server and remember it by name."""
    record_id = world.accept(world.driver.server_create(entity, {**named_record(entity, name), **extra}, owner=owner))
    world.remember(name, entity, record_id)


@given(parsers.parse('"{user}" is another salesperson in the same business unit'))
def colleague(world: World, user: str) -> None:
    world.accept(world.driver.add_user(user, HEAD_OFFICE))


@given(parsers.parse('"{first}" and "{second}" are on the team "{team}"'))
def team(world: World, first: str, second: str, team: str) -> None:
    world.accept(world.driver.add_team(team, HEAD_OFFICE, [first, second]))


@given(parsers.re(r"(?P<plural>accounts|contacts|opportunities|products) " + NAMES + r' owned by "(?P<owner>[^"]+)"$'))
def records_owned(world: World, plural: str, names: str, owner: str) -> None:
    for name in re.findall(r'"([^"]+)"', names):
        create(world, PLURALS[plural], name, owner)


@given(
    parsers.re(
        r'an? (?P<entity>\w+) "(?P<name>[^"]+)" whose (?P<column>\w+) is the (?P<target>\w+) '
        r'"(?P<target_name>[^"]+)", owned by "(?P<owner>[^"]+)"(?:, last modified (?P<days>[\d.]+) days ago)?$'
    )
)
def related_record(
    world: World, entity: str, name: str, column: str, target: str, target_name: str, owner: str, days: str | None
) -> None:
    lookup = {column: {"entity": target, "id": world.id(target_name)}}
    if days is None:
        return create(world, entity, name, owner, **lookup)
    import_aged(world, entity, name, owner, float(days), **lookup)


@given(parsers.parse('an {entity} "{name}" owned by "{owner}" whose {column} is the {target} "{principal}"'))
def record_naming_a_principal(
    world: World, entity: str, name: str, owner: str, column: str, target: str, principal: str
) -> None:
    create(world, entity, name, owner, **{column: {"entity": target, "id": principal}})


@given(parsers.parse('an {entity} "{name}" owned by "{owner}" whose {column} was {days:d} days ago'))
def record_dated(world: World, entity: str, name: str, owner: str, column: str, days: int) -> None:
    create(world, entity, name, owner, **{column: days_ago(world.driver.now(), days)})


@given("the accounts with their city and revenue:")
def accounts_with_columns(world: World, datatable: list[list[str]]) -> None:
    for name, city, revenue, owner in datatable[1:]:
        create(world, "account", name, owner, address1_city=value(city), revenue=value(revenue))


@given(parsers.parse('the {entity} "{alias}" is linked with the {other_entity} "{other}" through {relationship}'))
@when(
    parsers.parse(
        'the administrator links the {entity} "{alias}" with the {other_entity} "{other}" through {relationship}'
    )
)
def links(world: World, entity: str, alias: str, other_entity: str, other: str, relationship: str) -> None:
    world.accept(world.driver.server_associate(relationship, world.id(alias), world.id(other)))


@when(parsers.parse('the administrator sets the {column} of the {entity} "{alias}" to "{text}"'))
def admin_sets(world: World, column: str, entity: str, alias: str, text: str) -> None:
    world.accept(world.driver.server_update(entity, world.id(alias), {column: text}))


@given(parsers.parse('an account "{name}" in "{city}" owned by "{owner}"'))
def account_in_city(world: World, name: str, city: str, owner: str) -> None:
    create(world, "account", name, owner, address1_city=city)


@given(
    parsers.re(
        r'an? (?P<entity>\w+) "(?P<name>[^"]+)" owned by "(?P<owner>[^"]+)" '
        r"last modified (?P<days>[\d.]+) days(?: less (?P<seconds>\d+) seconds)? ago$"
    )
)
def aged_record(world: World, entity: str, name: str, owner: str, days: str, seconds: str | None) -> None:
    import_aged(world, entity, name, owner, float(days) - int(seconds or 0) / 86_400)


def import_aged(world: World, entity: str, name: str, owner: str, days: float, **extra: object) -> None:
    """Import a named record last modified `days` before now, and remember it by name."""
    modified = days_ago(world.driver.now(), days)
    record: Fields = {**named_record(entity, name), "id": f"aged-{name}", "ownerid": owner, "modifiedon": modified}
    world.accept(world.driver.import_records(entity, [{**record, **extra}]))
    world.remember(name, entity, str(record["id"]))


@given(
    parsers.re(
        r'an? (?P<entity>\w+) "(?P<name>[^"]+)" owned by "(?P<owner>[^"]+)" last modified (?P<days>\d+) days ago, '
        r"whose (?P<column>\w+) was (?P<dated>\d+) days ago$"
    )
)
def aged_dated_record(world: World, entity: str, name: str, owner: str, days: str, column: str, dated: str) -> None:
    import_aged(world, entity, name, owner, int(days), **{column: days_ago(world.driver.now(), int(dated))})


@given(parsers.parse('"{user}" owns {count:d} accounts modified today'))
def many_accounts(world: World, user: str, count: int) -> None:
    now = world.driver.now()
    batch = [
        {"id": f"{user}-bulk-{n:06d}", "name": f"Account {n}", "ownerid": user, "modifiedon": now} for n in range(count)
    ]
    assert world.accept(world.driver.import_records("account", batch)) == count


@then(parsers.re(r'after syncing "(?P<user>[^"]+)"\'s device holds exactly the (?P<entity>\w+) records ' + NAMES + "$"))
def holds_exactly(world: World, user: str, entity: str, names: str) -> None:
    assert world.accept(world.driver.sync(user)).completed
    device_holds(world, user, entity, names)


@then(parsers.re(r'"(?P<user>[^"]+)"\'s device holds exactly the (?P<entity>\w+) records ' + NAMES + "$"))
def holds_exactly_now(world: World, user: str, entity: str, names: str) -> None:
    world.has_synced(user)
    device_holds(world, user, entity, names)


def device_holds(world: World, user: str, entity: str, names: str) -> None:
    """The device holds exactly the named records of `entity`."""
    held = {str(r["id"]) for r in world.driver.device_records(user, entity)}
    assert held == {world.id(name) for name in re.findall(r'"([^"]+)"', names)}, held


@then(parsers.parse('"{user}"\'s device holds {count:d} {entity} records'))
def holds_count_now(world: World, user: str, count: int, entity: str) -> None:
    world.has_synced(user)
    assert len(world.driver.device_records(user, entity)) == count


@then(parsers.parse('after syncing "{user}"\'s device holds {count:d} {entity} records'))
def holds_count(world: World, user: str, count: int, entity: str) -> None:
    assert world.accept(world.driver.sync(user)).completed
    assert len(world.driver.device_records(user, entity)) == count


@then(parsers.parse('"{user}"\'s device holds the {entity} "{alias}" with {column} "{text}"'))
def holds_with(world: World, user: str, entity: str, alias: str, column: str, text: str) -> None:
    record = world.driver.device_record(user, entity, world.id(alias))
    assert record is not None and record.get(column) == text, record
