"""An implementation's expectations file: validated strictly, applied per claim, scenario or example, and never
allowed to certify a run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.errors import ConfigurationError
from harness.expectations import Expectation, Expectations, known_ids, load_expectations
from harness.verdicts import EXIT_CODES, NOT_CERTIFIED, Verdict
from tests.runs import run_suite, usage_error_line

OUTSIDE = min(
    key.removesuffix("[quote]")
    for key in known_ids()
    if key.startswith("entities/entities_outside_the_table.feature::") and key.endswith("[quote]")
)
"""An outline of ENT-22 with a row for quote (the first by name)."""
LINK = "https://example.org/issues/1"


def write(tmp_path: Path, body: str, implementation: str = "reference") -> Path:
    """An expectations file for `implementation` with `body` after its header."""
    path = tmp_path / "expectations.toml"
    path.write_text(f'implementation = "{implementation}"\n{body}', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('implementation = "reference"\n[skip\n', "Expected ']'"),
        ("[skip.REL-ID]\nreason = 'r'\nlink = 'https://x'\n", "'implementation' is a required property"),
        ('implementation = "reference"\ncertify = true\n', "Additional properties are not allowed ('certify'"),
        ('implementation = "reference"\n[skip.REL-ID]\nreason = "r"\n', "skip.REL-ID: 'link' is a required property"),
        (
            'implementation = "reference"\n[xfail.REL-ID]\nreason = ""\nlink = "https://x"\n',
            "xfail.REL-ID.reason: '' should be",
        ),
        (
            'implementation = "reference"\n[xfail.REL-ID]\nreason = "r"\nlink = "see the wiki"\n',
            "'see the wiki' is not a link (a URL or a path",
        ),
        ('implementation = "reference"\n[skip.REL-99]\nreason = "r"\nlink = "https://x"\n', "skip 'REL-99' names no"),
        (
            'implementation = "reference"\n[skip."beyond/offline_ids.feature::No such scenario"]\n'
            'reason = "r"\nlink = "https://x"\n',
            "names no claim, scenario or example",
        ),
        (
            f'implementation = "reference"\n[skip."{OUTSIDE}[memo]"]\nreason = "r"\nlink = "https://x"\n',
            "names no claim, scenario or example",
        ),
        (
            'implementation = "reference"\n[skip.REL-ID]\nreason = "r"\nlink = "https://x"\n'
            '[xfail.REL-ID]\nreason = "r"\nlink = "https://x"\n',
            "'REL-ID' is listed under both skip and xfail",
        ),
        ('implementation = "pouchdb"\n', "is for 'pouchdb', not for 'reference'"),
    ],
)
def test_a_bad_expectations_file_is_one_clear_error(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "expectations.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_expectations(path, "reference")
    assert says in str(caught.value) and str(path) in str(caught.value)


def test_the_most_specific_entry_applies(tmp_path: Path) -> None:
    body = "".join(
        f'[{kind}."{key}"]\nreason = "{key}"\nlink = "{LINK}"\n'
        for kind, key in [("skip", "ENT-22"), ("xfail", OUTSIDE), ("skip", f"{OUTSIDE}[quote]")]
    )
    expectations = load_expectations(write(tmp_path, body), "reference")
    assert expectations.match({"ENT-22"}, OUTSIDE, "quote").id == f"{OUTSIDE}[quote]"  # type: ignore[union-attr]
    assert expectations.match({"ENT-22"}, OUTSIDE, "fax").id == OUTSIDE  # type: ignore[union-attr]
    assert expectations.match({"ENT-22"}, "entities/x.feature::y", None).id == "ENT-22"  # type: ignore[union-attr]
    assert expectations.match({"RIB-01"}, "entities/x.feature::y", None) is None


def test_an_entry_describes_itself_with_its_reason_and_link() -> None:
    entry = Expectation("xfail", "REL-ID", "ids are made by the server", LINK, "pouch.toml")
    assert entry.describe() == f"expected to fail by pouch.toml [REL-ID]: ids are made by the server ({LINK})"
    assert Expectations("x", {}).match({"REL-ID"}, "a::b", None) is None


PRODUCT_FAILURE = """
from pytest_bdd import scenarios, then

scenarios("ids.feature")

@then("the implementation keeps the ids its devices give")
def keeps(driver):
    assert driver.describe().name == "a product that keeps ids", "this product renumbers them"
"""


def test_an_expected_failure_is_scored_apart_and_does_not_fail_the_run(tmp_path: Path) -> None:
    (tmp_path / "ids.feature").write_text(
        "@claim:REL-ID\nFeature: ids\n  Scenario: a product failure\n"
        "    Then the implementation keeps the ids its devices give\n"
    )
    (tmp_path / "test_ids.py").write_text(PRODUCT_FAILURE)
    path = write(tmp_path, f'[xfail.REL-ID]\nreason = "ids are made by the server"\nlink = "{LINK}"\n')
    result = run_suite("test_ids.py", "-p", "no:cacheprovider", "--expectations", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "EXPECTED-FAILURE  REL-ID" in result.stdout
    expected = f"expected to fail by expectations.toml [REL-ID]: ids are made by the server ({LINK})"
    assert f"EXPECTED-FAILURE (1): {expected}" in result.stdout, result.stdout[-3000:]


def test_an_expected_failure_that_passes_fails_the_run(tmp_path: Path) -> None:
    path = write(tmp_path, f'[xfail.REL-ID]\nreason = "ids are made by the server"\nlink = "{LINK}"\n')
    result = run_suite("steps", "--impl", "reference", "--claim", "REL-ID", "--expectations", str(path))
    assert result.returncode == EXIT_CODES[Verdict.FAILED], result.stdout[-3000:]
    assert (
        "FAILED  REL-ID" in result.stdout and "[XPASS(strict)] expected to fail by expectations.toml" in result.stdout
    )


def test_an_implementation_error_is_not_absorbed_by_an_expected_failure(tmp_path: Path) -> None:
    path = write(tmp_path, f'[xfail.REL-ID]\nreason = "r"\nlink = "{LINK}"\n')
    result = run_suite(
        "steps", "--impl", "tests.misbehaving:RaisingSync", "--claim", "REL-ID", "--expectations", str(path)
    )
    assert result.returncode == EXIT_CODES[Verdict.IMPLEMENTATION_ERROR], result.stdout[-3000:]


def test_one_example_can_be_skipped_and_certify_refuses_the_run(tmp_path: Path) -> None:
    path = write(tmp_path, f'[skip."{OUTSIDE}[quote]"]\nreason = "quotes are special here"\nlink = "{LINK}"\n')
    args = ("steps", "--impl", "reference", "--claim", "ENT-22", "--expectations", str(path), "--certify")
    result = run_suite(*args)
    assert result.returncode == NOT_CERTIFIED, result.stdout[-3000:]
    assert re.search(r"\d+ scenarios: \d+ passed, 1 skipped, \d+ deselected;", result.stdout), result.stdout[-3000:]
    assert "SKIPPED (1): skipped by expectations.toml" in result.stdout
    assert "not certified: reference 0.1.0 met 1 skipped" in result.stdout


def test_a_limitation_the_implementation_cannot_show_can_only_be_skipped_by_its_expectations(tmp_path: Path) -> None:
    path = write(tmp_path, f'[skip.LIM-VW1]\nreason = "no views yet"\nlink = "{LINK}"\n', implementation="partial")
    args = ("steps", "--impl", "tests.misbehaving:WithoutViews", "--claim", "LIM-VW1", "--expectations", str(path))
    result = run_suite(*args)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "SKIPPED  LIM-VW1" in result.stdout


def test_a_clean_run_is_certified() -> None:
    result = run_suite("steps", "--impl", "reference", "--claim", "RIB-01", "--certify")
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(r"\ncertified: reference 0.1.0 passed all \d+ scenarios it ran\n", result.stdout)


def test_a_run_without_certify_never_says_certified() -> None:
    result = run_suite("steps", "--impl", "reference", "--claim", "RIB-01")
    assert "certified" not in result.stdout


def test_an_unknown_id_stops_the_run_before_collection(tmp_path: Path) -> None:
    path = write(tmp_path, f'[skip.NOPE-1]\nreason = "r"\nlink = "{LINK}"\n')
    result = run_suite("steps", "--impl", "reference", "--expectations", str(path))
    assert result.returncode == pytest.ExitCode.USAGE_ERROR
    assert "skip 'NOPE-1' names no claim, scenario or example of the suite" in usage_error_line(result)
