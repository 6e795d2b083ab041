"""Value pools: Faker draws each kind of value once, a seeded random.Random composes records from them fast."""

from __future__ import annotations

from dataclasses import dataclass

from faker import Faker

from harness.datagen.providers import CrmProvider

POOL_SIZE = 1_000


@dataclass(frozen=True)
class Pools:
    """Tuples of realistic values, drawn once per seed."""

    companies: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    cities: tuple[str, ...]
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    job_titles: tuple[str, ...]
    products: tuple[str, ...]
    case_titles: tuple[str, ...]
    subjects: tuple[str, ...]
    deals: tuple[str, ...]
    sentences: tuple[str, ...]


def faker_for(seed: int) -> Faker:
    """A seeded English Faker with the CRM provider."""
    fake = Faker("en_US")
    fake.add_provider(CrmProvider)
    fake.seed_instance(seed)
    return fake


def build_pools(seed: int, size: int = POOL_SIZE) -> Pools:
    """Draw every pool from a Faker seeded with `seed` (same seed, same pools)."""
    fake = faker_for(seed)

    def draw(method: str) -> tuple[str, ...]:
        return tuple(str(getattr(fake, method)()) for _ in range(size))

    return Pools(
        companies=draw("company"),
        first_names=draw("first_name"),
        last_names=draw("last_name"),
        cities=draw("city"),
        phones=draw("phone_number"),
        emails=draw("company_email"),
        job_titles=draw("job"),
        products=draw("product_name"),
        case_titles=draw("case_title"),
        subjects=draw("activity_subject"),
        deals=draw("deal_name"),
        sentences=draw("sentence"),
    )
