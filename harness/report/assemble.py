"""From the plain facts a run gathered (what was collected, what each phase reported) to the run record.

The facts are plain JSON data, so that they can travel from pytest-xdist workers to the controller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gherkin.stream.id_generator import IdGenerator

from harness.gherkin_index import ParsedFeature, parse_feature
from harness.report.record import NOT_RUN, SKIPPED, CaseResult, Failure, RunInfo, RunRecord, StepResult
from harness.verdicts import Verdict, worst


@dataclass(frozen=True)
class Collected:
    """Where a collected scenario comes from: feature file, scenario line, Examples row (index over all rows)."""

    path: str
    line: int
    row: int | None


@dataclass
class Phase:
    """What one phase (setup, call, teardown) of a scenario reported."""

    when: str
    verdict: Verdict
    steps: list[dict[str, Any]] = field(default_factory=list)
    """Each step that started: its line, Cucumber status and duration in nanoseconds."""
    failure: dict[str, str] | None = None
    """type and short message of what the phase raised."""
    details: str = ""
    reason: str = ""
    start_ns: int = 0
    duration_ns: int = 0
    worker: str = ""


def uri_of(path: Path, root: Path) -> str:
    """A feature's name in the record: relative to the run's root when inside it, else its absolute path."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def parse_features(paths: list[str], root: Path) -> tuple[ParsedFeature, ...]:
    """Every feature file, sorted by name and parsed with one id generator (ids unique across the run)."""
    ids = IdGenerator()
    named = sorted((uri_of(Path(path), root), Path(path)) for path in set(paths))
    return tuple(parse_feature(path, uri, ids) for uri, path in named)


def assemble(
    run: RunInfo,
    features: tuple[ParsedFeature, ...],
    collected: dict[str, Collected],
    phases: dict[str, list[Phase]],
    root: Path,
) -> RunRecord:
    """The record: a case for every pickle; deselected when nothing collected it, not run when nothing reported it."""
    where = {(uri_of(Path(c.path), root), c.line, c.row): nodeid for nodeid, c in collected.items()}
    cases: list[CaseResult] = []
    for feature in features:
        lines = _step_lines(feature)
        rows: dict[str, int] = {}
        for pickle in feature.pickles:
            scenario_id = pickle["astNodeIds"][0]
            line = lines[scenario_id]
            row = None
            if len(pickle["astNodeIds"]) > 1:
                row = rows[scenario_id] = rows.get(scenario_id, -1) + 1
            nodeid = where.get((feature.uri, line, row))
            step_lines = [lines[step["astNodeIds"][0]] for step in pickle["steps"]]
            cases.append(_case(pickle["id"], nodeid, step_lines, phases.get(nodeid or "", [])))
    return RunRecord(run, features, tuple(cases))


def _step_lines(feature: ParsedFeature) -> dict[str, int]:
    """The line of every scenario and step of a document, by id."""
    lines: dict[str, int] = {}

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if "id" in node and "location" in node:
                lines[str(node["id"])] = int(node["location"]["line"])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(feature.document)
    return lines


def _case(pickle_id: str, nodeid: str | None, step_lines: list[int], phases: list[Phase]) -> CaseResult:
    """One pickle's result from its phases' reports."""
    if nodeid is None:
        return CaseResult(pickle_id, "", "deselected", "deselected", steps=tuple(NOT_RUN for _ in step_lines))
    if not phases:
        return CaseResult(pickle_id, nodeid, "not-run", "never reported", steps=tuple(NOT_RUN for _ in step_lines))
    by_when = {phase.when: phase for phase in phases}
    call = by_when.get("call")
    steps = _steps(step_lines, call)
    setup = _hook(by_when.get("setup"))
    teardown = _hook(by_when.get("teardown"))
    if call is not None and call.verdict is not Verdict.PASSED and not any(s.failure for s in steps):
        teardown = _hook(call) if teardown.status == "PASSED" else teardown
    status, reason = _status(phases, steps)
    first = min(phases, key=lambda p: p.start_ns)
    return CaseResult(pickle_id, nodeid, status, reason, setup, steps, teardown, first.start_ns, first.worker)


def _status(phases: list[Phase], steps: tuple[StepResult, ...]) -> tuple[str, str]:
    """The scenario's status and reason, from the most severe verdict of its phases."""
    verdict = worst([phase.verdict for phase in phases])
    reason = next((p.reason for p in phases if p.verdict is verdict and p.reason), "")
    if verdict is Verdict.HARNESS_ERROR and any(step.status == "UNDEFINED" for step in steps):
        return "undefined", reason
    return {Verdict.PASSED: "passed", Verdict.SKIPPED: "skipped"}.get(verdict, str(verdict)), reason


def _failure(phase: Phase) -> Failure | None:
    """The failure a phase reported, if any (a skip's reason counts as its message)."""
    if phase.failure is None:
        return None
    return Failure(phase.failure["type"], phase.failure["message"], phase.details)


def _hook(phase: Phase | None) -> StepResult:
    """Setup or teardown as a Cucumber hook step."""
    if phase is None:
        return NOT_RUN
    status = {Verdict.PASSED: "PASSED", Verdict.SKIPPED: "SKIPPED"}.get(phase.verdict, "FAILED")
    return StepResult(status, phase.duration_ns, _failure(phase) if status != "PASSED" else None)


def _steps(step_lines: list[int], call: Phase | None) -> tuple[StepResult, ...]:
    """Each pickle step's result: as reported, then SKIPPED after the first step that did not pass."""
    if call is None:
        return tuple(SKIPPED for _ in step_lines)
    reported = {int(step["line"]): step for step in call.steps}
    results: list[StepResult] = []
    stopped = False
    for line in step_lines:
        step = reported.get(line)
        if stopped or step is None:
            results.append(SKIPPED)
            stopped = True
            continue
        status = str(step["status"])
        failure = _failure(call) if status != "PASSED" else None
        results.append(StepResult(status, int(step["ns"]), failure))
        stopped = status != "PASSED"
    return tuple(results)
