"""The run's closing lines on the terminal: one per claim, then one with the totals, the implementation, the reports."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from harness.report.ledger import Ledger
from harness.report.record import RunRecord
from harness.report.status import STATUSES

ERROR_STATUSES = ("implementation-error", "harness-error", "undefined")
REASONED_STATUSES = ("skipped", "expected-failure")
"""Statuses whose reasons the summary lists, one line per reason with its count of scenarios."""


def closing_line(ledger: Ledger, written: dict[str, Path]) -> str:
    """Claims by verdict (they add up to the catalog), scenarios by status, who was tested, where the reports are."""
    implementation = ledger.record.run.implementation
    claims = ", ".join(f"{count} {verdict.label}" for verdict, count in ledger.claim_totals() if count)
    scenarios = ", ".join(f"{count} {STATUSES[status].label}" for status, count in ledger.scenario_totals())
    if written:
        folder = Path(next(iter(written.values()))).parent
        reports = f"reports in {folder}/: {' '.join(written)}"
    else:
        reports = "no reports (--report DIR writes them)"
    return (
        f"{len(ledger.claims)} claims against {implementation.name} {implementation.version}: {claims}; "
        f"{len(ledger.scenarios)} scenarios: {scenarios}; {reports}"
    )


def write_summary(terminal: Any, record: RunRecord, written: dict[str, Path], seconds_writing: float) -> None:
    """One line per claim that has scenarios or is pending, the errors' first words, then the closing line."""
    ledger = Ledger(record)
    implementation = record.run.implementation
    terminal.section(f"claims verified against {implementation.name} {implementation.version}")
    for row in ledger.claims:
        if row.verdict.name in ("not-run",) and not any(v.case.kind.collected for v in row.scenarios):
            continue
        detail = ", ".join(f"{n} {STATUSES[status].label}" for status, n in row.counts) or row.verdict.meaning
        terminal.write_line(f"{row.verdict.name.upper():>20}  {row.claim.id:<12} {row.claim.title:<60} {detail}")
    for view in ledger.scenarios:
        if view.case.status in ERROR_STATUSES:
            failure = view.case.failure
            terminal.write_line(f"{view.case.status.upper()} {view.case.nodeid}")
            terminal.write_line(f"    {failure.message if failure else view.case.reason}")
    reasons = Counter((view.case.status, view.case.reason) for view in ledger.scenarios if view.case.reason)
    for (status, reason), count in sorted(reasons.items()):
        if status in REASONED_STATUSES:
            terminal.write_line(f"{status.upper()} ({count}): {reason}")
    if written:
        terminal.write_line(f"reports written in {seconds_writing:.1f} s")
    terminal.write_line(closing_line(ledger, written))
