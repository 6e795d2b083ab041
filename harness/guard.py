"""The guard around every implementation: it keeps the verdicts apart, whatever the implementation does.

A method the implementation lacks is `Unsupported` (the scenario is skipped); anything else it raises, and any
answer outside the seam's types, is an `ImplementationError` (never scored as a product failure).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from harness.codec import conforms, driver_methods, method_hints
from harness.driver import Driver
from harness.errors import ImplementationError, Unsupported

SEAM_METHODS = frozenset(driver_methods())
CAPABILITY_METHODS = frozenset({"snapshot", "restore"})
"""Optional methods outside the seam (`harness.driver.Snapshots`), passed through for the harness's own use."""


class Guarded:
    """A driver seen through the guard; `inner` is the implementation as its factory made it."""

    def __init__(self, inner: Driver, name: str) -> None:
        self.inner = inner
        self.name = name

    def __getattr__(self, method: str) -> Callable[..., Any]:
        if method in CAPABILITY_METHODS:
            found: Callable[..., Any] = getattr(self.inner, method)
            return found
        if method not in SEAM_METHODS:
            raise AttributeError(method)
        target = getattr(self.inner, method, None)
        if not callable(target):
            raise Unsupported(method, f"{self.name} has no method {method}()")
        result_hint = method_hints(method)[1]

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                result = target(*args, **kwargs)
            except (Unsupported, ImplementationError):
                raise
            except Exception as error:
                raise ImplementationError(f"{self.name}: {method}() raised {type(error).__name__}: {error}") from error
            if not conforms(result_hint, result):
                raise ImplementationError(
                    f"{self.name}: {method}() answered {type(result).__name__} {result!r:.200}, "
                    f"which the seam does not allow (expected {result_hint})"
                )
            return result

        return call
