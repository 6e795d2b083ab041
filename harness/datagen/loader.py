"""Feed a data set on disk into any implementation, through the seam only.

An implementation that can also `snapshot()` its state and `restore(snapshot)` it into a fresh instance (the
reference can) loads a given data set once per process: a later load of the same data set, unchanged on disk,
restores a copy of the first instead. Progress goes to the `harness.datagen` logger, a line per phase.
"""

from __future__ import annotations

import copy
import gc
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.codec import decode
from harness.datagen.dataset import read_lines
from harness.datagen.integrity import check_data_set
from harness.datagen.manifest import DATA_FILES, RECORDS, read_manifest
from harness.datagen.organization import SALESPERSON
from harness.driver import Driver, Fields, Privilege, ProfileDefinition, PublishResult, Refused, Snapshots
from harness.errors import DataSetError, LoadError

BATCH = 5_000
log = logging.getLogger("harness.datagen")
_LOADED: dict[tuple[object, ...], tuple[Any, LoadReport]] = {}
"""Loads kept in this process: (folder, manifest checksum, each data file's size and time) -> (the implementation's
snapshot right after loading, the load's report). An implementation of another kind refuses the snapshot and loads."""


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
    the organization, the records in batches per entity, then the profile (so its volume check sees the data).

    A data set is millions of plain records, none in a cycle: the cyclic garbage collector pauses while they load,
    and then leaves them out of its rounds for good (`gc.freeze`; reference counting still frees them), so that
    it does not walk the whole data set again and again afterwards."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(driver, directory, batch, on_batch)
    finally:
        if collecting:
            gc.freeze()
            gc.enable()


def _load(
    driver: Driver, directory: Path, batch: int = BATCH, on_batch: Callable[[int], None] | None = None
) -> LoadReport:
    started, key = time.perf_counter(), _kept_as(driver, directory)
    kept = _LOADED.get(key) if key else None
    if kept is not None and isinstance(driver, Snapshots) and driver.restore(kept[0]):
        log.info("data set %s: a copy of the load made earlier in this run (%.1f s)", directory, _since(started))
        return copy.deepcopy(kept[1])
    log.info("data set %s: checking it against its manifest", directory)
    checked = check_data_set(directory)
    log.info("data set %s: loading the organization", directory)
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
    total, tenth = int(checked.manifest["total"]), max(1, int(checked.manifest["total"]) // 10)
    for number, record in enumerate(read_lines(directory / RECORDS), 1):
        entity = record.pop("entity")
        rows = pending.setdefault(entity, [])
        rows.append(record)
        if len(rows) >= batch:
            _flush(driver, entity, pending, report, on_batch)
        if number % tenth == 0:
            log.info(
                "data set %s: %s of %s records loaded (%.1f s)", directory, f"{number:,}", f"{total:,}", _since(started)
            )
    for entity in list(pending):
        _flush(driver, entity, pending, report, on_batch)
    for profile in profiles:
        log.info("data set %s: publishing profile %r", directory, profile.name)
        report.published = driver.publish_profile(profile)
    log.info("data set %s: loaded in %.1f s", directory, _since(started))
    if key and isinstance(driver, Snapshots):
        _LOADED[key] = (driver.snapshot(), copy.deepcopy(report))
    return report


def _since(started: float) -> float:
    return time.perf_counter() - started


def _kept_as(driver: Driver, directory: Path) -> tuple[object, ...] | None:
    """How a load of `directory` into `driver` is kept in this process, or None if the driver cannot snapshot."""
    if not isinstance(driver, Snapshots):
        return None
    try:
        files = [(directory / name).stat() for name in DATA_FILES]
        checksum = read_manifest(directory)["checksum"]
    except (OSError, DataSetError):
        return None
    return str(directory.resolve()), checksum, *((facts.st_size, facts.st_mtime_ns) for facts in files)


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
