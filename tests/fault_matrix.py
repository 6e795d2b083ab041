"""The fault matrix: every point at which a sync cycle can break, with and without the app killed there, against
every kind of offline change. Each cell checks that the change reached the server exactly once (none lost, none
applied twice, a later change on the server not overwritten by a replay) and that the device then agrees with
the server. It drives an implementation through the seam alone (`harness.driver`), so it checks any of them.

Each kind makes its change on two records, so that a cycle cut off after the server applied the first change
leaves the second unapplied: losing either shows. The restart rows run only for an implementation that declares
the capability "persistence".
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from harness.driver import (
    ACCESS_RIGHTS,
    Attachment,
    CommandResult,
    Driver,
    FaultPoint,
    Fields,
    Privilege,
    ProfileDefinition,
    ProfileItem,
    ProfileRules,
    Refused,
    SyncReport,
)

USER = "ana"
ENTITIES = ("account", "contact", "lead", "opportunity", "appointment", "incident")
HELD = (*ENTITIES, "annotation")
"""What the device must hold exactly as the server does after the last cycle (notes ride along as annotations)."""
PAIR = ("1", "2")
LATER = "(changed on the server later)"


def ref(entity: str, record_id: str) -> Fields:
    """A lookup value."""
    return {"entity": entity, "id": record_id}


def ok(outcome: Any) -> Any:
    """`outcome`, which must not be a refusal."""
    if isinstance(outcome, Refused):
        raise Problem(f"refused: {outcome.claim} {outcome.reason}")
    return outcome


class Problem(Exception):
    """A cell went wrong before its checks: the label says how."""


@dataclass
class Cell:
    """One driver's world for one cell: the records by name and what the change left to check."""

    driver: Driver
    ids: dict[str, str] = field(default_factory=dict)
    made: dict[str, str] = field(default_factory=dict)
    later: dict[str, Fields] = field(default_factory=dict)

    def create(self, entity: str, name: str, fields: Fields) -> None:
        """A record on the server owned by the user, remembered by `name`."""
        self.ids[name] = ok(self.driver.server_create(entity, fields, owner=USER))

    def command(self, entity: str, command: str, name: str | None, fields: Fields | None = None) -> CommandResult:
        """Run a command offline on a named record (None: a create)."""
        record_id = None if name is None else self.ids[name]
        return ok(self.driver.run_command(USER, entity, command, record_id, fields))  # type: ignore[arg-type]

    def server(self, entity: str) -> list[Fields]:
        """The server's records of `entity`."""
        return self.driver.server_records(entity)


def count(records: list[Fields], **wanted: Any) -> int:
    """How many of `records` carry every `wanted` value."""
    return sum(all(r.get(k) == v for k, v in wanted.items()) for r in records)


def once(found: int, what: str) -> list[str]:
    """'lost' or 'doubled' unless `found` is exactly one."""
    return [] if found == 1 else [f"{'lost' if found == 0 else 'doubled'} {what}"]


# -- the kinds of change: each makes it offline on two records, then says what the server must show ----------
@dataclass(frozen=True)
class Kind:
    """A kind of offline change: `make` it on two records; `check` the server after the last cycle; `between` runs
    after the broken cycle (an administrator's later change to what the server already applied)."""

    name: str
    make: Callable[[Cell], None]
    check: Callable[[Cell], list[str]]
    between: Callable[[Cell], None] = lambda cell: None


def make_creates(cell: Cell) -> None:
    for n in PAIR:
        cell.made[n] = str(cell.command("account", "create", None, {"name": f"New account {n}"}).record_id)


def check_creates(cell: Cell) -> list[str]:
    accounts = cell.server("account")
    return [p for n in PAIR for p in once(count(accounts, id=cell.made[n], name=f"New account {n}"), f"create {n}")]


def make_updates(cell: Cell) -> None:
    for n in PAIR:
        cell.command("account", "update", f"Account {n}", {"telephone1": f"+47 555 010{n}"})


def later_changes(cell: Cell, entity: str, column: str, names: dict[str, Any], later: Callable[[str], Any]) -> None:
    """Where the server already shows the device's value, an administrator changes that column again: a replay of
    the device's change must not overwrite it."""
    for name, mine in names.items():
        record = cell.driver.server_record(entity, cell.ids[name]) or {}
        if record.get(column) == mine:
            cell.later[name] = {column: later(name)}
            ok(cell.driver.server_update(entity, cell.ids[name], cell.later[name]))


def between_updates(cell: Cell) -> None:
    phones = {f"Account {n}": f"+47 555 010{n}" for n in PAIR}
    later_changes(cell, "account", "telephone1", phones, lambda name: f"{LATER} {name}")


def check_updates(cell: Cell) -> list[str]:
    problems = []
    for n in PAIR:
        name = f"Account {n}"
        record = cell.driver.server_record("account", cell.ids[name]) or {}
        wanted = cell.later.get(name, {}).get("telephone1", f"+47 555 010{n}")
        if record.get("telephone1") != wanted:
            problems.append(f"{'doubled' if name in cell.later else 'lost'} update {n}")
    return problems


def make_deletes(cell: Cell) -> None:
    for n in PAIR:
        cell.command("account", "delete", f"Account {n}")


def check_deletes(cell: Cell) -> list[str]:
    problems = [f"lost delete {n}" for n in PAIR if cell.driver.server_record("account", cell.ids[f"Account {n}"])]
    errors = cell.driver.sync_errors(USER)
    return problems + [f"doubled delete ({e.type})" for e in errors if e.action == "delete"]


def make_qualifies(cell: Cell) -> None:
    for n in PAIR:
        cell.command("lead", "qualify", f"Lead {n}")


def check_qualifies(cell: Cell) -> list[str]:
    problems = []
    for n in PAIR:
        lead = cell.ids[f"Lead {n}"]
        if (cell.driver.server_record("lead", lead) or {}).get("statecode") != "qualified":
            problems.append(f"lost qualify {n}")
        problems += once(count(cell.server("account"), name=f"Company {n}"), f"account of qualify {n}")
        problems += once(count(cell.server("opportunity"), originatingleadid=ref("lead", lead)), f"qualify {n}")
        problems += once(count(cell.server("contact"), lastname=f"Lead person {n}"), f"contact of qualify {n}")
    return problems


def make_conversions(cell: Cell) -> None:
    for n in PAIR:
        cell.command("appointment", "convert_activity_to_case", f"Appointment {n}")


def check_conversions(cell: Cell) -> list[str]:
    problems = []
    for n in PAIR:
        appointment = cell.ids[f"Appointment {n}"]
        cases = [
            r for r in cell.server("incident") if r.get("originatingactivityid") == ref("appointment", appointment)
        ]
        problems += once(len(cases), f"case of appointment {n}")
        regarding = (cell.driver.server_record("appointment", appointment) or {}).get("regardingobjectid")
        if cases and regarding != ref("incident", str(cases[0]["id"])):
            problems.append(f"lost link of appointment {n}")
    return problems


def photo(n: str) -> Attachment:
    """The camera photo the user attaches to note `n`."""
    return Attachment(f"visit-{n}.jpg", "image/jpeg", base64.b64encode(f"photo {n}".encode()).decode(), "camera")


def make_notes(cell: Cell) -> None:
    for n in PAIR:
        note = ok(cell.driver.add_note(USER, "account", cell.ids[f"Account {n}"], f"Visit notes {n}"))
        ok(cell.driver.attach_to_note(USER, note, photo(n)))


def check_notes(cell: Cell) -> list[str]:
    problems = []
    for n in PAIR:
        notes = ok(cell.driver.notes(USER, "account", cell.ids[f"Account {n}"]))
        mine = [note for note in notes if note.text == f"Visit notes {n}"]
        problems += once(len(mine), f"note {n}")
        problems += once(sum(a == photo(n) for note in mine for a in note.attachments), f"photo {n}")
    return problems


def make_associations(cell: Cell) -> None:
    for n in PAIR:
        ok(
            cell.driver.add_existing(
                USER, "contact_customer_accounts", cell.ids[f"Account {n}"], cell.ids[f"Contact {n}"]
            )
        )


def between_associations(cell: Cell) -> None:
    links = {f"Contact {n}": ref("account", cell.ids[f"Account {n}"]) for n in PAIR}
    later_changes(cell, "contact", "parentcustomerid", links, lambda name: ref("account", cell.ids["Other account"]))


def check_associations(cell: Cell) -> list[str]:
    problems = []
    for n in PAIR:
        name = f"Contact {n}"
        record = cell.driver.server_record("contact", cell.ids[name]) or {}
        wanted = cell.later.get(name, {}).get("parentcustomerid", ref("account", cell.ids[f"Account {n}"]))
        if record.get("parentcustomerid") != wanted:
            problems.append(f"{'doubled' if name in cell.later else 'lost'} association {n}")
    return problems


KINDS = (
    Kind("create", make_creates, check_creates),
    Kind("update", make_updates, check_updates, between_updates),
    Kind("delete", make_deletes, check_deletes),
    Kind("qualify", make_qualifies, check_qualifies),
    Kind("convert to case", make_conversions, check_conversions),
    Kind("note + attachment", make_notes, check_notes),
    Kind("association", make_associations, check_associations, between_associations),
)


# -- the steps of a cycle at which it breaks ---------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """Where the cycle breaks: the connection drops at `fault` (None: it does not), and/or the app is killed
    (`restart`): while offline, where the connection dropped, or while a cycle is under way."""

    name: str
    fault: FaultPoint | None = None
    restart: str | None = None


STEPS = (
    Step("no fault"),
    Step("killed offline", restart="offline"),
    Step("drop before upload", "before_upload"),
    Step("drop before upload, killed", "before_upload", "after drop"),
    Step("drop after server apply", "after_server_apply"),
    Step("drop after server apply, killed", "after_server_apply", "after drop"),
    Step("drop during download", "during_download"),
    Step("drop during download, killed", "during_download", "after drop"),
    Step("killed with a cycle under way", restart="under way"),
)


def break_cycle(cell: Cell, step: Step) -> None:
    """Bring the device online and break its cycle as `step` says (the kill is `restart_app`)."""
    driver = cell.driver
    if step.restart == "offline":
        ok(driver.restart_app(USER))
    ok(driver.go_online(USER))
    if step.restart == "under way":
        ok(driver.begin_sync(USER))
        ok(driver.restart_app(USER))
        if not isinstance(driver.finish_sync(USER), Refused):
            raise Problem("a cycle survived the restart")
    if step.fault is not None:
        ok(driver.inject_fault(USER, step.fault))
        broken = ok(driver.sync(USER))
        if broken.completed or broken.fault != step.fault:
            raise Problem(f"the cycle did not stop {step.fault}: {broken}")
        if step.restart == "after drop":
            ok(driver.restart_app(USER))


# -- one cell --------------------------------------------------------------------------------------------
def organization(cell: Cell) -> None:
    """One salesperson who may do everything, her offline profile, and the records the kinds work on."""
    driver = cell.driver
    ok(driver.add_business_unit("Head office"))
    ok(driver.add_user(USER, "Head office"))
    everything = [Privilege(e, a, "organization") for e in (*ENTITIES, "annotation") for a in ACCESS_RIGHTS]
    ok(driver.define_role("everything", everything))
    ok(driver.assign_role(USER, "everything"))
    items = [ProfileItem(entity, ProfileRules(all_records=True)) for entity in ENTITIES]
    published = driver.publish_profile(ProfileDefinition("field sales", items, users=[USER]))
    if not published.published:
        raise Problem(f"publishing refused: {published.errors}")
    cell.create("account", "Other account", {"name": "Other account"})
    for n in PAIR:
        cell.create("account", f"Account {n}", {"name": f"Account {n}"})
        cell.create("contact", f"Contact {n}", {"firstname": "Dana", "lastname": f"Contact {n}"})
        lead = {
            "subject": f"Deal {n}",
            "companyname": f"Company {n}",
            "firstname": "Lee",
            "lastname": f"Lead person {n}",
        }
        cell.create("lead", f"Lead {n}", lead)
        cell.create("appointment", f"Appointment {n}", {"subject": f"Site visit {n}"})


def agreement(cell: Cell, last: SyncReport) -> list[str]:
    """After the last cycle: it completed, nothing waits, no sync errors, the device holds what the server does."""
    driver = cell.driver
    problems = [] if last.completed else [f"last cycle stopped ({last.fault})"]
    if queued := driver.pending_changes(USER):
        problems.append(f"{len(queued)} left in the queue")
    problems += [f"sync error {e.type} on {e.action}" for e in driver.sync_errors(USER)]
    differs = [e for e in HELD if driver.device_records(USER, e) != driver.server_records(e)]
    return problems + ([f"device differs ({', '.join(differs)})"] if differs else [])


def run_cell(factory: Callable[[], Driver], step: Step, kind: Kind) -> list[str]:
    """The problems of one cell (empty: it holds)."""
    cell = Cell(factory())
    try:
        organization(cell)
        if not ok(cell.driver.sync(USER)).completed:
            raise Problem("the first cycle did not complete")
        ok(cell.driver.go_offline(USER))
        kind.make(cell)
        break_cycle(cell, step)
        kind.between(cell)
        last = ok(cell.driver.sync(USER))
        return sorted(set(kind.check(cell) + agreement(cell, last)))
    except Problem as problem:
        return [str(problem)]
    except Exception as error:
        return [f"raised {type(error).__name__}: {error}"]


@dataclass
class Matrix:
    """Every cell's problems, by step and kind; `skipped` names the steps the implementation cannot run."""

    cells: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def failures(self) -> dict[tuple[str, str], list[str]]:
        """The cells that do not hold."""
        return {key: problems for key, problems in self.cells.items() if problems}

    def table(self) -> str:
        """The matrix as a fixed-width table: 'ok', the problems, or why a step was not run."""
        width = max(len(s.name) for s in STEPS)
        header = " | ".join([f"{'sync step':<{width}}", *(k.name for k in KINDS)])
        lines = [header, "-" * len(header)]
        for step in STEPS:
            row = [f"{step.name:<{width}}"]
            for kind in KINDS:
                shown = "n/a" if step.name in self.skipped else "; ".join(self.cells[step.name, kind.name]) or "ok"
                row.append(f"{shown:<{len(kind.name)}}")
            lines.append(" | ".join(row))
        lines += [f"n/a: {name}: {why}" for name, why in self.skipped.items()]
        return "\n".join(lines)


def run_matrix(factory: Callable[[], Driver], capabilities: list[str]) -> Matrix:
    """Run every cell on a fresh driver from `factory`; the restart steps need the capability "persistence"."""
    matrix = Matrix()
    for step in STEPS:
        if step.restart and "persistence" not in capabilities:
            matrix.skipped[step.name] = "the implementation does not declare the capability 'persistence'"
            continue
        for kind in KINDS:
            matrix.cells[step.name, kind.name] = run_cell(factory, step, kind)
    return matrix
