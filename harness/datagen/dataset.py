"""A data set on disk: organization.ndjson, records.ndjson and manifest.json, written as a stream, all at once."""

from __future__ import annotations

import json
import logging
import random
import statistics
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from harness.codec import encode
from harness.datagen.atomic import replacing_folder
from harness.datagen.manifest import MANIFEST, ORGANIZATION, RECORDS, write_lines, write_manifest
from harness.datagen.organization import ADMINISTRATOR, OrgShape, field_sales_profile, organization_events
from harness.datagen.pools import build_pools
from harness.datagen.records import Composer
from harness.datagen.spec import DataSetSpec

DATA_SET_FILES = frozenset({ORGANIZATION, RECORDS, MANIFEST})
PROGRESS_EVERY = 10_000
Progress = Callable[[int, int], None]
"""Told the records written so far and the total the data set will have."""

_ENCODER = json.JSONEncoder(separators=(",", ":"))


def dumps(line: dict[str, Any]) -> str:
    """One NDJSON line of plain data (keys in insertion order, so equal builds give equal bytes)."""
    return _ENCODER.encode(line) + "\n"


def subscription_targets(spec: DataSetSpec, shape: OrgShape, rng: random.Random) -> dict[str, int]:
    """Each user's subscription size: within [lower, upper], a chosen few above the upper bound."""
    targets = {shape.user(n): rng.randint(spec.lower(), spec.records_per_user) for n in range(1, spec.users + 1)}
    count = spec.above_limit if spec.above_limit is not None else max(1, spec.users // 400)
    for user in rng.sample(sorted(targets), min(count, spec.users)):
        targets[user] = rng.randint(spec.records_per_user + 1, spec.records_per_user + 600)
    return targets


def record_total(spec: DataSetSpec, shape: OrgShape, targets: dict[str, int]) -> int:
    """How many records `_records` writes for these subscription targets."""
    products, competitors = spec.shared()
    per_team = spec.lower() - products - competitors
    return products + competitors + per_team * len(shape.teams()) + sum(t - spec.lower() for t in targets.values())


def generate(
    directory: Path, spec: DataSetSpec, progress: Progress | None = None, replace: bool = False
) -> dict[str, Any]:
    """Write the data set for `spec` into `directory` all at once; its manifest plus the seconds it took.

    `directory` must be absent or empty, or, with `replace`, hold only an older data set, which stays until the
    new one is complete (ConfigurationError otherwise). A write failure is a DataSetError and leaves nothing behind.
    """
    started = time.perf_counter()
    with replacing_folder(directory, DATA_SET_FILES, replace) as folder:
        manifest = _write(folder, spec, progress or _logged(directory))
    return manifest | {"seconds": round(time.perf_counter() - started, 3)}


def _logged(directory: Path) -> Progress:
    """Progress as a line to the `harness.datagen` logger at every tenth of the records."""
    said: set[int] = set()

    def progress(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth not in said:
            said.add(tenth)
            logging.getLogger("harness.datagen").info(
                "data set %s: %s of %s records generated", directory, f"{done:,}", f"{total:,}"
            )

    return progress


def _write(folder: Path, spec: DataSetSpec, progress: Progress) -> dict[str, Any]:
    """The three files of the data set, the manifest last; the sealed manifest."""
    shape = OrgShape(spec.users)
    rng = random.Random(spec.seed)
    organization = [dumps(encode(event)) for event in organization_events(shape)]
    organization.append(dumps({"kind": "profile", "profile": encode(field_sales_profile(shape))}))
    files = {ORGANIZATION: write_lines(folder / ORGANIZATION, organization)}
    targets = subscription_targets(spec, shape, rng)
    total = record_total(spec, shape, targets)
    composer = Composer(build_pools(spec.seed), rng, products=spec.shared()[0])
    progress(0, total)
    files[RECORDS] = write_lines(folder / RECORDS, _reported(_records(spec, shape, composer, targets), progress, total))
    progress(files[RECORDS]["lines"], total)
    sizes = sorted(targets.values())
    manifest = {
        "spec": asdict(spec),
        "counts": dict(sorted(composer.counters.items())),
        "total": files[RECORDS]["lines"],
        "subscriptions": targets,
        "above_limit": sorted(u for u, n in targets.items() if n > spec.records_per_user),
        "min": sizes[0],
        "median": statistics.median(sizes),
        "max": sizes[-1],
        "files": files,
    }
    return write_manifest(folder, manifest)


def _reported(lines: Iterable[str], progress: Progress, total: int) -> Iterator[str]:
    """`lines` unchanged, telling `progress` every PROGRESS_EVERY lines."""
    for done, line in enumerate(lines, 1):
        yield line
        if done % PROGRESS_EVERY == 0:
            progress(done, total)


def _records(spec: DataSetSpec, shape: OrgShape, composer: Composer, targets: dict[str, int]) -> Iterator[str]:
    """Shared master data, then each team's records, then each user's own records."""
    products, competitors = spec.shared()
    for _ in range(products):
        yield composer.record("product", ADMINISTRATOR)
    for _ in range(competitors):
        yield composer.record("competitor", ADMINISTRATOR)
    per_team = spec.lower() - products - competitors
    for team in shape.teams():
        yield from composer.owned(team, per_team)
    for user, target in targets.items():
        yield from composer.owned(user, target - spec.lower())


def read_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The lines of an NDJSON file, one dict each."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def subscription_owners(user: str, teams: dict[str, list[str]]) -> set[str]:
    """Whose records reach `user` under the generated profile: hers, her teams', and the shared master data's."""
    return {user, ADMINISTRATOR, *(team for team, members in teams.items() if user in members)}


def expected_subscription(directory: Path, user: str) -> set[str]:
    """The ids `user`'s device must hold, worked out from owners alone (independently of any implementation)."""
    teams = {e["name"]: e["members"] for e in read_lines(directory / ORGANIZATION) if e["kind"] == "team"}
    owners = subscription_owners(user, teams)
    return {str(r["id"]) for r in read_lines(directory / RECORDS) if r["ownerid"] in owners}
