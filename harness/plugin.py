"""The pytest plugin: --impl and --claim, the per-scenario `driver` fixture, capability skips, claim summary."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator, Iterator
from typing import Any

import pytest

from harness.claims import CLAIM_TAG_PREFIX, claim_problem, load_claims
from harness.driver import Driver
from harness.errors import HarnessError, Unsupported
from harness.implementations import Factory, load_factory

NEEDS_TAG_PREFIX = "needs:"
VERDICT_ORDER = ("failed", "harness-error", "skipped", "passed")


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


def pytest_configure(config: pytest.Config) -> None:
    """Declare the markers the feature tags become."""
    config.addinivalue_line("markers", "claim(id): the scenario checks this claim of the catalog")
    config.addinivalue_line("markers", "needs(capability): the scenario needs this capability of the implementation")
    config.addinivalue_line("markers", "beyond_page: the claim goes beyond the documentation page")
    config.addinivalue_line("markers", "beyond-page: the same, as pytest-bdd applies it to Examples blocks")
    config.addinivalue_line("markers", "volume: the scenario runs on a generated organization near the limits")
    config.addinivalue_line("filterwarnings", "ignore:Unknown pytest.mark.claim")
    check_claim_options(config)


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


_FACTORY = pytest.StashKey[Factory]()


@pytest.fixture
def driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    """A fresh implementation for one scenario; scenarios needing a missing capability are skipped."""
    config = request.config
    if _FACTORY not in config.stash:
        config.stash[_FACTORY] = load_factory(config.getoption("impl"))
    implementation = config.stash[_FACTORY]()
    capabilities = set(implementation.describe().capabilities)
    for mark in request.node.iter_markers("needs"):
        if mark.args[0] not in capabilities:
            pytest.skip(f"implementation lacks capability {mark.args[0]!r}")
    yield implementation
    close = getattr(implementation, "close", None)
    if callable(close):
        close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """An `Unsupported` capability skips the scenario with its reason instead of failing it."""
    try:
        yield
    except Unsupported as missing:
        pytest.skip(f"unsupported: {missing}")


def verdict(report: pytest.TestReport) -> str:
    """passed, failed, skipped, or harness-error (the adapter broke, not the product)."""
    if report.failed and dict(report.user_properties).get("harness_error"):
        return "harness-error"
    return str(report.outcome)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Flag HarnessErrors on the report so they are never scored as product failures."""
    report = yield
    if call.excinfo is not None and call.excinfo.errisinstance(HarnessError):
        report.user_properties = [*report.user_properties, ("harness_error", True)]
    return report


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Remember each scenario's verdict once: the call phase, or setup when setup did not pass."""
    if report.when == "call" or (report.when == "setup" and not report.passed):
        claims = dict(report.user_properties).get("claims", [])
        for claim in claims if isinstance(claims, list) else []:
            _OUTCOMES[claim].append((report.nodeid, verdict(report)))


_OUTCOMES: dict[str, list[tuple[str, str]]] = defaultdict(list)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Print one line per claim: scenarios by verdict and the claim's overall verdict."""
    outcomes = _OUTCOMES
    if not outcomes:
        return
    catalog = load_claims()
    terminalreporter.section(f"claims verified against {config.getoption('impl')}")
    for claim_id, claim in catalog.items():
        results = outcomes.get(claim_id)
        if not results:
            continue
        counts = {v: sum(1 for _, got in results if got == v) for v in VERDICT_ORDER}
        overall = next(v for v in VERDICT_ORDER if counts[v]) if results else "none"
        detail = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
        terminalreporter.write_line(f"{overall.upper():>13}  {claim_id:<12} {claim.title:<60} {detail}")
