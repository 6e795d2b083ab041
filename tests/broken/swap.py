"""Helpers for broken implementations: the reference with one concept or its devices swapped, or one refusal dropped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from harness.driver import Refused
from harness.reference import ReferenceImplementation
from harness.reference.device import Device


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


def with_device(device: type[Device]) -> type[ReferenceImplementation]:
    """The reference whose users' devices are `device`s."""

    class Broken(ReferenceImplementation):
        def device(self, user: str) -> Device | Refused:
            if user in self.security.users() and user not in self.devices:
                self.devices[user] = device(user, self.metadata, self.clock, self.table, self.planner)
            return super().device(user)

    return Broken
