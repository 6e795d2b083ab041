"""The `offline-harness` command: run the conformance suite, list the claims, generate data sets, rebuild and compare
reports."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from harness import __version__
from harness.claims import load_claims
from harness.cli_checks import (
    EXIT_CODES_HELP,
    FAILED,
    INTERRUPTED,
    USAGE,
    OneLineParser,
    claim_id,
    fail,
    folder,
    output_closed,
    section,
    span,
    whole_number,
)
from harness.errors import ConfigurationError, DataSetError

if TYPE_CHECKING:
    from harness.report.record import RunRecord


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
        *([f"--report={args.report}"] if args.report else []),
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
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TimeElapsedColumn
    from rich.table import Table

    from harness.datagen.dataset import generate
    from harness.datagen.spec import DataSetSpec

    spec = DataSetSpec(args.users, args.records_per_user, args.seed)
    console = Console(stderr=True)
    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    bar, task = Progress(*columns, console=console), TaskID(-1)

    def advance(done: int, total: int) -> None:
        nonlocal task
        if task < 0:
            console.print(f"seed {spec.seed}: {spec.users:,} users, {total:,} records -> {args.out}")
            bar.start()
            task = bar.add_task("records", total=total)
        bar.update(task, completed=done)

    try:
        try:
            manifest = generate(args.out, spec, advance, replace=args.force)
        finally:
            if task >= 0:
                bar.stop()
    except ConfigurationError as refusal:
        return fail("offline-harness generate", str(refusal), USAGE)
    except DataSetError as failure:
        return fail("offline-harness generate", str(failure), FAILED)
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
    rate = manifest["total"] / max(manifest["seconds"], 0.001)
    console.print(f"seed {spec.seed}; {manifest['seconds']:.1f} s, {rate:,.0f} records/s")
    return 0


def read_records(paths: list[Path]) -> list[RunRecord] | str:
    """The run records saved at `paths`, or the one line that says why one cannot be read."""
    from harness.report.messages import from_ndjson

    records = []
    for path in paths:
        try:
            with path.open(encoding="utf-8") as lines:
                records.append(from_ndjson(lines))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            return f"{path}: cannot read a run record: {error}"
    return records


def report(args: argparse.Namespace) -> int:
    """Rebuild every output of a saved run record (its messages.ndjson) into a folder."""
    from harness.report.outputs import write_reports

    records = read_records([args.record])
    if isinstance(records, str):
        return fail("offline-harness report", records, USAGE)
    if args.out.exists() and not args.out.is_dir():
        return fail("offline-harness report", f"--out {args.out}: exists and is not a folder", USAGE)
    for name, path in write_reports(records[0], args.out).items():
        print(f"{name:<16} {path}")
    return 0


def compare(args: argparse.Namespace) -> int:
    """Print the claim x implementation matrix of saved run records; with --out, write it as a page too."""
    from harness.report.compare import matrix, render_html, render_text
    from harness.report.outputs import write_atomically

    records = read_records(args.records)
    if isinstance(records, str):
        return fail("offline-harness compare", records, USAGE)
    if args.out and args.out.exists() and not args.out.is_dir():
        return fail("offline-harness compare", f"--out {args.out}: exists and is not a folder", USAGE)
    table = matrix(records)
    print(render_text(table), end="")
    if args.out:
        write_atomically(args.out / "compare.html", render_html(table))
        print(f"compare.html     {args.out / 'compare.html'}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line."""
    top = OneLineParser(
        prog="offline-harness",
        description=__doc__,
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = top.add_subparsers(dest="command", required=True)
    run_command = commands.add_parser("run", help="run the conformance suite (default: against the reference)")
    run_command.add_argument(
        "--impl", default="reference", help='name, module:factory, json:<spec>, or "cmd:<command line>"'
    )
    run_command.add_argument(
        "--claim", action="append", default=[], type=claim_id, help="only this claim's scenarios (repeatable)"
    )
    run_command.add_argument("--expectations", type=Path, help="the implementation's expectations file (TOML)")
    run_command.add_argument("--certify", action="store_true", help="fail on any skip or expected failure")
    run_command.add_argument("--report", type=folder, help="a folder for the reports: ledger, Cucumber, JUnit")
    run_command.add_argument("pytest_args", nargs="*", help="more pytest arguments (after --)")
    run_command.set_defaults(handler=run)
    generate_command = commands.add_parser("generate", help="write a seeded data set near the page's limits")
    generate_command.add_argument(
        "--users",
        type=whole_number("users"),
        default=2_000,
        metavar="N",
        help=f"users in the profile, {span('users')} (2,000)",
    )
    generate_command.add_argument(
        "--records-per-user",
        type=whole_number("records_per_user"),
        default=10_000,
        metavar="N",
        help=f"the subscription size most users stay within, {span('records_per_user')} (10,000)",
    )
    generate_command.add_argument(
        "--seed", type=whole_number("seed"), default=7, metavar="N", help=f"{span('seed')} (7)"
    )
    generate_command.add_argument("--out", type=folder, required=True, metavar="DIR", help="a new or empty folder")
    generate_command.add_argument("--force", action="store_true", help="replace the data set already in --out")
    generate_command.set_defaults(handler=generate)
    claims_command = commands.add_parser("claims", help="list the claims catalog")
    claims_command.add_argument("--section", type=section, help="only this section (entities, filters, sync, ...)")
    claims_command.set_defaults(handler=claims)
    report_command = commands.add_parser("report", help="rebuild every report from a saved run record")
    report_command.add_argument("record", type=Path, help="the run's messages.ndjson")
    report_command.add_argument("--out", type=folder, required=True, help="folder for the reports")
    report_command.set_defaults(handler=report)
    compare_command = commands.add_parser("compare", help="the claim x implementation matrix of saved run records")
    compare_command.add_argument("records", type=Path, nargs="+", help="runs' messages.ndjson files")
    compare_command.add_argument("--out", type=folder, help="also write compare.html into this folder")
    compare_command.set_defaults(handler=compare)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        code = handler(args)
        sys.stdout.flush()
    except BrokenPipeError:
        return output_closed()
    except KeyboardInterrupt:
        return fail(f"offline-harness {args.command}", "interrupted", INTERRUPTED)
    except ConfigurationError as error:
        return fail(f"offline-harness {args.command}", str(error), USAGE)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
