"""The guard around every implementation: it keeps the verdicts apart, whatever the implementation does.

A method the implementation lacks, or one of a capability it does not declare, is `Unsupported` (the scenario is
skipped, never calling it); anything else it raises, and any answer outside the seam's types, is an
`ImplementationError` (never scored as a product failure). The guard also notes which capabilities a scenario
reached, so the plugin can check the scenario's `@needs` tags.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from harness.capabilities import of_method
from harness.codec import conforms, driver_methods, method_hints
from harness.driver import Driver
from harness.errors import ImplementationError, Unsupported

SEAM_METHODS = frozenset(driver_methods())
CAPABILITY_METHODS = frozenset({"snapshot", "restore"})
"""Optional methods outside the seam (`harness.driver.Snapshots`), passed through for the harness's own use."""


class Guarded:
    """A driver seen through the guard; `inner` is the implementation as its factory made it."""

    def __init__(self, inner: Driver, name: str, capabilities: Collection[str] | None = None) -> None:
        self.inner = inner
        self.name = name
        self.declared = None if capabilities is None else frozenset(capabilities)
        self.reached: dict[str, str] = {}
        """Each capability the scenario reached, with the first of its methods called."""

    def __getattr__(self, method: str) -> Callable[..., Any]:
        if method in CAPABILITY_METHODS:
            found: Callable[..., Any] = getattr(self.inner, method)
            return found
        if method not in SEAM_METHODS:
            raise AttributeError(method)
        capability = of_method(method)
        if capability is not None:
            self.reached.setdefault(capability, method)
            if self.declared is not None and capability not in self.declared:
                raise Unsupported(capability, f"{self.name} does not declare it, so {method}() was not called")
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
