"""Every scenario of features/, bound to the step definitions of this package."""

from pytest_bdd import scenarios

scenarios(".")
