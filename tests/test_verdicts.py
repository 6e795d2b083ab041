"""The verdict contract: product failures, skips, implementation errors and harness errors are scored apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.verdicts import EXIT_CODES, Verdict
from tests.runs import run_suite, usage_error_line


def test_a_stray_exception_is_an_implementation_error_not_a_failure() -> None:
    result = run_suite("steps", "--impl", "tests.misbehaving:RaisingSync", "--claim", "REL-ID")
    assert result.returncode == EXIT_CODES[Verdict.IMPLEMENTATION_ERROR], result.stdout[-2000:]
    assert "IMPLEMENTATION-ERROR  REL-ID" in result.stdout
    assert "sync() raised RuntimeError: the sync engine lost its cursor" in result.stdout
    assert " failed" not in result.stdout.splitlines()[-1]


def test_an_answer_outside_the_seam_is_an_implementation_error() -> None:
    result = run_suite("steps", "--impl", "tests.misbehaving:WrongAnswer", "--claim", "REL-ID")
    assert result.returncode == EXIT_CODES[Verdict.IMPLEMENTATION_ERROR], result.stdout[-2000:]
    assert "sync() answered str 'done', which the seam does not allow" in result.stdout


def test_a_missing_method_skips_with_its_reason() -> None:
    result = run_suite("steps", "--impl", "tests.misbehaving:NoSync", "--claim", "REL-ID", "-rs")
    assert result.returncode == 0, result.stdout[-2000:]
    assert "SKIPPED  REL-ID" in result.stdout
    assert "has no method sync()" in result.stdout


def test_a_broken_product_fails() -> None:
    result = run_suite("steps", "--impl", "tests.broken.beyond:REL_ID", "--claim", "REL-ID")
    assert result.returncode == EXIT_CODES[Verdict.FAILED], result.stdout[-2000:]
    assert "FAILED  REL-ID" in result.stdout


@pytest.mark.parametrize(
    ("impl", "says"),
    [
        ("no.such.module:factory", "cannot import 'no.such.module'"),
        ("nosuch", "no such implementation; known: reference"),
        ("tests.misbehaving:FutureProtocol", "speaks protocol '99.0'; this harness speaks '1.0'"),
        ("tests.misbehaving:UnknownCapability", "declares unknown capabilities ['telepathy']"),
        ("tests.misbehaving:failing_factory", "could not start it: the database file is locked"),
    ],
)
def test_a_bad_implementation_is_one_usage_error_before_collection(impl: str, says: str) -> None:
    result = run_suite("steps", "--impl", impl)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout[-2000:] + result.stderr[-2000:]
    assert says in usage_error_line(result)


HARNESS_BUG = """
import pytest
from pytest_bdd import scenarios, given, then

scenarios("bug.feature")

@given("an implementation")
def implementation(driver):
    assert driver.describe().name == "reference"

@then("the harness itself trips")
def trips():
    {}["missing"]
"""


def test_a_bug_of_ours_is_a_harness_error(tmp_path: Path) -> None:
    (tmp_path / "bug.feature").write_text(
        "Feature: a harness bug\n  Scenario: a step of ours raises\n"
        "    Given an implementation\n    Then the harness itself trips\n"
    )
    (tmp_path / "test_bug.py").write_text(HARNESS_BUG)
    result = run_suite("test_bug.py", "-p", "no:cacheprovider", cwd=tmp_path)
    assert result.returncode == EXIT_CODES[Verdict.HARNESS_ERROR], result.stdout[-2000:]
    assert "1 harness-error" in result.stdout
