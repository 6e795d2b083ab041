"""Speed and memory near the limits: generation against plain Faker, first and delta syncs, all 2,000 users."""

from __future__ import annotations

import copy
import json
import random
import resource
import time
from pathlib import Path
from typing import Any

from pytest_benchmark.fixture import BenchmarkFixture

from harness.datagen.dataset import generate
from harness.datagen.pools import POOL_METHODS, build_pools, faker_for
from harness.datagen.records import Composer
from harness.datagen.spec import DataSetSpec
from harness.driver import SyncReport
from harness.reference import ReferenceImplementation
from harness.reference.subscription import Membership
from tests.bench.figures import record

NearLimit = tuple[Path, dict[str, Any], ReferenceImplementation]
SEED = 7


class PlainFakerComposer(Composer):
    """The same records by the same code, but every value asked of Faker afresh: the plain way."""

    def __init__(self, seed: int) -> None:
        super().__init__(build_pools(seed, size=1), random.Random(seed), products=700)
        self.fake = faker_for(seed)

    def value(self, pool: str) -> str:
        return json.dumps(str(getattr(self.fake, POOL_METHODS[pool])()))


def plain_faker_rate(count: int) -> float:
    """Records per second when every value of every record comes straight from Faker."""
    composer = PlainFakerComposer(SEED)
    started = time.perf_counter()
    for _ in composer.owned("user-0001", count):
        pass
    return count / (time.perf_counter() - started)


def test_generation_against_plain_faker(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    plain_rate = plain_faker_rate(5_000)
    manifest = benchmark.pedantic(generate, args=(tmp_path, DataSetSpec(1_000, seed=SEED)), rounds=1, iterations=1)
    rate = manifest["total"] / benchmark.stats.stats.mean
    record("plain Faker", f"{plain_rate:,.0f} records/s", "", None)
    record(
        "generator", f"{rate:,.0f} records/s ({rate / plain_rate:.0f}x plain Faker)", ">= 30x", rate >= 30 * plain_rate
    )


def test_near_limit_data_set_build(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    manifest = benchmark.pedantic(generate, args=(tmp_path, DataSetSpec(2_000, seed=SEED)), rounds=1, iterations=1)
    seconds = benchmark.stats.stats.mean
    record("near-limit data set", f"{manifest['total']:,} records in {seconds:.1f} s", "<= 15 s", seconds <= 15)


def subscription_records(reference: ReferenceImplementation, user: str) -> list[dict[str, Any]]:
    """The server's copies of everything `user` subscribes to."""
    server = reference.parts.server
    wanted = Membership.compute(reference.parts.profiles.scope(user), server).members
    return [server.get(entity, i) or {} for entity, ids in wanted.items() for i in ids]


def fresh_first_sync(reference: ReferenceImplementation, user: str) -> None:
    """Forget the user's device (and what the server kept for it), then sync it from scratch."""
    reference.parts.fleet.forget(user)
    report = reference.sync(user)
    assert isinstance(report, SyncReport) and report.completed, report


def test_first_sync_of_one_user_against_a_plain_copy(benchmark: BenchmarkFixture, near_limit: NearLimit) -> None:
    _, manifest, reference = near_limit
    user = max((u for u, n in manifest["subscriptions"].items() if n <= 10_000), key=manifest["subscriptions"].get)
    records = subscription_records(reference, user)
    started = time.perf_counter()
    for _ in range(5):
        [copy.copy(r) for r in records]
    floor = (time.perf_counter() - started) / 5
    benchmark.pedantic(fresh_first_sync, args=(reference, user), rounds=5, iterations=1)
    first = benchmark.stats.stats.mean
    near_limit[1]["first_sync_seconds"] = first
    record("plain copy of one user's records", f"{len(records):,} records in {floor * 1000:.1f} ms", "(floor)", None)
    record(
        "first sync, one user", f"{first * 1000:.1f} ms ({first / floor:.1f}x the floor)", "<= 5x", first <= 5 * floor
    )


def test_delta_sync_of_ten_changes(benchmark: BenchmarkFixture, near_limit: NearLimit) -> None:
    _, manifest, reference = near_limit
    user = max((u for u, n in manifest["subscriptions"].items() if n <= 10_000), key=manifest["subscriptions"].get)
    fresh_first_sync(reference, user)
    accounts = reference.device_records(user, "account")[:10]
    rounds = iter(range(10**6))

    def ten_changes() -> tuple[tuple[()], dict[str, Any]]:
        mark = next(rounds)
        for account in accounts:
            reference.server_update("account", str(account["id"]), {"name": f"{account['name']} {mark}"})
        return (), {}

    def sync() -> None:
        report = reference.sync(user)
        assert isinstance(report, SyncReport) and report.downloaded == 10, report

    ten_changes()  # the first write stops sharing the loaded data set (a one-off copy): not part of the figures
    sync()
    started = time.perf_counter()
    for _ in range(20):
        ten_changes()
        sync()
    with_changes = (time.perf_counter() - started) / 20
    benchmark.pedantic(sync, setup=ten_changes, rounds=50, iterations=1)
    delta, first = benchmark.stats.stats.mean, manifest.get("first_sync_seconds", float("nan"))
    record("10 server changes, then their sync", f"{with_changes * 1000:.2f} ms", "", None)
    record(
        "delta sync of 10 changes (sync alone)",
        f"{delta * 1000:.2f} ms ({delta / first:.2%} of a first sync)",
        "<= 1%",
        delta <= first / 100,
    )


def test_first_sync_of_all_users(benchmark: BenchmarkFixture, near_limit: NearLimit) -> None:
    _, manifest, reference = near_limit

    fleet = reference.parts.fleet

    def everyone() -> int:
        held = 0
        for user in manifest["subscriptions"]:
            fresh_first_sync(reference, user)
            store = fleet.devices[user].store
            held += sum(len(store.ids(entity)) for entity in store.entities())
            fleet.forget(user)
        return held

    held = benchmark.pedantic(everyone, rounds=1, iterations=1)
    seconds = benchmark.stats.stats.mean
    record("first sync, all 2,000 users", f"{seconds:.1f} s, {held:,} records", "<= 60 s", seconds <= 60)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    record("peak memory (whole bench run)", f"{peak:.2f} GB", "<= 4 GB", peak <= 4)
