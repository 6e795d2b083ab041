"""The conformance suite's fixtures and step definitions (they talk to the implementation via the seam only)."""

from __future__ import annotations

import pytest

from harness.driver import Driver
from steps.accounts import *  # noqa: F403
from steps.bad_input import *  # noqa: F403
from steps.beyond import *  # noqa: F403
from steps.custom_entities import *  # noqa: F403
from steps.devices import *  # noqa: F403
from steps.entities import *  # noqa: F403
from steps.flows import *  # noqa: F403
from steps.forms import *  # noqa: F403
from steps.lookups import *  # noqa: F403
from steps.organization import *  # noqa: F403
from steps.outcomes import *  # noqa: F403
from steps.profiles import *  # noqa: F403
from steps.records import *  # noqa: F403
from steps.restarts import *  # noqa: F403
from steps.search import *  # noqa: F403
from steps.security import *  # noqa: F403
from steps.subgrids import *  # noqa: F403
from steps.sync import *  # noqa: F403
from steps.timeline import *  # noqa: F403
from steps.views import *  # noqa: F403
from steps.volume import *  # noqa: F403
from steps.world import World


@pytest.fixture
def world(driver: Driver, request: pytest.FixtureRequest) -> World:
    """A fresh scenario state around a fresh implementation."""
    claims = {str(mark.args[0]) for mark in request.node.iter_markers("claim")}
    claims |= {m.name.removeprefix("claim:") for m in request.node.iter_markers() if m.name.startswith("claim:")}
    return World(driver, claims)
