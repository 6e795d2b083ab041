"""Check a data set on disk against its manifest, whole, before any of it reaches an implementation.

In order: the manifest's shape and checksum; each data file's size and sha256; every organization line (its
kind, its fields, names it refers to defined before); every record line (entity, id, an owner that exists);
the records per entity, the total and every user's subscription size against the manifest. The first fault is a
DataSetError naming the file (and line) and what is wrong.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema

from harness.codec import decode
from harness.datagen.dataset import read_lines, subscription_owners
from harness.datagen.manifest import DATA_FILES, MANIFEST, ORGANIZATION, RECORDS, check_file, one_line, read_manifest
from harness.datagen.organization import ADMINISTRATOR, SALESPERSON
from harness.datagen.spec import shown
from harness.driver import Privilege, ProfileDefinition
from harness.errors import DataSetError, ProtocolError

_NAME: dict[str, Any] = {"type": "string", "minLength": 1}
_OPTIONAL_NAME: dict[str, Any] = {"type": ["string", "null"], "minLength": 1}
_LINES: dict[str, dict[str, Any]] = {
    "business_unit": {"name": _NAME, "parent": _OPTIONAL_NAME},
    "role": {"name": _NAME, "privileges": {"type": "array"}},
    "user": {"name": _NAME, "business_unit": _NAME, "manager": _OPTIONAL_NAME},
    "team": {"name": _NAME, "business_unit": _NAME, "members": {"type": "array", "items": _NAME, "minItems": 1}},
    "profile": {"profile": {"type": "object"}},
}
_VALIDATORS = {
    kind: jsonschema.Draft202012Validator(
        {
            "type": "object",
            "required": ["kind", *fields],
            "additionalProperties": False,
            "properties": {"kind": {"const": kind}, **fields},
        }
    )
    for kind, fields in _LINES.items()
}


@dataclass(frozen=True)
class CheckedDataSet:
    """A data set found whole: its manifest and its organization lines (records stay on disk)."""

    manifest: dict[str, Any]
    organization: list[dict[str, Any]]


class _Organization:
    """The names the organization lines define so far, to check that each line refers only to defined ones."""

    def __init__(self) -> None:
        self.defined: dict[str, set[str]] = {kind: set() for kind in _LINES}
        self.users: list[str] = []
        self.teams: dict[str, list[str]] = {}

    def add(self, event: dict[str, Any]) -> None:
        """Take one line of valid shape; ValueError if it redefines a name or refers to one not defined yet."""
        kind, name = str(event["kind"]), str(event.get("name", ""))
        if name in self.defined[kind]:
            raise ValueError(f"{kind} {name!r} is defined twice")
        units, users = self.defined["business_unit"], self.defined["user"]
        if kind == "business_unit":
            self._known(event["parent"], units, "parent business unit")
        elif kind == "role":
            decode(list[Privilege], event["privileges"])
        elif kind == "user":
            self._known(event["business_unit"], units, "business unit")
            self._known(event["manager"], users, "manager")
            self._known(SALESPERSON, self.defined["role"], "role")
            self.users.append(name)
        elif kind == "team":
            self._known(event["business_unit"], units, "business unit")
            for member in event["members"]:
                self._known(member, users, "member")
            self.teams[name] = event["members"]
        else:
            for user in decode(ProfileDefinition, event["profile"]).users:
                self._known(user, users, "profile user")
        if name:
            self.defined[kind].add(name)

    @staticmethod
    def _known(name: str | None, names: set[str], what: str) -> None:
        if name is not None and name not in names:
            raise ValueError(f"{what} {name!r} is not defined on an earlier line")


def check_data_set(directory: Path) -> CheckedDataSet:
    """The data set in `directory`, found whole and matching its manifest; DataSetError naming the first fault."""
    manifest = read_manifest(directory)
    for name in DATA_FILES:
        check_file(directory, name, manifest["files"][name])
    events, organization = _organization(directory / ORGANIZATION, manifest)
    owned = _records(directory / RECORDS, manifest, organization)
    _subscriptions(directory, manifest, organization, owned)
    return CheckedDataSet(manifest, events)


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, parsed JSON object) for each line of an NDJSON file; DataSetError on a line that is not one."""
    number = 0
    try:
        for number, line in enumerate(read_lines(path), 1):
            if not isinstance(line, dict):
                raise DataSetError(f"{path} line {number:,}: not a JSON object")
            yield number, line
    except (ValueError, UnicodeDecodeError) as error:
        raise DataSetError(f"{path} line {number + 1:,}: not valid JSON ({error})") from None


def _organization(path: Path, manifest: dict[str, Any]) -> tuple[list[dict[str, Any]], _Organization]:
    """Every organization line, each checked for shape and for names defined on earlier lines."""
    events, organization = [], _Organization()
    for number, event in _lines(path):
        kind = event.get("kind")
        validator = _VALIDATORS.get(kind) if isinstance(kind, str) else None
        if validator is None:
            raise DataSetError(f"{path} line {number:,}: unknown kind {shown(kind)}")
        if problem := jsonschema.exceptions.best_match(validator.iter_errors(event)):
            raise DataSetError(f"{path} line {number:,}: {kind} at {problem.json_path}: {one_line(problem.message)}")
        try:
            organization.add(event)
        except ValueError as error:
            raise DataSetError(f"{path} line {number:,}: {one_line(str(error))}") from None
        except ProtocolError as error:
            raise DataSetError(f"{path} line {number:,}: {kind} is malformed: {one_line(str(error))}") from None
        events.append(event)
    if len(organization.users) != manifest["spec"]["users"]:
        raise DataSetError(
            f"{path}: {len(organization.users):,} users where the manifest's spec says {manifest['spec']['users']:,}"
        )
    return events, organization


def _records(path: Path, manifest: dict[str, Any], organization: _Organization) -> Counter[str]:
    """Check every record line (entity, id, owner) and the counts per entity; the records per owner."""
    owners = {*organization.users, *organization.teams, ADMINISTRATOR}
    per_entity: Counter[str] = Counter()
    per_owner: Counter[str] = Counter()
    for number, record in _lines(path):
        entity, owner = record.get("entity"), record.get("ownerid")
        if not isinstance(entity, str) or entity not in manifest["counts"]:
            raise DataSetError(f"{path} line {number:,}: entity {shown(entity)} is not one the manifest counts")
        if not isinstance(record.get("id"), str) or not record["id"]:
            raise DataSetError(f"{path} line {number:,}: {entity} record without an id")
        if not isinstance(owner, str) or owner not in owners:
            raise DataSetError(f"{path} line {number:,}: owner {shown(owner)} is no user or team of {ORGANIZATION}")
        per_entity[entity] += 1
        per_owner[owner] += 1
    for entity, expected in manifest["counts"].items():
        if per_entity[entity] != expected:
            raise DataSetError(f"{path}: {per_entity[entity]:,} {entity} records where the manifest says {expected:,}")
    if per_entity.total() != manifest["total"]:
        raise DataSetError(f"{path}: {per_entity.total():,} records where the manifest says {manifest['total']:,}")
    return per_owner


def _subscriptions(directory: Path, manifest: dict[str, Any], organization: _Organization, owned: Counter[str]) -> None:
    """Each user's subscription size in the manifest is what the records give; so are its summary figures."""
    path = directory / RECORDS
    sizes = manifest["subscriptions"]
    if sorted(sizes) != sorted(organization.users):
        raise DataSetError(f"{directory / MANIFEST}: subscriptions do not list exactly the users of {ORGANIZATION}")
    for user in organization.users:
        actual = sum(owned[owner] for owner in subscription_owners(user, organization.teams))
        if actual != sizes[user]:
            raise DataSetError(f"{path}: {user} would hold {actual:,} records where the manifest says {sizes[user]:,}")
    values = sorted(sizes.values())
    above = sorted(u for u, n in sizes.items() if n > manifest["spec"]["records_per_user"])
    summary = (manifest["min"], manifest["median"], manifest["max"], manifest["above_limit"])
    if summary != (values[0], statistics.median(values), values[-1], above):
        raise DataSetError(f"{directory / MANIFEST}: min, median, max or above_limit disagree with subscriptions")
