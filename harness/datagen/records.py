"""Records composed from value pools with a seeded random.Random, aimed at a subscription size per user."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from harness.datagen.pools import Pools
from harness.driver import SIMULATION_START, Fields

MIX = {"account": 25, "contact": 25, "opportunity": 10, "opportunityproduct": 10, "lead": 8, "incident": 7}
MIX |= {"appointment": 5, "phonecall": 5, "task": 5}
PREFIX = {"opportunityproduct": "opp-prod", "phonecall": "call", "appointment": "appt", "competitor": "comp"}


def recent_timestamps(rng: random.Random, count: int = 2_000, days: float = 9.0) -> tuple[str, ...]:
    """ISO instants spread over the `days` before the simulated epoch (inside the default org data filter)."""
    epoch = datetime.fromisoformat(SIMULATION_START.replace("Z", "+00:00")).timestamp()
    instants = (datetime.fromtimestamp(epoch - rng.random() * days * 86_400, UTC) for _ in range(count))
    return tuple(i.isoformat(timespec="seconds").replace("+00:00", "Z") for i in instants)


@dataclass
class Composer:
    """Builds one record of an entity at a time; ids are deterministic counters."""

    pools: Pools
    rng: random.Random
    products: int = 0
    counters: dict[str, int] = field(default_factory=dict)
    latest: dict[tuple[str, str], str] = field(default_factory=dict)
    stamps: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.stamps = recent_timestamps(self.rng)
        self.random = self.rng.random
        self.mix = tuple(entity for entity, weight in MIX.items() for _ in range(weight))
        self.builders: dict[str, Callable[[str], Fields]] = {
            "account": self.account,
            "contact": self.contact,
            "opportunity": self.opportunity,
            "opportunityproduct": self.opportunity_product,
            "lead": self.lead,
            "incident": self.incident,
            "appointment": self.activity,
            "phonecall": self.activity,
            "task": self.activity,
            "product": self.product,
            "competitor": self.competitor,
        }

    def pick(self, values: tuple[str, ...]) -> str:
        """One of `values`, uniformly (faster than random.choice, same seeded stream)."""
        return values[int(self.random() * len(values))]

    def number(self, low: int, high: int) -> int:
        """A whole number in [low, high)."""
        return low + int(self.random() * (high - low))

    def record(self, entity: str, owner: str) -> Fields:
        """A new record of `entity` owned by `owner`, tagged with its entity."""
        number = self.counters.get(entity, 0) + 1
        self.counters[entity] = number
        record_id = f"{PREFIX.get(entity, entity[:4])}-{number:07d}"
        fields = self.builders[entity](owner)
        self.latest[(entity, owner)] = record_id
        return {
            "entity": entity,
            "id": record_id,
            "ownerid": owner,
            "modifiedon": self.pick(self.stamps),
            **fields,
        }

    def owned(self, owner: str, count: int) -> Iterator[Fields]:
        """`count` records of the sales mix owned by `owner`."""
        mix = self.mix
        for _ in range(count):
            yield self.record(self.pick(mix), owner)

    def _ref(self, entity: str, owner: str) -> Fields | None:
        found = self.latest.get((entity, owner))
        return {"entity": entity, "id": found} if found else None

    def account(self, owner: str) -> Fields:
        pools, choice = self.pools, self.pick
        return {
            "name": choice(pools.companies),
            "address1_city": choice(pools.cities),
            "telephone1": choice(pools.phones),
        }

    def contact(self, owner: str) -> Fields:
        pools, choice = self.pools, self.pick
        fields: Fields = {"firstname": choice(pools.first_names), "lastname": choice(pools.last_names)}
        fields["jobtitle"] = choice(pools.job_titles)
        fields["emailaddress1"] = choice(pools.emails)
        return fields | ({"parentcustomerid": ref} if (ref := self._ref("account", owner)) else {})

    def opportunity(self, owner: str) -> Fields:
        fields: Fields = {
            "name": self.pick(self.pools.deals),
            "estimatedvalue": self.number(1_000, 500_000),
        }
        return fields | ({"customerid": ref} if (ref := self._ref("account", owner)) else {})

    def opportunity_product(self, owner: str) -> Fields:
        fields: Fields = {"quantity": self.number(1, 50)}
        fields |= {"productid": {"entity": "product", "id": f"prod-{self.number(1, self.products + 1):07d}"}}
        return fields | ({"opportunityid": ref} if (ref := self._ref("opportunity", owner)) else {})

    def lead(self, owner: str) -> Fields:
        pools, choice = self.pools, self.pick
        return {
            "subject": choice(pools.deals),
            "companyname": choice(pools.companies),
            "lastname": choice(pools.last_names),
        }

    def incident(self, owner: str) -> Fields:
        return {"title": self.pick(self.pools.case_titles), "description": self.pick(self.pools.sentences)}

    def activity(self, owner: str) -> Fields:
        return {"subject": self.pick(self.pools.subjects), "scheduledend": self.pick(self.stamps)}

    def product(self, owner: str) -> Fields:
        return {"name": self.pick(self.pools.products), "price": self.number(10, 5_000)}

    def competitor(self, owner: str) -> Fields:
        return {
            "name": self.pick(self.pools.companies),
            "websiteurl": f"https://example.com/{self.number(0, 10**6)}",
        }
