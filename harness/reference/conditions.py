"""Filter conditions: which operators exist, whether a condition is well formed, and whether a record meets it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from harness.driver import Condition, Fields, Value
from harness.reference.clock import DAY, parse_iso
from harness.reference.metadata import SYSTEM_COLUMNS, EntityMeta

NO_VALUE = frozenset({"null", "not-null", "eq-userid", "eq-userteams", "eq-businessid"})
ORDERED = frozenset({"gt", "ge", "lt", "le"})
OPERATORS = frozenset({"eq", "ne", "like", "begins-with", "in", "last-x-days"} | NO_VALUE | ORDERED)


@dataclass(frozen=True)
class Viewer:
    """Who a condition is evaluated for, and when: the user, their teams and business unit, the clock."""

    user: str
    teams: frozenset[str]
    business_unit: str
    now: float
    business_unit_of: Callable[[str], str | None]


def problem(meta: EntityMeta, condition: Condition) -> str | None:
    """Why `condition` is not a valid filter on `meta`'s records, or None."""
    where = f"{meta.name}: condition on {condition.field!r}"
    if condition.operator not in OPERATORS:
        return f"{where}: unknown operator {condition.operator!r} (known: {', '.join(sorted(OPERATORS))})"
    if condition.field not in meta.attributes and condition.field not in SYSTEM_COLUMNS:
        return f"{where}: {meta.name} has no such column"
    if condition.operator in NO_VALUE and condition.value is not None:
        return f"{where}: {condition.operator} takes no value"
    if condition.operator == "in" and not isinstance(condition.value, list):
        return f"{where}: in needs a list of values"
    if condition.operator == "last-x-days" and not (isinstance(condition.value, int) and condition.value >= 0):
        return f"{where}: last-x-days needs a whole number of days, not {condition.value!r}"
    return None


def _compare(operator: str, value: Value, wanted: Value) -> bool:
    if value is None or wanted is None:
        return False
    try:
        outcome = {"gt": value > wanted, "ge": value >= wanted, "lt": value < wanted, "le": value <= wanted}[operator]
        return bool(outcome)
    except TypeError:
        return False


def _plain(value: Value) -> Value:
    """A lookup compares by the id it points at."""
    return value.get("id") if isinstance(value, dict) else value


def meets(condition: Condition, record: Fields, viewer: Viewer) -> bool:
    """Whether `record` meets `condition` for `viewer` (a missing column counts as null)."""
    value, wanted, operator = _plain(record.get(condition.field)), condition.value, condition.operator
    if operator == "last-x-days":
        return isinstance(value, str) and viewer.now - parse_iso(value) <= wanted * DAY
    if operator in ORDERED:
        return _compare(operator, value, wanted)
    if operator in ("like", "begins-with"):
        pattern = re.escape(str(wanted)).replace("%", ".*") + (".*" if operator == "begins-with" else "")
        return isinstance(value, str) and re.fullmatch(pattern, value, re.IGNORECASE) is not None
    tests: dict[str, Callable[[], bool]] = {
        "eq": lambda: value == wanted,
        "ne": lambda: value != wanted,
        "in": lambda: value in wanted,
        "null": lambda: value is None,
        "not-null": lambda: value is not None,
        "eq-userid": lambda: value == viewer.user,
        "eq-userteams": lambda: value in viewer.teams,
        "eq-businessid": lambda: viewer.business_unit_of(str(value)) == viewer.business_unit,
    }
    return tests[operator]()
