"""The run record as Cucumber Messages (NDJSON, one envelope a line) and back: the saved form of a run.

Standard messages carry the Gherkin, the pickles, the test cases and every step's result. What Cucumber has no
field for travels in attachments of our own media types, which Cucumber tools keep but do not display: the run's
provenance (RUN_MEDIA_TYPE, not tied to a test case) and each scenario's status and reason (OUTCOME_MEDIA_TYPE).
"""

from __future__ import annotations

import json
import platform
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from importlib.metadata import version
from typing import Any

import cucumber_messages as cm

from harness.claims import Claim
from harness.gherkin_index import ParsedFeature
from harness.report.record import (
    NOT_RUN,
    CaseResult,
    Failure,
    Implementation,
    RunInfo,
    RunRecord,
    StepResult,
)

RUN_MEDIA_TYPE = "application/vnd.offline-harness.run+json"
OUTCOME_MEDIA_TYPE = "application/vnd.offline-harness.outcome+json"
SETUP_HOOK, TEARDOWN_HOOK = "hook-setup", "hook-teardown"
RUN_ID = "run"
NS = 1_000_000_000


def _timestamp(ns: int) -> cm.Timestamp:
    """An epoch time in nanoseconds as a message Timestamp."""
    return cm.Timestamp(seconds=ns // NS, nanos=ns % NS)


def _duration(ns: int) -> cm.Duration:
    """Nanoseconds as a message Duration."""
    return cm.Duration(seconds=ns // NS, nanos=ns % NS)


def _ns(value: Any) -> int:
    """A Timestamp or Duration in nanoseconds."""
    return int(value.seconds) * NS + int(value.nanos)


def _result(step: StepResult) -> cm.TestStepResult:
    """A step's result; a failure's short message comes first, the traceback after it (in the stack trace too, which
    is what @cucumber/html-formatter shows)."""
    failure = step.failure
    if failure is None:
        return cm.TestStepResult(duration=_duration(step.duration_ns), status=cm.TestStepResultStatus(step.status))
    message = failure.message + (f"\n\n{failure.details}" if failure.details else "")
    return cm.TestStepResult(
        duration=_duration(step.duration_ns),
        status=cm.TestStepResultStatus(step.status),
        message=message,
        exception=cm.Exception(type=failure.type, message=failure.message, stack_trace=message),
    )


def _run_body(run: RunInfo) -> str:
    """The run's provenance and catalog as the body of its attachment."""
    data = asdict(run)
    data["catalog"] = [asdict(claim) for claim in run.catalog]
    return json.dumps(data, ensure_ascii=False)


def envelopes(record: RunRecord) -> Iterator[cm.Envelope | dict[str, Any]]:
    """The record as Cucumber Messages, in the order a Cucumber run emits them. Gherkin documents and pickles are
    already messages, as gherkin-official parsed them: they pass as they are (typing them costs seconds a run)."""
    run = record.run
    yield cm.Envelope(
        meta=cm.Meta(
            protocol_version=version("cucumber-messages"),
            implementation=cm.Product(name="offline-harness", version=run.harness_version),
            runtime=cm.Product(name="python", version=platform.python_version()),
            os=cm.Product(name=platform.system()),
            cpu=cm.Product(name=platform.machine()),
        )
    )
    for feature in record.features:
        yield cm.Envelope(
            source=cm.Source(
                data=feature.source, media_type=cm.SourceMediaType.text_x_cucumber_gherkin_plain, uri=feature.uri
            )
        )
        yield {"gherkinDocument": feature.document}
        for pickle in feature.pickles:
            yield {"pickle": pickle}
    for hook_id, name, kind in (
        (SETUP_HOOK, "scenario setup: fixtures and a fresh implementation", cm.HookType.before_test_case),
        (TEARDOWN_HOOK, "scenario teardown: the implementation closed", cm.HookType.after_test_case),
    ):
        yield cm.Envelope(hook=cm.Hook(id=hook_id, name=name, type=kind, source_reference=cm.SourceReference()))
    yield cm.Envelope(test_run_started=cm.TestRunStarted(timestamp=_timestamp(run.started_ns), id=RUN_ID))
    yield cm.Envelope(
        attachment=cm.Attachment(
            body=_run_body(run), content_encoding=cm.AttachmentContentEncoding.identity, media_type=RUN_MEDIA_TYPE
        )
    )
    pickles = {pickle["id"]: pickle for feature in record.features for pickle in feature.pickles}
    cases = [case for case in record.cases if case.kind.collected]
    for number, case in enumerate(cases):
        steps = [
            cm.TestStep(id=f"tc{number}-setup", hook_id=SETUP_HOOK),
            *(
                cm.TestStep(id=f"tc{number}-{index}", pickle_step_id=step["id"], step_definition_ids=[])
                for index, step in enumerate(pickles[case.pickle_id]["steps"])
            ),
            cm.TestStep(id=f"tc{number}-teardown", hook_id=TEARDOWN_HOOK),
        ]
        yield cm.Envelope(
            test_case=cm.TestCase(
                id=f"tc{number}", pickle_id=case.pickle_id, test_steps=steps, test_run_started_id=RUN_ID
            )
        )
    for number, case in enumerate(cases):
        if case.kind.ran:
            yield from _case_messages(number, case)
    yield cm.Envelope(
        test_run_finished=cm.TestRunFinished(
            success=all(case.kind.verdict in (None, "passed", "skipped") for case in record.cases),
            timestamp=_timestamp(run.finished_ns),
            test_run_started_id=RUN_ID,
        )
    )


def _case_messages(number: int, case: CaseResult) -> Iterator[cm.Envelope]:
    """The messages of one test case's single attempt."""
    started = f"tcs{number}"
    clock = case.started_ns
    yield cm.Envelope(
        test_case_started=cm.TestCaseStarted(
            attempt=0,
            id=started,
            test_case_id=f"tc{number}",
            timestamp=_timestamp(clock),
            worker_id=case.worker or None,
        )
    )
    outcome = {"status": case.status, "reason": case.reason, "nodeid": case.nodeid}
    yield cm.Envelope(
        attachment=cm.Attachment(
            body=json.dumps(outcome, sort_keys=True),
            content_encoding=cm.AttachmentContentEncoding.identity,
            media_type=OUTCOME_MEDIA_TYPE,
            test_case_started_id=started,
        )
    )
    named = [("setup", case.setup), *((str(i), s) for i, s in enumerate(case.steps)), ("teardown", case.teardown)]
    for name, step in named:
        step_id = f"tc{number}-{name}"
        yield cm.Envelope(
            test_step_started=cm.TestStepStarted(
                test_case_started_id=started, test_step_id=step_id, timestamp=_timestamp(clock)
            )
        )
        clock += step.duration_ns
        yield cm.Envelope(
            test_step_finished=cm.TestStepFinished(
                test_case_started_id=started,
                test_step_id=step_id,
                test_step_result=_result(step),
                timestamp=_timestamp(clock),
            )
        )
    yield cm.Envelope(
        test_case_finished=cm.TestCaseFinished(
            test_case_started_id=started, timestamp=_timestamp(clock), will_be_retried=False
        )
    )


def to_ndjson(record: RunRecord) -> str:
    """The record as NDJSON text."""
    lines = (
        json.dumps(
            envelope if isinstance(envelope, dict) else cm.message_converter.to_dict(envelope), ensure_ascii=False
        )
        for envelope in envelopes(record)
    )
    return "".join(line + "\n" for line in lines)


def from_ndjson(lines: Iterable[str]) -> RunRecord:
    """A record read back from the NDJSON this module wrote; ValueError if it is not one."""
    reader = _Reader()
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                reader.take(json.loads(line))
            except (ValueError, TypeError, KeyError) as error:
                raise ValueError(f"line {number}: not a Cucumber message: {error}") from error
    return reader.record()


class _Reader:
    """Gathers envelopes, then rebuilds the record from them."""

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}
        self.documents: list[dict[str, Any]] = []
        self.pickles: dict[str, list[dict[str, Any]]] = {}
        self.run: RunInfo | None = None
        self.cases: dict[str, cm.TestCase] = {}
        self.started: dict[str, cm.TestCaseStarted] = {}
        self.results: dict[tuple[str, str], cm.TestStepResult] = {}
        self.outcomes: dict[str, dict[str, str]] = {}

    def take(self, message: dict[str, Any]) -> None:
        """Keep what one envelope says."""
        if not isinstance(message, dict) or len(message) != 1:
            raise ValueError("an envelope holds exactly one message")
        if "gherkinDocument" in message:
            self.documents.append(message["gherkinDocument"])
            return
        if "pickle" in message:
            self.pickles.setdefault(message["pickle"]["uri"], []).append(message["pickle"])
            return
        envelope = cm.message_converter.from_dict(message, cm.Envelope)
        if envelope.source is not None:
            self.sources[str(envelope.source.uri)] = envelope.source.data
        elif envelope.attachment is not None:
            self._attachment(envelope.attachment)
        elif envelope.test_case is not None:
            self.cases[envelope.test_case.pickle_id] = envelope.test_case
        elif envelope.test_case_started is not None:
            self.started[envelope.test_case_started.test_case_id] = envelope.test_case_started
        elif envelope.test_step_finished is not None:
            finished = envelope.test_step_finished
            self.results[(finished.test_case_started_id, finished.test_step_id)] = finished.test_step_result

    def _attachment(self, attachment: cm.Attachment) -> None:
        """Keep the run's provenance or a scenario's outcome."""
        if attachment.media_type == RUN_MEDIA_TYPE:
            data = json.loads(attachment.body)
            data["implementation"]["capabilities"] = tuple(data["implementation"]["capabilities"])
            data["implementation"] = Implementation(**data["implementation"])
            data["catalog"] = tuple(Claim(**claim) for claim in data["catalog"])
            data["options"] = tuple(data["options"])
            self.run = RunInfo(**data)
        elif attachment.media_type == OUTCOME_MEDIA_TYPE and attachment.test_case_started_id:
            self.outcomes[attachment.test_case_started_id] = json.loads(attachment.body)

    def record(self) -> RunRecord:
        """The record the envelopes describe; ValueError if they hold no run of this harness."""
        if self.run is None:
            raise ValueError(f"no {RUN_MEDIA_TYPE} attachment: not a run record of this harness")
        features = tuple(
            ParsedFeature(
                str(doc["uri"]), self.sources.get(str(doc["uri"]), ""), doc, self.pickles.get(str(doc["uri"]), [])
            )
            for doc in self.documents
        )
        cases = tuple(self._case(pickle) for feature in features for pickle in feature.pickles)
        return RunRecord(self.run, features, cases)

    def _case(self, pickle: dict[str, Any]) -> CaseResult:
        """One pickle's result: deselected without a test case, not run without an attempt."""
        steps_not_run = tuple(NOT_RUN for _ in pickle["steps"])
        test_case = self.cases.get(pickle["id"])
        if test_case is None:
            return CaseResult(pickle["id"], "", "deselected", "deselected", steps=steps_not_run)
        started = self.started.get(test_case.id)
        if started is None:
            return CaseResult(pickle["id"], "", "not-run", "never reported", steps=steps_not_run)
        outcome = self.outcomes.get(started.id, {})
        results = [self._step(started.id, test_step.id) for test_step in test_case.test_steps]
        return CaseResult(
            pickle_id=pickle["id"],
            nodeid=outcome.get("nodeid", ""),
            status=outcome.get("status", "not-run"),
            reason=outcome.get("reason", ""),
            setup=results[0],
            steps=tuple(results[1:-1]),
            teardown=results[-1],
            started_ns=_ns(started.timestamp),
            worker=started.worker_id or "",
        )

    def _step(self, started_id: str, step_id: str) -> StepResult:
        """One test step's result in an attempt."""
        result = self.results.get((started_id, step_id))
        if result is None:
            return NOT_RUN
        failure = None
        if result.exception is not None:
            exception = result.exception
            short = exception.message or ""
            failure = Failure(exception.type, short, (exception.stack_trace or "").removeprefix(short).lstrip("\n"))
        return StepResult(result.status.value, _ns(result.duration), failure)
