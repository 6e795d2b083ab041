"""The verdict contract: how one scenario's outcome is scored, and the run's exit code.

    passed                every step held
    failed                a step's check did not hold: the product broke a claim
    expected-failure      it failed as the implementation's expectations file says it does (a strict xfail)
    skipped               the implementation declared it lacks a capability the scenario needs, or its
                          expectations file skips the scenario
    implementation-error  the implementation raised, answered outside the seam's types, or its process broke
    harness-error         the harness broke (a step or fixture raised something unexpected): our bug

No verdict is ever scored as another: a stray exception of the implementation is never a product failure,
and a bug of ours is never blamed on the implementation.
"""

from __future__ import annotations

from enum import StrEnum

import pytest

from harness.driver import ImplementationInfo
from harness.errors import ImplementationError


class Verdict(StrEnum):
    """One scenario's verdict."""

    PASSED = "passed"
    FAILED = "failed"
    EXPECTED_FAILURE = "expected-failure"
    SKIPPED = "skipped"
    IMPLEMENTATION_ERROR = "implementation-error"
    HARNESS_ERROR = "harness-error"


SEVERITY = (
    Verdict.HARNESS_ERROR,
    Verdict.IMPLEMENTATION_ERROR,
    Verdict.FAILED,
    Verdict.EXPECTED_FAILURE,
    Verdict.SKIPPED,
    Verdict.PASSED,
)
"""Most severe first: a claim, or a scenario with several phases, takes the most severe verdict it met."""

EXIT_CODES: dict[Verdict, int] = {
    Verdict.HARNESS_ERROR: 7,
    Verdict.IMPLEMENTATION_ERROR: 6,
    Verdict.FAILED: 1,
    Verdict.EXPECTED_FAILURE: 0,
    Verdict.SKIPPED: 0,
    Verdict.PASSED: 0,
}
"""The run's exit code by its most severe verdict (pytest's own codes 2-5 keep their meaning)."""

NOT_CERTIFIED = 8
"""The exit code of a `--certify` run that would otherwise exit 0 but met a skip or an expected failure."""
UNCERTIFIED = frozenset({Verdict.SKIPPED, Verdict.EXPECTED_FAILURE})


def of_exception(excinfo: pytest.ExceptionInfo[BaseException] | None) -> Verdict:
    """The verdict of a phase that ended with `excinfo` (None: it ended normally)."""
    if excinfo is None:
        return Verdict.PASSED
    if excinfo.errisinstance(pytest.skip.Exception):
        return Verdict.SKIPPED
    if excinfo.errisinstance(ImplementationError):
        return Verdict.IMPLEMENTATION_ERROR
    if excinfo.errisinstance((AssertionError, pytest.fail.Exception)):
        return Verdict.FAILED
    return Verdict.HARNESS_ERROR


def of_report(report: pytest.TestReport, excinfo: pytest.ExceptionInfo[BaseException] | None) -> Verdict:
    """The verdict of a phase from its report: expectations (strict xfail) first, then what it raised."""
    if report.skipped and hasattr(report, "wasxfail"):
        return Verdict.EXPECTED_FAILURE
    if report.failed and excinfo is None:
        return Verdict.FAILED  # a strict expected failure passed: the expectations file is wrong about the product
    return of_exception(excinfo)


def certified(verdicts: list[Verdict]) -> bool:
    """Whether a run of these scenario verdicts is certified: at least one scenario, and every one passed."""
    return bool(verdicts) and set(verdicts) == {Verdict.PASSED}


def certification(info: ImplementationInfo, verdicts: list[Verdict]) -> str:
    """The closing word of a --certify run, in one line."""
    if certified(verdicts):
        return f"certified: {info.name} {info.version} passed all {len(verdicts)} scenarios it ran"
    held = ", ".join(f"{verdicts.count(v)} {v}" for v in SEVERITY if v is not Verdict.PASSED and v in verdicts)
    return f"not certified: {info.name} {info.version} met {held or 'no scenario'}"


def worst(verdicts: list[Verdict]) -> Verdict:
    """The most severe of `verdicts` (passed when there are none)."""
    return next((v for v in SEVERITY if v in verdicts), Verdict.PASSED)
