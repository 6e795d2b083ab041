"""Runs of the conformance suite (or another pytest run) in a fresh interpreter, for tests of the harness itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKEND = f"cmd:{sys.executable} -m harness.backend"
"""An --impl spec prefix serving an in-process implementation over stdio: f"{BACKEND} reference"."""


def run_suite(*args: str, cwd: Path = ROOT, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`pytest -q ARGS` in a fresh interpreter that imports this checkout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)


def usage_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one line a usage error printed (fails if it printed more or fewer)."""
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return lines[0]
