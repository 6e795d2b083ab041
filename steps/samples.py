"""The suite's own sample data: the page's entity table and a valid record of each entity the scenarios use."""

from __future__ import annotations

from harness.driver import Fields

CRUD = ("create", "read", "update", "delete")
OFFLINE_COMMANDS: dict[str, tuple[str, ...]] = {
    "account": CRUD,
    "activitypointer": ("read", "delete"),
    "appointment": (*CRUD, "convert_activity_to_case"),
    "activitymimeattachment": ("read",),
    "incident": CRUD,
    "competitor": CRUD,
    "competitoraddress": CRUD,
    "connection": ("read",),
    "connectionrole": ("read",),
    "contact": CRUD,
    "email": ("read",),
    "lead": (*CRUD, "qualify", "disqualify"),
    "opportunity": CRUD,
    "opportunityproduct": CRUD,
    "phonecall": CRUD,
    "position": CRUD,
    "product": ("read",),
    "task": CRUD,
    "team": ("read",),
    "systemuser": ("read",),
}
"""The page's entity table, as the suite reads it: each entity and the commands it allows offline."""
CUSTOM_ENTITY_COMMANDS = (*CRUD, "mark_complete", "refresh", "convert_to_opportunity")
"""Every custom entity: its records' commands offline (ENT-11 and the command bar of CAP-CE)."""
TABLE_ENTITIES = tuple(OFFLINE_COMMANDS)
OUTSIDE_THE_TABLE = (
    "quote",
    "invoice",
    "salesorder",
    "campaign",
    "fax",
    "letter",
    "serviceappointment",
    "campaignresponse",
    "campaignactivity",
    "recurringappointmentmaster",
    "socialactivity",
    "annotation",
)

NEW_RECORD: dict[str, Fields] = {
    "account": {"name": "Fabrikam"},
    "appointment": {"subject": "Site visit"},
    "activitymimeattachment": {"filename": "offer.pdf", "mimetype": "application/pdf"},
    "incident": {"title": "Pump leaking"},
    "competitor": {"name": "Northwind"},
    "competitoraddress": {"line1": "1 Harbour Road", "city": "Oslo"},
    "connection": {},
    "connectionrole": {"name": "Referral"},
    "contact": {"firstname": "Dana", "lastname": "Reyes"},
    "email": {"subject": "Proposal"},
    "lead": {"subject": "Contoso deal", "companyname": "Contoso", "firstname": "Dana", "lastname": "Reyes"},
    "opportunity": {"name": "Pump upgrade"},
    "opportunityproduct": {"quantity": 3},
    "phonecall": {"subject": "Follow-up call"},
    "position": {"name": "Field engineer"},
    "product": {"name": "Pump X200"},
    "task": {"subject": "Send brochure"},
    "team": {"name": "Sales North"},
    "systemuser": {"fullname": "Sam Okafor"},
    "quote": {"name": "Q-1001"},
    "invoice": {"name": "INV-1001"},
    "salesorder": {"name": "SO-1001"},
    "campaign": {"name": "Spring launch"},
    "fax": {"subject": "Signed order"},
    "letter": {"subject": "Thank-you letter"},
    "serviceappointment": {"subject": "Boiler service"},
    "campaignresponse": {"subject": "Replied to the spring mailing"},
    "campaignactivity": {"subject": "Spring mailing"},
    "recurringappointmentmaster": {"subject": "Monthly account review"},
    "socialactivity": {"subject": "Asked about pumps online"},
}
CHANGED_RECORD: dict[str, Fields] = {
    "account": {"name": "Fabrikam Ltd"},
    "appointment": {"subject": "Site visit (moved)"},
    "incident": {"title": "Pump leaking badly"},
    "competitor": {"name": "Northwind Traders"},
    "competitoraddress": {"city": "Bergen"},
    "contact": {"lastname": "Reyes-Lopez"},
    "lead": {"subject": "Contoso deal, phase 2"},
    "opportunity": {"name": "Pump upgrade and service"},
    "opportunityproduct": {"quantity": 5},
    "phonecall": {"subject": "Second follow-up call"},
    "position": {"name": "Senior field engineer"},
    "task": {"subject": "Send brochure and price list"},
}
SEEDED_AS = {"activitypointer": "letter"}
"""Activity Pointer records are activities: the suite seeds one as a letter, a type not offline on its own."""

CUSTOM_ENTITY_RECORD: Fields = {"name": "Boiler inspection"}
CUSTOM_ENTITY_CHANGE: Fields = {"name": "Boiler inspection, second visit"}


def new_record(entity: str) -> Fields:
    """A valid new record of `entity` (custom entities get a name)."""
    return dict(NEW_RECORD.get(entity, CUSTOM_ENTITY_RECORD))


def changed_record(entity: str) -> Fields:
    """A valid change to a record of `entity`."""
    return dict(CHANGED_RECORD.get(entity, CUSTOM_ENTITY_CHANGE))


def created_record(entity: str) -> Fields:
    """A valid new record of `entity` unlike the one `new_record` seeds, so what a create made is told apart."""
    change = CHANGED_RECORD.get(entity, {} if entity in NEW_RECORD else CUSTOM_ENTITY_CHANGE)
    return {**new_record(entity), **change}


def command_fields(entity: str, command: str) -> Fields:
    """The fields a scenario passes with `command`: a new record, a change, a reason, or nothing."""
    if command == "create":
        return created_record(entity)
    if command == "update":
        return changed_record(entity)
    return {"reason": "lost"} if command == "disqualify" else {}


PRIMARY_COLUMN = {"contact": "lastname", "lead": "subject", "incident": "title", "task": "subject"}


def named_record(entity: str, name: str) -> Fields:
    """A valid new record of `entity` whose display name is `name`."""
    return {**new_record(entity), PRIMARY_COLUMN.get(entity, "name"): name}
