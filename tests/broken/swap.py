"""Helpers for broken implementations: the reference built with some parts swapped, or one refusal dropped."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any, Unpack

from harness.driver import Refused
from harness.reference import ReferenceImplementation, build
from harness.reference.editions import DEFAULT_EDITION
from harness.reference.subscription import Judge, Membership
from harness.reference.wiring import Overrides

Factory = Callable[[], ReferenceImplementation]


def swapping(**overrides: Unpack[Overrides]) -> Factory:
    """A factory of the reference with some parts built from other classes (see `harness.reference.wiring`)."""
    return functools.partial(build, **overrides)


def judged_by(judge: type[Judge]) -> Factory:
    """The reference working out every user's subscription with `judge`."""
    membership = type(f"MembershipBy{judge.__name__}", (Membership,), {"judge": judge})
    return swapping(membership=membership)


def with_limits(**edition_changes: Any) -> Factory:
    """The reference with other limits."""
    return swapping(edition=dataclasses.replace(DEFAULT_EDITION, **edition_changes))


def ignoring(concept: type, method: str, claim: str) -> type:
    """A subclass of `concept` whose `method` no longer refuses for `claim`: it lets the thing through."""

    def let_through(self: Any, *args: Any) -> Any:
        found = getattr(super(broken, self), method)(*args)
        return None if isinstance(found, Refused) and found.claim == claim else found

    broken = type(f"{concept.__name__}Ignoring{claim.replace('-', '')}", (concept,), {method: let_through})
    return broken
