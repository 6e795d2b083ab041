"""The loader checks a data set whole before loading: every fault is one line naming the file, nothing is loaded.

Unit tests name each fault the check finds; property tests (Hypothesis, seeded) corrupt a data set at random:
truncate a file at any byte, flip any byte, drop or repeat a line, swap a file with another data set's, remove a
file. Each ends in one DataSetError line naming the data set's file, no driver call, and the files unchanged.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from harness.datagen.dataset import generate
from harness.datagen.integrity import check_data_set
from harness.datagen.loader import load
from harness.datagen.manifest import DATA_FILES, MANIFEST, ORGANIZATION, RECORDS
from harness.datagen.spec import DataSetSpec
from harness.errors import DataSetError
from tests.dataset_tools import RecordingDriver, edit_lines, reseal, snapshot

FILES = (*DATA_FILES, MANIFEST)
PROPERTY = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def data_sets(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two small data sets of different seeds and sizes, generated once."""
    first, second = tmp_path_factory.mktemp("first") / "set", tmp_path_factory.mktemp("second") / "set"
    generate(first, DataSetSpec(6, 40, seed=3))
    generate(second, DataSetSpec(3, 30, seed=4))
    return first, second


@pytest.fixture
def copy(data_sets: tuple[Path, Path], tmp_path: Path) -> Path:
    """A fresh copy of the first data set, to damage."""
    return Path(shutil.copytree(data_sets[0], tmp_path / "set"))


def refused(folder: Path) -> tuple[str, RecordingDriver]:
    """Load `folder` into a recording driver expecting a DataSetError; its message and the driver."""
    driver = RecordingDriver()
    before = snapshot(folder)
    with pytest.raises(DataSetError) as error:
        load(driver, folder)  # type: ignore[arg-type]
    assert snapshot(folder) == before, "the check changed the data set"
    assert driver.calls == [], f"nothing may reach the driver when the check fails: {driver.calls}"
    message = str(error.value)
    assert "\n" not in message and message.startswith(str(folder)), message
    return message, driver


def test_a_sound_data_set_loads_after_its_check(copy: Path) -> None:
    driver = RecordingDriver()
    report = load(driver, copy)  # type: ignore[arg-type]
    manifest = json.loads((copy / MANIFEST).read_text())
    assert sum(report.records.values()) == manifest["total"] and "import_records" in driver.calls


def test_the_issue_case_new_organization_old_records(data_sets: tuple[Path, Path], copy: Path) -> None:
    """A failed run once overwrote organization.ndjson only; 6,197 orphan records then loaded without a word."""
    shutil.copy(data_sets[1] / ORGANIZATION, copy / ORGANIZATION)
    message, _ = refused(copy)
    assert message.startswith(f"{copy / ORGANIZATION}: ")


def test_a_load_kept_in_this_process_is_not_reused_once_a_file_changed(
    data_sets: tuple[Path, Path], copy: Path
) -> None:
    """A second load of a data set restores the first load's copy only while every data file is as it was."""
    first = RecordingDriver()
    load(first, copy)  # type: ignore[arg-type]
    again = RecordingDriver()
    load(again, copy)  # type: ignore[arg-type]
    assert again.calls == ["restore"], again.calls
    shutil.copy(data_sets[1] / ORGANIZATION, copy / ORGANIZATION)
    message, _ = refused(copy)
    assert message.startswith(f"{copy / ORGANIZATION}: ")


def test_a_missing_manifest(copy: Path) -> None:
    (copy / MANIFEST).unlink()
    assert refused(copy)[0] == f"{copy / MANIFEST}: missing (not a data set, or its generation never finished)"


def test_no_such_folder(tmp_path: Path) -> None:
    with pytest.raises(DataSetError, match="no such folder"):
        load(RecordingDriver(), tmp_path / "nothing")  # type: ignore[arg-type]


def test_a_manifest_of_an_older_harness(copy: Path) -> None:
    manifest = json.loads((copy / MANIFEST).read_text())
    del manifest["format"], manifest["files"], manifest["checksum"]
    (copy / MANIFEST).write_text(json.dumps(manifest))
    assert "no format number (written by an older offline-harness)" in refused(copy)[0]


def test_a_manifest_that_is_not_json(copy: Path) -> None:
    (copy / MANIFEST).write_text('{"format": 1,')
    assert refused(copy)[0].startswith(f"{copy / MANIFEST}: not valid JSON (")


def test_a_manifest_of_the_wrong_shape_even_when_sealed(copy: Path) -> None:
    reseal(copy, counts={"account": -1})
    assert refused(copy)[0] == f"{copy / MANIFEST}: at $.counts.account: -1 is less than the minimum of 0"


def test_an_edited_manifest_fails_its_own_checksum(copy: Path) -> None:
    manifest = json.loads((copy / MANIFEST).read_text())
    manifest["spec"]["seed"] = 4
    (copy / MANIFEST).write_text(json.dumps(manifest))
    assert "does not match its checksum" in refused(copy)[0]


def test_a_truncated_file_says_how_much_is_there(copy: Path) -> None:
    data = (copy / RECORDS).read_bytes()
    (copy / RECORDS).write_bytes(data[: len(data) // 2])
    message, _ = refused(copy)
    assert message.startswith(f"{copy / RECORDS}: {len(data) // 2:,} bytes where the manifest says {len(data):,}")
    assert "(truncated: " in message


def test_a_changed_byte_fails_the_checksum(copy: Path) -> None:
    data = bytearray((copy / ORGANIZATION).read_bytes())
    data[100] ^= 1
    (copy / ORGANIZATION).write_bytes(bytes(data))
    assert "its sha256 does not match the manifest" in refused(copy)[0]


def test_a_missing_data_file(copy: Path) -> None:
    (copy / RECORDS).unlink()
    assert refused(copy)[0] == f"{copy / RECORDS}: missing (the manifest lists it)"


def test_a_record_owned_by_nobody_even_when_sealed(copy: Path) -> None:
    edit_lines(copy / RECORDS, 3, {"ownerid": "user-9999"})
    reseal(copy)
    assert refused(copy)[0] == f"{copy / RECORDS} line 3: owner 'user-9999' is no user or team of {ORGANIZATION}"


def test_a_line_that_is_not_json_even_when_sealed(copy: Path) -> None:
    with (copy / RECORDS).open("a") as records:
        records.write("{not json\n")
    reseal(copy)
    lines = (copy / RECORDS).read_text().count("\n")
    assert refused(copy)[0].startswith(f"{copy / RECORDS} line {lines:,}: not valid JSON (")


def test_record_counts_must_match_even_when_sealed(copy: Path) -> None:
    lines = (copy / RECORDS).read_text().splitlines(keepends=True)
    entity = json.loads(lines[-1])["entity"]
    (copy / RECORDS).write_text("".join(lines[:-1]))
    reseal(copy)
    assert "records where the manifest says" in refused(copy)[0] and entity in refused(copy)[0]


def test_subscription_sizes_must_match_even_when_sealed(copy: Path) -> None:
    sizes = json.loads((copy / MANIFEST).read_text())["subscriptions"]
    reseal(copy, subscriptions=sizes | {"user-0002": sizes["user-0002"] + 1})
    held = sizes["user-0002"]
    assert refused(copy)[0] == (
        f"{copy / RECORDS}: user-0002 would hold {held:,} records where the manifest says {held + 1:,}"
    )


@pytest.mark.parametrize(
    ("line", "change", "problem"),
    [
        (2, {"parent": "Atlantis"}, "parent business unit 'Atlantis' is not defined on an earlier line"),
        (1, {"kind": "galaxy"}, "unknown kind 'galaxy'"),
        (1, {"colour": "red"}, "business_unit at $: Additional properties are not allowed ('colour' was unexpected)"),
        (-1, {"profile": {"name": 7}}, "profile is malformed: expected str, got 7"),
    ],
)
def test_organization_lines_are_checked_even_when_sealed(
    copy: Path, line: int, change: dict[str, Any], problem: str
) -> None:
    count = (copy / ORGANIZATION).read_text().count("\n")
    number = line if line > 0 else count + 1 + line
    edit_lines(copy / ORGANIZATION, number, change)
    reseal(copy)
    message = refused(copy)[0]
    assert message.startswith(f"{copy / ORGANIZATION} line {number}: ") and problem in message, message


def test_a_user_of_a_missing_business_unit_even_when_sealed(copy: Path) -> None:
    lines = (copy / ORGANIZATION).read_text().splitlines()
    number = next(n for n, line in enumerate(lines, 1) if '"kind":"user"' in line)
    edit_lines(copy / ORGANIZATION, number, {"business_unit": "Nowhere"})
    reseal(copy)
    assert refused(copy)[0].endswith(f"line {number}: business unit 'Nowhere' is not defined on an earlier line")


# ---------------------------------------------------------------- properties: random damage


def truncate(path: Path, data: st.DataObject) -> None:
    content = path.read_bytes()
    path.write_bytes(content[: data.draw(st.integers(0, len(content) - 1), label=f"truncate {path.name} at")])


def flip(path: Path, data: st.DataObject) -> None:
    content = bytearray(path.read_bytes())
    at = data.draw(st.integers(0, len(content) - 1), label=f"flip in {path.name} at")
    content[at] ^= data.draw(st.integers(1, 255), label="with")
    path.write_bytes(bytes(content))


def drop_line(path: Path, data: st.DataObject) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    del lines[data.draw(st.integers(0, len(lines) - 1), label=f"drop line of {path.name}")]
    path.write_bytes(b"".join(lines))


def repeat_line(path: Path, data: st.DataObject) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    at = data.draw(st.integers(0, len(lines) - 1), label=f"repeat line of {path.name}")
    path.write_bytes(b"".join([*lines[: at + 1], lines[at], *lines[at + 1 :]]))


def remove(path: Path, data: st.DataObject) -> None:
    path.unlink()


DAMAGE: dict[str, Callable[[Path, st.DataObject], None]] = {
    "truncate": truncate,
    "flip": flip,
    "drop a line": drop_line,
    "repeat a line": repeat_line,
    "remove": remove,
}


@hypothesis.seed(13)
@PROPERTY
@hypothesis.given(data=st.data(), damage=st.sampled_from(sorted(DAMAGE)), name=st.sampled_from(FILES))
def test_any_damage_is_refused_whole(data_sets: tuple[Path, Path], data: st.DataObject, damage: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(shutil.copytree(data_sets[0], Path(scratch) / "set"))
        original = json.loads((folder / MANIFEST).read_text())
        DAMAGE[damage](folder / name, data)
        driver = RecordingDriver()
        try:
            load(driver, folder)  # type: ignore[arg-type]
        except DataSetError as error:
            message = str(error)
            assert "\n" not in message and message.startswith(str(folder)), message
            assert any(str(folder / file) in message for file in FILES), message
            assert driver.calls == []
            return
        # only a change of the manifest's layout (spaces, line breaks) leaves the data set as it was
        assert name == MANIFEST, f"a damaged {name} was loaded"
        assert json.loads((folder / MANIFEST).read_text()) == original


@hypothesis.seed(17)
@PROPERTY
@hypothesis.given(names=st.sets(st.sampled_from(FILES), min_size=1, max_size=2))
def test_files_swapped_with_another_data_set_are_refused(data_sets: tuple[Path, Path], names: set[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(shutil.copytree(data_sets[0], Path(scratch) / "set"))
        for name in names:
            shutil.copy(data_sets[1] / name, folder / name)
        before = snapshot(folder)
        driver = RecordingDriver()
        with pytest.raises(DataSetError) as error:
            load(driver, folder)  # type: ignore[arg-type]
        assert driver.calls == [] and snapshot(folder) == before
        assert "\n" not in str(error.value) and str(error.value).startswith(str(folder))


def test_a_manifest_with_a_repeated_key(copy: Path) -> None:
    lines = (copy / MANIFEST).read_text().splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith(' "max":'))
    (copy / MANIFEST).write_text("".join([*lines[: at + 1], lines[at], *lines[at + 1 :]]))
    assert refused(copy)[0].endswith("not valid JSON (key 'max' appears twice in one object)")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
STRUCTURAL = {"entity", "id", "ownerid", "kind"}


@hypothesis.seed(19)
@PROPERTY
@hypothesis.given(data=st.data(), name=st.sampled_from(DATA_FILES), value=JSON_VALUES)
def test_any_value_in_a_sealed_line_is_refused_in_one_line_or_sound(
    data_sets: tuple[Path, Path], data: st.DataObject, name: str, value: Any
) -> None:
    """A data set re-sealed after an edit passes the checksums: the line checks alone must judge it, never crash."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(shutil.copytree(data_sets[0], Path(scratch) / "set"))
        lines = (folder / name).read_text().splitlines()
        number = data.draw(st.integers(1, len(lines)), label="line")
        key = data.draw(st.sampled_from(sorted(json.loads(lines[number - 1]))), label="key")
        edit_lines(folder / name, number, {key: value})
        reseal(folder)
        try:
            check_data_set(folder)
        except DataSetError as error:
            message = str(error)
            assert "\n" not in message and len(message) < 400 and message.startswith(str(folder)), message
            return
        assert key not in STRUCTURAL or isinstance(value, str), f"{key}={value!r} on line {number} of {name} passed"
