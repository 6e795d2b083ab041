"""Secondary indexes over the server's records, so a subscription costs what it holds, not what the org holds."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable

from harness.driver import Fields
from harness.reference.clock import DAY, parse_iso
from harness.reference.metadata import ACTIVITY_TYPES

POINTER = "activitypointer"
EMPTY: frozenset[str] = frozenset()


def day_of(record: Fields) -> int | None:
    """The day (since the simulation start) a record was last modified, or None without a modified-on."""
    modified = record.get("modifiedon")
    return int(parse_iso(modified) // DAY) if isinstance(modified, str) else None


def _days() -> defaultdict[int, set[str]]:
    return defaultdict(set)


def _copied(days: dict[int | None, set[str]]) -> defaultdict[int | None, set[str]]:
    found: defaultdict[int | None, set[str]] = defaultdict(set)
    found.update({day: set(ids) for day, ids in days.items() if ids})
    return found


class RecordIndex:
    """Ids by entity, by (entity, owner) and day modified, by (entity, day modified), by (entity, lookup column,
    target id), and the many-to-many links; activities are indexed under activitypointer too. A record with no
    modified-on is filed under day None."""

    def __init__(self) -> None:
        self.by_entity: dict[str, set[str]] = defaultdict(set)
        self.by_owner: dict[tuple[str, str], defaultdict[int | None, set[str]]] = defaultdict(_days)  # type: ignore[arg-type]
        self.by_day: dict[str, defaultdict[int | None, set[str]]] = defaultdict(_days)  # type: ignore[arg-type]
        self.by_lookup: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.links: dict[tuple[str, str], set[str]] = defaultdict(set)

    def put(self, entity: str, record: Fields, old: Fields | None = None) -> None:
        """Index a record after it was created or changed (`old`: its previous copy, now out of date)."""
        if old is not None:
            self._file(entity, old, set.discard)
        self._file(entity, record, set.add)

    def drop(self, entity: str, record: Fields) -> None:
        """Forget a record (deleted, or about to be re-indexed), given its indexed copy."""
        self._file(entity, record, set.discard)

    def _file(self, entity: str, record: Fields, act: Callable[[set[str], str], None]) -> None:
        """Add a record's id to (or take it from) every posting it belongs to."""
        record_id, owner, day = str(record["id"]), str(record.get("ownerid")), day_of(record)
        lookups = [(c, v["id"]) for c, v in record.items() if type(v) is dict and isinstance(v.get("id"), str)]
        for name in (entity, POINTER) if entity in ACTIVITY_TYPES else (entity,):
            act(self.by_entity[name], record_id)
            act(self.by_owner[(name, owner)][day], record_id)
            act(self.by_day[name][day], record_id)
            for column, target in lookups:
                act(self.by_lookup[(name, column, target)], record_id)

    def copy(self) -> RecordIndex:
        """An independent copy: its postings copied (ids are strings, shared)."""
        found = RecordIndex()
        found.by_entity.update({key: set(ids) for key, ids in self.by_entity.items()})
        found.by_owner.update({key: _copied(days) for key, days in self.by_owner.items()})
        found.by_day.update({key: _copied(days) for key, days in self.by_day.items()})
        found.by_lookup.update({key: set(ids) for key, ids in self.by_lookup.items() if ids})
        found.links.update({key: set(ids) for key, ids in self.links.items() if ids})
        return found

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

    def existing(self, entity: str, ids: set[str]) -> set[str]:
        """The ids among `ids` of records of `entity` that exist."""
        return ids & self.by_entity.get(entity, EMPTY)

    def owned(self, entity: str, owners: Iterable[str]) -> set[str]:
        """Ids of `entity` owned by any of `owners`."""
        postings = (self.by_owner.get((entity, owner)) for owner in owners)
        return set().union(*(ids for days in postings if days for ids in days.values()))

    def modified_between(self, entity: str, start: float, end: float = math.inf) -> set[str]:
        """A superset of the ids of `entity` last modified in [start, end) (whole days: check exactly after)."""
        first, last = int(start // DAY), (end // DAY if end != math.inf else end)
        days: dict[int | None, set[str]] = self.by_day.get(entity, {})
        if last == first:
            return set(days.get(first, EMPTY))
        if last - first < len(days):
            return set().union(*(days.get(day, EMPTY) for day in range(first, int(last) + 1)))
        return set().union(*(ids for day, ids in days.items() if day is not None and first <= day <= last))

    def window(self, entity: str, start: float, owners: Iterable[str] | None = None) -> tuple[set[str], set[str]]:
        """The ids of `entity` (owned by one of `owners`, if given) modified on a day after the one `start` falls on
        (certainly at or after `start`), and those modified on that day (to be checked exactly)."""
        first = int(start // DAY)
        postings: list[dict[int | None, set[str]]]
        if owners is None:
            postings = [self.by_day.get(entity, {})]
        else:
            postings = [days for owner in owners if (days := self.by_owner.get((entity, owner)))]
        after = set().union(*(ids for days in postings for day, ids in days.items() if day is not None and day > first))
        edge = set().union(*(days.get(first, EMPTY) for days in postings))
        return after, edge

    def referencing(self, entity: str, column: str, target_ids: Iterable[str]) -> set[str]:
        """Ids of `entity` whose lookup `column` points at any of `target_ids`."""
        return set().union(*(self.by_lookup.get((entity, column, t), EMPTY) for t in target_ids))

    def linked(self, relationship: str, ids: Iterable[str]) -> set[str]:
        """Ids linked to any of `ids` through a many-to-many relationship."""
        return set().union(*(self.links.get((relationship, i), EMPTY) for i in ids))
