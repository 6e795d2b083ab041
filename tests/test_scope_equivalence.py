"""The incremental membership equals the full recomputation, whatever happens in between.

A Hypothesis state machine drives an organization through random server edits (records dated on both sides of
the org data filter's 10-day window, lookups, many-to-many links, notes and files), privilege, team, share,
hierarchy, profile, org data filter and clock changes, and cycles of two devices. After every step, each
device's kept membership is advanced to the scope of the moment and compared with a membership worked out from
nothing (the records, the links, and which records the rules admit), then the advance is rolled back and the
kept membership must be as it was. After every completed cycle, the device holds exactly its membership.

SCOPE_EQUIVALENCE_SCALE=10 multiplies the number of examples; SCOPE_EQUIVALENCE_SEED replays a seed (with the same
Hypothesis version), whatever else the process has imported or run before.
"""

from __future__ import annotations

import copy
import os
import random
from typing import Any

import hypothesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from harness.driver import (
    ACCESS_RIGHTS,
    Condition,
    Depth,
    Privilege,
    ProfileAssociation,
    ProfileDefinition,
    ProfileItem,
    ProfileRules,
    Refused,
)
from harness.reference import build
from harness.reference.subscription import Membership
from tests.seeding import constants_of

SCALE = int(os.environ.get("SCOPE_EQUIVALENCE_SCALE", "1"))
SEED = int(os.environ.get("SCOPE_EQUIVALENCE_SEED") or random.SystemRandom().randrange(2**32))
EXAMPLES = 150 * SCALE
STEPS = 40
DAY = 86_400

UNITS = {"HQ": None, "North": "HQ", "North-East": "North", "South": "HQ"}
PEOPLE = {"ana": ("North", None), "bob": ("North", "ana"), "nora": ("North-East", "bob"), "sam": ("South", None)}
TEAM = "North team"
DEVICES = ("ana", "bob")
OWNERS = (*PEOPLE, TEAM)
ENTITIES = ("account", "contact", "competitor", "annotation")
DEPTHS: tuple[Depth, ...] = ("none", "user", "business_unit", "parent_child", "organization")
NAMES = ("Alpha", "Beta", "Fabrikam", "Gamma")
ACCOUNT_RULES = (
    ProfileRules(all_records=True),
    ProfileRules(mine=True),
    ProfileRules(my_teams=True, mine=True),
    ProfileRules(my_business_unit=True),
    ProfileRules(custom=[Condition("name", "begins-with", "F")]),
    ProfileRules(custom=[Condition("ownerid", "eq-userteams")]),
    ProfileRules(custom=[Condition("modifiedon", "last-x-days", 4)]),
)
CONTACT_RULES = (ProfileRules(related_only=True), ProfileRules(mine=True), ProfileRules())
FILTER_DAYS = (None, 3, 10, 11)
SHAPES = {"down": ("account", "contact_customer_accounts"), "up": ("contact", "contact_customer_accounts"), "none": ()}


class ScopeMachine(RuleBasedStateMachine):
    """An administrator and two devices; the reference's incremental membership against a full recomputation."""

    def __init__(self) -> None:
        super().__init__()
        self.impl = build()
        self.ids: dict[str, list[str]] = {entity: [] for entity in ENTITIES}
        self.members = {TEAM: ["ana"]}
        impl = self.impl
        for unit, parent in UNITS.items():
            ok(impl.add_business_unit(unit, parent))
        for name, (unit, manager) in PEOPLE.items():
            ok(impl.add_user(name, unit, manager))
        ok(impl.add_team(TEAM, "North", ["ana"]))
        self.made = 0

    @initialize(
        accounts=st.sampled_from(ACCOUNT_RULES),
        contacts=st.sampled_from(CONTACT_RULES),
        shape=st.sampled_from(["up", "down", "none"]),
        depths=st.lists(st.sampled_from(DEPTHS[:3]), min_size=len(ENTITIES), max_size=len(ENTITIES)),
        records=st.lists(st.tuples(st.sampled_from(OWNERS), st.floats(0, 13), st.sampled_from(NAMES)), min_size=6),
        data=st.data(),
    )
    def starts(
        self,
        accounts: ProfileRules,
        contacts: ProfileRules,
        shape: str,
        depths: list[Depth],
        records: list[tuple[str, float, str]],
        data: st.DataObject,
    ) -> None:
        """Records of every entity, roles that keep many of them out of reach (so shares, teams and the hierarchy
        matter), a profile that publishes (a contact that brings its account has a rule of its own), two syncs."""
        for number, (owner, days_ago, name) in enumerate(records):
            self.imports(("account", "contact", "competitor")[number % 3], owner, days_ago, name, data)
        for user in DEVICES:
            self._role(user, "organization")
            for entity, depth in zip(ENTITIES, depths, strict=True):
                self._role(user, depth, entity)
        self._publish(accounts, CONTACT_RULES[1] if shape != "down" and contacts.related_only else contacts, shape)
        for user in DEVICES:
            self.syncs(user)

    # -- helpers ----------------------------------------------------------------------------------
    def _role(self, user: str, depth: Depth, entity: str | None = None) -> None:
        depths = dict.fromkeys(ENTITIES, depth) if entity is None else {**self._depths(user), entity: depth}
        self.__dict__.setdefault("depths", {})[user] = depths
        privileges = [
            Privilege(e, a, d if a == "read" else "organization") for e, d in depths.items() for a in ACCESS_RIGHTS
        ]
        ok(self.impl.define_role(f"{user}'s role", privileges))
        ok(self.impl.assign_role(user, f"{user}'s role"))

    def _depths(self, user: str) -> dict[str, Depth]:
        found: dict[str, Depth] = self.__dict__["depths"][user]
        return found

    def _publish(self, accounts: ProfileRules, contacts: ProfileRules, shape: str) -> None:
        """Publish the profile; `shape` says which way accounts and contacts bring each other (down: an account
        brings its contacts; up: a contact brings its account), and competitors always bring their accounts."""
        items = [
            ProfileItem("account", accounts),
            ProfileItem("contact", contacts),
            ProfileItem("competitor", ProfileRules(all_records=True)),
        ]
        associations = [ProfileAssociation("competitor", "account_competitors")]
        if shape != "none":
            associations.append(ProfileAssociation(*SHAPES[shape]))
        profile = ProfileDefinition("p", items, associations, users=list(DEVICES))
        published = self.impl.publish_profile(profile)
        assert published.published or (contacts.related_only and shape != "down"), published.errors

    def _owner(self, entity: str, record_id: str) -> object:
        return (self.impl.server_record(entity, record_id) or {}).get("ownerid")

    def _stamp(self, days_ago: float) -> str:
        clock = self.impl.parts.clock
        return clock.iso(clock.seconds - days_ago * DAY)

    # -- the administrator ------------------------------------------------------------------------
    @rule(
        entity=st.sampled_from(["account", "contact", "competitor"]),
        owner=st.sampled_from(OWNERS),
        days_ago=st.floats(0, 13),
        name=st.sampled_from(NAMES),
        data=st.data(),
    )
    def imports(self, entity: str, owner: str, days_ago: float, name: str, data: st.DataObject) -> None:
        self.made += 1
        record_id = f"{entity[:3]}-{self.made}"
        fields: dict[str, Any] = {"name": name} if entity != "contact" else {"lastname": name}
        if entity == "contact" and self.ids["account"]:
            fields["parentcustomerid"] = {"entity": "account", "id": data.draw(st.sampled_from(self.ids["account"]))}
        record = {"id": record_id, "ownerid": owner, "modifiedon": self._stamp(days_ago), **fields}
        assert self.impl.import_records(entity, [record]) == 1
        self.ids[entity].append(record_id)

    @precondition(lambda self: self.ids["account"] or self.ids["contact"])
    @rule(data=st.data(), name=st.sampled_from(NAMES))
    def renames(self, data: st.DataObject, name: str) -> None:
        entity = data.draw(st.sampled_from([e for e in ("account", "contact") if self.ids[e]]))
        record_id = data.draw(st.sampled_from(self.ids[entity]))
        ok(self.impl.server_update(entity, record_id, {"name": name} if entity == "account" else {"lastname": name}))

    @precondition(lambda self: self.ids["account"] and self.ids["contact"])
    @rule(data=st.data())
    def reparents(self, data: st.DataObject) -> None:
        """Point a contact at another account, mostly a contact the devices' users or their team own."""
        owned = [c for c in self.ids["contact"] if self._owner("contact", c) in (*DEVICES, TEAM)]
        contact = data.draw(st.sampled_from(owned or self.ids["contact"]))
        account = data.draw(st.sampled_from([*self.ids["account"], None]))
        parent = None if account is None else {"entity": "account", "id": account}
        ok(self.impl.server_update("contact", contact, {"parentcustomerid": parent}))

    @precondition(lambda self: any(self.ids[e] for e in ENTITIES))
    @rule(data=st.data())
    def deletes(self, data: st.DataObject) -> None:
        entity = data.draw(st.sampled_from([e for e in ENTITIES if self.ids[e]]))
        record_id = data.draw(st.sampled_from(self.ids[entity]))
        ok(self.impl.server_delete(entity, record_id))
        self.ids[entity].remove(record_id)

    @precondition(lambda self: self.ids["account"] and self.ids["competitor"])
    @rule(data=st.data())
    def links(self, data: st.DataObject) -> None:
        account = data.draw(st.sampled_from(self.ids["account"]))
        competitor = data.draw(st.sampled_from(self.ids["competitor"]))
        ok(self.impl.server_associate("account_competitors", account, competitor))

    @precondition(lambda self: self.ids["account"] or self.ids["contact"] or self.ids["annotation"])
    @rule(data=st.data(), owner=st.sampled_from(OWNERS))
    def notes(self, data: st.DataObject, owner: str) -> None:
        entity = data.draw(st.sampled_from([e for e in ("account", "contact", "annotation") if self.ids[e]]))
        target = data.draw(st.sampled_from(self.ids[entity]))
        fields = {"notetext": "n", "objectid": {"entity": entity, "id": target}, "isdocument": entity == "annotation"}
        note = ok(self.impl.server_create("annotation", fields, owner=owner))
        self.ids["annotation"].append(note)

    # -- security and profiles ----------------------------------------------------------------------
    @rule(user=st.sampled_from(DEVICES), entity=st.sampled_from(ENTITIES), depth=st.sampled_from(DEPTHS))
    def sets_read_depth(self, user: str, entity: str, depth: Depth) -> None:
        self._role(user, depth, entity)

    @rule(user=st.sampled_from(["ana", "bob", "nora"]))
    def toggles_membership(self, user: str) -> None:
        members = set(self.members[TEAM]) ^ {user}
        self.members[TEAM] = sorted(members)
        ok(self.impl.set_team_members(TEAM, sorted(members)))

    @precondition(lambda self: self.ids["account"] or self.ids["contact"])
    @rule(data=st.data(), principal=st.sampled_from([*DEVICES, TEAM]), read=st.booleans())
    def shares(self, data: st.DataObject, principal: str, read: bool) -> None:
        """Share (or unshare) a record, mostly one its principal does not own."""
        entity = data.draw(st.sampled_from([e for e in ("account", "contact") if self.ids[e]]))
        others = [i for i in self.ids[entity] if self._owner(entity, i) != principal]
        record_id = data.draw(st.sampled_from(others or self.ids[entity]))
        ok(self.impl.share_record(entity, record_id, principal, ["read"] if read else []))

    @rule(depth=st.integers(0, 2))
    def sets_hierarchy(self, depth: int) -> None:
        ok(self.impl.set_hierarchy_security(depth > 0, max(depth, 1)))

    @rule(
        accounts=st.sampled_from(ACCOUNT_RULES),
        contacts=st.sampled_from(CONTACT_RULES),
        shape=st.sampled_from(sorted(SHAPES)),
    )
    def republishes(self, accounts: ProfileRules, contacts: ProfileRules, shape: str) -> None:
        self._publish(accounts, contacts, shape)

    @rule(entity=st.sampled_from(["account", "contact"]), days=st.sampled_from(FILTER_DAYS))
    def sets_org_filter(self, entity: str, days: int | None) -> None:
        conditions = None if days is None else [Condition("modifiedon", "last-x-days", days)]
        ok(self.impl.set_org_data_filter(entity, conditions))

    @rule(hours=st.sampled_from([1, 7, 23, 24, 25, 49, 24 * 9]), scheduled=st.booleans())
    def time_passes(self, hours: int, scheduled: bool) -> None:
        for user in DEVICES:
            ok(self.impl.go_online(user) if scheduled else self.impl.go_offline(user))
        self.impl.advance_clock(hours * 3600)
        for user in DEVICES:
            ok(self.impl.go_online(user))

    # -- cycles -------------------------------------------------------------------------------------
    @rule(user=st.sampled_from(DEVICES))
    def syncs(self, user: str) -> None:
        report = self.impl.sync(user)
        assert not isinstance(report, Refused) and report.completed, report
        membership = self.impl.parts.fleet.memberships.of(user)
        assert membership is not None
        store = self.impl.parts.fleet.devices[user].store
        held = {e: set(store.ids(e)) for e in store.entities()}
        assert held == {e: ids for e, ids in membership.members.items() if ids}, "the device holds its membership"

    # -- the invariant ------------------------------------------------------------------------------
    @invariant()
    def incremental_equals_full(self) -> None:
        server, profiles = self.impl.parts.server, self.impl.parts.profiles
        for user in DEVICES:
            kept = self.impl.parts.fleet.memberships.of(user)
            if kept is None:
                continue
            before = (copy.deepcopy(kept.ruled), copy.deepcopy(kept.members), copy.deepcopy(kept.links), kept.token)
            scope = profiles.scope(user)
            advance = kept.advance(scope, server)
            full = Membership.compute(scope, server)
            assert _shape(kept.members) == _shape(full.members), "members"
            assert _shape(kept.ruled) == _shape(full.ruled), "ruled"
            assert _shape(kept.links) == _shape(full.links), "links"
            advance.rollback()
            after = (_shape(kept.ruled), _shape(kept.members), _shape(kept.links), kept.token)
            assert after == (*map(_shape, before[:3]), before[3]), "a rolled back advance leaves it as it was"


def _shape(sets: dict[str, Any]) -> dict[str, Any]:
    """Sets by entity, without the empty ones."""
    return {key: value for key, value in sets.items() if value}


def ok(outcome: Any) -> Any:
    """`outcome`, which must not be a refusal."""
    assert not isinstance(outcome, Refused), outcome
    return outcome


def test_incremental_membership_equals_full_recomputation() -> None:
    machine = hypothesis.seed(SEED)(ScopeMachine)
    options = settings(
        max_examples=EXAMPLES,
        stateful_step_count=STEPS,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    try:
        with constants_of(__name__):
            run_state_machine_as_test(machine, settings=options)
    except BaseException as failure:
        note = (
            f"reproduce with SCOPE_EQUIVALENCE_SEED={SEED} (scale {SCALE}: {EXAMPLES} examples of {STEPS} steps, "
            f"Hypothesis {hypothesis.__version__})"
        )
        print(note)
        failure.add_note(note)
        raise
