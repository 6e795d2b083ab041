"""Cucumber JSON without loss: tags from every level, step tables and doc strings, the real line of each Examples row,
steps after a failure skipped, durations in nanoseconds, ids unique in the run. Cucumber JSON has no status for a
scenario that never ran: its steps are skipped."""

from __future__ import annotations

import json
import re
from itertools import groupby
from typing import Any

from harness.report.record import RunRecord, StepResult
from harness.report.scenarios import ScenarioView, StepView, views


def _slug(text: str) -> str:
    """Lower-case words joined by dashes, for ids."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _result(result: StepResult) -> dict[str, Any]:
    """A step's result: status, duration in nanoseconds, the failure's short message first."""
    status = "skipped" if result.status == "UNKNOWN" else result.status.lower()
    found: dict[str, Any] = {"status": status, "duration": result.duration_ns}
    if result.failure is not None:
        details = f"\n\n{result.failure.details}" if result.failure.details else ""
        found["error_message"] = result.failure.message + details
    return found


def _step(step: StepView) -> dict[str, Any]:
    """A step with its keyword, line, result and argument (rows or doc_string)."""
    found: dict[str, Any] = {
        "keyword": step.keyword,
        "name": step.text,
        "line": step.line,
        "match": {"location": f"line {step.line}"},
        "result": _result(step.result),
    }
    if step.table is not None:
        found["rows"] = [{"cells": row} for row in step.table]
    if step.doc_string is not None:
        doc = step.doc_string
        found["doc_string"] = {"value": doc["content"], "content_type": doc.get("mediaType") or "", "line": doc["line"]}
    return found


def _hook(result: StepResult, name: str) -> dict[str, Any]:
    """A Before or After hook; one that did not pass carries `embeddings`: cucumber-html-reporter shows it only then."""
    found = {"match": {"location": name}, "result": _result(result)}
    return found if result.status == "PASSED" else {**found, "embeddings": []}


def _element(view: ScenarioView) -> dict[str, Any]:
    """A scenario (one Examples row of an outline) with its tags from every level."""
    return {
        "id": f"{_slug(view.uri)};{_slug(view.name)};{view.line}",
        "keyword": view.scenario["keyword"],
        "type": "scenario",
        "name": view.title,
        "description": view.scenario.get("description", ""),
        "line": view.line,
        "tags": [{"name": tag.name, "line": tag.line} for tag in view.tags],
        "before": [_hook(view.case.setup, "scenario setup")],
        "steps": [_step(step) for step in view.steps],
        "after": [_hook(view.case.teardown, "scenario teardown")],
    }


def _feature(uri: str, scenarios: list[ScenarioView]) -> dict[str, Any]:
    """A feature file with its collected scenarios."""
    feature = scenarios[0].feature
    return {
        "uri": uri,
        "id": _slug(uri),
        "keyword": feature["keyword"],
        "name": feature["name"],
        "description": feature.get("description", ""),
        "line": feature["location"]["line"],
        "tags": [{"name": tag["name"], "line": tag["location"]["line"]} for tag in feature.get("tags", [])],
        "elements": [_element(view) for view in scenarios],
    }


def render(record: RunRecord) -> str:
    """The record as Cucumber JSON: every collected scenario, in feature order."""
    collected = [view for view in views(record) if view.case.kind.collected]
    features = [_feature(uri, list(group)) for uri, group in groupby(collected, key=lambda view: view.uri)]
    return json.dumps(features, indent=1, ensure_ascii=False) + "\n"
