"""Capabilities mean something: every method has its capability, features tag what they need, a partial
implementation is skipped where it lacks something (with the reason at the scenario), limitations never are."""

from __future__ import annotations

from pathlib import Path

from pytest_bdd.feature import get_features

from harness.capabilities import CAPABILITIES, CORE, METHODS
from harness.codec import driver_methods
from harness.suite import features_dir
from harness.verdicts import EXIT_CODES, Verdict
from tests.runs import run_suite


def test_every_seam_method_is_core_or_has_one_capability() -> None:
    assert not CORE & set(METHODS)
    assert CORE | set(METHODS) == set(driver_methods()), "classify a new seam method in harness/capabilities.py"
    assert set(METHODS.values()) <= set(CAPABILITIES)


def test_needs_tags_name_known_capabilities_at_feature_or_rule_level() -> None:
    tagged: set[str] = set()
    for feature in get_features([str(features_dir())]):
        rules = {template.rule.name: template.rule.tags for template in feature.scenarios.values() if template.rule}
        for tags in [feature.tags, *rules.values()]:
            tagged |= {tag.removeprefix("needs:") for tag in tags if tag.startswith("needs:")}
        for template in feature.scenarios.values():
            lower = set(template.tags).union(*(block.tags for block in template.examples))
            assert not [tag for tag in lower if tag.startswith("needs:")], f"{feature.rel_filename}: {template.name}"
    assert tagged <= set(CAPABILITIES), tagged - set(CAPABILITIES)
    assert tagged >= set(METHODS.values()) - {"persistence"}, "every capability with scenarios is tagged somewhere"


def test_a_partial_implementation_is_skipped_where_it_lacks_a_capability_but_limitations_still_run() -> None:
    result = run_suite(
        "steps", "--impl", "tests.misbehaving:WithoutViews", "--claim", "CAP-VW", "--claim", "LIM-VW1", "-rs"
    )
    assert result.returncode == EXIT_CODES[Verdict.FAILED], result.stdout[-3000:]
    assert "SKIPPED  CAP-VW" in result.stdout
    reason = "partial 1.0 does not declare the capability 'views'"
    skips = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED [")]
    assert skips and all("features/capabilities/views.feature:" in line and reason in line for line in skips), skips
    assert "FAILED  LIM-VW1" in result.stdout
    assert "LIM-VW1: a limitation or limit is never skipped for a missing capability" in result.stdout
    assert "capability 'views' is not supported: partial does not declare it" in result.stdout


def test_a_runtime_skip_points_at_the_scenario_not_the_harness() -> None:
    result = run_suite("steps", "--impl", "tests.misbehaving:NoSync", "--claim", "REL-ID", "-rs")
    skips = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED [")]
    assert skips and all("features/beyond/offline_ids.feature:" in line for line in skips), skips
    assert "plugin.py" not in result.stdout


UNTAGGED = """
from pytest_bdd import scenarios, when

scenarios("untagged.feature")

@when("the scenario opens a view")
def opens(driver):
    driver.list_views("ana", "account")
"""


def test_a_scenario_reaching_an_untagged_capability_is_a_harness_error(tmp_path: Path) -> None:
    (tmp_path / "untagged.feature").write_text(
        "Feature: untagged\n  Scenario: it reaches views\n    When the scenario opens a view\n"
    )
    (tmp_path / "test_untagged.py").write_text(UNTAGGED)
    result = run_suite("test_untagged.py", "-p", "no:cacheprovider", cwd=tmp_path)
    assert result.returncode == EXIT_CODES[Verdict.HARNESS_ERROR], result.stdout[-3000:]
    assert "calls list_views(), but its feature or rule is not tagged @needs:views" in result.stdout
