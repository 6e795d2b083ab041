"""The offline gate: what a device lets its user do with no server, decided from what it learned at its last sync.

One place for every offline refusal of a write or a read: the page's entity table (ENT), the user's profile
(entities on the device), the privilege snapshot (SEC-1), field security (SEC-5) and lookups (CAP-LK). The
snapshot is taken when a cycle completes and kept in the device's store; until then the device has none and
nothing is available offline.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.driver import Access, Command, Fields, Refused
from harness.reference.changes import ACCESS_OF, Change
from harness.reference.device import Device
from harness.reference.entity_table import NOT_OFFLINE_CLAIM, OfflineEntity, OfflineTable
from harness.reference.metadata import Metadata

LOOKUP_LIMIT = "lookup targets must be offline-enabled"
ACCESS_OF_COMMAND: dict[str, Access] = {"read": "read", "refresh": "read", "create": "create", "delete": "delete"}


@dataclass(frozen=True)
class OfflineGate:
    """The offline rules, over the page's entity table and the metadata."""

    table: OfflineTable
    metadata: Metadata

    def row(self, entity: str) -> OfflineEntity | None:
        """The table row governing `entity` offline, or None if it cannot be offline (ENT-22)."""
        meta = self.metadata.entities.get(entity)
        return self.table.row(entity, meta.custom) if meta else None

    def offline_entities(self, device: Device) -> frozenset[str]:
        """The entities on the device (those of its user's profile at the last sync)."""
        snapshot = device.snapshot
        return snapshot.entities if snapshot else frozenset()

    def command_refusal(self, device: Device, entity: str, command: Command) -> Refused | None:
        """Why `command` on `entity` cannot run on the device: not in the table, not allowed, not in the profile."""
        row = self.row(entity)
        if row is None:
            reason = f"{command} on {entity}: {entity} is not available offline (not in the page's entity table)"
            return Refused(NOT_OFFLINE_CLAIM, reason, entity, "the page's entity table")
        if command not in row.commands:
            allowed = ", ".join(sorted(row.commands))
            reason = f"{command} is not available offline on {row.label} ({entity}); offline it allows {allowed}"
            return Refused(row.claim, reason, entity, allowed)
        if entity not in self.offline_entities(device):
            return Refused(row.claim, f"{entity} is not in {device.user}'s offline profile", entity)
        return None

    def subject_refusal(
        self, device: Device, entity: str, command: Command, record_id: str | None, record: Fields | None
    ) -> Refused | None:
        """Why the user may not run `command` on this record by the privileges of the last sync (SEC-1)."""
        access = ACCESS_OF_COMMAND.get(command, "write")
        if command != "create" and record is None:
            return Refused("REL-BAD", f"no {entity} record with id {record_id!r} on this device", entity)
        if self._allows(device, access, entity, record or {"ownerid": device.user}):
            return None
        why = f"{device.user} may not {access} {entity} records (privileges of the last sync)"
        return Refused("SEC-1", f"{command} on {entity}: {why}", entity)

    def change_refusal(self, device: Device, change: Change, record: Fields | None = None) -> Refused | None:
        """Why the device refuses a change (to `record`, if the caller read it already): privileges of the last sync
        (SEC-1), secured columns (SEC-5)."""
        access = ACCESS_OF[change.action]
        if change.action == "create":
            record = {"ownerid": device.user}
        elif record is None:
            record = device.store.get(change.entity, change.record_id)
        if record is None or not self._allows(device, access, change.entity, record):
            reason = f"{device.user} may not {access} {change.entity} records (privileges as of the last sync)"
            return Refused("SEC-1", reason, change.entity)
        return self.field_refusal(device, change.entity, change.fields)

    def field_refusal(self, device: Device, entity: str, fields: Fields) -> Refused | None:
        """Why `fields` cannot be written offline: a column under field-level security (SEC-5)."""
        snapshot = device.snapshot
        for name in fields:
            if snapshot is None or not snapshot.access.may_write_field(entity, name, offline=True):
                reason = f"{entity}.{name} is secured by field-level security: not writable offline"
                return Refused("SEC-5", reason, entity)
        return None

    def lookup_refusal(self, device: Device, entity: str, fields: Fields) -> Refused | None:
        """Why a lookup in `fields` cannot be set offline: its target entity or record is not on the device."""
        attributes = self.metadata.entities[entity].attributes
        for name, value in fields.items():
            attribute = attributes.get(name)
            if attribute is None or attribute.type != "lookup" or not isinstance(value, dict):
                continue
            target, target_id = value.get("entity"), value.get("id")
            if not isinstance(target, str) or not isinstance(target_id, str) or target != (attribute.target or target):
                continue  # malformed: the write path's check of the fields refuses it (REL-BAD)
            if target not in self.offline_entities(device):
                reason = f"{entity}.{name} looks up {target}, which is not available offline for {device.user}"
                return Refused("CAP-LK", reason, target, LOOKUP_LIMIT)
            if device.store.get(target, target_id) is None:
                reason = f"{entity}.{name}: no {target} record {target_id!r} on {device.user}'s device"
                return Refused("CAP-LK", reason, target, LOOKUP_LIMIT)
        return None

    def unavailable(self, device: Device, entity: str, claim: str, doing: str) -> Refused | None:
        """Why `doing` something with `entity` is refused offline: it is not on the device."""
        if entity in self.offline_entities(device):
            return None
        return Refused(claim, f"{doing}: {entity} is not available offline for {device.user}", entity)

    def _allows(self, device: Device, access: Access, entity: str, record: Fields) -> bool:
        snapshot = device.snapshot
        ownership = self.metadata.entities[entity].ownership
        return snapshot is not None and snapshot.access.allows(access, entity, ownership, record)
