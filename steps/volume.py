"""Steps on a generated organization near the page's limits (users per profile, records per user)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from harness.datagen.dataset import expected_subscription, generate
from harness.datagen.loader import load
from harness.datagen.organization import OWNED_ENTITIES, SHARED_ENTITIES
from harness.datagen.spec import DataSetSpec
from harness.driver import NetworkConditions

from .profiles import mentions
from .world import World

NETWORKS = {"a slow mobile network": NetworkConditions(400, 384), "Wi-Fi": NetworkConditions(30, 50_000)}
LIMIT = 10_000
DataSet = tuple[Path, dict[str, Any]]


@pytest.fixture(scope="session")
def near_limit_data(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> tuple[Path, dict[str, Any]]:
    """One generated organization per run (size from --volume-users, seed from --volume-seed, printed)."""
    spec = DataSetSpec(pytestconfig.getoption("volume_users"), seed=pytestconfig.getoption("volume_seed"))
    directory = tmp_path_factory.mktemp("near-limit")
    print(f"\ngenerated organization: {spec.users} users, seed {spec.seed}, in {directory}")
    return directory, generate(directory, spec)


def near_limit_users(world: World) -> list[str]:
    """Users whose subscription is at or under the limit, largest first."""
    sizes = world.dataset[1]["subscriptions"]
    return sorted((u for u in sizes if sizes[u] <= LIMIT), key=lambda u: (-sizes[u], u))


@given("the generated near-limit organization is loaded")
def loaded(world: World, near_limit_data: DataSet) -> None:
    world.dataset = near_limit_data
    world.outcome = load(world.driver, near_limit_data[0]).published


@given(parsers.parse("the profile is topped up to {limit:d} salespeople"))
def top_up(world: World, limit: int) -> None:
    extra = [f"extra-{n:04d}" for n in range(1, limit - world.dataset[1]["spec"]["users"] + 1)]
    for user in extra:
        world.accept(world.driver.add_user(user, "Contoso"))
    world.outcome = world.driver.add_profile_users("Field sales", extra)


@when("the administrator adds one more salesperson to the profile")
def one_more(world: World) -> None:
    world.accept(world.driver.add_user("one-too-many", "Contoso"))
    world.outcome = world.driver.add_profile_users("Field sales", ["one-too-many"])


@then("publishing warned about every user above 10,000 records, with the count")
def warned_above_limit(world: World) -> None:
    sizes, above = world.dataset[1]["subscriptions"], world.dataset[1]["above_limit"]
    assert above, "the data set has no user above 10,000 records: there is nothing to be warned about"
    messages = [w.message for w in world.outcome.warnings if w.claim in world.claims]
    assert len(messages) == len(above), messages
    for user in above:
        assert [mentions(m, user) and mentions(m, f"{sizes[user]:,}") for m in messages].count(True) == 1, user


@when(
    parsers.parse("the user with the {rank:d}. largest subscription within 10,000 records first syncs over {network}")
)
def first_sync(world: World, rank: int, network: str) -> None:
    world.user = near_limit_users(world)[rank - 1]
    world.accept(world.driver.set_network(world.user, NETWORKS[network]))
    world.reports.append(world.accept(world.driver.sync(world.user)))


@then("her device holds exactly the records expected for her")
def holds_expected(world: World) -> None:
    held = {str(r["id"]) for e in OWNED_ENTITIES + SHARED_ENTITIES for r in world.driver.device_records(world.user, e)}
    assert held == expected_subscription(world.dataset[0], world.user)


@then(parsers.parse("the first sync lasted between {low:d} and {high:d} minutes of simulated time"))
def lasted_minutes(world: World, low: int, high: int) -> None:
    assert low * 60 <= world.reports[0].duration_seconds <= high * 60, world.reports[0]


@then(parsers.parse("the second sync lasted less than a {fraction:d}th of the first"))
def much_shorter(world: World, fraction: int) -> None:
    assert world.reports[1].duration_seconds * fraction < world.reports[0].duration_seconds, world.reports


@when(parsers.parse("{count:d} of her accounts change on the server and she syncs again"))
def delta(world: World, count: int) -> None:
    accounts = world.driver.device_records(world.user, "account")[:count]
    for account in accounts:
        world.accept(
            world.driver.server_update("account", str(account["id"]), {"name": f"{account['name']} (renamed)"})
        )
    world.reports.append(world.accept(world.driver.sync(world.user)))


@then(parsers.parse("the last sync downloaded exactly {count:d} records, the changed ones"))
def downloaded_exactly(world: World, count: int) -> None:
    assert world.reports[-1].downloaded == count and world.reports[-1].removed == 0, world.reports[-1]
    renamed = [r for r in world.driver.device_records(world.user, "account") if str(r["name"]).endswith("(renamed)")]
    assert len(renamed) == count
