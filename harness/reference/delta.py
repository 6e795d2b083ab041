"""The download delta: what a device must receive so that it holds exactly its membership, and no more.

Only records that may differ are looked at: those the membership's advance touched, and those still owed from
earlier cycles. Each goes down through its entity's column plan (the columns the user may not see offline
left out; the server's own dict when there are none) with its wire size worked out once per version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from harness.driver import Fields
from harness.reference.device import Device
from harness.reference.network import WireSizes, record_bytes
from harness.reference.server import ServerStore
from harness.reference.subscription import Ids, Membership


@dataclass(frozen=True)
class Delta:
    """Records to upsert (entity, record as the device may hold it, version, wire size), records to remove,
    the new token, and per entity the records left owed (a change still queued, or not downloaded now)."""

    upserts: list[tuple[str, Fields, int, int]]
    removals: list[tuple[str, str]]
    token: int
    owed: Ids


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
    upserts: list[tuple[str, Fields, int, int]] = []
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
        hidden = access.hidden(entity, offline=True)
        for record_id in ids:
            if record_id in pending:
                owed.setdefault(entity, set()).add(record_id)
            elif record_id in members:
                record = server.get(entity, record_id)
                assert record is not None, f"{entity} {record_id} belongs but is not on the server"
                version = server.version_of(entity, record_id)
                if hidden:
                    record = {k: v for k, v in record.items() if k not in hidden}
                    size = record_bytes(record)
                else:
                    size = sizes.of(entity, record, version)
                upserts.append((entity, record, version, size))
            elif store.get(entity, record_id) is not None:
                removals.append((entity, record_id))
    return Delta(upserts, removals, server.version, owed)
