"""What the command line accepts: one-line usage errors, checked option values, exit codes, quiet broken pipes."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from harness.claims import claim_problem, load_claims, section_problem
from harness.datagen.spec import LIMITS, out_of_range, shown

OK, FAILED, USAGE = 0, 1, 2
INTERRUPTED = 130
OUTPUT_CLOSED = 141
EXIT_CODES_HELP = f"""exit codes:
  {OK}    success
  {FAILED}    run: a scenario failed; generate: the data set could not be written (nothing was left behind)
  {USAGE}    usage error: an unknown option, a value out of range, an unknown or pending claim, an unknown
       section, an --out that is a file or is not empty (without --force)
  6    run: the implementation raised or broke (implementation-error)
  7    run: the harness broke (harness-error)
  8    run --certify: a scenario was skipped or expected to fail, and nothing worse happened
  {INTERRUPTED}  interrupted (Ctrl-C); generate leaves nothing behind
  {OUTPUT_CLOSED}  the output was closed early (piped into head): nothing more is printed
  run keeps pytest's own codes too: 2 interrupted, 3 internal error, 4 pytest usage error (a bad --impl or
  expectations file), 5 no scenario ran"""


_OPTION = re.compile(r"^argument (-[^:]+): ")
_ARGUMENT = re.compile(r"^argument ([^:]+): ")


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, `prog: what is wrong`, and exit with USAGE."""

    def error(self, message: str) -> NoReturn:
        """Print the problem on one line to stderr and exit with USAGE."""
        line = _ARGUMENT.sub(r"\1: ", _OPTION.sub(r"\1 ", " ".join(message.split())))
        self.exit(USAGE, f"{self.prog}: {line}\n")


def fail(prog: str, message: str, code: int) -> int:
    """Print `message` as one line for a person, prefixed by the command, and return `code`."""
    print(f"{prog}: {' '.join(message.split())}", file=sys.stderr)
    return code


def whole_number(name: str) -> Callable[[str], int]:
    """An argparse type for the data-set spec's `name`: a whole number within its limits."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            low, high = LIMITS[name]
            raise argparse.ArgumentTypeError(
                f"must be a whole number between {low:,} and {high:,} (got {shown(text)})"
            ) from None
        if problem := out_of_range(name, value):
            raise argparse.ArgumentTypeError(problem)
        return value

    return parse


def span(name: str) -> str:
    """The limits of the data-set spec's `name` as help text: `1 to 2,000`."""
    low, high = LIMITS[name]
    return f"{low:,} to {high:,}"


def folder(text: str) -> Path:
    """An argparse type for a folder to write: any non-empty path."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must name a folder (got an empty path)")
    return Path(text)


def claim_id(text: str) -> str:
    """An argparse type for --claim: an id of the catalog that scenarios check."""
    if problem := claim_problem(text, load_claims()):
        raise argparse.ArgumentTypeError(problem)
    return text


def section(text: str) -> str:
    """An argparse type for --section: a section of the catalog."""
    if problem := section_problem(text):
        raise argparse.ArgumentTypeError(problem)
    return text


def output_closed() -> int:
    """Stop writing to a stdout whose reader has gone (`| head`): no traceback, no second error at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return OUTPUT_CLOSED
