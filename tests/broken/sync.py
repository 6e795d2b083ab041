"""Deliberately broken implementations, each breaking one sync claim (SYN)."""

from __future__ import annotations

from harness.driver import AppModule, NetworkConditions, Outcome, Refused, SyncReport
from harness.reference import ReferenceImplementation


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
