"""The `offline-harness` command: run the conformance suite, list the claims, generate data sets, rebuild and compare
reports."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from harness.claims import load_claims

if TYPE_CHECKING:
    from harness.report.record import RunRecord

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def run(args: argparse.Namespace) -> int:
    """Run the conformance suite against an implementation; pytest's exit code."""
    import pytest

    options = [
        str(PROJECT_ROOT / "steps"),
        "-q",
        "--impl",
        args.impl,
        *(f"--claim={claim}" for claim in args.claim),
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
        print(records, file=sys.stderr)
        return 2
    for name, path in write_reports(records[0], args.out).items():
        print(f"{name:<16} {path}")
    return 0


def compare(args: argparse.Namespace) -> int:
    """Print the claim x implementation matrix of saved run records; with --out, write it as a page too."""
    from harness.report.compare import matrix, render_html, render_text
    from harness.report.outputs import write_atomically

    records = read_records(args.records)
    if isinstance(records, str):
        print(records, file=sys.stderr)
        return 2
    table = matrix(records)
    print(render_text(table), end="")
    if args.out:
        write_atomically(args.out / "compare.html", render_html(table))
        print(f"compare.html     {args.out / 'compare.html'}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line."""
    top = argparse.ArgumentParser(prog="offline-harness", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    run_command = commands.add_parser("run", help="run the conformance suite (default: against the reference)")
    run_command.add_argument("--impl", default="reference", help="name, module:factory, or json:<spec>")
    run_command.add_argument("--claim", action="append", default=[], help="only this claim's scenarios")
    run_command.add_argument("--report", type=Path, help="write the reports (ledger, Cucumber, JUnit) into this folder")
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
    report_command = commands.add_parser("report", help="rebuild every report from a saved run record")
    report_command.add_argument("record", type=Path, help="the run's messages.ndjson")
    report_command.add_argument("--out", type=Path, required=True, help="folder for the reports")
    report_command.set_defaults(handler=report)
    compare_command = commands.add_parser("compare", help="the claim x implementation matrix of saved run records")
    compare_command.add_argument("records", type=Path, nargs="+", help="runs' messages.ndjson files")
    compare_command.add_argument("--out", type=Path, help="also write compare.html into this folder")
    compare_command.set_defaults(handler=compare)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    if args.command == "run" and not (PROJECT_ROOT / "steps").is_dir():
        print("offline-harness run needs a source checkout (steps/ and features/ beside harness/)", file=sys.stderr)
        return 2
    return handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
