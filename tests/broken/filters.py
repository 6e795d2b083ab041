"""Deliberately broken implementations, each breaking one claim about profiles and filters (FLT)."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from harness.driver import Condition, Fields, Finding, ProfileDefinition, ProfileItem, ProfileRules, PublishResult
from harness.reference.clock import parse_iso
from harness.reference.conditions import meets, window_start
from harness.reference.delta import Delta
from harness.reference.device import Snapshot
from harness.reference.metadata import NOTE, target_of
from harness.reference.profiles import DEFAULT_ORG_FILTER_DAYS, ProfileCheck, Profiles, find_cycle
from harness.reference.server import ServerStore
from harness.reference.subscription import (
    VIEWER_OPERATORS,
    Advance,
    Edge,
    EntityTest,
    Ids,
    Journal,
    Judge,
    Membership,
    Scope,
    has_rule,
)
from harness.reference.sync import Cycle
from tests.broken.swap import Factory, judged_by, swapping, with_limits

DEFAULT = [Condition("modifiedon", "last-x-days", DEFAULT_ORG_FILTER_DAYS)]


def _validated_by(check: type[ProfileCheck]) -> type[Profiles]:
    """Profiles that validate with `check`."""

    class Checked(Profiles):
        def validate(self, profile: ProfileDefinition) -> ProfileCheck:
            found = check(self, profile)
            found.run()
            return found

    return Checked


def _checked_by(check: type[ProfileCheck]) -> Factory:
    """The reference validating profiles with `check`."""
    return swapping(profiles=_validated_by(check))


def _forgetting(claim: str) -> Factory:
    """The reference, except that publishing never reports errors or warnings of `claim`."""

    class Forgetful(ProfileCheck):
        def error(self, claim_id: str, message: str, entity: str | None = None, limit: str | None = None) -> None:
            if claim_id != claim:
                super().error(claim_id, message, entity, limit)

        def warn(self, claim_id: str, message: str, entity: str | None = None, limit: str | None = None) -> None:
            if claim_id != claim:
                super().warn(claim_id, message, entity, limit)

    return _checked_by(Forgetful)


class _ElevenDayDefault(Profiles):
    """The default org data filter keeps 11 days instead of 10."""

    def org_filter(self, entity: str) -> list[Condition] | None:
        found = super().org_filter(entity)
        return [Condition("modifiedon", "last-x-days", 11)] if entity not in self.org_filters and found else found


FLT_PU = with_limits(max_profile_users=10**6)
FLT_REL1 = with_limits(max_relationships_per_entity=11)
FLT_REL2 = with_limits(max_one_to_many_per_entity=2)
FLT_REL3 = _forgetting("FLT-REL3")
FLT_R0 = _forgetting("FLT-R0")
FLT_R1 = _forgetting("FLT-R1")
FLT_R2 = _forgetting("FLT-R2")
FLT_R3 = _forgetting("FLT-R3")
FLT_R4 = with_limits(max_custom_filters=4)
FLT_ORG1 = _forgetting("FLT-ORG1")
FLT_ORG2 = swapping(profiles=_ElevenDayDefault)
FLT_VOL = with_limits(recommended_records_per_user=10_001)


# -- FLT-PU: who counts, and one profile per user ----------------------------------------------------
class _CountsNamedUsers(ProfileCheck):
    """Counts (and checks) only the users the profile names, not the members of its teams."""

    def check_users(self) -> None:
        whole, self.profile = self.profile, dataclasses.replace(self.profile, teams=[])
        super().check_users()
        self.profile = whole


class _AddsUpTeams(ProfileCheck):
    """Counts the named users plus the size of each team: a user named and on a team, or on two teams, counts twice."""

    def check_users(self) -> None:
        super().check_users()
        members = self.profiles.security.principals
        count = len(self.profile.users) + sum(len(members[t].members) for t in self.profile.teams if t in members)
        limit = self.edition.max_profile_users
        if count > limit and not any(e.claim == "FLT-PU" and e.limit and "users" in e.limit for e in self.errors):
            self.error("FLT-PU", f"would hold {count:,} users; at most {limit:,}", None, f"{limit:,} users per profile")


class _MergedProfiles(Profiles):
    """A user reached by two profiles gets the items of both (the first naming an entity wins)."""

    def profiles_of(self, user: str) -> list[ProfileDefinition]:
        return [p for p in self.published.values() if user in self.users_of(p)]


class _TeamProfilesMerged(Profiles):
    """A user named in a profile gets that one; a user whom several profiles reach through teams gets them all."""

    def profiles_of(self, user: str) -> list[ProfileDefinition]:
        reaching = [p for p in self.published.values() if user in self.users_of(p)]
        return [p for p in reaching if user in p.users][:1] or reaching


class _NoOneProfileRule(ProfileCheck):
    """Never checks whether a user is already in another profile."""

    def error(self, claim: str, message: str, entity: str | None = None, limit: str | None = None) -> None:
        if limit != "one offline profile per user":
            super().error(claim, message, entity, limit)


FLT_PU__teams_not_counted = _checked_by(_CountsNamedUsers)
FLT_PU__members_counted_twice = _checked_by(_AddsUpTeams)
FLT_PU__profiles_merged = swapping(profiles=_MergedProfiles)
FLT_PU__team_profiles_merged = swapping(profiles=_TeamProfilesMerged)
FLT_PU__user_in_two_profiles = _checked_by(_NoOneProfileRule)


# -- FLT-REL1..3: relationships --------------------------------------------------------------------
class _CountsRelatedEntities(ProfileCheck):
    """Counts the entities an entity brings, not its relationships: two lookups to one entity count once."""

    def check_relationship_limits(self, per_entity: Counter[str], fanning: Counter[str]) -> None:
        relationships, targets = self.profiles.metadata.relationships, defaultdict(set)
        for association in self.profile.associations:
            if relationship := relationships.get(association.relationship):
                targets[association.entity].add(target_of(relationship, association.entity))
        super().check_relationship_limits(Counter({e: len(t) for e, t in targets.items()}), fanning)


class _CountsPerProfile(ProfileCheck):
    """Counts the relationships of the whole profile against the per-entity limit."""

    def check_relationship_limits(self, per_entity: Counter[str], fanning: Counter[str]) -> None:
        super().check_relationship_limits(Counter(dict.fromkeys(per_entity, per_entity.total())), fanning)


class _KindNotDirection(ProfileCheck):
    """Counts every one-to-many relationship as fanning out, even seen from its many side (a lookup)."""

    def check_relationship_limits(self, per_entity: Counter[str], fanning: Counter[str]) -> None:
        super().check_relationship_limits(per_entity, per_entity)


class _LinkTablesAreNoReferences(ProfileCheck):
    """Leaves many-to-many relationships out of the self-reference and circle checks."""

    def check_associations(self) -> None:
        super().check_associations()
        self.errors = [e for e in self.errors if e.claim != "FLT-REL3"]
        relationships, edges = self.profiles.metadata.relationships, defaultdict(set)
        for association in self.profile.associations:
            relationship = relationships.get(association.relationship)
            if relationship is None or relationship.kind == "many_to_many":
                continue
            if relationship.referenced == relationship.referencing:
                self.error("FLT-REL3", f"{relationship.name} refers to itself", association.entity)
            else:
                edges[association.entity].add(target_of(relationship, association.entity))
        if cycle := find_cycle(edges):
            self.error("FLT-REL3", "a circle: " + " → ".join(cycle), cycle[0])


FLT_REL1__counts_related_entities = _checked_by(_CountsRelatedEntities)
FLT_REL1__counts_per_profile = _checked_by(_CountsPerProfile)
FLT_REL2__kind_not_direction = _checked_by(_KindNotDirection)
FLT_REL3__many_to_many_not_followed = _checked_by(_LinkTablesAreNoReferences)


# -- FLT-R0..R4: rules -----------------------------------------------------------------------------
class _CustomIsNoRule(ProfileCheck):
    """Warns that an entity with only custom filters has no rule."""

    def check_item(self, item: ProfileItem) -> None:
        super().check_item(item)
        others = dataclasses.replace(item, rules=dataclasses.replace(item.rules, custom=[]))
        if item.rules.custom and not has_rule(others):
            self.warn("FLT-R0", f"{item.entity} has no profile rule", item.entity)


class _RulelessIsRelated(Judge):
    """Treats an entity without rules as 'related data only': associations fill it."""

    def __init__(self, scope: Scope, server: ServerStore, notes: bool = True) -> None:
        related = ProfileRules(related_only=True)
        items = {e: i if has_rule(i) else dataclasses.replace(i, rules=related) for e, i in scope.profile.items.items()}
        super().__init__(
            dataclasses.replace(scope, profile=dataclasses.replace(scope.profile, items=items)), server, notes
        )


class _CustomNarrowsAll(ProfileCheck):
    """Lets custom filters narrow 'all records' instead of refusing them."""

    def check_item(self, item: ProfileItem) -> None:
        rules = item.rules
        super().check_item(
            dataclasses.replace(item, rules=dataclasses.replace(rules, custom=[])) if rules.all_records else item
        )


class _AllAgainstMineOnly(ProfileCheck):
    """Checks 'all records' against 'my records' only."""

    def error(self, claim: str, message: str, entity: str | None = None, limit: str | None = None) -> None:
        if claim != "FLT-R1" or (entity in self.items and self.items[entity].rules.mine):
            super().error(claim, message, entity, limit)


class _StoresBeforeChecking(Profiles):
    """Puts the profile in force before validating it, and leaves it there when publishing is refused."""

    def publish(self, profile: ProfileDefinition) -> PublishResult:
        result = super().publish(profile)
        self.published[profile.name] = profile
        self.version += 1
        return result


class _EitherSide(ProfileCheck):
    """Accepts 'related data only' for an entity that is on either side of an association."""

    def check_related_only(self, entity: str, others: list[str]) -> None:
        super().check_related_only(entity, others)
        if any(a.entity == entity for a in self.profile.associations):
            self.errors = [e for e in self.errors if e.limit != "'related data only' needs an association"]


class _LinksOneWay(Judge):
    """Follows many-to-many links from the relationship's first entity only."""

    def forward(self, source: str, ids: set[str]) -> dict[str, set[str]]:
        found = super().forward(source, ids)
        for edge in self.edges:
            if (
                edge.source == source
                and edge.relationship.kind == "many_to_many"
                and source != edge.relationship.referenced
            ):
                found[edge.target] = set()
        return found

    def related_back(self, edge: Edge, record_id: str) -> set[str]:
        one_way = edge.relationship.kind == "many_to_many" and edge.source != edge.relationship.referenced
        return set() if one_way else super().related_back(edge, record_id)


class _ChangedRecordsOnly(Cycle):
    """A delta cycle brings the records changed since the last one, never unchanged ones newly in scope."""

    def _commit(self, delta: Delta, entities: set[str], snapshot: Snapshot, advance: Advance) -> None:
        store = self.device.store
        upserts = {
            entity: batch.only(
                lambda i, r, e=entity: not store.token(e) or i in self.server.changed_since(store.token(e))
            )
            for entity, batch in delta.upserts.items()
        }
        super()._commit(dataclasses.replace(delta, upserts=upserts), entities, snapshot, advance)


class _RelatedLeaveWithTheirRecord(Cycle):
    """When a record leaves the device, the records linked to it through the profile's associations leave too."""

    def _commit(self, delta: Delta, entities: set[str], snapshot: Snapshot, advance: Advance) -> None:
        super()._commit(delta, entities, snapshot, advance)
        gone = {record_id for _, record_id in delta.removals}
        relationships = self.server.metadata.relationships
        for association in advance.membership.scope.profile.associations:
            relationship = relationships[association.relationship]
            target = target_of(relationship, association.entity)
            for one, other in self.server.links.get(relationship.name, set()):
                if one in gone:
                    self.device.store.delete(target, other)


class _UnitAndBelow(Judge):
    """'My business unit' takes in the units below the user's."""

    def __init__(self, scope: Scope, server: ServerStore, notes: bool = True) -> None:
        super().__init__(scope, server, notes)
        self.unit_owners = scope.access.subtree_owners


class _UnitUsersOnly(Judge):
    """'My business unit' takes in the users of the unit, not its teams."""

    def __init__(self, scope: Scope, server: ServerStore, notes: bool = True) -> None:
        super().__init__(scope, server, notes)
        principals = server.security.principals
        self.unit_owners = frozenset(m for m in self.unit_owners if not principals[m].is_team)


class _FirstOptionOnly(Judge):
    """Of my, my team's and my business unit's records, applies only the first one chosen."""

    def test(self, entity: str) -> EntityTest:
        found = super().test(entity)
        if found.item is None:
            return found
        rules = found.item.rules
        if rules.mine:
            rules = dataclasses.replace(rules, my_teams=False, my_business_unit=False)
        elif rules.my_teams:
            rules = dataclasses.replace(rules, my_business_unit=False)
        return dataclasses.replace(found, item=dataclasses.replace(found.item, rules=rules))


class _CustomFiltersPerProfile(ProfileCheck):
    """Counts the custom filters of the whole profile against the per-entity limit."""

    def run(self) -> None:
        super().run()
        total, limit = sum(len(i.rules.custom) for i in self.profile.items), self.edition.max_custom_filters
        if total > limit:
            self.error("FLT-R4", f"{total} custom filters; at most {limit}", self.profile.items[-1].entity)


class _TeamsIncludeTheUser(Judge):
    """Counts the user among her own teams."""

    def __init__(self, scope: Scope, server: ServerStore, notes: bool = True) -> None:
        super().__init__(scope, server, notes)
        self.teams = self.teams | {self.user}
        self.viewer = dataclasses.replace(self.viewer, teams=self.teams)


class _UnitOfUsersOnly(Judge):
    """Finds the business unit of a record's owner for users only: team-owned records are in no unit."""

    def __init__(self, scope: Scope, server: ServerStore, notes: bool = True) -> None:
        super().__init__(scope, server, notes)
        principals = server.security.principals
        users = frozenset(m for m in self.viewer.unit_owners if not principals[m].is_team)
        self.viewer = dataclasses.replace(self.viewer, unit_owners=users)


class _OtherNeedsMine(ProfileCheck):
    """Takes 'my records' as the only choice that completes the other data filter."""

    def check_item(self, item: ProfileItem) -> None:
        super().check_item(item)
        rules = item.rules
        if rules.other_data_filter and not rules.mine and (rules.my_teams or rules.my_business_unit):
            self.error("FLT-R3", f"{item.entity}: 'other data filter' needs my records", item.entity, "my records")


class _RulelessKeepsRelated(Membership):
    """A profile change that leaves an entity with no rule takes off the device only the records its old rules
    admitted: those an association brought stay."""

    def _replace(self, fresh: Membership, changed: Ids, rescoped: bool) -> Advance:
        ruled = {entity: set(ids) for entity, ids in self.ruled.items()}
        found = super()._replace(fresh, changed, rescoped)
        for entity, item in fresh.scope.profile.items.items():
            if not has_rule(item) and entity in found.touched:
                found.touched[entity] = ruled.get(entity, set()) | changed.get(entity, set())
        return found


FLT_R0__custom_filter_is_no_rule = _checked_by(_CustomIsNoRule)
FLT_R0__ruleless_entity_keeps_related = swapping(membership=_RulelessKeepsRelated)
FLT_R0__association_fills_ruleless = judged_by(_RulelessIsRelated)
FLT_R1__custom_filters_allowed = _checked_by(_CustomNarrowsAll)
FLT_R1__checks_my_records_only = _checked_by(_AllAgainstMineOnly)
FLT_R1__refused_profile_stays = swapping(profiles=_StoresBeforeChecking)
FLT_R2__association_either_side = _checked_by(_EitherSide)
FLT_R2__many_to_many_one_way = judged_by(_LinksOneWay)
FLT_R2__changed_records_only = swapping(cycle=_ChangedRecordsOnly)
FLT_R2__related_leave_with_their_record = swapping(cycle=_RelatedLeaveWithTheirRecord)
FLT_R3__unit_and_below = judged_by(_UnitAndBelow)
FLT_R3__unit_users_only = judged_by(_UnitUsersOnly)
FLT_R3__first_option_only = judged_by(_FirstOptionOnly)
FLT_R3__my_records_only_completes_other = _checked_by(_OtherNeedsMine)
FLT_R4__counts_per_profile = _checked_by(_CustomFiltersPerProfile)
FLT_R4__teams_include_the_user = judged_by(_TeamsIncludeTheUser)
FLT_R4__unit_of_users_only = judged_by(_UnitOfUsersOnly)


# -- FLT-R2..R4 on a later sync: records changed since, and the side holding a lookup ------------------
class _LookupSideNotFollowed(Judge):
    """Follows a one-to-many association only from the record a lookup points at, never from the one holding it."""

    def forward(self, source: str, ids: set[str]) -> dict[str, set[str]]:
        found = super().forward(source, ids)
        for edge in self.edges:
            relationship = edge.relationship
            if edge.source == source and relationship.kind == "one_to_many" and relationship.referenced != source:
                found[edge.target] = set()
        return found


class _LastAssociationWins(Judge):
    """Of two associations from one entity to the same other entity, only the one named last brings records."""

    def __init__(self, scope: Scope, server: ServerStore, notes: bool = True) -> None:
        super().__init__(scope, server, notes)
        self.edges = tuple({(edge.source, edge.target): edge for edge in self.edges}.values())


class _LinksReplaceLookups(Judge):
    """Of an entity reached through a lookup and a many-to-many association, only the linked records come."""

    def forward(self, source: str, ids: set[str]) -> dict[str, set[str]]:
        found = super().forward(source, ids)
        for edge in self.edges:
            if edge.source == source and edge.relationship.kind == "many_to_many":
                linked = self.index.linked(edge.relationship.name, ids)
                found[edge.target] = self.index.existing(edge.target, linked)
        return found


class _ViewerTestsAnsweredByOwner(Judge):
    """Finds the candidates of a user, team or business unit test in the owner index, whatever column it names."""

    def _custom_candidates(self, entity: str, custom: list[Condition]) -> set[str]:
        owner = [dataclasses.replace(c, field="ownerid") if c.operator in VIEWER_OPERATORS else c for c in custom]
        return super()._custom_candidates(entity, owner)


class _CustomFilterReplacesTheOthers(Judge):
    """With a custom filter on an entity, downloads only what its custom filters admit, not its owners' records too."""

    def ruled(self, entity: str, record: Fields) -> bool:
        item = self.test(entity).item
        if item is None or not item.rules.custom:
            return super().ruled(entity, record)
        return all(meets(c, record, self.viewer) for c in item.rules.custom)

    def by_rules(self, entity: str) -> set[str]:
        item = self.test(entity).item
        if item is None or not item.rules.custom:
            return super().by_rules(entity)
        candidates = self._custom_candidates(entity, item.rules.custom)
        get = self.server.get
        return self.passing(entity, {i for i in candidates if (r := get(entity, i)) and self.ruled(entity, r)})


class _FollowsOnlyForward(Judge):
    """Follows an association only from an entity the profile names before the entity it brings."""

    def forward(self, source: str, ids: set[str]) -> dict[str, set[str]]:
        order = list(self.scope.profile.items)
        found = super().forward(source, ids)
        return {t: r for t, r in found.items() if t not in order or order.index(source) < order.index(t)}


class _OneToManyNotTracedBack(Judge):
    """On a later sync, a changed record a one-to-many association brought is not traced back to what brought it."""

    def related_back(self, edge: Edge, record_id: str) -> set[str]:
        return super().related_back(edge, record_id) if edge.relationship.kind == "many_to_many" else set()


class _TeamRuleFirstSyncOnly(Judge):
    """Judges a record changed between two syncs without 'my team's records' (the first sync had it right)."""

    def ruled(self, entity: str, record: Fields) -> bool:
        teams, self.teams = self.teams, frozenset()
        try:
            return super().ruled(entity, record)
        finally:
            self.teams = teams


class _TeamCandidatesFromUnit(Judge):
    """Looks for 'owned by one of my teams' among her business unit's owners: a team of another unit is missed."""

    def _custom_candidates(self, entity: str, custom: list[Condition]) -> set[str]:
        if custom[0].field == "ownerid" and custom[0].operator == "eq-userteams":
            return self.index.owned(entity, set(self.viewer.unit_owners))
        return super()._custom_candidates(entity, custom)


class _RulesRedoneBlind(Membership):
    """On a later sync, works every entity's rules out again in full, and so never adds a record that newly passes
    them to an entity an association also fills."""

    def _rerule(
        self, judge: Judge, full: set[str], recheck: Ids, journal: Journal, moved: dict[tuple[str, str], bool]
    ) -> None:
        super()._rerule(judge, full | set(judge.scope.profile.items), recheck, journal, moved)


class _DayCountsFrozen(Membership):
    """On a later sync, re-tests the records a day count admits only when they change, not as the days pass."""

    def _invalidated(self, scope: Scope, judge: Judge, changed: Ids) -> tuple[set[str], Ids, bool]:
        return super()._invalidated(dataclasses.replace(scope, now=self.scope.now), judge, changed)


class _ForgetfulJournal(Journal):
    """A journal that keeps its undo in another's, and says an add changed nothing."""

    def __init__(self, journal: Journal) -> None:
        self.undo = journal.undo

    def add(self, ids: set[str], record_id: str) -> bool:
        super().add(ids, record_id)
        return False


class _RederivedOnce(Membership):
    """On a later sync, puts back the related records in doubt in one pass only: one supported through another
    record in doubt that comes back later in the same pass is lost."""

    def _reclose(self, judge: Judge, recheck: Ids, journal: Journal, moved: dict[tuple[str, str], bool]) -> None:
        super()._reclose(judge, recheck, _ForgetfulJournal(journal), moved)


class _NewKeysOutliveTheUndo(Journal):
    """A journal (keeping its undo in another's) whose undo of a put that added a key leaves the key in place."""

    def __init__(self, journal: Journal) -> None:
        self.undo = journal.undo

    def put(self, mapping: dict[str, object], key: str, value: object) -> None:
        if key in mapping:
            super().put(mapping, key, value)
        mapping[key] = value


class _NewEntitiesKeptOnRollback(Membership):
    """A dropped sync keeps what it worked out for an entity new to the profile: the next sync sends none of it."""

    def _rerule(
        self, judge: Judge, full: set[str], recheck: Ids, journal: Journal, moved: dict[tuple[str, str], bool]
    ) -> None:
        super()._rerule(judge, full, recheck, _NewKeysOutliveTheUndo(journal), moved)


class _ReshapedWithoutChanges(Membership):
    """A profile change that reshapes the subscription sends down only the records that moved in or out, not
    those changed on the server meanwhile."""

    def _replace(self, fresh: Membership, changed: Ids, rescoped: bool) -> Advance:
        return super()._replace(fresh, {}, rescoped)


class _ReshapedKeepsLeavers(Membership):
    """A profile change that reshapes the subscription looks only at the entities of the new profile: an entity
    taken out keeps its records on the device."""

    def _replace(self, fresh: Membership, changed: Ids, rescoped: bool) -> Advance:
        found = super()._replace(fresh, changed, rescoped)
        found.touched = {entity: ids for entity, ids in found.touched.items() if entity in fresh.members}
        return found


class _LookupMovesMaskedByOtherChanges(Membership):
    """On a later sync that also brings a change to a related record the device does not hold (a new note on a
    record elsewhere), looks again only at the related entities: the lookups changed in the interval go unseen."""

    def _reclose(self, judge: Judge, recheck: Ids, journal: Journal, moved: dict[tuple[str, str], bool]) -> None:
        if any(ids - self.members.get(e, set()) for e, ids in recheck.items() if e in judge.targets):
            recheck = {e: ids for e, ids in recheck.items() if e in judge.targets}
        super()._reclose(judge, recheck, journal, moved)


class _RelatedChangesUnseenWhenAParentLeaves(Membership):
    """On a later sync where a record that brought related records leaves, does not look again at the related records
    changed in the same interval: one re-pointed to a record the device does not hold stays."""

    def _reclose(self, judge: Judge, recheck: Ids, journal: Journal, moved: dict[tuple[str, str], bool]) -> None:
        if any(was and e not in judge.targets and not self.member(e, i) for (e, i), was in moved.items()):
            recheck = {e: ids for e, ids in recheck.items() if e not in judge.targets}
            kept = {key: was for key, was in moved.items() if key[0] not in judge.targets}
            super()._reclose(judge, recheck, journal, kept)
            for key, was in kept.items():
                moved.setdefault(key, was)
            return
        super()._reclose(judge, recheck, journal, moved)


class _ArrivalsNotFollowed(Membership):
    """On a later sync, a record that comes into its own entity's rule does not bring its related records: only
    records changed on the server are followed."""

    def _reclose(self, judge: Judge, recheck: Ids, journal: Journal, moved: dict[tuple[str, str], bool]) -> None:
        arrived = [key for key, was in moved.items() if not was and key[0] not in judge.targets]
        moved.update(dict.fromkeys(arrived, True))
        super()._reclose(judge, recheck, journal, moved)
        moved.update(dict.fromkeys(arrived, False))


class _ChangesLostWhenTheWindowMoves(Membership):
    """On a later sync where the clock moved, tests again an entity with a time window only for the records the
    window's move (or a change of privileges) puts in doubt: the records changed on the server since are not."""

    def _invalidated(self, scope: Scope, judge: Judge, changed: Ids) -> tuple[set[str], Ids, bool]:
        full, recheck, reshaped = super()._invalidated(scope, judge, changed)
        if scope.now != self.scope.now:
            for entity in scope.profile.windows:
                if doubted := recheck.get(entity, set()) - changed.get(entity, set()):
                    recheck[entity] = doubted
        return full, recheck, reshaped


class _AssociationsChangedInPlace(Membership):
    """A profile change that only changes associations (the entities they fill stay the same) moves the
    subscription on record by record: an association added brings nothing until its records change."""

    def _invalidated(self, scope: Scope, judge: Judge, changed: Ids) -> tuple[set[str], Ids, bool]:
        full, recheck, _ = super()._invalidated(scope, judge, changed)
        removed = set(self.scope.profile.items) - set(scope.profile.items)
        return full, recheck, bool(full & judge.targets or removed)


class _TakenOutInPlace(Membership):
    """A profile change that takes an entity out, and changes no association, moves the subscription on record by
    record over the entities left: the entity taken out keeps its records on the device."""

    def _invalidated(self, scope: Scope, judge: Judge, changed: Ids) -> tuple[set[str], Ids, bool]:
        full, recheck, _ = super()._invalidated(scope, judge, changed)
        associations_changed = self.scope.profile.associations != scope.profile.associations
        return full, recheck, associations_changed or bool(full & judge.targets)


FLT_R2__lookup_side_not_followed = judged_by(_LookupSideNotFollowed)
FLT_R2__last_association_wins = judged_by(_LastAssociationWins)
FLT_R2__links_replace_lookups = judged_by(_LinksReplaceLookups)
FLT_R2__follows_only_forward = judged_by(_FollowsOnlyForward)
FLT_R1__dropped_sync_keeps_new_entities = swapping(membership=_NewEntitiesKeptOnRollback)
FLT_R2__rules_of_a_filled_entity_redone_blind = swapping(membership=_RulesRedoneBlind)
FLT_R2__changed_related_record_dropped = judged_by(_OneToManyNotTracedBack)
FLT_R2__related_records_rederived_once = swapping(membership=_RederivedOnce)
FLT_R2__lookup_moves_masked_by_other_changes = swapping(membership=_LookupMovesMaskedByOtherChanges)
FLT_R2__related_changes_unseen_when_a_parent_leaves = swapping(membership=_RelatedChangesUnseenWhenAParentLeaves)
FLT_R2__arrivals_not_followed = swapping(membership=_ArrivalsNotFollowed)
FLT_R2__association_added_in_place = swapping(membership=_AssociationsChangedInPlace)
FLT_R1__reshaping_change_drops_server_changes = swapping(membership=_ReshapedWithoutChanges)
FLT_R1__reshaping_change_keeps_leaving_entities = swapping(membership=_ReshapedKeepsLeavers)
FLT_R1__entity_taken_out_in_place = swapping(membership=_TakenOutInPlace)
FLT_R3__changed_team_record_dropped = judged_by(_TeamRuleFirstSyncOnly)
FLT_R4__team_candidates_from_unit = judged_by(_TeamCandidatesFromUnit)
FLT_R4__viewer_tests_answered_by_owner = judged_by(_ViewerTestsAnsweredByOwner)
FLT_R3__custom_filter_replaces_the_others = judged_by(_CustomFilterReplacesTheOthers)
FLT_R4__day_counts_frozen = swapping(membership=_DayCountsFrozen)
FLT_R4__changes_lost_when_the_window_moves = swapping(membership=_ChangesLostWhenTheWindowMoves)


# -- FLT-ORG1, FLT-ORG2: the org data filter -------------------------------------------------------
class _CountsItself(ProfileCheck):
    """Counts a profile being published again as another profile sharing its entities."""

    def check_org_filters(self) -> None:
        super().check_org_filters()
        earlier = self.profiles.published.get(self.profile.name)
        warned = {w.entity for w in self.warnings if w.claim == "FLT-ORG1"}
        for entity in sorted({i.entity for i in earlier.items} & set(self.items) - warned if earlier else set()):
            if not self.profiles.org_filter(entity):
                self.warn("FLT-ORG1", f"{entity} is used across profiles but has no org data filter", entity)


class _OrganizationOwnedOnly(ProfileCheck):
    """Warns only about organization-owned entities, taking business-unit-owned ones as filtered by default."""

    def warn(self, claim: str, message: str, entity: str | None = None, limit: str | None = None) -> None:
        meta = self.profiles.metadata.entities.get(entity or "")
        if claim != "FLT-ORG1" or meta is None or meta.ownership != "business_unit":
            super().warn(claim, message, entity, limit)


class _BusinessUnitOwnedFiltered(Profiles):
    """Gives business-unit-owned entities the 10-day default too; only organization-owned ones have none."""

    def org_filter(self, entity: str) -> list[Condition] | None:
        if entity not in self.org_filters and self.metadata.entities[entity].ownership == "business_unit":
            return list(DEFAULT)
        return super().org_filter(entity)


class _StandardEntitiesOnly(Profiles):
    """Gives the 10-day default to the standard entities only: custom entities have none."""

    def org_filter(self, entity: str) -> list[Condition] | None:
        return (
            None
            if entity not in self.org_filters and self.metadata.entities[entity].custom
            else super().org_filter(entity)
        )


class _UnownedNeverFiltered(Profiles):
    """Ignores an org data filter set on an organization-owned entity."""

    def org_filter(self, entity: str) -> list[Condition] | None:
        return None if self.metadata.entities[entity].ownership == "organization" else super().org_filter(entity)


class _OtherProfilesEntities(ProfileCheck):
    """Warns about each unfiltered entity of the other profiles, whether or not this profile takes it."""

    def check_org_filters(self) -> None:
        super().check_org_filters()
        others = {i.entity for p in self.profiles.published.values() if p.name != self.profile.name for i in p.items}
        for entity in sorted(others - set(self.items)):
            if not self.profiles.org_filter(entity):
                message = f"{entity} is used across profiles but has no org data filter rule"
                self.warn("FLT-ORG1", message, entity, "an org data filter rule for each shared entity")


FLT_ORG1__counts_itself = _checked_by(_CountsItself)
FLT_ORG1__organization_owned_only = _checked_by(_OrganizationOwnedOnly)
FLT_ORG1__other_profiles_entities = _checked_by(_OtherProfilesEntities)
FLT_ORG2__business_unit_owned_filtered = swapping(profiles=_BusinessUnitOwnedFiltered)
FLT_ORG2__standard_entities_only = swapping(profiles=_StandardEntitiesOnly)
FLT_ORG2__set_filter_ignored_when_unowned = swapping(profiles=_UnownedNeverFiltered)
FLT_ORG2__changed_records_only = swapping(cycle=_ChangedRecordsOnly)


class _ColumnFilterFirstSyncOnly(Judge):
    """Judges a record changed between two syncs by the org data filter's time window only, not its columns."""

    def passes(self, entity: str, record: Fields, filtered: bool = True) -> bool:
        test = self.test(entity)
        self.tests[entity] = dataclasses.replace(test, conditions=[])
        try:
            return super().passes(entity, record, filtered)
        finally:
            self.tests[entity] = test


class _RelatedSkipOrgFilter(Judge):
    """Records an association brings skip the org data filter: the record they hang off passed it."""

    def admitted_through(self, target: str, ids: set[str]) -> set[str]:
        if target == NOTE or not self._takes_related(target):
            return super().admitted_through(target, ids)
        return self.passing(target, ids, filtered=False)


class _AnyDayCountIsTheWindow(Judge):
    """Takes an org data filter's day count on any date column for its modified-on time window."""

    def test(self, entity: str) -> EntityTest:
        found = self.tests.get(entity) or super().test(entity)
        days = [c.value for c in found.conditions if c.operator == "last-x-days" and isinstance(c.value, int)]
        if days:
            kept = [c for c in found.conditions if c.operator != "last-x-days"]
            found = dataclasses.replace(found, since=window_start(min(days), self.scope.now), conditions=kept)
        self.tests[entity] = found
        return found


class _OwnerRulesNeedAWindow(Judge):
    """Finds a rule on owners' records through the org data filter's time window only: cleared, it finds none."""

    def _within(self, entity: str, owners: set[str] | None = None) -> set[str]:
        if owners is not None and self.test(entity).since is None:
            return set()
        return super()._within(entity, owners)


class _LaterBoundaryExclusive(Judge):
    """On a later cycle, a changed record exactly as old as the org data filter's window stays on the server."""

    def passes(self, entity: str, record: Fields, filtered: bool = True) -> bool:
        since, modified = self.test(entity).since, record.get("modifiedon")
        if filtered and since is not None and isinstance(modified, str) and parse_iso(modified) == since:
            return False
        return super().passes(entity, record, filtered)


FLT_ORG2__column_filter_first_sync_only = judged_by(_ColumnFilterFirstSyncOnly)
FLT_ORG2__later_boundary_exclusive = judged_by(_LaterBoundaryExclusive)
FLT_ORG2__cleared_filter_empties_owner_rules = judged_by(_OwnerRulesNeedAWindow)
FLT_ORG2__any_day_count_is_the_window = judged_by(_AnyDayCountIsTheWindow)
FLT_ORG2__related_records_unfiltered = judged_by(_RelatedSkipOrgFilter)


# -- FLT-VOL: what a subscription counts -----------------------------------------------------------
class _NamedUsersOnly(Profiles):
    """Warns about the users the profile names, not about the members of its teams."""

    def _volume_warnings(self, profile: ProfileDefinition) -> list[Finding]:
        return super()._volume_warnings(dataclasses.replace(profile, teams=[]))


class _OwnedRecordsOnly(Profiles):
    """Counts a user's subscription as the records she owns herself."""

    def _volume_warnings(self, profile: ProfileDefinition) -> list[Finding]:
        limit, warnings = self.edition.recommended_records_per_user, []
        for user in sorted(self.users_of(profile)):
            count = sum(len(self.server.index.owned(entity, [user])) for entity in self.view(user).items)
            if count > limit:
                warnings.append(Finding("FLT-VOL", f"{user} owns {count:,} records", None, f"{limit:,} records"))
        return warnings


FLT_VOL__named_users_only = swapping(profiles=_NamedUsersOnly)
FLT_VOL__owned_records_only = swapping(profiles=_OwnedRecordsOnly)


class _NoLimitStated(ProfileCheck):
    """Publish errors name the claim, the entity and what is wrong, but not the limit they enforce."""

    def error(self, claim: str, message: str, entity: str | None = None, limit: str | None = None) -> None:
        super().error(claim, message, entity, None)


FLT_R2__errors_state_no_limit = _checked_by(_NoLimitStated)
FLT_REL3__errors_state_no_limit = _checked_by(_NoLimitStated)


# -- REL-BAD: the administrator's unknown names ----------------------------------------------------
class _UnknownNamesAccepted(Profiles):
    """Adding users to an unknown profile starts it; an unknown entity's org data filter is kept for later."""

    def add_users(self, profile: str, users: list[str]) -> PublishResult:
        if profile not in self.published:
            return self.publish(ProfileDefinition(profile, [], users=users))
        return super().add_users(profile, users)

    def set_org_data_filter(self, entity: str, conditions: list[Condition] | None) -> None:
        self.org_filters[entity] = None if conditions is None else list(conditions)
        self.version += 1


class _AnyEntity(dict[str, ProfileItem]):
    """Profile items that claim to hold every entity."""

    def __contains__(self, entity: object) -> bool:
        return True


class _AssociationsLeaveTheProfile(ProfileCheck):
    """Accepts an association whose other side is not an item of the profile."""

    def check_associations(self) -> None:
        items, self.items = self.items, _AnyEntity(self.items)
        super().check_associations()
        self.items = items


class _FirstFaultyAssociationOnly(ProfileCheck):
    """Stops checking a profile's associations at the first one that is wrong."""

    def check_associations(self) -> None:
        whole, errors = self.profile, self.errors
        for count in range(1, len(whole.associations) + 1):
            self.errors, self.profile = (
                list(errors),
                dataclasses.replace(whole, associations=whole.associations[:count]),
            )
            super().check_associations()
            if len(self.errors) > len(errors):
                break
        self.profile = whole


REL_BAD__unknown_names_accepted = swapping(profiles=_UnknownNamesAccepted)
REL_BAD__associations_leave_the_profile = _checked_by(_AssociationsLeaveTheProfile)
REL_BAD__first_faulty_association_only = _checked_by(_FirstFaultyAssociationOnly)
