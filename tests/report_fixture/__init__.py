"""A small feature set whose scenarios end with every status a report must show, and how to run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STEPS = Path(__file__).with_name("scenarios_fixture.py")


def run_fixture(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the fixture's scenarios in a fresh interpreter, writing the reports into `out`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", str(STEPS), f"--report={out}", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
