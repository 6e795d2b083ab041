"""Deliberately broken implementation of timeline notes offline (CAP-TL)."""

from __future__ import annotations

from collections.abc import Callable

from harness.driver import Attachment, Outcome, Refused
from harness.reference.changes import Change
from harness.reference.metadata import NOTE
from harness.reference.server import ServerStore
from harness.reference.subscription import Advance, Ids, Journal, Judge, Membership, Scope
from harness.reference.timeline import Timeline
from harness.reference.writes import Session
from tests.broken.swap import judged_by, swapping


class _NotesStayOnTheDevice(Timeline):
    def commit(self, session: Session, changes: list[Change]) -> Outcome:
        if session.online:
            return super().commit(session, changes)
        for change in changes:
            session.device.apply(change, session.path.clock.iso())
        return None


CAP_TL = swapping(timeline=_NotesStayOnTheDevice)
"""Offline, notes and their files change on the device but are never queued for the server."""


class _AnyRecordTakesNotes(Timeline):
    def _parent_refusal(self, session: Session, entity: str, record_id: str, doing: str) -> Refused | None:
        return session.unavailable(entity, "CAP-TL", doing)


CAP_TL__notes_on_records_not_held = swapping(timeline=_AnyRecordTakesNotes)
"""Offline, a note can be added to any record of a profile entity, held on the device or not."""


class _EveryReadableNote(Membership):
    @classmethod
    def compute(cls, scope: Scope, server: ServerStore, notes: bool = True) -> Membership:
        found = super().compute(scope, server, notes)
        if notes:
            readable = {str(n["id"]) for n in server.all(NOTE) if server.security.allows(scope.user, "read", NOTE, n)}
            found.members[NOTE] = found.members.get(NOTE, set()) | readable
        return found

    def advance(self, scope: Scope, server: ServerStore) -> Advance:
        return self._replace(
            self.compute(scope, server), self._changed_since(server), scope.profile != self.scope.profile
        )


CAP_TL__every_readable_note = swapping(membership=_EveryReadableNote)
"""Notes sync as an entity of their own: every note the user may read comes down, whatever record it is on."""


class _OnlyPhotosOffline(Timeline):
    def attach(self, session: Session, note_id: str, attachment: Attachment) -> Outcome:
        if session.online or attachment.source == "camera":
            return super().attach(session, note_id, attachment)
        return None


CAP_TL__files_attach_as_nothing_offline = swapping(timeline=_OnlyPhotosOffline)
"""Offline, only camera photos attach: a file is accepted and silently dropped."""


class _NotesOutliveTheirRecord(Judge):
    """On a later sync, a note the user may read stays, even once the record it is on has left the device."""

    def supported(self, entity: str, record_id: str, member: Callable[[str, str], bool]) -> bool:
        record = self.server.get(entity, record_id)
        if entity == NOTE and record is not None and self.passes(NOTE, record, False):
            return True
        return super().supported(entity, record_id, member)


CAP_TL__notes_outlive_their_record = judged_by(_NotesOutliveTheirRecord)
"""The notes of a record that leaves the device stay on it."""


class _NotesOfTheLastLeaverOnly(Membership):
    """When records of several entities leave in one interval, follows only the last entity's records to the notes
    they brought: the notes of the others stay on the device."""

    def _reclose(self, judge: Judge, recheck: Ids, journal: Journal, moved: dict[tuple[str, str], bool]) -> None:
        left = [(e, i) for (e, i), was in moved.items() if was and e not in judge.targets and not self.member(e, i)]
        last = left[-1][0] if left else None
        followed = {key: was for key, was in moved.items() if key not in left or key[0] == last}
        super()._reclose(judge, recheck, journal, followed)
        for key, was in followed.items():
            moved.setdefault(key, was)


CAP_TL__notes_of_one_leaving_entity_only = swapping(membership=_NotesOfTheLastLeaverOnly)
