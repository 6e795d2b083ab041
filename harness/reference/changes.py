"""A change to one record: what a command produces, a device queues and the server applies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from harness.driver import Access, Fields

Action = Literal["create", "update", "delete", "associate", "disassociate"]
ACCESS_OF: dict[str, Access] = {
    "create": "create",
    "update": "write",
    "delete": "delete",
    "associate": "append",
    "disassociate": "append",
}
"""The access right each kind of change needs on its record."""


@dataclass(frozen=True)
class Change:
    """One record-level change; `seq` is the device's sequence number (0 until queued)."""

    action: Action
    entity: str
    record_id: str
    fields: Fields = field(default_factory=dict)
    seq: int = 0
    base_version: int = 0

    def queued(self, seq: int, base_version: int) -> Change:
        """This change numbered for upload, remembering the record version the device had seen."""
        return Change(self.action, self.entity, self.record_id, dict(self.fields), seq, base_version)
