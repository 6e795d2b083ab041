"""Finding the implementation under test from an `--impl` spec: a name, `module:factory`, or `json:<spec>`."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import entry_points

from harness.codec import JsonRoundTrip
from harness.driver import Driver
from harness.errors import ConfigurationError

ENTRY_POINT_GROUP = "offline_harness.implementations"
BUILT_IN = {"reference": "harness.reference:ReferenceImplementation"}

Factory = Callable[[], Driver]


def load_factory(spec: str) -> Factory:
    """A callable returning a fresh driver per scenario; a bad spec is a ConfigurationError naming it."""
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


def _named(name: str) -> Factory:
    if name in BUILT_IN:
        return load_factory(BUILT_IN[name])
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name == name:
            return entry.load()  # type: ignore[no-any-return]
    known = sorted([*BUILT_IN, *(e.name for e in entry_points(group=ENTRY_POINT_GROUP))])
    raise ConfigurationError(f"--impl {name!r}: no such implementation; known: {', '.join(known)} or module:factory")
