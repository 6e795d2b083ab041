"""How many reference files one offline update and one sync cross: a repeatable count through the seam.

The scenario is fixed and uses the seam only, so it runs on any version of the reference: ana may do everything
to accounts, contacts, competitors and notes; the account form has a business rule; she takes accounts,
competitors and the contacts a custom filter admits offline and syncs; offline she updates an account's name and
primary contact (the offline update); the administrator renames another account, she adds a note to it online
and syncs (the sync uploads her update and downloads the rename and the note). `sys.setprofile` sees every
Python call made during each of the two measured driver calls; a call counts when its code lives in a file under
harness/reference/. A file is crossed when one of its functions runs; a hop is a distinct caller -> callee pair
of reference functions. Run `python -m tests.call_paths` to print the figures.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import harness.reference
from harness.driver import (
    ACCESS_RIGHTS,
    BusinessRule,
    Condition,
    FormDefinition,
    Privilege,
    ProfileDefinition,
    ProfileItem,
    ProfileRules,
    RuleAction,
)
from harness.reference import ReferenceImplementation

REFERENCE = Path(harness.reference.__file__).resolve().parent


@dataclass(frozen=True)
class Crossing:
    """What one driver call crossed: distinct reference files, distinct functions, and caller-to-callee hops."""

    files: frozenset[str]
    functions: frozenset[str]
    hops: frozenset[tuple[str, str]]


def _where(frame: FrameType | None) -> str | None:
    if frame is None:
        return None
    path = Path(frame.f_code.co_filename)
    if REFERENCE not in path.parents:
        return None
    return f"{path.name}:{frame.f_code.co_qualname}"


def traced(call: Callable[[], Any]) -> Crossing:
    """Run `call` and collect the reference code it ran."""
    functions: set[str] = set()
    hops: set[tuple[str, str]] = set()

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event != "call":
            return
        callee = _where(frame)
        if callee is None:
            return
        functions.add(callee)
        caller = _where(frame.f_back)
        if caller is not None and caller != callee:
            hops.add((caller, callee))

    sys.setprofile(profile)
    try:
        call()
    finally:
        sys.setprofile(None)
    return Crossing(frozenset(f.split(":")[0] for f in functions), frozenset(functions), frozenset(hops))


def measured() -> dict[str, Crossing]:
    """The crossings of one offline update and one sync, in the fixed scenario above."""
    impl = ReferenceImplementation()
    impl.add_business_unit("Head office")
    impl.add_user("ana", "Head office")
    entities = ("account", "contact", "competitor", "annotation")
    impl.define_role("sales", [Privilege(e, a, "organization") for e in entities for a in ACCESS_RIGHTS])
    impl.assign_role("ana", "sales")
    rule = BusinessRule("tag", [Condition("name", "begins-with", "Fab")], [RuleAction("set_value", "description", "F")])
    impl.add_form(FormDefinition("account", "main", ["name", "description", "primarycontactid"], [rule]))
    items = [
        ProfileItem("account", ProfileRules(all_records=True)),
        ProfileItem("contact", ProfileRules(custom=[Condition("lastname", "not-null")])),
        ProfileItem("competitor", ProfileRules(all_records=True)),
    ]
    assert impl.publish_profile(ProfileDefinition("field sales", items, users=["ana"])).published
    mine = impl.server_create("account", {"name": "Fabrikam"}, owner="ana")
    other = impl.server_create("account", {"name": "Contoso"}, owner="ana")
    contact = impl.server_create("contact", {"lastname": "Lee"}, owner="ana")
    rival = impl.server_create("competitor", {"name": "Rival"})
    assert isinstance(mine, str) and isinstance(other, str) and isinstance(contact, str) and isinstance(rival, str)
    impl.server_associate("account_competitors", other, rival)
    impl.sync("ana")
    impl.go_offline("ana")
    fields = {"name": "Fabrikam Ltd", "primarycontactid": {"entity": "contact", "id": contact}}
    update = traced(lambda: impl.run_command("ana", "account", "update", mine, fields))
    impl.server_update("account", other, {"name": "Contoso Ltd"})
    impl.go_online("ana")
    impl.add_note("ana", "account", other, "called")
    sync = traced(lambda: impl.sync("ana"))
    assert impl.server_record("account", mine)["description"] == "F"  # type: ignore[index]
    assert impl.device_record("ana", "account", other)["name"] == "Contoso Ltd"  # type: ignore[index]
    assert len(impl.device_records("ana", "annotation")) == 1
    return {"offline update": update, "sync": sync}


def main() -> None:
    """Print each measured call's files, functions and hops."""
    for name, crossing in measured().items():
        print(f"{name}: {len(crossing.files)} files, {len(crossing.functions)} functions, {len(crossing.hops)} hops")
        print("  " + " ".join(sorted(crossing.files)))


if __name__ == "__main__":
    main()
