"""Seeded Hypothesis runs that generate the same examples whatever else the process has imported."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def constants_of(module: str) -> Iterator[None]:
    """Hypothesis now and then draws a constant found in the source of the local modules loaded so far, so what a
    seed generates would depend on the tests run before in the same process (under xdist, on the scheduling):
    meanwhile it finds them in `module` alone."""
    try:
        from hypothesis.internal.conjecture import providers
        from hypothesis.internal.constants_ast import constants_from_module
    except ImportError:  # a Hypothesis that draws no such constants
        yield
        return
    found, pool = providers._get_local_constants, constants_from_module(sys.modules[module])
    providers.CONSTANTS_CACHE.cache.clear()
    providers._get_local_constants = lambda: pool
    try:
        yield
    finally:
        providers._get_local_constants = found
        providers.CONSTANTS_CACHE.cache.clear()
