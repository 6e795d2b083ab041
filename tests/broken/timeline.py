"""Deliberately broken implementation of timeline notes offline (CAP-TL)."""

from __future__ import annotations

from harness.driver import Outcome
from harness.reference.changes import Change
from harness.reference.timeline import Timeline
from harness.reference.writes import Session
from tests.broken.swap import swapping


class _NotesStayOnTheDevice(Timeline):
    def commit(self, session: Session, changes: list[Change]) -> Outcome:
        if session.online:
            return super().commit(session, changes)
        for change in changes:
            session.device.apply(change, session.path.clock.iso())
        return None


CAP_TL = swapping(timeline=_NotesStayOnTheDevice)
"""Offline, notes and their files change on the device but are never queued for the server."""
