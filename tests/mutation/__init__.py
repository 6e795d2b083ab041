"""Mutation testing of the reference with the conformance suite: mutmut runs, this package scores (tox -e mutation)."""
