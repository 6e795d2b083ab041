"""Where the conformance suite lives, and how its scenarios are named.

In a checkout, steps/ and features/ sit beside harness/; in an installed wheel they are harness/steps/ and
harness/features/. The steps import one another relatively, so the same files work in both places.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import harness
from harness.errors import ConfigurationError

if TYPE_CHECKING:  # pytest-bdd is imported only once pytest runs (so its assertions are rewritten)
    import pytest
    from pytest_bdd.parser import ScenarioTemplate

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


def scenario_id(feature_file: str, scenario_name: str) -> str:
    """A scenario's stable id: `<feature path under features/>::<scenario name>` (the same installed or not)."""
    path = Path(feature_file).resolve()
    try:
        relative = path.relative_to(features_dir().resolve()).as_posix()
    except (ValueError, ConfigurationError):
        relative = path.name
    return f"{relative}::{scenario_name}"


def example_id(values: dict[str, str]) -> str:
    """One row of a Scenario Outline's examples, as pytest-bdd names it: the row's values joined by '-'."""
    return "-".join(values.values())


def scenario_template(item: pytest.Item) -> ScenarioTemplate | None:
    """The Gherkin scenario a collected pytest-bdd item runs (None: not a scenario)."""
    from pytest_bdd.scenario import scenario_wrapper_template_registry

    function = getattr(item, "obj", None)
    return None if function is None else scenario_wrapper_template_registry.get(function)
