"""The JSON Schema of the protocol: every method's params and result, generated from the seam's type hints.

`protocol.schema.json` beside this module is the published copy (a test keeps it equal to `protocol_schema()`);
`python -m harness.transport.schema --write` regenerates it after the seam changes, and
`python -m harness.transport.schema --check TRACE...` checks real traffic (`--trace-protocol`) against it.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import json
import types
import typing
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from harness import driver
from harness.codec import DATACLASSES, TYPE_KEY, method_hints
from harness.transport.protocol import JSONRPC, LIFECYCLE, SEAM_METHODS, ErrorCode

SCHEMA_FILE = Path(__file__).with_name("protocol.schema.json")
SCHEMA_ID = f"urn:offline-harness:protocol:{driver.PROTOCOL_VERSION}"
Schema = dict[str, Any]


def type_schema(hint: object) -> Schema:
    """The schema of values of `hint` in the plain-data encoding of `harness.codec`."""
    origin = typing.get_origin(hint)
    if hint is Any or hint is object:
        return {}
    if origin in (Union, types.UnionType):
        return {"anyOf": [type_schema(option) for option in typing.get_args(hint)]}
    if origin is Literal:  # open: an implementation refuses a word it does not know (REL-BAD) with a Refused result
        return {"type": "string", "examples": list(typing.get_args(hint))}
    if origin is list:
        return {"type": "array", "items": type_schema(typing.get_args(hint)[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": type_schema(typing.get_args(hint)[1])}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return {"$ref": f"#/$defs/{hint.__name__}"}
    scalars = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}
    if hint in scalars:
        return {"type": scalars[hint]}
    raise TypeError(f"{hint!r} has no JSON form")


def dataclass_schema(cls: type) -> Schema:
    """An object tagged with its type name; fields without a default are required."""
    hints = typing.get_type_hints(cls, vars(driver))
    fields = dataclasses.fields(cls)
    missing = dataclasses.MISSING
    optional = {f.name for f in fields if f.default is not missing or f.default_factory is not missing}
    return {
        "description": _summary(cls),
        "type": "object",
        "properties": {TYPE_KEY: {"const": cls.__name__}, **{f.name: type_schema(hints[f.name]) for f in fields}},
        "required": [TYPE_KEY, *(f.name for f in fields if f.name not in optional)],
        "additionalProperties": False,
    }


def method_schema(name: str) -> Schema:
    """Params (every parameter, always sent) and result of one seam method."""
    params, result = method_hints(name)
    return {
        "description": _summary(getattr(driver.Driver, name)),
        "params": _object({key: type_schema(hint) for key, hint in params.items()}),
        "result": type_schema(result),
    }


def lifecycle_schemas() -> dict[str, Schema]:
    """The methods that are not seam methods: the handshake, a fresh world, the end."""
    empty = _object({})
    return {
        "initialize": {
            "description": "The handshake: the harness's protocol version; the answer says who the implementation is. "
            "Afterwards the implementation holds a fresh, empty world.",
            "params": _object({"protocol_version": {"type": "string"}, "harness_version": {"type": "string"}}),
            "result": {"$ref": "#/$defs/ImplementationInfo"},
        },
        "reset": {
            "description": "Throw the world away and start a fresh, empty one (the harness sends it before every "
            "scenario but the first after initialize).",
            "params": empty,
            "result": {"type": "null"},
        },
        "shutdown": {"description": "Answer, then exit.", "params": empty, "result": {"type": "null"}},
    }


def envelope_schemas() -> dict[str, Schema]:
    """The JSON-RPC 2.0 messages themselves."""
    return {
        "Request": _object(
            {
                "jsonrpc": {"const": JSONRPC},
                "id": {"type": "integer"},
                "method": {"enum": [*LIFECYCLE, *SEAM_METHODS]},
                "params": {"type": "object"},
            }
        ),
        "Response": {
            "type": "object",
            "properties": {
                "jsonrpc": {"const": JSONRPC},
                "id": {"type": ["integer", "string", "null"]},
                "result": {},
                "error": {"$ref": "#/$defs/Error"},
            },
            "required": ["jsonrpc", "id"],
            "oneOf": [{"required": ["result"]}, {"required": ["error"]}],
            "additionalProperties": False,
        },
        "Error": {
            "description": "; ".join(f"{int(code)} {code.name.lower().replace('_', ' ')}" for code in ErrorCode),
            "type": "object",
            "properties": {"code": {"type": "integer"}, "message": {"type": "string"}, "data": {}},
            "required": ["code", "message"],
            "additionalProperties": False,
        },
    }


def protocol_schema() -> Schema:
    """The whole protocol: message envelopes, the seam's types, and every method's params and result."""
    methods = {**lifecycle_schemas(), **{name: method_schema(name) for name in SEAM_METHODS}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"offline conformance harness protocol {driver.PROTOCOL_VERSION}",
        "description": "JSON-RPC 2.0 over stdio, one JSON object per line. `methods` holds each method's params and "
        "result; `$defs` the message envelopes and the seam's types (objects tagged with $type).",
        "protocol_version": driver.PROTOCOL_VERSION,
        "$defs": {**envelope_schemas(), **{name: dataclass_schema(cls) for name, cls in sorted(DATACLASSES.items())}},
        "methods": methods,
    }


def render(schema: Schema) -> str:
    """The schema as the published file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


@cache
def published() -> Schema:
    """The schema as shipped in the package."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def validator(pointer: str) -> Draft202012Validator:
    """A validator of the published schema's part at `pointer` (like "methods/sync/result" or "$defs/Request")."""
    registry: Registry[Any] = Registry().with_resource(SCHEMA_ID, Resource.from_contents(published(), DRAFT202012))
    return Draft202012Validator({"$ref": f"{SCHEMA_ID}#/{pointer}"}, registry=registry)


def problems(pointer: str, value: Any) -> list[str]:
    """Why `value` does not match the published schema at `pointer` (empty: it matches)."""
    errors = validator(pointer).iter_errors(value)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors]


def check_trace(lines: Iterable[str]) -> tuple[Counter[str], list[str]]:
    """Calls by method, and the problems of a trace ("--> " request and "<-- " response lines): each message against
    the JSON-RPC envelope and its method's params or result; a value met before is not validated again."""
    calls: Counter[str] = Counter()
    found: list[str] = []
    pending: dict[Any, str] = {}
    known: dict[tuple[str, str], list[str]] = {}

    def checked(pointer: str, value: Any) -> list[str]:
        key = (pointer, json.dumps(value, sort_keys=True))
        if key not in known:
            known[key] = problems(pointer, value)
        return list(known[key])

    for number, line in enumerate(lines, 1):
        direction, _, text = line.rstrip("\n").partition(" ")
        try:
            message = json.loads(text)
        except json.JSONDecodeError as error:
            found.append(f"line {number}: not JSON: {error}")
            continue
        if direction == "-->":
            problems_here = checked("$defs/Request", message)
            if not problems_here:
                pending[message["id"]] = method = message["method"]
                calls[method] += 1
                problems_here = checked(f"methods/{method}/params", message["params"])
        elif direction == "<--":
            problems_here = checked("$defs/Response", message)
            method = pending.pop(message.get("id"), "")
            if not method:
                problems_here.append(f"answers no pending request (id {message.get('id')!r})")
            elif not problems_here and "result" in message:
                problems_here = checked(f"methods/{method}/result", message["result"])
        else:
            problems_here = [f"starts with {direction!r}, not --> or <--"]
        found.extend(f"line {number}: {problem}" for problem in problems_here)
    found.extend(f"request {key!r} ({method}) got no answer" for key, method in pending.items())
    return calls, found


def _object(properties: dict[str, Schema]) -> Schema:
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def _summary(target: object) -> str:
    return (inspect.getdoc(target) or "").strip()


def main(argv: Sequence[str] | None = None) -> int:
    """Print the schema, `--write` it to the published file, or `--check` traces against it."""
    parser = argparse.ArgumentParser(prog="python -m harness.transport.schema", description=__doc__)
    parser.add_argument("--write", action="store_true", help=f"write {SCHEMA_FILE.name} beside this module")
    parser.add_argument("--check", nargs="+", type=Path, metavar="TRACE", help="check traces (files or folders)")
    args = parser.parse_args(argv)
    if args.check:
        return report_traces(args.check)
    text = render(protocol_schema())
    if args.write:
        temporary = SCHEMA_FILE.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(SCHEMA_FILE)
    else:
        print(text, end="")
    return 0


def report_traces(paths: list[Path]) -> int:
    """Check traces and print what they hold; 1 if any message breaks the schema."""
    total: Counter[str] = Counter()
    failed = 0
    for trace in sorted(file for path in paths for file in (path.iterdir() if path.is_dir() else [path])):
        with trace.open(encoding="utf-8") as lines:
            calls, found = check_trace(lines)
        total += calls
        failed += len(found)
        for problem in found[:20]:
            print(f"{trace}: {problem}")
    methods = ", ".join(f"{name} {count}" for name, count in total.most_common())
    print(f"{sum(total.values())} calls of {len(total)} methods checked against {SCHEMA_FILE.name}: {methods}")
    print(f"{failed} messages break the schema" if failed else "every message follows the schema")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
