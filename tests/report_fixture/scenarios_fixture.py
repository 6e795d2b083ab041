"""The report fixture's step definitions: each scenario of features/ ends with a different status on purpose.

Run it by path (its name keeps it out of the harness's own tests): pytest tests/report_fixture/scenarios_fixture.py
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from harness.driver import Driver
from harness.errors import ImplementationError, Unsupported

scenarios("features", features_base_dir=str(Path(__file__).parent))


@pytest.fixture
def device() -> list[str]:
    return []


@given("a device that has synced")
def synced(driver: Driver) -> None:
    assert driver.describe().name


@when(parsers.parse('"{user}" creates an account "{name}"'))
def creates(device: list[str], name: str) -> None:
    device.append(name)


@then(parsers.re(r"the device holds (?P<count>\d+) records?"), converters={"count": int})
def holds(device: list[str], count: int) -> None:
    assert len(device) == count, f"expected {count} records on the device, found {len(device)}: {device}"


@then("nothing waits to sync")
def nothing_waits() -> None:
    pass


@when(parsers.parse('"{user}" adds a note to "{name}"'))
def adds_note() -> None:
    raise Unsupported("timeline", "the fixture implementation keeps no notes")


@when("the implementation's sync breaks")
def sync_breaks() -> None:
    raise ImplementationError("fixture: sync() raised RuntimeError: the sync engine lost its cursor")


@when("the harness trips over its own bug")
def harness_trips() -> None:
    {}["missing"]


@when(parsers.parse('"{user}" runs {command} on a lead'), target_fixture="outcome")
def runs(command: str) -> str:
    return "accepted" if command in ("qualify", "create") else "refused"


@then(parsers.parse("the command is {outcome}"))
def command_is(outcome: str, request: pytest.FixtureRequest) -> None:
    assert request.getfixturevalue("outcome") == outcome


@given("a profile with these custom filters:", target_fixture="filters")
def custom_filters(datatable: list[list[str]]) -> dict[str, int]:
    return {row[0]: int(row[1]) for row in datatable[1:]}


@then("publishing is refused saying:")
def refused_saying(filters: dict[str, int], docstring: str) -> None:
    assert filters["opportunity"] > 3 and "at most 3" in docstring
