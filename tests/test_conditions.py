"""Filter conditions: validation names the problem, evaluation follows each operator's meaning."""

from __future__ import annotations

import pytest

from harness.driver import Condition, Fields
from harness.reference.conditions import Viewer, meets, problem
from harness.reference.metadata import Metadata

VIEWER = Viewer("ana", frozenset({"North"}), "HQ", 10 * 86_400.0, {"ana": "HQ", "bob": "HQ", "cy": "East"}.get)
ACCOUNT = Metadata().entities["account"]


@pytest.mark.parametrize(
    ("condition", "record", "expected"),
    [
        (Condition("name", "eq", "Fabrikam"), {"name": "Fabrikam"}, True),
        (Condition("name", "ne", "Fabrikam"), {"name": "Fabrikam"}, False),
        (Condition("revenue", "gt", 10), {"revenue": 11}, True),
        (Condition("revenue", "le", 10), {"revenue": 11}, False),
        (Condition("revenue", "lt", 10), {}, False),
        (Condition("name", "like", "%bri%"), {"name": "Fabrikam"}, True),
        (Condition("name", "like", "bri"), {"name": "Fabrikam"}, False),
        (Condition("name", "begins-with", "fab"), {"name": "Fabrikam"}, True),
        (Condition("name", "in", ["A", "B"]), {"name": "B"}, True),
        (Condition("telephone1", "null"), {}, True),
        (Condition("telephone1", "not-null"), {"telephone1": "1"}, True),
        (Condition("ownerid", "eq-userid"), {"ownerid": "ana"}, True),
        (Condition("ownerid", "eq-userteams"), {"ownerid": "North"}, True),
        (Condition("ownerid", "eq-businessid"), {"ownerid": "bob"}, True),
        (Condition("ownerid", "eq-businessid"), {"ownerid": "cy"}, False),
        (Condition("primarycontactid", "eq", "c1"), {"primarycontactid": {"entity": "contact", "id": "c1"}}, True),
        (Condition("modifiedon", "last-x-days", 10), {"modifiedon": "2020-08-28T00:00:00Z"}, True),
        (Condition("modifiedon", "last-x-days", 10), {"modifiedon": "2020-08-27T23:59:59Z"}, False),
    ],
)
def test_meets(condition: Condition, record: Fields, expected: bool) -> None:
    assert meets(condition, record, VIEWER) is expected


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        (Condition("name", "sounds-like", "x"), "unknown operator"),  # type: ignore[arg-type]
        (Condition("shoe_size", "eq", 44), "no such column"),
        (Condition("name", "null", "x"), "takes no value"),
        (Condition("name", "in", "x"), "needs a list"),
        (Condition("modifiedon", "last-x-days", -1), "whole number of days"),
    ],
)
def test_problem_names_what_is_wrong(condition: Condition, message: str) -> None:
    assert message in (problem(ACCOUNT, condition) or "")


def test_a_good_condition_has_no_problem() -> None:
    assert problem(ACCOUNT, Condition("name", "begins-with", "F")) is None
