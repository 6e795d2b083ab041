"""The figures a benchmark run measured, kept for the closing table."""

from __future__ import annotations

FIGURES: list[tuple[str, str, str, str]] = []
"""(measure, figure, target, verdict) rows."""


def record(measure: str, figure: str, target: str, holds: bool | None) -> None:
    """Add a row to the closing table (holds None: a figure with no target)."""
    FIGURES.append((measure, figure, target, {True: "holds", False: "MISSED", None: ""}[holds]))
