"""Offline conformance harness: executable truth for a CRM's mobile offline documentation."""

__version__ = "0.1.0"
