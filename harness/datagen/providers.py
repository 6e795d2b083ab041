"""Faker providers for the CRM's vocabulary: data in class attributes, one small method per value."""

from __future__ import annotations

from faker.providers import BaseProvider


class CrmProvider(BaseProvider):
    """Values a sales organization's records are made of."""

    industries = ("Manufacturing", "Retail", "Healthcare", "Energy", "Logistics", "Finance", "Hospitality")
    product_families = ("Pump", "Valve", "Boiler", "Sensor", "Controller", "Filter", "Compressor", "Meter")
    product_grades = ("S", "X", "Pro", "Lite", "Max", "Eco")
    case_topics = ("leak", "no power", "noisy bearing", "firmware fault", "late delivery", "wrong invoice")
    activity_topics = ("Site visit", "Follow-up", "Quarterly review", "Demo", "Price discussion", "Kick-off")
    deal_words = ("upgrade", "renewal", "expansion", "retrofit", "service plan", "pilot")
    regions = ("North", "South", "East", "West", "Central")

    def industry(self) -> str:
        """An industry name."""
        return self.random_element(self.industries)

    def product_name(self) -> str:
        """A product name such as 'Pump X200'."""
        grade = self.random_element(self.product_grades)
        return f"{self.random_element(self.product_families)} {grade}{self.random_int(100, 990)}"

    def case_title(self) -> str:
        """A support case title."""
        return f"{self.random_element(self.product_families)}: {self.random_element(self.case_topics)}"

    def activity_subject(self) -> str:
        """An activity subject."""
        return self.random_element(self.activity_topics)

    def deal_name(self) -> str:
        """An opportunity or lead subject."""
        return f"{self.random_element(self.product_families)} {self.random_element(self.deal_words)}"

    def region(self) -> str:
        """A sales region."""
        return self.random_element(self.regions)
