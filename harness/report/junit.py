"""JUnit XML: one testsuite per feature, a testcase per scenario named as the feature and scenario are, the claims and
the verdict as plain properties, the Gherkin with per-step status as system-out, and implementation or harness
errors as <error>, never <failure>."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from harness.report.record import RunRecord
from harness.report.scenarios import ScenarioView, views


def _seconds(ns: int) -> str:
    """Nanoseconds as JUnit's seconds."""
    return f"{ns / 1e9:.3f}"


def _gherkin(view: ScenarioView) -> str:
    """The scenario as a reader sees it: tags, name, each step with its status and argument."""
    lines = [" ".join(tag.name for tag in view.tags)]
    lines += [f"{view.scenario['keyword']}: {view.title}"]
    for step in view.steps:
        lines.append(f"  {step.result.status.lower():<9} {step.keyword}{step.text}")
        lines += [f"              | {' | '.join(row)} |" for row in step.table or []]
        if step.doc_string is not None:
            lines += [
                '              """',
                *(f"              {t}" for t in step.doc_string["content"].splitlines()),
                '              """',
            ]
    return "\n".join(lines) + "\n"


def _testcase(view: ScenarioView) -> ET.Element:
    """One scenario as a testcase."""
    case = view.case
    element = ET.Element(
        "testcase",
        classname=str(view.feature["name"]),
        name=view.title,
        time=_seconds(case.duration_ns),
        file=view.uri,
        line=str(view.line),
    )
    properties = ET.SubElement(element, "properties")
    for claim in view.claims:
        ET.SubElement(properties, "property", name="claim", value=claim)
    ET.SubElement(properties, "property", name="status", value=case.status)
    if case.kind.verdict is not None:
        ET.SubElement(properties, "property", name="verdict", value=str(case.kind.verdict))
    kind = case.kind.junit
    failure = case.failure
    if kind == "skipped":
        ET.SubElement(element, "skipped", message=case.reason or case.kind.label)
    elif kind is not None:
        message = failure.message if failure else case.kind.label
        child = ET.SubElement(element, kind, message=message, type=failure.type if failure else case.status)
        child.text = (failure.message + "\n\n" + failure.details) if failure else case.kind.label
    ET.SubElement(element, "system-out").text = _gherkin(view)
    return element


def render(record: RunRecord) -> str:
    """The record as JUnit XML."""
    collected = [view for view in views(record) if view.case.kind.collected]
    root = ET.Element("testsuites", name="offline-harness")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for _, group in groupby(collected, key=lambda view: view.uri):
        scenarios = list(group)
        counts = {
            "tests": len(scenarios),
            "failures": sum(view.case.kind.junit == "failure" for view in scenarios),
            "errors": sum(view.case.kind.junit == "error" for view in scenarios),
            "skipped": sum(view.case.kind.junit == "skipped" for view in scenarios),
        }
        attributes = {
            "name": str(scenarios[0].feature["name"]),
            "file": scenarios[0].uri,
            "time": _seconds(sum(view.case.duration_ns for view in scenarios)),
            **{key: str(value) for key, value in counts.items()},
        }
        suite = ET.SubElement(root, "testsuite", attributes)
        suite.extend(_testcase(view) for view in scenarios)
        totals = {key: totals[key] + counts[key] for key in totals}
    root.attrib.update({key: str(value) for key, value in totals.items()})
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
