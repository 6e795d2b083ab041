"""Every value that crosses the seam survives JSON, so any implementation can sit behind it out of process."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harness import driver
from harness.codec import DATACLASSES, JsonRoundTrip, decode, driver_methods, encode, method_hints
from harness.errors import ProtocolError
from harness.reference import ReferenceImplementation

ROOT = Path(__file__).resolve().parents[1]
JSON_SCALARS = (str, int, float, bool, type(None))


def plain(hint: object) -> bool:
    """Whether values of `hint` are JSON-plain: scalars, lists, string-keyed dicts, Literals, unions, dataclasses."""
    origin = typing.get_origin(hint)
    if hint is Any or hint in JSON_SCALARS:
        return True
    if origin is Literal:
        return all(isinstance(v, str) for v in typing.get_args(hint))
    if origin in (list, Union, types.UnionType):
        return all(plain(arg) for arg in typing.get_args(hint))
    if origin is dict:
        key, value = typing.get_args(hint)
        return key is str and plain(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint, vars(driver))
        return all(plain(h) for h in hints.values())
    return False


@pytest.mark.parametrize("method", driver_methods())
def test_every_driver_signature_is_plain_data(method: str) -> None:
    params, result = method_hints(method)
    assert all(plain(hint) for hint in params.values()), params
    assert plain(result), result


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)


def strategy_for(hint: Any) -> st.SearchStrategy[Any]:
    """Values of `hint`, with `Value` (Any) drawn from JSON values."""
    if hint is Any:
        return json_values
    if typing.get_origin(hint) is dict:
        return st.dictionaries(st.text(max_size=4), strategy_for(typing.get_args(hint)[1]), max_size=3)
    if typing.get_origin(hint) in (Union, types.UnionType):
        return st.one_of(*(strategy_for(arg) for arg in typing.get_args(hint)))
    return st.from_type(hint)


def register_strategies() -> None:
    """Teach Hypothesis the seam's dataclasses; floats stay finite as JSON requires."""
    st.register_type_strategy(float, st.floats(allow_nan=False, allow_infinity=False))
    for cls in DATACLASSES.values():
        hints = typing.get_type_hints(cls, vars(driver))
        st.register_type_strategy(cls, st.builds(cls, **{n: strategy_for(h) for n, h in hints.items()}))


register_strategies()


@pytest.mark.parametrize("name", sorted(DATACLASSES))
@settings(max_examples=25, deadline=None, database=None)
@given(data=st.data())
def test_every_dataclass_round_trips_through_json(name: str, data: st.DataObject) -> None:
    value = data.draw(st.from_type(DATACLASSES[name]))
    assert decode(DATACLASSES[name], json.loads(json.dumps(encode(value)))) == value


def test_a_refusal_decodes_as_a_refusal_inside_a_union() -> None:
    _, hint = method_hints("run_command")
    refusal = driver.Refused("ENT-01", "no", "account", "limit")
    assert decode(hint, json.loads(json.dumps(encode(refusal)))) == refusal


@pytest.mark.parametrize(
    ("hint", "value"),
    [
        (int, "3"),
        (driver.Refused, {"claim": "X"}),
        (driver.Refused, {"claim": "X", "reason": "r", "extra": 1}),
        (list[str], "abc"),
        (driver.Command, 5),
        (bool, 1),
        (int, True),
    ],
)
def test_malformed_values_are_protocol_errors(hint: object, value: object) -> None:
    with pytest.raises(ProtocolError):
        decode(hint, value)


def test_round_trip_wrapper_returns_decoded_values() -> None:
    wrapped: Any = JsonRoundTrip(ReferenceImplementation())
    assert wrapped.add_business_unit("HQ") is None
    assert isinstance(wrapped.add_business_unit("HQ"), driver.Refused)
    assert wrapped.describe().name == "reference"


def test_the_whole_suite_passes_with_every_call_crossing_json() -> None:
    command = [sys.executable, "-m", "pytest", "steps", "-q", "--impl", "json:reference", "-m", "not volume"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout.splitlines()[-1]
