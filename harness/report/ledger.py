"""The claim ledger: each claim of the catalog with its scenarios and verdict, as one HTML file and as Markdown."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from jinja2 import Environment, PackageLoader, StrictUndefined

from harness.claims import Claim
from harness.report.record import RunRecord
from harness.report.scenarios import ScenarioView, views
from harness.report.status import CLAIM_VERDICTS, STATUSES, ClaimVerdict, claim_verdict

RUN_HEADER_START = "<!-- run header: differs between runs -->"
RUN_HEADER_END = "<!-- end of run header -->"
"""Everything between these markers may change between two runs of the same tree; nothing else does."""


@dataclass(frozen=True)
class ClaimRow:
    """One claim of the catalog, its scenarios and its verdict."""

    claim: Claim
    verdict: ClaimVerdict
    scenarios: list[ScenarioView]

    @property
    def counts(self) -> list[tuple[str, int]]:
        """Its scenarios by status, in the status table's order, zeros left out."""
        found = Counter(view.case.status for view in self.scenarios)
        return [(name, found[name]) for name in STATUSES if found[name]]

    @property
    def tags(self) -> list[str]:
        """Every tag of its scenarios, sorted."""
        return sorted({tag.name for view in self.scenarios for tag in view.tags})


@dataclass(frozen=True)
class Ledger:
    """A record seen claim by claim."""

    record: RunRecord

    @cached_property
    def scenarios(self) -> list[ScenarioView]:
        """Every scenario of the record, in feature order."""
        return views(self.record)

    @cached_property
    def claims(self) -> list[ClaimRow]:
        """Every claim of the record's catalog, in catalog order."""
        rows = []
        for claim in self.record.run.catalog:
            mine = [view for view in self.scenarios if claim.id in view.claims]
            rows.append(ClaimRow(claim, claim_verdict([v.case.status for v in mine], claim.pending), mine))
        return rows

    @cached_property
    def outside(self) -> list[ScenarioView]:
        """Scenarios that check no claim of the catalog (their tags name none, or unknown ones)."""
        known = {claim.id for claim in self.record.run.catalog}
        return [view for view in self.scenarios if not set(view.claims) & known]

    def claim_totals(self) -> list[tuple[ClaimVerdict, int]]:
        """Claims by verdict, most severe first, zeros included: they add up to the catalog."""
        found = Counter(row.verdict.name for row in self.claims)
        return [(verdict, found[name]) for name, verdict in CLAIM_VERDICTS.items()]

    def scenario_totals(self) -> list[tuple[str, int]]:
        """Scenarios by status, zeros left out."""
        found = Counter(view.case.status for view in self.scenarios)
        return [(name, found[name]) for name in STATUSES if found[name]]

    @property
    def sections(self) -> list[str]:
        """The catalog's sections, in catalog order."""
        return list(dict.fromkeys(claim.section for claim in self.record.run.catalog))

    @property
    def tags(self) -> list[str]:
        """Every tag of every scenario except claim tags, sorted."""
        return sorted({tag.name for view in self.scenarios for tag in view.tags if not tag.name.startswith("@claim:")})


def environment(autoescape: bool) -> Environment:
    """The Jinja2 environment of every page of the report (templates shipped as package data)."""
    env = Environment(
        loader=PackageLoader("harness.report", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(STATUSES=STATUSES, CLAIM_VERDICTS=CLAIM_VERDICTS, RUN_HEADER_START=RUN_HEADER_START)
    env.globals.update(RUN_HEADER_END=RUN_HEADER_END)
    env.filters["seconds"] = lambda ns: f"{ns / 1e9:.1f} s"
    env.filters["utc"] = _utc
    return env


def _utc(ns: int) -> str:
    """An epoch time in nanoseconds as ISO 8601 UTC, to the second."""
    import datetime

    return datetime.datetime.fromtimestamp(ns / 1e9, tz=datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_html(record: RunRecord) -> str:
    """The ledger as one self-contained HTML page (styles and script inline, nothing fetched)."""
    return environment(True).get_template("ledger.html.j2").render(ledger=Ledger(record), run=record.run)


def render_markdown(record: RunRecord) -> str:
    """The ledger as Markdown, for a pull request."""
    return environment(False).get_template("ledger.md.j2").render(ledger=Ledger(record), run=record.run)
