"""The in-memory reference implementation of the offline CRM, one module per concept, wired in `wiring`."""

from harness.reference.implementation import ReferenceImplementation, build

__all__ = ["ReferenceImplementation", "build"]
