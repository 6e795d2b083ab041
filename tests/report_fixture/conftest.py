"""The report fixture's own marker: its features carry a feature-level tag, as real suites do."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fixture: a scenario of the report fixture")
