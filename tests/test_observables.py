"""Every observable is checked somewhere: each field of each value the seam returns is read by a step.

The conformance suite (volume scenarios excepted) runs against the reference wrapped in `Observed`, which
hands out watched copies of every returned dataclass; a watched copy notes each of its fields that code of the
`steps` package reads (directly, or by comparing whole values). A field no step reads is an observable no
scenario checks: the test names it.
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import os
import subprocess
import sys
import typing
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from harness import driver
from harness.codec import driver_methods, method_hints
from harness.reference import ReferenceImplementation

ROOT = Path(__file__).resolve().parents[1]
LOG_VARIABLE = "OFFLINE_HARNESS_READS"

NOT_FOR_SCENARIOS: dict[str, str] = {
    "ImplementationInfo.name": "the implementation's identity: the run's summary shows it, no claim is about it",
    "ImplementationInfo.version": "the implementation's identity: the run's summary shows it, no claim is about it",
    "ImplementationInfo.protocol_version": "the handshake's concern: tests/test_seam.py checks it",
    "ImplementationInfo.capabilities": "the plugin reads it to skip the scenarios of a missing capability",
}
"""Fields no scenario should assert, each with the reason."""


def returned_types() -> dict[str, type]:
    """Every dataclass the seam returns, directly or inside another returned value, by name."""
    found: dict[str, type] = {}

    def visit(hint: object) -> None:
        if dataclasses.is_dataclass(hint) and isinstance(hint, type) and hint.__name__ not in found:
            found[hint.__name__] = hint
            for value in typing.get_type_hints(hint, vars(driver)).values():
                visit(value)
        for argument in typing.get_args(hint):
            visit(argument)

    for name in driver_methods():
        visit(method_hints(name)[1])
    return found


def observables() -> set[str]:
    """'Type.field' for every field of every returned dataclass."""
    return {f"{name}.{f.name}" for name, cls in returned_types().items() for f in dataclasses.fields(cls)}


# -- the watching wrapper (runs inside the conformance suite's process) ----------------------------
READS: set[str] = set()
_WATCHED: dict[type, type] = {}
_GO_BETWEEN = frozenset({__name__, driver.__name__})
"""Modules whose frames read on someone else's behalf: this watcher, and the dataclasses' generated methods."""


def _read_by_a_step(frame: FrameType | None) -> bool:
    """Whether the code reading a field, past the go-betweens, belongs to the steps package."""
    while frame is not None and frame.f_globals.get("__name__") in _GO_BETWEEN:
        frame = frame.f_back
    return frame is not None and str(frame.f_globals.get("__name__", "")).startswith("steps")


def _watched_class(cls: type) -> type:
    """A subclass of the seam type `cls` whose field reads are noted in READS."""
    if cls not in _WATCHED:
        names = {f.name for f in dataclasses.fields(cls)}

        def note(self: object, attribute: str) -> Any:
            if attribute in names and _read_by_a_step(sys._getframe(1)):
                READS.add(f"{cls.__name__}.{attribute}")
            return object.__getattribute__(self, attribute)

        def equal(self: object, other: object) -> bool:
            return isinstance(other, cls) and all(getattr(self, n) == getattr(other, n) for n in sorted(names))

        members = {"__getattribute__": note, "__eq__": equal, "__hash__": cls.__hash__, "__module__": cls.__module__}
        _WATCHED[cls] = type(cls.__name__, (cls,), members)
    return _WATCHED[cls]


def watch(value: Any) -> Any:
    """`value` with every seam dataclass in it (in lists too) replaced by a watched copy."""
    if isinstance(value, list):
        return [watch(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: watch(object.__getattribute__(value, f.name)) for f in dataclasses.fields(value)}
        return _watched_class(type(value))(**fields)
    return value


class Observed:
    """The reference behind the seam, returning watched values (an `--impl` factory)."""

    def __init__(self) -> None:
        self.inner = ReferenceImplementation()

    def __getattr__(self, name: str) -> Callable[..., Any]:
        target = getattr(self.inner, name)
        return lambda *args, **kwargs: watch(target(*args, **kwargs))


def _write_reads() -> None:
    if path := os.environ.get(LOG_VARIABLE):
        Path(path).write_text(json.dumps(sorted(READS)))


atexit.register(_write_reads)


# -- the tests --------------------------------------------------------------------------------------
def test_the_seam_returns_the_types_the_suite_reads() -> None:
    assert {"SyncReport", "SyncError", "QueuedChange", "PublishResult", "Finding", "Refused"} <= set(returned_types())
    assert {"SyncReport.bytes_up", "Finding.limit", "Attachment.source"} <= observables()


def test_the_lists_name_only_fields_the_seam_returns() -> None:
    assert set(NOT_FOR_SCENARIOS) <= observables()


def test_a_watched_value_notes_only_what_steps_read_and_still_equals_the_plain_one() -> None:
    plain = driver.SyncError("E1", "2020-08-28T00:00:00Z", "account", "a-1", "update", "privilege", "no")
    watched = watch([plain])[0]
    READS.clear()
    assert watched.type == "privilege" and watched == plain and isinstance(watched, driver.SyncError)
    assert not READS, "a read by this test is no step's read"
    step = {"__name__": "steps.example", "error": watched}
    exec("seen = error.type", step)
    assert sorted(READS) == ["SyncError.type"]


def test_every_observable_is_read_by_some_scenario(tmp_path: Path) -> None:
    log = tmp_path / "reads.json"
    command = [
        sys.executable,
        "-m",
        "pytest",
        "steps",
        "-q",
        "-m",
        "not volume",
        "--impl",
        "tests.test_observables:Observed",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT), LOG_VARIABLE: str(log)}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    read = set(json.loads(log.read_text()))
    excused = set(NOT_FOR_SCENARIOS)
    unread = observables() - read - excused
    stale = excused & read
    assert not unread, "fields the seam returns that no scenario reads:\n  " + "\n  ".join(sorted(unread))
    assert not stale, f"listed as unread, yet a scenario reads them (take them off the list): {sorted(stale)}"
