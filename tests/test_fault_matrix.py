"""The fault matrix holds for the implementation under test (OFFLINE_HARNESS_IMPL, default the reference), and it
catches implementations that lose or double changes when a cycle breaks."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from harness.driver import Driver
from harness.guard import Guarded
from harness.implementations import load_implementation
from harness.reference import ReferenceImplementation
from tests.broken.beyond import REL_FAULT, REL_IDEM
from tests.fault_matrix import KINDS, STEPS, run_matrix


def test_no_change_is_lost_or_doubled_wherever_the_cycle_breaks() -> None:
    implementation = load_implementation(os.environ.get("OFFLINE_HARNESS_IMPL", "reference"))
    info = implementation.info
    matrix = run_matrix(lambda: Guarded(implementation.factory(), info.name), info.capabilities)
    print(f"\nfault matrix of {info.name} {info.version}:\n{matrix.table()}")
    assert len(matrix.cells) == len(KINDS) * (len(STEPS) - len(matrix.skipped)), matrix.table()
    assert not matrix.failures(), matrix.table()


@pytest.mark.parametrize(
    ("name", "broken", "step", "problem"),
    [
        ("REL_IDEM", REL_IDEM, "drop after server apply", "doubled"),
        ("REL_FAULT", REL_FAULT, "drop after server apply", "lost"),
    ],
    ids=["REL_IDEM", "REL_FAULT"],
)
def test_the_matrix_catches_a_broken_implementation(
    name: str, broken: Callable[[], ReferenceImplementation], step: str, problem: str
) -> None:
    matrix = run_matrix(lambda: Guarded(broken(), name), broken().describe().capabilities)
    row = {kind: problems for (at, kind), problems in matrix.failures().items() if at == step}
    assert set(row) == {kind.name for kind in KINDS}, matrix.table()
    assert any(problem in p for problems in row.values() for p in problems), matrix.table()


def test_without_persistence_the_restart_rows_are_not_run() -> None:
    def make() -> Driver:
        return Guarded(ReferenceImplementation(), "reference")

    matrix = run_matrix(make, [])
    assert set(matrix.skipped) == {step.name for step in STEPS if step.restart}
    assert not matrix.failures(), matrix.table()
