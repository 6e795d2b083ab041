"""Deliberately broken implementations of timeline notes offline (CAP-TL)."""

from __future__ import annotations

from harness.driver import Attachment, Outcome, Refused
from harness.reference import ReferenceImplementation
from harness.reference.changes import Change
from harness.reference.delta import Delta
from harness.reference.session import Session
from harness.reference.sync import Cycle
from harness.reference.timeline import NOTE, Timeline
from tests.broken.swap import swapping


class _NotesStayOnTheDevice(Timeline):
    def commit(self, session: Session, changes: list[Change]) -> Outcome:
        if session.online:
            return super().commit(session, changes)
        for change in changes:
            session.device.apply_locally(change)
        return None


CAP_TL = swapping("timeline", lambda impl: _NotesStayOnTheDevice(impl.metadata))
"""Offline, notes and their files change on the device but are never queued for the server."""


class _AnyRecordTakesNotes(Timeline):
    def _parent_refusal(self, session: Session, entity: str, record_id: str, doing: str) -> Refused | None:
        return session.unavailable(entity, "CAP-TL", doing)


CAP_TL__notes_on_records_not_held = swapping("timeline", lambda impl: _AnyRecordTakesNotes(impl.metadata))
"""Offline, a note can be added to any record of a profile entity, held on the device or not."""


class _EveryReadableNote(Cycle):
    def _download(self, scope: dict[str, set[str]], entities: set[str]) -> Delta:
        readable = [
            n for n in self.server.all(NOTE) if self.server.security.allows(self.device.user, "read", NOTE, "user", n)
        ]
        notes = scope.get(NOTE, set()) | {str(n["id"]) for n in readable}
        return super()._download({**scope, NOTE: notes}, entities | {NOTE})


class CAP_TL__every_readable_note(ReferenceImplementation):
    """Notes sync as an entity of their own: every note the user may read comes down, whatever record it is on."""

    def __init__(self) -> None:
        super().__init__(cycle=_EveryReadableNote)


class _OnlyPhotosOffline(Timeline):
    def attach(self, session: Session, note_id: str, attachment: Attachment) -> Outcome:
        if session.online or attachment.source == "camera":
            return super().attach(session, note_id, attachment)
        return None


CAP_TL__files_attach_as_nothing_offline = swapping("timeline", lambda impl: _OnlyPhotosOffline(impl.metadata))
"""Offline, only camera photos attach: a file is accepted and silently dropped."""
