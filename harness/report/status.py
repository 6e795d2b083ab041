"""What a scenario's status means in every output, and a claim's verdict in the ledger: one table each.

A new status (an expected failure, a skip the expectations file asks for) is a row of STATUSES, not new code.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.verdicts import SEVERITY, Verdict


@dataclass(frozen=True)
class Status:
    """One way a scenario can end, and how each output shows it."""

    name: str
    label: str
    verdict: Verdict | None
    """The verdict it scores (None: the scenario did not run, so it scores nothing)."""
    cucumber: str
    """The Cucumber status of the test case (`TestStepResultStatus`); steps carry their own."""
    junit: str | None
    """The JUnit element it becomes: failure, error, skipped, or None for a pass."""
    ran: bool = True
    collected: bool = True
    """False: pytest deselected it; no Cucumber or JUnit output has a test case for it (the ledger still lists it)."""


STATUSES: dict[str, Status] = {
    status.name: status
    for status in (
        Status("passed", "passed", Verdict.PASSED, "PASSED", None),
        Status("failed", "failed", Verdict.FAILED, "FAILED", "failure"),
        Status("expected-failure", "expected failure", Verdict.EXPECTED_FAILURE, "FAILED", "skipped"),
        Status("skipped", "skipped", Verdict.SKIPPED, "SKIPPED", "skipped"),
        Status("undefined", "undefined step", Verdict.HARNESS_ERROR, "UNDEFINED", "error"),
        Status("implementation-error", "implementation error", Verdict.IMPLEMENTATION_ERROR, "FAILED", "error"),
        Status("harness-error", "harness error", Verdict.HARNESS_ERROR, "FAILED", "error"),
        Status("not-run", "not run", None, "UNKNOWN", "skipped", ran=False),
        Status("deselected", "deselected", None, "UNKNOWN", None, ran=False, collected=False),
    )
}
"""Every status a scenario of the record can have."""

STEP_STATUSES = ("PASSED", "FAILED", "SKIPPED", "UNDEFINED", "PENDING", "AMBIGUOUS", "UNKNOWN")
"""A step's own status, in Cucumber's words (a step never ran: SKIPPED after a failure, UNKNOWN if nothing ran)."""


@dataclass(frozen=True)
class ClaimVerdict:
    """A claim's verdict in the ledger: from its scenarios' verdicts, or from the catalog when it has none."""

    name: str
    label: str
    meaning: str


CLAIM_VERDICTS: dict[str, ClaimVerdict] = {
    verdict.name: verdict
    for verdict in (
        ClaimVerdict("harness-error", "harness error", "the harness broke on a scenario of this claim: our bug"),
        ClaimVerdict("implementation-error", "implementation error", "the implementation raised or broke"),
        ClaimVerdict("failed", "failed", "the product broke the claim in at least one scenario"),
        ClaimVerdict(
            "expected-failure", "expected failure", "it fails where the implementation's expectations file says so"
        ),
        ClaimVerdict("not-run", "not run", "some of its scenarios did not run (deselected or interrupted)"),
        ClaimVerdict("skipped", "skipped", "the implementation lacks a capability a scenario needs, or skips it"),
        ClaimVerdict("verified", "verified", "every scenario of the claim passed"),
        ClaimVerdict("pending", "pending", "the catalog marks the claim pending: no scenario checks it yet"),
        ClaimVerdict("no-scenario", "no scenario", "no scenario checks the claim, although the catalog expects one"),
    )
}
"""Most severe first; a claim with scenarios takes the most severe verdict among them."""

_BY_VERDICT = {
    Verdict.HARNESS_ERROR: "harness-error",
    Verdict.IMPLEMENTATION_ERROR: "implementation-error",
    Verdict.FAILED: "failed",
    Verdict.EXPECTED_FAILURE: "expected-failure",
    Verdict.SKIPPED: "skipped",
    Verdict.PASSED: "verified",
}
assert set(_BY_VERDICT) == set(SEVERITY)


def claim_verdict(statuses: list[str], pending: bool) -> ClaimVerdict:
    """The verdict of a claim whose scenarios ended with `statuses` (a pending claim with none is pending)."""
    if not statuses:
        return CLAIM_VERDICTS["pending" if pending else "no-scenario"]
    found = {_BY_VERDICT[v] for v in (STATUSES[s].verdict for s in statuses) if v is not None}
    if any(not STATUSES[s].ran for s in statuses):
        found.add("not-run")
    return next(verdict for name, verdict in CLAIM_VERDICTS.items() if name in found)
