"""Steps about timeline notes and the files and photos on them (CAP-TL)."""

from __future__ import annotations

import base64

from pytest_bdd import given, parsers, then, when

from harness.driver import Attachment, Note

from .entities import ref
from .organization import HEAD_OFFICE
from .world import World

NOTE = "annotation"
"""The entity a note (and each file on it) is stored as, on the server and on a device."""
MIME_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png", "txt": "text/plain"}
SOURCES = {"file": "file", "photo": "camera"}


def attachment(kind: str, name: str) -> Attachment:
    """A file (or a camera photo) whose bytes are derived from its name, so any copy of it can be checked."""
    content = base64.b64encode(f"the bytes of {name}".encode()).decode()
    return Attachment(name, MIME_TYPES[name.rsplit(".", 1)[-1]], content, SOURCES[kind])  # type: ignore[arg-type]


@given(parsers.parse('"{user}" is a salesperson too'))
def colleague(world: World, user: str) -> None:
    world.accept(world.driver.add_user(user, HEAD_OFFICE))
    world.accept(world.driver.assign_role(user, "everything"))


@when(parsers.parse('"{user}" adds the note "{text}" to the {entity} "{alias}"'))
def adds_note(world: World, user: str, text: str, entity: str, alias: str) -> None:
    world.outcome = world.driver.add_note(user, entity, world.id(alias), text)
    if isinstance(world.outcome, str):
        world.remember(text, "annotation", world.outcome)


@given(parsers.parse('"{user}" has added the note "{text}" to the {entity} "{alias}"'))
def has_added_note(world: World, user: str, text: str, entity: str, alias: str) -> None:
    adds_note(world, user, text, entity, alias)
    world.accept(world.outcome)


@when(parsers.parse('"{user}" attaches the {kind} "{name}" to the note "{text}"'))
def attaches(world: World, user: str, kind: str, name: str, text: str) -> None:
    world.outcome = world.driver.attach_to_note(user, world.id(text), attachment(kind, name))


@given(parsers.parse('"{user}" has attached the {kind} "{name}" to the note "{text}"'))
def has_attached(world: World, user: str, kind: str, name: str, text: str) -> None:
    world.accept(world.driver.attach_to_note(user, world.id(text), attachment(kind, name)))


@when(parsers.parse('"{user}" removes the {kind} "{name}" from the note "{text}"'))
def removes(world: World, user: str, kind: str, name: str, text: str) -> None:
    world.outcome = world.driver.remove_note_attachment(user, world.id(text), name)


def note(world: World, user: str, text: str, entity: str, alias: str) -> Note:
    """The note with `text` on the timeline of a record, as the user sees it now."""
    notes = world.accept(world.driver.notes(user, entity, world.id(alias)))
    found: list[Note] = [n for n in notes if n.text == text and n.id == world.id(text)]
    assert found, f"no note {text!r} among {notes}"
    return found[0]


@then(parsers.parse('"{user}" sees the note "{text}" on the {entity} "{alias}"'))
def sees_note(world: World, user: str, text: str, entity: str, alias: str) -> None:
    assert note(world, user, text, entity, alias)


@then(parsers.parse('"{user}" sees the {kind} "{name}" on the note "{text}" of the {entity} "{alias}"'))
def sees_file(world: World, user: str, kind: str, name: str, text: str, entity: str, alias: str) -> None:
    assert attachment(kind, name) in note(world, user, text, entity, alias).attachments
    world.observed.add(("file", world.id(text), name))


@then(parsers.parse('"{user}" sees no {kind} "{name}" on the note "{text}" of the {entity} "{alias}"'))
def misses_file(world: World, user: str, kind: str, name: str, text: str, entity: str, alias: str) -> None:
    assert ("file", world.id(text), name) in world.observed, f"{name!r} was never seen on {text!r}: nothing to miss"
    assert name not in [a.file_name for a in note(world, user, text, entity, alias).attachments]


@then(parsers.parse('"{user}" sees only the note "{text}" on the {entity} "{alias}"'))
def sees_only(world: World, user: str, text: str, entity: str, alias: str) -> None:
    assert [n.id for n in world.accept(world.driver.notes(user, entity, world.id(alias)))] == [world.id(text)]


def timeline_of(world: World, entity: str, record_id: str) -> set[str]:
    """The ids of the notes on a record and of the files on those notes, as the server holds them."""
    on_server = world.driver.server_records(NOTE)
    notes = {str(n["id"]) for n in on_server if n.get("objectid") == ref(entity, record_id)}
    return notes | {str(f["id"]) for f in on_server if f.get("objectid") in [ref(NOTE, n) for n in notes]}


@then(parsers.parse('"{user}"\'s device holds no note or file of the {entity} "{alias}"'))
def holds_no_timeline(world: World, user: str, entity: str, alias: str) -> None:
    theirs, held = timeline_of(world, entity, world.id(alias)), world.driver.device_records(user, NOTE)
    assert theirs and held, f"the server holds {len(theirs)} notes and files of it, the device {len(held)} in all"
    assert not theirs & {str(record["id"]) for record in held}, held


@then(parsers.parse('"{user}"\'s device holds the note "{text}"'))
def holds_note(world: World, user: str, text: str) -> None:
    assert world.driver.device_record(user, NOTE, world.id(text)) is not None


@then(parsers.parse('"{user}"\'s device does not hold the note "{text}"'))
def lacks_note(world: World, user: str, text: str) -> None:
    assert world.driver.server_record(NOTE, world.id(text)) is not None, f"no note {text!r} on the server"
    assert world.driver.device_record(user, NOTE, world.id(text)) is None
