"""Seeded, streaming data sets near the page's limits: Faker value pools, an organization, records, a loader."""
