"""The words scenarios use for columns, values and lists, turned into what the seam takes."""

from __future__ import annotations

import re

from harness.driver import Fields, Value

LABELS = {
    "employees": "numberofemployees",
    "main phone": "telephone1",
    "email": "emailaddress1",
    "city": "address1_city",
    "estimated value": "estimatedvalue",
    "birthday": "birthdate",
    "first name": "firstname",
    "last name": "lastname",
}
"""Column labels a person reads; any other label is the column's own name."""


def column(label: str) -> str:
    """The column a label names."""
    return LABELS.get(label, label)


def value(text: str) -> Value:
    """A cell's value: "empty" is no value, "empty text" is "", numbers are numbers, anything else is text."""
    if text == "empty":
        return None
    if text == "empty text":
        return ""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


def fields_of(datatable: list[list[str]]) -> Fields:
    """A two-column table of labels and values as record fields."""
    return {column(label): value(cell) for label, cell in datatable}


def listed(text: str) -> list[str]:
    """ "a, b and c" as ["a", "b", "c"]; "no entity" as []."""
    return [] if text == "no entity" else [name for name in re.split(r", | and ", text) if name]
