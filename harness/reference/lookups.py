"""Lookups offline (CAP-LK): they reach only records on the device, of entities the user's profile holds."""

from __future__ import annotations

from harness.driver import Fields, Finding, ProfileDefinition, Refused
from harness.reference.metadata import Metadata
from harness.reference.session import Session

LIMIT = "lookup targets must be offline-enabled"


def lookup_refusal(session: Session, entity: str, fields: Fields) -> Refused | None:
    """Offline, why a lookup value in `fields` cannot be set: its target entity or record is not on the device."""
    if session.online:
        return None
    attributes = session.metadata.entities[entity].attributes
    for name, value in fields.items():
        attribute = attributes.get(name)
        if attribute is None or attribute.type != "lookup" or not isinstance(value, dict):
            continue
        target, target_id = value.get("entity"), value.get("id")
        if not isinstance(target, str) or not isinstance(target_id, str):
            continue
        if target not in session.device.offline_entities:
            reason = f"{entity}.{name} looks up {target}, which is not available offline for {session.user}"
            return Refused("CAP-LK", reason, target, LIMIT)
        if session.device.get(target, target_id) is None:
            reason = f"{entity}.{name}: no {target} record {target_id!r} on {session.user}'s device"
            return Refused("CAP-LK", reason, target, LIMIT)
    return None


def unavailable_lookups(metadata: Metadata, profile: ProfileDefinition) -> list[Finding]:
    """Publish warnings: each lookup of a profile entity whose target entity the profile leaves out (CAP-LK)."""
    entities = sorted({item.entity for item in profile.items if item.entity in metadata.entities})
    return [
        Finding(
            "CAP-LK",
            f"lookup {entity}.{attribute.name} points to {attribute.target}, which profile {profile.name!r} "
            "leaves out: the lookup is unavailable offline",
            entity,
            LIMIT,
        )
        for entity in entities
        for attribute in metadata.entities[entity].attributes.values()
        if attribute.type == "lookup" and attribute.target and attribute.target not in entities
    ]
