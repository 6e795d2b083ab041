"""Every exception the harness raises, in one place.

    HarnessError            the harness or an adapter broke: never scored as a product failure
    ├── ProtocolError       a peer broke the JSON-RPC protocol (bad frame, bad schema, wrong version)
    ├── ConfigurationError  the harness was set up wrongly (bad --impl, bad expectations file, bad option)
    ├── PeerCrashed         an out-of-process implementation died or stopped answering
    └── DataSetError        a data set cannot be written where asked, or on disk it is missing, truncated,
                            corrupt or does not match its manifest
    Unsupported             the implementation lacks a capability: the scenario is skipped with reason
    LoadError               the implementation refused part of a sound data set (a product failure)

A refusal by the implementation is not an exception: it is a `harness.driver.Refused` value.
"""

from __future__ import annotations


class HarnessError(Exception):
    """The harness or an adapter failed; the product under test is not to blame."""


class ProtocolError(HarnessError):
    """A peer sent something that does not follow the protocol."""


class ConfigurationError(HarnessError):
    """The harness was configured wrongly (implementation spec, expectations file, options)."""


class PeerCrashed(HarnessError):
    """An out-of-process implementation exited or stopped answering."""


class DataSetError(HarnessError):
    """A data set could not be written, or does not match its manifest; nothing was loaded or left half-written."""


class Unsupported(Exception):
    """The implementation does not offer `capability`; scenarios needing it are skipped."""

    def __init__(self, capability: str, detail: str = "") -> None:
        self.capability = capability
        self.detail = detail
        super().__init__(f"capability {capability!r} is not supported" + (f": {detail}" if detail else ""))


class LoadError(Exception):
    """The implementation refused part of a data set that passed its check."""
