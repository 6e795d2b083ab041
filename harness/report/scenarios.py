"""A reader's view of each pickle of a record: feature, rule, scenario, Examples row, tags and steps, with results."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from harness.claims import claims_in_tags
from harness.gherkin_index import ParsedFeature
from harness.report.record import CaseResult, RunRecord, StepResult

Node = dict[str, Any]


@dataclass(frozen=True)
class Tag:
    """A tag as written (with '@') and the line it is on."""

    name: str
    line: int


@dataclass(frozen=True)
class StepView:
    """One step as the scenario runs it (outline values filled in) and its result."""

    keyword: str
    text: str
    line: int
    table: list[list[str]] | None
    doc_string: Node | None
    """content, mediaType and line of the step's doc string."""
    result: StepResult


@dataclass(frozen=True)
class ScenarioView:
    """One pickle, everything a report shows about it."""

    uri: str
    feature: Node
    rule: Node | None
    scenario: Node
    examples: Node | None
    row: Node | None
    pickle: Node
    steps: list[StepView]
    tags: list[Tag]
    case: CaseResult

    @property
    def name(self) -> str:
        """The scenario's name (outline placeholders filled in)."""
        return str(self.pickle["name"])

    @property
    def line(self) -> int:
        """The line of the Examples row, or of the scenario."""
        return int((self.row or self.scenario)["location"]["line"])

    @property
    def claims(self) -> list[str]:
        """The claim ids tagged on the feature, rule, scenario or Examples block, sorted."""
        return sorted(claims_in_tags(tag.name for tag in self.tags))

    @property
    def example(self) -> str:
        """'Examples: Email | update | refused' for an Examples row, '' otherwise."""
        if self.examples is None or self.row is None:
            return ""
        cells = " | ".join(str(cell["value"]) for cell in self.row["cells"])
        name = str(self.examples.get("name") or "").strip()
        return f"{self.examples['keyword']}: {name + ' | ' if name else ''}{cells}"

    @property
    def title(self) -> str:
        """The name, and the Examples row for an outline: unique within its feature file."""
        return f"{self.name} [{self.example}, line {self.line}]" if self.row else self.name

    @property
    def ident(self) -> str:
        """A stable id unique in the run: file and line."""
        return f"{self.uri}:{self.line}"


def _nodes(feature: ParsedFeature) -> dict[str, tuple[Node, Node | None, Node | None]]:
    """Every id of a document mapped to (node, enclosing rule, enclosing examples block)."""
    found: dict[str, tuple[Node, Node | None, Node | None]] = {}
    root = feature.document.get("feature") or {}
    for tag in root.get("tags", []):
        found[tag["id"]] = (tag, None, None)

    def scenario_like(node: Node, rule: Node | None) -> None:
        found[node["id"]] = (node, rule, None)
        for item in (*node.get("tags", []), *node.get("steps", [])):
            found[item["id"]] = (item, rule, None)
        for block in node.get("examples", []):
            found[block["id"]] = (block, rule, block)
            for item in (*block.get("tags", []), *block.get("tableBody", [])):
                found[item["id"]] = (item, rule, block)

    for child in root.get("children", []):
        for key in ("background", "scenario"):
            if key in child:
                scenario_like(child[key], None)
        if "rule" in child:
            rule = child["rule"]
            found[rule["id"]] = (rule, rule, None)
            for tag in rule.get("tags", []):
                found[tag["id"]] = (tag, rule, None)
            for grandchild in rule.get("children", []):
                for key in ("background", "scenario"):
                    if key in grandchild:
                        scenario_like(grandchild[key], rule)
    return found


def views(record: RunRecord) -> list[ScenarioView]:
    """A view of every case of `record`, in the record's order."""
    cases = {case.pickle_id: case for case in record.cases}
    return [view for feature in record.features for view in feature_views(feature, cases)]


def feature_views(feature: ParsedFeature, cases: dict[str, CaseResult]) -> Iterator[ScenarioView]:
    """A view of each pickle of `feature` that has a case."""
    nodes = _nodes(feature)
    for pickle in feature.pickles:
        case = cases.get(pickle["id"])
        if case is None:
            continue
        scenario, rule, _ = nodes[pickle["astNodeIds"][0]]
        row, _, examples = nodes[pickle["astNodeIds"][1]] if len(pickle["astNodeIds"]) > 1 else (None, None, None)
        results = case.steps or tuple(StepResult("UNKNOWN") for _ in pickle["steps"])
        steps = [
            _step(nodes[step["astNodeIds"][0]][0], step, result)
            for step, result in zip(pickle["steps"], results, strict=True)
        ]
        tags = [Tag(tag["name"], int(nodes[tag["astNodeId"]][0]["location"]["line"])) for tag in pickle["tags"]]
        yield ScenarioView(
            feature.uri, feature.document["feature"], rule, scenario, examples, row, pickle, steps, tags, case
        )


def _step(node: Node, step: Node, result: StepResult) -> StepView:
    """A pickle step seen with its Gherkin keyword, line and argument."""
    argument = step.get("argument", {})
    table = argument.get("dataTable")
    doc = argument.get("docString")
    return StepView(
        keyword=str(node["keyword"]),
        text=str(step["text"]),
        line=int(node["location"]["line"]),
        table=None if table is None else [[str(cell["value"]) for cell in row["cells"]] for row in table["rows"]],
        doc_string=None if doc is None else {**doc, "line": int(node["docString"]["location"]["line"])},
        result=result,
    )
