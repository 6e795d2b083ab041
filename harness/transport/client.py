"""`--impl "cmd:<command line>"`: the implementation runs as a process and answers the protocol on stdio.

One process per run (per pytest-xdist worker); `reset` gives each scenario a fresh world. Every call has a time
limit. A peer that hangs, exits, or writes something that is not the answer it owes is stopped: that scenario
ends as an implementation error carrying the tail of the peer's stderr, and the next scenario gets a fresh process.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shlex
import signal
import subprocess
import threading
from collections import deque
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import IO, Any, NoReturn

from harness import __version__
from harness.codec import bind_arguments, decode, encode, method_hints
from harness.driver import ImplementationInfo
from harness.errors import ConfigurationError, ImplementationError, PeerCrashed, ProtocolError
from harness.transport import protocol

DEFAULT_TIMEOUT = 30.0
"""Seconds a call may take before the peer counts as hung (`--call-timeout`)."""
STDERR_TAIL_LINES = 20
_END = b""


class Peer:
    """One implementation process: requests on its stdin, one response line each on its stdout, stderr kept."""

    def __init__(self, command: Sequence[str], timeout: float, trace: IO[str] | None = None) -> None:
        self.command = list(command)
        self.timeout = timeout
        self.trace = trace
        self.label = Path(self.command[0]).name
        self.info: ImplementationInfo | None = None
        self.fresh = False
        self._next_id = 0
        self._lines: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._stderr: deque[str] = deque(maxlen=STDERR_TAIL_LINES)
        self._process: subprocess.Popen[bytes] | None = None
        self._readers: list[threading.Thread] = []

    @property
    def alive(self) -> bool:
        """Whether the process runs and still follows the protocol."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> ImplementationInfo:
        """Start the process and shake hands; a fresh world awaits the first scenario."""
        try:
            self._process = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=hasattr(os, "killpg"),
            )
        except OSError as error:
            raise PeerCrashed(f"{self.label}: could not start {shlex.join(self.command)}: {error}") from error
        assert self._process.stdout is not None and self._process.stderr is not None
        self._readers = [
            threading.Thread(target=self._read_stdout, args=(self._process.stdout,), daemon=True),
            threading.Thread(target=self._read_stderr, args=(self._process.stderr,), daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        try:
            info = decode(ImplementationInfo, self.call("initialize", protocol.initialize_params(__version__)))
        except ImplementationError:
            self._kill()
            raise
        self.info, self.label, self.fresh = info, info.name or self.label, True
        return info  # type: ignore[no-any-return]

    def call(self, method: str, params: dict[str, Any]) -> Any:
        """Send one request and return its result; an error response raises what its code means."""
        self._next_id += 1
        line = protocol.encode_line(protocol.request(self._next_id, method, params))
        self._send(method, line)
        answer = self._receive(method)
        try:
            message = protocol.parse_response(answer, self._next_id)
        except ProtocolError as problem:
            self._broken(ProtocolError, f"{self.label}: {method}(): {problem}")
        if "error" in message:
            protocol.raise_error(self.label, method, message["error"])
        return message["result"]

    def stop(self) -> None:
        """Ask the peer to shut down; stop it if it does not exit in time."""
        if self.alive:
            with contextlib.suppress(ImplementationError):
                self.call("shutdown", {})
        process = self._process
        if process is not None:
            try:
                process.wait(timeout=min(self.timeout, 5.0))
            except subprocess.TimeoutExpired:
                self._kill()
            self._close_pipes()

    def stderr_tail(self) -> str:
        """The last lines the peer wrote on stderr, indented for an error message."""
        for reader in self._readers[1:]:
            reader.join(timeout=1.0)
        if not self._stderr:
            return " (nothing on stderr)"
        return "\n    stderr: " + "\n    stderr: ".join(self._stderr)

    def _send(self, method: str, line: bytes) -> None:
        process = self._process
        if process is None or process.stdin is None or process.poll() is not None:
            self._broken(PeerCrashed, f"{self.label} is not running (exit code {self._exit_code()}) at {method}()")
        if self.trace is not None:
            self.trace.write("--> " + line.decode())
        try:
            process.stdin.write(line)
            process.stdin.flush()
        except OSError:
            self._broken(PeerCrashed, f"{self.label} stopped reading stdin at {method}() (exit {self._exit_code()})")

    def _receive(self, method: str) -> bytes:
        try:
            answer = self._lines.get(timeout=self.timeout)
        except queue.Empty:
            self._broken(PeerCrashed, f"{self.label}: {method}() got no answer within {self.timeout:g} s; stopped it")
        if answer is _END:
            self._broken(PeerCrashed, f"{self.label} exited (code {self._exit_code()}) during {method}()")
        if self.trace is not None:
            self.trace.write("<-- " + answer.decode("utf-8", "replace"))
            self.trace.flush()
        return answer

    def _broken(self, kind: type[ImplementationError], message: str) -> NoReturn:
        """Stop the process (its stream can no longer be trusted) and raise `kind` with the stderr tail."""
        self._kill()
        raise kind(message + self.stderr_tail())

    def _kill(self) -> None:
        process = self._process
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(OSError):
            if hasattr(os, "killpg"):
                os.killpg(process.pid, signal.SIGKILL)
            else:  # pragma: no cover - no process groups
                process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5.0)

    def _exit_code(self) -> int | None:
        process = self._process
        if process is None:
            return None
        with contextlib.suppress(subprocess.TimeoutExpired):
            return process.wait(timeout=1.0)
        return None

    def _close_pipes(self) -> None:
        process = self._process
        for stream in (process.stdin, process.stdout, process.stderr) if process else ():
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()

    def _read_stdout(self, stream: IO[bytes]) -> None:
        for line in iter(stream.readline, b""):
            self._lines.put(line)
        self._lines.put(_END)

    def _read_stderr(self, stream: IO[bytes]) -> None:
        for line in iter(stream.readline, b""):
            self._stderr.append(line.decode("utf-8", "replace").rstrip()[:500])


class PeerDriver:
    """The suite's view of the peer: an ordinary driver whose every call crosses the process boundary."""

    def __init__(self, peer: Peer) -> None:
        self.peer = peer

    def describe(self) -> ImplementationInfo:
        """What the peer answered to `initialize`."""
        assert self.peer.info is not None
        return self.peer.info

    def __getattr__(self, method: str) -> Callable[..., Any]:
        if method not in protocol.SEAM_METHODS:
            raise AttributeError(method)
        return lambda *args, **kwargs: _call(method, self.peer, args, kwargs)


def _call(method: str, peer: Peer, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    answer = peer.call(method, encode(bind_arguments(method, args, kwargs, defaults=True)))
    try:
        return decode(_result_hint(method), answer)
    except ProtocolError as problem:
        raise ProtocolError(f"{peer.label}: {method}() answered outside the protocol's schema: {problem}") from None


@cache
def _result_hint(method: str) -> Any:
    return method_hints(method)[1]


class PeerFactory:
    """A fresh world per scenario from one process: started on first use, `reset` afterwards, restarted when broken."""

    def __init__(self, command_line: str, timeout: float = DEFAULT_TIMEOUT, trace: Path | None = None) -> None:
        try:
            self.command = shlex.split(command_line)
        except ValueError as error:
            raise ConfigurationError(f"--impl 'cmd:{command_line}': {error}") from None
        if not self.command:
            raise ConfigurationError("--impl 'cmd:': names no command")
        self.timeout = timeout
        if trace is not None:
            trace.parent.mkdir(parents=True, exist_ok=True)
        self.trace = trace.open("w", encoding="utf-8") if trace is not None else None
        self.peer: Peer | None = None

    def __call__(self) -> PeerDriver:
        """A driver on a fresh world."""
        peer = self.peer
        if peer is None or not peer.alive:
            peer = self.peer = Peer(self.command, self.timeout, self.trace)
            peer.start()
        elif not peer.fresh:
            peer.call("reset", {})
        peer.fresh = False
        return PeerDriver(peer)

    def shutdown(self) -> None:
        """Stop the process at the end of the run."""
        if self.peer is not None:
            self.peer.stop()
            self.peer = None
        if self.trace is not None:
            self.trace.close()
            self.trace = None
