"""Metadata: entities, typed columns, relationships; the standard CRM entities plus custom ones."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from harness.driver import (
    DECIMAL_RANGE,
    INTEGER_RANGE,
    MAX_TEXT_LENGTH,
    Attribute,
    AttributeType,
    EntityDefinition,
    Fields,
    Ownership,
    RelationshipDefinition,
    Value,
)

SYSTEM_COLUMNS = ("id", "ownerid", "createdon", "modifiedon", "statecode")
ACTIVITY_TYPES = (
    "appointment",
    "email",
    "phonecall",
    "task",
    "fax",
    "letter",
    "serviceappointment",
    "campaignresponse",
    "campaignactivity",
    "recurringappointmentmaster",
    "socialactivity",
)
ACTIVITY_COLUMNS = ("subject", "regardingobjectid", "scheduledend", "activitytypecode")


def _attrs(spec: str) -> list[Attribute]:
    """Parse 'name:type[:target] ...' into attributes."""
    out = []
    for token in spec.split():
        name, kind, *target = token.split(":")
        out.append(Attribute(name, kind, target[0] if target else None))  # type: ignore[arg-type]
    return out


_ACTIVITY = "subject:string regardingobjectid:lookup scheduledend:datetime description:memo "
STANDARD_ENTITIES: tuple[EntityDefinition, ...] = (
    EntityDefinition(
        "account",
        "user",
        _attrs(
            "name:string telephone1:string emailaddress1:string address1_city:string revenue:decimal "
            "numberofemployees:integer primarycontactid:lookup:contact parentaccountid:lookup:account "
            "description:memo lastcontacted:datetime"
        ),
    ),
    EntityDefinition(
        "contact",
        "user",
        _attrs(
            "firstname:string lastname:string emailaddress1:string telephone1:string jobtitle:string "
            "parentcustomerid:lookup:account birthdate:datetime"
        ),
    ),
    EntityDefinition(
        "lead",
        "user",
        _attrs(
            "subject:string firstname:string lastname:string companyname:string emailaddress1:string "
            "telephone1:string statusreason:choice stage:string"
        ),
    ),
    EntityDefinition(
        "opportunity",
        "user",
        _attrs(
            "name:string estimatedvalue:decimal estimatedclosedate:datetime customerid:lookup:account "
            "parentcontactid:lookup:contact originatingleadid:lookup:lead sourceid:lookup stage:string"
        ),
    ),
    EntityDefinition(
        "opportunityproduct",
        "user",
        _attrs("opportunityid:lookup:opportunity productid:lookup:product quantity:decimal priceperunit:decimal"),
    ),
    EntityDefinition(
        "incident",
        "user",
        _attrs(
            "title:string customerid:lookup:account description:memo prioritycode:choice "
            "originatingactivityid:lookup:appointment stage:string"
        ),
    ),
    EntityDefinition("competitor", "organization", _attrs("name:string websiteurl:string strengths:memo")),
    EntityDefinition(
        "competitoraddress", "organization", _attrs("parentid:lookup:competitor line1:string city:string")
    ),
    EntityDefinition(
        "connection",
        "user",
        _attrs("record1id:lookup:account record2id:lookup:contact record1roleid:lookup:connectionrole"),
    ),
    EntityDefinition("connectionrole", "organization", _attrs("name:string category:choice")),
    EntityDefinition("appointment", "user", _attrs(_ACTIVITY + "scheduledstart:datetime location:string")),
    EntityDefinition("email", "user", _attrs(_ACTIVITY + "to:string")),
    EntityDefinition(
        "activitymimeattachment",
        "user",
        _attrs("filename:string mimetype:string body:memo objectid:lookup:email"),
    ),
    EntityDefinition("phonecall", "user", _attrs(_ACTIVITY + "phonenumber:string")),
    EntityDefinition("task", "user", _attrs(_ACTIVITY + "percentcomplete:integer")),
    EntityDefinition("position", "business_unit", _attrs("name:string parentpositionid:lookup:position")),
    EntityDefinition("product", "organization", _attrs("name:string productnumber:string price:decimal")),
    EntityDefinition("team", "business_unit", _attrs("name:string businessunitid:string")),
    EntityDefinition("systemuser", "business_unit", _attrs("fullname:string businessunitid:string")),
    EntityDefinition("activitypointer", "user", _attrs(_ACTIVITY)),
    EntityDefinition(
        "annotation",
        "user",
        _attrs(
            "notetext:string objectid:lookup filename:string mimetype:string documentbody:memo isdocument:boolean "
            "attachmentsource:choice"
        ),
    ),
    EntityDefinition("quote", "user", _attrs("name:string customerid:lookup:account")),
    EntityDefinition("invoice", "user", _attrs("name:string customerid:lookup:account")),
    EntityDefinition("salesorder", "user", _attrs("name:string customerid:lookup:account")),
    EntityDefinition("campaign", "user", _attrs("name:string")),
    *(
        EntityDefinition(name, "user", _attrs(_ACTIVITY))
        for name in ACTIVITY_TYPES
        if name not in ("appointment", "email", "phonecall", "task")
    ),
)

STANDARD_RELATIONSHIPS: tuple[RelationshipDefinition, ...] = (
    RelationshipDefinition("contact_customer_accounts", "one_to_many", "account", "contact", "parentcustomerid"),
    RelationshipDefinition("account_primary_contact", "one_to_many", "contact", "account", "primarycontactid"),
    RelationshipDefinition("account_parent_account", "one_to_many", "account", "account", "parentaccountid"),
    RelationshipDefinition("opportunity_customer_accounts", "one_to_many", "account", "opportunity", "customerid"),
    RelationshipDefinition("opportunity_parent_contact", "one_to_many", "contact", "opportunity", "parentcontactid"),
    RelationshipDefinition("opportunity_originating_lead", "one_to_many", "lead", "opportunity", "originatingleadid"),
    RelationshipDefinition("opportunity_products", "one_to_many", "opportunity", "opportunityproduct", "opportunityid"),
    RelationshipDefinition("product_opportunities", "one_to_many", "product", "opportunityproduct", "productid"),
    RelationshipDefinition("incident_customer_accounts", "one_to_many", "account", "incident", "customerid"),
    RelationshipDefinition("competitor_addresses", "one_to_many", "competitor", "competitoraddress", "parentid"),
    RelationshipDefinition("competitor_products", "many_to_many", "competitor", "product"),
    RelationshipDefinition("account_connections", "one_to_many", "account", "connection", "record1id"),
    RelationshipDefinition("contact_connections", "one_to_many", "contact", "connection", "record2id"),
    RelationshipDefinition(
        "connectionrole_connections", "one_to_many", "connectionrole", "connection", "record1roleid"
    ),
    RelationshipDefinition("email_attachments", "one_to_many", "email", "activitymimeattachment", "objectid"),
    RelationshipDefinition("position_parent", "one_to_many", "position", "position", "parentpositionid"),
    RelationshipDefinition("contact_leads", "many_to_many", "contact", "lead"),
    RelationshipDefinition("account_competitors", "many_to_many", "account", "competitor"),
)


@dataclass
class EntityMeta:
    """An entity as the metadata store knows it."""

    name: str
    ownership: Ownership
    custom: bool
    attributes: dict[str, Attribute] = field(default_factory=dict)
    quick_find: list[str] = field(default_factory=list)

    def primary_name(self) -> str:
        """The column used as the record's display name."""
        for candidate in ("name", "fullname", "subject", "title", "filename", "lastname"):
            if candidate in self.attributes:
                return candidate
        return "id"


_PYTHON_TYPES: dict[AttributeType, tuple[type, ...]] = {
    "string": (str,),
    "memo": (str,),
    "choice": (str,),
    "datetime": (str,),
    "integer": (int,),
    "decimal": (int, float),
    "boolean": (bool,),
    "lookup": (dict,),
}


_EXACT: dict[AttributeType, tuple[type, ...]] = {**_PYTHON_TYPES, "lookup": ()}
"""Value types that are right for a column type without looking further (the common case, checked first)."""


def check_value(entity: str, attribute: Attribute, value: Value) -> str | None:
    """Why `value` is not a valid value of `attribute` (wrong type, beyond the column's limits, a datetime that is
    not ISO-8601), or None if it is (None is always valid)."""
    if value is None:
        return None
    if type(value) not in _EXACT[attribute.type]:
        expected = _PYTHON_TYPES[attribute.type]
        if isinstance(value, bool) and attribute.type != "boolean":
            return f"{entity}.{attribute.name} is {attribute.type}, not boolean ({value!r})"
        if not isinstance(value, expected):
            return f"{entity}.{attribute.name} is {attribute.type}; {value!r} is a {type(value).__name__}"
        if isinstance(value, dict):
            return _check_lookup(entity, attribute, value)
    return _check_limits(entity, attribute, value)


def _check_limits(entity: str, attribute: Attribute, value: Value) -> str | None:
    """Why a value of the right type does not fit its column: too long, out of range, not a date."""
    kind, name = attribute.type, f"{entity}.{attribute.name}"
    if kind in MAX_TEXT_LENGTH and len(value) > MAX_TEXT_LENGTH[kind]:
        return f"{name} holds at most {MAX_TEXT_LENGTH[kind]:,} characters; the value has {len(value):,}"
    if kind in ("integer", "decimal"):
        low, high = INTEGER_RANGE if kind == "integer" else DECIMAL_RANGE
        if (isinstance(value, float) and not math.isfinite(value)) or not low <= value <= high:
            return f"{name} holds {kind} values from {low:,} to {high:,}; {value!r} is outside"
    if kind == "datetime":
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return f"{name} is datetime: {value!r} is not an ISO-8601 date and time"
    return None


def _check_lookup(entity: str, attribute: Attribute, value: dict[str, Value]) -> str | None:
    if set(value) != {"entity", "id"} or not all(isinstance(v, str) for v in value.values()):
        return f"{entity}.{attribute.name} is a lookup: expected {{'entity': ..., 'id': ...}}, got {value!r}"
    if attribute.target and value["entity"] != attribute.target:
        return f"{entity}.{attribute.name} points to {attribute.target}, not {value['entity']}"
    return None


class Metadata:
    """Entities and relationships of the organization, standard and custom."""

    def __init__(self) -> None:
        self.entities: dict[str, EntityMeta] = {}
        self.relationships: dict[str, RelationshipDefinition] = {}
        self.ribbon_buttons: dict[str, list[str]] = {}
        for definition in STANDARD_ENTITIES:
            self.entities[definition.name] = EntityMeta(definition.name, definition.ownership, custom=False)
        for definition in STANDARD_ENTITIES:
            for attribute in definition.attributes:
                problem = self.add_attribute(definition.name, attribute)
                assert problem is None, problem
        for relationship in STANDARD_RELATIONSHIPS:
            self.relationships[relationship.name] = relationship
        for entity in ("account", "contact", "lead", "opportunity", "incident"):
            meta = self.entities[entity]
            meta.quick_find = [a.name for a in meta.attributes.values() if a.type in ("string", "datetime")]

    def add_entity(self, definition: EntityDefinition, custom: bool) -> str | None:
        """Register an entity; returns why not (duplicate, bad column) or None."""
        if definition.name in self.entities:
            return f"entity {definition.name!r} already exists"
        if custom and "_" not in definition.name:
            return f"custom entity {definition.name!r} needs a publisher prefix such as 'new_'"
        meta = EntityMeta(definition.name, definition.ownership, custom)
        self.entities[definition.name] = meta
        for attribute in definition.attributes:
            if problem := self.add_attribute(definition.name, attribute):
                del self.entities[definition.name]
                return problem
        return None

    def add_attribute(self, entity: str, attribute: Attribute) -> str | None:
        """Add a column; returns why not or None."""
        meta = self.entities.get(entity)
        if meta is None:
            return f"unknown entity {entity!r}"
        if attribute.name in meta.attributes or attribute.name in SYSTEM_COLUMNS:
            return f"{entity}.{attribute.name} already exists"
        if attribute.type not in _PYTHON_TYPES:
            return f"{entity}.{attribute.name}: unknown type {attribute.type!r}"
        if attribute.target is not None and attribute.type != "lookup":
            return f"{entity}.{attribute.name} is {attribute.type}: only a lookup column has a target"
        if attribute.target is not None and attribute.target not in self.entities:
            return f"{entity}.{attribute.name}: lookup target {attribute.target!r} is not an entity"
        meta.attributes[attribute.name] = attribute
        return None

    def add_relationship(self, definition: RelationshipDefinition) -> str | None:
        """Add a relationship (and for one-to-many its lookup column); returns why not or None."""
        if definition.name in self.relationships:
            return f"relationship {definition.name!r} already exists"
        for side in (definition.referenced, definition.referencing):
            if side not in self.entities:
                return f"relationship {definition.name!r}: unknown entity {side!r}"
        if definition.kind == "one_to_many":
            if not definition.lookup:
                return f"one-to-many relationship {definition.name!r} needs a lookup column"
            existing = self.entities[definition.referencing].attributes.get(definition.lookup)
            if existing is None:
                lookup = Attribute(definition.lookup, "lookup", definition.referenced)
                if problem := self.add_attribute(definition.referencing, lookup):
                    return problem
            elif existing.type != "lookup":
                return f"{definition.referencing}.{definition.lookup} is not a lookup"
        self.relationships[definition.name] = definition
        return None

    def check_fields(self, entity: str, fields: dict[str, Value], ignoring: tuple[str, ...] = ()) -> str | None:
        """Why `fields` (but the columns `ignoring`) cannot be written to `entity` (unknown or system column, wrong
        type), or None."""
        meta = self.entities[entity]
        for name, value in fields.items():
            attribute = meta.attributes.get(name)
            if attribute is None:
                if name in ignoring:
                    continue
                if name in SYSTEM_COLUMNS:
                    return f"{entity}.{name} is a system column and cannot be written"
                return f"{entity} has no column {name!r}"
            if problem := check_value(entity, attribute, value):
                return problem
        return None


# -- relationships seen from one side ---------------------------------------------------------------
def target_of(relationship: RelationshipDefinition, entity: str) -> str:
    """The other side of `relationship` seen from `entity`."""
    return relationship.referencing if relationship.referenced == entity else relationship.referenced


def fans_out(relationship: RelationshipDefinition, entity: str) -> bool:
    """Whether `relationship` is one-to-many or many-to-many seen from `entity` (FLT-REL2)."""
    return relationship.kind == "many_to_many" or relationship.referenced == entity


def lists_records_of(relationship: RelationshipDefinition, entity: str) -> bool:
    """Whether a subgrid of `relationship` on `entity`'s form lists related records (the "one" side, or N:N)."""
    return entity == relationship.referenced or (
        relationship.kind == "many_to_many" and entity == relationship.referencing
    )


# -- notes ----------------------------------------------------------------------------------------
NOTE = "annotation"
"""Timeline notes, and the files on them, are annotations."""
NOTE_TARGET = "objectid"


def note_target(note: Fields) -> tuple[object, object]:
    """The (entity, id) a note (or a file on a note) is attached to."""
    target = note.get(NOTE_TARGET)
    return (target.get("entity"), target.get("id")) if isinstance(target, dict) else (None, None)
