"""The run's one place for results: a per-config pytest plugin object that builds the run record.

Where a scenario runs (in-process, or on a pytest-xdist worker) pytest-bdd's hooks note each step's status and
duration on the item; the report of each phase carries them, with the phase's verdict and failure, as plain JSON
data in `report.user_properties`. Where the reports arrive (in-process, or on the controller) they are kept per
scenario; at the end of the session the record is assembled from them and the Gherkin parsed with gherkin-official,
the reports are written, the run's exit code follows its most severe verdict, and the terminal summary closes it.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Generator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry

import harness
from harness.claims import load_claims
from harness.errors import HarnessError, ImplementationError, Unsupported
from harness.implementations import Implementation as LoadedImplementation
from harness.report.assemble import Collected, Phase, assemble, parse_features
from harness.report.outputs import write_reports
from harness.report.record import Implementation, RunInfo, RunRecord
from harness.report.summary import write_summary
from harness.verdicts import EXIT_CODES, NOT_CERTIFIED, Verdict, certification, certified, worst

FACTS = "offline-harness"
"""The key of the per-phase facts in `report.user_properties`."""
COLLECTION = "offline_harness_collection"
"""The key of a worker's collection in its `workeroutput`."""
ADDRESS = re.compile(r" at 0x[0-9a-f]+")
"""Object addresses in a traceback differ between runs; the report must not."""
TOOLS = ("pytest", "pytest-bdd", "gherkin-official", "cucumber-messages", "pytest-xdist", "jinja2")

_STEPS = pytest.StashKey[list[dict[str, Any]]]()
_STEP_STARTED = pytest.StashKey[int]()


def check_options(config: pytest.Config) -> None:
    """A --report folder that cannot be one is a usage error before any scenario runs."""
    out = config.getoption("report", None)
    if out is not None and out.exists() and not out.is_dir():
        raise pytest.UsageError(f"--report {out}: exists and is not a folder")


def add_options(group: Any) -> None:
    """The report's command-line options."""
    group.addoption(
        "--report",
        metavar="DIR",
        type=Path,
        help="write the reports into DIR: messages.ndjson (the run record), cucumber.json, junit.xml, ledger.html/.md",
    )


def _template(item: pytest.Item) -> Any:
    """The pytest-bdd scenario template behind `item`, or None if it is not a Gherkin scenario."""
    function = getattr(item, "obj", None)
    return None if function is None else scenario_wrapper_template_registry.get(function)


def short_message(error: BaseException) -> str:
    """The first words of a failure: a step's own message without pytest's assertion introspection after it; the
    implementation's message; or, for anything else (our bug), the exception's type and message."""
    text = str(getattr(error, "msg", None) or error).strip()
    if isinstance(error, AssertionError):
        head, found, _ = text.partition("\nassert ")
        text = head.strip() if found and head.strip() else text
    elif not isinstance(error, (ImplementationError, Unsupported, pytest.skip.Exception, pytest.fail.Exception)):
        text = f"{_type_name(error)}: {text}"
    return text if len(text) <= 600 else text[:597] + "..."


def traceback_text(item: pytest.Item, excinfo: pytest.ExceptionInfo[BaseException]) -> str:
    """The traceback after the message: short style, cut to the scenario's frames as pytest cuts it, no addresses."""
    cut = getattr(item, "_traceback_filter", True)
    text = str(excinfo.getrepr(style="short", funcargs=False, tbfilter=cut, chain=True))
    return ADDRESS.sub(" at 0x…", text)


def _type_name(error: BaseException) -> str:
    """The exception's class as Cucumber names it: qualified, except for builtins."""
    kind = type(error)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


class RunRecorder:
    """Collects one run's results and turns them into the record, the reports, the summary and the exit code."""

    def __init__(self, config: pytest.Config, implementation: LoadedImplementation) -> None:
        self.config = config
        self.implementation = implementation
        self.started_ns = time.time_ns()
        self.features: set[str] = set()
        self.collected: dict[str, Collected] = {}
        self.phases: dict[str, list[Phase]] = {}
        self.record: RunRecord | None = None
        self.written: dict[str, Path] = {}
        self.seconds_writing = 0.0
        self.problem = ""
        self.certification = ""

    # --- where the scenarios are collected (in-process, or on each worker) ----------------------------------------

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Note every feature file with a collected scenario, before any deselection."""
        for item in items:
            if (template := _template(item)) is not None:
                self.features.add(str(template.feature.filename))

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """Note where each scenario that will run comes from."""
        for item in session.items:
            if (template := _template(item)) is not None:
                callspec = getattr(item, "callspec", None)
                row = None if callspec is None else callspec.indices.get("_pytest_bdd_example")
                self.collected[item.nodeid] = Collected(str(template.feature.filename), template.line_number, row)

    # --- where the scenarios run ----------------------------------------------------------------------------------

    def pytest_bdd_before_scenario(self, request: pytest.FixtureRequest) -> None:
        """Start the scenario's list of steps."""
        request.node.stash[_STEPS] = []

    def pytest_bdd_before_step(self, request: pytest.FixtureRequest) -> None:
        """Start the step's clock."""
        request.node.stash[_STEP_STARTED] = time.perf_counter_ns()

    def pytest_bdd_after_step(self, request: pytest.FixtureRequest, step: Any) -> None:
        """The step passed."""
        self._note_step(request, step, "PASSED")

    def pytest_bdd_step_error(self, request: pytest.FixtureRequest, step: Any, exception: BaseException) -> None:
        """The step raised: skipped for a missing capability, failed otherwise (the phase's verdict says how)."""
        skipped = isinstance(exception, (Unsupported, pytest.skip.Exception))
        self._note_step(request, step, "SKIPPED" if skipped else "FAILED")

    def pytest_bdd_step_func_lookup_error(self, request: pytest.FixtureRequest, step: Any) -> None:
        """No step definition matches the step."""
        request.node.stash[_STEP_STARTED] = time.perf_counter_ns()
        self._note_step(request, step, "UNDEFINED")

    def _note_step(self, request: pytest.FixtureRequest, step: Any, status: str) -> None:
        """Add a step to the scenario's list: its line, status and duration."""
        started = request.node.stash.get(_STEP_STARTED, time.perf_counter_ns())
        ns = time.perf_counter_ns() - started
        request.node.stash.setdefault(_STEPS, []).append({"line": step.line_number, "status": status, "ns": ns})

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
        """Put the phase's steps and failure on its report, as plain data that crosses to an xdist controller."""
        report = yield
        if _template(item) is None:
            return report
        facts: dict[str, Any] = {"steps": item.stash.get(_STEPS, []) if call.when == "call" else []}
        if call.excinfo is not None:
            error = call.excinfo.value
            facts["failure"] = {"type": _type_name(error), "message": short_message(error)}
            if not call.excinfo.errisinstance(pytest.skip.Exception):
                facts["details"] = traceback_text(item, call.excinfo)
        report.user_properties = [*report.user_properties, (FACTS, facts)]
        return report

    # --- where the reports arrive (in-process, or on the controller) ----------------------------------------------

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        """On the xdist controller: take what a worker collected."""
        collection = getattr(node, "workeroutput", {}).get(COLLECTION)
        if collection:
            self.features.update(collection["features"])
            for nodeid, (path, line, row) in collection["items"].items():
                self.collected[nodeid] = Collected(path, line, row)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Keep what each phase of a scenario reported."""
        properties = dict(report.user_properties)
        facts: dict[str, Any] | None = properties.get(FACTS)  # type: ignore[assignment]
        if facts is None or "verdict" not in properties:
            return
        verdict = Verdict(str(properties["verdict"]))
        reason = ""
        if report.skipped and isinstance(report.longrepr, tuple):
            reason = str(report.longrepr[2]).removeprefix("Skipped: ")
        elif report.skipped and hasattr(report, "wasxfail"):
            reason = str(report.wasxfail)
        gateway = getattr(getattr(report, "node", None), "gateway", None)
        phase = Phase(
            when=report.when or "",
            verdict=verdict,
            steps=list(facts.get("steps", [])),
            failure=facts.get("failure"),
            details=str(facts.get("details", "")),
            reason=reason,
            start_ns=int(report.start * 1e9),
            duration_ns=int(report.duration * 1e9),
            worker=str(getattr(gateway, "id", "")),
        )
        self.phases.setdefault(report.nodeid, []).append(phase)

    def _is_worker(self) -> bool:
        """Whether this process is a pytest-xdist worker."""
        return hasattr(self.config, "workerinput")

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        """A worker hands its collection to the controller; else: build the record, write reports, set the exit code."""
        if self._is_worker():
            workeroutput = self.config.workeroutput  # type: ignore[attr-defined]
            items = {nodeid: [c.path, c.line, c.row] for nodeid, c in self.collected.items()}
            workeroutput[COLLECTION] = {"features": sorted(self.features), "items": items}
            return
        if not self.collected:
            return
        verdicts = [worst([phase.verdict for phase in phases]) for phases in self.phases.values()]
        try:
            self.record = self.build_record()
            out = self.config.getoption("report")
            if out is not None:
                began = time.perf_counter()
                self.written = write_reports(self.record, out)
                self.seconds_writing = time.perf_counter() - began
        except (HarnessError, OSError) as error:
            self.problem = f"the reports could not be written: {error}"
            verdicts.append(Verdict.HARNESS_ERROR)
        if verdicts and exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
            session.exitstatus = EXIT_CODES[worst(verdicts)]
        if self.config.getoption("certify", False) and session.exitstatus == pytest.ExitCode.OK:
            self.certification = certification(self.implementation.info, verdicts)
            if not certified(verdicts):
                session.exitstatus = NOT_CERTIFIED

    def build_record(self) -> RunRecord:
        """The run's record, from what was collected and reported and the features parsed with gherkin-official."""
        root = self.config.rootpath
        features = parse_features(sorted(self.features), root)
        return assemble(self.run_info(), features, self.collected, self.phases, root)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        """The per-claim lines and the closing line of the run (or why the reports could not be written)."""
        if self.problem:
            terminalreporter.write_line(f"HARNESS-ERROR {self.problem}", red=True)
        if self.record is not None:
            write_summary(terminalreporter, self.record, self.written, self.seconds_writing)
        if self.certification:
            terminalreporter.write_line(self.certification)

    def run_info(self) -> RunInfo:
        """Who and what this run was: the implementation's describe(), harness, tools, edition, seeds, catalog."""
        from harness.reference.editions import DEFAULT_EDITION

        info = self.implementation.info
        seeds = {"volume-seed": int(self.config.getoption("volume_seed"))}
        if "PYTHONHASHSEED" in os.environ and os.environ["PYTHONHASHSEED"].isdigit():
            seeds["PYTHONHASHSEED"] = int(os.environ["PYTHONHASHSEED"])
        return RunInfo(
            implementation=Implementation(
                info.name, info.version, info.protocol_version, tuple(info.capabilities), self.implementation.spec
            ),
            harness_version=harness.__version__,
            git_revision=git_revision(self.config.rootpath),
            page_edition=DEFAULT_EDITION.name,
            seeds=seeds,
            tools=tool_versions(),
            catalog=tuple(load_claims().values()),
            started_ns=self.started_ns,
            finished_ns=time.time_ns(),
            options=tuple(str(arg) for arg in self.config.invocation_params.args),
        )


def git_revision(root: Path) -> str:
    """The commit of the tree the run used ('-dirty' if tracked files changed), or 'unknown' outside git."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    if head.returncode != 0:
        return "unknown"
    return head.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")


def tool_versions() -> dict[str, str]:
    """The installed versions of the tools a run depends on."""
    found = {"offline-conformance-harness": harness.__version__}
    for name in TOOLS:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found
