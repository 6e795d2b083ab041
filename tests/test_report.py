"""The reports for reviewers, on a fixture feature set with every status: golden outputs, the record's round trip,
determinism, xdist, deselection, the summary line and the report/compare commands."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from harness.claims import load_claims
from harness.cli import main
from harness.report import cucumber_json, junit, ledger
from harness.report.ledger import RUN_HEADER_END, RUN_HEADER_START, Ledger
from harness.report.messages import from_ndjson, to_ndjson
from harness.report.outputs import OUTPUTS
from harness.report.record import CaseResult, Failure, RunRecord, StepResult
from harness.report.scenarios import views
from tests.report_fixture import ROOT, run_fixture

GOLDEN = Path(__file__).parent / "report_fixture" / "golden"
CATALOG = Path(__file__).parent / "report_fixture" / "claims.toml"
UPDATE = os.environ.get("REPORT_GOLDEN_UPDATE") == "1"
"""REPORT_GOLDEN_UPDATE=1 rewrites the golden files from this run (review the diff before committing it)."""

EXPECTED = {
    "Every step holds": "passed",
    "A check does not hold": "failed",
    "The implementation lacks a capability": "skipped",
    "A step nobody defined": "undefined",
    "The implementation breaks": "implementation-error",
    "The harness breaks": "harness-error",
    "A lead command offline": "passed",
    "Publishing names the limit": "passed",
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    result = run_fixture(out)
    assert result.returncode == 7, result.stdout[-3000:] + result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def record(reports: Path) -> RunRecord:
    return from_ndjson((reports / "messages.ndjson").read_text(encoding="utf-8").splitlines())


def without_run_header(text: str) -> str:
    """`text` without the part marked as differing between runs."""
    start, end = text.index(RUN_HEADER_START), text.index(RUN_HEADER_END)
    return text[:start] + text[end:]


def normalized(record: RunRecord) -> RunRecord:
    """The record with what differs between machines and runs fixed: times, durations, revision, tools, tracebacks,
    and the fixture's own catalog in place of the project's (which changes as the project grows)."""

    def step(result: StepResult) -> StepResult:
        failure = result.failure
        if failure is not None:
            message = failure.message.replace(str(ROOT), "<root>")
            failure = Failure(failure.type, message, "<traceback>" if failure.details else "")
        return StepResult(result.status, 0, failure)

    def case(result: CaseResult) -> CaseResult:
        return dataclasses.replace(
            result,
            setup=step(result.setup),
            steps=tuple(step(s) for s in result.steps),
            teardown=step(result.teardown),
            started_ns=0,
            worker="",
        )

    run = dataclasses.replace(
        record.run,
        git_revision="<revision>",
        tools={"pytest": "<version>"},
        started_ns=0,
        finished_ns=0,
        options=(),
        catalog=tuple(load_claims(CATALOG).values()),
    )
    return dataclasses.replace(record, run=run, cases=tuple(case(c) for c in record.cases))


def normalized_ndjson(text: str) -> str:
    """NDJSON with the platform of the machine that wrote it left out."""
    lines = [json.loads(line) for line in text.splitlines()]
    for line in lines:
        if "meta" in line:
            line["meta"] = {"protocolVersion": line["meta"]["protocolVersion"]}
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_every_output_matches_its_golden_file(record: RunRecord, name: str) -> None:
    text = OUTPUTS[name](normalized(record))
    if name == "messages.ndjson":
        text = normalized_ndjson(text)
    golden = GOLDEN / name
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{name} differs from {golden} (REPORT_GOLDEN_UPDATE=1 rewrites)"


def test_the_written_files_are_the_record_rendered_again(reports: Path, record: RunRecord) -> None:
    for name, render in OUTPUTS.items():
        assert (reports / name).read_text(encoding="utf-8") == render(record), name


def test_every_scenario_ends_with_its_own_status(record: RunRecord) -> None:
    found = {view.name: view.case.status for view in views(record)}
    assert found == EXPECTED
    assert len(record.cases) == 10


def test_the_failing_step_says_what_was_expected_and_observed_first(record: RunRecord) -> None:
    view = next(v for v in views(record) if v.name == "A check does not hold")
    assert [step.result.status for step in view.steps] == ["PASSED", "PASSED", "FAILED", "SKIPPED"]
    failure = view.steps[2].result.failure
    assert failure is not None and failure.message == "expected 2 records on the device, found 1: ['Contoso']"
    assert failure.type == "AssertionError" and "scenarios_fixture.py" in failure.details
    assert " at 0x" not in failure.details


def test_skips_undefined_steps_and_errors_are_told_apart(record: RunRecord) -> None:
    by_name = {view.name: view for view in views(record)}
    skipped = by_name["The implementation lacks a capability"]
    assert "keeps no notes" in skipped.case.reason
    assert [s.result.status for s in skipped.steps] == ["PASSED", "SKIPPED", "SKIPPED"]
    undefined = by_name["A step nobody defined"]
    assert [s.result.status for s in undefined.steps] == ["PASSED", "UNDEFINED", "SKIPPED"]
    broken = by_name["The implementation breaks"].case.failure
    assert broken is not None and broken.type == "harness.errors.ImplementationError"
    assert broken.message == "fixture: sync() raised RuntimeError: the sync engine lost its cursor"
    bug = by_name["The harness breaks"].case.failure
    assert bug is not None and bug.message == "KeyError: 'missing'"


def test_describe_and_provenance_are_recorded(record: RunRecord) -> None:
    run = record.run
    assert (run.implementation.name, run.implementation.protocol, run.implementation.spec) == (
        "reference",
        "1.0",
        "reference",
    )
    assert run.page_edition == "2020-08" and run.seeds["volume-seed"] == 7
    assert {"pytest", "pytest-bdd", "gherkin-official", "cucumber-messages"} <= set(run.tools)
    assert re.fullmatch(r"[0-9a-f]{40}(-dirty)?|unknown", run.git_revision)
    assert run.finished_ns > run.started_ns > 0


def test_cucumber_json_keeps_tags_arguments_rows_and_unique_ids(record: RunRecord) -> None:
    features = json.loads(cucumber_json.render(record))
    elements = [element for feature in features for element in feature["elements"]]
    assert len(elements) == 10 and len({e["id"] for e in elements}) == 10
    email = next(e for e in elements if "Email" in e["name"])
    assert [t["name"] for t in email["tags"]] == ["@fixture", "@claim:ENT-12", "@beyond-page"]
    assert email["line"] == 19
    assert [e["line"] for e in elements if e["name"].startswith("A lead command")] == [13, 14, 19]
    limit = next(e for e in elements if e["name"] == "Publishing names the limit")
    assert [t["name"] for t in limit["tags"]] == ["@fixture", "@claim:FLT-R4"]
    assert limit["steps"][0]["rows"] == [{"cells": ["entity", "filters"]}, {"cells": ["opportunity", "4"]}]
    assert limit["steps"][1]["doc_string"] == {
        "value": "at most 3 custom data filters",
        "content_type": "text",
        "line": 29,
    }
    failed = next(e for e in elements if e["name"] == "A check does not hold")
    assert [s["result"]["status"] for s in failed["steps"]] == ["passed", "passed", "failed", "skipped"]
    assert failed["steps"][2]["result"]["error_message"].startswith("expected 2 records on the device, found 1")
    assert all(isinstance(s["result"]["duration"], int) for e in elements for s in e["steps"])


def test_junit_names_scenarios_and_keeps_errors_apart_from_failures(record: RunRecord) -> None:
    root = ET.fromstring(junit.render(record))
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert len(cases) == 10
    assert root.get("tests") == "10" and root.get("failures") == "1" and root.get("errors") == "3"
    broken = cases["The implementation breaks"]
    assert broken.find("error") is not None and broken.find("failure") is None
    assert broken.get("classname") == "Outcomes a reviewer must tell apart"
    claims = [p.get("value") for p in broken.iter("property") if p.get("name") == "claim"]
    assert claims == ["REL-ID"]
    assert cases["A check does not hold"].find("failure") is not None
    assert cases["The implementation lacks a capability"].find("skipped") is not None
    assert "A lead command offline [Examples: Email | update | refused, line 19]" in cases


def test_the_ledger_counts_add_up_to_the_catalog(record: RunRecord) -> None:
    book = Ledger(record)
    assert sum(count for _, count in book.claim_totals()) == len(record.run.catalog) == len(book.claims)
    verdicts = {row.claim.id: row.verdict.name for row in book.claims}
    assert (
        verdicts["ENT-05"] == "failed"
        and verdicts["ENT-01"] == "verified"
        and verdicts["REL-ID"] == "implementation-error"
    )
    assert verdicts["ENT-12"] == "verified" and verdicts["FLT-R4"] == "verified" and verdicts["CAP-TL"] == "skipped"
    assert verdicts["CAP-VW"] == "harness-error" and verdicts["SYN-3"] == "harness-error"
    pending = [c.id for c in record.run.catalog if c.pending]
    assert all(verdicts[claim] == "pending" for claim in pending)
    page = ledger.render_html(record)
    numbers = {name: int(n) for name, n in re.findall(r'id="count-([a-z-]+)">(\d+)<', page)}
    assert sum(numbers.values()) == int(re.search(r'id="claims-total">(\d+)<', page).group(1))  # type: ignore[union-attr]
    assert "http://" not in page and "https://" not in page and "<link" not in page


def test_two_runs_of_the_same_tree_give_the_same_ledger_and_so_does_xdist(reports: Path, tmp_path: Path) -> None:
    assert run_fixture(tmp_path / "again").returncode == 7
    assert run_fixture(tmp_path / "xdist", "-n", "2").returncode == 7
    for name in ("ledger.html", "ledger.md"):
        first = without_run_header((reports / name).read_text(encoding="utf-8"))
        assert without_run_header((tmp_path / "again" / name).read_text(encoding="utf-8")) == first, name
        assert without_run_header((tmp_path / "xdist" / name).read_text(encoding="utf-8")) == first, name
    xdist = from_ndjson((tmp_path / "xdist" / "messages.ndjson").read_text(encoding="utf-8").splitlines())
    assert {c.worker for c in xdist.cases} == {"gw0", "gw1"}


def test_deselected_and_unrun_scenarios_are_listed_as_not_run(tmp_path: Path) -> None:
    result = run_fixture(tmp_path, "-k", "not lead and not harness", "-x")
    assert result.returncode == 1, result.stdout[-2000:]
    record = from_ndjson((tmp_path / "messages.ndjson").read_text(encoding="utf-8").splitlines())
    statuses = {view.name: view.case.status for view in views(record)}
    assert statuses["A lead command offline"] == "deselected" and statuses["The harness breaks"] == "deselected"
    assert statuses["The implementation breaks"] == "not-run" and statuses["A check does not hold"] == "failed"
    assert len(json.loads(cucumber_json.render(record))[1]["elements"]) == 5
    verdicts = {row.claim.id: row.verdict.name for row in Ledger(record).claims}
    assert verdicts["ENT-13"] == "not-run" and verdicts["REL-ID"] == "not-run"


def test_the_closing_line_adds_up_and_names_the_reports(reports: Path, record: RunRecord) -> None:
    result = run_fixture(reports.parent / "summary")
    total = len(record.run.catalog)
    closing = next(line for line in result.stdout.splitlines() if line.startswith(f"{total} claims against "))
    assert closing.startswith(f"{total} claims against reference 0.1.0: ")
    counts = re.findall(
        r"(\d+) (?:harness error|implementation error|failed|not run|skipped|verified|pending|no scenario)",
        closing.split(";")[0],
    )
    assert sum(int(n) for n in counts) == total
    pending = sum(claim.pending for claim in record.run.catalog)
    assert f"{pending} pending" in closing if pending else "pending" not in closing, closing
    assert "10 scenarios: 5 passed, 1 failed" in closing
    assert "ledger.html" in closing and str(reports.parent / "summary") in closing
    for claim in (claim for claim in record.run.catalog if claim.pending):
        assert f"             PENDING  {claim.id}" in result.stdout


def test_report_rebuilds_every_output_from_a_saved_record(reports: Path, tmp_path: Path) -> None:
    assert main(["report", str(reports / "messages.ndjson"), "--out", str(tmp_path)]) == 0
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (reports / name).read_bytes(), name


def test_report_names_a_file_that_is_not_a_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.ndjson"
    bad.write_text('{"meta": 1}\n', encoding="utf-8")
    assert main(["report", str(bad), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and str(bad) in error[0]
    assert not (tmp_path / "out").exists()


def test_compare_marks_the_claims_where_implementations_differ(
    record: RunRecord, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = dataclasses.replace(
        record,
        run=dataclasses.replace(
            record.run, implementation=dataclasses.replace(record.run.implementation, name="other")
        ),
        cases=tuple(dataclasses.replace(c, status="passed") if c.status == "failed" else c for c in record.cases),
    )
    (tmp_path / "a.ndjson").write_text(to_ndjson(record), encoding="utf-8")
    (tmp_path / "b.ndjson").write_text(to_ndjson(other), encoding="utf-8")
    assert main(["compare", str(tmp_path / "a.ndjson"), str(tmp_path / "b.ndjson"), "--out", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "reference 0.1.0" in lines[0] and "other 0.1.0" in lines[0]
    assert [line.split()[1] for line in lines if line.startswith("* ")] == ["ENT-05"]
    assert re.match(r"\* ENT-05\s+failed\s+verified$", next(line for line in lines if "ENT-05" in line))
    page = (tmp_path / "compare.html").read_text(encoding="utf-8")
    assert page.count('class="differs"') == 1 and 'id="ENT-05"' in page


def test_a_report_folder_that_is_a_file_is_one_usage_error(tmp_path: Path) -> None:
    taken = tmp_path / "reports"
    taken.write_text("not a folder", encoding="utf-8")
    result = run_fixture(taken)
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert lines == [f"ERROR: --report {taken}: exists and is not a folder"]
