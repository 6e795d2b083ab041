"""The stdio protocol: its published schema, its error codes, real traffic, and peers that hang, crash or babble."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from harness.driver import PROTOCOL_VERSION
from harness.errors import ImplementationError, Unsupported
from harness.reference import ReferenceImplementation
from harness.transport import protocol
from harness.transport.protocol import ErrorCode
from harness.transport.schema import SCHEMA_FILE, check_trace, problems, protocol_schema, published, render
from harness.transport.schema import main as schema_main
from harness.transport.server import Session
from harness.verdicts import EXIT_CODES, Verdict
from tests.misbehaving import RaisingSync
from tests.runs import BACKEND, run_suite, usage_error_line

PEER = f"cmd:{sys.executable} -m tests.misbehaving_peer"


def test_the_published_schema_is_generated_from_the_seam() -> None:
    fresh = render(protocol_schema())
    assert SCHEMA_FILE.read_text(encoding="utf-8") == fresh, "run: python -m harness.transport.schema --write"


def test_the_schema_is_valid_and_covers_every_method() -> None:
    Draft202012Validator.check_schema(published())
    assert set(published()["methods"]) == set(protocol.METHODS)
    assert "describe" not in published()["methods"], "initialize answers what describe() would"
    assert published()["protocol_version"] == PROTOCOL_VERSION


def request(method: str, params: dict[str, Any] | None = None, request_id: int = 7) -> bytes:
    """One request line."""
    return protocol.encode_line(protocol.request(request_id, method, params or {}))


def session(factory: Any = ReferenceImplementation) -> Session:
    """A server session that has shaken hands."""
    served = Session(factory)
    assert "result" in served.handle(request("initialize", protocol.initialize_params("test")))
    return served


def answer(served: Session, line: bytes) -> dict[str, Any]:
    """The server's response to `line`, checked against the envelope schema."""
    response = served.handle(line)
    assert problems("$defs/Response", response) == [], response
    return response


@pytest.mark.parametrize(
    ("line", "code"),
    [
        (b"<xml/>\n", ErrorCode.PARSE_ERROR),
        (b'{"jsonrpc": "2.0", "method": "sync", "params": {"user": "ana"}}\n', ErrorCode.INVALID_REQUEST),
        (b'{"jsonrpc": "1.0", "id": 1, "method": "sync", "params": {"user": "ana"}}\n', ErrorCode.INVALID_REQUEST),
        (b'{"jsonrpc": "2.0", "id": 1, "method": "sync", "params": ["ana"]}\n', ErrorCode.INVALID_REQUEST),
        (request("teleport", {"user": "ana"}), ErrorCode.METHOD_NOT_FOUND),
        (request("describe"), ErrorCode.METHOD_NOT_FOUND),
        (request("sync", {"user": 3}), ErrorCode.INVALID_PARAMS),
        (request("sync", {}), ErrorCode.INVALID_PARAMS),
        (request("sync", {"user": "ana", "device": "phone"}), ErrorCode.INVALID_PARAMS),
        (
            request("add_view", {"definition": {"$type": "Refused", "claim": "X", "reason": "y"}}),
            ErrorCode.INVALID_PARAMS,
        ),
        (request("initialize", {"protocol_version": "2.0", "harness_version": "9"}), ErrorCode.INCOMPATIBLE_PROTOCOL),
    ],
)
def test_each_problem_has_its_own_error_code(line: bytes, code: ErrorCode) -> None:
    response = answer(session(), line)
    assert response["error"]["code"] == code, response


def test_a_call_before_initialize_is_an_invalid_request() -> None:
    response = answer(Session(ReferenceImplementation), request("sync", {"user": "ana"}))
    assert response["error"]["code"] == ErrorCode.INVALID_REQUEST
    assert "initialize first" in response["error"]["message"]


class WithoutPersistence(ReferenceImplementation):
    """The reference, but its app cannot be restarted."""

    def restart_app(self, user: str) -> None:
        raise Unsupported("persistence")


def test_unsupported_has_its_own_error_code_and_names_the_capability() -> None:
    response = answer(session(WithoutPersistence), request("restart_app", {"user": "ana"}))
    assert response["error"]["code"] == ErrorCode.UNSUPPORTED, response
    assert response["error"]["data"] == {"capability": "persistence"}


def test_an_exception_of_the_implementation_is_an_implementation_error_with_its_message() -> None:
    served = session(RaisingSync)
    response = answer(served, request("sync", {"user": "ana"}))
    assert response["error"]["code"] == ErrorCode.IMPLEMENTATION_ERROR
    assert response["error"]["message"] == "RuntimeError: the sync engine lost its cursor"
    assert "lost its cursor" in response["error"]["data"]["traceback"]


def test_a_refusal_stays_a_result_and_reset_gives_a_fresh_world() -> None:
    served = session()
    unit = {"name": "HQ", "parent": None}
    assert answer(served, request("add_business_unit", unit))["result"] is None
    refused = answer(served, request("add_business_unit", unit))["result"]
    assert refused["$type"] == "Refused" and refused["claim"] == "REL-BAD"
    assert problems("methods/add_business_unit/result", refused) == []
    assert answer(served, request("reset"))["result"] is None
    assert answer(served, request("add_business_unit", unit))["result"] is None


@pytest.mark.parametrize(
    ("code", "data", "raised", "says"),
    [
        (ErrorCode.METHOD_NOT_FOUND, None, Unsupported, "peer has no method sync()"),
        (ErrorCode.UNSUPPORTED, {"capability": "faults"}, Unsupported, "capability 'faults' is not supported"),
        (ErrorCode.INVALID_PARAMS, None, ImplementationError, "sync() rejected its params as invalid: bad"),
        (ErrorCode.IMPLEMENTATION_ERROR, None, ImplementationError, "peer: sync() failed: bad"),
        (ErrorCode.INTERNAL_ERROR, None, ImplementationError, "sync() answered error -32603: bad"),
        (-1, None, ImplementationError, "sync() answered error -1: bad"),
    ],
)
def test_the_client_scores_each_error_code(code: int, data: Any, raised: type[Exception], says: str) -> None:
    with pytest.raises(raised) as caught:
        protocol.raise_error("peer", "sync", {"code": int(code), "message": "bad", "data": data})
    assert says in str(caught.value)


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (b"hello\n", "not JSON"),
        (b'{"id": 1, "result": null}\n', "not a JSON-RPC 2.0 message"),
        (b'{"jsonrpc": "2.0", "id": 2, "result": null}\n', "answered id 2 to request 1"),
        (b'{"jsonrpc": "2.0", "id": 1, "result": null, "error": {"code": 1, "message": "x"}}\n', "neither exactly"),
        (b'{"jsonrpc": "2.0", "id": 1, "error": {"code": "x"}}\n', "integer code and a message"),
    ],
)
def test_a_response_out_of_protocol_is_a_protocol_error(line: bytes, says: str) -> None:
    with pytest.raises(protocol.ProtocolError, match=says):
        protocol.parse_response(line, 1)


def test_real_traffic_follows_the_schema(tmp_path: Path) -> None:
    trace = tmp_path / "trace.jsonl"
    claims = ("--claim", "REL-ID", "--claim", "CAP-VW", "--claim", "FLT-R4", "--claim", "SYN-1", "--claim", "SEC-5")
    result = run_suite("steps", "--impl", f"{BACKEND} reference", "--trace-protocol", str(trace), *claims)
    assert result.returncode == 0, result.stdout[-3000:]
    calls, found = check_trace(trace.read_text(encoding="utf-8").splitlines())
    assert found == []
    assert {"initialize", "reset", "shutdown", "publish_profile", "sync", "open_view", "advance_clock"} <= set(calls)
    assert calls["initialize"] == 1 and calls["shutdown"] == 1, "one process for the whole run"


def test_the_trace_check_catches_a_message_outside_the_schema(tmp_path: Path) -> None:
    lines = [
        "--> " + json.dumps(protocol.request(1, "sync", {"user": "ana"})),
        "<-- " + json.dumps(protocol.result(1, {"$type": "SyncReport", "completed": "yes", "started": "t"})),
        "--> " + json.dumps(protocol.request(2, "now", {"user": "ana"})),
    ]
    _, found = check_trace(lines)
    assert any("line 2" in problem for problem in found), found
    assert any("line 3" in problem and "Additional properties" in problem for problem in found), found
    assert any("request 2 (now) got no answer" in problem for problem in found), found


@pytest.mark.parametrize(
    ("mode", "says"),
    [
        ("hang", "sync() got no answer within 2 s; stopped it"),
        ("crash", "exited (code 3) during sync()\n    stderr: misbehaving peer"),
        ("garbage", "wrote a line that is not JSON"),
    ],
)
def test_a_broken_peer_ends_its_scenario_as_an_implementation_error_and_the_run_goes_on(mode: str, says: str) -> None:
    result = run_suite("steps", "--impl", f"{PEER} {mode}", "--claim", "REL-ID", "--call-timeout", "2")
    assert result.returncode == EXIT_CODES[Verdict.IMPLEMENTATION_ERROR], result.stdout[-3000:]
    totals = re.search(r"\d+ scenarios: (\d+) implementation error, \d+ deselected;", result.stdout)
    assert totals and int(totals[1]) >= 2, result.stdout[-3000:]
    scenarios = int(totals[1])
    assert result.stdout.count(says) == scenarios, result.stdout[-3000:]
    if mode == "crash":
        assert result.stdout.count("stderr: fatal: the device store is corrupt") == scenarios
    peers = set(re.findall(r"misbehaving peer (\d+) ready", result.stdout))
    assert len(peers) == scenarios, f"each scenario after a broken peer gets a fresh process: {peers}"


def test_stray_prints_of_a_served_implementation_do_not_break_the_protocol() -> None:
    result = run_suite("steps", "--impl", f"{PEER} chatty", "--claim", "REL-ID")
    assert result.returncode == 0, result.stdout[-3000:]


def test_a_peer_of_another_protocol_version_is_one_usage_error() -> None:
    result = run_suite("steps", "--impl", f"{PEER} future", "--claim", "REL-ID")
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert "describe() speaks protocol '2.0'; this harness speaks '1.0'" in usage_error_line(result)


@pytest.mark.parametrize(
    ("impl", "says"),
    [
        ("cmd:no-such-program --serve", "could not start no-such-program --serve"),
        (
            f"cmd:{sys.executable} -c 'import sys; sys.exit(5)'",
            "exited (code 5) during initialize() (nothing on stderr)",
        ),
        ("cmd:", "names no command"),
        ("cmd:node 'unclosed", "No closing quotation"),
    ],
)
def test_a_peer_that_cannot_start_is_one_usage_error(impl: str, says: str) -> None:
    result = run_suite("steps", "--impl", impl, "--claim", "REL-ID")
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert says in usage_error_line(result)


def test_a_method_the_peer_lacks_skips_its_scenarios() -> None:
    result = run_suite("steps", "--impl", f"{BACKEND} tests.misbehaving:NoSync", "--claim", "REL-ID", "-rs")
    assert result.returncode == 0, result.stdout[-3000:]
    skipped = r"SKIPPED \(\d+\): capability 'sync' is not supported: reference has no method sync\(\)"
    assert re.search(skipped, result.stdout), result.stdout[-3000:]


def test_the_backend_refuses_a_bad_spec_in_one_line() -> None:
    result = run_suite_backend("no.such.module:factory")
    assert result.returncode == 2
    assert "cannot import 'no.such.module'" in usage_error_line(result)


def run_suite_backend(spec: str) -> Any:
    """`python -m harness.backend SPEC` with nothing on stdin."""
    import subprocess

    command = [sys.executable, "-m", "harness.backend", spec]
    return subprocess.run(command, input="", capture_output=True, text=True, timeout=60)


def test_the_trace_check_command_says_what_it_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = [
        "--> " + json.dumps(protocol.request(1, "now", {})),
        "<-- " + json.dumps(protocol.result(1, "2020-08-28T00:00:00Z")),
    ]
    (tmp_path / "good.trace").write_text("\n".join(good) + "\n")
    assert schema_main(["--check", str(tmp_path)]) == 0
    assert "1 calls of 1 methods checked" in capsys.readouterr().out
    (tmp_path / "bad.trace").write_text("--> " + json.dumps(protocol.request(2, "now", {"user": "x"})) + "\n")
    assert schema_main(["--check", str(tmp_path)]) == 1
    assert "messages break the schema" in capsys.readouterr().out
