"""Write a folder all at once: fill a hidden sibling, move it into place only when it is complete.

A reader of the target sees the old folder or the new one, never a mix: a failure, an interruption or a full
disk removes the sibling and leaves the target as it was.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from harness.errors import ConfigurationError, DataSetError


def _listing(names: list[str], limit: int = 3) -> str:
    """Up to `limit` names, comma separated, then how many more."""
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def check_target(target: Path, replaceable: Collection[str], replace: bool) -> None:
    """Refuse a target that is a file, is not empty (unless `replace`), or holds anything but `replaceable` files."""
    for place in (target, *target.parents):
        if place.exists() and not place.is_dir():
            raise ConfigurationError(f"{place} is a file, not a folder" + (f" ({target})" if place != target else ""))
    if not target.is_dir():
        return
    try:
        names = sorted(entry.name for entry in target.iterdir())
    except OSError as error:
        raise DataSetError(f"{target}: cannot be read ({error.strerror or error})") from None
    if names and not replace:
        raise ConfigurationError(f"{target} is not empty ({_listing(names)}); --force replaces the data set in it")
    foreign = [name for name in names if name not in replaceable or not (target / name).is_file()]
    if foreign:
        raise ConfigurationError(
            f"{target} holds more than a data set ({_listing(foreign)}); it is not replaced, even with --force"
        )


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _move_into_place(built: Path, target: Path) -> None:
    """Rename `built` to `target`; an old non-empty `target` is set aside first and removed once `built` is in."""
    old = None
    if target.is_dir() and any(target.iterdir()):
        old = target.with_name(f".{target.name}.{secrets.token_hex(4)}.old")
        os.rename(target, old)
    try:
        os.rename(built, target)
    except OSError:
        if old is not None:
            os.rename(old, target)
        raise
    _fsync(target.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _missing_ancestors(folder: Path) -> list[Path]:
    """The ancestors of `folder` that do not exist yet, outermost first."""
    return [parent for parent in reversed(folder.parents) if not parent.exists()]


@contextmanager
def replacing_folder(target: Path, replaceable: Collection[str], replace: bool = False) -> Iterator[Path]:
    """An empty hidden sibling of `target` to fill; it becomes `target` when the block completes.

    Refused up front (ConfigurationError): `target` is a file, is not empty without `replace`, or holds
    anything but `replaceable` files. Any failure in the block removes the sibling and any folder created for it
    and leaves `target` untouched; an OSError becomes a DataSetError naming `target`.
    """
    check_target(target, replaceable, replace)
    location = Path(os.path.realpath(target))
    created = _missing_ancestors(location)
    built = location.with_name(f".{location.name}.{secrets.token_hex(4)}.partial")
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
        built.mkdir()
        yield built
        for entry in built.iterdir():
            _fsync(entry)
        _fsync(built)
        _move_into_place(built, location)
    except BaseException as failure:
        shutil.rmtree(built, ignore_errors=True)
        for folder in reversed(created):
            with suppress(OSError):
                folder.rmdir()
        if isinstance(failure, OSError):
            raise DataSetError(f"cannot write the data set {target}: {failure.strerror or failure}") from None
        raise
