"""The in-memory reference implementation of the offline CRM, one module per concept."""

from harness.reference.implementation import ReferenceImplementation

__all__ = ["ReferenceImplementation"]
