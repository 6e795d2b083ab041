"""The conformance suite's fixtures and step definitions (they talk to the implementation via the seam only)."""

from __future__ import annotations

import pytest

from harness.driver import Driver

from .accounts import *  # noqa: F403
from .bad_input import *  # noqa: F403
from .beyond import *  # noqa: F403
from .custom_entities import *  # noqa: F403
from .devices import *  # noqa: F403
from .entities import *  # noqa: F403
from .flows import *  # noqa: F403
from .forms import *  # noqa: F403
from .lookups import *  # noqa: F403
from .organization import *  # noqa: F403
from .outcomes import *  # noqa: F403
from .profiles import *  # noqa: F403
from .records import *  # noqa: F403
from .restarts import *  # noqa: F403
from .search import *  # noqa: F403
from .security import *  # noqa: F403
from .subgrids import *  # noqa: F403
from .sync import *  # noqa: F403
from .timeline import *  # noqa: F403
from .views import *  # noqa: F403
from .volume import *  # noqa: F403
from .world import World


@pytest.fixture
def world(driver: Driver, request: pytest.FixtureRequest) -> World:
    """A fresh scenario state around a fresh implementation."""
    claims = {str(mark.args[0]) for mark in request.node.iter_markers("claim")}
    claims |= {m.name.removeprefix("claim:") for m in request.node.iter_markers() if m.name.startswith("claim:")}
    return World(driver, claims)
