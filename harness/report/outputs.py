"""Every output of a run, written from its record into one folder, each file atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from harness.report import cucumber_json, junit, ledger, messages
from harness.report.record import RunRecord

OUTPUTS: dict[str, Callable[[RunRecord], str]] = {
    "ledger.html": ledger.render_html,
    "ledger.md": ledger.render_markdown,
    "messages.ndjson": messages.to_ndjson,
    "cucumber.json": cucumber_json.render,
    "junit.xml": junit.render,
}
"""File name -> how it is written from the record; messages.ndjson is the record itself."""


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_reports(record: RunRecord, out: Path) -> dict[str, Path]:
    """Write every output of `record` into `out`; the paths written, by file name."""
    written = {}
    for name, render in OUTPUTS.items():
        write_atomically(out / name, render(record))
        written[name] = out / name
    return written
