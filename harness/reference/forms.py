"""Forms: their fields, business rules run wherever the app runs (CAP-BR), subgrids (LIM-AE1/2), command bars."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from harness.driver import (
    BusinessRule,
    Command,
    Fields,
    FieldState,
    FormDefinition,
    FormState,
    Outcome,
    Refused,
    RelationshipDefinition,
    RuleAction,
    RuleActionKind,
    Subgrid,
    SubgridState,
)
from harness.reference import conditions
from harness.reference.commands import link_change, ref
from harness.reference.entity_table import CRUD, NOT_OFFLINE_CLAIM
from harness.reference.metadata import Metadata, check_value, lists_records_of
from harness.reference.writes import Session

SAVE_COMMANDS = ("create", "update")
READ_ONLY = "many-to-many relationships are read only offline"
RULE_ACTIONS: tuple[RuleActionKind, ...] = RuleActionKind.__args__  # type: ignore[attr-defined]
_FLAGS: dict[str, tuple[str, bool]] = {
    "lock": ("locked", True),
    "unlock": ("locked", False),
    "hide": ("hidden", True),
    "show": ("hidden", False),
}
StageOf = Callable[[Session, str, Fields], "str | None"]


@dataclass
class Rendering:
    """What a form's rules decided for one record: the values, the field flags and the messages."""

    values: Fields
    new: bool
    hidden: set[str] = field(default_factory=set)
    locked: set[str] = field(default_factory=set)
    required: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Why saving these values is blocked: the rules' errors, then required fields left empty."""
        empty = [name for name in self.required if self.values.get(name) in (None, "")]
        return [*self.errors, *(f"{n} is required (business rule {self.required[n]!r})" for n in empty)]

    def act(self, rule: str, action: RuleAction) -> None:
        """Apply one action of the business rule named `rule`."""
        if action.kind in _FLAGS:
            flag, on = _FLAGS[action.kind]
            flags: set[str] = getattr(self, flag)
            (flags.add if on else flags.discard)(action.field)
        elif action.kind == "set_value" or (
            action.kind == "set_default" and self.new and self.values.get(action.field) is None
        ):
            self.values[action.field] = copy.deepcopy(action.value)
        elif action.kind == "set_required":
            self.required[action.field] = rule
        elif action.kind == "show_error":
            self.errors.append(action.message or f"business rule {rule!r} flags {action.field}")


def apply_rules(form: FormDefinition, record: Fields, new: bool) -> Rendering:
    """Run the form's rules in order on `record`; each rule sees what the earlier ones set (no server needed)."""
    rendering = Rendering(dict(record), new)
    for rule in form.rules:
        chosen = rule.actions if conditions.meets_all(rule.conditions, rendering.values) else rule.otherwise
        for action in chosen:
            rendering.act(rule.name, action)
    return rendering


def set_lookup(session: Session, definition: RelationshipDefinition, child_id: str, value: Fields | None) -> Outcome:
    """A one-to-many subgrid's link is the child record's lookup: set it to `value` (None clears it) by an update."""
    outcome = session.run(definition.referencing, "update", child_id, {str(definition.lookup): value})
    return outcome if isinstance(outcome, Refused) else None


@dataclass
class Forms:
    """The main form of each entity, what opening, saving and subgrids do with it, and command bars; `stage_of`
    tells the process flow stage a form shows."""

    metadata: Metadata
    stage_of: StageOf = lambda session, entity, record: None
    forms: dict[str, FormDefinition] = field(default_factory=dict)

    # -- customization ----------------------------------------------------------------------
    def add(self, definition: FormDefinition) -> str | None:
        """Set an entity's main form; returns why not (unknown entity, column, operator, relationship) or None."""
        meta = self.metadata.entities.get(definition.entity)
        if meta is None:
            return f"unknown entity {definition.entity!r}"
        if unknown := [name for name in definition.fields if name not in meta.attributes]:
            return f"form {definition.name!r}: {definition.entity} has no columns {unknown}"
        for rule in definition.rules:
            if problem := self._check_rule(definition.entity, rule):
                return problem
        for subgrid in definition.subgrids:
            if problem := self._check_subgrid(definition.entity, subgrid):
                return problem
        self.forms[definition.entity] = definition
        return None

    def _check_rule(self, entity: str, rule: BusinessRule) -> str | None:
        meta, name = self.metadata.entities[entity], rule.name
        attributes = meta.attributes
        for condition in rule.conditions:
            if problem := conditions.problem(meta, condition, rules=True):
                return f"business rule {name!r}: {problem}"
        for action in [*rule.actions, *rule.otherwise]:
            if action.kind not in RULE_ACTIONS or action.field not in attributes:
                return f"business rule {name!r}: cannot {action.kind} {entity}.{action.field}"
            if action.kind in ("set_value", "set_default") and (
                problem := check_value(entity, attributes[action.field], action.value)
            ):
                return f"business rule {name!r}: {problem}"
        return None

    def _check_subgrid(self, entity: str, subgrid: Subgrid) -> str | None:
        relationship = self.metadata.relationships.get(subgrid.relationship)
        if relationship is None:
            return f"unknown relationship {subgrid.relationship!r}"
        if not lists_records_of(relationship, entity):
            return f"{subgrid.relationship} does not list records related to {entity}"
        return None

    # -- saving -----------------------------------------------------------------------------
    def check_save(
        self, session: Session, entity: str, command: Command, record: Fields | None, fields: Fields
    ) -> Fields | Refused:
        """The fields a save writes once the form's business rules ran where the user is (CAP-BR)."""
        form = self.forms.get(entity)
        if command not in SAVE_COMMANDS or form is None or (command == "update" and record is None):
            return fields
        merged = {**(record or {}), **fields}
        rendering = apply_rules(form, merged, new=command == "create")
        if problems := rendering.problems():
            return Refused("CAP-BR", "; ".join(problems), entity, f"business rules of the {form.name} form")
        return {**fields, **{k: v for k, v in rendering.values.items() if merged.get(k) != v}}

    # -- opening ----------------------------------------------------------------------------
    def open(self, session: Session, entity: str, record_id: str | None) -> FormState | Refused:
        """A record's form (None: a new record's) with the rules applied, its flow stage and its subgrids."""
        meta = self.metadata.entities.get(entity)
        if meta is None:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        row = session.row(entity)
        if refusal := session.unavailable(entity, row.claim if row else NOT_OFFLINE_CLAIM, f"opening a {entity} form"):
            return refusal
        record: Fields = {}
        if record_id is not None:
            found = session.read(entity, record_id)
            if found is None:
                return Refused("REL-BAD", f"no {entity} record {record_id!r} for {session.user} here", entity)
            record = found
        form = self.forms.get(entity) or FormDefinition(entity, "default", list(meta.attributes))
        rendering = apply_rules(form, record, new=record_id is None)
        fields = [
            FieldState(
                name,
                copy.deepcopy(rendering.values.get(name)),
                visible=name not in rendering.hidden,
                locked=name in rendering.locked,
                required=name in rendering.required,
            )
            for name in form.fields
        ]
        subgrids = [self._subgrid(session, entity, record_id, subgrid) for subgrid in form.subgrids]
        return FormState(
            entity, record_id, fields, list(rendering.errors), self.stage_of(session, entity, record), subgrids
        )

    # -- subgrids ---------------------------------------------------------------------------
    def _subgrid(self, session: Session, entity: str, record_id: str | None, subgrid: Subgrid) -> SubgridState:
        relationship = self.metadata.relationships[subgrid.relationship]
        listed: list[str] = []
        if record_id is not None and relationship.kind == "one_to_many":
            mine = ref(entity, record_id)
            rows = session.records(relationship.referencing)
            listed = [str(r["id"]) for r in rows if r.get(str(relationship.lookup)) == mine]
        elif record_id is not None:
            pairs = session.links(relationship.name)
            listed = sorted({b for a, b in pairs if a == record_id} | {a for a, b in pairs if b == record_id})
        return SubgridState(relationship.name, self.subgrid_commands(session, relationship, subgrid), listed)

    def subgrid_commands(self, session: Session, relationship: RelationshipDefinition, subgrid: Subgrid) -> list[str]:
        """Offline a many-to-many subgrid is read only: no Add Existing unless a customization forces it (LIM-AE1)."""
        if session.online or relationship.kind == "one_to_many":
            return ["add_new", "add_existing"]
        return ["add_existing"] if subgrid.add_existing_shown else []

    def _relationship(self, name: str) -> RelationshipDefinition | Refused:
        definition = self.metadata.relationships.get(name)
        return Refused("REL-BAD", f"unknown relationship {name!r}") if definition is None else definition

    def add_existing(self, session: Session, relationship: str, record_id: str, other_id: str) -> Outcome:
        """One-to-many: set the other record's lookup (an update); many-to-many: link them, online only (LIM-AE2)."""
        definition = self._relationship(relationship)
        if isinstance(definition, Refused):
            return definition
        parent = definition.referenced
        if definition.kind == "one_to_many":
            if session.read(parent, record_id) is None:
                return Refused("REL-BAD", f"no {parent} record {record_id!r} here", parent)
            return set_lookup(session, definition, other_id, ref(parent, record_id))
        link = link_change("associate", definition, session.read, record_id, other_id)
        if isinstance(link, Refused):
            return link
        if not session.online:
            return self.many_to_many_offline(definition, link[0])
        return session.commit([link[1]])

    def many_to_many_offline(self, definition: RelationshipDefinition, entity: str) -> Outcome:
        """Add Existing on a many-to-many subgrid of an `entity` form offline: refused, nothing linked (LIM-AE2)."""
        reason = (
            f"Add Existing on the many-to-many subgrid {definition.name} of the {entity} form does not work "
            f"offline: many-to-many relationships ({definition.referenced} and {definition.referencing}) are read only"
        )
        return Refused("LIM-AE2", reason, entity, READ_ONLY)

    def remove_existing(self, session: Session, relationship: str, record_id: str, other_id: str) -> Outcome:
        """One-to-many: clear the other record's lookup (an update, offline too); many-to-many: unlink, online only."""
        definition = self._relationship(relationship)
        if not isinstance(definition, Refused) and definition.kind == "one_to_many":
            return self._clear_lookup(session, definition, record_id, other_id)
        unlink = (
            definition
            if isinstance(definition, Refused)
            else link_change("disassociate", definition, session.read, record_id, other_id)
        )
        if isinstance(unlink, Refused):
            return unlink
        entity, change = unlink
        if (change.record_id, change.fields["other"]) not in session.links(relationship):
            return Refused("REL-BAD", f"{record_id!r} and {other_id!r} are not linked through {relationship}", entity)
        if not session.online:
            reason = f"removing a link of the many-to-many {relationship} from the {entity} form needs a connection"
            return Refused("LIM-AE1", f"{reason}: many-to-many relationships are read only offline", entity, READ_ONLY)
        return session.commit([change])

    def _clear_lookup(
        self, session: Session, definition: RelationshipDefinition, record_id: str, other_id: str
    ) -> Outcome:
        """Remove on a one-to-many subgrid: clear the child's lookup, if it leads to `record_id`."""
        child = session.read(definition.referencing, other_id)
        if child is None or child.get(str(definition.lookup)) != ref(definition.referenced, record_id):
            reason = f"{other_id!r} is not linked to {record_id!r} through {definition.name}"
            return Refused("REL-BAD", reason, definition.referenced)
        return set_lookup(session, definition, other_id, None)

    # -- command bars -----------------------------------------------------------------------
    def command_bar(self, session: Session, entity: str, record_id: str) -> list[str] | Refused:
        """Online, the entity's commands and custom buttons; offline, only its table commands (RIB-01, CAP-CE)."""
        if refusal := _no_record(session, entity, record_id):
            return refusal
        row = session.row(entity)
        commands = row.commands if row else frozenset()
        if session.online:
            return [*sorted(CRUD | commands), *self.metadata.ribbon_buttons.get(entity, [])]
        return sorted(commands)

    def add_ribbon_button(self, entity: str, label: str) -> Outcome:
        """Add a custom ribbon button to an entity's command bar."""
        if entity not in self.metadata.entities:
            return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
        self.metadata.ribbon_buttons.setdefault(entity, []).append(label)
        return None

    def press_ribbon_button(self, session: Session, entity: str, record_id: str, label: str) -> Outcome:
        """Custom ribbon buttons work online only (RIB-01)."""
        if refusal := _no_record(session, entity, record_id):
            return refusal
        if label not in self.metadata.ribbon_buttons.get(entity, []):
            return Refused("REL-BAD", f"{entity} has no ribbon button {label!r}", entity)
        if not session.device.online:
            return Refused("RIB-01", f"custom ribbon button {label!r} on {entity} is not available offline", entity)
        return None


def _no_record(session: Session, entity: str, record_id: str) -> Refused | None:
    """Why a record's command bar cannot show here: an unknown entity, or no such record where the session is."""
    if entity not in session.path.metadata.entities:
        return Refused("REL-BAD", f"unknown entity {entity!r}", entity)
    if session.read(entity, record_id) is None:
        return Refused("REL-BAD", f"no {entity} record {record_id!r} here", entity)
    return None
