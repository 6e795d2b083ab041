"""Serve an in-process driver over stdio: the other end of `harness.transport.client`, and the protocol's proof.

Requests are read one line at a time from stdin and answered in order on stdout; the process ends after
`shutdown` or when stdin closes. Whatever the driver prints goes to stderr, so stdout carries only the protocol.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from typing import IO, Any

from harness.codec import bind_arguments, decode, encode, method_hints
from harness.driver import PROTOCOL_VERSION, Driver
from harness.errors import ProtocolError, Unsupported
from harness.transport import protocol
from harness.transport.protocol import ErrorCode

Factory = Callable[[], Driver]


class Failure(Exception):
    """An error response to send: its code, message and data."""

    def __init__(self, code: ErrorCode, message: str, data: Any = None) -> None:
        super().__init__(message)
        self.code, self.message, self.data = code, message, data


class Session:
    """One client's conversation: the world (a driver from `factory`) that `initialize` and `reset` make fresh."""

    def __init__(self, factory: Factory) -> None:
        self.factory = factory
        self.world: Driver | None = None
        self.done = False

    def handle(self, line: bytes) -> dict[str, Any]:
        """The response to one request line."""
        request_id: Any = None
        try:
            method, params, request_id = _parse_request(line)
            return protocol.result(request_id, self.dispatch(method, params))
        except Failure as failure:
            return protocol.error(request_id, failure.code, failure.message, failure.data)

    def dispatch(self, method: str, params: dict[str, Any]) -> Any:
        """Run one method; its JSON result, or a Failure."""
        if method == "initialize":
            return self.initialize(params)
        if method == "shutdown":
            self.done = True
            return None
        if self.world is None:
            raise Failure(ErrorCode.INVALID_REQUEST, f"{method}: initialize first")
        if method == "reset":
            self.world = self._fresh()
            return None
        if method not in protocol.SEAM_METHODS or not callable(getattr(self.world, method, None)):
            raise Failure(ErrorCode.METHOD_NOT_FOUND, f"no method {method}")
        return _invoke(self.world, method, params)

    def initialize(self, params: dict[str, Any]) -> Any:
        """Check the harness's protocol version and make a fresh world; the answer is `describe()`."""
        version = params.get("protocol_version")
        if not protocol.compatible(version):
            raise Failure(ErrorCode.INCOMPATIBLE_PROTOCOL, f"speaks protocol {PROTOCOL_VERSION}, not {version!r}")
        self.world = self._fresh()
        return encode(_guarded(self.world.describe))

    def _fresh(self) -> Driver:
        close = getattr(self.world, "close", None)
        if callable(close):
            close()
        world: Driver = _guarded(self.factory)
        return world


def _parse_request(line: bytes) -> tuple[str, dict[str, Any], Any]:
    try:
        message = json.loads(line)
    except ValueError as error:
        raise Failure(ErrorCode.PARSE_ERROR, f"not JSON: {error}") from None
    if not isinstance(message, dict) or message.get("jsonrpc") != protocol.JSONRPC or "id" not in message:
        raise Failure(ErrorCode.INVALID_REQUEST, "not a JSON-RPC 2.0 request with an id")
    method, params = message.get("method"), message.get("params", {})
    if not isinstance(method, str) or not isinstance(params, dict):
        raise Failure(ErrorCode.INVALID_REQUEST, "a request names its method and passes params by name")
    return method, params, message["id"]


def _invoke(world: Driver, method: str, params: dict[str, Any]) -> Any:
    hints, _ = method_hints(method)
    try:
        bind_arguments(method, (), params)
        arguments = {name: decode(hints[name], value) for name, value in params.items()}
    except (TypeError, ProtocolError) as error:
        raise Failure(ErrorCode.INVALID_PARAMS, f"{method}: {error}") from None
    target = getattr(world, method)
    try:
        return encode(_guarded(lambda: target(**arguments)))
    except ProtocolError as error:
        raise Failure(ErrorCode.IMPLEMENTATION_ERROR, f"{method} answered a value with no JSON form: {error}") from None


def _guarded(step: Callable[[], Any]) -> Any:
    """Run `step`; Unsupported and anything raised become Failures with the codes the client scores apart."""
    try:
        return step()
    except Unsupported as missing:
        raise Failure(ErrorCode.UNSUPPORTED, str(missing), {"capability": missing.capability}) from None
    except Exception as error:
        raise Failure(
            ErrorCode.IMPLEMENTATION_ERROR,
            f"{type(error).__name__}: {error}",
            {"type": type(error).__name__, "traceback": traceback.format_exc(limit=8)},
        ) from None


def serve(factory: Factory, stdin: IO[bytes], stdout: IO[bytes]) -> int:
    """Answer requests until `shutdown` or the end of stdin; the exit code."""
    session = Session(factory)
    for line in stdin:
        if not line.strip():
            continue
        stdout.write(protocol.encode_line(session.handle(line)))
        stdout.flush()
        if session.done:
            break
    return 0


def serve_stdio(factory: Factory) -> int:
    """Serve on this process's stdin and stdout, with stray prints of the driver sent to stderr."""
    wire = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    with wire:
        return serve(factory, sys.stdin.buffer, wire)
