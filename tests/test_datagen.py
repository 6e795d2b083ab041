"""Generated data sets: deterministic for a seed across processes, aimed at the requested subscription sizes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from harness.datagen.dataset import expected_subscription, generate
from harness.datagen.loader import load
from harness.datagen.manifest import MANIFEST
from harness.datagen.pools import build_pools
from harness.datagen.spec import DataSetSpec
from harness.errors import LoadError
from harness.reference import ReferenceImplementation

SMALL = DataSetSpec(users=60, records_per_user=400, seed=11)


def generate_in_subprocess(directory: Path, seed: int) -> str:
    """Run `offline-harness generate` in a fresh interpreter; its summary."""
    options = ["--users", "60", "--records-per-user", "400", "--seed", str(seed), "--out", str(directory)]
    command = [sys.executable, "-m", "harness.cli", "generate", *options]
    return subprocess.run(command, check=True, timeout=120, capture_output=True, text=True).stderr


def files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_same_seed_same_bytes_across_processes(tmp_path: Path) -> None:
    summary = generate_in_subprocess(tmp_path / "a", 11)
    generate_in_subprocess(tmp_path / "b", 11)
    generate_in_subprocess(tmp_path / "c", 12)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a")["records.ndjson"] != files(tmp_path / "c")["records.ndjson"]
    assert "seed 11" in summary and "records/s" in summary and "median" in summary


def test_pools_are_seeded() -> None:
    assert build_pools(3, 50) == build_pools(3, 50) != build_pools(4, 50)


def test_subscription_sizes_hit_the_targets(tmp_path: Path) -> None:
    manifest = generate(tmp_path, SMALL)
    sizes = manifest["subscriptions"]
    above = [u for u, n in sizes.items() if n > SMALL.records_per_user]
    assert above == manifest["above_limit"] and len(above) == 1
    assert all(SMALL.lower() <= n <= SMALL.records_per_user for u, n in sizes.items() if u not in above)
    for user in ("user-0001", above[0]):
        assert len(expected_subscription(tmp_path, user)) == sizes[user]
    assert json.loads((tmp_path / MANIFEST).read_text())["total"] == manifest["total"]


def test_loaded_data_syncs_exactly_the_expected_records(tmp_path: Path) -> None:
    generate(tmp_path, SMALL)
    reference = ReferenceImplementation()
    report = load(reference, tmp_path, batch=500)
    assert report.published is not None and report.published.published
    assert sum(report.records.values()) == json.loads((tmp_path / MANIFEST).read_text())["total"]
    reference.sync("user-0007")
    store = reference.parts.fleet.devices["user-0007"].store
    held = {record_id for entity in store.entities() for record_id in store.ids(entity)}
    assert held == expected_subscription(tmp_path, "user-0007")


def test_a_refusal_while_loading_is_a_clear_error(tmp_path: Path) -> None:
    generate(tmp_path, SMALL)
    reference = ReferenceImplementation()
    reference.add_business_unit("Contoso")
    with pytest.raises(LoadError, match="business unit Contoso"):
        load(reference, tmp_path)
