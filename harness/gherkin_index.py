"""Parse *.feature files with the official Gherkin parser: documents and pickles for reports, and an index of every
scenario with its inherited tags and claim ids."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gherkin.ast_builder import AstBuilder
from gherkin.errors import ParserError
from gherkin.parser import Parser
from gherkin.pickles.compiler import Compiler
from gherkin.stream.id_generator import IdGenerator
from gherkin.token_scanner import TokenScanner

from harness.claims import claims_in_tags
from harness.errors import ConfigurationError


@dataclass(frozen=True)
class IndexedScenario:
    """One Scenario or Scenario Outline: tags inherited from feature, rule, scenario and its Examples (no '@')."""

    feature_path: str
    feature_name: str
    rule_name: str | None
    name: str
    line: int
    tags: frozenset[str]
    claims: frozenset[str]
    examples: int


def _tag_names(node: Any) -> set[str]:
    """Return the tag names of a parsed gherkin node, without the leading '@'."""
    return {str(tag["name"]).removeprefix("@") for tag in node.get("tags") or []}


def _scenarios(children: Iterable[Any]) -> Iterator[tuple[Any, Any | None]]:
    """Yield (scenario, enclosing rule or None) for every scenario among feature children, rules included."""
    for child in children:
        if "scenario" in child:
            yield child["scenario"], None
        elif "rule" in child:
            rule = child["rule"]
            for grandchild in rule.get("children") or []:
                if "scenario" in grandchild:
                    yield grandchild["scenario"], rule


@dataclass(frozen=True)
class ParsedFeature:
    """One feature file as the official parser sees it: source text, Gherkin document and pickles (message dicts)."""

    uri: str
    source: str
    document: dict[str, Any]
    pickles: list[dict[str, Any]]


def parse_feature(path: Path, uri: str, ids: IdGenerator | None = None) -> ParsedFeature:
    """Parse `path` (named `uri` in messages); `ids` numbers nodes and pickles, shared across files for unique ids."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"feature file {path}: cannot read: {exc}") from exc
    ids = ids or IdGenerator()
    try:
        document: Any = Parser(AstBuilder(ids)).parse(TokenScanner(source))
    except ParserError as exc:
        raise ConfigurationError(f"feature file {path}: invalid Gherkin: {exc}") from exc
    document = {**document, "uri": uri}
    pickles: list[dict[str, Any]] = [dict(pickle) for pickle in Compiler(ids).compile(document)]
    return ParsedFeature(uri, source, document, pickles)


def _index_file(path: Path) -> list[IndexedScenario]:
    """Return the scenarios of one feature file; raise ConfigurationError if it cannot be read or parsed."""
    document = parse_feature(path, str(path)).document
    feature = document.get("feature")
    if not feature:
        return []
    feature_tags = _tag_names(feature)
    indexed: list[IndexedScenario] = []
    for scenario, rule in _scenarios(feature.get("children") or []):
        tags = feature_tags | _tag_names(scenario)
        if rule is not None:
            tags |= _tag_names(rule)
        rows = 0
        for block in scenario.get("examples") or []:
            tags |= _tag_names(block)
            rows += len(block.get("tableBody") or [])
        indexed.append(
            IndexedScenario(
                feature_path=str(path),
                feature_name=str(feature.get("name", "")),
                rule_name=None if rule is None else str(rule.get("name", "")),
                name=str(scenario.get("name", "")),
                line=int(scenario["location"]["line"]),
                tags=frozenset(tags),
                claims=frozenset(claims_in_tags(tags)),
                examples=rows,
            )
        )
    return indexed


def index_features(root: Path) -> list[IndexedScenario]:
    """Return every scenario of every *.feature under `root` (paths as root / relative), sorted by path then line."""
    if not root.is_dir():
        raise ConfigurationError(f"features folder {root} does not exist or is not a directory")
    scenarios: list[IndexedScenario] = []
    for path in sorted(root.rglob("*.feature")):
        scenarios.extend(_index_file(path))
    return sorted(scenarios, key=lambda s: (s.feature_path, s.line))
