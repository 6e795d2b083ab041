"""Wiring: every part of the reference built once, in dependency order, in one place.

`parts(**overrides)` takes, for any part, the class to build it with (a subclass, for a broken implementation or
another store) or, for the values, the value itself: `parts(server=Renumbering)`, `parts(table=other_table)`,
`parts(store=lambda user: SQLiteStore(...))` (a store per user's device).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from harness.reference.clock import SimulatedClock
from harness.reference.commands import Planner
from harness.reference.device import Device, MemoryStore, StoreFactory
from harness.reference.editions import DEFAULT_EDITION, Edition
from harness.reference.entity_table import PAGE_TABLE, OfflineTable
from harness.reference.fleet import Fleet
from harness.reference.flows import Flows
from harness.reference.forms import Forms
from harness.reference.gate import OfflineGate
from harness.reference.metadata import Metadata
from harness.reference.profiles import Profiles
from harness.reference.search import Search
from harness.reference.security import SecurityModel
from harness.reference.server import ServerStore
from harness.reference.subscription import Membership
from harness.reference.sync import Cycle
from harness.reference.timeline import Timeline
from harness.reference.views import Views
from harness.reference.writes import WritePath


class Overrides(TypedDict, total=False):
    """The parts a test may swap: classes to build a part with, or values."""

    table: OfflineTable
    edition: Edition
    store: StoreFactory
    device: type[Device]
    planner: type[Planner]
    security: type[SecurityModel]
    server: type[ServerStore]
    profiles: type[Profiles]
    membership: type[Membership]
    gate: type[OfflineGate]
    cycle: type[Cycle]
    fleet: type[Fleet]
    writes: type[WritePath]
    forms: type[Forms]
    flows: type[Flows]
    views: type[Views]
    search: type[Search]
    timeline: type[Timeline]


@dataclass(frozen=True)
class Parts:
    """The reference's parts, each built once and shared."""

    clock: SimulatedClock
    metadata: Metadata
    security: SecurityModel
    server: ServerStore
    profiles: Profiles
    gate: OfflineGate
    fleet: Fleet
    flows: Flows
    forms: Forms
    views: Views
    search: Search
    timeline: Timeline
    writes: WritePath


def clone(wired: Parts) -> Parts:
    """An independent copy of wired parts, of the same classes: the server's tables, log and indexes are copied
    outright (its records, never changed in place, are shared); every other part is deep-copied, the caches of
    worked-out answers left behind."""
    memo: dict[int, Any] = {id(wired.security._cache): {}}  # worked out again on demand
    metadata = copy.deepcopy(wired.metadata, memo)
    security = copy.deepcopy(wired.security, memo)
    clock = copy.deepcopy(wired.clock, memo)
    memo[id(wired.server)] = wired.server.copy(metadata, security, clock)
    copied: Parts = copy.deepcopy(wired, memo)
    return copied


def parts(**overrides: Unpack[Overrides]) -> Parts:
    """Build every part, each from its override if one is given."""
    table, edition = overrides.get("table", PAGE_TABLE), overrides.get("edition", DEFAULT_EDITION)
    planner = overrides.get("planner", Planner)
    clock = SimulatedClock()
    metadata = Metadata()
    security = overrides.get("security", SecurityModel)(metadata)
    server = overrides.get("server", ServerStore)(metadata, security, clock, planner)
    membership = overrides.get("membership", Membership)
    profiles = overrides.get("profiles", Profiles)(metadata, security, clock, server, table, edition, membership)
    gate = overrides.get("gate", OfflineGate)(table, metadata)
    store = overrides.get("store", lambda user: MemoryStore())
    cycle, device = overrides.get("cycle", Cycle), overrides.get("device", Device)
    fleet = overrides.get("fleet", Fleet)(clock, server, security, profiles, store, cycle, device)
    flows = overrides.get("flows", Flows)(metadata)
    forms = overrides.get("forms", Forms)(metadata, flows.stage_shown)
    views = overrides.get("views", Views)(metadata, security, flows)
    search = overrides.get("search", Search)(metadata)
    timeline = overrides.get("timeline", Timeline)(metadata)
    writes = overrides.get("writes", WritePath)(
        metadata, server, gate, clock, fleet, forms.check_save, flows.after_command, planner
    )
    return Parts(
        clock, metadata, security, server, profiles, gate, fleet, flows, forms, views, search, timeline, writes
    )
