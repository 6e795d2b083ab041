"""The capability names an implementation may declare in `describe()`; features tag their needs `@needs:NAME`."""

from __future__ import annotations

CAPABILITIES: dict[str, str] = {
    "entities": "offline commands on the page's entity table, custom entities and ribbon buttons",
    "organization": "business units, teams, users, roles, record sharing and hierarchy security",
    "profiles": "offline profiles, their filter rules and limits, and the org data filter",
    "sync": "sync cycles: the upload queue, the delta download, sync errors and retries",
    "forms": "forms with business rules and lookups",
    "process_flows": "business process flows and their stages",
    "subgrids": "subgrids on forms and Add Existing",
    "views": "system, quick and personal views",
    "search": "categorized and relevance search",
    "timeline": "timeline notes and their attachments",
    "security": "privilege snapshots, server validation and field-level security",
    "network": "simulated network conditions and cycle durations",
    "schedule": "scheduled sync cycles on the simulated clock",
    "faults": "connection faults injected at a point of a sync cycle",
    "persistence": "the device's store and queue survive a restart of the app",
}


def unknown(declared: list[str]) -> list[str]:
    """The declared capability names this harness does not know, sorted."""
    return sorted(set(declared) - set(CAPABILITIES))
