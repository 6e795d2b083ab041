"""The capability names an implementation may declare in `describe()`, and the seam methods each one covers.

Features tag what they need with `@needs:NAME` at Feature or Rule level. A scenario needing a capability the
implementation does not declare is skipped before it runs, and the guard never calls a method of an undeclared
capability (it raises `Unsupported` instead). The core methods (organization basics, profiles, server data,
commands, sync) belong to no capability: every implementation offers them.

Limitations and limits are never skipped for a missing capability: what the page says cannot be done or may not
be exceeded must be shown to hold. Such a scenario runs; if it reaches a capability the implementation lacks, it
fails, naming the capability. Only the implementation's expectations file can skip it (with a reason and a link).
"""

from __future__ import annotations

CAPABILITIES: dict[str, str] = {
    "entities": "custom entities, their columns and relationships; ribbon buttons and the command bar",
    "organization": "owner teams and their members",
    "sharing": "record sharing with users and teams",
    "hierarchy": "hierarchy security: managers read the records of the people below them",
    "profiles": "profile filter rules and limits, adding users to a published profile, the org data filter",
    "lookups": "lookup columns set and resolved offline; lookups to entities outside the profile",
    "sync": "device work during a cycle, retrying sync errors, the conflict-detection setting",
    "forms": "forms and their business rules",
    "process_flows": "business process flows and their stages",
    "subgrids": "subgrids on forms, Add Existing and Remove, many-to-many links",
    "views": "system, quick and personal views",
    "search": "categorized and relevance search",
    "timeline": "timeline notes and their attachments",
    "security": "privilege changes at the next sync, server validation, field-level security and field sharing",
    "network": "simulated network conditions and cycle durations",
    "schedule": "scheduled sync cycles on the simulated clock",
    "faults": "connection faults injected at a point of a sync cycle",
    "persistence": "the device's store and queue survive a restart of the app",
    "metadata": "offline app modules and the metadata download",
}

METHODS: dict[str, str] = {
    "add_custom_entity": "entities",
    "add_attribute": "entities",
    "add_relationship": "entities",
    "add_ribbon_button": "entities",
    "command_bar": "entities",
    "press_ribbon_button": "entities",
    "add_team": "organization",
    "set_team_members": "organization",
    "share_record": "sharing",
    "set_hierarchy_security": "hierarchy",
    "add_profile_users": "profiles",
    "set_org_data_filter": "profiles",
    "begin_sync": "sync",
    "finish_sync": "sync",
    "retry_sync_error": "sync",
    "set_conflict_detection": "sync",
    "add_form": "forms",
    "open_form": "forms",
    "add_process_flow": "process_flows",
    "move_stage": "process_flows",
    "add_existing": "subgrids",
    "remove_existing": "subgrids",
    "server_associate": "subgrids",
    "add_view": "views",
    "list_views": "views",
    "open_view": "views",
    "search": "search",
    "search_fields": "search",
    "set_quick_find_columns": "search",
    "add_note": "timeline",
    "notes": "timeline",
    "attach_to_note": "timeline",
    "remove_note_attachment": "timeline",
    "secure_field": "security",
    "grant_field_access": "security",
    "share_field": "security",
    "set_network": "network",
    "advance_clock": "schedule",
    "inject_fault": "faults",
    "restart_app": "persistence",
    "set_offline_app_modules": "metadata",
}
"""The capability of every seam method that is not core."""

CORE = frozenset(
    {
        "describe",
        "add_business_unit",
        "add_user",
        "define_role",
        "assign_role",
        "revoke_role",
        "publish_profile",
        "server_create",
        "server_update",
        "server_delete",
        "server_record",
        "server_records",
        "import_records",
        "now",
        "go_offline",
        "go_online",
        "run_command",
        "sync",
        "device_records",
        "device_record",
        "pending_changes",
        "sync_errors",
    }
)
"""The seam methods every implementation offers: no scenario can run without them."""

NEVER_SKIPPED_KINDS = frozenset({"limitation", "limit"})
"""Claim kinds whose scenarios run whatever the implementation declares."""


def unknown(declared: list[str]) -> list[str]:
    """The declared capability names this harness does not know, sorted."""
    return sorted(set(declared) - set(CAPABILITIES))


def of_method(method: str) -> str | None:
    """The capability a seam method belongs to (None: core)."""
    return METHODS.get(method)
