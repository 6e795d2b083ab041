"""Deliberately broken implementations, each breaking one sync claim (SYN)."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field

from harness.driver import (
    AppModule,
    Command,
    CommandResult,
    Fields,
    NetworkConditions,
    Outcome,
    ProfileDefinition,
    PublishResult,
    Refused,
    SyncReport,
    ViewDefinition,
)
from harness.reference.changes import Change
from harness.reference.delta import Delta
from harness.reference.device import Snapshot
from harness.reference.fleet import Fleet
from harness.reference.profiles import Profiles
from harness.reference.server import ServerStore
from harness.reference.subscription import Advance, Ids, Membership, ProfileView, Scope
from harness.reference.sync import ATTEMPTED, Cycle
from harness.reference.views import Views
from harness.reference.writes import Session, WritePath
from tests.broken.swap import swapping


class _EveryFiveMinutes(Fleet):
    def intervals(self, user: str) -> dict[str, float]:
        return dict.fromkeys(super().intervals(user), 300.0)


SYN_1 = swapping(fleet=_EveryFiveMinutes)
"""Every profile item syncs every five minutes, whatever its own interval."""


class _BytesCostNothing(Fleet):
    def set_network(self, user: str, conditions: NetworkConditions) -> Outcome:
        return super().set_network(user, NetworkConditions(conditions.latency_ms, 1e12))


SYN_2 = swapping(fleet=_BytesCostNothing)
"""A cycle's duration counts round trips only: bytes cost nothing, whatever the bandwidth."""


class _LosesWritesDuringSync(Fleet):
    def finish_sync(self, user: str) -> SyncReport | Refused:
        report = super().finish_sync(user)
        store = self.devices[user].store
        for change in store.queue():
            store.remove(change)
        return report


SYN_3 = swapping(fleet=_LosesWritesDuringSync)
"""Finishing a cycle throws away the writes the user made while it ran."""


class _NoAppModules(Profiles):
    def set_offline_app_modules(self, modules: list[AppModule]) -> Outcome:
        return None


SYN_MD = swapping(profiles=_NoAppModules)
"""The offline app modules are ignored: metadata always covers the profile's entities."""


# -- SYN-1: the schedule ---------------------------------------------------------------------------
@dataclass
class _IntervalsLearntOnce(Fleet):
    learnt: dict[str, dict[str, float]] = field(default_factory=dict)

    def _complete(self, cycle: Cycle) -> SyncReport:
        report = super()._complete(cycle)
        self.learnt.setdefault(cycle.device.user, super().intervals(cycle.device.user))
        return report

    def intervals(self, user: str) -> dict[str, float]:
        return self.learnt.get(user) or super().intervals(user)


SYN_1__intervals_learnt_once = swapping(fleet=_IntervalsLearntOnce)
"""A device learns its intervals at its first sync and keeps them."""


class _TwoMinutesAtLeast(Fleet):
    def intervals(self, user: str) -> dict[str, float]:
        return {entity: max(120.0, seconds) for entity, seconds in super().intervals(user).items()}


SYN_1__two_minutes_at_least = swapping(fleet=_TwoMinutesAtLeast)
"""No item syncs more often than every two minutes: a one-minute interval is stretched."""


@dataclass
class _TriedProfiles(Profiles):
    tried: dict[str, dict[str, float]] = field(default_factory=dict)

    def publish(self, profile: ProfileDefinition) -> PublishResult:
        for user in self.users_of(profile):
            self.tried[user] = {item.entity: 60.0 * item.sync_interval_minutes for item in profile.items}
        return super().publish(profile)


class _TriedIntervals(Fleet):
    def intervals(self, user: str) -> dict[str, float]:
        tried: dict[str, dict[str, float]] = getattr(self.profiles, "tried", {})
        return tried.get(user) or super().intervals(user)


SYN_1__refused_profile_sets_intervals = swapping(profiles=_TriedProfiles, fleet=_TriedIntervals)
"""The schedule takes its intervals from every profile the administrator tries to publish, refused or not."""


class _OnlyThisCycleAttempted(Cycle):
    def begin(self) -> None:
        self.device.store.set_meta(ATTEMPTED, {})
        super().begin()


SYN_1__other_items_rescheduled_by_each_cycle = swapping(cycle=_OnlyThisCycleAttempted)
"""Each cycle remembers only the items it was due for: an item with a longer interval comes down at the next cycle."""


class _ProfileChangesWaitForTheSchedule(Cycle):
    def _entities(
        self, scope: Scope, membership: Membership, touched: Ids, privileges_changed: bool, profile_changed: bool
    ) -> set[str]:
        return super()._entities(scope, membership, touched, privileges_changed, False)


SYN_1__profile_change_waits_for_each_item = swapping(cycle=_ProfileChangesWaitForTheSchedule)
"""A published profile reaches each item only when that item next falls due."""


class _ReshapingNotARescope(Membership):
    def _replace(self, fresh: Membership, changed: Ids, rescoped: bool) -> Advance:
        return super()._replace(fresh, changed, False)


SYN_1__reshaping_profile_waits_for_each_item = swapping(membership=_ReshapingNotARescope)
"""A published profile that reshapes the subscription (a new association) reaches each item only when it falls due."""


class _AnyAdministratorChangeRescopes(Membership):
    def advance(self, scope: Scope, server: ServerStore) -> Advance:
        before = self.scope.profile
        found = super().advance(scope, server)
        found.rescoped = found.rescoped or scope.profile is not before
        return found


SYN_1__unchanged_profile_brings_every_item = swapping(membership=_AnyAdministratorChangeRescopes)
"""Any administrator's change to profiles or org data filters, even one that leaves the user's profile as it was, brings
every item down at the next cycle, due or not."""


# -- SYN-2: what a cycle costs ---------------------------------------------------------------------
class _FreeUploads(Cycle):
    def _upload(self, batch: list[Change]) -> None:
        before = dataclasses.replace(self.transfer)
        super()._upload(batch)
        self.transfer = before


SYN_2__uploads_cost_nothing = swapping(cycle=_FreeUploads)
"""Uploading changes costs no bytes and no time: only the download counts."""


class _Unmetered(Cycle):
    def report(self, completed: bool) -> SyncReport:
        return dataclasses.replace(super().report(completed), bytes_up=0, bytes_down=0, round_trips=0)


SYN_2__traffic_unreported = swapping(cycle=_Unmetered)
"""A cycle's report gives its duration but none of the bytes or round trips it took."""


class _FlatRateUploads(Cycle):
    def _upload(self, batch: list[Change]) -> None:
        before = self.transfer.bytes_up
        super()._upload(batch)
        self.transfer.bytes_up = before + 100 * len(batch)


SYN_2__changes_counted_not_sized = swapping(cycle=_FlatRateUploads)
"""Each uploaded change costs the same bytes whatever it carries: a bigger change takes no longer."""


# -- SYN-3: working while a cycle runs -------------------------------------------------------------
class _ReadsBlocked(WritePath):
    def run(
        self, session: Session, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        result = super().run(session, entity, command, record_id, fields)
        if self.devices.busy(session.user) and command == "read" and isinstance(result, CommandResult):
            return dataclasses.replace(result, record=None)
        return result


SYN_3__reads_blocked = swapping(writes=_ReadsBlocked)
"""While a cycle runs the store is locked: a read succeeds but shows no record."""


class _RestoresDeleted(Cycle):
    def _commit(self, delta: Delta, entities: set[str], snapshot: Snapshot, advance: Advance) -> None:
        super()._commit(delta, entities, snapshot, advance)
        store = self.device.store
        for change in store.queue():
            if change.action == "delete" and (record := self.server.get(change.entity, change.record_id)):
                store.put(change.entity, copy.deepcopy(record), self.server.version_of(change.entity, change.record_id))


SYN_3__download_restores_deleted = swapping(cycle=_RestoresDeleted)
"""The download protects records with a change waiting, but brings back those deleted while the cycle ran."""


# -- SYN-MD: what the metadata costs ---------------------------------------------------------------
class _PerModule(Profiles):
    def view(self, user: str) -> ProfileView:
        found = super().view(user)
        counted = tuple(entity for module in self.app_modules for entity in module.entities)
        return dataclasses.replace(found, metadata_entities=counted or found.metadata_entities)


SYN_MD__modules_counted_apart = swapping(profiles=_PerModule)
"""An entity in two offline app modules has its metadata downloaded twice."""


# -- SYN-VW: which views work offline --------------------------------------------------------------
class _FirstLinkOnly(Views):
    def outside_profile(self, session: Session, view: ViewDefinition) -> list[str]:
        return super().outside_profile(session, dataclasses.replace(view, linked=view.linked[:1]))


class _LiveProfile(Views):
    def outside_profile(self, session: Session, view: ViewDefinition) -> list[str]:
        live = session.path.devices.profiles.view(session.user).entities  # type: ignore[attr-defined]
        return sorted({linked.entity for linked in view.linked} - live)


SYN_VW__live_profile = swapping(views=_LiveProfile)
"""Offline, a view is judged against the profile on the server now, not the one the device last synced."""

SYN_VW__first_link_only = swapping(views=_FirstLinkOnly)
"""A view is judged by its first linked column only."""
