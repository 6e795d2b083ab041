"""The run record: every scenario the run collected, as Gherkin pickles with their results, and who was under test.

Every report is written from a RunRecord; `harness.report.messages` saves it as Cucumber Messages and reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from harness.claims import Claim
from harness.gherkin_index import ParsedFeature
from harness.report.status import STATUSES, Status


@dataclass(frozen=True)
class Failure:
    """Why a step broke: the short message first (what was expected and observed), then the full details."""

    type: str
    message: str
    details: str


@dataclass(frozen=True)
class StepResult:
    """One step's (or the scenario's setup's or teardown's) status in Cucumber's words, its duration, its failure."""

    status: str
    duration_ns: int = 0
    failure: Failure | None = None


NOT_RUN = StepResult("UNKNOWN")
SKIPPED = StepResult("SKIPPED")


@dataclass(frozen=True)
class CaseResult:
    """The result of one pickle (a scenario, or one Examples row of an outline)."""

    pickle_id: str
    nodeid: str
    status: str
    reason: str = ""
    """Why it was skipped or did not run ("" otherwise)."""
    setup: StepResult = NOT_RUN
    """Fixtures and a fresh implementation, before the first step (a Cucumber Before hook)."""
    steps: tuple[StepResult, ...] = ()
    """One per pickle step, in order."""
    teardown: StepResult = NOT_RUN
    started_ns: int = 0
    worker: str = ""

    @property
    def kind(self) -> Status:
        """What the status means in every output."""
        return STATUSES[self.status]

    @property
    def failure(self) -> Failure | None:
        """The first failure of the scenario: setup, then the steps in order, then teardown."""
        return next((r.failure for r in (self.setup, *self.steps, self.teardown) if r.failure), None)

    @property
    def duration_ns(self) -> int:
        """Setup, steps and teardown together."""
        return sum(r.duration_ns for r in (self.setup, *self.steps, self.teardown))


@dataclass(frozen=True)
class Implementation:
    """The implementation under test, as its describe() answered, and how --impl named it."""

    name: str
    version: str
    protocol: str
    capabilities: tuple[str, ...]
    spec: str


@dataclass(frozen=True)
class RunInfo:
    """Where the run's results come from: implementation, harness and tools, page edition, seeds, catalog, times."""

    implementation: Implementation
    harness_version: str
    git_revision: str
    page_edition: str
    seeds: dict[str, int]
    tools: dict[str, str]
    catalog: tuple[Claim, ...]
    started_ns: int = 0
    finished_ns: int = 0
    options: tuple[str, ...] = field(default=())
    """The pytest arguments of the run, as given."""


@dataclass(frozen=True)
class RunRecord:
    """One run: its provenance, every parsed feature file, and a result for every pickle of those files."""

    run: RunInfo
    features: tuple[ParsedFeature, ...]
    cases: tuple[CaseResult, ...]
