"""Where the conformance suite lives, and how its scenarios are named.

In a checkout, steps/ and features/ sit beside harness/; in an installed wheel they are harness/steps/ and
harness/features/. The steps import one another relatively, so the same files work in both places.
"""

from __future__ import annotations

from pathlib import Path

import harness
from harness.errors import ConfigurationError

PACKAGE = Path(harness.__file__).resolve().parent
SETTINGS = PACKAGE / "suite.ini"
"""The pytest settings `offline-harness run` starts the suite with (no other configuration applies)."""


def suite_root() -> Path:
    """The folder holding steps/ and features/: the installed package first, else the checkout around it."""
    for root in (PACKAGE, PACKAGE.parent):
        if (root / "steps" / "test_conformance.py").is_file() and (root / "features").is_dir():
            return root
    raise ConfigurationError(f"the conformance suite is missing: no steps/ and features/ in {PACKAGE} or beside it")


def steps_dir() -> Path:
    """The step definitions (the folder pytest collects)."""
    return suite_root() / "steps"


def features_dir() -> Path:
    """The Gherkin features."""
    return suite_root() / "features"
