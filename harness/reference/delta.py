"""The download delta: what a device must receive since its token to hold exactly its scope, and no more."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from harness.driver import Fields
from harness.reference.device import Device
from harness.reference.server import ServerStore


@dataclass(frozen=True)
class Delta:
    """Records to upsert (entity, record as the device may hold it, version), records to remove, the new token."""

    upserts: list[tuple[str, Fields, int]]
    removals: list[tuple[str, str]]
    token: int


def delta_for(
    device: Device,
    server: ServerStore,
    scope: dict[str, set[str]],
    entities: Iterable[str],
    resend: Iterable[str] = (),
) -> Delta:
    """The delta of `entities`: records in `scope` that changed since the entity's token, are new to the device
    or must be fetched again come down (all of them for an entity never downloaded, or whose visible columns
    changed: `resend`); held records outside `scope` (deleted, or out of the user's reach) go. A record with a
    change still queued is left alone: it moves only after its change is uploaded (REL-DEL)."""
    pending = device.pending_ids()
    changed: dict[int, set[str]] = {}
    upserts: list[tuple[str, Fields, int]] = []
    removals: list[tuple[str, str]] = []
    resend = set(resend)
    for entity in sorted(entities):
        token = device.tokens.get(entity, 0)
        wanted = scope.get(entity, set())
        held = set(device.store.get(entity, {}))
        if token == 0 or entity in resend:
            fresh = wanted
        else:
            if token not in changed:
                changed[token] = server.changed_since(token)
            fresh = (wanted & (changed[token] | device.refetch)) | (wanted - held)
        for record_id in sorted(fresh - pending):
            record = server.get(entity, record_id)
            assert record is not None, f"{entity} {record_id} is in scope but not on the server"
            visible = server.security.visible(device.user, entity, record, offline=True)
            upserts.append((entity, visible, server.version_of(entity, record_id)))
        removals.extend((entity, record_id) for record_id in sorted(held - wanted - pending))
    return Delta(upserts, removals, server.version)
