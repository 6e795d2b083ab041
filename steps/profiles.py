"""Steps that build offline profiles, publish them, and read the administrator's errors and warnings."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, then, when

from harness.driver import Attribute, Condition, EntityDefinition, Finding, ProfileAssociation, RelationshipDefinition

from .fields import value
from .organization import HEAD_OFFICE
from .records import names
from .world import ProfileDraft, World

RULES = {
    "all records": {"all_records": True},
    "only related data": {"related_only": True},
    "my records": {"mine": True},
    "my team's records": {"my_teams": True},
    "my business unit's records": {"my_business_unit": True},
    "through the other data filter with no option chosen": {"other_data_filter": True},
    "through the other data filter": {"other_data_filter": True},
}
LOOKUP_TARGETS: tuple[str, ...] = (
    "account",
    "contact",
    "lead",
    "opportunity",
    "incident",
    "competitor",
    "product",
    "position",
    "appointment",
    "phonecall",
    "task",
    "email",
)


def rep_name(number: int) -> str:
    """The name of the n-th extra salesperson."""
    return f"rep-{number:04d}"


def mentions(text: str, name: str) -> bool:
    """Whether `text` names `name` as a whole word ("rep-1" is not named by "rep-10")."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


def findings(world: World, kind: str) -> list[Finding]:
    """The last publish's errors or warnings that enforce one of the scenario's claims."""
    found: list[Finding] = getattr(world.outcome, kind)
    return [finding for finding in found if finding.claim in world.claims]


@given(parsers.parse('a profile "{name}" for "{user}"'))
def draft(world: World, name: str, user: str) -> None:
    world.draft = ProfileDraft(name, [user])


@given(
    parsers.re(
        r"in the profile (?P<entity>\w+) downloads (?P<rule>all records|only related data|my records"
        r"|my team's records|my business unit's records|through the other data filter(?: with no option chosen)?)$"
    )
)
def rule(world: World, entity: str, rule: str) -> None:
    world.draft.rules(entity, **RULES[rule])


@given(parsers.parse("in the profile {entity} has no rule"))
def no_rule(world: World, entity: str) -> None:
    world.draft.rules(entity)


@given(parsers.parse("in the profile {entity} is small master data"))
def small_master_data(world: World, entity: str) -> None:
    world.draft.rules(entity, small_master_data=True)


@given(parsers.parse('in the profile {entity} downloads records where {column} {operator} "{wanted}"'))
def custom_filter(world: World, entity: str, column: str, operator: str, wanted: str) -> None:
    world.draft.add_condition(entity, Condition(column, operator, value(wanted)))  # type: ignore[arg-type]


@given(
    parsers.re(
        r"in the profile (?P<entity>\w+) downloads records where (?P<column>\w+) "
        r"(?P<operator>null|not-null|eq-userid|eq-userteams|eq-businessid)$"
    )
)
def custom_filter_without_value(world: World, entity: str, column: str, operator: str) -> None:
    world.draft.add_condition(entity, Condition(column, operator))  # type: ignore[arg-type]


@given(
    parsers.re(
        r"in the profile (?P<entity>\w+) downloads records whose (?P<column>\w+) (?P<relation>is|is not) "
        r'the (?P<target>\w+) "(?P<alias>[^"]+)"$'
    )
)
def custom_lookup_filter(world: World, entity: str, column: str, relation: str, target: str, alias: str) -> None:
    world.draft.add_condition(entity, Condition(column, "eq" if relation == "is" else "ne", world.id(alias)))


@given(parsers.parse("in the profile {entity} has {count:d} custom data filters"))
def custom_filters(world: World, entity: str, count: int) -> None:
    for _ in range(count):
        world.draft.add_condition(entity, Condition("modifiedon", "not-null"))


@given(parsers.parse("in the profile {entity} syncs every {minutes:d} minutes"))
def interval(world: World, entity: str, minutes: int) -> None:
    world.draft.rules(entity, sync_interval_minutes=minutes)


@given(parsers.parse('in the profile {entity} brings its related records through "{relationship}"'))
def association(world: World, entity: str, relationship: str) -> None:
    world.draft.associations.append(ProfileAssociation(entity, relationship))


@when("the administrator publishes the profile")
def publish(world: World) -> None:
    world.outcome = world.driver.publish_profile(world.draft.definition())


@given("the administrator has published the profile")
def has_published(world: World) -> None:
    publish(world)
    published(world)


@then("the profile is published")
def published(world: World) -> None:
    assert world.outcome.published is True and world.outcome.errors == [], world.outcome.errors


@then(parsers.parse("the profile is published with a warning naming {entity}"))
def published_with_warning(world: World, entity: str) -> None:
    assert world.outcome.published, world.outcome.errors
    naming = [w for w in findings(world, "warnings") if w.entity == entity]
    assert len(naming) == 1 and mentions(naming[0].message or "", entity) and naming[0].limit, world.outcome.warnings


@then(parsers.parse("the profile is published without a warning naming {entity}"))
def published_without_warning(world: World, entity: str) -> None:
    assert world.outcome.published, world.outcome.errors
    assert not any(w.entity == entity and w.claim in world.claims for w in world.outcome.warnings), (
        world.outcome.warnings
    )


@then("each error of the refusal states the limit it enforces")
def refusal_states_limits(world: World) -> None:
    errors = findings(world, "errors")
    assert errors and all(isinstance(e.limit, str) and e.limit.strip() for e in errors), world.outcome.errors


@then(parsers.parse('the refusal gives the limit "{limit}"'))
def refusal_limit(world: World, limit: str) -> None:
    assert any(e.limit == limit and e.claim in world.claims for e in world.outcome.errors), world.outcome.errors


@given(parsers.parse("the administrator sets the org data filter of {entity} to the last {days:d} days"))
@when(parsers.parse("the administrator sets the org data filter of {entity} to the last {days:d} days"))
def set_org_filter(world: World, entity: str, days: int) -> None:
    world.accept(world.driver.set_org_data_filter(entity, [Condition("modifiedon", "last-x-days", days)]))


@given(parsers.parse("the administrator sets the org data filter of {entity} to the conditions:"))
def set_org_filter_conditions(world: World, entity: str, datatable: list[list[str]]) -> None:
    conditions = [Condition(column, operator, value(wanted)) for column, operator, wanted in datatable[1:]]  # type: ignore[arg-type]
    world.accept(world.driver.set_org_data_filter(entity, conditions))


@given(parsers.parse("the administrator clears the org data filter of {entity}"))
def clear_org_filter(world: World, entity: str) -> None:
    world.accept(world.driver.set_org_data_filter(entity, None))


@given(parsers.parse('another profile "{name}" for "{user}" where {entity} downloads all records is published'))
def other_profile(world: World, name: str, user: str, entity: str) -> None:
    other = ProfileDraft(name, [user])
    other.rules(entity, all_records=True)
    assert world.driver.publish_profile(other.definition()).published


@given(
    parsers.parse('another profile "{name}" for the team "{team}" where {entity} downloads all records is published')
)
def other_team_profile(world: World, name: str, team: str, entity: str) -> None:
    other = ProfileDraft(name, [], teams=[team])
    other.rules(entity, all_records=True)
    assert world.driver.publish_profile(other.definition()).published


@given(parsers.parse("the organization has {count:d} more salespeople"))
def more_salespeople(world: World, count: int) -> None:
    for number in range(1, count + 1):
        world.accept(world.driver.add_user(rep_name(number), HEAD_OFFICE))


@given(parsers.parse('the profile is for "{user}" and the {count:d} other salespeople'))
def profile_users(world: World, user: str, count: int) -> None:
    world.draft.users = [user, *(rep_name(number) for number in range(1, count + 1))]


@when(parsers.parse('the administrator adds "{user}" to the profile'))
def add_user_to_profile(world: World, user: str) -> None:
    world.outcome = world.driver.add_profile_users(world.draft.name, [user])


@when(parsers.parse('the administrator adds "{user}" to the profile "{profile}"'))
def add_user_to_named_profile(world: World, user: str, profile: str) -> None:
    world.outcome = world.driver.add_profile_users(profile, [user])


@when(parsers.parse("the administrator asks to filter {entity} to the records of the last {days:d} days"))
def try_org_filter(world: World, entity: str, days: int) -> None:
    world.outcome = world.driver.set_org_data_filter(entity, [Condition("modifiedon", "last-x-days", days)])


@then(parsers.parse('publishing is refused saying "{text}"'))
def publish_refused_saying(world: World, text: str) -> None:
    assert world.outcome.published is False, "the profile was published"
    assert any(text in (e.message or "") for e in findings(world, "errors")), world.outcome.errors


@then(parsers.parse("publishing is refused for {count} users over the limit of {limit}"))
def too_many_users(world: World, count: str, limit: str) -> None:
    assert not world.outcome.published
    assert any(e.limit == limit and mentions(e.message, count) for e in findings(world, "errors")), world.outcome.errors


@given(
    parsers.re(
        r'the team "(?P<team>[^"]+)" has the salespeople (?P<first>\d+) to (?P<last>\d+)(?: and (?P<others>"[^"]+"))?$'
    )
)
def team_of_salespeople(world: World, team: str, first: str, last: str, others: str | None) -> None:
    members = [rep_name(number) for number in range(int(first), int(last) + 1)] + names(others or "")
    world.accept(world.driver.add_team(team, HEAD_OFFICE, members))


@given(parsers.parse('the profile is for "{user}" and the teams {teams}'))
def profile_teams(world: World, user: str, teams: str) -> None:
    world.draft.users, world.draft.teams = [user], names(teams)


@given(parsers.parse('the profile is for the team "{team}"'))
def profile_team(world: World, team: str) -> None:
    world.draft.users, world.draft.teams = [], [team]


@then(parsers.parse('publishing is refused because "{user}" is already in the profile "{other}"'))
def refused_second_profile(world: World, user: str, other: str) -> None:
    assert not world.outcome.published
    errors = findings(world, "errors")
    assert any(mentions(e.message, user) and other in e.message and e.limit for e in errors), world.outcome.errors


@then(parsers.parse('the profile is published with a warning that "{user}" stays in the profile "{other}"'))
def warned_first_profile(world: World, user: str, other: str) -> None:
    assert world.outcome.published, world.outcome.errors
    warnings = findings(world, "warnings")
    assert [mentions(w.message, user) and other in w.message and bool(w.limit) for w in warnings].count(True) == 1, (
        warnings
    )


@given(parsers.parse('the custom entity "{entity}" looks up {count:d} other entities'))
def custom_entity_with_lookups(world: World, entity: str, count: int) -> None:
    world.accept(world.driver.add_custom_entity(EntityDefinition(entity, "user", [Attribute("name", "string")])))
    for target in LOOKUP_TARGETS[:count]:
        lookup = RelationshipDefinition(f"{entity}_{target}", "one_to_many", target, entity, f"new_{target}id")
        world.accept(world.driver.add_relationship(lookup))


@given(parsers.parse('the custom entity "{entity}" also looks up {target} through "{relationship}"'))
def second_lookup(world: World, entity: str, target: str, relationship: str) -> None:
    lookup = RelationshipDefinition(relationship, "one_to_many", target, entity, f"{relationship}id")
    world.accept(world.driver.add_relationship(lookup))


@given(parsers.parse('the administrator adds to {entity} a lookup "{column}" to {target}'))
def added_lookup(world: World, entity: str, column: str, target: str) -> None:
    world.accept(
        world.driver.add_relationship(
            RelationshipDefinition(f"{entity}_{column}", "one_to_many", target, entity, column)
        )
    )


@given(parsers.parse('the many-to-many relationship "{name}" links {entity} with {other}'))
def many_to_many(world: World, name: str, entity: str, other: str) -> None:
    world.accept(world.driver.add_relationship(RelationshipDefinition(name, "many_to_many", entity, other)))


@given(parsers.parse("in the profile {entity} brings the first {count:d} entities it looks up"))
def brings_lookups(world: World, entity: str, count: int) -> None:
    for target in LOOKUP_TARGETS[:count]:
        world.draft.rules(target, all_records=True)
        world.draft.associations.append(ProfileAssociation(entity, f"{entity}_{target}"))


@then("the profile is published without a volume warning")
def no_volume_warning(world: World) -> None:
    assert world.outcome.published and not findings(world, "warnings")


@then(parsers.parse('the profile is published with one volume warning, naming "{user}" and {count} records'))
def volume_warning(world: World, user: str, count: str) -> None:
    warnings = findings(world, "warnings")
    assert world.outcome.published and len(warnings) == 1, warnings
    assert mentions(warnings[0].message, user) and mentions(warnings[0].message, count), warnings
    assert isinstance(warnings[0].limit, str) and warnings[0].limit.strip(), warnings
