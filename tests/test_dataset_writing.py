"""Writing a data set: the spec's limits, the progress total, all-at-once writes, and what --out may be."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from harness.datagen.dataset import generate
from harness.datagen.loader import load
from harness.datagen.manifest import MANIFEST, RECORDS
from harness.datagen.spec import DataSetSpec
from harness.errors import ConfigurationError, DataSetError
from tests.dataset_tools import RecordingDriver, snapshot

TINY = DataSetSpec(users=4, records_per_user=30, seed=3)
OTHER = DataSetSpec(users=5, records_per_user=40, seed=4)
LARGER = DataSetSpec(users=200, records_per_user=1_000, seed=11)
"""Enough records (about 13,500) for progress reports between the first and the last."""


class Interrupt(KeyboardInterrupt):
    """Ctrl-C, pressed from a progress callback once some records are written."""


def interrupt_after(records: int) -> object:
    def progress(done: int, total: int) -> None:
        if done >= records:
            raise Interrupt

    return progress


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("users", 0),
        ("users", -5),
        ("users", 2_001),
        ("records_per_user", 0),
        ("records_per_user", -10),
        ("records_per_user", 3_000_001),
        ("seed", -1),
        ("seed", 2**32),
    ],
)
def test_a_spec_outside_the_limits_is_refused(field: str, value: int) -> None:
    with pytest.raises(ConfigurationError, match=rf"data set {field} must be between [\d,]+ and [\d,]+ \(got "):
        DataSetSpec(**{"users": 10, field: value})  # type: ignore[arg-type]


def test_the_limits_themselves_are_accepted() -> None:
    assert DataSetSpec(users=1, records_per_user=1, seed=0).users == 1
    assert DataSetSpec(users=2_000, records_per_user=3_000_000, seed=2**32 - 1).seed == 2**32 - 1


def test_progress_counts_to_the_real_record_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    manifest = generate(tmp_path / "set", LARGER, lambda done, total: seen.append((done, total)))
    lines = (tmp_path / "set" / RECORDS).read_bytes().count(b"\n")
    assert lines == manifest["total"] > 10_000
    assert {total for _, total in seen} == {lines}
    assert seen[0] == (0, lines) and seen[-1] == (lines, lines) and len(seen) > 2
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_one_user_one_record_still_makes_a_loadable_data_set(tmp_path: Path) -> None:
    manifest = generate(tmp_path / "set", DataSetSpec(users=1, records_per_user=1, seed=0))
    driver = RecordingDriver()
    report = load(driver, tmp_path / "set")  # type: ignore[arg-type]
    assert sum(report.records.values()) == manifest["total"] >= 1
    assert report.published is not None and report.published.published


def test_a_folder_that_is_not_empty_is_refused_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "set"
    generate(target, TINY)
    before = snapshot(tmp_path)
    with pytest.raises(ConfigurationError, match=r"is not empty .*--force replaces"):
        generate(target, OTHER)
    assert snapshot(tmp_path) == before


def test_replace_swaps_in_the_new_data_set_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "set"
    generate(target, TINY)
    manifest = generate(target, OTHER, replace=True)
    assert json.loads((target / MANIFEST).read_text())["spec"]["seed"] == OTHER.seed == manifest["spec"]["seed"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["set"]
    assert load(RecordingDriver(), target).records  # type: ignore[arg-type]


def test_replace_refuses_a_folder_holding_more_than_a_data_set(tmp_path: Path) -> None:
    target = tmp_path / "set"
    generate(target, TINY)
    (target / "notes.txt").write_text("mine")
    before = snapshot(tmp_path)
    with pytest.raises(ConfigurationError, match=r"holds more than a data set \(notes.txt\)"):
        generate(target, OTHER, replace=True)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("out", ["afile", "afile/sub"])
def test_a_file_on_the_way_is_refused(tmp_path: Path, out: str) -> None:
    (tmp_path / "afile").write_text("mine")
    with pytest.raises(ConfigurationError, match="afile is a file, not a folder"):
        generate(tmp_path / out, TINY)
    assert snapshot(tmp_path) == {"afile": b"mine"}


def test_an_empty_folder_is_filled(tmp_path: Path) -> None:
    (tmp_path / "set").mkdir()
    generate(tmp_path / "set", TINY)
    assert sorted(p.name for p in (tmp_path / "set").iterdir()) == ["manifest.json", "organization.ndjson", RECORDS]


def test_an_interrupted_replacement_keeps_the_old_data_set_whole(tmp_path: Path) -> None:
    target = tmp_path / "set"
    generate(target, TINY)
    before = snapshot(tmp_path)
    with pytest.raises(Interrupt):
        generate(target, LARGER, interrupt_after(10_000), replace=True)  # type: ignore[arg-type]
    assert snapshot(tmp_path) == before


def test_an_interrupted_first_write_leaves_no_folder_behind(tmp_path: Path) -> None:
    with pytest.raises(Interrupt):
        generate(tmp_path / "new" / "deeper" / "set", TINY, interrupt_after(0))  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_midway_is_one_line_and_the_old_data_set_stays(tmp_path: Path) -> None:
    """The child may write 64 KiB per file: records.ndjson of the new data set outgrows it (EFBIG, as a full disk)."""
    target = tmp_path / "set"
    generate(target, TINY)
    before = snapshot(tmp_path)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (65_536, 65_536))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    options = ["--users", "60", "--records-per-user", "400", "--out", str(target), "--force"]
    result = subprocess.run(
        [sys.executable, "-m", "harness.cli", "generate", *options],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=small_files,
        env=os.environ | {"PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("offline-harness generate:")]
    assert errors == [f"offline-harness generate: cannot write the data set {target}: File too large"]
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before


def test_a_write_error_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(DataSetError, match=r"cannot write the data set .*set: Read-only file system$"):
        generate(tmp_path / "set", TINY)
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []
