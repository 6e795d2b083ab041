"""Conditions: the one evaluator for profile filters, org data filters, business rules and flow branches.

Every operator of `harness.driver.Operator` has one row in `OPERATORS`: what value it takes, whether business
rules and flow branches may use it, and its meaning, stated once here and nowhere else:

- A missing column is null. A lookup compares by the id it points at (on either side of the condition).
- eq / ne: equal / not equal (null equals only null); two ISO dates compare as instants.
- gt / ge / lt / le: ordered comparison; false if either side is null or the two cannot be ordered;
  two ISO dates compare as instants.
- like: SQL LIKE, ignoring case: `%` stands for any run of characters, `_` for exactly one; every other
  character (`?`, `*`, `[` included) stands for itself. begins-with v is like `v%`.
- in: equal to one of a list of values.
- null / not-null: the column is (not) null.
- eq-userid / eq-userteams / eq-businessid: the column (an owner) is the viewing user, one of their teams, a
  principal of their business unit. last-x-days n: a date within the n days before the viewer's now
  (or later). These four need a viewer; business rules and flow branches cannot use them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Literal, get_args

from harness.driver import Condition, Fields, Operator, Value
from harness.reference.clock import DAY, EPOCH
from harness.reference.metadata import SYSTEM_COLUMNS, EntityMeta


@dataclass(frozen=True)
class Viewer:
    """Who a condition is evaluated for, and when: the user, their teams, the principals of their unit, the clock."""

    user: str
    teams: frozenset[str]
    unit_owners: frozenset[str]
    now: float


EPOCH_SECONDS = EPOCH.timestamp()
Takes = Literal["value", "list", "days", "nothing"]
Test = Callable[[Value, Value, "Viewer | None"], bool]


@dataclass(frozen=True)
class OperatorRow:
    """One operator: the value it takes, whether rules and branches may use it, and how a column value meets it."""

    name: Operator
    takes: Takes
    in_rules: bool
    test: Test


def _plain(value: Value) -> Value:
    """A lookup stands for the id it points at."""
    return value.get("id") if isinstance(value, dict) else value


@lru_cache(maxsize=4096)
def _instant(text: str) -> float | None:
    """An ISO date or date-time as seconds, or None if `text` is not one."""
    if len(text) < 10 or text[4:5] != "-" or text[7:8] != "-":
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _comparable(value: Value, wanted: Value) -> tuple[Value, Value]:
    """Two ISO dates become instants; anything else stays as it is."""
    if isinstance(value, str) and isinstance(wanted, str):
        left, right = _instant(value), _instant(wanted)
        if left is not None and right is not None:
            return left, right
    return value, wanted


def _equal(value: Value, wanted: Value) -> bool:
    left, right = _comparable(value, wanted)
    return bool(left == right)


def _ordered(compare: Callable[[Value, Value], bool]) -> Test:
    def test(value: Value, wanted: Value, viewer: Viewer | None) -> bool:
        if value is None or wanted is None:
            return False
        try:
            return bool(compare(*_comparable(value, wanted)))
        except TypeError:
            return False

    return test


@lru_cache(maxsize=1024)
def _like_pattern(pattern: str) -> re.Pattern[str]:
    """SQL LIKE as a regular expression: % any run, _ one character, everything else literal."""
    parts = ("." if char == "_" else ".*" if char == "%" else re.escape(char) for char in pattern)
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def _like(value: Value, wanted: Value, viewer: Viewer | None) -> bool:
    return isinstance(value, str) and _like_pattern(str(wanted)).fullmatch(value) is not None


def _viewer(viewer: Viewer | None) -> Viewer:
    if viewer is None:
        raise ValueError("this operator needs a viewer (a user and a clock)")
    return viewer


def window_start(days: int, now: float) -> float:
    """The earliest instant (simulation seconds) last-x-days `days` admits at `now`."""
    return now - days * DAY


def _last_days(value: Value, wanted: Value, viewer: Viewer | None) -> bool:
    moment = _instant(value) if isinstance(value, str) else None
    return moment is not None and moment - EPOCH_SECONDS >= window_start(wanted, _viewer(viewer).now)


def _in(value: Value, wanted: Value, viewer: Viewer | None) -> bool:
    return isinstance(wanted, list) and any(_equal(value, _plain(w)) for w in wanted)


_ROWS: dict[str, tuple[Takes, bool, Test]] = {
    "eq": ("value", True, lambda value, wanted, viewer: _equal(value, wanted)),
    "ne": ("value", True, lambda value, wanted, viewer: not _equal(value, wanted)),
    "gt": ("value", True, _ordered(lambda a, b: a > b)),
    "ge": ("value", True, _ordered(lambda a, b: a >= b)),
    "lt": ("value", True, _ordered(lambda a, b: a < b)),
    "le": ("value", True, _ordered(lambda a, b: a <= b)),
    "like": ("value", True, _like),
    "begins-with": ("value", True, lambda value, wanted, viewer: _like(value, f"{wanted}%", viewer)),
    "in": ("list", True, _in),
    "null": ("nothing", True, lambda value, wanted, viewer: value is None),
    "not-null": ("nothing", True, lambda value, wanted, viewer: value is not None),
    "eq-userid": ("nothing", False, lambda value, wanted, viewer: value == _viewer(viewer).user),
    "eq-userteams": ("nothing", False, lambda value, wanted, viewer: value in _viewer(viewer).teams),
    "eq-businessid": ("nothing", False, lambda value, wanted, viewer: value in _viewer(viewer).unit_owners),
    "last-x-days": ("days", False, _last_days),
}
OPERATORS: dict[Operator, OperatorRow] = {name: OperatorRow(name, *_ROWS[name]) for name in get_args(Operator)}
"""The operator table, one row per operator of the seam (a new seam operator without a row fails at import)."""
RULE_OPERATORS = frozenset(name for name, row in OPERATORS.items() if row.in_rules)
"""The operators business rules and flow branches may use: those that need no viewer."""


def meets(condition: Condition, record: Fields, viewer: Viewer | None = None) -> bool:
    """Whether `record` meets `condition` (for `viewer`, which only the viewer operators need)."""
    row = OPERATORS[condition.operator]
    return row.test(_plain(record.get(condition.field)), _plain(condition.value), viewer)


def meets_all(conditions: list[Condition], record: Fields, viewer: Viewer | None = None) -> bool:
    """Whether `record` meets every condition (ANDed)."""
    return all(meets(condition, record, viewer) for condition in conditions)


def problem(meta: EntityMeta, condition: Condition, rules: bool = False) -> str | None:
    """Why `condition` is not a valid condition on `meta`'s records (a business rule's if `rules`), or None."""
    where = f"{meta.name}: condition on {condition.field!r}"
    row = OPERATORS.get(condition.operator)
    if row is None:
        return f"{where}: unknown operator {condition.operator!r} (known: {', '.join(sorted(OPERATORS))})"
    if rules and not row.in_rules:
        known = ", ".join(sorted(RULE_OPERATORS))
        return f"{where}: operator {condition.operator!r} is not a field condition (rules use {known})"
    if condition.field not in meta.attributes and condition.field not in SYSTEM_COLUMNS:
        return f"{where}: {meta.name} has no such column"
    if row.takes == "nothing" and condition.value is not None:
        return f"{where}: {condition.operator} takes no value"
    if row.takes == "list" and not isinstance(condition.value, list):
        return f"{where}: in needs a list of values"
    if row.takes == "days" and not (
        isinstance(condition.value, int) and not isinstance(condition.value, bool) and condition.value >= 0
    ):
        return f"{where}: last-x-days needs a whole number of days, not {condition.value!r}"
    return None
