"""The reports as the Cucumber ecosystem and a browser read them (tox -e report-tools).

On the fixture feature set and on the whole suite run under pytest-xdist (-n 2): the record is valid Cucumber
Messages (the JSON schema of the pinned @cucumber/messages); @cucumber/html-formatter and cucumber-html-reporter
render every scenario; every output holds every scenario; the ledger, opened in headless Chromium, shows counts
that add up to the catalog and filters by verdict, section and words; a screenshot is saved beside the reports.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from harness.report.ledger import Ledger
from harness.report.messages import from_ndjson
from harness.report.record import RunRecord
from harness.report.scenarios import ScenarioView, views
from tests.report_fixture import run_fixture

TOOLS = Path(__file__).parent
SCHEMA = TOOLS / "node_modules" / "@cucumber" / "messages" / "messages.schema.json"
SUITE_REPORTS = "OFFLINE_HARNESS_SUITE_REPORTS"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
EVERY_FEATURE = """<script>
addEventListener("load", async () => {
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  await sleep(500);
  const seen = document.createElement("pre");
  seen.id = "every-feature";
  for (const button of document.querySelectorAll("button[aria-controls]")) {
    if (button.getAttribute("aria-expanded") === "false") button.click();
    await sleep(100);
    const panel = document.getElementById(button.getAttribute("aria-controls"));
    seen.append((panel ? panel.textContent : "") + "\\n");
  }
  document.body.append(seen);
});
</script>"""
"""Appended to @cucumber/html-formatter's page: it opens one feature at a time, so this opens each in turn and keeps
the text each one rendered in <pre id="every-feature">."""


def chromium(url: str, *flags: str) -> str:
    """Open `url` in a fresh headless Chromium profile; what it printed (the DOM, with --dump-dom)."""
    binary = shutil.which("chromium")
    assert binary, "headless Chromium is missing: apt-get install chromium (.ci/run installs it)"
    with tempfile.TemporaryDirectory() as profile:
        command = [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *flags, url]
        return subprocess.run(command, capture_output=True, text=True, timeout=300, check=True).stdout


def node(*args: str | Path) -> None:
    """Run the pinned tools' script (npm ci --prefix tests/report_tools installs them)."""
    assert (TOOLS / "node_modules").is_dir(), "run: npm ci --prefix tests/report_tools"
    subprocess.run(["node", str(TOOLS / "render.mjs"), *map(str, args)], check=True, timeout=600, capture_output=True)


def text_of(page: str) -> str:
    """The visible text of a page: scripts, styles and tags removed, entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture(scope="module", params=["fixture", "suite"])
def reports(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reports of the fixture feature set, and of the whole suite run with -n 2 by tox before these tests."""
    if request.param == "fixture":
        out = tmp_path_factory.mktemp("fixture-reports")
        run_fixture(out)
        return out
    if SUITE_REPORTS not in os.environ:
        pytest.fail(f"{SUITE_REPORTS} names no folder: run these tests with tox -e report-tools")
    return Path(os.environ[SUITE_REPORTS])


@pytest.fixture(scope="module")
def record(reports: Path) -> RunRecord:
    return from_ndjson((reports / "messages.ndjson").read_text(encoding="utf-8").splitlines())


def collected_titles(record: RunRecord) -> Counter[str]:
    return Counter(view.title for view in views(record) if view.case.kind.collected)


def test_the_record_is_valid_cucumber_messages(reports: Path) -> None:
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    lines = (reports / "messages.ndjson").read_text(encoding="utf-8").splitlines()
    problems = [
        f"line {number}: {error.message} at {list(error.path)}"
        for number, line in enumerate(lines, start=1)
        for error in validator.iter_errors(json.loads(line))
    ]
    assert not problems, problems[:20]
    kinds = Counter(next(iter(json.loads(line))) for line in lines)
    assert kinds["pickle"] == kinds["testCase"] == kinds["testCaseStarted"] == kinds["testCaseFinished"] > 0


def test_every_output_holds_every_scenario(reports: Path, record: RunRecord) -> None:
    titles = collected_titles(record)
    assert sum(titles.values()) == len(record.cases) and not any(c.status == "not-run" for c in record.cases)
    features = json.loads((reports / "cucumber.json").read_text(encoding="utf-8"))
    assert Counter(e["name"] for f in features for e in f["elements"]) == titles
    assert len({e["id"] for f in features for e in f["elements"]}) == len(record.cases)
    suites = ET.parse(reports / "junit.xml").getroot()
    assert Counter(str(case.get("name")) for case in suites.iter("testcase")) == titles
    page = (reports / "ledger.html").read_text(encoding="utf-8")
    assert page.count('<details class="scenario ') >= len(record.cases)
    assert int(re.search(r'id="scenarios-total">(\d+)<', page).group(1)) == len(record.cases)  # type: ignore[union-attr]


def test_html_formatter_renders_every_scenario(reports: Path, record: RunRecord, tmp_path: Path) -> None:
    rendered = tmp_path / "cucumber-html-formatter.html"
    node("html-formatter", reports / "messages.ndjson", rendered)
    opened = tmp_path / "every-feature.html"
    opened.write_text(rendered.read_text(encoding="utf-8") + EVERY_FEATURE, encoding="utf-8")
    dom = chromium(opened.as_uri(), "--virtual-time-budget=300000", "--dump-dom")
    total = len(record.cases)
    passed = sum(case.status == "passed" for case in record.cases)
    assert f"({passed} / {total}) passed" in text_of(dom)
    every = re.search(r'<pre id="every-feature">(.*?)</pre>', dom, flags=re.S)
    assert every, "the page rendered no feature"
    shown = html.unescape(every.group(1))
    assert shown.count("Feature:") == len(record.features)
    scenarios = {(view.uri, view.scenario["id"]): view.scenario["keyword"] for view in views(record)}
    for keyword, count in Counter(scenarios.values()).items():
        assert shown.count(f"{keyword}:") == count, keyword
    missing = [name for name in {str(view.scenario["name"]) for view in views(record)} if name not in shown]
    assert not missing, missing[:10]
    rows = [view for view in views(record) if view.row is not None]
    missing = [view.title for view in rows if not all(value in shown for value in values_in_steps(view))]
    assert not missing, missing[:10]
    shutil.copy(rendered, reports / "cucumber-html-formatter.html")


def values_in_steps(view: ScenarioView) -> list[str]:
    """The values of an Examples row that its steps use: the formatter shows a row as its steps with the values
    put in (a column only the scenario's title uses, such as `<type>`, shows nowhere)."""
    assert view.examples is not None and view.row is not None
    steps = json.dumps(view.scenario["steps"])
    headers = [str(cell["value"]) for cell in view.examples["tableHeader"]["cells"]]
    cells = [str(cell["value"]) for cell in view.row["cells"]]
    return [value for header, value in zip(headers, cells, strict=True) if f"<{header}>" in steps]


def test_cucumber_html_reporter_renders_every_scenario(reports: Path, record: RunRecord, tmp_path: Path) -> None:
    rendered = tmp_path / "cucumber-html-reporter.html"
    node("html-reporter", reports / "cucumber.json", rendered)
    page = rendered.read_text(encoding="utf-8")
    names = Counter(html.unescape(name) for name in re.findall(r'class="ellipsis" data-text="([^"]*)"', page))
    assert names == collected_titles(record)
    shutil.copy(rendered, reports / "cucumber-html-reporter.html")


def visible_claims(dom: str) -> list[str]:
    """The ids of the claims the ledger shows (not hidden by a filter)."""
    return re.findall(r'<details class="claim [^"]*" id="([^"]+)"(?![^>]*\bhidden)[^>]*>', dom)


def test_the_ledger_in_chromium_adds_up_and_filters(reports: Path, record: RunRecord) -> None:
    page = (reports / "ledger.html").as_uri()
    dom = chromium(page, "--dump-dom")
    counts = {name: int(n) for name, n in re.findall(r'id="count-([a-z-]+)">(\d+)<', dom)}
    catalog = len(record.run.catalog)
    assert sum(counts.values()) == catalog == len(visible_claims(dom))
    assert f"{catalog} of {catalog} claims" in dom
    verified = visible_claims(chromium(page + "#verdict=verified", "--dump-dom"))
    assert len(verified) == counts["verified"] > 0
    pending = chromium(page + "#verdict=pending", "--dump-dom")
    assert len(visible_claims(pending)) == counts["pending"]
    assert f"{counts['pending']} of {catalog} claims" in pending
    sync = visible_claims(chromium(page + "#section=sync&q=schedule", "--dump-dom"))
    expected = [c.id for c in record.run.catalog if c.section == "sync" and "schedule" in (c.title + c.text).lower()]
    assert sync and set(expected) <= set(sync) and all(claim.startswith("SYN") for claim in sync)
    tagged = [row.claim.id for row in Ledger(record).claims if "@beyond-page" in row.tags]
    assert tagged and visible_claims(chromium(page + "#tag=%40beyond-page", "--dump-dom")) == tagged
    failed = next((name for name in ("failed", "harness-error", "verified") if counts[name]), "verified")
    first = next(
        row for row in re.findall(rf'id="([A-Z]+-[A-Z0-9]+)" data-section="[a-z]+" data-verdict="{failed}"', dom)
    )
    chromium(
        f"{page}#verdict={failed}&open={first}", "--window-size=1280,900", f"--screenshot={reports / 'ledger.png'}"
    )
    assert (reports / "ledger.png").stat().st_size > 10_000
