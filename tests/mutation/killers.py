"""A pytest plugin for mutation runs: the scenarios that killed earlier mutants of the same function run first.

mutmut runs each mutant with `-x` over every scenario that reaches the mutated function, in no useful order, so
a mutant that one scenario kills waits on average for half the suite. Mutants of one function are mostly killed
by the same few scenarios: trying those first turns minutes into seconds. The verdict cannot change (`-x` stops at
the first failure, whichever it is); only the time to reach it does. Loaded by `[tool.mutmut] pytest_add_cli_args`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HISTORY = Path("mutmut-killers.tsv")
"""One line per kill, `function<TAB>scenario`; in mutmut's working directory (mutants/), appended by every worker."""


def mutated_function() -> str | None:
    """harness.reference.sync.xǁCycleǁbegin while mutmut runs mutant xǁCycleǁbegin__mutmut_3, else None."""
    name = os.environ.get("MUTANT_UNDER_TEST", "")
    return name.rsplit("__mutmut_", 1)[0] if "__mutmut_" in name else None


def killers(function: str) -> tuple[set[str], set[str]]:
    """The scenarios that killed a mutant of `function`, and those that killed one of its module."""
    module = function.rsplit(".", 1)[0]
    same_function, same_module = set(), set()
    if HISTORY.exists():
        for line in HISTORY.read_text(encoding="utf-8").splitlines():
            killed, _, scenario = line.partition("\t")
            if killed == function:
                same_function.add(scenario)
            elif killed.rsplit(".", 1)[0] == module:
                same_module.add(scenario)
    return same_function, same_module


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Earlier killers of this function first, then those of its module, then the rest in their own order."""
    if (function := mutated_function()) is None:
        return
    same_function, same_module = killers(function)
    items.sort(key=lambda item: 0 if item.nodeid in same_function else 1 if item.nodeid in same_module else 2)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note the scenario that killed the mutant under test (one short append: workers do not interleave)."""
    if report.failed and (function := mutated_function()) is not None:
        with HISTORY.open("a", encoding="utf-8") as history:
            history.write(f"{function}\t{report.nodeid}\n")
