"""What a driver call's arguments must look like by the seam's types, and how a call the seam refuses is answered.

`misfit` names the first argument (or the field inside it) that does not have its hint's type, as one line; an
argument that is a Literal (or a list of them) must be one of its words, and one that names something must not be
blank. Whether a name belongs to something, and the words inside a definition (a profile's operators, say), are for
the implementation's parts to judge, each under its own claim. `refusal` is the seam's
answer to a refused call of a method: `Refused`, a publish with an error, or the method's empty value. Any Python
implementation may check its calls with them, or have `checked` do it for every seam method of its class.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import reprlib
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from harness import driver
from harness.codec import bind_arguments, driver_methods, method_hints

REFUSING_CLAIM = "REL-BAD"
NAMING = frozenset(
    {"name", "label", "user", "entity", "record_id", "other_id", "relationship", "role", "team", "profile", "view"}
    | {"note_id", "file_name", "field_name", "principal", "business_unit", "parent", "manager", "owner"}
)
"""The seam's parameters that name something (a user, an entity, a record, ...): a blank name names nothing. (A sync
error id that is not there is REL-ERR's, blank or not.)"""
C = TypeVar("C", bound=type)


def checked(cls: C) -> C:
    """`cls` with every seam method it defines checking its call first: a call that does not fit the seam (a missing
    or unknown argument, one of the wrong type) is answered with `refusal` and never reaches the method."""
    for method in driver_methods():
        target = vars(cls).get(method)
        if callable(target):
            setattr(cls, method, _checking(method, target))
    return cls


def _checking(method: str, target: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(target)
    def call(self: object, *args: Any, **kwargs: Any) -> Any:
        try:
            arguments = bind_arguments(method, args, kwargs)
        except TypeError as error:
            return refusal(method, f"{method}: {error}")
        if problem := misfit(method, arguments):
            return refusal(method, problem)
        return target(self, *args, **kwargs)

    return call


def misfit(method: str, arguments: dict[str, Any]) -> str | None:
    """Why the arguments of a call of `method` do not fit the seam's types (one line), or None if they do."""
    hints, _ = method_hints(method)
    for name, value in arguments.items():
        if problem := _misfit(hints[name], value, name) or _not_a_word(hints[name], value, name):
            return f"{method}: {problem}"
        if name in NAMING and isinstance(value, str) and not value.strip():
            return f"{method}: {name} names nothing ({value!r})"
    return None


def refusal(method: str, reason: str) -> Any:
    """The seam's answer to a refused call of `method`: a `Refused` (REL-BAD) where the method may answer one, else a
    publish refused with one error, else the method's empty value ([] or None)."""
    _, result = method_hints(method)
    options = get_args(result) if get_origin(result) in (Union, types.UnionType) else (result,)
    if driver.Refused in options:
        return driver.Refused(REFUSING_CLAIM, reason)
    if driver.PublishResult in options:
        return driver.PublishResult(False, [driver.Finding(REFUSING_CLAIM, reason)])
    if any(get_origin(option) is list for option in options):
        return []
    assert type(None) in options, f"{method} has no way to answer a refused call"
    return None


def _misfit(hint: object, value: object, path: str) -> str | None:
    """Why `value` at `path` does not have the type `hint`, or None."""
    if hint is Any or hint is object:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = get_args(hint)
        problems = [_misfit(option, value, path) for option in options]
        if None in problems:
            return None
        fitting = [p for option, p in zip(options, problems, strict=True) if _outer_fits(option, value)]
        return fitting[0] if fitting else _expected(hint, value, path)
    if origin is Literal:
        return None if isinstance(value, str) else _expected(hint, value, path)
    if origin is list:
        if not isinstance(value, list):
            return _expected(hint, value, path)
        (item,) = get_args(hint)
        return next((p for i, v in enumerate(value) if (p := _misfit(item, v, f"{path}[{_label(v, i)}]"))), None)
    if origin is dict:
        if not isinstance(value, dict):
            return _expected(hint, value, path)
        _, item = get_args(hint)
        for key, v in value.items():
            if not isinstance(key, str):
                return f"{path} must have text keys, not {reprlib.repr(key)}"
            if problem := _misfit(item, v, f"{path}[{key!r}]"):
                return problem
        return None
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, hint):
            return _expected(hint, value, path)
        hints = typing.get_type_hints(hint, vars(driver))
        fields = dataclasses.fields(hint)
        return next(
            (p for f in fields if (p := _misfit(hints[f.name], getattr(value, f.name), f"{path}.{f.name}"))), None
        )
    return None if _scalar_fits(hint, value) else _expected(hint, value, path)


def _not_a_word(hint: object, value: object, path: str) -> str | None:
    """Why an argument of a Literal type (or a list of one) is not among its words, or None."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return (
            None
            if value is None
            else next((_not_a_word(o, value, path) for o in get_args(hint) if o is not type(None)), None)
        )
    if origin is Literal and value not in get_args(hint):
        return _expected(hint, value, path)
    if origin is list and isinstance(value, list):
        (item,) = get_args(hint)
        return next((p for i, v in enumerate(value) if (p := _not_a_word(item, v, f"{path}[{i}]"))), None)
    return None


def _label(item: object, index: int) -> str:
    """How a path names a list's item: by the entity or name it is about, if it says, else by its place."""
    for about in ("entity", "name"):
        if dataclasses.is_dataclass(item) and isinstance(found := getattr(item, about, None), str):
            return repr(found)
    return str(index)


def _scalar_fits(hint: object, value: object) -> bool:
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(hint, type) and isinstance(value, hint)


def _outer_fits(hint: object, value: object) -> bool:
    """Whether `value` is of `hint`'s kind at the top (so a problem inside it is the one to name)."""
    origin = get_origin(hint)
    if origin is Literal:
        return isinstance(value, str)
    if origin in (list, dict):
        return isinstance(value, origin)
    return isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(value, hint)


def _expected(hint: object, value: object, path: str) -> str:
    return f"{path} must be {_name(hint)}, not {type(value).__name__} {reprlib.repr(value)}"


def _name(hint: object) -> str:
    """A type hint as a person reads it: 'a list of text', 'text or nothing'."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return " or ".join(_name(option) for option in get_args(hint))
    if origin is Literal:
        return "one of " + ", ".join(get_args(hint))
    if origin is list:
        return f"a list of {_name(get_args(hint)[0])}"
    if origin is dict:
        return "a mapping of names to values"
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false", type(None): "nothing"}
    if hint in names:
        return names[hint]
    return f"a {getattr(hint, '__name__', hint)}"
