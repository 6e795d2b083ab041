"""Run mutmut over some modules of harness/, then score each module with the equivalent mutants set aside.

    python -m tests.mutation harness/reference/profiles.py harness/reference/sync.py [--unchecked] [--fail-under 90]

A mutant is killed when the conformance suite caught it: a failed claim (exit 1), an implementation error
(6: the mutated reference raised), a harness error (7), a timeout or a crash. It survived when the suite passed.
Equivalent mutants are listed, each with one line why, in tests/mutation/equivalent.toml; an entry whose
function has changed since it was written is reported as stale, to be looked at again.
The scenarios that killed earlier mutants of a function run first (tests/mutation/killers.py); `--unchecked`
resumes a stopped run where it left off instead of running every mutant again.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EQUIVALENT = Path(__file__).with_name("equivalent.toml")
MUTANTS = ROOT / "mutants"
SURVIVED, KILLED, NO_TESTS, NOT_CHECKED = "survived", "killed", "no tests", "not checked"
STATUS_BY_EXIT = {0: SURVIVED, 5: NO_TESTS, 33: NO_TESTS, 34: NO_TESTS, None: NOT_CHECKED}
"""Every other exit code (1 failed, 3 internal error, 6 implementation error, 7 harness error, timeouts,
crashes) means the suite noticed the mutant."""


@dataclass(frozen=True)
class Equivalent:
    """A surviving mutant that cannot change any behaviour the page promises, and why."""

    mutant: str
    function_hash: str
    why: str


def module_name(path: str) -> str:
    """harness/reference/sync.py -> harness.reference.sync"""
    return path.removesuffix(".py").replace("/", ".")


def load_equivalents() -> dict[str, Equivalent]:
    """The equivalent mutants by name; every entry needs a mutant, its function's hash and a reason."""
    entries = tomllib.loads(EQUIVALENT.read_text(encoding="utf-8")).get("equivalent", [])
    found = {}
    for entry in entries:
        if not {"mutant", "function_hash", "why"} <= entry.keys() or not entry["why"].strip():
            raise SystemExit(f"{EQUIVALENT}: every [[equivalent]] needs mutant, function_hash and why: {entry}")
        found[entry["mutant"]] = Equivalent(entry["mutant"], entry["function_hash"], entry["why"])
    return found


def results(path: str) -> tuple[dict[str, str], dict[str, str]]:
    """Each mutant's status and each mutated function's hash, from mutmut's record of one module."""
    meta = json.loads((MUTANTS / f"{path}.meta").read_text(encoding="utf-8"))
    statuses = {name: STATUS_BY_EXIT.get(code, KILLED) for name, code in meta["exit_code_by_key"].items()}
    return statuses, meta["hash_by_function_name"]


def unchecked(path: str) -> list[str]:
    """The mutants of one module that mutmut has not run yet (all of them before its first run)."""
    if not (MUTANTS / f"{path}.meta").is_file():
        return [f"{module_name(path)}.*"]
    return sorted(mutant for mutant, status in results(path)[0].items() if status == NOT_CHECKED)


def function_of(mutant: str) -> str:
    """harness.reference.sync.xǁCycleǁbegin__mutmut_3 -> xǁCycleǁbegin"""
    return mutant.rsplit(".", 1)[1].rsplit("__mutmut_", 1)[0]


def score(path: str, equivalents: dict[str, Equivalent]) -> tuple[Counter[str], list[str], list[str]]:
    """Counts by status (equivalents apart), the unexplained survivors, and the stale equivalents of one module."""
    statuses, hashes = results(path)
    counts: Counter[str] = Counter()
    survivors, stale = [], []
    for mutant, status in sorted(statuses.items()):
        known = equivalents.get(mutant)
        if status == SURVIVED and known is not None:
            if known.function_hash == hashes.get(function_of(mutant)):
                counts["equivalent"] += 1
                continue
            stale.append(mutant)
        counts[status] += 1
        if status == SURVIVED:
            survivors.append(mutant)
    return counts, survivors, stale


def main(argv: list[str] | None = None) -> int:
    """Run, score, print one line per module and the survivors; non-zero if a module scores under the bar."""
    parser = argparse.ArgumentParser(prog="python -m tests.mutation", description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", help="module paths under harness/, e.g. harness/reference/sync.py")
    parser.add_argument("--fail-under", type=float, default=90.0, help="lowest acceptable score in percent")
    parser.add_argument("--no-run", action="store_true", help="score mutmut's last results without running it")
    parser.add_argument("--unchecked", action="store_true", help="run only the mutants the last runs left unchecked")
    args = parser.parse_args(argv)
    if missing := [m for m in args.modules if not (ROOT / m).is_file()]:
        parser.error(f"no such module: {', '.join(missing)}")
    if not args.no_run:
        wanted = [name for m in args.modules for name in (unchecked(m) if args.unchecked else [f"{module_name(m)}.*"])]
        order = {**os.environ, "PYTEST_PLUGINS": "tests.mutation.killers"}
        if wanted:
            subprocess.run([sys.executable, "-m", "mutmut", "run", *wanted], cwd=ROOT, check=False, env=order)
    equivalents = load_equivalents()
    below = []
    for module in args.modules:
        counts, survivors, stale = score(module, equivalents)
        judged = counts[KILLED] + counts[SURVIVED]
        percent = 100.0 * counts[KILLED] / judged if judged else 100.0
        detail = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        print(f"{module}: {percent:.1f}% of non-equivalent mutants killed ({detail})")
        for mutant in survivors:
            print(f"    survived: {mutant}    (mutmut show {mutant})")
        for mutant in stale:
            print(f"    stale equivalent (its function changed): {mutant}")
        if percent < args.fail_under:
            below.append(module)
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
