"""Finding the implementation under test from an `--impl` spec (a name, `module:factory`, `json:<spec>`, or
`cmd:<command line>` for a process speaking the stdio protocol), and checking what it declares before any scenario
runs."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

from harness import capabilities
from harness.codec import JsonRoundTrip
from harness.driver import PROTOCOL_VERSION, Driver, ImplementationInfo
from harness.errors import ConfigurationError
from harness.guard import Guarded
from harness.transport.client import DEFAULT_TIMEOUT, PeerFactory

ENTRY_POINT_GROUP = "offline_harness.implementations"
BUILT_IN = {
    "reference": "harness.reference:ReferenceImplementation",
    "reference-sqlite": "harness.reference:with_sqlite_store",
}

Factory = Callable[[], Driver]


@dataclass(frozen=True)
class Implementation:
    """An implementation ready to run: its factory (a fresh driver per scenario) and what it declared."""

    spec: str
    factory: Factory
    info: ImplementationInfo

    def close(self) -> None:
        """End the run: an out-of-process implementation is shut down (it restarts if used again)."""
        _close(self.factory)


@dataclass(frozen=True)
class PeerOptions:
    """How `cmd:` implementations are run: the time limit of one call, and where to trace the traffic."""

    call_timeout: float = DEFAULT_TIMEOUT
    trace: Path | None = None


def load_implementation(spec: str, peer: PeerOptions = PeerOptions()) -> Implementation:
    """Resolve `spec`, make one driver and validate its `describe()`; any problem is one ConfigurationError."""
    factory = load_factory(spec, peer)
    try:
        probe = factory()
        info = Guarded(probe, spec).describe()
    except Exception as error:
        _close(factory)
        raise ConfigurationError(f"--impl {spec!r}: could not start it: {error}") from error
    if problem := describe_problem(info):
        _close(factory)
        raise ConfigurationError(f"--impl {spec!r}: describe() {problem}")
    close = getattr(probe, "close", None)
    if callable(close):
        close()
    return Implementation(spec, factory, info)


def describe_problem(info: ImplementationInfo) -> str | None:
    """Why `info` is not an acceptable answer to describe(), or None."""
    if not isinstance(info, ImplementationInfo):
        return f"must answer an ImplementationInfo, not {type(info).__name__}"
    if not info.name or not isinstance(info.name, str):
        return "names no implementation"
    major = str(info.protocol_version).split(".")[0]
    if major != PROTOCOL_VERSION.split(".")[0]:
        return f"speaks protocol {info.protocol_version!r}; this harness speaks {PROTOCOL_VERSION!r}"
    if not isinstance(info.capabilities, list) or not all(isinstance(c, str) for c in info.capabilities):
        return "must list its capabilities as names"
    if unknown := capabilities.unknown(info.capabilities):
        known = ", ".join(capabilities.CAPABILITIES)
        return f"declares unknown capabilities {unknown} (known: {known})"
    return None


def load_factory(spec: str, peer: PeerOptions = PeerOptions()) -> Factory:
    """A callable returning a fresh driver per scenario; a bad spec is a ConfigurationError naming it."""
    if spec.startswith("cmd:"):
        return PeerFactory(spec.removeprefix("cmd:"), peer.call_timeout, peer.trace)
    if spec.startswith("json:"):
        inner = load_factory(spec.removeprefix("json:"))
        return lambda: JsonRoundTrip(inner())
    if ":" not in spec:
        return _named(spec)
    module_name, _, attribute = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise ConfigurationError(f"--impl {spec!r}: cannot import {module_name!r} ({error})") from error
    factory = getattr(module, attribute, None)
    if not callable(factory):
        raise ConfigurationError(f"--impl {spec!r}: {module_name} has no callable {attribute!r}")
    return factory  # type: ignore[no-any-return]


def _close(factory: Factory) -> None:
    shutdown = getattr(factory, "shutdown", None)
    if callable(shutdown):
        shutdown()


def _named(name: str) -> Factory:
    if name in BUILT_IN:
        return load_factory(BUILT_IN[name])
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name == name:
            return entry.load()  # type: ignore[no-any-return]
    known = sorted([*BUILT_IN, *(e.name for e in entry_points(group=ENTRY_POINT_GROUP))])
    raise ConfigurationError(f"--impl {name!r}: no such implementation; known: {', '.join(known)} or module:factory")
