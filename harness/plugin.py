"""The pytest plugin: --impl and --claim, the per-scenario `driver` fixture, capability skips, verdicts; the run's
results, reports, summary and exit code are kept by harness.report's RunRecorder, registered here."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any, cast

import pytest

from harness.claims import CLAIM_TAG_PREFIX, claim_problem, load_claims
from harness.driver import Driver
from harness.errors import ConfigurationError, ImplementationError, Unsupported
from harness.guard import Guarded
from harness.implementations import Implementation, load_implementation
from harness.report.recorder import RunRecorder
from harness.report.recorder import add_options as add_report_options
from harness.report.recorder import check_options as check_report_options
from harness.verdicts import Verdict, of_exception

NEEDS_TAG_PREFIX = "needs:"
SCENARIO_PARAMETER = "_pytest_bdd_example"
"""Every pytest-bdd scenario (outline or not) takes this parameter: it tells scenarios from other tests."""


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the harness's command-line options."""
    group = parser.getgroup("offline-harness", "offline conformance harness")
    group.addoption(
        "--impl",
        default="reference",
        help="implementation under test: a registered name, module:factory, or json:<spec> (default: reference)",
    )
    group.addoption("--claim", action="append", default=[], help="run only the scenarios of this claim (repeatable)")
    group.addoption(
        "--volume-users",
        type=int,
        default=200,
        help="users in the generated organization of @volume scenarios (default 200; the page's limit is 2000)",
    )
    group.addoption("--volume-seed", type=int, default=7, help="seed of the generated organization (default 7)")
    add_report_options(group)


_IMPLEMENTATION = pytest.StashKey[Implementation]()


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
        config.stash[_IMPLEMENTATION] = load_implementation(config.getoption("impl"))
    except ConfigurationError as error:
        raise pytest.UsageError(str(error)) from None
    check_report_options(config)
    config.pluginmanager.register(RunRecorder(config, config.stash[_IMPLEMENTATION]), "offline-harness-recorder")


def check_claim_options(config: pytest.Config) -> None:
    """Every --claim names a claim that scenarios check; else a usage error, one line per bad id, before collection."""
    if wanted := config.getoption("claim"):
        catalog = load_claims()
        if problems := [f"--claim {problem}" for claim in wanted if (problem := claim_problem(claim, catalog))]:
            raise pytest.UsageError(*problems)


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
    found = {str(m.args[0]) for m in item.iter_markers("claim")}
    found |= {m.name.removeprefix(CLAIM_TAG_PREFIX) for m in item.iter_markers() if m.name.startswith(CLAIM_TAG_PREFIX)}
    return found


def is_scenario(item: pytest.Item) -> bool:
    """Whether `item` is a Gherkin scenario (scored by verdict) rather than one of the harness's own tests."""
    return SCENARIO_PARAMETER in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Record each scenario's claims on it (reports carry them); with --claim, keep only those claims."""
    for item in items:
        if claims := item_claims(item):
            item.user_properties.append(("claims", sorted(claims)))
    wanted = set(config.getoption("claim"))
    if not wanted:
        return
    keep = [item for item in items if item_claims(item) & wanted]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


@pytest.fixture
def driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    """A fresh implementation for one scenario, behind the guard; a scenario needing a missing capability is skipped."""
    implementation = request.config.stash[_IMPLEMENTATION]
    info = implementation.info
    for mark in request.node.iter_markers("needs"):
        if mark.args[0] not in info.capabilities:
            pytest.skip(f"{info.name} {info.version} does not declare the capability {mark.args[0]!r}")
    try:
        made = implementation.factory()
    except Exception as error:
        raise ImplementationError(f"{info.name}: making a fresh implementation raised {error!r}") from error
    yield cast(Driver, Guarded(made, info.name))
    close = getattr(made, "close", None)
    if callable(close):
        try:
            close()
        except Exception as error:
            raise ImplementationError(f"{info.name}: close() raised {error!r}") from error


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """An `Unsupported` capability skips the scenario with its reason instead of failing it."""
    try:
        yield
    except Unsupported as missing:
        pytest.skip(f"unsupported: {missing}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Put each phase's verdict on the report of a scenario (it travels with the report, under xdist too)."""
    report = yield
    if is_scenario(item):
        report.user_properties = [*report.user_properties, ("verdict", str(of_exception(call.excinfo)))]
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
