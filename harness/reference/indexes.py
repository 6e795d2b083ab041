"""Secondary indexes over the server's records, so a subscription costs what it holds, not what the org holds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from harness.driver import Fields
from harness.reference.clock import DAY, parse_iso
from harness.reference.metadata import ACTIVITY_TYPES

Key = tuple[str, ...]


def _keys(entity: str, record: Fields) -> list[Key]:
    keys: list[Key] = [("entity", entity), ("owner", entity, str(record.get("ownerid")))]
    if isinstance(record.get("modifiedon"), str):
        keys.append(("day", entity, str(int(parse_iso(record["modifiedon"]) // DAY))))
    for column, value in record.items():
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            keys.append(("lookup", entity, column, value["id"]))
    return keys


class RecordIndex:
    """Ids by entity, by (entity, owner), by (entity, day modified), by (entity, lookup column, target id)."""

    def __init__(self) -> None:
        self.postings: dict[Key, set[str]] = defaultdict(set)
        self.indexed: dict[tuple[str, str], list[Key]] = {}
        self.links: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.days: dict[str, set[int]] = defaultdict(set)

    def put(self, entity: str, record: Fields) -> None:
        """(Re)index a record after it was created or changed; activities are indexed as pointers too."""
        record_id = str(record["id"])
        self.drop(entity, record_id)
        keys = _keys(entity, record)
        if entity in ACTIVITY_TYPES:
            keys += _keys("activitypointer", record)
        for key in keys:
            self.postings[key].add(record_id)
            if key[0] == "day":
                self.days[key[1]].add(int(key[2]))
        self.indexed[(entity, record_id)] = keys

    def drop(self, entity: str, record_id: str) -> None:
        """Forget a record (deleted, or about to be re-indexed)."""
        for key in self.indexed.pop((entity, record_id), []):
            self.postings[key].discard(record_id)

    def link(self, relationship: str, one: str, other: str) -> None:
        """Index a many-to-many link in both directions."""
        self.links[(relationship, one)].add(other)
        self.links[(relationship, other)].add(one)

    def unlink(self, relationship: str, one: str, other: str) -> None:
        """Forget a many-to-many link in both directions."""
        self.links[(relationship, one)].discard(other)
        self.links[(relationship, other)].discard(one)

    # -- queries ------------------------------------------------------------------------------
    def all(self, entity: str) -> set[str]:
        """Every id of `entity`."""
        return set(self.postings.get(("entity", entity), ()))

    def owned(self, entity: str, owners: Iterable[str]) -> set[str]:
        """Ids of `entity` owned by any of `owners`."""
        return set().union(*(self.postings.get(("owner", entity, owner), set()) for owner in owners))

    def modified_since(self, entity: str, seconds: float) -> set[str]:
        """A superset of the ids of `entity` modified at or after `seconds` (whole days: check exactly after)."""
        first_day = int(seconds // DAY)
        recent = (d for d in self.days.get(entity, ()) if d >= first_day)
        return set().union(*(self.postings[("day", entity, str(d))] for d in recent))

    def referencing(self, entity: str, column: str, target_ids: Iterable[str]) -> set[str]:
        """Ids of `entity` whose lookup `column` points at any of `target_ids`."""
        return set().union(*(self.postings.get(("lookup", entity, column, t), set()) for t in target_ids))

    def linked(self, relationship: str, ids: Iterable[str]) -> set[str]:
        """Ids linked to any of `ids` through a many-to-many relationship."""
        return set().union(*(self.links.get((relationship, i), set()) for i in ids))
