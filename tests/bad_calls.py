"""Bad calls of every driver method, for property-based tests through the seam (`harness.driver` only).

`build` makes a small organization through the seam; `GOOD` holds, per method, a call the implementation accepts
in it; `spoils(method, world)` is a Hypothesis strategy of that call with one argument made bad: a value of another
type (at the top, inside a list, or in one field of a seam dataclass), a name or id that does not exist, a word its
Literal does not have, a column that does not exist or a value beyond its column, or a method's own kinds of
nonsense (a negative amount of time, an impossible network, a file too big). Each spoil names the words a clear
refusal must contain (any one of them).
"""

from __future__ import annotations

import base64
import dataclasses
import math
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args, get_origin

from hypothesis import strategies as st

from harness import driver as seam
from harness.codec import conforms, method_hints
from harness.driver import (
    ACCESS_RIGHTS,
    MAX_ATTACHMENT_BYTES,
    MAX_TEXT_LENGTH,
    AppModule,
    Attachment,
    Attribute,
    Condition,
    Driver,
    EntityDefinition,
    Fields,
    FormDefinition,
    NetworkConditions,
    Privilege,
    ProcessFlowDefinition,
    ProfileDefinition,
    ProfileItem,
    ProfileRules,
    Refused,
    RelationshipDefinition,
    Stage,
    ViewDefinition,
)

UNIT = "Head office"
USERS = ("ana", "bob", "carol")
VISIT = "new_visit"
ENTITIES = ("account", "contact", "lead", "incident", VISIT, "annotation")
"""The entities whose records (on the server and on each device) a bad call must leave as they were."""
NAME_PARAMETERS = frozenset(
    {"user", "entity", "record_id", "other_id", "relationship", "role", "team", "profile", "view", "label"}
    | {"note_id", "file_name", "error_id", "field_name", "principal", "business_unit", "parent", "manager", "owner"}
)
"""Parameters that name something that must already exist (a spoil gives them a name nothing has)."""
LIST_OF_NAMES = frozenset({"members", "users", "columns", "entities"})
NEW_NAMES = frozenset({("add_ribbon_button", "label")})
"""Name parameters that name something new in that method: only an empty name is bad there."""


def ok(outcome: Any) -> Any:
    """`outcome`, which must not be a refusal."""
    assert not isinstance(outcome, Refused), outcome
    return outcome


def attachment(name: str, size: int = 16) -> Attachment:
    """A file of `size` bytes."""
    return Attachment(name, "application/pdf", base64.b64encode(b"%" * size).decode())


@dataclass
class World:
    """The organization a bad call is made in: the ids of its records, its note and its sync error."""

    ids: dict[str, str] = field(default_factory=dict)
    note: str = ""
    error: str = ""


def build(driver: Driver) -> World:
    """A small organization: three salespeople (ana offline with a queued change and a note with a file; bob
    online, with a sync error; carol in no profile), a custom entity, a form, a view, a flow and a button."""
    world = World()
    ok(driver.add_business_unit(UNIT))
    for user in USERS:
        ok(driver.add_user(user, UNIT))
    ok(driver.add_team("North team", UNIT, ["ana"]))
    ok(driver.add_custom_entity(EntityDefinition(VISIT, "user", [Attribute("name", "string")])))
    everything = [Privilege(e, a, "organization") for e in ENTITIES for a in ACCESS_RIGHTS]
    ok(driver.define_role("everything", everything))
    for user in ("ana", "bob"):
        ok(driver.assign_role(user, "everything"))
    ok(driver.secure_field("account", "revenue"))
    ok(driver.add_ribbon_button("account", "Print label"))
    ok(driver.add_view(ViewDefinition("account", "Active accounts", "system", ["name"])))
    ok(driver.add_process_flow(ProcessFlowDefinition("Lead flow", "lead", [Stage("Qualify"), Stage("Develop")])))
    items = [ProfileItem(e, ProfileRules(all_records=True)) for e in ("account", "contact", "lead", VISIT)]
    assert driver.publish_profile(ProfileDefinition("field sales", items, users=["ana", "bob"])).published
    world.ids["account"] = ok(driver.server_create("account", {"name": "Fabrikam"}, owner="ana"))
    world.ids["contact"] = ok(driver.server_create("contact", {"lastname": "Reyes"}, owner="ana"))
    linked = {"lastname": "Okafor", "parentcustomerid": {"entity": "account", "id": world.ids["account"]}}
    world.ids["linked contact"] = ok(driver.server_create("contact", linked, owner="ana"))
    world.ids["gone contact"] = ok(driver.server_create("contact", {"lastname": "Gone"}, owner="bob"))
    world.ids["lead"] = ok(driver.server_create("lead", {"subject": "Pumps", "lastname": "Lee"}, owner="ana"))
    world.ids[VISIT] = ok(driver.server_create(VISIT, {"name": "First visit"}, owner="ana"))
    for user in ("ana", "bob"):
        assert ok(driver.sync(user)).completed
        ok(driver.go_offline(user))
    ok(driver.run_command("ana", "account", "update", world.ids["account"], {"name": "Fabrikam Ltd"}))
    world.note = ok(driver.add_note("ana", "account", world.ids["account"], "Visit report"))
    ok(driver.attach_to_note("ana", world.note, attachment("report.pdf")))
    ok(driver.run_command("bob", "contact", "update", world.ids["gone contact"], {"lastname": "Still here"}))
    ok(driver.server_delete("contact", world.ids["gone contact"]))
    ok(driver.go_online("bob"))
    assert ok(driver.sync("bob")).completed
    world.error = driver.sync_errors("bob")[0].id
    return world


GOOD: dict[str, Callable[[World], dict[str, Any]]] = {
    "add_attribute": lambda w: {"entity": "account", "attribute": Attribute("new_rating", "integer")},
    "add_business_unit": lambda w: {"name": "North", "parent": UNIT},
    "add_custom_entity": lambda w: {"definition": EntityDefinition("new_trip", "user", [Attribute("name", "string")])},
    "add_existing": lambda w: {
        "user": "bob",
        "relationship": "contact_customer_accounts",
        "record_id": w.ids["account"],
        "other_id": w.ids["contact"],
    },
    "add_form": lambda w: {"definition": FormDefinition("contact", "main", ["firstname", "lastname"])},
    "add_note": lambda w: {"user": "bob", "entity": "account", "record_id": w.ids["account"], "text": "Call back"},
    "add_process_flow": lambda w: {
        "definition": ProcessFlowDefinition("Case flow", "incident", [Stage("Identify"), Stage("Resolve")])
    },
    "add_profile_users": lambda w: {"profile": "field sales", "users": ["carol"]},
    "add_relationship": lambda w: {
        "definition": RelationshipDefinition("contact_visits", "one_to_many", "contact", VISIT, "new_contactid")
    },
    "add_ribbon_button": lambda w: {"entity": "contact", "label": "Send card"},
    "add_team": lambda w: {"name": "South team", "business_unit": UNIT, "members": ["bob"]},
    "add_user": lambda w: {"name": "dave", "business_unit": UNIT, "manager": "ana"},
    "add_view": lambda w: {"definition": ViewDefinition("contact", "My contacts", "system", ["lastname"])},
    "advance_clock": lambda w: {"seconds": 60.0},
    "assign_role": lambda w: {"user": "carol", "role": "everything"},
    "attach_to_note": lambda w: {"user": "ana", "note_id": w.note, "attachment": attachment("photo.pdf")},
    "begin_sync": lambda w: {"user": "bob"},
    "command_bar": lambda w: {"user": "ana", "entity": "account", "record_id": w.ids["account"]},
    "define_role": lambda w: {"name": "Reader", "privileges": [Privilege("account", "read", "user")]},
    "device_record": lambda w: {"user": "ana", "entity": "account", "record_id": w.ids["account"]},
    "device_records": lambda w: {"user": "ana", "entity": "account"},
    "finish_sync": lambda w: {"user": "bob"},
    "go_offline": lambda w: {"user": "bob"},
    "go_online": lambda w: {"user": "ana"},
    "grant_field_access": lambda w: {
        "user": "ana",
        "entity": "account",
        "field_name": "revenue",
        "read": True,
        "update": False,
    },
    "import_records": lambda w: {"entity": "account", "records": [{"id": "imported-1", "ownerid": "ana", "name": "I"}]},
    "inject_fault": lambda w: {"user": "bob", "point": "before_upload"},
    "list_views": lambda w: {"user": "ana", "entity": "account"},
    "move_stage": lambda w: {"user": "bob", "entity": "lead", "record_id": w.ids["lead"], "direction": "next"},
    "notes": lambda w: {"user": "ana", "entity": "account", "record_id": w.ids["account"]},
    "open_form": lambda w: {"user": "ana", "entity": "account", "record_id": w.ids["account"]},
    "open_view": lambda w: {"user": "ana", "entity": "account", "view": "Active accounts"},
    "pending_changes": lambda w: {"user": "ana"},
    "press_ribbon_button": lambda w: {
        "user": "bob",
        "entity": "account",
        "record_id": w.ids["account"],
        "label": "Print label",
    },
    "publish_profile": lambda w: {
        "profile": ProfileDefinition(
            "service", [ProfileItem("incident", ProfileRules(all_records=True))], users=["carol"]
        )
    },
    "remove_existing": lambda w: {
        "user": "bob",
        "relationship": "contact_customer_accounts",
        "record_id": w.ids["account"],
        "other_id": w.ids["linked contact"],
    },
    "remove_note_attachment": lambda w: {"user": "ana", "note_id": w.note, "file_name": "report.pdf"},
    "restart_app": lambda w: {"user": "ana"},
    "retry_sync_error": lambda w: {"user": "bob", "error_id": w.error},
    "revoke_role": lambda w: {"user": "bob", "role": "everything"},
    "run_command": lambda w: {
        "user": "ana",
        "entity": "account",
        "command": "update",
        "record_id": w.ids["account"],
        "fields": {"name": "Fabrikam Group"},
    },
    "search": lambda w: {"user": "ana", "entities": ["account"], "text": "Fab", "mode": "categorized"},
    "search_fields": lambda w: {"user": "ana", "entity": "account"},
    "secure_field": lambda w: {"entity": "account", "field_name": "telephone1"},
    "server_associate": lambda w: {
        "relationship": "contact_leads",
        "record_id": w.ids["contact"],
        "other_id": w.ids["lead"],
    },
    "server_create": lambda w: {"entity": "account", "fields": {"name": "Contoso"}, "owner": "ana"},
    "server_delete": lambda w: {"entity": VISIT, "record_id": w.ids[VISIT]},
    "server_record": lambda w: {"entity": "account", "record_id": w.ids["account"]},
    "server_records": lambda w: {"entity": "account"},
    "server_update": lambda w: {"entity": "account", "record_id": w.ids["account"], "fields": {"telephone1": "555"}},
    "set_conflict_detection": lambda w: {"enabled": True},
    "set_hierarchy_security": lambda w: {"enabled": True, "depth": 2},
    "set_network": lambda w: {"user": "ana", "conditions": NetworkConditions(100.0, 1_000.0)},
    "set_offline_app_modules": lambda w: {"modules": [AppModule("Sales", ["account"])]},
    "set_org_data_filter": lambda w: {"entity": "account", "conditions": [Condition("name", "not-null")]},
    "set_quick_find_columns": lambda w: {"entity": "account", "columns": ["name"]},
    "set_team_members": lambda w: {"team": "North team", "members": ["bob"]},
    "share_field": lambda w: {
        "entity": "account",
        "record_id": w.ids["account"],
        "field_name": "revenue",
        "user": "bob",
        "read": True,
        "update": False,
    },
    "share_record": lambda w: {
        "entity": "account",
        "record_id": w.ids["account"],
        "principal": "bob",
        "access": ["read"],
    },
    "sync": lambda w: {"user": "bob"},
    "sync_errors": lambda w: {"user": "bob"},
}
"""Per method, a call the implementation accepts in the world `build` made (`finish_sync` after `begin_sync`)."""
PREPARE: dict[str, Callable[[Driver], object]] = {"finish_sync": lambda d: ok(d.begin_sync("bob"))}
"""What must happen before a method's good call can succeed."""


@dataclass(frozen=True)
class Spoil:
    """One argument made bad: the refusal must name one of `names`; `kind` says how it is bad (a value of another
    "type", a name nothing has: "unknown", or a "value" its parameter or column cannot take)."""

    parameter: str
    value: Any
    names: tuple[str, ...]
    kind: Literal["type", "unknown", "value"] = "value"

    def __repr__(self) -> str:
        shown = repr(self.value)
        cut = f"{shown[:80]}..." if len(shown) > 80 else shown
        return f"Spoil({self.kind}: {self.parameter}={cut}, naming {self.names})"


# -- values of another type ----------------------------------------------------------------------------------
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.lists(st.integers(0, 9), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(0, 9), max_size=2),
    st.just(NetworkConditions(1.0, 1.0)),
    st.just(Attribute("x", "string")),
)


def wrong_type(hint: object) -> st.SearchStrategy[Any]:
    """Values whose type is not `hint`'s, at the top or, for a list, dict or dataclass, one level inside."""
    outside = ANY_VALUE.filter(lambda value: not conforms(hint, value))
    origin = get_origin(hint)
    options = (
        [t for t in get_args(hint) if t is not type(None)] if origin in (typing.Union, types.UnionType) else [hint]
    )
    inside = [s for option in options if (s := wrong_inside(option)) is not None]
    return st.one_of(outside, *inside)


def wrong_inside(hint: object) -> st.SearchStrategy[Any] | None:
    """A list with one item of another type, a dict with a key that is not text, a dataclass with one field of
    another type; None for other hints."""
    origin = get_origin(hint)
    if origin is list:
        (item,) = get_args(hint)
        return ANY_VALUE.filter(lambda v: not conforms(item, v)).map(lambda v: [v])
    if origin is dict:
        return st.integers(0, 9).map(lambda key: {key: "x"})
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return st.sampled_from(SAMPLES[hint.__name__]).flatmap(lambda sample: spoiled_field(sample))
    return None


def spoiled_field(sample: Any) -> st.SearchStrategy[Any]:
    """`sample` with one of its fields given a value of another type."""
    hints = typing.get_type_hints(type(sample), vars(seam))
    names = [f.name for f in dataclasses.fields(sample) if hints[f.name] is not Any]
    return st.sampled_from(names).flatmap(
        lambda name: ANY_VALUE.filter(lambda v: not conforms(hints[name], v)).map(
            lambda v: dataclasses.replace(sample, **{name: v})
        )
    )


SAMPLES: dict[str, list[Any]] = {
    "Attribute": [Attribute("new_size", "integer")],
    "EntityDefinition": [EntityDefinition("new_box", "user", [Attribute("name", "string")])],
    "FormDefinition": [FormDefinition("contact", "main", ["lastname"])],
    "ProcessFlowDefinition": [ProcessFlowDefinition("Flow", "incident", [Stage("One")])],
    "RelationshipDefinition": [RelationshipDefinition("r", "one_to_many", "contact", VISIT, "new_contactid")],
    "ViewDefinition": [ViewDefinition("contact", "V", "system", ["lastname"])],
    "Privilege": [Privilege("account", "read", "user")],
    "ProfileDefinition": [ProfileDefinition("p", [ProfileItem("incident", ProfileRules(all_records=True))])],
    "Attachment": [attachment("x.pdf")],
    "NetworkConditions": [NetworkConditions(10.0, 10.0)],
    "AppModule": [AppModule("m", ["account"])],
    "Condition": [Condition("name", "not-null")],
}
"""A well-formed value of each seam dataclass a method takes, to spoil one field of."""


# -- names nothing has ---------------------------------------------------------------------------------------
UNKNOWN = st.builds(lambda text: f"zz-{text}", st.from_regex(r"[A-Za-z0-9 _.\-]{0,10}", fullmatch=True)) | st.just("")


def unknown_names(parameter: str, good: Any) -> st.SearchStrategy[Spoil]:
    """The parameter naming something that does not exist (in a list: one name more that does not)."""
    if parameter in LIST_OF_NAMES:
        return UNKNOWN.map(lambda name: Spoil(parameter, [*good, name], (name, repr(name)), "unknown"))
    return UNKNOWN.map(lambda name: Spoil(parameter, name, (name, repr(name), parameter), "unknown"))


def unknown_word(parameter: str, hint: object) -> st.SearchStrategy[Spoil] | None:
    """A word its Literal does not have (inside a list for a list of Literals)."""
    words = get_args(hint)
    if get_origin(hint) is list:
        inner = unknown_word(parameter, words[0])
        return None if inner is None else inner.map(lambda s: Spoil(parameter, [s.value], s.names, "unknown"))
    if get_origin(hint) is not Literal:
        return None
    return (
        st.text(min_size=1, max_size=10)
        .filter(lambda w: w not in words)
        .map(lambda word: Spoil(parameter, word, (word, repr(word), parameter)))
    )


# -- each method's own nonsense --------------------------------------------------------------------------------
def fields_spoils(parameter: str) -> list[Spoil]:
    """Record fields naming a column that does not exist, a system column, or a value beyond its column."""
    too_long = "x" * (MAX_TEXT_LENGTH["string"] + 1)
    return [
        Spoil(parameter, {"new_shoe_size": 44}, ("new_shoe_size",)),
        Spoil(parameter, {"createdon": "2020-01-01T00:00:00Z"}, ("createdon",)),
        Spoil(parameter, {"name": too_long}, ("name",)),
        Spoil(parameter, {"numberofemployees": "many"}, ("numberofemployees",)),
        Spoil(parameter, {"numberofemployees": 2**31}, ("numberofemployees",)),
        Spoil(parameter, {"revenue": math.inf}, ("revenue",)),
        Spoil(parameter, {"lastcontacted": "next Tuesday"}, ("lastcontacted",)),
        Spoil(parameter, {"primarycontactid": {"entity": "contact"}}, ("primarycontactid",)),
    ]


SPECIAL: dict[str, Callable[[World], list[Spoil]]] = {
    "advance_clock": lambda w: [Spoil("seconds", v, ("seconds",)) for v in (-1.0, math.nan, math.inf)],
    "set_hierarchy_security": lambda w: [Spoil("depth", v, ("depth",)) for v in (0, -3)],
    "set_network": lambda w: [
        Spoil("conditions", NetworkConditions(-1.0, 100.0), ("latency",)),
        Spoil("conditions", NetworkConditions(10.0, 0.0), ("bandwidth",)),
        Spoil("conditions", NetworkConditions(math.nan, 100.0), ("latency",)),
    ],
    "attach_to_note": lambda w: [
        Spoil("attachment", attachment("big.pdf", MAX_ATTACHMENT_BYTES + 1), ("big.pdf",)),
        Spoil("attachment", Attachment("bad.pdf", "application/pdf", "not base64!"), ("bad.pdf",)),
        Spoil("attachment", attachment(""), ("file name", "file_name")),
    ],
    "add_note": lambda w: [Spoil("text", "x" * (MAX_TEXT_LENGTH["memo"] + 1), ("note", "text"))],
    "run_command": lambda w: fields_spoils("fields"),
    "server_create": lambda w: fields_spoils("fields"),
    "server_update": lambda w: fields_spoils("fields"),
    "import_records": lambda w: [
        Spoil("records", [{"id": "imported-2", "ownerid": "ana", "name": "Good"}, {"ownerid": "ana"}], ("id",)),
        *(
            Spoil("records", [{"id": "imported-3", "ownerid": "ana", **s.value}], s.names)
            for s in fields_spoils("records")
        ),
    ],
    "publish_profile": lambda w: [
        Spoil(
            "profile",
            ProfileDefinition("p", [ProfileItem("new_nothing", ProfileRules(all_records=True))]),
            ("new_nothing",),
        ),
        Spoil(
            "profile",
            ProfileDefinition("p", [ProfileItem("incident", ProfileRules(all_records=True), 0)]),
            ("interval",),
        ),
        Spoil(
            "profile",
            ProfileDefinition("p", [ProfileItem("incident", ProfileRules(all_records=True))], ["zoe"]),
            ("zoe",),
        ),
    ],
    "define_role": lambda w: [Spoil("privileges", [Privilege("new_nothing", "read", "user")], ("new_nothing",))],
    "add_custom_entity": lambda w: [
        Spoil("definition", EntityDefinition("account"), ("account",)),
        Spoil("definition", EntityDefinition("new_box", "user", [Attribute("n", "string", "account")]), ("n",)),
    ],
}
"""Per method, bad calls of its own kind (what only that method can get wrong)."""


def spoils(method: str, world: World) -> st.SearchStrategy[Spoil]:
    """Bad variants of `method`'s good call in `world`: one argument spoiled."""
    hints, _ = method_hints(method)
    good = GOOD[method](world)
    options: list[st.SearchStrategy[Spoil]] = []
    for parameter, hint in hints.items():
        options.append(wrong_type(hint).map(lambda value, p=parameter: Spoil(p, value, (p,), "type")))
        if (method, parameter) in NEW_NAMES or parameter == "name":
            options.append(st.just(Spoil(parameter, "", ("''", parameter), "value")))
        elif parameter in NAME_PARAMETERS or parameter in LIST_OF_NAMES:
            options.append(unknown_names(parameter, good.get(parameter) or []))
        if (word := unknown_word(parameter, hint)) is not None:
            options.append(word)
    if special := SPECIAL.get(method, lambda w: [])(world):
        options.append(st.sampled_from(special))
    return st.one_of(options)


def observe(driver: Driver) -> tuple[Any, ...]:
    """What a bad call must leave as it was: every record on the server and on each device, each device's queue and
    sync errors, and the clock."""
    held: list[Fields] = []
    for entity in ENTITIES:
        held += [entity, *driver.server_records(entity)]
        for user in USERS:
            held += [user, *driver.device_records(user, entity)]
    queues = [(driver.pending_changes(u), driver.sync_errors(u)) for u in USERS]
    return tuple(held), tuple(map(repr, queues)), driver.now()
