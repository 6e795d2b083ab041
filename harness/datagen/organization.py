"""The organization of a generated data set: business units, teams of users with managers, roles, the profile."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from harness.driver import Privilege, ProfileDefinition, ProfileItem, ProfileRules

OWNED_ENTITIES: tuple[str, ...] = ("account", "contact", "opportunity", "opportunityproduct", "lead", "incident")
OWNED_ENTITIES += ("appointment", "phonecall", "task")
SHARED_ENTITIES = ("product", "competitor")
ROOT_UNIT = "Contoso"
ADMINISTRATOR = "admin"
"""The implementation's built-in administrator: owner of the shared master data."""
SALESPERSON = "Salesperson"
"""The one role of the organization; every user holds it."""
REGIONS = ("North", "South", "East", "West", "Central")


@dataclass(frozen=True)
class OrgShape:
    """How many users, and how they group into business units and teams."""

    users: int
    users_per_unit: int = 100
    team_size: int = 50

    def user(self, number: int) -> str:
        """The name of user `number` (1-based)."""
        return f"user-{number:04d}"

    def unit_of(self, number: int) -> str:
        """The business unit of user `number`."""
        return f"Unit {(number - 1) // self.users_per_unit + 1:03d}"

    def team_of(self, number: int) -> str:
        """The one team user `number` belongs to."""
        return f"team-{(number - 1) // self.team_size + 1:03d}"

    def teams(self) -> list[str]:
        """Every team, in order."""
        return sorted({self.team_of(n) for n in range(1, self.users + 1)})

    def members(self, team: str) -> list[str]:
        """The users of `team`."""
        return [self.user(n) for n in range(1, self.users + 1) if self.team_of(n) == team]


def salesperson_role() -> list[Privilege]:
    """Own and team records of the sales entities; read the shared master data."""
    owned = [Privilege(e, a, "user") for e in OWNED_ENTITIES for a in ("create", "read", "write", "delete", "append")]
    return owned + [Privilege(e, "read", "organization") for e in SHARED_ENTITIES]


def field_sales_profile(shape: OrgShape) -> ProfileDefinition:
    """Everyone's profile: own and team records of the sales entities, all of the small master data."""
    items = [ProfileItem(e, ProfileRules(mine=True, my_teams=True)) for e in OWNED_ENTITIES]
    items += [ProfileItem(e, ProfileRules(all_records=True), small_master_data=True) for e in SHARED_ENTITIES]
    return ProfileDefinition("Field sales", items, users=[shape.user(n) for n in range(1, shape.users + 1)])


def organization_events(shape: OrgShape) -> Iterator[dict[str, object]]:
    """The organization as data-set lines, parents before children, users before the teams naming them."""
    yield {"kind": "business_unit", "name": ROOT_UNIT, "parent": None}
    units = sorted({shape.unit_of(n) for n in range(1, shape.users + 1)})
    for index, unit in enumerate(units):
        region = f"{ROOT_UNIT} {REGIONS[index % len(REGIONS)]}"
        if index < len(REGIONS):
            yield {"kind": "business_unit", "name": region, "parent": ROOT_UNIT}
        yield {"kind": "business_unit", "name": unit, "parent": region}
    yield {"kind": "role", "name": SALESPERSON, "privileges": salesperson_role()}
    for number in range(1, shape.users + 1):
        first_of_unit = (number - 1) // shape.users_per_unit * shape.users_per_unit + 1
        manager = None if number == first_of_unit else shape.user(first_of_unit)
        yield {"kind": "user", "name": shape.user(number), "business_unit": shape.unit_of(number), "manager": manager}
    for team in shape.teams():
        members = shape.members(team)
        unit = shape.unit_of(int(members[0].removeprefix("user-")))
        yield {"kind": "team", "name": team, "business_unit": unit, "members": members}
