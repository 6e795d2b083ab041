"""Fail when a run against the PouchDB backend skipped a scenario it claims to support.

A scenario may be skipped only because the backend does not declare a capability the scenario needs, or because
its expectations file lists it; any other skip (an `Unsupported` answer from a declared capability) means the
backend claims more than it does. Reads the run's JUnit XML: `python check_run.py RUN.xml`.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

IMPLEMENTATION = "pouchdb-backend"


def allowed(message: str) -> bool:
    """Whether a skip names an undeclared capability or an entry of the expectations file."""
    undeclared = message.startswith(f"{IMPLEMENTATION} ") and (
        "does not declare the capability " in message or "does not declare the capabilities " in message
    )
    return undeclared or "by expectations.toml [" in message


def unexpected_skips(junit: Path) -> list[str]:
    """The scenarios skipped for a reason other than an undeclared capability or an expectations entry."""
    return [
        f"{case.get('classname')}::{case.get('name')}: {skipped.get('message', '')}"
        for case in ElementTree.parse(junit).getroot().iter("testcase")
        for skipped in case.iter("skipped")
        if not allowed(skipped.get("message", ""))
    ]


def main(argv: list[str]) -> int:
    """Print each unexpected skip; exit 1 if there is any."""
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python check_run.py RUN.xml (JUnit XML of a run against the PouchDB backend)", file=sys.stderr)
        return 2
    offenders = unexpected_skips(Path(argv[0]))
    for offender in offenders:
        print(f"skipped although its capabilities are declared: {offender}")
    total = sum(1 for _ in ElementTree.parse(argv[0]).getroot().iter("testcase"))
    print(f"{total} scenarios checked: {len(offenders)} skipped although the backend claims to support them")
    return 1 if offenders else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
