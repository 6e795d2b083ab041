"""Packaging that pyproject.toml cannot say: the suite's steps/ and features/ ship inside the harness package.

The checkout keeps the layout of the design card (features/, steps/, harness/ side by side); the wheel holds
them as harness/steps/ and harness/features/, so no top-level `steps` package lands in site-packages.
"""

from setuptools import find_namespace_packages, find_packages, setup

FEATURES = ["harness.features", *(f"harness.features.{name}" for name in find_namespace_packages("features"))]

setup(
    packages=[*find_packages(include=["harness", "harness.*"]), "harness.steps", *FEATURES],
    package_dir={"harness.steps": "steps", "harness.features": "features"},
    package_data={name: ["*.feature"] for name in FEATURES},
)
