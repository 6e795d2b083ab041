"""Bad input through the seam (REL-BAD): every driver method, called with one argument made bad, answers a clear
refusal naming what is wrong (or, where it cannot refuse, its empty value), never raises, and changes nothing.

Each method gets BAD_INPUT_EXAMPLES drawn bad calls (default 25) against one world built through the seam; every
call is checked against what the world looked like before the first. BAD_INPUT_SEED replays a seed (printed on
failure).
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import hypothesis
import pytest
from hypothesis import HealthCheck, given, settings

from harness.arguments import NAMING, misfit, refusal
from harness.codec import driver_methods, method_hints
from harness.driver import Driver, PublishResult, Refused
from harness.errors import Unsupported
from harness.guard import Guarded
from harness.implementations import load_implementation
from tests.bad_calls import GOOD, PREPARE, Spoil, World, build, observe, spoils
from tests.seeding import constants_of

EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "25"))
SEED = int(os.environ.get("BAD_INPUT_SEED") or random.SystemRandom().randrange(2**32))
IMPLEMENTATION = load_implementation(os.environ.get("OFFLINE_HARNESS_IMPL", "reference"))
METHODS = sorted(set(driver_methods()) - {"describe", "now"})
OTHER_CLAIMS = {("retry_sync_error", "error_id", "unknown"): "REL-ERR", ("notes", "record_id", "unknown"): "CAP-TL"}
"""Bad input a scenario of another claim expects refused under that claim: a sync error that is not there (REL-ERR);
offline, the notes of a record the device does not hold (CAP-TL: a device cannot tell a record its profile left
out from one that does not exist). A blank name (harness.arguments.NAMING) is malformed whatever it names: REL-BAD."""

SECURED_COLUMN_FIRST = {("run_command", "fields")}
"""Offline, a value for a column under field-level security may be refused for the column (SEC-5, naming it) before
its value is looked at: either refusal is one clear line and changes nothing."""


@contextmanager
def fresh(method: str) -> Iterator[tuple[Driver, World]]:
    """A new implementation behind the guard, the world built in it and what `method` needs first; closed after."""
    made = IMPLEMENTATION.factory()
    driver: Driver = Guarded(made, IMPLEMENTATION.info.name)  # type: ignore[assignment]
    world = build(driver)
    PREPARE.get(method, lambda d: None)(driver)
    try:
        yield driver, world
    finally:
        getattr(made, "close", lambda: None)()


def call(driver: Driver, method: str, arguments: dict[str, Any]) -> Any:
    """Call `method` with `arguments`; a missing capability skips the test."""
    try:
        return getattr(driver, method)(**arguments)
    except Unsupported as missing:
        pytest.skip(f"{method}: {missing}")


def check_refused(method: str, spoil: Spoil, outcome: Any) -> None:
    """The outcome is the seam's refusal of a bad call, one line naming what is wrong (a method that cannot refuse:
    its empty value)."""
    empty = refusal(method, "")
    if isinstance(empty, Refused):
        assert isinstance(outcome, Refused), f"{spoil} was not refused: {outcome!r}"
        blank = spoil.parameter in NAMING and isinstance(spoil.value, str) and not spoil.value.strip()
        other = None if blank else OTHER_CLAIMS.get((method, spoil.parameter, spoil.kind))
        if outcome.claim == "SEC-5" and (method, spoil.parameter) in SECURED_COLUMN_FIRST:
            assert any(f".{name} is secured" in outcome.reason for name in spoil.names), outcome
        else:
            assert outcome.claim == (other or "REL-BAD"), outcome
        reason = outcome.reason
    elif isinstance(empty, PublishResult):
        assert isinstance(outcome, PublishResult) and not outcome.published and outcome.errors, outcome
        reason = outcome.errors[0].message
    else:
        assert outcome == empty, f"{spoil}: expected {empty!r}, got {outcome!r}"
        return
    assert reason.strip() and "\n" not in reason, f"not one line: {reason!r}"
    assert any(name and name in reason for name in spoil.names), f"{spoil}: the refusal does not name it: {reason!r}"


@pytest.mark.parametrize("method", METHODS)
def test_a_bad_call_is_refused_naming_what_is_wrong_and_changes_nothing(method: str) -> None:
    with fresh(method) as (_, template):
        bad = spoils(method, template)

    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(spoil=bad)
    def bad_call(spoil: Spoil) -> None:
        with fresh(method) as (driver, world):
            before = observe(driver)
            outcome = call(driver, method, {**GOOD[method](world), spoil.parameter: spoil.value})
            check_refused(method, spoil, outcome)
            assert observe(driver) == before, f"{spoil} changed something"

    try:
        with constants_of(__name__):
            hypothesis.seed(SEED)(bad_call)()
    except BaseException as failure:
        failure.add_note(f"reproduce with BAD_INPUT_SEED={SEED}")
        raise


@pytest.mark.parametrize("method", METHODS)
def test_the_good_call_fits_the_seam_and_is_accepted(method: str) -> None:
    with fresh(method) as (driver, world):
        good = GOOD[method](world)
        assert misfit(method, good) is None
        outcome = call(driver, method, good)
    assert not isinstance(outcome, Refused), outcome
    assert not (isinstance(outcome, PublishResult) and not outcome.published), outcome


def test_every_method_has_a_good_call() -> None:
    assert set(GOOD) == set(METHODS)


def test_misfit_names_the_argument_and_the_field_inside_it() -> None:
    assert misfit("sync", {"user": ["ana"]}) == "sync: user must be text, not list ['ana']"
    hints, _ = method_hints("publish_profile")
    assert "profile" in hints
