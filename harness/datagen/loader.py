"""Feed a data set on disk into any implementation, through the seam only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.codec import decode
from harness.datagen.dataset import read_lines
from harness.datagen.integrity import check_data_set
from harness.datagen.manifest import RECORDS
from harness.datagen.organization import SALESPERSON
from harness.driver import Driver, Fields, Privilege, ProfileDefinition, PublishResult, Refused
from harness.errors import LoadError

BATCH = 5_000


@dataclass
class LoadReport:
    """What loading did: records per entity and the profile's publish result."""

    records: dict[str, int] = field(default_factory=dict)
    published: PublishResult | None = None


def _accept(outcome: Any, what: str) -> Any:
    if isinstance(outcome, Refused):
        raise LoadError(f"{what}: {outcome.claim} {outcome.reason}")
    return outcome


def load(
    driver: Driver, directory: Path, batch: int = BATCH, on_batch: Callable[[int], None] | None = None
) -> LoadReport:
    """Check the whole data set against its manifest (DataSetError, nothing loaded, if it does not match); then load
    the organization, the records in batches per entity, then the profile (so its volume check sees the data)."""
    checked = check_data_set(directory)
    report = LoadReport()
    profiles: list[ProfileDefinition] = []
    for event in checked.organization:
        kind = event["kind"]
        if kind == "business_unit":
            _accept(driver.add_business_unit(event["name"], event["parent"]), f"business unit {event['name']}")
        elif kind == "role":
            privileges = decode(list[Privilege], event["privileges"])
            _accept(driver.define_role(event["name"], privileges), f"role {event['name']}")
        elif kind == "user":
            _accept(driver.add_user(event["name"], event["business_unit"], event["manager"]), f"user {event['name']}")
            _accept(driver.assign_role(event["name"], SALESPERSON), f"role of {event['name']}")
        elif kind == "team":
            _accept(driver.add_team(event["name"], event["business_unit"], event["members"]), f"team {event['name']}")
        elif kind == "profile":
            profiles.append(decode(ProfileDefinition, event["profile"]))
    pending: dict[str, list[Fields]] = {}
    for record in read_lines(directory / RECORDS):
        entity = record.pop("entity")
        rows = pending.setdefault(entity, [])
        rows.append(record)
        if len(rows) >= batch:
            _flush(driver, entity, pending, report, on_batch)
    for entity in list(pending):
        _flush(driver, entity, pending, report, on_batch)
    for profile in profiles:
        report.published = driver.publish_profile(profile)
    return report


def _flush(
    driver: Driver,
    entity: str,
    pending: dict[str, list[Fields]],
    report: LoadReport,
    on_batch: Callable[[int], None] | None,
) -> None:
    rows = pending.pop(entity)
    if rows:
        loaded = _accept(driver.import_records(entity, rows), f"{entity} records")
        report.records[entity] = report.records.get(entity, 0) + int(loaded)
        if on_batch:
            on_batch(len(rows))
