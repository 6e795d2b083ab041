"""Timeline notes (CAP-TL): a note is an annotation on its record; each file on it is an annotation on the note.

Offline, notes are read, added and given or stripped of files (camera photos too) on the device, for records
of entities in the user's profile; the changes queue like any other and reach the server at the next sync.
A device also downloads the notes (and their files) of the records it holds (see the subscription).
"""

from __future__ import annotations

import binascii
from base64 import b64decode
from dataclasses import dataclass

from harness.driver import MAX_ATTACHMENT_BYTES, MAX_TEXT_LENGTH, Attachment, Fields, Note, Outcome, Refused
from harness.reference.changes import Change
from harness.reference.commands import ref
from harness.reference.metadata import NOTE, Metadata, note_target
from harness.reference.writes import Session

SOURCES = ("file", "camera")


def attachment_problem(attachment: Attachment) -> str | None:
    """Why `attachment` is malformed (no file name, no mime type, bytes not base64 or more than a note takes,
    unknown source), or None."""
    if not attachment.file_name or "/" not in attachment.mime_type or attachment.source not in SOURCES:
        return f"an attachment needs a file name, a mime type and a source {SOURCES}: {attachment.file_name!r}"
    try:
        size = len(b64decode(attachment.content_base64, validate=True))
    except (binascii.Error, ValueError):
        return f"the content of {attachment.file_name!r} is not base64"
    if size > MAX_ATTACHMENT_BYTES:
        return f"{attachment.file_name!r} is {size:,} bytes; a note takes at most {MAX_ATTACHMENT_BYTES:,}"
    return None


def _oldest_first(annotation: Fields) -> tuple[str, str]:
    return str(annotation["createdon"]), str(annotation["id"])


@dataclass
class Timeline:
    """Notes and their files, on the device offline and on the server online."""

    metadata: Metadata

    def add_note(self, session: Session, entity: str, record_id: str, text: str) -> str | Refused:
        """Add a note to a record; returns its id (made on the device offline)."""
        if not isinstance(text, str) or not text.strip():
            return Refused("REL-BAD", "a note needs some text", NOTE)
        if len(text) > MAX_TEXT_LENGTH["memo"]:
            reason = f"a note's text holds at most {MAX_TEXT_LENGTH['memo']:,} characters; this one has {len(text):,}"
            return Refused("REL-BAD", reason, NOTE)
        if refusal := self._parent_refusal(session, entity, record_id, "adding a note"):
            return refusal
        note_id = session.new_id()
        fields = {"notetext": text, "objectid": ref(entity, record_id), "isdocument": False}
        return self.commit(session, [Change("create", NOTE, note_id, fields)]) or note_id

    def notes(self, session: Session, entity: str, record_id: str) -> list[Note] | Refused:
        """A record's notes with their files, oldest first."""
        if refusal := self._parent_refusal(session, entity, record_id, "reading notes"):
            return refusal
        return [
            Note(str(note["id"]), str(note["notetext"]), [self._attachment(f) for f in self._files(session, note)])
            for note in self._on(session, entity, record_id)
        ]

    def attach(self, session: Session, note_id: str, attachment: Attachment) -> Outcome:
        """Put a file (or a camera photo) on a note; file names are unique on a note."""
        if problem := attachment_problem(attachment):
            return Refused("REL-BAD", problem, NOTE)
        note = self._note(session, note_id)
        if isinstance(note, Refused):
            return note
        if any(f.get("filename") == attachment.file_name for f in self._files(session, note)):
            return Refused("REL-BAD", f"note {note_id} already has a file {attachment.file_name!r}", NOTE)
        fields = {
            "objectid": ref(NOTE, note_id),
            "filename": attachment.file_name,
            "mimetype": attachment.mime_type,
            "documentbody": attachment.content_base64,
            "isdocument": True,
            "attachmentsource": attachment.source,
        }
        return self.commit(session, [Change("create", NOTE, session.new_id(), fields)])

    def detach(self, session: Session, note_id: str, file_name: str) -> Outcome:
        """Take a file off a note."""
        note = self._note(session, note_id)
        if isinstance(note, Refused):
            return note
        found = [f for f in self._files(session, note) if f.get("filename") == file_name]
        if not found:
            return Refused("REL-BAD", f"note {note_id} has no file {file_name!r}", NOTE)
        return self.commit(session, [Change("delete", NOTE, str(found[0]["id"]))])

    def commit(self, session: Session, changes: list[Change]) -> Outcome:
        """Offline on the device and queued for the next sync; online straight to the server."""
        return session.commit(changes)

    def _parent_refusal(self, session: Session, entity: str, record_id: str, doing: str) -> Refused | None:
        if refusal := session.unavailable(entity, "CAP-TL", doing):
            return refusal
        if session.read(entity, record_id) is None and not session.online:
            return Refused("CAP-TL", f"{doing}: no {entity} record {record_id!r} on the device", entity)
        if session.read(entity, record_id) is None:
            return Refused("REL-BAD", f"{doing}: no {entity} record {record_id!r} here", entity)
        return None

    def _note(self, session: Session, note_id: str) -> Fields | Refused:
        note = session.read(NOTE, note_id)
        if note is None or note.get("isdocument"):
            return Refused("REL-BAD", f"no note {note_id!r} here", NOTE)
        return note

    def _on(self, session: Session, entity: str, record_id: str) -> list[Fields]:
        """The annotations on a record, oldest first."""
        return sorted((a for a in session.records(NOTE) if note_target(a) == (entity, record_id)), key=_oldest_first)

    def _files(self, session: Session, note: Fields) -> list[Fields]:
        """The files on a note, oldest first."""
        return self._on(session, NOTE, str(note["id"]))

    def _attachment(self, annotation: Fields) -> Attachment:
        return Attachment(
            str(annotation["filename"]),
            str(annotation["mimetype"]),
            str(annotation["documentbody"]),
            "camera" if annotation.get("attachmentsource") == "camera" else "file",
        )
