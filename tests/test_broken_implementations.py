"""The suite has teeth: each deliberately broken implementation fails the scenarios of the claim it breaks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness.claims import load_claims

ROOT = Path(__file__).resolve().parents[1]
BROKEN_MODULES = (
    "tests.broken.entities",
    "tests.broken.filters",
    "tests.broken.forms",
    "tests.broken.flows",
    "tests.broken.views",
    "tests.broken.search",
    "tests.broken.timeline",
    "tests.broken.sync",
    "tests.broken.security",
    "tests.broken.beyond",
    "tests.broken.persist",
)


def broken_implementations() -> list[tuple[str, str]]:
    """(claim id, --impl spec) for every broken implementation: its name is the claim it breaks, optionally
    followed by a double underscore and the bug (`CAP_SR4__date_columns_by_name` breaks CAP-SR4)."""
    found = []
    for module_name in BROKEN_MODULES:
        module = __import__(module_name, fromlist=["_"])
        for name in vars(module):
            if match := re.fullmatch(r"([A-Z]{3}_[A-Z0-9]+)(__[a-z0-9_]+)?", name):
                found.append((match[1].replace("_", "-"), f"{module_name}:{name}"))
    return sorted(found)


def run_suite(impl: str, claim: str) -> subprocess.CompletedProcess[str]:
    """Run the conformance scenarios of `claim` against `impl` in a fresh interpreter, in file order, stopping at
    the first that does not pass: one failure is enough to show the implementation is caught."""
    selection = ["-m", "not volume", "--impl", impl, "--claim", claim, "-x", "-p", "no:randomly"]
    command = [sys.executable, "-m", "pytest", "steps", "-q", *selection]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


@pytest.mark.parametrize(("claim", "impl"), broken_implementations(), ids=lambda value: value)
def test_broken_implementation_is_caught(claim: str, impl: str) -> None:
    result = run_suite(impl, claim)
    assert result.returncode == 1, f"{impl} was not caught:\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}"
    assert re.search(rf"FAILED\s+{re.escape(claim)}\s", result.stdout), result.stdout[-3000:]


def test_every_claim_with_scenarios_has_a_broken_implementation() -> None:
    covered = {claim for claim, _ in broken_implementations()}
    active = {claim.id for claim in load_claims().values() if not claim.pending}
    assert active <= covered, f"claims with no broken implementation: {sorted(active - covered)}"


def test_the_reference_passes_what_the_broken_ones_fail() -> None:
    claims = [arg for claim, _ in broken_implementations() for arg in ("--claim", claim)]
    command = [sys.executable, "-m", "pytest", "steps", "-q", "-m", "not volume", "--impl", "reference", *claims]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
