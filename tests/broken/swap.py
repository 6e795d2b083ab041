"""Helpers for broken implementations: the reference with one part swapped (a concept, profiles, devices)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from harness.driver import Refused
from harness.reference import ReferenceImplementation
from harness.reference.device import Device
from harness.reference.editions import DEFAULT_EDITION
from harness.reference.profiles import Profiles
from harness.reference.server import ServerStore
from harness.reference.subscription import Subscription


def swapping(name: str, concept: Callable[[ReferenceImplementation], object]) -> type[ReferenceImplementation]:
    """The reference with its concept `name` (forms, flows, views, search_index, timeline) built by `concept`."""

    class Broken(ReferenceImplementation):
        def __init__(self) -> None:
            super().__init__()
            setattr(self, name, concept(self))
            self.views.flows = self.flows

    return Broken


def ignoring(concept: type, method: str, claim: str) -> type:
    """A subclass of `concept` whose `method` no longer refuses for `claim`: it lets the thing through."""

    def let_through(self: Any, *args: Any) -> Any:
        found = getattr(super(broken, self), method)(*args)
        return None if isinstance(found, Refused) and found.claim == claim else found

    broken = type(f"{concept.__name__}Ignoring{claim.replace('-', '')}", (concept,), {method: let_through})
    return broken


def with_profiles(profiles: type[Profiles], **edition_changes: int) -> type[ReferenceImplementation]:
    """The reference with other profile behaviour and/or other limits."""

    class Broken(ReferenceImplementation):
        def __init__(self) -> None:
            super().__init__()
            edition = dataclasses.replace(DEFAULT_EDITION, **edition_changes)
            self.profiles = profiles(self.metadata, self.security, self.clock, self.server, self.table, edition)

    return Broken


def with_subscription(subscription: type[Subscription]) -> type[ReferenceImplementation]:
    """The reference computing every user's subscription with `subscription`."""

    class Subscribing(Profiles):
        def subscription(self, user: str, server: ServerStore) -> dict[str, set[str]]:
            return subscription(self, user, server).compute()

    return with_profiles(Subscribing)


def with_device(device: type[Device]) -> type[ReferenceImplementation]:
    """The reference whose users' devices are `device`s."""

    class Broken(ReferenceImplementation):
        def device(self, user: str) -> Device | Refused:
            if user in self.security.users() and user not in self.devices:
                self.devices[user] = device(user, self.metadata, self.clock, self.table, self.planner)
            return super().device(user)

    return Broken


def built_with(**concepts: Any) -> type[ReferenceImplementation]:
    """The reference built with other concept classes (`planner`, `security`, `server`, `cycle`)."""

    class Broken(ReferenceImplementation):
        def __init__(self) -> None:
            super().__init__(**concepts)

    return Broken
