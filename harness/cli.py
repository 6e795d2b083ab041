"""The `offline-harness` command: run the conformance suite, list the claims, generate data sets."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from harness.claims import load_claims
from harness.errors import ConfigurationError


def run(args: argparse.Namespace) -> int:
    """Run the suite (installed or in this checkout) from any folder, under its own pytest settings; the exit code."""
    import pytest

    from harness.suite import SETTINGS, steps_dir, suite_root

    sys.path.insert(0, os.getcwd())  # a module:factory spec imports from the folder the run starts in
    options = [
        str(steps_dir()),
        "-c",
        str(SETTINGS),
        "--rootdir",
        str(suite_root()),
        "-q",
        "--impl",
        args.impl,
        *(f"--claim={claim}" for claim in args.claim),
        *([f"--expectations={args.expectations}"] if args.expectations else []),
        *(["--certify"] if args.certify else []),
        *args.pytest_args,
    ]
    return int(pytest.main(options, plugins=[]))


def claims(args: argparse.Namespace) -> int:
    """Print the claims catalog, one claim a line (pending ones marked)."""
    for claim in load_claims().values():
        if args.section in (None, claim.section):
            marker = " (pending)" if claim.pending else ""
            print(f"{claim.id:<12} {claim.section:<13} {claim.kind:<15} {claim.title}{marker}")
    return 0


def generate(args: argparse.Namespace) -> int:
    """Write a seeded data set with a progress bar, then a summary: counts, subscription sizes, seed, time."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
    from rich.table import Table

    from harness.datagen.dataset import DataSetSpec, generate

    spec = DataSetSpec(args.users, args.records_per_user, args.seed)
    expected = spec.users * (spec.lower() + spec.records_per_user) // 2
    console = Console(stderr=True)
    console.print(f"seed {spec.seed}: {spec.users:,} users, about {spec.records_per_user:,} records each -> {args.out}")
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("records", total=expected)
        manifest = generate(args.out, spec, lambda done: bar.update(task, completed=done))
    table = Table(title=f"data set {args.out} (seed {spec.seed})")
    table.add_column("entity")
    table.add_column("records", justify="right")
    for entity, count in manifest["counts"].items():
        table.add_row(entity, f"{count:,}")
    table.add_row("total", f"{manifest['total']:,}")
    console.print(table)
    console.print(
        f"per-user subscription: min {manifest['min']:,}, median {manifest['median']:,}, max {manifest['max']:,}; "
        f"above {spec.records_per_user:,}: {', '.join(manifest['above_limit']) or 'nobody'}"
    )
    rate = manifest["total"] / manifest["seconds"]
    console.print(f"seed {spec.seed}; {manifest['seconds']:.1f} s, {rate:,.0f} records/s")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line."""
    top = argparse.ArgumentParser(prog="offline-harness", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    run_command = commands.add_parser("run", help="run the conformance suite (default: against the reference)")
    run_command.add_argument(
        "--impl", default="reference", help='name, module:factory, json:<spec>, or "cmd:<command line>"'
    )
    run_command.add_argument("--claim", action="append", default=[], help="only this claim's scenarios")
    run_command.add_argument("--expectations", type=Path, help="the implementation's expectations file (TOML)")
    run_command.add_argument("--certify", action="store_true", help="fail on any skip or expected failure")
    run_command.add_argument("pytest_args", nargs="*", help="more pytest arguments (after --)")
    run_command.set_defaults(handler=run)
    generate_command = commands.add_parser("generate", help="write a seeded data set near the page's limits")
    generate_command.add_argument("--users", type=int, default=2_000)
    generate_command.add_argument("--records-per-user", type=int, default=10_000)
    generate_command.add_argument("--seed", type=int, default=7)
    generate_command.add_argument("--out", type=Path, required=True)
    generate_command.set_defaults(handler=generate)
    claims_command = commands.add_parser("claims", help="list the claims catalog")
    claims_command.add_argument("--section", help="only this section (entities, filters, sync, ...)")
    claims_command.set_defaults(handler=claims)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except ConfigurationError as error:
        print(f"offline-harness: error: {error}", file=sys.stderr)
        return 4


if __name__ == "__main__":
    raise SystemExit(main())
