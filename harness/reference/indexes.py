"""Secondary indexes over the server's records, so a subscription costs what it holds, not what the org holds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from harness.driver import Fields
from harness.reference.clock import DAY, parse_iso
from harness.reference.metadata import ACTIVITY_TYPES

POINTER = "activitypointer"
EMPTY: frozenset[str] = frozenset()


def day_of(record: Fields) -> int | None:
    """The day (since the simulation start) a record was last modified, or None without a modified-on."""
    modified = record.get("modifiedon")
    return int(parse_iso(modified) // DAY) if isinstance(modified, str) else None


class RecordIndex:
    """Ids by entity, by (entity, owner), by (entity, day modified), by (entity, lookup column, target id), and the
    many-to-many links; activities are indexed under activitypointer too."""

    def __init__(self) -> None:
        self.by_entity: dict[str, set[str]] = defaultdict(set)
        self.by_owner: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.by_day: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.by_lookup: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.links: dict[tuple[str, str], set[str]] = defaultdict(set)

    def _postings(self, entity: str, record: Fields) -> Iterator[set[str]]:
        for name in (entity, POINTER) if entity in ACTIVITY_TYPES else (entity,):
            yield self.by_entity[name]
            yield self.by_owner[(name, str(record.get("ownerid")))]
            if (day := day_of(record)) is not None:
                yield self.by_day[name][day]
            for column, value in record.items():
                if isinstance(value, dict) and isinstance(target := value.get("id"), str):
                    yield self.by_lookup[(name, column, target)]

    def put(self, entity: str, record: Fields, old: Fields | None = None) -> None:
        """Index a record after it was created or changed (`old`: its previous copy, now out of date)."""
        record_id = str(record["id"])
        if old is not None:
            self.drop(entity, old)
        for posting in self._postings(entity, record):
            posting.add(record_id)

    def drop(self, entity: str, record: Fields) -> None:
        """Forget a record (deleted, or about to be re-indexed), given its indexed copy."""
        record_id = str(record["id"])
        for posting in self._postings(entity, record):
            posting.discard(record_id)

    def link(self, relationship: str, one: str, other: str) -> None:
        """Index a many-to-many link in both directions."""
        self.links[(relationship, one)].add(other)
        self.links[(relationship, other)].add(one)

    def unlink(self, relationship: str, one: str, other: str) -> None:
        """Forget a many-to-many link."""
        self.links[(relationship, one)].discard(other)
        self.links[(relationship, other)].discard(one)

    # -- queries ------------------------------------------------------------------------------
    def all(self, entity: str) -> set[str]:
        """Every id of `entity`."""
        return set(self.by_entity.get(entity, EMPTY))

    def owned(self, entity: str, owners: Iterable[str]) -> set[str]:
        """Ids of `entity` owned by any of `owners`."""
        return set().union(*(self.by_owner.get((entity, owner), EMPTY) for owner in owners))

    def modified_between(self, entity: str, start: float, end: float = float("inf")) -> set[str]:
        """A superset of the ids of `entity` last modified in [start, end) (whole days: check exactly after)."""
        first, last = int(start // DAY), (end // DAY if end != float("inf") else end)
        days = self.by_day.get(entity, {})
        return set().union(*(ids for day, ids in days.items() if first <= day <= last))

    def modified_after_day_of(self, entity: str, start: float) -> set[str]:
        """The ids of `entity` modified on a day after the one `start` falls on: certainly at or after `start`."""
        first = int(start // DAY)
        days = self.by_day.get(entity, {})
        return set().union(*(ids for day, ids in days.items() if day > first))

    def modified_on_day_of(self, entity: str, start: float) -> set[str]:
        """The ids of `entity` modified on the day `start` falls on (to be checked exactly)."""
        return set(self.by_day.get(entity, {}).get(int(start // DAY), EMPTY))

    def referencing(self, entity: str, column: str, target_ids: Iterable[str]) -> set[str]:
        """Ids of `entity` whose lookup `column` points at any of `target_ids`."""
        return set().union(*(self.by_lookup.get((entity, column, t), EMPTY) for t in target_ids))

    def linked(self, relationship: str, ids: Iterable[str]) -> set[str]:
        """Ids linked to any of `ids` through a many-to-many relationship."""
        return set().union(*(self.links.get((relationship, i), EMPTY) for i in ids))
