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


POOL_METHODS = {
    "companies": "company",
    "first_names": "first_name",
    "last_names": "last_name",
    "cities": "city",
    "phones": "phone_number",
    "emails": "company_email",
    "job_titles": "job",
    "products": "product_name",
    "case_titles": "case_title",
    "subjects": "activity_subject",
    "deals": "deal_name",
    "sentences": "sentence",
}
"""Which Faker method fills each pool."""


def build_pools(seed: int, size: int = POOL_SIZE) -> Pools:
    """Draw every pool from a Faker seeded with `seed` (same seed, same pools)."""
    fake = faker_for(seed)
    return Pools(
        **{pool: tuple(str(getattr(fake, method)()) for _ in range(size)) for pool, method in POOL_METHODS.items()}
    )
