"""Serve any in-process implementation over stdio: `python -m harness.backend NAME|module:factory`.

The process speaks the protocol of `harness.transport` on stdin/stdout, so the suite can run it with
`--impl "cmd:python -m harness.backend NAME|module:factory"` exactly as it runs an implementation in any language.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from harness.errors import ConfigurationError
from harness.implementations import load_factory
from harness.transport.server import serve_stdio


def main(argv: Sequence[str] | None = None) -> int:
    """Load the implementation's factory and serve it until shutdown or the end of stdin."""
    parser = argparse.ArgumentParser(prog="python -m harness.backend", description=__doc__)
    parser.add_argument("impl", help="a registered name (like reference) or module:factory")
    spec = parser.parse_args(argv).impl
    try:
        if spec.startswith(("cmd:", "json:")):
            raise ConfigurationError(f"{spec!r}: serve an in-process implementation (a name or module:factory)")
        factory = load_factory(spec)
    except ConfigurationError as error:
        print(f"python -m harness.backend: error: {error}", file=sys.stderr)
        return 2
    return serve_stdio(factory)


if __name__ == "__main__":
    raise SystemExit(main())
