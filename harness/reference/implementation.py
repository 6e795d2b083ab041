"""The reference implementation behind the seam: a facade that delegates every `Driver` call to one part."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Literal, TypeVar, Unpack

from harness import __version__
from harness.arguments import checked
from harness.driver import (
    PROTOCOL_VERSION,
    Access,
    AppModule,
    Attachment,
    Attribute,
    Command,
    CommandResult,
    Condition,
    EntityDefinition,
    FaultPoint,
    Fields,
    FormDefinition,
    FormState,
    ImplementationInfo,
    NetworkConditions,
    Note,
    Outcome,
    Privilege,
    ProcessFlowDefinition,
    ProfileDefinition,
    PublishResult,
    QueuedChange,
    RecordRef,
    Refused,
    RelationshipDefinition,
    SearchMode,
    SyncError,
    SyncReport,
    ViewDefinition,
    ViewInfo,
)
from harness.reference.sqlite_store import SQLiteDevices
from harness.reference.wiring import Overrides, Parts, clone, parts
from harness.reference.writes import Session

CAPABILITIES = [
    "entities",
    "organization",
    "profiles",
    "sync",
    "forms",
    "process_flows",
    "subgrids",
    "views",
    "search",
    "timeline",
    "security",
    "network",
    "schedule",
    "faults",
    "sharing",
    "hierarchy",
    "lookups",
    "metadata",
    "persistence",
]
T = TypeVar("T")


def _why(problem: str | None, entity: str | None = None) -> Outcome:
    """A part's reason for refusing bad input, as the seam's refusal."""
    return None if problem is None else Refused("REL-BAD", problem, entity)


@checked
class ReferenceImplementation:
    """A complete in-memory offline CRM: one server, one device per user, a simulated clock and network."""

    def __init__(self, wired: Parts | None = None, name: str = "reference") -> None:
        self.parts = wired if wired is not None else parts()
        self.name = name

    def close(self) -> None:
        """Close the devices' stores (the harness calls this when a scenario is over)."""
        self.parts.fleet.close()

    def _as(self, user: str, act: Callable[[Session], T]) -> T | Refused:
        """`act` in the user's session (on their device offline, against the server online)."""
        session = self.parts.writes.session(user)
        return session if isinstance(session, Refused) else act(session)

    def snapshot(self) -> Parts:
        """A frozen copy of everything this implementation holds (say, a data set just loaded), for `restore`."""
        return clone(self.parts)

    def restore(self, snapshot: object) -> bool:
        """Become a copy of `snapshot`, if nothing has happened here yet and its parts are of the same classes (else
        change nothing and say False): a data set loaded once in a process is then handed to each new
        implementation in moments."""
        parts = self.parts
        untouched = not parts.server.log and not parts.fleet.devices and not parts.security.version
        if not isinstance(snapshot, Parts) or not untouched or parts.profiles.version or parts.clock.seconds:
            return False
        if any(type(getattr(snapshot, f.name)) is not type(getattr(parts, f.name)) for f in dataclasses.fields(parts)):
            return False
        self.parts = clone(snapshot)
        return True

    def describe(self) -> ImplementationInfo:
        """Name, version, protocol version and capabilities."""
        return ImplementationInfo(self.name, __version__, PROTOCOL_VERSION, list(CAPABILITIES))

    # -- organization -----------------------------------------------------------------------
    def add_business_unit(self, name: str, parent: str | None = None) -> Outcome:
        """Add a business unit."""
        return self.parts.security.add_business_unit(name, parent)

    def add_team(self, name: str, business_unit: str, members: list[str] | None = None) -> Outcome:
        """Add an owner team."""
        return self.parts.security.add_team(name, business_unit, members)

    def set_team_members(self, team: str, members: list[str]) -> Outcome:
        """Replace a team's members."""
        return self.parts.security.set_team_members(team, members)

    def add_user(self, name: str, business_unit: str, manager: str | None = None) -> Outcome:
        """Add a user."""
        return self.parts.security.add_user(name, business_unit, manager)

    def define_role(self, name: str, privileges: list[Privilege]) -> Outcome:
        """Create or replace a role."""
        return self.parts.security.define_role(name, privileges)

    def assign_role(self, user: str, role: str) -> Outcome:
        """Give a role to a user."""
        return self.parts.security.assign_role(user, role)

    def revoke_role(self, user: str, role: str) -> Outcome:
        """Take a role from a user."""
        return self.parts.security.revoke_role(user, role)

    def share_record(self, entity: str, record_id: str, principal: str, access: list[Access]) -> Outcome:
        """Share a record (empty access: unshare)."""
        return self.parts.server.share_record(entity, record_id, principal, access)

    def set_hierarchy_security(self, enabled: bool, depth: int = 3) -> Outcome:
        """Turn manager hierarchy security on to `depth` levels, or off."""
        return self.parts.security.set_hierarchy_security(enabled, depth)

    def secure_field(self, entity: str, field_name: str) -> Outcome:
        """Put a column under field-level security."""
        return self.parts.security.secure_field(entity, field_name)

    def grant_field_access(self, user: str, entity: str, field_name: str, read: bool, update: bool) -> Outcome:
        """Grant a secured column to a user (effective online only)."""
        return self.parts.security.grant_field_access(user, entity, field_name, read, update)

    def share_field(self, entity: str, record_id: str, field_name: str, user: str, read: bool, update: bool) -> Outcome:
        """Share one record's secured column with a user (effective online only; no rights: unshare)."""
        return self.parts.server.share_field(entity, record_id, field_name, user, read, update)

    # -- metadata ---------------------------------------------------------------------------
    def add_custom_entity(self, definition: EntityDefinition) -> Outcome:
        """Create a custom entity."""
        return _why(self.parts.metadata.add_entity(definition, custom=True), definition.name)

    def add_attribute(self, entity: str, attribute: Attribute) -> Outcome:
        """Add a column."""
        return _why(self.parts.metadata.add_attribute(entity, attribute), entity)

    def add_relationship(self, definition: RelationshipDefinition) -> Outcome:
        """Create a relationship."""
        return _why(self.parts.metadata.add_relationship(definition))

    def add_form(self, definition: FormDefinition) -> Outcome:
        """Set an entity's main form: fields, business rules, subgrids."""
        return _why(self.parts.forms.add(definition), definition.entity)

    def add_view(self, definition: ViewDefinition) -> Outcome:
        """Create a view."""
        return _why(self.parts.views.add(definition), definition.entity)

    def add_ribbon_button(self, entity: str, label: str) -> Outcome:
        """Add a custom ribbon button."""
        return self.parts.forms.add_ribbon_button(entity, label)

    def add_process_flow(self, definition: ProcessFlowDefinition) -> Outcome:
        """Attach a business process flow to an entity."""
        return _why(self.parts.flows.add(definition), definition.entity)

    def set_quick_find_columns(self, entity: str, columns: list[str]) -> Outcome:
        """Set the columns search looks in."""
        return _why(self.parts.search.set_columns(entity, columns), entity)

    def set_offline_app_modules(self, modules: list[AppModule]) -> Outcome:
        """Set the offline-enabled app modules."""
        return self.parts.profiles.set_offline_app_modules(modules)

    # -- profiles ---------------------------------------------------------------------------
    def publish_profile(self, profile: ProfileDefinition) -> PublishResult:
        """Validate and publish a profile."""
        return self.parts.profiles.publish(profile)

    def add_profile_users(self, profile: str, users: list[str]) -> PublishResult:
        """Add users to a published profile."""
        return self.parts.profiles.add_users(profile, users)

    def set_org_data_filter(self, entity: str, conditions: list[Condition] | None) -> Outcome:
        """Set or clear an entity's org data filter."""
        return self.parts.profiles.set_org_data_filter(entity, conditions)

    # -- server data ------------------------------------------------------------------------
    def server_create(self, entity: str, fields: Fields, owner: str | None = None) -> str | Refused:
        """Create a record as an administrator, owned by `owner`."""
        return self.parts.server.create(entity, fields, owner)

    def server_update(self, entity: str, record_id: str, fields: Fields) -> Outcome:
        """Update a record as an administrator."""
        return self.parts.server.change(entity, "update", record_id, fields)

    def server_delete(self, entity: str, record_id: str) -> Outcome:
        """Delete a record as an administrator."""
        return self.parts.server.change(entity, "delete", record_id, {})

    def server_associate(self, relationship: str, record_id: str, other_id: str) -> Outcome:
        """Link two records through a many-to-many relationship."""
        return self.parts.server.associate(relationship, record_id, other_id)

    def server_record(self, entity: str, record_id: str) -> Fields | None:
        """The server's record."""
        return self.parts.server.record(entity, record_id)

    def server_records(self, entity: str) -> list[Fields]:
        """All server records of an entity."""
        return self.parts.server.all_records(entity)

    def import_records(self, entity: str, records: list[Fields]) -> int | Refused:
        """Bulk-load records; all or nothing."""
        return self.parts.server.import_records(entity, records)

    def set_conflict_detection(self, enabled: bool) -> Outcome:
        """Turn conflict detection on or off."""
        return self.parts.server.set_conflict_detection(enabled)

    # -- simulation -------------------------------------------------------------------------
    def now(self) -> str:
        """The simulated clock."""
        return self.parts.clock.iso()

    def advance_clock(self, seconds: float) -> list[SyncReport]:
        """Move the clock, running each cycle at the moment it falls due (SYN-1)."""
        return self.parts.fleet.advance_clock(seconds)

    def set_network(self, user: str, conditions: NetworkConditions) -> Outcome:
        """Set a device's link."""
        return self.parts.fleet.set_network(user, conditions)

    def inject_fault(self, user: str, point: FaultPoint) -> Outcome:
        """Break the next cycle at `point`."""
        return self.parts.fleet.inject_fault(user, point)

    # -- device -----------------------------------------------------------------------------
    def go_offline(self, user: str) -> Outcome:
        """The device loses its connection."""
        return self.parts.fleet.go_offline(user)

    def go_online(self, user: str) -> Outcome:
        """The device regains its connection."""
        return self.parts.fleet.go_online(user)

    def run_command(
        self, user: str, entity: str, command: Command, record_id: str | None = None, fields: Fields | None = None
    ) -> CommandResult | Refused:
        """Offline on the device; online straight against the server with current privileges."""
        return self._as(user, lambda session: session.run(entity, command, record_id, dict(fields or {})))

    def command_bar(self, user: str, entity: str, record_id: str) -> list[str] | Refused:
        """The commands on a record's command bar: offline, only the table's commands; no ribbon buttons."""
        return self._as(user, lambda session: self.parts.forms.command_bar(session, entity, record_id))

    def press_ribbon_button(self, user: str, entity: str, record_id: str, label: str) -> Outcome:
        """Custom ribbon buttons work online only (RIB-01)."""
        return self._as(user, lambda session: self.parts.forms.press_ribbon_button(session, entity, record_id, label))

    def open_form(self, user: str, entity: str, record_id: str | None = None) -> FormState | Refused:
        """Open a form with its business rules applied; offline no process flow is rendered."""
        return self._as(user, lambda session: self.parts.forms.open(session, entity, record_id))

    def move_stage(self, user: str, entity: str, record_id: str, direction: Literal["next", "previous"]) -> Outcome:
        """Move a record's process flow, online only."""
        return self._as(user, lambda session: self.parts.flows.move(session, entity, record_id, direction))

    def add_existing(self, user: str, relationship: str, record_id: str, other_id: str) -> Outcome:
        """Add Existing on a subgrid: a one-to-many sets a lookup, a many-to-many links online only."""
        return self._as(user, lambda session: self.parts.forms.add_existing(session, relationship, record_id, other_id))

    def remove_existing(self, user: str, relationship: str, record_id: str, other_id: str) -> Outcome:
        """Remove on a subgrid: a one-to-many clears a lookup, a many-to-many unlinks online only (LIM-AE1)."""
        return self._as(user, lambda s: self.parts.forms.remove_existing(s, relationship, record_id, other_id))

    def list_views(self, user: str, entity: str) -> list[ViewInfo] | Refused:
        """The views the user can pick here."""
        return self._as(user, lambda session: self.parts.views.listing(session, entity))

    def open_view(self, user: str, entity: str, view: str) -> list[Fields] | Refused:
        """The rows of a view."""
        return self._as(user, lambda session: self.parts.views.rows(session, entity, view))

    def search(
        self, user: str, entities: list[str], text: str, mode: SearchMode = "categorized"
    ) -> list[RecordRef] | Refused:
        """Search quick-find columns."""
        return self._as(user, lambda session: self.parts.search.find(session, entities, text, mode))

    def search_fields(self, user: str, entity: str) -> list[str] | Refused:
        """The columns a search of `entity` looks in here."""
        return self._as(user, lambda session: self.parts.search.fields(session, entity))

    def add_note(self, user: str, entity: str, record_id: str, text: str) -> str | Refused:
        """Add a timeline note."""
        return self._as(user, lambda session: self.parts.timeline.add_note(session, entity, record_id, text))

    def notes(self, user: str, entity: str, record_id: str) -> list[Note] | Refused:
        """A record's timeline notes."""
        return self._as(user, lambda session: self.parts.timeline.notes(session, entity, record_id))

    def attach_to_note(self, user: str, note_id: str, attachment: Attachment) -> Outcome:
        """Attach a file or photo to a note."""
        return self._as(user, lambda session: self.parts.timeline.attach(session, note_id, attachment))

    def remove_note_attachment(self, user: str, note_id: str, file_name: str) -> Outcome:
        """Remove a file from a note."""
        return self._as(user, lambda session: self.parts.timeline.detach(session, note_id, file_name))

    def sync(self, user: str) -> SyncReport | Refused:
        """Sync now: one whole cycle, every offline entity."""
        return self.parts.fleet.sync(user)

    def begin_sync(self, user: str) -> Outcome:
        """Start a cycle and pause it after upload."""
        return self.parts.fleet.begin_sync(user)

    def finish_sync(self, user: str) -> SyncReport | Refused:
        """Finish the paused cycle."""
        return self.parts.fleet.finish_sync(user)

    def restart_app(self, user: str) -> Outcome:
        """Close and reopen the app."""
        return self.parts.fleet.restart_app(user)

    def device_records(self, user: str, entity: str) -> list[Fields]:
        """The records on the device."""
        return self.parts.fleet.device_records(user, entity)

    def device_record(self, user: str, entity: str, record_id: str) -> Fields | None:
        """One record on the device."""
        return self.parts.fleet.device_record(user, entity, record_id)

    def pending_changes(self, user: str) -> list[QueuedChange]:
        """The upload queue."""
        return self.parts.fleet.pending_changes(user)

    def sync_errors(self, user: str) -> list[SyncError]:
        """The sync errors the user sees."""
        return self.parts.fleet.sync_errors(user)

    def retry_sync_error(self, user: str, error_id: str) -> Outcome:
        """Queue a rejected change again."""
        return self.parts.fleet.retry_sync_error(user, error_id)


def build(**overrides: Unpack[Overrides]) -> ReferenceImplementation:
    """The reference with every part wired, some swapped by `overrides` (see `harness.reference.wiring`)."""
    return ReferenceImplementation(parts(**overrides))


def with_sqlite_store() -> ReferenceImplementation:
    """The reference with each device's store in a SQLite file (`--impl reference-sqlite`)."""
    return ReferenceImplementation(parts(store=SQLiteDevices()), name="reference-sqlite")
