"""A peer serving the reference that breaks the protocol at its first `sync`: `python -m tests.misbehaving_peer MODE`.

hang     never answers            crash    writes to stderr and exits 3      garbage  answers a line of HTML
chatty   prints to stdout inside every sync (the backend must keep stdout for the protocol)
future   answers `initialize` with protocol 2.0
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from harness.driver import SyncReport
from harness.reference import ReferenceImplementation
from harness.transport import protocol
from harness.transport.server import Session, serve_stdio


class Chatty(ReferenceImplementation):
    """Prints on stdout while it syncs, as careless code does."""

    def sync(self, user: str) -> Any:
        print(f"syncing {user}...")
        report: SyncReport = super().sync(user)
        return report


def misbehave(mode: str, line: bytes) -> bytes | None:
    """Break the protocol for `line` the way `mode` says (None: answer normally)."""
    if mode == "future" and b'"initialize"' in line:
        request_id = protocol.json.loads(line)["id"]
        info = {"$type": "ImplementationInfo", "name": "future", "version": "9", "protocol_version": "2.0"}
        return protocol.encode_line(protocol.result(request_id, {**info, "capabilities": []}))
    if b'"method":"sync"' not in line:
        return None
    if mode == "hang":
        time.sleep(3600)
    if mode == "crash":
        print("fatal: the device store is corrupt", file=sys.stderr, flush=True)
        os._exit(3)
    if mode == "garbage":
        return b"<html><body>502 Bad Gateway</body></html>\n"
    return None


def main() -> int:
    """Serve until shutdown, misbehaving as asked."""
    mode = sys.argv[1]
    print(f"misbehaving peer {os.getpid()} ready ({mode})", file=sys.stderr, flush=True)
    if mode == "chatty":
        return serve_stdio(Chatty)
    session = Session(ReferenceImplementation)
    for line in sys.stdin.buffer:
        sys.stdout.buffer.write(misbehave(mode, line) or protocol.encode_line(session.handle(line)))
        sys.stdout.buffer.flush()
        if session.done:
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
