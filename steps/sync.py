"""Steps about sync: offline profiles, the clock and the schedule, the network, cycles, faults and their reports."""

from __future__ import annotations

from itertools import pairwise

from pytest_bdd import given, parsers, then, when

from harness.driver import (
    AppModule,
    Condition,
    FaultPoint,
    NetworkConditions,
    ProfileDefinition,
    ProfileItem,
    ProfileRules,
    SyncReport,
)

from .beyond import instant
from .fields import listed
from .records import names
from .samples import TABLE_ENTITIES
from .world import World

NETWORKS = {
    "a slow mobile network": NetworkConditions(latency_ms=500.0, bandwidth_kbps=128.0),
    "a mobile network": NetworkConditions(latency_ms=150.0, bandwidth_kbps=2_000.0),
    "Wi-Fi": NetworkConditions(latency_ms=20.0, bandwidth_kbps=50_000.0),
}
"""The suite's reference links: an EDGE-class slow mobile network, a 3G-class mobile network, home Wi-Fi."""
SECONDS = {"minute": 60, "minutes": 60, "hour": 3_600, "hours": 3_600, "day": 86_400, "days": 86_400}
FAULTS: dict[str, FaultPoint] = {
    "before the upload": "before_upload",
    "after the server applies a change": "after_server_apply",
    "during the download": "during_download",
}
RECORD_RULES = {
    "all": ProfileRules(all_records=True),
    "mine": ProfileRules(mine=True),
    "my teams": ProfileRules(my_teams=True),
    "my business unit": ProfileRules(my_business_unit=True),
}


def rules(text: str) -> ProfileRules:
    """Profile rules from a table cell: all, mine, my teams, my business unit, or 'where COLUMN is VALUE'."""
    if text.startswith("where "):
        column, value = text.removeprefix("where ").split(" is ", 1)
        return ProfileRules(custom=[Condition(column, "eq", value)])
    return RECORD_RULES[text]


def item(row: dict[str, str]) -> ProfileItem:
    """A profile item from a table row with entity, records and optionally 'every N minute(s)'."""
    every = row.get("every", "5 minutes").split()[0]
    return ProfileItem(row["entity"], rules(row["records"]), sync_interval_minutes=int(every))


def report(world: World) -> SyncReport:
    """The last cycle's report."""
    assert isinstance(world.outcome, SyncReport), f"expected a sync report, got {world.outcome!r}"
    return world.outcome


def record(world: World, outcome: object) -> None:
    """Keep a sync outcome as the scenario's last outcome, and its report among the cycles seen."""
    world.outcome = outcome
    if isinstance(outcome, SyncReport):
        world.reports.append(outcome)


# -- setup ----------------------------------------------------------------------------------------


@given(parsers.parse("the offline profile for {users}:"))
@when(parsers.parse("the administrator publishes the offline profile for {users}:"))
def profile(world: World, users: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    items = [item(dict(zip(header, row, strict=True))) for row in rows]
    result = world.driver.publish_profile(ProfileDefinition("field sales", items, users=names(users)))
    assert result.published, f"publishing failed: {result.errors}"


@given(parsers.parse("the offline app modules hold {count:d} entities"))
def app_modules(world: World, count: int) -> None:
    world.accept(world.driver.set_offline_app_modules([AppModule("Field sales", list(TABLE_ENTITIES[:count]))]))


@given(parsers.parse("two offline app modules hold the same {count:d} entities"))
def overlapping_app_modules(world: World, count: int) -> None:
    entities = list(TABLE_ENTITIES[:count])
    world.accept(world.driver.set_offline_app_modules([AppModule("Sales", entities), AppModule("Service", entities)]))


@when(parsers.parse('the administrator enables the offline app module "{name}" with {entities}'))
def enable_app_module(world: World, name: str, entities: str) -> None:
    world.outcome = world.driver.set_offline_app_modules([AppModule(name, listed(entities))])


@given(parsers.parse('"{user}" is on {network}'))
def on_network(world: World, user: str, network: str) -> None:
    world.accept(world.driver.set_network(user, NETWORKS[network]))


@given(parsers.parse('"{user}"\'s network has {latency:d} ms latency and {bandwidth:d} kbps bandwidth'))
def network_of(world: World, user: str, latency: int, bandwidth: int) -> None:
    world.accept(world.driver.set_network(user, NetworkConditions(latency, bandwidth)))


@given("conflict detection is on")
def conflict_detection_on(world: World) -> None:
    world.accept(world.driver.set_conflict_detection(True))


@given(parsers.parse('conflict detection is on and the administrator changes the account "{alias}"'))
def conflict_ahead(world: World, alias: str) -> None:
    world.accept(world.driver.set_conflict_detection(True))
    world.accept(world.driver.server_update("account", world.id(alias), {"telephone1": "+47 555 0100"}))


@given(parsers.parse('the connection of "{user}"\'s device will drop {point}'))
@when(parsers.parse('the connection of "{user}"\'s device will drop {point}'))
def will_drop(world: World, user: str, point: str) -> None:
    world.accept(world.driver.inject_fault(user, FAULTS[point]))


# -- time, connectivity and cycles ------------------------------------------------------------------


@given(parsers.parse("{amount:d} {unit} pass"))
@given(parsers.parse("{amount:d} {unit} passes"))
@when(parsers.parse("{amount:d} {unit} pass"))
@when(parsers.parse("{amount:d} {unit} passes"))
def time_passes(world: World, amount: int, unit: str) -> None:
    world.scheduled = world.driver.advance_clock(amount * SECONDS[unit])
    world.reports += world.scheduled


@given(parsers.parse('"{user}" goes back online'))
@when(parsers.parse('"{user}" goes back online'))
def goes_online(world: World, user: str) -> None:
    world.accept(world.driver.go_online(user))


@given(parsers.parse('"{user}" syncs'))
@when(parsers.parse('"{user}" syncs'))
def syncs(world: World, user: str) -> None:
    record(world, world.driver.sync(user))


@given(parsers.parse('a sync of "{user}"\'s device is under way'))
@when(parsers.parse('a sync of "{user}"\'s device is under way'))
def sync_under_way(world: World, user: str) -> None:
    world.accept(world.driver.begin_sync(user))


@when(parsers.parse('the sync of "{user}"\'s device finishes'))
def sync_finishes(world: World, user: str) -> None:
    record(world, world.driver.finish_sync(user))
    assert report(world).completed


# -- the last cycle ---------------------------------------------------------------------------------


@then("the sync completes")
def completes(world: World) -> None:
    assert report(world).completed and report(world).fault is None


@then("the sync does not complete")
def does_not_complete(world: World) -> None:
    assert report(world).completed is False, report(world)


@then(parsers.parse("the sync stopped {point}"))
def stopped_at(world: World, point: str) -> None:
    assert report(world).completed is False and report(world).fault == FAULTS[point], report(world)


@then("the sync is refused because the device is offline")
def refused_offline(world: World) -> None:
    assert "offline" in world.refusal().reason


@then("the sync downloads metadata")
def downloads_metadata(world: World) -> None:
    assert report(world).metadata_refreshed


@then("the sync does not download metadata")
def no_metadata(world: World) -> None:
    assert not report(world).metadata_refreshed


@then(parsers.parse("the sync downloads {count:d} records"))
@then(parsers.parse("the sync downloads {count:d} record"))
def downloads(world: World, count: int) -> None:
    assert report(world).downloaded == count, report(world)


@then(parsers.parse("the sync removed {count:d} record"))
@then(parsers.parse("the sync removed {count:d} records"))
def removed(world: World, count: int) -> None:
    assert report(world).removed == count, report(world)


@then(
    parsers.parse("the sync lasted at least its round trips at the latency of {network} and its bytes at its bandwidth")
)
def accounts_for_its_time(world: World, network: str) -> None:
    cycle, link = report(world), NETWORKS[network]
    assert cycle.round_trips >= 1 and cycle.bytes_up > 0 and cycle.bytes_down > 0, cycle
    latency = cycle.round_trips * link.latency_ms / 1000
    transfer = 8 * (cycle.bytes_up + cycle.bytes_down) / (link.bandwidth_kbps * 1000)
    assert cycle.duration_seconds >= max(latency, transfer), (cycle, latency, transfer)


@then(parsers.parse('"{user}"\'s last sync uploaded {uploaded:d} changes and rejected {rejected:d}'))
def uploaded_and_rejected(world: World, user: str, uploaded: int, rejected: int) -> None:
    last = world.reports_of(user)[-1]
    assert (last.uploaded, last.rejected) == (uploaded, rejected), last


@then(parsers.parse('"{user}"\'s last sync sent more bytes up than "{other}"\'s'))
def more_bytes_up(world: World, user: str, other: str) -> None:
    assert world.reports_of(user)[-1].bytes_up > world.reports_of(other)[-1].bytes_up, world.reports


@then(parsers.parse('"{user}"\'s last sync brought down more bytes than "{other}"\'s'))
def more_bytes_down(world: World, user: str, other: str) -> None:
    assert world.reports_of(user)[-1].bytes_down > world.reports_of(other)[-1].bytes_down, world.reports


@then(parsers.parse("the sync takes at least {minutes:d} minutes"))
def at_least(world: World, minutes: int) -> None:
    assert report(world).duration_seconds >= 60 * minutes, report(world)


@then(parsers.parse("the sync takes less than {seconds:d} seconds"))
def less_than(world: World, seconds: int) -> None:
    assert report(world).duration_seconds < seconds, report(world)


@then(parsers.parse('the sync takes less than a tenth of "{user}"\'s first sync'))
def tenth_of_first(world: World, user: str) -> None:
    assert report(world).duration_seconds < world.reports_of(user)[0].duration_seconds / 10, world.reports_of(user)


@then(parsers.parse('"{user}"\'s last sync took longer than "{other}"\'s'))
def longer(world: World, user: str, other: str) -> None:
    assert world.reports_of(user)[-1].duration_seconds > world.reports_of(other)[-1].duration_seconds


@then(parsers.parse('"{user}"\'s first sync took less time than "{other}"\'s'))
def first_faster(world: World, user: str, other: str) -> None:
    assert world.reports_of(user)[0].duration_seconds < world.reports_of(other)[0].duration_seconds


@then(parsers.parse('"{user}"\'s last sync took less time than her first'))
def later_faster(world: World, user: str) -> None:
    assert world.reports_of(user)[-1].duration_seconds < world.reports_of(user)[0].duration_seconds


@then(parsers.parse('the metadata of "{user}"\'s first sync took {factor:d} times as long as "{other}"\'s'))
def metadata_ratio(world: World, user: str, factor: int, other: str) -> None:
    mine, theirs = world.reports_of(user), world.reports_of(other)
    ratio = (mine[0].duration_seconds - mine[1].duration_seconds) / (
        theirs[0].duration_seconds - theirs[1].duration_seconds
    )
    assert abs(ratio - factor) < 0.01 * factor, ratio


@then(parsers.parse('the metadata of "{user}"\'s first sync took as long as "{other}"\'s'))
def metadata_same(world: World, user: str, other: str) -> None:
    metadata_ratio(world, user, 1, other)


@then(parsers.parse('{count:d} sync cycles ran for "{user}" in that time'))
@then(parsers.parse('{count:d} sync cycle ran for "{user}" in that time'))
def cycles_ran(world: World, count: int, user: str) -> None:
    ran = [r.user for r in world.scheduled].count(user)
    assert ran == count, f"{ran} cycles ran for {user}"


@then(parsers.parse('no sync cycle ran for "{user}" in that time'))
def no_cycle(world: World, user: str) -> None:
    assert world.scheduled, "the schedule ran no cycle at all in that time: nothing shows it runs"
    cycles_ran(world, 0, user)


@then(
    parsers.re(r'the cycles for "(?P<user>[^"]+)" in that time started (?P<minutes>\d+) minutes? apart'),
    converters={"minutes": int},
)
def started_apart(world: World, user: str, minutes: int) -> None:
    ran, seen = [r for r in world.scheduled if r.user == user], world.reports_of(user)
    starts = [instant(r.started) for r in seen[len(seen) - len(ran) - 1 :]]
    gaps = [(later - earlier).total_seconds() for earlier, later in pairwise(starts)]
    assert len(gaps) >= 2 and all(60 * minutes <= gap < 60 * (minutes + 1) for gap in gaps), gaps


@then(parsers.parse("{count:d} of the cycles in that time downloaded metadata"))
def metadata_cycles(world: World, count: int) -> None:
    refreshed = sum(r.metadata_refreshed for r in world.scheduled)
    assert refreshed == count, f"{refreshed} of {len(world.scheduled)} cycles downloaded metadata"


@then("none of the cycles in that time downloaded metadata")
def no_metadata_cycles(world: World) -> None:
    assert world.scheduled, "no cycle ran"
    metadata_cycles(world, 0)
