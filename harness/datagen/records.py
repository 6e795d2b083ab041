"""Record lines composed from pre-encoded value pools with a seeded random.Random, fast enough for the limits."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from harness.datagen.pools import POOL_METHODS, Pools
from harness.driver import SIMULATION_START

MIX = {"account": 25, "contact": 25, "opportunity": 10, "opportunityproduct": 10, "lead": 8, "incident": 7}
MIX |= {"appointment": 5, "phonecall": 5, "task": 5}
PREFIX = {"opportunityproduct": "opp-prod", "phonecall": "call", "appointment": "appt", "competitor": "comp"}


def recent_timestamps(rng: random.Random, count: int = 2_000, days: float = 9.0) -> tuple[str, ...]:
    """ISO instants spread over the `days` before the simulation starts (inside the default org data filter)."""
    start = datetime.fromisoformat(SIMULATION_START.replace("Z", "+00:00")).timestamp()
    instants = (datetime.fromtimestamp(start - rng.random() * days * 86_400, UTC) for _ in range(count))
    return tuple(i.isoformat(timespec="seconds").replace("+00:00", "Z") for i in instants)


class Composer:
    """Writes one record at a time as a JSON line; ids are deterministic counters per entity."""

    def __init__(self, pools: Pools, rng: random.Random, products: int) -> None:
        self.random = rng.random
        self.products = products
        self.encoded = {pool: tuple(json.dumps(v) for v in getattr(pools, pool)) for pool in POOL_METHODS}
        self.stamps = tuple(json.dumps(stamp) for stamp in recent_timestamps(rng))
        self.mix = tuple(entity for entity, weight in MIX.items() for _ in range(weight))
        self.counters: dict[str, int] = {}
        self.latest: dict[tuple[str, str], str] = {}
        self.builders: dict[str, Callable[[str], str]] = {
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

    def value(self, pool: str) -> str:
        """A JSON-encoded value drawn uniformly from a pool."""
        values = self.encoded[pool]
        return values[int(self.random() * len(values))]

    def number(self, low: int, high: int) -> int:
        """A whole number in [low, high)."""
        return low + int(self.random() * (high - low))

    def record(self, entity: str, owner: str) -> str:
        """A new record of `entity` owned by `owner`, as one JSON line tagged with its entity."""
        number = self.counters.get(entity, 0) + 1
        self.counters[entity] = number
        record_id = f"{PREFIX.get(entity, entity[:4])}-{number:07d}"
        fields = self.builders[entity](owner)
        self.latest[(entity, owner)] = record_id
        stamp = self.stamps[int(self.random() * len(self.stamps))]
        head = f'{{"entity":"{entity}","id":"{record_id}","ownerid":{json.dumps(owner)},"modifiedon":{stamp}'
        return f"{head}{fields}}}\n"

    def owned(self, owner: str, count: int) -> Iterator[str]:
        """`count` records of the sales mix owned by `owner`."""
        mix = self.mix
        for _ in range(count):
            yield self.record(mix[int(self.random() * len(mix))], owner)

    def _ref(self, column: str, entity: str, owner: str) -> str:
        """A lookup to the owner's latest record of `entity`, if there is one."""
        found = self.latest.get((entity, owner))
        return f',"{column}":{{"entity":"{entity}","id":"{found}"}}' if found else ""

    def account(self, owner: str) -> str:
        v = self.value
        return f',"name":{v("companies")},"address1_city":{v("cities")},"telephone1":{v("phones")}'

    def contact(self, owner: str) -> str:
        v = self.value
        names = f',"firstname":{v("first_names")},"lastname":{v("last_names")}'
        account = self._ref("parentcustomerid", "account", owner)
        return f'{names},"jobtitle":{v("job_titles")},"emailaddress1":{v("emails")}{account}'

    def opportunity(self, owner: str) -> str:
        account = self._ref("customerid", "account", owner)
        return f',"name":{self.value("deals")},"estimatedvalue":{self.number(1_000, 500_000)}{account}'

    def opportunity_product(self, owner: str) -> str:
        product = f'{{"entity":"product","id":"prod-{self.number(1, self.products + 1):07d}"}}'
        return f',"quantity":{self.number(1, 50)},"productid":{product}' + self._ref(
            "opportunityid", "opportunity", owner
        )

    def lead(self, owner: str) -> str:
        v = self.value
        return f',"subject":{v("deals")},"companyname":{v("companies")},"lastname":{v("last_names")}'

    def incident(self, owner: str) -> str:
        return f',"title":{self.value("case_titles")},"description":{self.value("sentences")}'

    def activity(self, owner: str) -> str:
        stamp = self.stamps[int(self.random() * len(self.stamps))]
        return f',"subject":{self.value("subjects")},"scheduledend":{stamp}'

    def product(self, owner: str) -> str:
        return f',"name":{self.value("products")},"price":{self.number(10, 5_000)}'

    def competitor(self, owner: str) -> str:
        return f',"name":{self.value("companies")},"websiteurl":"https://example.com/{self.number(0, 10**6)}"'
