"""The one evaluator of conditions: each operator's meaning by a table of cases; validation names the problem."""

from __future__ import annotations

from typing import get_args

import pytest

from harness.driver import Condition, Fields, Operator
from harness.reference.conditions import OPERATORS, RULE_OPERATORS, Viewer, meets, problem
from harness.reference.metadata import Metadata

VIEWER = Viewer("ana", frozenset({"North"}), frozenset({"ana", "bob", "North"}), 10 * 86_400.0)
ACCOUNT = Metadata().entities["account"]
LOOKUP = {"entity": "contact", "id": "c1"}

CASES: list[tuple[Condition, Fields, bool]] = [
    # eq / ne: null equals only null; a lookup compares by its id; ISO dates compare as instants
    (Condition("name", "eq", "Fabrikam"), {"name": "Fabrikam"}, True),
    (Condition("name", "eq", "fabrikam"), {"name": "Fabrikam"}, False),
    (Condition("name", "eq", 3), {"name": 3}, True),
    (Condition("name", "ne", "Fabrikam"), {"name": "Fabrikam"}, False),
    (Condition("name", "ne", "Fabrikam"), {}, True),
    (Condition("name", "eq", None), {}, True),
    (Condition("name", "eq", None), {"name": "x"}, False),
    (Condition("primarycontactid", "eq", "c1"), {"primarycontactid": LOOKUP}, True),
    (Condition("primarycontactid", "eq", LOOKUP), {"primarycontactid": LOOKUP}, True),
    (Condition("primarycontactid", "eq", "c2"), {"primarycontactid": LOOKUP}, False),
    (Condition("primarycontactid", "ne", "c1"), {"primarycontactid": LOOKUP}, False),
    (Condition("lastcontacted", "eq", "2020-08-28"), {"lastcontacted": "2020-08-28T00:00:00Z"}, True),
    (Condition("lastcontacted", "eq", "2020-08-28T02:00:00+02:00"), {"lastcontacted": "2020-08-28T00:00:00Z"}, True),
    # gt / ge / lt / le: false on null or on values that cannot be ordered; dates as instants
    (Condition("revenue", "gt", 10), {"revenue": 11}, True),
    (Condition("revenue", "ge", 10), {"revenue": 10}, True),
    (Condition("revenue", "le", 10), {"revenue": 11}, False),
    (Condition("revenue", "lt", 10), {}, False),
    (Condition("revenue", "lt", None), {"revenue": 1}, False),
    (Condition("revenue", "le", 3), {"revenue": "x"}, False),
    (Condition("lastcontacted", "gt", "2020-08-27"), {"lastcontacted": "2020-08-27T00:00:01Z"}, True),
    (Condition("lastcontacted", "lt", "2020-08-28T01:00:00+02:00"), {"lastcontacted": "2020-08-27T23:30:00Z"}, False),
    # like: % any run, _ one character, ignoring case; ?, * and [ stand for themselves
    (Condition("name", "like", "%bri%"), {"name": "Fabrikam"}, True),
    (Condition("name", "like", "bri"), {"name": "Fabrikam"}, False),
    (Condition("name", "like", "f_brikam"), {"name": "Fabrikam"}, True),
    (Condition("name", "like", "a?c"), {"name": "abc"}, False),
    (Condition("name", "like", "a?c"), {"name": "a?c"}, True),
    (Condition("name", "like", "a*"), {"name": "abc"}, False),
    (Condition("name", "like", "[ab]%"), {"name": "[ab] corp"}, True),
    (Condition("name", "like", "%"), {}, False),
    (Condition("primarycontactid", "like", "c%"), {"primarycontactid": LOOKUP}, True),
    # begins-with v is like v%: the same wildcards
    (Condition("name", "begins-with", "fab"), {"name": "Fabrikam"}, True),
    (Condition("name", "begins-with", "a%"), {"name": "abc"}, True),
    (Condition("name", "begins-with", "a_c"), {"name": "abcd"}, True),
    (Condition("name", "begins-with", "bri"), {"name": "Fabrikam"}, False),
    (Condition("name", "begins-with", "f"), {"name": None}, False),
    # in: equal to one of a list (a lookup by its id)
    (Condition("name", "in", ["A", "B"]), {"name": "B"}, True),
    (Condition("name", "in", ["A", "B"]), {}, False),
    (Condition("name", "in", [None]), {}, True),
    (Condition("name", "in", "ab"), {"name": "a"}, False),
    (Condition("primarycontactid", "in", ["c0", "c1"]), {"primarycontactid": LOOKUP}, True),
    # null / not-null
    (Condition("telephone1", "null"), {}, True),
    (Condition("telephone1", "null"), {"telephone1": ""}, False),
    (Condition("telephone1", "not-null"), {"telephone1": "1"}, True),
    (Condition("telephone1", "not-null"), {"telephone1": None}, False),
    # the viewer's operators
    (Condition("ownerid", "eq-userid"), {"ownerid": "ana"}, True),
    (Condition("ownerid", "eq-userid"), {"ownerid": "bob"}, False),
    (Condition("ownerid", "eq-userteams"), {"ownerid": "North"}, True),
    (Condition("ownerid", "eq-userteams"), {"ownerid": "ana"}, False),
    (Condition("ownerid", "eq-businessid"), {"ownerid": "bob"}, True),
    (Condition("ownerid", "eq-businessid"), {"ownerid": "cy"}, False),
    # last-x-days: within the days before the viewer's now, at the boundary included; null never
    (Condition("modifiedon", "last-x-days", 10), {"modifiedon": "2020-08-28T00:00:00Z"}, True),
    (Condition("modifiedon", "last-x-days", 10), {"modifiedon": "2020-08-27T23:59:59Z"}, False),
    (Condition("modifiedon", "last-x-days", 0), {"modifiedon": "2020-09-07T00:00:00Z"}, True),
    (Condition("modifiedon", "last-x-days", 10), {"modifiedon": "2020-09-30T00:00:00Z"}, True),
    (Condition("modifiedon", "last-x-days", 10), {}, False),
    (Condition("modifiedon", "last-x-days", 10), {"modifiedon": "not a date"}, False),
]


@pytest.mark.parametrize(("condition", "record", "expected"), CASES, ids=lambda v: repr(v)[:60])
def test_each_operator_means_one_thing(condition: Condition, record: Fields, expected: bool) -> None:
    assert meets(condition, record, VIEWER) is expected


def test_the_table_has_a_case_for_every_operator_of_the_seam() -> None:
    assert set(OPERATORS) == set(get_args(Operator)) == {c.operator for c, _, _ in CASES}


def test_rules_use_the_operators_that_need_no_viewer() -> None:
    assert set(get_args(Operator)) - {"eq-userid", "eq-userteams", "eq-businessid", "last-x-days"} == RULE_OPERATORS
    for condition, record, expected in CASES:
        if condition.operator in RULE_OPERATORS:
            assert meets(condition, record) is expected, condition
    with pytest.raises(ValueError, match="needs a viewer"):
        meets(Condition("ownerid", "eq-userid"), {"ownerid": "ana"})


@pytest.mark.parametrize(
    ("condition", "rules", "message"),
    [
        (Condition("name", "sounds-like", "x"), False, "unknown operator"),  # type: ignore[arg-type]
        (Condition("shoe_size", "eq", 44), False, "no such column"),
        (Condition("name", "null", "x"), False, "takes no value"),
        (Condition("name", "in", "x"), False, "needs a list"),
        (Condition("modifiedon", "last-x-days", -1), False, "whole number of days"),
        (Condition("modifiedon", "last-x-days", True), False, "whole number of days"),
        (Condition("ownerid", "eq-userid"), True, "not a field condition"),
        (Condition("modifiedon", "last-x-days", 3), True, "not a field condition"),
    ],
)
def test_problem_names_what_is_wrong(condition: Condition, rules: bool, message: str) -> None:
    assert message in (problem(ACCOUNT, condition, rules) or "")


def test_a_good_condition_has_no_problem() -> None:
    assert problem(ACCOUNT, Condition("name", "begins-with", "F")) is None
    assert problem(ACCOUNT, Condition("name", "like", "F%"), rules=True) is None
