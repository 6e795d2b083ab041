"""The console script: claims listing and a conformance run from any directory."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from types import SimpleNamespace

import hypothesis
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from harness import __version__
from harness.claims import DEFAULT_CATALOG, SECTIONS, load_claims
from harness.cli import main
from harness.plugin import check_claim_options
from harness.verdicts import EXIT_CODES as VERDICT_EXIT_CODES
from harness.verdicts import NOT_CERTIFIED
from tests.dataset_tools import snapshot

STEPS = Path(__file__).resolve().parents[1] / "steps"


def test_claims_lists_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--section", "entities"]) == 0
    out = capsys.readouterr().out
    assert "ENT-01" in out and "RIB-01" in out and "FLT-PU" not in out


def test_run_works_from_another_directory(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "harness.cli", "run", "--claim", "RIB-01", "--report", "out"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "4 passed" in result.stdout
    ledger = (tmp_path / "out" / "ledger.md").read_text(encoding="utf-8")
    row = next(line for line in ledger.splitlines() if line.startswith("| **RIB-01**"))
    assert "| verified | 4 passed |" in row


def test_run_reports_a_bad_implementation_spec(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "harness.cli", "run", "--impl", "no.such.module:factory", "--claim", "RIB-01"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "no.such.module" in result.stdout + result.stderr


def test_run_ignores_the_pytest_configuration_of_the_folder_it_starts_in(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = --no-such-option\n")
    command = [sys.executable, "-m", "harness.cli", "run", "--claim", "RIB-01"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert not (tmp_path / ".pytest_cache").exists()


def test_run_passes_expectations_and_certify_through(tmp_path: Path) -> None:
    expectations = tmp_path / "mine.toml"
    expectations.write_text('implementation = "reference"\n[skip.RIB-01]\nreason = "r"\nlink = "https://x"\n')
    command = [sys.executable, "-m", "harness.cli", "run", "--claim", "RIB-01", "--expectations", str(expectations)]
    result = subprocess.run([*command, "--certify"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == NOT_CERTIFIED, result.stdout[-2000:] + result.stderr[-2000:]
    assert re.search(r"SKIPPED \(\d+\): skipped by mine.toml \[RIB-01\]: r \(https://x\)", result.stdout)


def test_pytest_in_a_folder_without_the_suite_says_how_to_run_it(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "pytest", "--impl", "reference", "-p", "no:cacheprovider"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == pytest.ExitCode.NO_TESTS_COLLECTED
    assert "`offline-harness run --impl SPEC` runs the installed suite from any folder" in result.stdout


# ---------------------------------------------------------------- input checks: one line, exit 2, nothing done

PROPERTY = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
RUNNABLE = {claim_id for claim_id, claim in load_claims().items() if not claim.pending}


def cli(*argv: str) -> tuple[int, str, str]:
    """Run the console script in-process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


def one_usage_line(code: int, out: str, err: str, prefix: str) -> str:
    """The single error line of a usage error, checked: exit 2, nothing on stdout, one line starting with `prefix`."""
    assert (code, out) == (2, ""), (code, out, err)
    assert err.endswith("\n") and err.count("\n") == 1 and err.startswith(prefix), err
    return err.rstrip("\n")


@pytest.mark.parametrize(
    ("options", "line"),
    [
        (["--users", "0"], "--users must be between 1 and 2,000 (got 0)"),
        (["--users", "-5"], "--users must be between 1 and 2,000 (got -5)"),
        (["--users", "2001"], "--users must be between 1 and 2,000 (got 2,001)"),
        (["--records-per-user", "-10"], "--records-per-user must be between 1 and 3,000,000 (got -10)"),
        (["--records-per-user", "0"], "--records-per-user must be between 1 and 3,000,000 (got 0)"),
        (["--seed", "-1"], "--seed must be between 0 and 4,294,967,295 (got -1)"),
        (["--users", "ten"], "--users must be a whole number between 1 and 2,000 (got 'ten')"),
        (["--users", "1.5"], "--users must be a whole number between 1 and 2,000 (got '1.5')"),
        (["--out", ""], "--out must name a folder (got an empty path)"),
    ],
)
def test_generate_refuses_nonsense_in_one_line(tmp_path: Path, options: list[str], line: str) -> None:
    arguments = {"--out": str(tmp_path / "data"), **dict(zip(options[::2], options[1::2], strict=True))}
    result = cli("generate", *(part for pair in arguments.items() for part in pair))
    assert one_usage_line(*result, "offline-harness generate: ") == f"offline-harness generate: {line}"
    assert list(tmp_path.iterdir()) == []


def test_generate_refuses_a_full_folder_without_force(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "mine.txt").write_text("keep me")
    line = one_usage_line(*cli("generate", "--users", "2", "--out", str(tmp_path / "data")), "offline-harness")
    assert (
        line
        == f"offline-harness generate: {tmp_path / 'data'} is not empty (mine.txt); --force replaces the data set in it"
    )
    assert snapshot(tmp_path) == {"data/mine.txt": b"keep me"}


def test_generate_refuses_a_file_as_out(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("keep me")
    line = one_usage_line(*cli("generate", "--users", "2", "--out", str(tmp_path / "data")), "offline-harness")
    assert line == f"offline-harness generate: {tmp_path / 'data'} is a file, not a folder"


def test_generate_cannot_write_is_one_line_and_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(Path, "mkdir", read_only)
    code, out, err = cli("generate", "--users", "2", "--records-per-user", "10", "--out", str(tmp_path / "data"))
    assert (code, out) == (1, "")
    assert err == f"offline-harness generate: cannot write the data set {tmp_path / 'data'}: Read-only file system\n"


@hypothesis.seed(5)
@PROPERTY
@hypothesis.given(
    option=st.sampled_from(["users", "records-per-user", "seed"]),
    value=st.one_of(
        st.integers(max_value=-1),
        st.integers(min_value=2**32),
        st.text(max_size=30).filter(lambda text: not text.strip().lstrip("+-").replace("_", "").isdecimal()),
    ),
)
def test_any_bad_generate_number_is_one_line_and_writes_nothing(option: str, value: int | str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "data"
        line = one_usage_line(*cli("generate", f"--{option}={value}", "--out", str(out)), "offline-harness generate: ")
        assert line.startswith(f"offline-harness generate: --{option} must be ") and len(line) < 200, line
        assert not out.exists()


@hypothesis.seed(6)
@PROPERTY
@hypothesis.given(wanted=st.text(max_size=20).filter(lambda text: text not in RUNNABLE))
def test_any_claim_that_selects_nothing_is_one_line(wanted: str) -> None:
    line = one_usage_line(*cli("run", f"--claim={wanted}"), "offline-harness run: --claim ")
    assert len(line) < 200 and ("is not a claim" in line or "is spelled" in line or "is pending" in line), line


@hypothesis.seed(7)
@PROPERTY
@hypothesis.given(wanted=st.text(max_size=20).filter(lambda text: text not in SECTIONS))
def test_any_unknown_section_is_one_line_listing_the_sections(wanted: str) -> None:
    line = one_usage_line(*cli("claims", f"--section={wanted}"), "offline-harness claims: --section ")
    assert line.endswith(f"the sections are {', '.join(sorted(SECTIONS))}"), line


@pytest.mark.parametrize(
    ("wanted", "line"),
    [
        ("ENT-99", "'ENT-99' is not a claim; did you mean ENT-19, ENT-09 or ENT-23?"),
        ("ent-13", "'ent-13' is spelled ENT-13"),
        ("nonsense", "'nonsense' is not a claim; `offline-harness claims` lists them"),
    ],
)
def test_run_names_the_near_claims(wanted: str, line: str) -> None:
    assert one_usage_line(*cli("run", "--claim", wanted), "") == f"offline-harness run: --claim {line}"


@pytest.fixture
def ent_13_pending(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The catalog with ENT-13 marked pending (as a claim is before its scenarios exist)."""
    text = DEFAULT_CATALOG.read_text()
    at = text.index('id = "ENT-13"')
    end = text.index("pending = false", at)
    catalog = tmp_path / "claims.toml"
    catalog.write_text(text[:end] + "pending = true" + text[end + len("pending = false") :])
    monkeypatch.setattr("harness.claims.DEFAULT_CATALOG", catalog)


@pytest.mark.usefixtures("ent_13_pending")
def test_run_says_a_claim_is_pending() -> None:
    assert one_usage_line(*cli("run", "--claim", "ENT-13"), "") == (
        "offline-harness run: --claim ENT-13 is pending: no scenario checks it yet"
    )


@pytest.mark.usefixtures("ent_13_pending")
def test_the_pytest_option_says_a_claim_is_pending() -> None:
    config = SimpleNamespace(getoption=lambda name: ["ENT-13", "ENT-01"] if name == "claim" else None)
    with pytest.raises(pytest.UsageError) as error:
        check_claim_options(config)  # type: ignore[arg-type]
    assert error.value.args == ("--claim ENT-13 is pending: no scenario checks it yet",)


def test_the_pytest_option_refuses_unknown_claims_before_collecting(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "pytest", str(STEPS), "-p", "no:cacheprovider", "--claim", "ENT-99"]
    result = subprocess.run(
        [*command, "--claim", "ent-13", "--claim", "RIB-01"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    errors = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("ERROR:")]
    assert result.returncode == 4
    assert errors == [
        "ERROR: --claim 'ENT-99' is not a claim; did you mean ENT-19, ENT-09 or ENT-23?",
        "ERROR: --claim 'ent-13' is spelled ENT-13",
    ]
    assert "collected" not in result.stdout


def test_claims_lists_a_section_and_nothing_else() -> None:
    code, out, err = cli("claims", "--section", "sync")
    ids = [line.split()[0] for line in out.splitlines()]
    assert (code, err) == (0, "") and ids == [c.id for c in load_claims().values() if c.section == "sync"] != []


def test_claims_into_a_closed_pipe_ends_quietly() -> None:
    """`offline-harness claims | head`: the reader has gone before anything is written."""
    process = subprocess.Popen(
        [sys.executable, "-m", "harness.cli", "claims"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read()
    assert (process.wait(timeout=60), err) == (141, b"")


def test_version() -> None:
    assert cli("--version") == (0, f"offline-harness {__version__}\n", "")


def test_help_documents_the_exit_codes() -> None:
    code, out, _ = cli("--help")
    assert code == 0
    for line in ("0    success", "1    run: a scenario failed", "2    usage error", "141  the output was closed"):
        assert line in out, line
    for verdict, exit_code in VERDICT_EXIT_CODES.items():
        if exit_code:
            assert f"\n  {exit_code:<5}run: " in out and verdict.value.split("-")[0] in out, verdict
