"""docs/implementers.md stays true: its transcript is a real session with the Node example (replayed here), and its
tables list every capability and error code the harness has.

`python -m tests.test_implementers_guide` captures the session afresh and rewrites the transcript and the guide.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from harness.capabilities import CAPABILITIES, METHODS
from harness.transport.protocol import ErrorCode
from harness.transport.schema import check_trace
from tests.runs import ROOT, run_suite

GUIDE = ROOT / "docs" / "implementers.md"
TRANSCRIPT = ROOT / "docs" / "transcript.trace"
BACKEND = [shutil.which("node") or "node", str(ROOT / "examples" / "node-backend" / "backend.js")]
SESSION = (
    "-k",
    "test_the_id_given_on_the_device_is_the_id_on_the_server or "
    "test_offline_creating_a_entity_is_refused_and_no_entity_is_made_then_or_later and quote",
)
"""Two scenarios against the Node example: one ends on an unsupported command, one passes through a refusal."""
BEGIN, END = "<!-- transcript: begin -->\n```\n", "```\n<!-- transcript: end -->"
WIDE = 200


def shown(lines: list[str]) -> str:
    """The transcript as the guide shows it: a line wider than WIDE is cut, saying how much was left out."""
    cut = [
        line if len(line) <= WIDE else f"{line[: WIDE - 30]} … ({len(line) - WIDE + 30} more characters)"
        for line in lines
    ]
    return "".join(f"{line}\n" for line in cut)


def recorded() -> list[str]:
    """The captured session, one message a line."""
    return TRANSCRIPT.read_text(encoding="utf-8").splitlines()


def test_the_transcript_follows_the_schema() -> None:
    calls, found = check_trace(recorded())
    assert found == []
    assert {"initialize", "reset", "run_command", "shutdown"} <= set(calls)


def test_the_transcript_is_what_the_example_answers() -> None:
    lines = recorded()
    requests = [line.removeprefix("--> ") for line in lines if line.startswith("--> ")]
    answered = subprocess.run(BACKEND, input="".join(f"{r}\n" for r in requests), capture_output=True, text=True)
    expected = [json.loads(line.removeprefix("<-- ")) for line in lines if line.startswith("<-- ")]
    assert [json.loads(line) for line in answered.stdout.splitlines()] == expected


def test_the_guide_shows_the_transcript() -> None:
    assert BEGIN + shown(recorded()) + END in GUIDE.read_text(encoding="utf-8"), (
        "run python -m tests.test_implementers_guide"
    )


def test_the_guide_lists_every_capability_with_its_methods() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    for name, description in CAPABILITIES.items():
        methods = ", ".join(f"`{method}`" for method, owner in METHODS.items() if owner == name)
        assert f"| `{name}` | {description} | {methods} |" in guide, name


def test_the_guide_lists_every_error_code() -> None:
    listed = {int(code) for code in re.findall(r"^\| `(-\d+)` \|", GUIDE.read_text(encoding="utf-8"), re.MULTILINE)}
    assert listed == {int(code) for code in ErrorCode}


def capture() -> None:
    """Run the session against the example with the traffic traced, and show it in the guide."""
    result = run_suite("steps", "--impl", f"cmd:{' '.join(BACKEND)}", "--trace-protocol", str(TRANSCRIPT), *SESSION)
    assert re.search(r"\d+ scenarios: 1 passed, 1 skipped, \d+ deselected;", result.stdout), result.stdout[-3000:]
    guide = GUIDE.read_text(encoding="utf-8")
    start, stop = guide.index(BEGIN), guide.index(END) + len(END)
    GUIDE.write_text(guide[:start] + BEGIN + shown(recorded()) + END + guide[stop:], encoding="utf-8")


if __name__ == "__main__":
    capture()
