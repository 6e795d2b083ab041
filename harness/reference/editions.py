"""Every documented limit, keyed by edition of the page: a new edition is a data change, not a code change."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    """The limits one edition of the page states."""

    name: str
    max_profile_users: int
    max_relationships_per_entity: int
    max_one_to_many_per_entity: int
    max_custom_filters: int
    recommended_records_per_user: int
    max_synced_records: int | None = None


EDITIONS: dict[str, Edition] = {
    edition.name: edition
    for edition in (
        Edition("2019", 1_000, 10, 3, 3, 10_000),
        Edition("2020-08", 2_000, 10, 1, 3, 10_000),
        Edition("later", 2_000, 15, 1, 3, 200_000, 3_000_000),
    )
}
DEFAULT_EDITION = EDITIONS["2020-08"]
