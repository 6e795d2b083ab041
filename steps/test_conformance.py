"""Every scenario of features/ (beside this folder in a checkout and in the installed package), bound to the steps."""

from pathlib import Path

from pytest_bdd import scenarios

FEATURES = Path(__file__).resolve().parents[1] / "features"

scenarios(".", features_base_dir=str(FEATURES))
