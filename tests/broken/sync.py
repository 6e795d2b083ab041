"""Deliberately broken implementations, each breaking one sync claim (SYN)."""

from __future__ import annotations

import copy
import dataclasses

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
from harness.reference import ReferenceImplementation
from harness.reference.changes import Change
from harness.reference.delta import Delta
from harness.reference.profiles import Profiles
from harness.reference.session import Session
from harness.reference.sync import Cycle
from harness.reference.views import Views
from tests.broken.swap import built_with, swapping, with_profiles


class SYN_1(ReferenceImplementation):
    """Every profile item syncs every five minutes, whatever its own interval."""

    def _intervals(self, user: str) -> dict[str, float]:
        return dict.fromkeys(super()._intervals(user), 300.0)


class SYN_2(ReferenceImplementation):
    """A cycle's duration counts round trips only: bytes cost nothing, whatever the bandwidth."""

    def set_network(self, user: str, conditions: NetworkConditions) -> Outcome:
        return super().set_network(user, NetworkConditions(conditions.latency_ms, 1e12))


class SYN_3(ReferenceImplementation):
    """Finishing a cycle throws away the writes the user made while it ran."""

    def finish_sync(self, user: str) -> SyncReport | Refused:
        report = super().finish_sync(user)
        self.devices[user].queue.clear()
        return report


class SYN_MD(ReferenceImplementation):
    """The offline app modules are ignored: metadata always covers the profile's entities."""

    def set_offline_app_modules(self, modules: list[AppModule]) -> Outcome:
        return None


# -- SYN-1: the schedule ---------------------------------------------------------------------------
class SYN_1__intervals_learnt_once(ReferenceImplementation):
    """A device learns its intervals at its first sync and keeps them."""

    def __init__(self) -> None:
        super().__init__()
        self.learnt: dict[str, dict[str, float]] = {}

    def _complete(self, cycle: Cycle) -> SyncReport:
        report = super()._complete(cycle)
        self.learnt.setdefault(cycle.device.user, super()._intervals(cycle.device.user))
        return report

    def _intervals(self, user: str) -> dict[str, float]:
        return self.learnt.get(user) or super()._intervals(user)


class SYN_1__refused_profile_sets_intervals(ReferenceImplementation):
    """The schedule takes its intervals from every profile the administrator tries to publish, refused or not."""

    def __init__(self) -> None:
        super().__init__()
        self.schedule: dict[str, dict[str, float]] = {}

    def publish_profile(self, profile: ProfileDefinition) -> PublishResult:
        for user in self.profiles.users_of(profile):
            self.schedule[user] = {item.entity: 60.0 * item.sync_interval_minutes for item in profile.items}
        return super().publish_profile(profile)

    def _intervals(self, user: str) -> dict[str, float]:
        return self.schedule.get(user) or super()._intervals(user)


# -- SYN-2: what a cycle costs ---------------------------------------------------------------------
class _FreeUploads(Cycle):
    def _upload(self, batch: list[Change]) -> None:
        before = dataclasses.replace(self.transfer)
        super()._upload(batch)
        self.transfer = before


SYN_2__uploads_cost_nothing = built_with(cycle=_FreeUploads)
"""Uploading changes costs no bytes and no time: only the download counts."""


class _Unmetered(Cycle):
    def report(self, completed: bool) -> SyncReport:
        return dataclasses.replace(super().report(completed), bytes_up=0, bytes_down=0, round_trips=0)


SYN_2__traffic_unreported = built_with(cycle=_Unmetered)
"""A cycle's report gives its duration but none of the bytes or round trips it took."""


# -- SYN-3: working while a cycle runs -------------------------------------------------------------
class SYN_3__reads_blocked(ReferenceImplementation):
    """While a cycle runs the store is locked: a read succeeds but shows no record."""

    def run_command(
        self, user: str, entity: str, command: Command, record_id: str | None = None, fields: Fields | None = None
    ) -> CommandResult | Refused:
        result = super().run_command(user, entity, command, record_id, fields)
        if user in self.cycles and command == "read" and isinstance(result, CommandResult):
            return dataclasses.replace(result, record=None)
        return result


class _RestoresDeleted(Cycle):
    def _commit(self, delta: Delta, entities: set[str], privileges_changed: bool) -> None:
        super()._commit(delta, entities, privileges_changed)
        for change in self.device.queue:
            if change.action == "delete" and (record := self.server.get(change.entity, change.record_id)):
                self.device.store.setdefault(change.entity, {})[change.record_id] = copy.deepcopy(record)


SYN_3__download_restores_deleted = built_with(cycle=_RestoresDeleted)
"""The download protects records with a change waiting, but brings back those deleted while the cycle ran."""


# -- SYN-MD: what the metadata costs ---------------------------------------------------------------
class _PerModule(Profiles):
    def metadata_entities(self, user: str) -> list[str]:
        return [entity for module in self.app_modules for entity in module.entities] or super().metadata_entities(user)


SYN_MD__modules_counted_apart = with_profiles(_PerModule)
"""An entity in two offline app modules has its metadata downloaded twice."""


# -- SYN-VW: which views work offline --------------------------------------------------------------
def _views_judged_by(outside: type[Views]) -> type[ReferenceImplementation]:
    return swapping("views", lambda impl: outside(impl.metadata, impl.security, impl.flows))


class _FirstLinkOnly(Views):
    def outside_profile(self, session: Session, view: ViewDefinition) -> list[str]:
        return super().outside_profile(session, dataclasses.replace(view, linked=view.linked[:1]))


class SYN_VW__live_profile(ReferenceImplementation):
    """Offline, a view is judged against the profile on the server now, not the one the device last synced."""

    def __init__(self) -> None:
        super().__init__()
        profiles = self.profiles

        class Live(Views):
            def outside_profile(self, session: Session, view: ViewDefinition) -> list[str]:
                return sorted({linked.entity for linked in view.linked} - profiles.offline_entities(session.user))

        self.views = Live(self.metadata, self.security, self.flows)


SYN_VW__first_link_only = _views_judged_by(_FirstLinkOnly)
"""A view is judged by its first linked column only."""
