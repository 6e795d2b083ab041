"""The pytest plugin: --impl, --claim, --expectations and --certify, the per-scenario `driver` fixture, capability
skips, verdicts; the run's results, reports, summary and exit code are kept by harness.report's RunRecorder,
registered here."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from functools import cache
from pathlib import Path
from typing import Any, cast

import pytest

from harness.capabilities import NEVER_SKIPPED_KINDS
from harness.claims import CLAIM_TAG_PREFIX, claim_problem, load_claims
from harness.driver import Driver, ImplementationInfo
from harness.errors import ConfigurationError, HarnessError, ImplementationError, Unsupported
from harness.expectations import NONE, Expectations, load_expectations
from harness.guard import Guarded
from harness.implementations import Implementation, PeerOptions, load_implementation
from harness.report.recorder import RunRecorder
from harness.report.recorder import add_options as add_report_options
from harness.report.recorder import check_options as check_report_options
from harness.suite import example_id, scenario_id, scenario_template
from harness.transport.client import DEFAULT_TIMEOUT
from harness.verdicts import NOT_CERTIFIED, Verdict, of_report

NEEDS_TAG_PREFIX = "needs:"
SCENARIO_PARAMETER = "_pytest_bdd_example"
"""Every pytest-bdd scenario (outline or not) takes this parameter: it tells scenarios from other tests."""


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the harness's command-line options."""
    group = parser.getgroup("offline-harness", "offline conformance harness")
    group.addoption(
        "--impl",
        default="reference",
        help="implementation under test: a registered name, module:factory, json:<spec>, or "
        '"cmd:<command line>" for a process speaking the stdio protocol (default: reference)',
    )
    group.addoption(
        "--call-timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds a cmd: implementation may take to answer one call (default {DEFAULT_TIMEOUT:g})",
    )
    group.addoption("--trace-protocol", metavar="FILE", help="write every line a cmd: implementation exchanges to FILE")
    group.addoption("--claim", action="append", default=[], help="run only the scenarios of this claim (repeatable)")
    group.addoption(
        "--expectations",
        metavar="FILE",
        help="the implementation's expectations file (TOML): scenarios it skips or is expected to fail",
    )
    group.addoption(
        "--certify",
        action="store_true",
        help=f"fail the run (exit {NOT_CERTIFIED}) on any skip or expected failure; only then is it certified",
    )
    group.addoption(
        "--volume-users",
        type=int,
        default=200,
        help="users in the generated organization of @volume scenarios (default 200; the page's limit is 2000)",
    )
    group.addoption("--volume-seed", type=int, default=7, help="seed of the generated organization (default 7)")
    add_report_options(group)


_IMPLEMENTATION = pytest.StashKey[Implementation]()
_EXPECTATIONS = pytest.StashKey[Expectations]()


def pytest_configure(config: pytest.Config) -> None:
    """Declare the markers the feature tags become; load and check the implementation once, before collection."""
    config.addinivalue_line("markers", "claim(id): the scenario checks this claim of the catalog")
    config.addinivalue_line("markers", "needs(capability): the scenario needs this capability of the implementation")
    config.addinivalue_line("markers", "beyond_page: the claim goes beyond the documentation page")
    config.addinivalue_line("markers", "beyond-page: the same, as pytest-bdd applies it to Examples blocks")
    config.addinivalue_line("markers", "volume: the scenario runs on a generated organization near the limits")
    config.addinivalue_line("filterwarnings", "ignore:Unknown pytest.mark.claim")
    if config.option.help or config.option.version:
        return
    check_claim_options(config)
    try:
        implementation = load_implementation(config.getoption("impl"), peer_options(config))
    except ConfigurationError as error:
        raise pytest.UsageError(str(error)) from None
    path = config.getoption("expectations")
    try:
        config.stash[_EXPECTATIONS] = load_expectations(Path(path), implementation.info.name) if path else NONE
        check_report_options(config)
    except (ConfigurationError, pytest.UsageError) as error:
        implementation.close()
        raise pytest.UsageError(str(error)) from None
    config.stash[_IMPLEMENTATION] = implementation
    if config.pluginmanager.hasplugin("dsession"):
        implementation.close()  # the xdist controller runs no scenario; each worker starts its own process
    config.pluginmanager.register(RunRecorder(config, implementation), "offline-harness-recorder")


def peer_options(config: pytest.Config) -> PeerOptions:
    """How a cmd: implementation runs in this process (an xdist worker traces to its own file)."""
    trace = config.getoption("trace_protocol")
    worker = getattr(config, "workerinput", {}).get("workerid")
    path = None if trace is None else Path(trace)
    if path is not None and worker:
        path = path.with_name(f"{path.stem}.{worker}{path.suffix}")
    return PeerOptions(config.getoption("call_timeout"), path)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Shut an out-of-process implementation down at the end of the run."""
    implementation = config.stash.get(_IMPLEMENTATION, None)
    if implementation is not None:
        implementation.close()


def check_claim_options(config: pytest.Config) -> None:
    """Every --claim names a claim that scenarios check; else a usage error, one line per bad id, before collection."""
    if wanted := config.getoption("claim"):
        catalog = load_claims()
        if problems := [f"--claim {problem}" for claim in wanted if (problem := claim_problem(claim, catalog))]:
            raise pytest.UsageError(*problems)


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: Any) -> bool | None:
    """`claim:ID` and `needs:CAP` tags become parametrised markers; others keep pytest-bdd's default."""
    for prefix, mark in ((CLAIM_TAG_PREFIX, pytest.mark.claim), (NEEDS_TAG_PREFIX, pytest.mark.needs)):
        if tag.startswith(prefix):
            mark(tag.removeprefix(prefix))(function)
            return True
    if tag == "beyond-page":
        pytest.mark.beyond_page(function)
        return True
    return None


def item_claims(item: pytest.Item) -> set[str]:
    """The claim ids a collected scenario checks (scenario, rule, feature and Examples tags)."""
    return _tagged(item, "claim", CLAIM_TAG_PREFIX)


def item_needs(item: pytest.Item) -> set[str]:
    """The capabilities a collected scenario needs (`@needs:NAME` on its feature or rule)."""
    return _tagged(item, "needs", NEEDS_TAG_PREFIX)


def _tagged(item: pytest.Item, mark: str, prefix: str) -> set[str]:
    found = {str(m.args[0]) for m in item.iter_markers(mark)}
    return found | {m.name.removeprefix(prefix) for m in item.iter_markers() if m.name.startswith(prefix)}


def never_skipped(claims: set[str]) -> list[str]:
    """The claims among `claims` whose scenarios run whatever the implementation declares (limitations, limits)."""
    return sorted(claims & _never_skipped_claims())


@cache
def _never_skipped_claims() -> frozenset[str]:
    return frozenset(claim.id for claim in load_claims().values() if claim.kind in NEVER_SKIPPED_KINDS)


def is_scenario(item: pytest.Item) -> bool:
    """Whether `item` is a Gherkin scenario (scored by verdict) rather than one of the harness's own tests."""
    return SCENARIO_PARAMETER in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Record each scenario's claims on it (reports carry them), mark its skip or expected failure; with --claim,
    keep only those claims."""
    info = config.stash[_IMPLEMENTATION].info
    for item in items:
        if claims := item_claims(item):
            item.user_properties.append(("claims", sorted(claims)))
        if is_scenario(item):
            prepare(item, claims, info, config.stash[_EXPECTATIONS])
    wanted = set(config.getoption("claim"))
    if not wanted:
        return
    keep = [item for item in items if item_claims(item) & wanted]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


def prepare(item: pytest.Item, claims: set[str], info: ImplementationInfo, expectations: Expectations) -> None:
    """Skip a scenario needing capabilities the implementation lacks (limitations and limits excepted), or apply its
    expectations entry (skip, or strict xfail: only a product failure counts as the expected one)."""
    missing = sorted(item_needs(item) - set(info.capabilities))
    if missing and not never_skipped(claims):
        named = f"capability {missing[0]!r}" if len(missing) == 1 else f"capabilities {', '.join(map(repr, missing))}"
        item.add_marker(pytest.mark.skip(reason=f"{info.name} {info.version} does not declare the {named}"))
        return
    template = scenario_template(item)
    if template is None:
        return
    row = getattr(item, "callspec", None)
    values = row.params.get(SCENARIO_PARAMETER) if row is not None else None
    example = example_id(values) if values else None
    expectation = expectations.match(claims, scenario_id(template.feature.filename, template.name), example)
    if expectation is None:
        return
    if expectation.kind == "skip":
        item.add_marker(pytest.mark.skip(reason=expectation.describe()))
    else:
        item.add_marker(pytest.mark.xfail(reason=expectation.describe(), strict=True, raises=PRODUCT_FAILURES))


PRODUCT_FAILURES = (AssertionError, pytest.fail.Exception)


@pytest.fixture
def driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    """A fresh implementation for one scenario, behind the guard; afterwards, every capability the scenario reached
    must be among its `@needs` tags (else the tags are wrong: a harness error)."""
    implementation = request.config.stash[_IMPLEMENTATION]
    info = implementation.info
    try:
        made = implementation.factory()
    except Exception as error:
        raise ImplementationError(f"{info.name}: making a fresh implementation raised {error!r}") from error
    guarded = Guarded(made, info.name, info.capabilities)
    yield cast(Driver, guarded)
    close = getattr(made, "close", None)
    if callable(close):
        try:
            close()
        except Exception as error:
            raise ImplementationError(f"{info.name}: close() raised {error!r}") from error
    if is_scenario(request.node) and (untagged := sorted(set(guarded.reached) - item_needs(request.node))):
        calls = ", ".join(f"{guarded.reached[name]}()" for name in untagged)
        tags = " ".join(f"@needs:{name}" for name in untagged)
        raise HarnessError(f"the scenario calls {calls}, but its feature or rule is not tagged {tags}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """An `Unsupported` capability skips the scenario with its reason; a limitation or limit fails instead."""
    try:
        yield
    except Unsupported as missing:
        if claims := never_skipped(item_claims(item)):
            pytest.fail(
                f"{', '.join(claims)}: a limitation or limit is never skipped for a missing capability, and {missing}. "
                "Only the implementation's expectations file can skip it (with a reason and a link).",
                pytrace=False,
            )
        pytest.skip(str(missing))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Put each phase's verdict on the report of a scenario (it travels with the report, under xdist too); a skip
    points at the scenario in its feature file, not at the harness."""
    report = yield
    if is_scenario(item):
        template = scenario_template(item)
        if report.skipped and isinstance(report.longrepr, tuple) and template is not None:
            report.longrepr = (template.feature.filename, template.line_number, report.longrepr[2])
        report.user_properties = [*report.user_properties, ("verdict", str(of_report(report, call.excinfo)))]
    return report


ERROR_VERDICTS = {Verdict.IMPLEMENTATION_ERROR: "I", Verdict.HARNESS_ERROR: "H"}


def pytest_report_teststatus(report: pytest.TestReport) -> tuple[str, str, str] | None:
    """pytest's own progress and closing line count implementation and harness errors apart from failures."""
    found = verdict_of(report)
    if found in ERROR_VERDICTS and report.failed:
        return str(found), ERROR_VERDICTS[found], found.upper()
    return None


def verdict_of(report: pytest.TestReport) -> Verdict | None:
    """The verdict a scenario's report carries (None: not a scenario)."""
    found = dict(report.user_properties).get("verdict")
    return None if found is None else Verdict(str(found))


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """A run that found no scenario but named an implementation says where the installed suite is."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED and "--impl" in " ".join(config.invocation_params.args):
        terminalreporter.write_line(
            "no conformance scenario here: `offline-harness run --impl SPEC` runs the installed suite from any folder"
        )
