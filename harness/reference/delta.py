"""The download delta: what a device must receive so that it holds exactly its membership, and no more.

Only records that may differ are looked at: those the membership's advance touched, and those still owed from
earlier cycles. Each goes down through its entity's column plan (the columns the user may not see offline left
out; the server's own dict when there are none) with its wire size worked out once per version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from harness.driver import Fields
from harness.reference.device import Device
from harness.reference.network import WireSizes, record_bytes
from harness.reference.server import ServerStore
from harness.reference.subscription import Ids, Membership


@dataclass
class Batch:
    """One entity's records to put on the device, by id (as the device may hold them), and the server version each
    is current to."""

    records: dict[str, Fields] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)

    def only(self, keep: Callable[[str, Fields], bool]) -> Batch:
        """The records of this batch that `keep` keeps (by id and record)."""
        kept = {i: r for i, r in self.records.items() if keep(i, r)}
        return Batch(kept, {i: v for i, v in self.versions.items() if i in kept})


@dataclass(frozen=True)
class Delta:
    """Records to upsert per entity, their wire sizes in download order, records to remove, the new token, and per
    entity the records left owed (a change still queued, or their entity not downloaded now)."""

    upserts: dict[str, Batch]
    sizes: list[int]
    removals: list[tuple[str, str]]
    token: int
    owed: Ids

    @property
    def count(self) -> int:
        """How many records come down."""
        return len(self.sizes)


def delta_for(
    device: Device,
    server: ServerStore,
    membership: Membership,
    touched: Ids,
    entities: Iterable[str],
    resend: Iterable[str],
    sizes: WireSizes,
) -> Delta:
    """The delta of `entities`: members that may have changed come down (all of an entity in `resend`); records
    the device holds that are no longer members go. A record with a change still queued is left alone until the
    change is uploaded (REL-DEL); it stays owed."""
    pending = device.pending_ids()
    access, store, resend = membership.scope.access, device.store, set(resend)
    upserts: dict[str, Batch] = {}
    wire: list[int] = []
    removals: list[tuple[str, str]] = []
    owed: Ids = {}
    downloaded = set(entities)
    for entity in set(touched) | set(membership.owed) | downloaded:
        ids = touched.get(entity, set()) | membership.owed.get(entity, set())
        if entity not in downloaded:
            if ids:
                owed[entity] = ids
            continue
        members = membership.members.get(entity, set())
        if entity in resend:
            ids |= members
        if not ids:
            continue
        if pending and (deferred := ids & pending):
            owed[entity] = deferred
            ids -= deferred
        batch = upserts[entity] = Batch()
        records, versions = batch.records, batch.versions
        record_of, version_of = server.readers(entity)
        hidden = access.hidden(entity, offline=True)
        known = sizes.of_entity(entity)
        for record_id in ids & members:
            record = record_of(record_id)
            assert record is not None, f"{entity} {record_id} belongs but is not on the server"
            version = version_of(record_id) or 0
            if hidden:
                record = access.visible(entity, record, offline=True)
                wire.append(record_bytes(record))
            else:
                size = known.get(record_id)
                if size is None or size[0] != version:
                    size = known[record_id] = (version, record_bytes(record))
                wire.append(size[1])
            records[record_id] = record
            versions[record_id] = version
        removals.extend((entity, record_id) for record_id in ids - members if store.get(entity, record_id) is not None)
    return Delta(upserts, wire, removals, server.version, owed)
