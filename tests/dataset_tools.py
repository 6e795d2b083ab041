"""Helpers for tests of data sets on disk: snapshots, a driver that records its calls, re-sealed manifests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from harness.datagen.manifest import DATA_FILES, MANIFEST, file_facts, write_manifest
from harness.reference import ReferenceImplementation


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too), by path relative to it."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class RecordingDriver:
    """The reference, with the name of every driver call made to it recorded in order."""

    def __init__(self) -> None:
        self.inner = ReferenceImplementation()
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)

        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            return method(*args, **kwargs)

        return recorded


def reseal(folder: Path, **manifest_changes: Any) -> None:
    """Make the manifest agree with the data files as they are now (facts and checksum), with `manifest_changes`:
    a data set whose seal is sound but whose content is wrong."""
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest = {k: v for k, v in manifest.items() if k not in ("format", "checksum")} | manifest_changes
    manifest["files"] = {name: file_facts(folder / name) for name in DATA_FILES}
    write_manifest(folder, manifest)


def edit_lines(path: Path, number: int, change: dict[str, Any]) -> None:
    """Update the JSON object on line `number` (1-based) of an NDJSON file with `change`."""
    lines = path.read_text().splitlines(keepends=True)
    lines[number - 1] = json.dumps(json.loads(lines[number - 1]) | change, separators=(",", ":")) + "\n"
    path.write_text("".join(lines))
