"""Steps about business process flows: stages shown on a form and moved by the user (LIM-BPF1..3, LIM-LQ)."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.driver import Condition, ProcessFlowDefinition, Stage

from .samples import new_record
from .world import World

BIG_DEAL = 10000
FLOWS = {
    flow.name: flow
    for flow in (
        ProcessFlowDefinition(
            "Opportunity sales process",
            "opportunity",
            [
                Stage("Qualify", Condition("estimatedvalue", "gt", BIG_DEAL), "Executive review", "Develop"),
                Stage("Executive review"),
                Stage("Develop"),
                Stage("Propose"),
                Stage("Close"),
            ],
        ),
        ProcessFlowDefinition("Lead to opportunity", "lead", [Stage("Qualify"), Stage("Develop"), Stage("Propose")]),
    )
}
"""The opportunity flow branches: a deal over 10,000 goes through an executive review before Develop."""


@given(parsers.parse('the {entity} records follow the process flow "{name}"'))
def follows(world: World, entity: str, name: str) -> None:
    assert FLOWS[name].entity == entity
    world.accept(world.driver.add_process_flow(FLOWS[name]))
    world.observed.add(("flow", entity))


@when(parsers.parse('"{user}" moves the {entity} "{alias}" to the {direction} stage'))
def moves(world: World, user: str, entity: str, alias: str, direction: str) -> None:
    world.outcome = world.driver.move_stage(user, entity, world.id(alias), direction)  # type: ignore[arg-type]


@given(parsers.parse('"{user}" has moved the {entity} "{alias}" to the {direction} stage'))
def has_moved(world: World, user: str, entity: str, alias: str, direction: str) -> None:
    moves(world, user, entity, alias, direction)
    world.accept(world.outcome)


@when(parsers.parse('"{user}" creates a {entity} "{alias}"'))
def creates(world: World, user: str, entity: str, alias: str) -> None:
    created = world.accept(world.driver.run_command(user, entity, "create", None, new_record(entity)))
    world.remember(alias, entity, created.record_id)


@then(parsers.parse('the form of the {entity} "{alias}" for "{user}" shows the stage "{stage}"'))
def shows_stage(world: World, entity: str, alias: str, user: str, stage: str) -> None:
    assert world.accept(world.driver.open_form(user, entity, world.id(alias))).flow_stage == stage


@then(parsers.parse('the form of the {entity} "{alias}" for "{user}" shows no process flow'))
def shows_no_flow(world: World, entity: str, alias: str, user: str) -> None:
    assert ("flow", entity) in world.observed, f"{entity} records follow no flow here: nothing to hide"
    assert world.accept(world.driver.open_form(user, entity, world.id(alias))).flow_stage is None


@then(parsers.parse('the form of a new {entity} for "{user}" shows no process flow'))
def new_form_shows_no_flow(world: World, entity: str, user: str) -> None:
    assert ("flow", entity) in world.observed, f"{entity} records follow no flow here: nothing to hide"
    assert world.accept(world.driver.open_form(user, entity, None)).flow_stage is None
