"""A data set loaded once per process: the reference's snapshot, restore, and copy on write of the server."""

from __future__ import annotations

from pathlib import Path

from harness.datagen.dataset import generate
from harness.datagen.loader import load
from harness.datagen.spec import DataSetSpec
from harness.guard import Guarded
from harness.reference import ReferenceImplementation, build
from harness.reference.server import ServerStore

SMALL = DataSetSpec(users=60, records_per_user=400, seed=13)


def held(reference: ReferenceImplementation, user: str) -> dict[str, list[str]]:
    """The ids the user's device holds, by entity."""
    store = reference.parts.fleet.devices[user].store
    return {entity: sorted(store.ids(entity)) for entity in sorted(store.entities())}


def test_a_second_load_restores_a_copy_that_behaves_like_a_load(tmp_path: Path) -> None:
    generate(tmp_path, SMALL)
    first, second = build(), Guarded(build(), "reference")
    report = load(first, tmp_path)
    again = load(second, tmp_path)  # type: ignore[arg-type]
    assert again == report and again is not report
    restored = second.inner
    assert isinstance(restored, ReferenceImplementation)
    assert (
        restored.parts.server is not first.parts.server and restored.parts.server.records is first.parts.server.records
    )
    first.sync("user-0003")
    restored.sync("user-0003")
    assert held(first, "user-0003") == held(restored, "user-0003") and held(first, "user-0003")


def test_a_write_to_a_copy_leaves_the_snapshot_and_the_original_as_they_were(tmp_path: Path) -> None:
    generate(tmp_path, SMALL)
    original = build()
    load(original, tmp_path)
    snapshot = original.snapshot()
    copy = build()
    assert copy.restore(snapshot)
    account = copy.server_records("account")[0]
    assert copy.server_update("account", str(account["id"]), {"name": "Renamed"}) is None
    assert copy.add_user("newcomer", "Contoso") is None
    assert original.server_record("account", str(account["id"])) == account
    assert "newcomer" not in original.parts.security.principals
    late = build()
    assert late.restore(snapshot) and late.server_record("account", str(account["id"])) == account
    assert original.server_update("account", str(account["id"]), {"name": "Other"}) is None
    assert late.server_record("account", str(account["id"])) == account


def test_only_an_untouched_implementation_of_the_same_parts_restores(tmp_path: Path) -> None:
    generate(tmp_path, SMALL)
    loaded = build()
    load(loaded, tmp_path)
    busy = build()
    assert busy.add_business_unit("Elsewhere") is None
    assert not busy.restore(loaded.snapshot())
    assert busy.server_records("account") == [] and not busy.restore(object())
    other = build(server=type("OtherServer", (ServerStore,), {}))
    assert not other.restore(loaded.snapshot())
    report = load(other, tmp_path)
    assert report.published is not None and other.server_records("account") == loaded.server_records("account")
