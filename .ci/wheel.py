"""CI: install the built wheel in a fresh virtualenv outside the checkout and run the whole suite from an empty
folder outside it: in-process, through JSON, and over stdio against `python -m harness.backend` from the wheel, the
non-volume part's stdio traffic checked against the protocol's schema.

Usage: python .ci/wheel.py DIST   (DIST holds the sdist and the wheel that `python -m build` made)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[1]


def check_contents(wheel: Path) -> None:
    """The wheel holds the suite inside the harness package, and nothing at the top level but harness."""
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"harness"}, f"top-level entries besides harness: {sorted(tops)}"
    features = {
        path.relative_to(CHECKOUT / "features").as_posix() for path in (CHECKOUT / "features").rglob("*.feature")
    }
    shipped = {name.removeprefix("harness/features/") for name in names if name.startswith("harness/features/")}
    assert shipped == features, f"features missing from the wheel: {sorted(features - shipped)}"
    steps = {path.name for path in (CHECKOUT / "steps").glob("*.py")}
    assert steps <= {name.removeprefix("harness/steps/") for name in names}, "steps missing from the wheel"
    for data in ("harness/transport/protocol.schema.json", "harness/suite.ini", "harness/claims.toml"):
        assert data in names, f"{data} is missing from the wheel"


def main(dist: Path) -> int:
    """Install, then run the suite three ways; the first failing run's exit code."""
    (wheel,) = dist.glob("*.whl")
    check_contents(wheel)
    with tempfile.TemporaryDirectory(prefix="offline-harness-wheel-") as outside:
        return run_installed(wheel, Path(outside))


def run_installed(wheel: Path, outside: Path) -> int:
    """Install `wheel` in a virtualenv under `outside` and run the suite from an empty folder there."""
    environment = outside / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", wheel, "pytest-xdist"], check=True)
    empty = outside / "empty"
    empty.mkdir()
    where = subprocess.run([python, "-c", "import harness; print(harness.__file__)"], cwd=empty, capture_output=True)
    assert where.stdout.decode().startswith(str(environment)), f"harness imported from {where.stdout!r}"
    imported = subprocess.run([python, "-c", "import steps"], cwd=empty, capture_output=True)
    assert imported.returncode != 0, "the wheel installed a top-level `steps` package"
    served = f"cmd:{python} -m harness.backend reference"
    traces = outside / "traces"
    runs = [
        ("reference", []),
        ("json:reference", []),
        (served, ["-m", "not volume", "--trace-protocol", str(traces / "protocol.trace")]),
        (served, ["-m", "volume"]),
    ]
    for impl, options in runs:
        started = time.perf_counter()
        command = [environment / "bin" / "offline-harness", "run", "--impl", impl, "--", "-n", "auto", *options]
        result = subprocess.run(command, cwd=empty, capture_output=True, text=True)
        closing = result.stdout.strip().splitlines()[-1]
        print(f"{impl} {' '.join(options[:2])}: {closing} ({time.perf_counter() - started:.0f} s)", flush=True)
        if result.returncode != 0:
            print(result.stdout[-5000:], result.stderr[-3000:], sep="\n")
            return result.returncode
    checked = subprocess.run([python, "-m", "harness.transport.schema", "--check", traces], cwd=empty)
    return checked.returncode


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
