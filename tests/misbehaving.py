"""Implementations that misbehave as adapters (not as products): each must be scored apart from product failures."""

from __future__ import annotations

from typing import Any

from harness.driver import PROTOCOL_VERSION, ImplementationInfo, SyncReport
from harness.reference import ReferenceImplementation


class RaisingSync(ReferenceImplementation):
    """Its sync raises a stray exception: an implementation error, never a failed claim."""

    def sync(self, user: str) -> Any:
        raise RuntimeError("the sync engine lost its cursor")


class NoSync(ReferenceImplementation):
    """It has no sync method at all: the scenarios that sync are skipped as unsupported."""

    sync = None  # type: ignore[assignment]


class WrongAnswer(ReferenceImplementation):
    """Its sync answers a string where the seam allows a SyncReport or a Refused value."""

    def sync(self, user: str) -> SyncReport:
        return "done"  # type: ignore[return-value]


class FutureProtocol(ReferenceImplementation):
    """It speaks a protocol version this harness does not."""

    def describe(self) -> ImplementationInfo:
        return ImplementationInfo("future", "9.9", "99.0", ["entities"])


class UnknownCapability(ReferenceImplementation):
    """It declares a capability nobody knows."""

    def describe(self) -> ImplementationInfo:
        return ImplementationInfo("odd", "1.0", "1.0", ["entities", "telepathy"])


def failing_factory() -> ReferenceImplementation:
    """A factory that cannot make an implementation."""
    raise OSError("the database file is locked")


class WithoutViews(ReferenceImplementation):
    """A partial implementation: it declares every capability but views."""

    def describe(self) -> ImplementationInfo:
        capabilities = [name for name in super().describe().capabilities if name != "views"]
        return ImplementationInfo("partial", "1.0", PROTOCOL_VERSION, capabilities)
