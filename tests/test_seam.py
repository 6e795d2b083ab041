"""The seam holds: steps see only the driver, and the reference fulfils the whole driver contract."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from harness import driver
from harness.codec import driver_methods
from harness.reference import ReferenceImplementation

STEPS = Path(__file__).resolve().parents[1] / "steps"


def imported_modules(path: Path) -> set[str]:
    """Every module a Python file imports."""
    tree = ast.parse(path.read_text())
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return names | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}


SEAM_SIDE = ("harness.driver", "harness.errors", "harness.datagen")
"""What steps may import: the seam and its errors, and the data-set tools that themselves use only the seam."""


def test_steps_import_only_the_seam() -> None:
    offending = {
        f"{path.name}: {module}"
        for path in STEPS.glob("*.py")
        for module in imported_modules(path)
        if module.startswith("harness") and not module.startswith(SEAM_SIDE)
    }
    assert not offending, f"steps must import only {SEAM_SIDE}: {sorted(offending)}"


def test_data_set_tools_stay_on_the_seam_side() -> None:
    datagen = STEPS.parent / "harness" / "datagen"
    offending = {f"{p.name}: {m}" for p in datagen.glob("*.py") for m in imported_modules(p) if "reference" in m}
    assert not offending, offending


def test_import_check_sees_a_reference_import(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("from harness.reference.device import Device\nimport harness.reference\n")
    assert {"harness.reference.device", "harness.reference"} <= imported_modules(sneaky)


def test_reference_is_a_driver() -> None:
    assert isinstance(ReferenceImplementation(), driver.Driver)


def test_reference_methods_match_the_contract() -> None:
    for name in driver_methods():
        contract = inspect.signature(getattr(driver.Driver, name))
        actual = inspect.signature(getattr(ReferenceImplementation, name))
        assert list(actual.parameters) == list(contract.parameters), name
        for parameter in contract.parameters.values():
            assert actual.parameters[parameter.name].default == parameter.default, (name, parameter.name)


def test_describe_names_the_protocol_version() -> None:
    info = ReferenceImplementation().describe()
    assert info.protocol_version == driver.PROTOCOL_VERSION
    assert info.name == "reference" and "entities" in info.capabilities
