"""Plain-data codec for the seam: dataclasses of `harness.driver` to JSON values and back, guided by type hints."""

from __future__ import annotations

import dataclasses
import inspect
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, Literal, TypeAlias, Union, get_args, get_origin

from harness import driver
from harness.errors import ProtocolError

TYPE_KEY = "$type"
JsonValue: TypeAlias = Any

DATACLASSES: dict[str, type] = {
    name: obj for name, obj in vars(driver).items() if inspect.isclass(obj) and dataclasses.is_dataclass(obj)
}


def encode(value: object) -> JsonValue:
    """A JSON-ready value: dataclasses become objects tagged with their type name."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        body = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {TYPE_KEY: type(value).__name__, **body}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise ProtocolError(f"{type(value).__name__} cannot cross the seam: {value!r}")


def decode(hint: object, value: JsonValue) -> Any:
    """Rebuild a value of type `hint` from its JSON form; a mismatch is a ProtocolError."""
    if hint is Any or hint is object:
        return value
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return _decode_union(get_args(hint), value)
    if origin is Literal:
        if not isinstance(value, str):
            raise ProtocolError(f"expected one of {get_args(hint)}, got {value!r}")
        return value  # an unknown word is the implementation's to refuse (REL-BAD), not a protocol error
    if origin is list:
        (item,) = get_args(hint)
        return [decode(item, v) for v in _expect(value, list)]
    if origin is dict:
        _, item = get_args(hint)
        return {k: decode(item, v) for k, v in _expect(value, dict).items()}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _decode_dataclass(hint, value)
    if hint is type(None):
        if value is not None:
            raise ProtocolError(f"expected null, got {value!r}")
        return None
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(hint, type) and isinstance(value, hint) and not (hint is int and isinstance(value, bool)):
        return value
    raise ProtocolError(f"expected {getattr(hint, '__name__', hint)}, got {value!r}")


def conforms(hint: object, value: object) -> bool:
    """Whether `value` has the outer shape of `hint` (the union member, dataclass, list, dict or scalar type)."""
    if hint is Any or hint is object:
        return True
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(conforms(option, value) for option in get_args(hint))
    if origin is Literal:
        return isinstance(value, str)
    if origin in (list, dict):
        return isinstance(value, origin)
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(hint, type) and isinstance(value, hint)


def _expect(value: JsonValue, kind: type) -> Any:
    if not isinstance(value, kind):
        raise ProtocolError(f"expected a JSON {kind.__name__}, got {value!r}")
    return value


def _decode_union(options: tuple[object, ...], value: JsonValue) -> Any:
    if value is None and type(None) in options:
        return None
    if isinstance(value, dict) and TYPE_KEY in value:
        for option in options:
            if isinstance(option, type) and option.__name__ == value[TYPE_KEY]:
                return _decode_dataclass(option, value)
    for option in options:
        if option is type(None):
            continue
        try:
            return decode(option, value)
        except ProtocolError:
            continue
    raise ProtocolError(f"{value!r} matches none of {options}")


def _decode_dataclass(cls: type, value: JsonValue) -> Any:
    body = dict(_expect(value, dict))
    tag = body.pop(TYPE_KEY, cls.__name__)
    if tag != cls.__name__:
        raise ProtocolError(f"expected a {cls.__name__}, got a {tag}")
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    if unknown := sorted(set(body) - names):
        raise ProtocolError(f"{cls.__name__} has no fields {unknown}")
    try:
        return cls(**{k: decode(hints[k], v) for k, v in body.items()})
    except TypeError as error:
        raise ProtocolError(f"{cls.__name__}: {error}") from None


@cache
def _hints(target: Callable[..., Any] | type) -> dict[str, Any]:
    return typing.get_type_hints(target, vars(driver))


def method_hints(name: str) -> tuple[dict[str, Any], Any]:
    """Parameter hints and return hint of the `Driver` method `name`."""
    hints = dict(_hints(getattr(driver.Driver, name)))
    result = hints.pop("return")
    return hints, result


def driver_methods() -> list[str]:
    """The names of every method of the seam."""
    return sorted(name for name, member in vars(driver.Driver).items() if callable(member) and not name.startswith("_"))


@cache
def _signature(name: str) -> inspect.Signature:
    return inspect.signature(getattr(driver.Driver, name))


@cache
def _positional_names(name: str) -> tuple[str, ...] | None:
    """The parameter names (self aside) when each may be given by position, else None."""
    parameters = list(_signature(name).parameters.values())[1:]
    plain = all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in parameters)
    return tuple(p.name for p in parameters) if plain else None


def bind_arguments(name: str, args: tuple[Any, ...], kwargs: dict[str, Any], defaults: bool = False) -> dict[str, Any]:
    """A call's arguments by parameter name; defaults left out unless `defaults`."""
    names = _positional_names(name)
    if not kwargs and names is not None and len(args) == len(names):
        return dict(zip(names, args, strict=True))
    bound = _signature(name).bind(None, *args, **kwargs)
    if defaults:
        bound.apply_defaults()
    return {k: v for k, v in bound.arguments.items() if k != "self"}


class JsonRoundTrip:
    """Wraps a driver so every argument and result crosses JSON text, as over a process boundary."""

    def __init__(self, inner: driver.Driver) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name not in driver_methods():
            raise AttributeError(name)
        params, result_hint = method_hints(name)
        target = getattr(self.inner, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            sent = json.loads(json.dumps(encode(bind_arguments(name, args, kwargs))))
            decoded = {k: decode(params[k], v) for k, v in sent.items()}
            return decode(result_hint, json.loads(json.dumps(encode(target(**decoded)))))

        return call
