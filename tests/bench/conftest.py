"""Benchmarks of the generator and the reference near the page's limits; figures gathered into one table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from harness.datagen.dataset import generate
from harness.datagen.loader import load
from harness.datagen.spec import DataSetSpec
from harness.reference import ReferenceImplementation, build
from tests.bench.figures import FIGURES


@pytest.fixture(scope="session")
def near_limit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], ReferenceImplementation]:
    """The 2,000-user organization (seed 7), generated and loaded into a reference once."""
    directory = tmp_path_factory.mktemp("bench-2000")
    manifest = generate(directory, DataSetSpec(2_000, seed=7))
    reference = build()
    load(reference, directory)
    print(f"\nbench data set: 2,000 users, seed 7, {manifest['total']:,} records in {directory}")
    return directory, manifest, reference


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the benchmark figures against their targets as one table."""
    if not FIGURES:
        return
    terminalreporter.section("offline harness benchmarks (figures measured in this run)")
    widths = [max(len(row[i]) for row in FIGURES) for i in range(4)]
    for row in [("measure", "figure", "target", "verdict"), *FIGURES]:
        terminalreporter.write_line("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
