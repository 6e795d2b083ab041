"""The wire format: JSON-RPC 2.0 over stdio, one JSON object per line, UTF-8.

The harness writes requests to the implementation's stdin and reads one response per request from its stdout,
in order; the implementation writes nothing else on stdout (logs go to stderr, which the harness keeps as a
tail for error messages). Params go by name; values are the plain-data encoding of `harness.codec`
(dataclasses as objects tagged with "$type"). Every parameter is always sent, defaults included.

Methods: every method of `harness.driver.Driver` except `describe` (which `initialize` answers), and

    initialize  {"protocol_version", "harness_version"} -> ImplementationInfo; a fresh, empty world
    reset       {} -> null; throw the world away and start a fresh one (once per scenario)
    shutdown    {} -> null; answer, then exit

A refusal is a result (a "Refused" object), never an error. Errors carry one of the codes below.
"""

from __future__ import annotations

import json
from enum import IntEnum
from typing import Any

from harness.codec import driver_methods
from harness.driver import PROTOCOL_VERSION
from harness.errors import ImplementationError, ProtocolError, Unsupported

JSONRPC = "2.0"
LIFECYCLE = ("initialize", "reset", "shutdown")
SEAM_METHODS = tuple(name for name in driver_methods() if name != "describe")
METHODS = (*LIFECYCLE, *SEAM_METHODS)


class ErrorCode(IntEnum):
    """JSON-RPC error codes of the protocol, and what the harness makes of each."""

    PARSE_ERROR = -32700
    """The implementation could not parse a line as JSON (the harness sent a bad line: a harness bug)."""
    INVALID_REQUEST = -32600
    """Not a request, or a request before `initialize`."""
    METHOD_NOT_FOUND = -32601
    """The implementation has no such method: the scenario is skipped as unsupported."""
    INVALID_PARAMS = -32602
    """The implementation rejects params the schema allows: an implementation error. (Bad values inside valid
    params, like an unknown entity, are refused with a Refused result instead, REL-BAD.)"""
    INTERNAL_ERROR = -32603
    """The implementation's JSON-RPC layer broke: an implementation error."""
    UNSUPPORTED = -32000
    """The implementation lacks a capability (data: {"capability": name}): the scenario is skipped."""
    IMPLEMENTATION_ERROR = -32001
    """The implementation raised (message: what happened; data: {"type", "traceback"}): an implementation error."""
    INCOMPATIBLE_PROTOCOL = -32002
    """`initialize` only: the implementation does not speak the harness's protocol version: one usage error."""


def encode_line(message: dict[str, Any]) -> bytes:
    """One message as a line of compact JSON."""
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


def request(request_id: int, method: str, params: dict[str, Any]) -> dict[str, Any]:
    """A request message."""
    return {"jsonrpc": JSONRPC, "id": request_id, "method": method, "params": params}


def result(request_id: int | str | None, value: Any) -> dict[str, Any]:
    """A success response."""
    return {"jsonrpc": JSONRPC, "id": request_id, "result": value}


def error(request_id: int | str | None, code: ErrorCode, message: str, data: Any = None) -> dict[str, Any]:
    """An error response."""
    body: dict[str, Any] = {"code": int(code), "message": message}
    if data is not None:
        body["data"] = data
    return {"jsonrpc": JSONRPC, "id": request_id, "error": body}


def initialize_params(harness_version: str) -> dict[str, str]:
    """What the harness says in `initialize`."""
    return {"protocol_version": PROTOCOL_VERSION, "harness_version": harness_version}


def compatible(version: object) -> bool:
    """Whether a peer's protocol version has the harness's major version."""
    return isinstance(version, str) and version.split(".")[0] == PROTOCOL_VERSION.split(".")[0]


def parse_response(line: bytes, request_id: int) -> dict[str, Any]:
    """The response to request `request_id` in `line`; anything else is a ProtocolError."""
    try:
        message = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise ProtocolError(f"wrote a line that is not JSON ({problem}): {_clip(line)}") from None
    if not isinstance(message, dict) or message.get("jsonrpc") != JSONRPC:
        raise ProtocolError(f"wrote something that is not a JSON-RPC 2.0 message: {_clip(line)}")
    if message.get("id") != request_id:
        raise ProtocolError(f"answered id {message.get('id')!r} to request {request_id}: {_clip(line)}")
    if ("result" in message) == ("error" in message):
        raise ProtocolError(f"answered neither exactly a result nor an error: {_clip(line)}")
    if "error" in message:
        body = message["error"]
        if not (isinstance(body, dict) and isinstance(body.get("code"), int) and isinstance(body.get("message"), str)):
            raise ProtocolError(f"answered an error without an integer code and a message: {_clip(line)}")
    return message


def raise_error(peer: str, method: str, body: dict[str, Any]) -> None:
    """Raise what an error response means: Unsupported (skip) or an ImplementationError (never a failure)."""
    code, message, data = body["code"], body["message"], body.get("data")
    if code == ErrorCode.METHOD_NOT_FOUND:
        raise Unsupported(method, f"{peer} has no method {method}()")
    if code == ErrorCode.UNSUPPORTED:
        capability = data.get("capability") if isinstance(data, dict) else None
        raise Unsupported(str(capability or method), f"{peer}: {message}")
    if code == ErrorCode.INVALID_PARAMS:
        raise ImplementationError(f"{peer}: {method}() rejected its params as invalid: {message}")
    if code == ErrorCode.IMPLEMENTATION_ERROR:
        raise ImplementationError(f"{peer}: {method}() failed: {message}")
    if code == ErrorCode.INCOMPATIBLE_PROTOCOL:
        raise ProtocolError(f"{peer} does not speak protocol {PROTOCOL_VERSION}: {message}")
    raise ImplementationError(f"{peer}: {method}() answered error {code}: {message}")


def _clip(line: bytes, limit: int = 200) -> str:
    text = line.decode("utf-8", "replace").rstrip("\n")
    return repr(text if len(text) <= limit else text[:limit] + "...")
