"""Every exception the harness raises, in one place.

    HarnessError              the harness itself broke or was set up wrongly: our bug, never the implementation's
    ├── ConfigurationError    a bad --impl, expectations file, catalog or option (a usage error before any scenario)
    └── DataSetError          a data set cannot be written where asked, or on disk it is missing, truncated,
                              corrupt or does not match its manifest
    ImplementationError       the implementation raised, answered outside the seam's types, or its process broke
    ├── ProtocolError         a peer sent something that does not follow the protocol
    └── PeerCrashed           an out-of-process implementation exited, hung past its time limit, or stopped answering
    Unsupported               the implementation lacks a capability: the scenario is skipped with the reason
    AssertionError            a check did not hold: the product broke a claim
    └── LoadError             the implementation refused part of a data set that passed its check

A refusal by the implementation is not an exception: it is a `harness.driver.Refused` value.
A failed assertion in a step is the product breaking a claim; `harness.verdicts` scores each of these apart.
"""

from __future__ import annotations


class HarnessError(Exception):
    """The harness failed; neither the product nor its adapter is to blame."""


class ConfigurationError(HarnessError):
    """The harness was configured wrongly (implementation spec, expectations file, options)."""


class ImplementationError(Exception):
    """The implementation or its adapter broke: it raised, or answered with something the seam does not allow."""


class ProtocolError(ImplementationError):
    """A peer sent something that does not follow the protocol."""


class PeerCrashed(ImplementationError):
    """An out-of-process implementation exited or stopped answering."""


class DataSetError(HarnessError):
    """A data set could not be written, or does not match its manifest; nothing was loaded or left half-written."""


class Unsupported(Exception):
    """The implementation does not offer `capability`; scenarios needing it are skipped."""

    def __init__(self, capability: str, detail: str = "") -> None:
        self.capability = capability
        self.detail = detail
        super().__init__(f"capability {capability!r} is not supported" + (f": {detail}" if detail else ""))


class LoadError(AssertionError):
    """The implementation refused part of a data set that passed its check: a product failure, like a failed check."""
