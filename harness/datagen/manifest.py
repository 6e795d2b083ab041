"""A data set's manifest: its shape (a JSON Schema), the facts of each file (bytes, lines, sha256), its own checksum.

The manifest is the data set's table of contents and its seal. It lists each data file with its size, line
count and sha256, and carries a sha256 of its own content (canonical JSON without the `checksum` key), so a
changed byte anywhere in the data set, a truncated file or a file from another data set is found before
anything is loaded.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jsonschema

from harness.errors import DataSetError

ORGANIZATION = "organization.ndjson"
RECORDS = "records.ndjson"
MANIFEST = "manifest.json"
DATA_FILES = (ORGANIZATION, RECORDS)
FORMAT = 1
CHUNK = 1 << 20
_BATCH = 4_096

_COUNT = {"type": "integer", "minimum": 0}
_NAME = {"type": "string", "minLength": 1}
_SHA256 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_FACTS = {
    "type": "object",
    "required": ["bytes", "lines", "sha256"],
    "additionalProperties": False,
    "properties": {"bytes": _COUNT, "lines": _COUNT, "sha256": _SHA256},
}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "offline-harness data set manifest",
    "type": "object",
    "required": [
        "format",
        "spec",
        "counts",
        "total",
        "subscriptions",
        "above_limit",
        "min",
        "median",
        "max",
        "files",
        "checksum",
    ],
    "additionalProperties": False,
    "properties": {
        "format": {"const": FORMAT},
        "spec": {
            "type": "object",
            "required": ["users", "records_per_user", "seed", "above_limit"],
            "additionalProperties": False,
            "properties": {
                "users": {"type": "integer", "minimum": 1},
                "records_per_user": {"type": "integer", "minimum": 1},
                "seed": _COUNT,
                "above_limit": {"type": ["integer", "null"], "minimum": 0},
            },
        },
        "counts": {"type": "object", "propertyNames": _NAME, "additionalProperties": _COUNT},
        "total": _COUNT,
        "subscriptions": {"type": "object", "propertyNames": _NAME, "additionalProperties": _COUNT, "minProperties": 1},
        "above_limit": {"type": "array", "items": _NAME, "uniqueItems": True},
        "min": _COUNT,
        "median": {"type": "number", "minimum": 0},
        "max": _COUNT,
        "files": {
            "type": "object",
            "required": list(DATA_FILES),
            "additionalProperties": False,
            "properties": {name: _FACTS for name in DATA_FILES},
        },
        "checksum": _SHA256,
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def write_lines(path: Path, lines: Iterable[str]) -> dict[str, Any]:
    """Write text lines to `path` as UTF-8; the file's facts for the manifest (bytes, lines, sha256)."""
    digest, size, count = hashlib.sha256(), 0, 0
    with path.open("wb") as out:
        batch: list[str] = []
        for line in lines:
            batch.append(line)
            if len(batch) == _BATCH:
                size += _write(out, batch, digest)
                count += len(batch)
                batch = []
        size += _write(out, batch, digest)
        count += len(batch)
    return {"bytes": size, "lines": count, "sha256": digest.hexdigest()}


def _write(out: Any, batch: list[str], digest: Any) -> int:
    data = "".join(batch).encode()
    out.write(data)
    digest.update(data)
    return len(data)


def file_facts(path: Path) -> dict[str, Any]:
    """What the manifest records of a file on disk: bytes, lines, sha256."""
    digest, size, count = hashlib.sha256(), 0, 0
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            count += chunk.count(b"\n")
    return {"bytes": size, "lines": count, "sha256": digest.hexdigest()}


def content_checksum(manifest: dict[str, Any]) -> str:
    """sha256 of the manifest's canonical JSON, its own `checksum` key left out."""
    content = {key: value for key, value in manifest.items() if key != "checksum"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def write_manifest(folder: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """Seal `manifest` with its checksum and write it into `folder`; the sealed manifest."""
    sealed = {"format": FORMAT, **manifest}
    sealed["checksum"] = content_checksum(sealed)
    (folder / MANIFEST).write_text(json.dumps(sealed, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return sealed


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if repeated := sorted({key for key in keys if keys.count(key) > 1}):
        raise ValueError(f"key {repeated[0]!r} appears twice in one object")
    return dict(pairs)


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the data set in `folder`, its shape and checksum verified; DataSetError otherwise."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise DataSetError(f"{folder}: {'not a folder' if folder.exists() else 'no such folder'}")
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DataSetError(f"{path}: missing (not a data set, or its generation never finished)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataSetError(f"{path}: cannot be read ({error})") from None
    try:
        manifest = json.loads(text, parse_constant=_no_constants, object_pairs_hook=_unique_keys)
    except ValueError as error:
        raise DataSetError(f"{path}: not valid JSON ({error})") from None
    if isinstance(manifest, dict) and "format" not in manifest:
        raise DataSetError(f"{path}: no format number (written by an older offline-harness): generate it again")
    if problem := jsonschema.exceptions.best_match(_VALIDATOR.iter_errors(manifest)):
        raise DataSetError(f"{path}: at {problem.json_path}: {one_line(problem.message)}")
    if manifest["checksum"] != content_checksum(manifest):
        raise DataSetError(f"{path}: its content does not match its checksum (the manifest was edited or corrupted)")
    return dict(manifest)


def check_file(folder: Path, name: str, expected: dict[str, Any]) -> None:
    """Compare a data file with the manifest's facts of it: present, same size, same sha256; DataSetError if not."""
    path = folder / name
    try:
        facts = file_facts(path)
    except FileNotFoundError:
        raise DataSetError(f"{path}: missing (the manifest lists it)") from None
    except OSError as error:
        raise DataSetError(f"{path}: cannot be read ({error.strerror or error})") from None
    if facts["bytes"] != expected["bytes"]:
        shorter = "truncated" if facts["bytes"] < expected["bytes"] else "longer than written"
        raise DataSetError(
            f"{path}: {facts['bytes']:,} bytes where the manifest says {expected['bytes']:,} ({shorter}: "
            f"{facts['lines']:,} lines of {expected['lines']:,})"
        )
    if facts["sha256"] != expected["sha256"]:
        raise DataSetError(
            f"{path}: its sha256 does not match the manifest (the file was changed, is corrupt, "
            "or belongs to another data set)"
        )


def one_line(text: str, limit: int = 160) -> str:
    """`text` on one line, cut to `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
