"""Deliberately broken implementations, each breaking one sync claim (SYN)."""

from __future__ import annotations

from harness.driver import AppModule, NetworkConditions, Outcome, Refused, SyncReport
from harness.reference.fleet import Fleet
from harness.reference.profiles import Profiles
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
