"""The seam: everything the conformance suite may ask of an offline implementation.

The suite talks to an implementation only through `Driver`, in the vocabulary of the product
page. Every argument and result is plain data (str, int, float, bool, None, lists, dicts of
those) or a frozen dataclass of plain data, so any call can cross a process boundary as JSON
(`harness.codec`). Three outcomes are kept apart:

- the implementation refused: the method returns a `Refused` value (a behaviour to check);
- the implementation lacks a capability: it raises `harness.errors.Unsupported` (skip);
- anything else raised is an adapter/harness failure, never scored as a product failure.

Names: users, teams, business units, roles, relationships, views and forms are identified by
their unique name; records by a string id. Times are ISO-8601 UTC strings of the simulated clock.
Every record carries the system columns id, ownerid (a user or team name), createdon, modifiedon
and statecode ("open"; "qualified" or "disqualified" for a closed lead; "completed").

Bad input (REL-BAD): an argument of another type than its hint, an unknown name or id, a value of the wrong
type for its column or beyond the column's limits (MAX_TEXT_LENGTH and the others below; a datetime value is an
ISO-8601 string) is refused with one line naming what is wrong, and changes nothing. A method that cannot answer
`Refused` answers its empty value (None, [], a publish with an error); `advance_clock` moves nothing for an
amount that is negative or not a finite number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeAlias, runtime_checkable

PROTOCOL_VERSION = "1.0"
SIMULATION_START = "2020-08-28T00:00:00Z"
"""Where every implementation's simulated clock starts (the page's date); data sets are dated from it."""

Value: TypeAlias = Any
"""A field value: str, int, float, bool, None, or a lookup {"entity": name, "id": record id}."""

MAX_TEXT_LENGTH: dict[str, int] = {"string": 4_000, "memo": 1_048_576}
"""The most characters a string (one line) or memo (many lines) column holds; longer is refused (REL-BAD)."""
INTEGER_RANGE = (-2_147_483_648, 2_147_483_647)
"""The values an integer column holds (32 bits); a decimal column holds finite numbers within DECIMAL_RANGE."""
DECIMAL_RANGE = (-100_000_000_000, 100_000_000_000)
MAX_ATTACHMENT_BYTES = 5_242_880
"""The largest file (decoded) a note takes: 5 MB, the product's default; bigger is refused (REL-BAD)."""

Fields: TypeAlias = dict[str, Value]

Command = Literal[
    "create",
    "read",
    "update",
    "delete",
    "convert_activity_to_case",
    "qualify",
    "disqualify",
    "mark_complete",
    "refresh",
    "convert_to_opportunity",
    "assign",
    "share",
    "merge",
    "deactivate",
]
COMMANDS: tuple[Command, ...] = Command.__args__  # type: ignore[attr-defined]

Depth = Literal["none", "user", "business_unit", "parent_child", "organization"]
DEPTHS: tuple[Depth, ...] = Depth.__args__  # type: ignore[attr-defined]
Access = Literal["create", "read", "write", "delete", "append", "append_to", "assign", "share"]
ACCESS_RIGHTS: tuple[Access, ...] = Access.__args__  # type: ignore[attr-defined]
Ownership = Literal["user", "business_unit", "organization"]
AttributeType = Literal["string", "memo", "integer", "decimal", "boolean", "datetime", "lookup", "choice"]
RelationshipKind = Literal["one_to_many", "many_to_many"]
Operator = Literal[
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "like",
    "begins-with",
    "in",
    "null",
    "not-null",
    "eq-userid",
    "eq-userteams",
    "eq-businessid",
    "last-x-days",
]
ViewKind = Literal["system", "quick", "personal"]
SearchMode = Literal["categorized", "relevance"]
FaultPoint = Literal["before_upload", "after_server_apply", "during_download"]
FAULT_POINTS: tuple[FaultPoint, ...] = FaultPoint.__args__  # type: ignore[attr-defined]
RuleActionKind = Literal["set_value", "set_default", "set_required", "show_error", "lock", "unlock", "show", "hide"]


@dataclass(frozen=True)
class Refused:
    """The implementation refused: `claim` is the enforced claim id, `reason` says why to a person."""

    claim: str
    reason: str
    entity: str | None = None
    limit: str | None = None


@dataclass(frozen=True)
class ImplementationInfo:
    """What `describe` answers: who the implementation is and which capabilities it offers."""

    name: str
    version: str
    protocol_version: str
    capabilities: list[str]


# --- organization and security -------------------------------------------------------------


@dataclass(frozen=True)
class Privilege:
    """A role's right to `access` records of `entity` at `depth`."""

    entity: str
    access: Access
    depth: Depth


# --- metadata ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attribute:
    """A typed column; a lookup names the entity it points to in `target`."""

    name: str
    type: AttributeType
    target: str | None = None


@dataclass(frozen=True)
class EntityDefinition:
    """A custom entity: its logical name, ownership and columns (id, owner, modified-on are implied)."""

    name: str
    ownership: Ownership = "user"
    attributes: list[Attribute] = field(default_factory=list)


@dataclass(frozen=True)
class RelationshipDefinition:
    """One-to-many: `referencing` has lookup `lookup` to `referenced`. Many-to-many: a link table."""

    name: str
    kind: RelationshipKind
    referenced: str
    referencing: str
    lookup: str | None = None


@dataclass(frozen=True)
class Condition:
    """`field operator value`; `value` is unused by null/not-null/eq-userid/eq-userteams/eq-businessid."""

    field: str
    operator: Operator
    value: Value = None


@dataclass(frozen=True)
class RuleAction:
    """One action of a business rule on `field` (value for set_value/set_default, message for show_error)."""

    kind: RuleActionKind
    field: str
    value: Value = None
    message: str | None = None


@dataclass(frozen=True)
class BusinessRule:
    """If all `conditions` hold, run `actions`, else `otherwise`."""

    name: str
    conditions: list[Condition]
    actions: list[RuleAction]
    otherwise: list[RuleAction] = field(default_factory=list)


@dataclass(frozen=True)
class Subgrid:
    """A subgrid of `relationship` on a form; `add_existing_shown` forces the button visible."""

    relationship: str
    add_existing_shown: bool = False


@dataclass(frozen=True)
class FormDefinition:
    """A main form of `entity`: its fields, business rules and subgrids."""

    entity: str
    name: str
    fields: list[str]
    rules: list[BusinessRule] = field(default_factory=list)
    subgrids: list[Subgrid] = field(default_factory=list)


@dataclass(frozen=True)
class LinkedColumn:
    """A view column read from `entity` through lookup `via` of the view's entity."""

    entity: str
    via: str
    column: str


@dataclass(frozen=True)
class ViewDefinition:
    """A view of `entity`; a personal view belongs to `owner`."""

    entity: str
    name: str
    kind: ViewKind
    columns: list[str]
    linked: list[LinkedColumn] = field(default_factory=list)
    owner: str | None = None


@dataclass(frozen=True)
class Stage:
    """A stage of a process flow; with `branch`, the next stage is `when_true` or `when_false`."""

    name: str
    branch: Condition | None = None
    when_true: str | None = None
    when_false: str | None = None


@dataclass(frozen=True)
class ProcessFlowDefinition:
    """A business process flow on `entity`, stages in order (branches may skip ahead)."""

    name: str
    entity: str
    stages: list[Stage]


@dataclass(frozen=True)
class AppModule:
    """A model-driven app module enabled for offline and the entities it contains."""

    name: str
    entities: list[str]


# --- profiles ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileRules:
    """The filter rules of one profile item (see FLT-R0..FLT-R4).

    "Other data filter" is chosen by `other_data_filter` or by any of mine / my_teams /
    my_business_unit; `custom` holds the custom data filter's conditions (ANDed).
    """

    all_records: bool = False
    related_only: bool = False
    other_data_filter: bool = False
    mine: bool = False
    my_teams: bool = False
    my_business_unit: bool = False
    custom: list[Condition] = field(default_factory=list)


@dataclass(frozen=True)
class ProfileItem:
    """An entity made available offline by a profile, with its rules and sync interval."""

    entity: str
    rules: ProfileRules
    sync_interval_minutes: int = 5
    small_master_data: bool = False


@dataclass(frozen=True)
class ProfileAssociation:
    """A profile item association: records of the other side of `relationship`, seen from `entity`."""

    entity: str
    relationship: str


@dataclass(frozen=True)
class ProfileDefinition:
    """An offline profile: items, associations and the users and teams it applies to."""

    name: str
    items: list[ProfileItem]
    associations: list[ProfileAssociation] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    teams: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    """A publish error or warning: the claim it enforces, the entity and the limit, for a person."""

    claim: str
    message: str
    entity: str | None = None
    limit: str | None = None


@dataclass(frozen=True)
class PublishResult:
    """Errors refuse the publish (nothing changes); warnings accept it."""

    published: bool
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)


# --- simulation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkConditions:
    """A simulated link: round-trip latency and bandwidth."""

    latency_ms: float
    bandwidth_kbps: float


# --- device --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordRef:
    """A record by entity and id."""

    entity: str
    id: str


@dataclass(frozen=True)
class CommandResult:
    """What a command did: its record, the records it created, and for a read the record itself."""

    entity: str
    record_id: str | None
    created: list[RecordRef] = field(default_factory=list)
    record: Fields | None = None


@dataclass(frozen=True)
class QueuedChange:
    """A change waiting on the device for upload; `seq` is the device's sequence number."""

    seq: int
    entity: str
    record_id: str
    action: str
    fields: Fields = field(default_factory=dict)


@dataclass(frozen=True)
class SyncError:
    """A change the server rejected, as the user sees it."""

    id: str
    time: str
    entity: str
    record_id: str
    action: str
    type: Literal["conflict", "not_found", "privilege", "validation"]
    message: str


@dataclass(frozen=True)
class SyncReport:
    """One sync cycle of `user`'s device: what moved, how long it took on the simulated network, how it ended."""

    completed: bool
    started: str
    duration_seconds: float
    uploaded: int = 0
    rejected: int = 0
    downloaded: int = 0
    removed: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    round_trips: int = 0
    metadata_refreshed: bool = False
    fault: str | None = None
    user: str | None = None


@dataclass(frozen=True)
class FieldState:
    """A form field as the user sees it after business rules ran."""

    name: str
    value: Value
    visible: bool = True
    locked: bool = False
    required: bool = False


@dataclass(frozen=True)
class SubgridState:
    """A subgrid on an open form: its commands ("add_new", "add_existing") and the ids of the records it lists."""

    relationship: str
    commands: list[str]
    records: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FormState:
    """An open form: fields, rule messages, the process flow stage shown (None: no flow), subgrids."""

    entity: str
    record_id: str | None
    fields: list[FieldState]
    errors: list[str] = field(default_factory=list)
    flow_stage: str | None = None
    subgrids: list[SubgridState] = field(default_factory=list)


@dataclass(frozen=True)
class ViewInfo:
    """A view the user can open."""

    name: str
    kind: ViewKind


@dataclass(frozen=True)
class Attachment:
    """A file on a note: bytes as base64; `source` says whether the camera took it."""

    file_name: str
    mime_type: str
    content_base64: str
    source: Literal["file", "camera"] = "file"


@dataclass(frozen=True)
class Note:
    """A timeline note and its attachments."""

    id: str
    text: str
    attachments: list[Attachment] = field(default_factory=list)


Outcome: TypeAlias = Refused | None


@runtime_checkable
class Snapshots(Protocol):
    """An optional capability, outside the seam: an implementation that can copy its whole state. The data-set
    loader then loads a data set once per process and gives each later (fresh) implementation a copy of it."""

    def snapshot(self) -> object:
        """A frozen copy of everything the implementation holds now."""
        ...

    def restore(self, snapshot: object) -> bool:
        """Become a copy of `snapshot` if nothing has happened here yet; otherwise change nothing and answer False."""
        ...


@runtime_checkable
class Driver(Protocol):
    """The contract an implementation fulfils. Unless stated, a refusal changes nothing anywhere."""

    # -- identity ---------------------------------------------------------------------------
    def describe(self) -> ImplementationInfo:
        """Name, version, protocol version and capabilities; cheap, no side effects."""
        ...

    # -- organization and security (server side, administrator) ----------------------------
    def add_business_unit(self, name: str, parent: str | None = None) -> Outcome:
        """Add a business unit under `parent` (None: the root). Duplicate names are refused."""
        ...

    def add_team(self, name: str, business_unit: str, members: list[str] | None = None) -> Outcome:
        """Add an owner team in `business_unit` with `members`."""
        ...

    def set_team_members(self, team: str, members: list[str]) -> Outcome:
        """Replace the members of `team`."""
        ...

    def add_user(self, name: str, business_unit: str, manager: str | None = None) -> Outcome:
        """Add a user in `business_unit`, reporting to `manager`."""
        ...

    def define_role(self, name: str, privileges: list[Privilege]) -> Outcome:
        """Create a security role, or replace the privileges of an existing one."""
        ...

    def assign_role(self, user: str, role: str) -> Outcome:
        """Give `role` to `user` (idempotent)."""
        ...

    def revoke_role(self, user: str, role: str) -> Outcome:
        """Take `role` from `user` (idempotent)."""
        ...

    def share_record(self, entity: str, record_id: str, principal: str, access: list[Access]) -> Outcome:
        """Share a record with a user or team; an empty `access` list removes the share. An activity and its
        activitypointer row are one record: sharing either shares both."""
        ...

    def set_hierarchy_security(self, enabled: bool, depth: int = 3) -> Outcome:
        """Managers read the records of the people below them, `depth` levels down."""
        ...

    def secure_field(self, entity: str, field_name: str) -> Outcome:
        """Put a column under field-level security."""
        ...

    def grant_field_access(self, user: str, entity: str, field_name: str, read: bool, update: bool) -> Outcome:
        """Field security profile: let `user` read/update a secured column (online only, SEC-5)."""
        ...

    def share_field(self, entity: str, record_id: str, field_name: str, user: str, read: bool, update: bool) -> Outcome:
        """Field (attribute) sharing: let `user` read/update the secured column `field_name` of one record, online
        only (SEC-5): online she reads it on the server for that record alone; offline it has no effect (the value
        never reaches her device and writing it offline is refused). Neither right removes the share; a column
        that is not secured, an unknown record or user is refused."""
        ...

    # -- metadata (customization) -----------------------------------------------------------
    def add_custom_entity(self, definition: EntityDefinition) -> Outcome:
        """Create a custom entity."""
        ...

    def add_attribute(self, entity: str, attribute: Attribute) -> Outcome:
        """Add a column to an entity."""
        ...

    def add_relationship(self, definition: RelationshipDefinition) -> Outcome:
        """Create a relationship (a one-to-many also adds its lookup column)."""
        ...

    def add_form(self, definition: FormDefinition) -> Outcome:
        """Set the main form of an entity (replaces the previous one)."""
        ...

    def add_view(self, definition: ViewDefinition) -> Outcome:
        """Create a view."""
        ...

    def add_ribbon_button(self, entity: str, label: str) -> Outcome:
        """Add a custom ribbon (command bar) button to an entity's record form."""
        ...

    def add_process_flow(self, definition: ProcessFlowDefinition) -> Outcome:
        """Attach a business process flow to an entity; new records start on its first stage."""
        ...

    def set_quick_find_columns(self, entity: str, columns: list[str]) -> Outcome:
        """Columns categorized search looks in for `entity`."""
        ...

    def set_offline_app_modules(self, modules: list[AppModule]) -> Outcome:
        """The app modules enabled for offline (their entities drive metadata download, SYN-MD)."""
        ...

    # -- profiles and the org data filter ---------------------------------------------------
    def publish_profile(self, profile: ProfileDefinition) -> PublishResult:
        """Validate and publish (create or replace) a profile; errors refuse it, warnings do not."""
        ...

    def add_profile_users(self, profile: str, users: list[str]) -> PublishResult:
        """Add users to a published profile, under the same validation as publishing."""
        ...

    def set_org_data_filter(self, entity: str, conditions: list[Condition] | None) -> Outcome:
        """Set (conditions ANDed) or clear (None) the organization data filter of an entity."""
        ...

    # -- server data (online, as an administrator or as a user) -----------------------------
    def server_create(self, entity: str, fields: Fields, owner: str | None = None) -> str | Refused:
        """Create a record on the server owned by `owner` (a user or team); returns its id."""
        ...

    def server_update(self, entity: str, record_id: str, fields: Fields) -> Outcome:
        """Update a record on the server as an administrator."""
        ...

    def server_delete(self, entity: str, record_id: str) -> Outcome:
        """Delete a record on the server as an administrator."""
        ...

    def server_associate(self, relationship: str, record_id: str, other_id: str) -> Outcome:
        """Link two records through a many-to-many relationship on the server."""
        ...

    def server_record(self, entity: str, record_id: str) -> Fields | None:
        """The server's record, or None if it does not exist."""
        ...

    def server_records(self, entity: str) -> list[Fields]:
        """All of the server's records of an entity, ordered by id."""
        ...

    def import_records(self, entity: str, records: list[Fields]) -> int | Refused:
        """Bulk-load records (each with "id" and optionally "ownerid" and "modifiedon"); count loaded."""
        ...

    def set_conflict_detection(self, enabled: bool) -> Outcome:
        """REL-CONFLICT: off (default) the device's changed columns win; on, the server wins."""
        ...

    # -- simulated time and network ---------------------------------------------------------
    def now(self) -> str:
        """The simulated clock."""
        ...

    def advance_clock(self, seconds: float) -> list[SyncReport]:
        """Move the clock forward, running the sync cycles that fall due on the way (SYN-1) for every
        device that is online and has a profile; each cycle's simulated duration moves the clock too."""
        ...

    def set_network(self, user: str, conditions: NetworkConditions) -> Outcome:
        """The link between the user's device and the server."""
        ...

    def inject_fault(self, user: str, point: FaultPoint) -> Outcome:
        """Break the device's next sync cycle at `point` (one shot): before its upload; after the server
        applied the first uploaded change, before the device hears back; or during its download."""
        ...

    # -- a user's device --------------------------------------------------------------------
    def go_offline(self, user: str) -> Outcome:
        """The device loses its connection (created on first use, empty until it syncs)."""
        ...

    def go_online(self, user: str) -> Outcome:
        """The device regains its connection; commands then run against the server."""
        ...

    def run_command(
        self, user: str, entity: str, command: Command, record_id: str | None = None, fields: Fields | None = None
    ) -> CommandResult | Refused:
        """Run a command on a record as the user; offline, it works on the device and is queued."""
        ...

    def command_bar(self, user: str, entity: str, record_id: str) -> list[str] | Refused:
        """The command names the record's command bar shows (ribbon buttons as their labels)."""
        ...

    def press_ribbon_button(self, user: str, entity: str, record_id: str, label: str) -> Outcome:
        """Invoke a custom ribbon button on a record."""
        ...

    def open_form(self, user: str, entity: str, record_id: str | None = None) -> FormState | Refused:
        """Open a record's form (None: a new record's form) with business rules applied."""
        ...

    def move_stage(self, user: str, entity: str, record_id: str, direction: Literal["next", "previous"]) -> Outcome:
        """Move a record's business process flow to the next or previous stage."""
        ...

    def add_existing(self, user: str, relationship: str, record_id: str, other_id: str) -> Outcome:
        """Add Existing on a subgrid of `record_id`'s form: associate `other_id` with it through `relationship`
        (a many-to-many from either side's form; a one-to-many sets `other_id`'s lookup to `record_id`)."""
        ...

    def remove_existing(self, user: str, relationship: str, record_id: str, other_id: str) -> Outcome:
        """Remove a record from a subgrid of `record_id`'s form: undo the link to `other_id`.

        One-to-many: clears `other_id`'s lookup (an update of that record; offline too, queued like any
        update). Many-to-many (from either side's form): online, unlinks the two on the server; offline,
        refused (LIM-AE1: read only) and the link stays on the device and on the server. Two records that
        are not linked through `relationship` are refused (REL-BAD)."""
        ...

    def list_views(self, user: str, entity: str) -> list[ViewInfo] | Refused:
        """The views of an entity the user can pick."""
        ...

    def open_view(self, user: str, entity: str, view: str) -> list[Fields] | Refused:
        """The rows of a view, with its columns."""
        ...

    def search(
        self, user: str, entities: list[str], text: str, mode: SearchMode = "categorized"
    ) -> list[RecordRef] | Refused:
        """Search `entities` for `text`."""
        ...

    def search_fields(self, user: str, entity: str) -> list[str] | Refused:
        """The columns a search of `entity` looks in."""
        ...

    def add_note(self, user: str, entity: str, record_id: str, text: str) -> str | Refused:
        """Add a timeline note to a record; returns the note id."""
        ...

    def notes(self, user: str, entity: str, record_id: str) -> list[Note] | Refused:
        """The timeline notes of a record, oldest first."""
        ...

    def attach_to_note(self, user: str, note_id: str, attachment: Attachment) -> Outcome:
        """Attach a file (or a camera photo) to a note."""
        ...

    def remove_note_attachment(self, user: str, note_id: str, file_name: str) -> Outcome:
        """Remove an attachment from a note."""
        ...

    def sync(self, user: str) -> SyncReport | Refused:
        """Sync now: run one whole cycle (refused while offline)."""
        ...

    def begin_sync(self, user: str) -> Outcome:
        """Start a cycle and stop it halfway (after upload), so device work can interleave (SYN-3): until
        `finish_sync`, the user's commands work on the device and queue for a later cycle."""
        ...

    def finish_sync(self, user: str) -> SyncReport | Refused:
        """Finish the cycle `begin_sync` started."""
        ...

    def restart_app(self, user: str) -> Outcome:
        """Kill and reopen the app (REL-PERSIST); the phone keeps its storage and its connection.

        Reopened, the device holds what it had last committed: its records, its queue (same order, same numbers;
        new changes numbered after them), its sync errors, the privileges and profile of its last completed cycle
        and how far it had synced. Nothing a cycle had not committed survives; a cycle under way (`begin_sync`)
        dies with the app, so `finish_sync` is refused and the next cycle does what is left."""
        ...

    def device_records(self, user: str, entity: str) -> list[Fields]:
        """The records the device holds for an entity, ordered by id."""
        ...

    def device_record(self, user: str, entity: str, record_id: str) -> Fields | None:
        """One record on the device, or None."""
        ...

    def pending_changes(self, user: str) -> list[QueuedChange]:
        """The device's upload queue, in order."""
        ...

    def sync_errors(self, user: str) -> list[SyncError]:
        """The sync errors the user can see, oldest first."""
        ...

    def retry_sync_error(self, user: str, error_id: str) -> Outcome:
        """Queue a rejected change again (it runs at the next cycle)."""
        ...
