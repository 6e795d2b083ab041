"""The console script: claims listing and a conformance run from any directory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness.cli import main
from harness.verdicts import NOT_CERTIFIED


def test_claims_lists_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--section", "entities"]) == 0
    out = capsys.readouterr().out
    assert "ENT-01" in out and "RIB-01" in out and "FLT-PU" not in out


def test_run_works_from_another_directory(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "harness.cli", "run", "--claim", "RIB-01"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout


def test_run_reports_a_bad_implementation_spec(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "harness.cli", "run", "--impl", "no.such.module:factory", "--claim", "RIB-01"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "no.such.module" in result.stdout + result.stderr


def test_run_ignores_the_pytest_configuration_of_the_folder_it_starts_in(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = --no-such-option\n")
    command = [sys.executable, "-m", "harness.cli", "run", "--claim", "RIB-01"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert not (tmp_path / ".pytest_cache").exists()


def test_run_passes_expectations_and_certify_through(tmp_path: Path) -> None:
    expectations = tmp_path / "mine.toml"
    expectations.write_text('implementation = "reference"\n[skip.RIB-01]\nreason = "r"\nlink = "https://x"\n')
    command = [sys.executable, "-m", "harness.cli", "run", "--claim", "RIB-01", "--expectations", str(expectations)]
    result = subprocess.run([*command, "--certify"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == NOT_CERTIFIED, result.stdout[-2000:] + result.stderr[-2000:]
    assert "SKIPPED (3): skipped by mine.toml [RIB-01]: r (https://x)" in result.stdout


def test_pytest_in_a_folder_without_the_suite_says_how_to_run_it(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "pytest", "--impl", "reference", "-p", "no:cacheprovider"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == pytest.ExitCode.NO_TESTS_COLLECTED
    assert "`offline-harness run --impl SPEC` runs the installed suite from any folder" in result.stdout
