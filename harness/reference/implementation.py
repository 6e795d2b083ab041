"""The reference implementation behind the seam: wires the in-memory concepts to the `Driver` contract."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Literal, TypeVar

from harness import __version__
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
    Finding,
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
from harness.errors import Unsupported
from harness.reference.catalog import PAGE_TABLE, OfflineTable
from harness.reference.changes import Change
from harness.reference.clock import SimulatedClock
from harness.reference.commands import Planner
from harness.reference.device import Device
from harness.reference.flows import Flows
from harness.reference.forms import Forms, Update, link_change
from harness.reference.metadata import Metadata
from harness.reference.network import WIFI
from harness.reference.profiles import Profiles
from harness.reference.schedule import due_now, intervals, next_cycle
from harness.reference.search import Search
from harness.reference.security import Principal, SecurityModel
from harness.reference.server import ServerStore
from harness.reference.session import Session
from harness.reference.sync import Cycle, Interrupted
from harness.reference.timeline import Timeline
from harness.reference.views import Views

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
]
T = TypeVar("T")


def _why(problem: str | None, claim: str = "REL-BAD", entity: str | None = None) -> Outcome:
    return None if problem is None else Refused(claim, problem, entity)


class ReferenceImplementation:
    """A complete in-memory offline CRM: one server, one device per user, a simulated clock and network."""

    def __init__(
        self,
        table: OfflineTable = PAGE_TABLE,
        planner: type[Planner] = Planner,
        security: type[SecurityModel] = SecurityModel,
        server: type[ServerStore] = ServerStore,
        cycle: type[Cycle] = Cycle,
    ) -> None:
        self.table = table
        self.planner = planner
        self.cycle = cycle
        self.clock = SimulatedClock()
        self.metadata = Metadata()
        self.security = security()
        self.server = server(self.metadata, self.security, self.clock)
        self.profiles = Profiles(self.metadata, self.security, self.clock, self.server, table)
        self.devices: dict[str, Device] = {}
        self.links: dict[str, NetworkConditions] = {}
        self.faults: dict[str, FaultPoint] = {}
        self.cycles: dict[str, Cycle] = {}
        self.admin_ids = 0
        self.forms = Forms(self.metadata)
        self.flows = Flows(self.metadata)
        self.views = Views(self.metadata, self.security, self.flows)
        self.search_index = Search(self.metadata)
        self.timeline = Timeline(self.metadata)

    def describe(self) -> ImplementationInfo:
        """Name, version, protocol version and capabilities."""
        return ImplementationInfo("reference", __version__, PROTOCOL_VERSION, list(CAPABILITIES))

    # -- organization -----------------------------------------------------------------------
    def add_business_unit(self, name: str, parent: str | None = None) -> Outcome:
        """Add a business unit."""
        return _why(self.security.add_business_unit(name, parent))

    def add_team(self, name: str, business_unit: str, members: list[str] | None = None) -> Outcome:
        """Add an owner team."""
        return _why(
            self.security.add_principal(Principal(name, business_unit, is_team=True, members=set(members or [])))
        )

    def set_team_members(self, team: str, members: list[str]) -> Outcome:
        """Replace a team's members."""
        principal = self.security.principals.get(team)
        if principal is None or not principal.is_team:
            return Refused("REL-BAD", f"unknown team {team!r}")
        if unknown := sorted(set(members) - set(self.security.users())):
            return Refused("REL-BAD", f"unknown team members {unknown}")
        principal.members = set(members)
        return None

    def add_user(self, name: str, business_unit: str, manager: str | None = None) -> Outcome:
        """Add a user."""
        return _why(self.security.add_principal(Principal(name, business_unit, manager=manager)))

    def define_role(self, name: str, privileges: list[Privilege]) -> Outcome:
        """Create or replace a role."""
        unknown = sorted({p.entity for p in privileges} - set(self.metadata.entities))
        if unknown:
            return Refused("REL-BAD", f"role {name!r} names unknown entities {unknown}")
        self.security.define_role(name, privileges)
        return None

    def _user_and_role(self, user: str, role: str) -> Principal | Refused:
        principal = self.security.users().get(user)
        if principal is None:
            return Refused("REL-BAD", f"unknown user {user!r}")
        if role not in self.security.roles:
            return Refused("REL-BAD", f"unknown role {role!r}")
        return principal

    def assign_role(self, user: str, role: str) -> Outcome:
        """Give a role to a user."""
        return self._change_roles(user, role, set.add)

    def revoke_role(self, user: str, role: str) -> Outcome:
        """Take a role from a user."""
        return self._change_roles(user, role, set.discard)

    def _change_roles(self, user: str, role: str, change: Callable[[set[str], str], None]) -> Outcome:
        principal = self._user_and_role(user, role)
        if isinstance(principal, Refused):
            return principal
        change(principal.roles, role)
        return None

    def share_record(self, entity: str, record_id: str, principal: str, access: list[Access]) -> Outcome:
        """Share a record (empty access: unshare)."""
        if self.server.get(entity, record_id) is None:
            return Refused("REL-BAD", f"no {entity} record {record_id!r}", entity)
        if principal not in self.security.principals:
            return Refused("REL-BAD", f"unknown user or team {principal!r}")
        grants = self.security.shares.setdefault((entity, record_id), {})
        grants[principal] = set(access)
        return None

    def set_hierarchy_security(self, enabled: bool, depth: int = 3) -> Outcome:
        """Turn manager hierarchy security on to `depth` levels, or off."""
        if depth < 1:
            return Refused("REL-BAD", f"hierarchy depth must be at least 1, not {depth}")
        self.security.hierarchy_depth = depth if enabled else 0
        return None

    def secure_field(self, entity: str, field_name: str) -> Outcome:
        """Put a column under field-level security."""
        meta = self.metadata.entities.get(entity)
        if meta is None or field_name not in meta.attributes:
            return Refused("REL-BAD", f"{entity} has no column {field_name!r}", entity)
        self.security.secured_fields.add((entity, field_name))
        return None

    def grant_field_access(self, user: str, entity: str, field_name: str, read: bool, update: bool) -> Outcome:
        """Grant a secured column to a user (effective online only)."""
        if (entity, field_name) not in self.security.secured_fields:
            return Refused("REL-BAD", f"{entity}.{field_name} is not secured", entity)
        self.security.field_grants[(user, entity, field_name)] = (read, update)
        return None

    def share_field(self, entity: str, record_id: str, field_name: str, user: str, read: bool, update: bool) -> Outcome:
        """Share one record's secured column with a user (effective online only; no rights: unshare)."""
        if (entity, field_name) not in self.security.secured_fields:
            return Refused("REL-BAD", f"{entity}.{field_name} is not secured", entity)
        if self.server.get(entity, record_id) is None:
            return Refused("REL-BAD", f"no {entity} record {record_id!r}", entity)
        if user not in self.security.users():
            return Refused("REL-BAD", f"unknown user {user!r}")
        self.security.field_shares[(user, entity, record_id, field_name)] = (read, update)
        return None

    # -- metadata ---------------------------------------------------------------------------
    def add_custom_entity(self, definition: EntityDefinition) -> Outcome:
        """Create a custom entity."""
        return _why(self.metadata.add_entity(definition, custom=True), entity=definition.name)

    def add_attribute(self, entity: str, attribute: Attribute) -> Outcome:
        """Add a column."""
        return _why(self.metadata.add_attribute(entity, attribute), entity=entity)

    def add_relationship(self, definition: RelationshipDefinition) -> Outcome:
        """Create a relationship."""
        return _why(self.metadata.add_relationship(definition))

    def add_form(self, definition: FormDefinition) -> Outcome:
        """Set an entity's main form: fields, business rules, subgrids."""
        return _why(self.forms.add(definition), entity=definition.entity)

    def add_view(self, definition: ViewDefinition) -> Outcome:
        """Create a view."""
        return _why(self.views.add(definition), entity=definition.entity)

    def add_ribbon_button(self, entity: str, label: str) -> Outcome:
        """Add a custom ribbon button."""
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        self.metadata.ribbon_buttons.setdefault(entity, []).append(label)
        return None

    def add_process_flow(self, definition: ProcessFlowDefinition) -> Outcome:
        """Attach a business process flow to an entity."""
        return _why(self.flows.add(definition), entity=definition.entity)

    def set_quick_find_columns(self, entity: str, columns: list[str]) -> Outcome:
        """Set the columns search looks in."""
        return _why(self.search_index.set_columns(entity, columns), entity=entity)

    def set_offline_app_modules(self, modules: list[AppModule]) -> Outcome:
        """Set the offline-enabled app modules."""
        for module in modules:
            if unknown := sorted(set(module.entities) - set(self.metadata.entities)):
                return Refused("REL-BAD", f"app module {module.name!r} names unknown entities {unknown}")
        self.profiles.app_modules = list(modules)
        return None

    # -- profiles ---------------------------------------------------------------------------
    def publish_profile(self, profile: ProfileDefinition) -> PublishResult:
        """Validate and publish a profile."""
        return self.profiles.publish(profile)

    def add_profile_users(self, profile: str, users: list[str]) -> PublishResult:
        """Add users to a published profile."""
        current = self.profiles.published.get(profile)
        if current is None:
            return PublishResult(False, [Finding("REL-BAD", f"unknown profile {profile!r}")])
        return self.profiles.publish(dataclasses.replace(current, users=[*current.users, *users]))

    def set_org_data_filter(self, entity: str, conditions: list[Condition] | None) -> Outcome:
        """Set or clear an entity's org data filter."""
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        self.profiles.org_filters[entity] = None if conditions is None else list(conditions)
        return None

    # -- server data ------------------------------------------------------------------------
    def _admin_id(self) -> str:
        self.admin_ids += 1
        return f"srv-{self.admin_ids:06d}"

    def server_create(self, entity: str, fields: Fields, owner: str | None = None) -> str | Refused:
        """Create a record as an administrator, owned by `owner`."""
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        if owner is not None and owner not in self.security.principals:
            return Refused("REL-BAD", f"unknown owner {owner!r}", entity)
        planned = self.planner(self.metadata, self.server.get, self._admin_id).plan(entity, "create", None, fields)
        if isinstance(planned, Refused):
            return planned
        self.server.write(planned[0], owner=owner or "admin")
        return planned[0].record_id

    def server_update(self, entity: str, record_id: str, fields: Fields) -> Outcome:
        """Update a record as an administrator."""
        return self._admin_change(entity, "update", record_id, fields)

    def server_delete(self, entity: str, record_id: str) -> Outcome:
        """Delete a record as an administrator."""
        return self._admin_change(entity, "delete", record_id, {})

    def _admin_change(self, entity: str, command: Command, record_id: str, fields: Fields) -> Outcome:
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        planned = self.planner(self.metadata, self.server.get, self._admin_id).plan(entity, command, record_id, fields)
        if isinstance(planned, Refused):
            return planned
        for change in planned:
            self.server.write(change, owner="admin")
        return None

    def server_associate(self, relationship: str, record_id: str, other_id: str) -> Outcome:
        """Link two records through a many-to-many relationship."""
        definition = self.metadata.relationships.get(relationship)
        if definition is None or definition.kind != "many_to_many":
            return Refused("REL-BAD", f"{relationship!r} is not a many-to-many relationship")
        link = link_change("associate", definition, self.server.get, record_id, other_id)
        if isinstance(link, Refused):
            return link
        self.server.write(link[1], owner="admin")
        return None

    def server_record(self, entity: str, record_id: str) -> Fields | None:
        """The server's record."""
        return copy.deepcopy(self.server.get(entity, record_id))

    def server_records(self, entity: str) -> list[Fields]:
        """All server records of an entity."""
        return copy.deepcopy(self.server.all(entity))

    def import_records(self, entity: str, records: list[Fields]) -> int | Refused:
        """Bulk-load records; all or nothing."""
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        for record in records:
            body = {k: v for k, v in record.items() if k not in ("id", "ownerid", "modifiedon")}
            if not isinstance(record.get("id"), str) or (problem := self.metadata.check_fields(entity, body)):
                return Refused("REL-BAD", f"record {record.get('id')!r}: {problem if record.get('id') else 'no id'}")
        for record in records:
            body = {k: v for k, v in record.items() if k not in ("id", "ownerid", "modifiedon")}
            owner, modified = str(record.get("ownerid", "admin")), record.get("modifiedon")
            self.server.write(Change("create", entity, record["id"], body), owner, modified)
        return len(records)

    def set_conflict_detection(self, enabled: bool) -> Outcome:
        """Turn conflict detection on or off."""
        self.server.conflict_detection = enabled
        return None

    # -- simulation -------------------------------------------------------------------------
    def now(self) -> str:
        """The simulated clock."""
        return self.clock.iso()

    def advance_clock(self, seconds: float) -> list[SyncReport]:
        """Move the clock, running each cycle at the moment it falls due (SYN-1)."""
        if seconds < 0:
            raise ValueError("the clock cannot go back")
        until = self.clock.seconds + seconds
        reports = []
        while (due := self._next_due(until)) is not None:
            self.clock.advance_to(due[0])
            cycle = self._cycle(due[1], scheduled=True)
            assert isinstance(cycle, Cycle), cycle  # a due device is online and idle
            reports.append(self._complete(cycle))
        self.clock.advance_to(until)
        return reports

    def _next_due(self, until: float) -> tuple[float, str] | None:
        """The earliest cycle due by `until` among the devices that are online, idle and have a profile."""
        due = []
        for user, device in sorted(self.devices.items()):
            at = next_cycle(device, self._intervals(user))
            if device.online and user not in self.cycles and at is not None and at <= until:
                due.append((at, user))
        return min(due, default=None)

    def set_network(self, user: str, conditions: NetworkConditions) -> Outcome:
        """Set a device's link."""
        if conditions.latency_ms < 0 or conditions.bandwidth_kbps <= 0:
            return Refused("REL-BAD", f"impossible network {conditions}")
        self.links[user] = conditions
        return None

    def inject_fault(self, user: str, point: FaultPoint) -> Outcome:
        """Break the next cycle at `point`."""
        self.faults[user] = point
        return None

    # -- device -----------------------------------------------------------------------------
    def _session(self, device: Device) -> Session:
        return Session(device, self.server, self.metadata, self._admin_id)

    def _as(self, user: str, act: Callable[[Session], T]) -> T | Refused:
        """`act` in the user's session: on their device offline, against the server online."""
        device = self.device(user)
        return device if isinstance(device, Refused) else act(self._session(device))

    def device(self, user: str) -> Device | Refused:
        """The user's device, created on first use."""
        if user not in self.security.users():
            return Refused("REL-BAD", f"unknown user {user!r}")
        if user not in self.devices:
            self.devices[user] = Device(user, self.metadata, self.clock, self.table, self.planner)
        return self.devices[user]

    def go_offline(self, user: str) -> Outcome:
        """The device loses its connection."""
        device = self.device(user)
        if isinstance(device, Refused):
            return device
        device.online = False
        return None

    def go_online(self, user: str) -> Outcome:
        """The device regains its connection."""
        device = self.device(user)
        if isinstance(device, Refused):
            return device
        device.online = True
        return None

    def run_command(
        self, user: str, entity: str, command: Command, record_id: str | None = None, fields: Fields | None = None
    ) -> CommandResult | Refused:
        """Offline on the device; online straight against the server with current privileges."""
        device = self.device(user)
        if isinstance(device, Refused):
            return device
        checked = self.forms.check_save(self._session(device), entity, command, record_id, dict(fields or {}))
        if isinstance(checked, Refused):
            return checked
        if not device.online or user in self.cycles:
            return device.run_offline(entity, command, record_id, checked)
        result = self._run_online(user, entity, command, record_id, checked)
        if command == "qualify" and record_id and not isinstance(result, Refused):
            self.flows.on_qualified(self._session(device), entity, record_id)
        return result

    def _run_online(
        self, user: str, entity: str, command: Command, record_id: str | None, fields: Fields
    ) -> CommandResult | Refused:
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        planned = self.planner(self.metadata, self.server.get, self._admin_id).plan(entity, command, record_id, fields)
        if isinstance(planned, Refused):
            return planned
        for change in planned:
            if problem := self.server.validate(user, change):
                return Refused("SEC-2", problem.message, entity)
        for change in planned:
            self.server.write(change, owner=user, origin=f"user:{user}")
        subject = planned[0].record_id if command == "create" else record_id
        created = [RecordRef(c.entity, c.record_id) for c in planned if c.action == "create" and c.record_id != subject]
        record = self.server.get(entity, subject) if subject and command in ("read", "refresh") else None
        shown = self.security.visible(user, entity, record, offline=False) if record else None
        return CommandResult(entity, subject, created, shown)

    def command_bar(self, user: str, entity: str, record_id: str) -> list[str] | Refused:
        """The commands on a record's command bar: offline, only the table's commands; no ribbon buttons."""
        return self._as(user, lambda session: self.forms.command_bar(session, entity))

    def press_ribbon_button(self, user: str, entity: str, record_id: str, label: str) -> Outcome:
        """Custom ribbon buttons work online only (RIB-01)."""
        device = self.device(user)
        if isinstance(device, Refused):
            return device
        if label not in self.metadata.ribbon_buttons.get(entity, []):
            return Refused("REL-BAD", f"{entity} has no ribbon button {label!r}", entity)
        if not device.online:
            return Refused("RIB-01", f"custom ribbon button {label!r} on {entity} is not available offline", entity)
        return None

    def open_form(self, user: str, entity: str, record_id: str | None = None) -> FormState | Refused:
        """Open a form with its business rules applied; offline no process flow is rendered."""
        return self._as(user, lambda session: self.forms.open(session, entity, record_id, self.flows.stage_shown))

    def move_stage(self, user: str, entity: str, record_id: str, direction: Literal["next", "previous"]) -> Outcome:
        """Move a record's process flow, online only."""
        return self._as(user, lambda session: self.flows.move(session, entity, record_id, direction))

    def add_existing(self, user: str, relationship: str, record_id: str, other_id: str) -> Outcome:
        """Add Existing on a subgrid: a one-to-many sets a lookup, a many-to-many links online only."""
        update = self._update_as(user)
        return self._as(user, lambda s: self.forms.add_existing(s, relationship, record_id, other_id, update))

    def remove_existing(self, user: str, relationship: str, record_id: str, other_id: str) -> Outcome:
        """Remove on a subgrid: a one-to-many clears a lookup, a many-to-many unlinks online only (LIM-AE1)."""
        update = self._update_as(user)
        return self._as(user, lambda s: self.forms.remove_existing(s, relationship, record_id, other_id, update))

    def _update_as(self, user: str) -> Update:
        """A subgrid's change to a one-to-many: an update of the other record, run as the user's command."""
        return lambda entity, other, fields: self.run_command(user, entity, "update", other, fields)

    def list_views(self, user: str, entity: str) -> list[ViewInfo] | Refused:
        """The views the user can pick here."""
        return self._as(user, lambda session: self.views.listing(session, entity))

    def open_view(self, user: str, entity: str, view: str) -> list[Fields] | Refused:
        """The rows of a view."""
        return self._as(user, lambda session: self.views.rows(session, entity, view))

    def search(
        self, user: str, entities: list[str], text: str, mode: SearchMode = "categorized"
    ) -> list[RecordRef] | Refused:
        """Search quick-find columns."""
        return self._as(user, lambda session: self.search_index.find(session, entities, text, mode))

    def search_fields(self, user: str, entity: str) -> list[str] | Refused:
        """The columns a search of `entity` looks in here."""
        return self._as(user, lambda session: self.search_index.fields(session, entity))

    def add_note(self, user: str, entity: str, record_id: str, text: str) -> str | Refused:
        """Add a timeline note."""
        return self._as(user, lambda session: self.timeline.add_note(session, entity, record_id, text))

    def notes(self, user: str, entity: str, record_id: str) -> list[Note] | Refused:
        """A record's timeline notes."""
        return self._as(user, lambda session: self.timeline.notes(session, entity, record_id))

    def attach_to_note(self, user: str, note_id: str, attachment: Attachment) -> Outcome:
        """Attach a file or photo to a note."""
        return self._as(user, lambda session: self.timeline.attach(session, note_id, attachment))

    def remove_note_attachment(self, user: str, note_id: str, file_name: str) -> Outcome:
        """Remove a file from a note."""
        return self._as(user, lambda session: self.timeline.detach(session, note_id, file_name))

    def _cycle(self, user: str, scheduled: bool = False) -> Cycle | Refused:
        device = self.device(user)
        if isinstance(device, Refused):
            return device
        if not device.online:
            return Refused("SYN-1", f"{user}'s device is offline: sync waits for a connection")
        if user in self.cycles:
            return Refused("SYN-3", f"a sync cycle is already running on {user}'s device")
        due = due_now(device, self._intervals(user), self.clock.seconds) if scheduled else None
        link = self.links.get(user, WIFI)
        return self.cycle(device, self.server, self.profiles, self.clock, link, self.faults.pop(user, None), due)

    def _intervals(self, user: str) -> dict[str, float]:
        """Seconds between scheduled downloads of each of the user's offline entities."""
        return intervals(self.profiles, user)

    def _complete(self, cycle: Cycle) -> SyncReport:
        report = cycle.run()
        self.clock.advance(report.duration_seconds)
        return report

    def sync(self, user: str) -> SyncReport | Refused:
        """Sync now: one whole cycle, every offline entity."""
        cycle = self._cycle(user)
        return cycle if isinstance(cycle, Refused) else self._complete(cycle)

    def begin_sync(self, user: str) -> Outcome:
        """Start a cycle and pause it after upload."""
        cycle = self._cycle(user)
        if isinstance(cycle, Refused):
            return cycle
        try:
            cycle.begin()
        except Interrupted:
            self.clock.advance(cycle.report(completed=False).duration_seconds)
            return Refused("REL-FAULT", f"the connection dropped at {cycle.fault}: the cycle stopped")
        self.cycles[user] = cycle
        return None

    def finish_sync(self, user: str) -> SyncReport | Refused:
        """Finish the paused cycle."""
        cycle = self.cycles.pop(user, None)
        if cycle is None:
            return Refused("REL-BAD", f"{user} has no sync cycle in progress")
        report = cycle.finish()
        self.clock.advance(report.duration_seconds)
        return report

    def restart_app(self, user: str) -> Outcome:
        """Persistence arrives with the device store's persistence."""
        raise Unsupported("persistence")

    def device_records(self, user: str, entity: str) -> list[Fields]:
        """The records on the device."""
        device = self.devices.get(user)
        table = device.store.get(entity, {}) if device else {}
        return copy.deepcopy(sorted(table.values(), key=lambda r: str(r["id"])))

    def device_record(self, user: str, entity: str, record_id: str) -> Fields | None:
        """One record on the device."""
        device = self.devices.get(user)
        return copy.deepcopy(device.get(entity, record_id)) if device else None

    def pending_changes(self, user: str) -> list[QueuedChange]:
        """The upload queue."""
        device = self.devices.get(user)
        return device.pending() if device else []

    def sync_errors(self, user: str) -> list[SyncError]:
        """The sync errors the user sees."""
        device = self.devices.get(user)
        return list(device.errors) if device else []

    def retry_sync_error(self, user: str, error_id: str) -> Outcome:
        """Queue a rejected change again."""
        device = self.devices.get(user)
        if device is None or not device.retry(error_id):
            return Refused("REL-ERR", f"{user} has no sync error {error_id!r} to retry")
        return None
