"""An implementation's expectations file: the scenarios it knows it skips or fails, each with a reason and a link.

    implementation = "pouchdb-backend"       # the name its describe() answers

    [skip."SYN-2"]                           # a claim id: every scenario of the claim
    reason = "cycles take no simulated time"
    link = "https://example.org/pouchdb-backend/issues/12"

    [xfail."beyond/conflicts.feature::The server's change wins when conflict detection is on"]
    reason = "PouchDB picks the winning revision by its own rule, whatever the setting says"
    link = "https://pouchdb.com/guides/conflicts.html"

An id is a claim id, a scenario id (`<feature path under features/>::<scenario name>`: every example of an
outline), or one example (`<scenario id>[<the row's values joined by ->]`). A skipped scenario does not run. An
xfail is strict: the scenario must fail as a product failure; if it passes, it fails the run until the entry is
removed (an implementation error stays an implementation error). The most specific entry applies. An unknown id,
a missing reason or link, an unknown key, or an id listed under both is one usage error.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from jsonschema import Draft202012Validator
from pytest_bdd.feature import get_features

from harness.claims import claims_in_tags, load_claims
from harness.errors import ConfigurationError
from harness.suite import example_id, features_dir, scenario_id

Kind = Literal["skip", "xfail"]
KINDS: tuple[Kind, ...] = ("skip", "xfail")

ENTRY: dict[str, Any] = {
    "type": "object",
    "properties": {
        "reason": {"type": "string", "minLength": 1},
        "link": {"type": "string", "pattern": "^\\S+$"},
    },
    "required": ["reason", "link"],
    "additionalProperties": False,
}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "implementation": {"type": "string", "minLength": 1},
        **{kind: {"type": "object", "additionalProperties": ENTRY} for kind in KINDS},
    },
    "required": ["implementation"],
    "additionalProperties": False,
}


@dataclass(frozen=True)
class Expectation:
    """One entry: skip or strict xfail, why, and where to read more."""

    kind: Kind
    id: str
    reason: str
    link: str
    source: str

    def describe(self) -> str:
        """The entry as a skip or xfail reason says it."""
        label = "skipped" if self.kind == "skip" else "expected to fail"
        return f"{label} by {self.source} [{self.id}]: {self.reason} ({self.link})"


@dataclass(frozen=True)
class Expectations:
    """An implementation's entries by id."""

    implementation: str
    entries: dict[str, Expectation]

    def match(self, claims: Iterable[str], scenario: str, example: str | None) -> Expectation | None:
        """The entry for a scenario: its example's, else its scenario's, else the first of its claims'."""
        candidates = [f"{scenario}[{example}]"] if example is not None else []
        candidates += [scenario, *sorted(claims)]
        return next((self.entries[key] for key in candidates if key in self.entries), None)


NONE = Expectations("", {})


def load_expectations(path: Path, implementation: str) -> Expectations:
    """Read and validate an expectations file for `implementation`; any problem is one ConfigurationError."""
    where = f"expectations file {path}"
    try:
        raw: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"{where}: {error}") from None
    if problem := schema_problem(raw):
        raise ConfigurationError(f"{where}: {problem}")
    if raw["implementation"] != implementation:
        raise ConfigurationError(f"{where} is for {raw['implementation']!r}, not for {implementation!r}")
    entries: dict[str, Expectation] = {}
    known = known_ids()
    for kind in KINDS:
        for key, entry in raw.get(kind, {}).items():
            if key in entries:
                raise ConfigurationError(f"{where}: {key!r} is listed under both skip and xfail")
            if key not in known:
                raise ConfigurationError(f"{where}: {kind} {key!r} names no claim, scenario or example of the suite")
            entries[key] = Expectation(kind, key, entry["reason"], entry["link"], path.name)
    return Expectations(raw["implementation"], entries)


def schema_problem(raw: dict[str, Any]) -> str | None:
    """The first way `raw` breaks the file's schema, said for a person (None: it follows it)."""
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(raw), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    at = ".".join(f'"{p}"' if "." in str(p) or " " in str(p) else str(p) for p in errors[0].absolute_path)
    link = errors[0].validator == "pattern"
    message = f"{errors[0].instance!r} is not a link (a URL or a path, no spaces)" if link else errors[0].message
    return f"{at or 'top level'}: {message}"


@cache
def known_ids() -> frozenset[str]:
    """Every id an entry may use: claims with scenarios, scenario ids and example ids of the suite's features."""
    ids: set[str] = set()
    catalog = load_claims()
    for feature in get_features([str(features_dir())]):
        for template in feature.scenarios.values():
            scenario = scenario_id(feature.filename, template.name)
            ids.add(scenario)
            tags = set(feature.tags) | set(template.tags) | (template.rule.tags if template.rule else set())
            for block in template.examples:
                tags |= set(block.tags)
                ids.update(f"{scenario}[{example_id(row)}]" for row in block.as_contexts())
            ids.update(claim for claim in claims_in_tags(tags) if claim in catalog)
    return frozenset(ids)
