"""The in-memory reference implementation of the offline CRM, one module per concept, wired in `wiring`."""

from harness.reference.implementation import ReferenceImplementation, build, with_sqlite_store

__all__ = ["ReferenceImplementation", "build", "with_sqlite_store"]
