"""What each command does, as record changes: the plan step of the write path, the same offline and online."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from harness.driver import Command, Fields, Refused, RelationshipDefinition
from harness.reference.changes import Change
from harness.reference.metadata import ACTIVITY_TYPES, Metadata

DISQUALIFY_REASONS = ("lost", "cannot_contact", "no_longer_interested", "canceled")


def ref(entity: str, record_id: str) -> Fields:
    """A lookup value pointing at a record."""
    return {"entity": entity, "id": record_id}


def link_change(
    action: Literal["associate", "disassociate"],
    definition: RelationshipDefinition,
    read: Callable[[str, str], Fields | None],
    record_id: str,
    other_id: str,
) -> tuple[str, Change] | Refused:
    """The (dis)association of two records of a many-to-many seen from either side: the entity of `record_id`
    and the change, stored on the referenced side; refused unless the ids are records of the two sides."""
    referenced, referencing = definition.referenced, definition.referencing
    for entity, one, other in ((referenced, record_id, other_id), (referencing, other_id, record_id)):
        if read(referenced, one) is not None and read(referencing, other) is not None:
            fields: Fields = {"relationship": definition.name, "other": other}
            return entity, Change(action, referenced, one, fields)
    return Refused("REL-BAD", f"{record_id!r} and {other_id!r} are not a {referenced} and a {referencing} here")


class Planner:
    """Turns a command on a record into the changes it makes; new records get ids from `new_id`."""

    def __init__(self, metadata: Metadata, new_id: Callable[[], str]) -> None:
        self.metadata = metadata
        self.new_id = new_id

    def plan(
        self, entity: str, command: Command, record_id: str | None, record: Fields | None, fields: Fields
    ) -> list[Change] | Refused:
        """The changes of `command` on `record` (read by the caller), or why it cannot run (bad input, no record)."""
        if command == "create":
            return self._create(entity, fields)
        if record is None or record_id is None:
            return Refused("REL-BAD", f"{command}: no {entity} record with id {record_id!r} here", entity)
        handler = getattr(self, "_" + command, None)
        if handler is None:
            return Refused("REL-BAD", f"{command} is not a command of {entity}", entity)
        result: list[Change] | Refused = handler(entity, record_id, record, fields)
        return result

    def _create(self, entity: str, fields: Fields) -> list[Change] | Refused:
        if problem := self.metadata.check_fields(entity, fields):
            return Refused("REL-BAD", problem, entity)
        values = dict(fields)
        if entity in ACTIVITY_TYPES:
            values["activitytypecode"] = entity
        return [Change("create", entity, self.new_id(), values)]

    def _read(self, entity: str, record_id: str, record: Fields, fields: Fields) -> list[Change]:
        return []

    _refresh = _read

    def _update(self, entity: str, record_id: str, record: Fields, fields: Fields) -> list[Change] | Refused:
        if not fields:
            return Refused("REL-BAD", f"update of {entity} {record_id} names no column", entity)
        if problem := self.metadata.check_fields(entity, fields):
            return Refused("REL-BAD", problem, entity)
        return [Change("update", entity, record_id, dict(fields))]

    def _delete(self, entity: str, record_id: str, record: Fields, fields: Fields) -> list[Change]:
        return [Change("delete", entity, record_id)]

    def _state(self, entity: str, record_id: str, state: str, **extra: object) -> Change:
        return Change("update", entity, record_id, {"statecode": state, **extra})

    def _convert_activity_to_case(self, entity: str, record_id: str, record: Fields, fields: Fields) -> list[Change]:
        case_id = self.new_id()
        regarding = record.get("regardingobjectid")
        customer = regarding if isinstance(regarding, dict) and regarding.get("entity") == "account" else None
        case = {"title": fields.get("title") or record.get("subject"), "originatingactivityid": ref(entity, record_id)}
        if customer:
            case["customerid"] = customer
        return [
            Change("create", "incident", case_id, case),
            Change("update", entity, record_id, {"regardingobjectid": ref("incident", case_id)}),
        ]

    def _qualify(self, entity: str, record_id: str, lead: Fields, fields: Fields) -> list[Change] | Refused:
        if lead.get("statecode") != "open":
            return Refused(
                "ENT-23", f"cannot qualify lead {record_id}: it is {lead.get('statecode')}, not open", entity
            )
        account_id, contact_id, opportunity_id = self.new_id(), self.new_id(), self.new_id()
        company = lead.get("companyname") or lead.get("lastname") or "(no name)"
        return [
            Change("create", "account", account_id, {"name": company}),
            Change(
                "create",
                "contact",
                contact_id,
                {
                    "firstname": lead.get("firstname"),
                    "lastname": lead.get("lastname"),
                    "parentcustomerid": ref("account", account_id),
                },
            ),
            Change(
                "create",
                "opportunity",
                opportunity_id,
                {
                    "name": lead.get("subject") or company,
                    "customerid": ref("account", account_id),
                    "parentcontactid": ref("contact", contact_id),
                    "originatingleadid": ref("lead", record_id),
                },
            ),
            self._state(entity, record_id, "qualified"),
        ]

    def _disqualify(self, entity: str, record_id: str, lead: Fields, fields: Fields) -> list[Change] | Refused:
        reason = fields.get("reason")
        if reason not in DISQUALIFY_REASONS:
            return Refused(
                "ENT-23",
                f"disqualify {entity} {record_id} needs a reason ({', '.join(DISQUALIFY_REASONS)}), not {reason!r}",
                entity,
            )
        if lead.get("statecode") != "open":
            return Refused(
                "ENT-23", f"cannot disqualify lead {record_id}: it is {lead.get('statecode')}, not open", entity
            )
        return [self._state(entity, record_id, "disqualified", statusreason=reason)]

    def _mark_complete(self, entity: str, record_id: str, record: Fields, fields: Fields) -> list[Change]:
        return [self._state(entity, record_id, "completed")]

    def _convert_to_opportunity(self, entity: str, record_id: str, record: Fields, fields: Fields) -> list[Change]:
        name = record.get(self.metadata.entities[entity].primary_name())
        opportunity = {"name": name if isinstance(name, str) else record_id, "sourceid": ref(entity, record_id)}
        return [Change("create", "opportunity", self.new_id(), opportunity)]
