"""The Node.js example backend (examples/node-backend/) runs the whole suite over stdio: what it implements passes,
what it lacks is skipped with the reason, the limitations it cannot show are skipped only by its expectations file."""

from __future__ import annotations

import re
import shutil

from harness.verdicts import EXIT_CODES, NOT_CERTIFIED, Verdict
from tests.runs import ROOT, run_suite

EXAMPLE = ROOT / "examples" / "node-backend"
NODE = f"cmd:{shutil.which('node') or 'node'} {EXAMPLE / 'backend.js'}"
EXPECTATIONS = ("--expectations", str(EXAMPLE / "expectations.toml"))


def test_the_whole_suite_passes_or_skips_with_reasons() -> None:
    result = run_suite("steps", "--impl", NODE, *EXPECTATIONS, timeout=600)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert re.search(
        r"claims against node-example 0.1.0: [^;]*; \d+ scenarios: \d+ passed, \d+ skipped;", result.stdout
    ), result.stdout[-3000:]
    assert "VERIFIED  ENT-22" in result.stdout
    assert "does not declare the capability 'views'" in result.stdout
    assert "capability 'run_command' is not supported: node-example: no offline create on account yet" in result.stdout
    assert "skipped by expectations.toml [RIB-01]: no ribbon buttons" in result.stdout


def test_its_limitations_fail_without_its_expectations_file() -> None:
    result = run_suite("steps", "--impl", NODE, "--claim", "RIB-01")
    assert result.returncode == EXIT_CODES[Verdict.FAILED], result.stdout[-3000:]
    assert "RIB-01: a limitation or limit is never skipped for a missing capability" in result.stdout


def test_it_is_not_certified() -> None:
    result = run_suite("steps", "--impl", NODE, *EXPECTATIONS, "--claim", "ENT-22", "--claim", "RIB-01", "--certify")
    assert result.returncode == NOT_CERTIFIED, result.stdout[-3000:]
    assert re.search(r"not certified: node-example 0.1.0 met \d+ skipped\n", result.stdout), result.stdout[-3000:]
