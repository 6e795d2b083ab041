"""Deliberately broken implementations, each breaking exactly one claim about profiles and filters (FLT)."""

from __future__ import annotations

import dataclasses

from harness.driver import Condition, ProfileDefinition
from harness.reference.editions import DEFAULT_EDITION
from harness.reference.profiles import ProfileCheck, Profiles
from tests.broken.swap import Factory, swapping


def _with_limits(**edition_changes: int) -> Factory:
    """The reference with other limits."""
    return swapping(edition=dataclasses.replace(DEFAULT_EDITION, **edition_changes))


def _forgetting(claim: str) -> Factory:
    """The reference, except that publishing never reports errors or warnings of `claim`."""

    class Forgetful(ProfileCheck):
        def error(self, claim_id: str, message: str, entity: str | None = None, limit: str | None = None) -> None:
            if claim_id != claim:
                super().error(claim_id, message, entity, limit)

        def warn(self, claim_id: str, message: str, entity: str | None = None, limit: str | None = None) -> None:
            if claim_id != claim:
                super().warn(claim_id, message, entity, limit)

    class ForgetfulProfiles(Profiles):
        def validate(self, profile: ProfileDefinition) -> ProfileCheck:
            check = Forgetful(self, profile)
            check.run()
            return check

    return swapping(profiles=ForgetfulProfiles)


class _ElevenDayDefault(Profiles):
    """The default org data filter keeps 11 days instead of 10."""

    def org_filter(self, entity: str) -> list[Condition] | None:
        found = super().org_filter(entity)
        return [Condition("modifiedon", "last-x-days", 11)] if entity not in self.org_filters and found else found


FLT_PU = _with_limits(max_profile_users=10**6)
FLT_REL1 = _with_limits(max_relationships_per_entity=11)
FLT_REL2 = _with_limits(max_one_to_many_per_entity=2)
FLT_REL3 = _forgetting("FLT-REL3")
FLT_R0 = _forgetting("FLT-R0")
FLT_R1 = _forgetting("FLT-R1")
FLT_R2 = _forgetting("FLT-R2")
FLT_R3 = _forgetting("FLT-R3")
FLT_R4 = _with_limits(max_custom_filters=4)
FLT_ORG1 = _forgetting("FLT-ORG1")
FLT_ORG2 = swapping(profiles=_ElevenDayDefault)
FLT_VOL = _with_limits(recommended_records_per_user=10_001)
