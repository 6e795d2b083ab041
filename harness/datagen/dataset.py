"""A data set on disk: organization.ndjson, records.ndjson and manifest.json, written as a stream."""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from harness.codec import encode
from harness.datagen.organization import OrgShape, field_sales_profile, organization_events
from harness.datagen.pools import build_pools
from harness.datagen.records import Composer

ORGANIZATION = "organization.ndjson"
RECORDS = "records.ndjson"
MANIFEST = "manifest.json"
Progress = Callable[[int], None]


@dataclass(frozen=True)
class DataSetSpec:
    """What to generate: users, the upper subscription size most users stay within, and the seed."""

    users: int
    records_per_user: int = 10_000
    seed: int = 7
    above_limit: int | None = None

    def lower(self) -> int:
        """The smallest subscription a regular user gets (90% of the upper bound)."""
        return self.records_per_user * 9 // 10

    def shared(self) -> tuple[int, int]:
        """How many products and competitors everyone shares."""
        return min(700, self.lower() // 10), min(300, self.lower() // 30)


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


def generate(directory: Path, spec: DataSetSpec, progress: Progress | None = None) -> dict[str, Any]:
    """Write the data set for `spec` into `directory`; its manifest (written too) plus the seconds it took."""
    started = time.perf_counter()
    directory.mkdir(parents=True, exist_ok=True)
    shape = OrgShape(spec.users)
    rng = random.Random(spec.seed)
    with (directory / ORGANIZATION).open("w") as out:
        for event in organization_events(shape):
            out.write(dumps(encode(event)))
        out.write(dumps({"kind": "profile", "profile": encode(field_sales_profile(shape))}))
    targets = subscription_targets(spec, shape, rng)
    composer = Composer(build_pools(spec.seed), rng, products=spec.shared()[0])
    written = 0
    with (directory / RECORDS).open("w") as out:
        for line in _records(spec, shape, composer, targets):
            out.write(line)
            written += 1
            if progress and written % 10_000 == 0:
                progress(written)
    counts = composer.counters
    sizes = sorted(targets.values())
    manifest = {
        "spec": asdict(spec),
        "counts": dict(sorted(counts.items())),
        "total": written,
        "subscriptions": targets,
        "above_limit": sorted(u for u, n in targets.items() if n > spec.records_per_user),
        "min": sizes[0],
        "median": statistics.median(sizes),
        "max": sizes[-1],
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest | {"seconds": round(time.perf_counter() - started, 3)}


def _records(spec: DataSetSpec, shape: OrgShape, composer: Composer, targets: dict[str, int]) -> Iterator[str]:
    """Shared master data, then each team's records, then each user's own records."""
    products, competitors = spec.shared()
    for _ in range(products):
        yield composer.record("product", "admin")
    for _ in range(competitors):
        yield composer.record("competitor", "admin")
    per_team = spec.lower() - products - competitors
    for team in shape.teams():
        yield from composer.owned(team, per_team)
    for user, target in targets.items():
        yield from composer.owned(user, target - spec.lower())


def read_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The lines of an NDJSON file, one dict each."""
    with path.open() as lines:
        for line in lines:
            yield json.loads(line)


def expected_subscription(directory: Path, user: str) -> set[str]:
    """The ids `user`'s device must hold, worked out from owners alone (independently of any implementation)."""
    teams = {e["name"] for e in read_lines(directory / ORGANIZATION) if e["kind"] == "team" and user in e["members"]}
    owners = {user, *teams, "admin"}
    return {str(r["id"]) for r in read_lines(directory / RECORDS) if r["ownerid"] in owners}
