"""The console script: claims listing and a conformance run from any directory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness.cli import main


def test_claims_lists_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--section", "entities"]) == 0
    out = capsys.readouterr().out
    assert "ENT-01" in out and "RIB-01" in out and "FLT-PU" not in out


def test_run_works_from_another_directory(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "harness.cli", "run", "--claim", "RIB-01", "--report", "out"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout
    ledger = (tmp_path / "out" / "ledger.md").read_text(encoding="utf-8")
    row = next(line for line in ledger.splitlines() if line.startswith("| **RIB-01**"))
    assert "| verified | 3 passed |" in row


def test_run_reports_a_bad_implementation_spec(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "harness.cli", "run", "--impl", "no.such.module:factory", "--claim", "RIB-01"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "no.such.module" in result.stdout + result.stderr
