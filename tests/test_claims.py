"""Tests for the claims catalog, its loader, the Gherkin index, and the catalog/feature cross-checks."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from harness.claims import CLAIM_TAG_PREFIX, Claim, claims_in_tags, load_claims
from harness.errors import ConfigurationError
from harness.gherkin_index import IndexedScenario, index_features

FEATURES = Path(__file__).parents[1] / "features"
PREFIXES = ("ENT", "RIB", "CAP", "LIM", "SYN", "SEC", "FLT", "REL")


@pytest.fixture(scope="module")
def catalog() -> dict[str, Claim]:
    return load_claims()


@pytest.fixture(scope="module")
def scenarios() -> list[IndexedScenario]:
    return index_features(FEATURES)


def _uses(scenarios: list[IndexedScenario]) -> dict[str, list[str]]:
    """Map each claim id tagged in features/ to the 'file:line' places that tag it."""
    uses: dict[str, list[str]] = defaultdict(list)
    for scenario in scenarios:
        for claim_id in scenario.claims:
            uses[claim_id].append(f"{scenario.feature_path}:{scenario.line}")
    return uses


# ---------------------------------------------------------------- (a) catalog content


def test_catalog_has_every_prefix_and_all_entity_claims(catalog: dict[str, Claim]) -> None:
    prefixes = {claim_id.split("-", 1)[0] for claim_id in catalog}
    missing = [p for p in PREFIXES if p not in prefixes]
    assert not missing, f"catalog has no claim with prefix(es) {missing}"
    ent = sorted(claim_id for claim_id in catalog if claim_id.startswith("ENT-"))
    assert ent == [f"ENT-{n:02d}" for n in range(1, 24)]


def test_catalog_entries_are_consistent(catalog: dict[str, Claim]) -> None:
    for claim in catalog.values():
        assert claim.id == claim.id.strip()
        assert len(claim.title) <= 60, f"{claim.id}: title longer than 60 characters"
        if claim.id.startswith("REL-"):
            assert (claim.section, claim.kind) == ("beyond", "beyond-page"), claim.id


# ---------------------------------------------------------------- (b)-(d) catalog versus features/


def test_every_claim_tag_in_features_is_in_catalog(catalog: dict[str, Claim], scenarios: list[IndexedScenario]) -> None:
    unknown = {claim_id: places for claim_id, places in _uses(scenarios).items() if claim_id not in catalog}
    assert not unknown, "unknown claim tag(s) in features/:\n" + "\n".join(
        f"  @{CLAIM_TAG_PREFIX}{claim_id} at {', '.join(places)}" for claim_id, places in sorted(unknown.items())
    )


def test_every_active_claim_has_a_scenario(catalog: dict[str, Claim], scenarios: list[IndexedScenario]) -> None:
    uses = _uses(scenarios)
    uncovered = [claim.id for claim in catalog.values() if not claim.pending and claim.id not in uses]
    assert not uncovered, (
        f"claims with pending = false but no scenario tagged @{CLAIM_TAG_PREFIX}ID in {FEATURES}: {uncovered}"
    )


def test_no_pending_claim_has_a_scenario(catalog: dict[str, Claim], scenarios: list[IndexedScenario]) -> None:
    uses = _uses(scenarios)
    covered = {claim.id: uses[claim.id] for claim in catalog.values() if claim.pending and claim.id in uses}
    assert not covered, (
        "these claims have scenarios: set pending = false for them in harness/claims.toml:\n"
        + "\n".join(f"  {claim_id} at {', '.join(places)}" for claim_id, places in sorted(covered.items()))
    )


# ---------------------------------------------------------------- (e) loader validation

GOOD = """
[[claim]]
id = "ENT-01"
section = "entities"
kind = "capability"
title = "Account CRUD"
text = "Accounts can be created, read, updated and deleted offline."
pending = false
"""


def _claim(**overrides: object) -> str:
    fields: dict[str, object] = {
        "id": "CAP-BR",
        "section": "capabilities",
        "kind": "capability",
        "title": "Business rules",
        "text": "Rules run on the device.",
        "pending": True,
    }
    fields.update(overrides)
    lines = ["[[claim]]"]
    for key, value in fields.items():
        lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "claims.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_loader_accepts_a_valid_catalog_in_order(tmp_path: Path) -> None:
    claims = load_claims(_write(tmp_path, GOOD + _claim() + _claim(id="ENT-02", section="entities")))
    assert list(claims) == ["ENT-01", "CAP-BR", "ENT-02"]
    assert claims["ENT-01"] == Claim(
        id="ENT-01",
        section="entities",
        kind="capability",
        title="Account CRUD",
        text="Accounts can be created, read, updated and deleted offline.",
        pending=False,
    )
    assert claims["CAP-BR"].pending is True


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (GOOD + GOOD, "duplicate id"),
        (_claim(id="ent-01"), "bad id format"),
        (_claim(id="ENT01"), "bad id format"),
        (_claim(id="ENT-0 1"), "bad id format"),
        (_claim(kind="wish"), "unknown kind"),
        (_claim(section="misc"), "unknown section"),
        (_claim(text=""), "empty text"),
        (_claim(text="   "), "empty text"),
        (_claim(title=""), "empty title"),
        (_claim(pending="no"), "pending must be a boolean"),
        (_claim(extra="x"), "unknown key"),
        (GOOD.replace("pending = false\n", ""), "missing key"),
        ("", "no [[claim]] tables"),
        ("[[claim]\n", "invalid TOML"),
    ],
)
def test_loader_rejects_bad_catalogs(tmp_path: Path, body: str, problem: str) -> None:
    with pytest.raises(ConfigurationError) as excinfo:
        load_claims(_write(tmp_path, body))
    assert problem in str(excinfo.value)


def test_loader_error_names_the_claim(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match=r"claim 'CAP-BR'.*unknown kind 'wish'"):
        load_claims(_write(tmp_path, GOOD + _claim(kind="wish")))
    with pytest.raises(ConfigurationError, match=r"claim 'ENT-01'.*duplicate id"):
        load_claims(_write(tmp_path, GOOD + _claim() + GOOD))


def test_loader_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="cannot read"):
        load_claims(tmp_path / "absent.toml")


# ---------------------------------------------------------------- (f) claims_in_tags


def test_claims_in_tags() -> None:
    assert claims_in_tags(["claim:ENT-07", "@claim:RIB-01", "@smoke", "wip", "beyond-page"]) == {"ENT-07", "RIB-01"}
    assert claims_in_tags(["@claim:ENT-07", "claim:ENT-07"]) == {"ENT-07"}
    assert claims_in_tags([]) == set()
    assert claims_in_tags(["claim:", "@claim:", "claims:ENT-01", "xclaim:ENT-01"]) == set()
    assert claims_in_tags(iter(["@claim:REL-IDEM"])) == {"REL-IDEM"}


# ---------------------------------------------------------------- (g) gherkin_index

SAMPLE = """\
@claim:ENT-01 @entities
Feature: Sample feature

  Background:
    Given an offline device

  Scenario: plain scenario
    Then nothing

  @claim:ENT-13
  Rule: lead commands

    @claim:ENT-23 @slow
    Scenario Outline: qualify <n>
      When I run <n>

      @claim:LIM-LQ
      Examples: first block
        | n |
        | 1 |
        | 2 |

      @wip
      Examples:
        | n |
        | 3 |

    Scenario: inside the rule
      Then fine
"""


def test_index_features_inherits_tags_and_counts_examples(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.feature").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "a.feature").write_text("Feature: other\n  Scenario: lone\n    Given x\n", encoding="utf-8")
    (tmp_path / "empty.feature").write_text("# nothing here\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Feature: ignored\n", encoding="utf-8")

    indexed = index_features(tmp_path)
    assert [(Path(s.feature_path).name, s.line, s.name) for s in indexed] == [
        ("a.feature", 2, "lone"),
        ("b.feature", 7, "plain scenario"),
        ("b.feature", 14, "qualify <n>"),
        ("b.feature", 28, "inside the rule"),
    ]
    lone, plain, outline, in_rule = indexed
    assert lone.tags == frozenset() and lone.claims == frozenset() and lone.rule_name is None

    assert plain.feature_name == "Sample feature"
    assert plain.rule_name is None
    assert plain.tags == {"claim:ENT-01", "entities"}
    assert plain.claims == {"ENT-01"}
    assert plain.examples == 0

    assert outline.rule_name == "lead commands"
    assert outline.tags == {"claim:ENT-01", "entities", "claim:ENT-13", "claim:ENT-23", "slow", "claim:LIM-LQ", "wip"}
    assert outline.claims == {"ENT-01", "ENT-13", "ENT-23", "LIM-LQ"}
    assert outline.examples == 3

    assert in_rule.rule_name == "lead commands"
    assert in_rule.claims == {"ENT-01", "ENT-13"}
    assert in_rule.examples == 0
    assert Path(outline.feature_path) == tmp_path / "sub" / "b.feature"


def test_index_features_rejects_invalid_gherkin(tmp_path: Path) -> None:
    (tmp_path / "bad.feature").write_text("Feature: x\n  Scenario: y\n    Given z\n  Nonsense line\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"bad\.feature"):
        index_features(tmp_path)


def test_index_features_missing_root(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="does not exist"):
        index_features(tmp_path / "absent")
